package asset

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/watsgo/sdk/internal/errs"
)

// EventOptions describe a calibration or maintenance that was done.
type EventOptions struct {
	// At is when it was done; zero lets the server use "now".
	At time.Time
	// Comment is logged with the event.
	Comment string
}

// wireDate formats a query-string date-time: ISO 8601 in UTC (spec asset.md §5).
func wireDate(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

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

// ExternalEvent is a calibration or maintenance scheduled by another system.
type ExternalEvent struct {
	// Done is when it was done; it becomes the "last" date (required).
	Done time.Time
	// NextDue is when it is next due; it becomes the "next" date (required,
	// not before Done).
	NextDue time.Time
	// Comment is logged with the event.
	Comment string
}

func externalQuery(v *errs.ValidationError, ev ExternalEvent) map[string]string {
	if ev.Done.IsZero() {
		v.Add("fromDate", "required", "the date it was done is zero")
	}
	if ev.NextDue.IsZero() {
		v.Add("toDate", "required", "the next due date is zero")
	}
	if !ev.Done.IsZero() && !ev.NextDue.IsZero() && ev.NextDue.Before(ev.Done) {
		v.Add("toDate", "gtefield=fromDate", fmt.Sprintf("next due %s is before done %s", wireDate(ev.NextDue), wireDate(ev.Done)))
	}
	extra := map[string]string{"fromDate": wireDate(ev.Done), "toDate": wireDate(ev.NextDue)}
	if ev.Comment != "" {
		extra["comment"] = ev.Comment
	}
	return extra
}

// RecordExternalCalibration sets the last and next calibration dates of an
// asset whose calibration is scheduled externally (WATS ≥ 25.3).
//
// WATS API: POST /api/Asset/Calibration/External
func (s *Service) RecordExternalCalibration(ctx context.Context, id Ident, ev ExternalEvent) error {
	const op = "asset.RecordExternalCalibration"
	v := &errs.ValidationError{Op: op}
	extra := externalQuery(v, ev)
	return s.identCall(ctx, v, http.MethodPost, "/api/Asset/Calibration/External", id, extra)
}

// RecordExternalMaintenance sets the last and next maintenance dates of an
// asset whose maintenance is scheduled externally (WATS ≥ 25.3).
//
// WATS API: POST /api/Asset/Maintenance/External
func (s *Service) RecordExternalMaintenance(ctx context.Context, id Ident, ev ExternalEvent) error {
	const op = "asset.RecordExternalMaintenance"
	v := &errs.ValidationError{Op: op}
	extra := externalQuery(v, ev)
	return s.identCall(ctx, v, http.MethodPost, "/api/Asset/Maintenance/External", id, extra)
}
