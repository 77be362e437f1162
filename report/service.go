package report

import "github.com/watsgo/sdk/internal/transport"

// Service submits, loads and queries reports. Get one from wats.Client.Report.
type Service struct {
	t transport.Doer
}

// NewService wires a Service to the shared transport. wats.New calls it;
// users take the Service from the client instead.
func NewService(t transport.Doer) *Service { return &Service{t: t} }
