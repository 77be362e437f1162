package asset

import (
	"context"
	"net/http"
	"time"

	"github.com/watsgo/sdk/internal/errs"
)

// EventOptions describe a calibration or maintenance that was done.
type EventOptions struct {
	// At is when it was done (query dateTime); zero lets the server use "now".
	At time.Time
	// Comment is logged with the event (query comment).
	Comment string
}

// wireDateLayout is ISO 8601 in UTC with at most seven fractional digits,
// the precision a .NET DateTime holds.
const wireDateLayout = "2006-01-02T15:04:05.9999999Z07:00"

// wireDate formats a query-string date-time.
func wireDate(t time.Time) string { return t.UTC().Format(wireDateLayout) }

func eventQuery(opts *EventOptions) map[string]string {
	extra := map[string]string{}
	if opts != nil {
		if !opts.At.IsZero() {
			extra["dateTime"] = wireDate(opts.At)
		}
		if opts.Comment != "" {
			extra["comment"] = opts.Comment
		}
	}
	return extra
}

// RecordCalibration records that the asset was calibrated; the server then
// recomputes the last and next calibration dates from the type's interval.
// It is a POST and therefore never retried.
//
// WATS API: POST /api/Asset/Calibration
func (s *Service) RecordCalibration(ctx context.Context, id Ident, opts *EventOptions) error {
	return s.identCall(ctx, &errs.ValidationError{Op: "asset.RecordCalibration"}, http.MethodPost, "/api/Asset/Calibration", id, eventQuery(opts))
}

// RecordMaintenance records that the asset was maintained; the server then
// recomputes the last and next maintenance dates from the type's interval.
// It is a POST and therefore never retried.
//
// WATS API: POST /api/Asset/Maintenance
func (s *Service) RecordMaintenance(ctx context.Context, id Ident, opts *EventOptions) error {
	return s.identCall(ctx, &errs.ValidationError{Op: "asset.RecordMaintenance"}, http.MethodPost, "/api/Asset/Maintenance", id, eventQuery(opts))
}
