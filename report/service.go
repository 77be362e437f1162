package report

import (
	"github.com/watsgo/sdk/internal/transport"
)

// Service submits, loads and queries reports. Get one from wats.Client.Report.
type Service struct {
	t       transport.Doer
	station Station // default station for the builders below; may be zero
}

// NewService wires a Service to the shared transport. wats.New calls it;
// users take the Service from the client instead.
func NewService(t transport.Doer, opts ...ServiceOption) *Service {
	s := &Service{t: t}
	for _, o := range opts {
		o(s)
	}
	return s
}

// ServiceOption configures a Service; wats.New passes the client's settings.
type ServiceOption func(*Service)

// WithDefaultStation makes the Service's builders (NewUUT, NewUUR,
// NewUURFromUUT) name this station unless the caller passes WithStation.
// wats.New sets it from wats.WithStation or WATS_STATION, so the station
// precedence is: explicit option > client setting > WATS_STATION > host name.
func WithDefaultStation(st Station) ServiceOption { return func(s *Service) { s.station = st } }

// Routes of the report API, spelled as the server documents them (WSJF/WSXF
// upper case on the POSTs, Wsjf/Wsxf on the GETs).
const (
	routeHeaders      = "/api/Report/Query/Header"
	routeHeadersMisc  = "/api/Report/Query/HeaderByMiscInfo"
	routeSubmitWSJF   = "/api/Report/WSJF"
	routeLoadWSJF     = "/api/Report/Wsjf/{id}"
	routeSubmitWSXF   = "/api/Report/WSXF"
	routeLoadWSXF     = "/api/Report/Wsxf/{id}"
	routeAttachment   = "/api/Report/Attachment"
	routeAttachments  = "/api/Report/Attachments/{id}"
	routeCertificate  = "/api/Report/Certificate/{id}"
	acceptAnyDownload = "*/*"
)
