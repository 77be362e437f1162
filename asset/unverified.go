package asset

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/watsgo/sdk/internal/errs"
)

// UnverifiedService holds the asset routes that WATS 25.3 introduced but
// that the server's published API documents (exported October 2025) do not
// list. Virinco's feature release note "Asset Calibration improvements 25.3"
// (December 2025, section "API & Integration") names them:
// Asset/Calibration/External, Asset/Maintenance/External,
// Asset/SetRunningCount and Asset/SetTotalCount. Their parameters are the
// ones pyWATS sends; a server older than 25.3 answers them with
// wats.ErrNotFound. The count setters need the "Edit Total count"
// permission (else wats.ErrForbidden).
type UnverifiedService struct {
	s *Service
}

// SetRunningCount sets the running count to n (WATS ≥ 25.3).
//
// WATS API: PUT /api/Asset/SetRunningCount
func (u *UnverifiedService) SetRunningCount(ctx context.Context, id Ident, n int) error {
	const op = "asset.Unverified.SetRunningCount"
	v := &errs.ValidationError{Op: op}
	if n < 0 {
		v.Add("runningCount", "min=0", fmt.Sprintf("running count %d is negative", n))
	}
	return u.s.identCall(ctx, v, http.MethodPut, "/api/Asset/SetRunningCount", id, map[string]string{"runningCount": strconv.Itoa(n)})
}

// SetTotalCount sets the lifetime count to n (WATS ≥ 25.3).
//
// WATS API: PUT /api/Asset/SetTotalCount
func (u *UnverifiedService) SetTotalCount(ctx context.Context, id Ident, n int) error {
	const op = "asset.Unverified.SetTotalCount"
	v := &errs.ValidationError{Op: op}
	if n < 0 {
		v.Add("totalCount", "min=0", fmt.Sprintf("total count %d is negative", n))
	}
	return u.s.identCall(ctx, v, http.MethodPut, "/api/Asset/SetTotalCount", id, map[string]string{"totalCount": strconv.Itoa(n)})
}

// ExternalEvent is a calibration or maintenance scheduled by another system.
type ExternalEvent struct {
	// Done is when it was done; it becomes the "last" date (query
	// fromDate, required).
	Done time.Time
	// NextDue is when it is next due; it becomes the "next" date (query
	// toDate, required, not before Done).
	NextDue time.Time
	// Comment is logged with the event (query comment).
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
// asset whose type has the External calibration interval (WATS ≥ 25.3).
// It is a POST and therefore never retried.
//
// WATS API: POST /api/Asset/Calibration/External
func (u *UnverifiedService) RecordExternalCalibration(ctx context.Context, id Ident, ev ExternalEvent) error {
	v := &errs.ValidationError{Op: "asset.Unverified.RecordExternalCalibration"}
	extra := externalQuery(v, ev)
	return u.s.identCall(ctx, v, http.MethodPost, "/api/Asset/Calibration/External", id, extra)
}

// RecordExternalMaintenance sets the last and next maintenance dates of an
// asset whose type has the External maintenance interval (WATS ≥ 25.3).
// It is a POST and therefore never retried.
//
// WATS API: POST /api/Asset/Maintenance/External
func (u *UnverifiedService) RecordExternalMaintenance(ctx context.Context, id Ident, ev ExternalEvent) error {
	v := &errs.ValidationError{Op: "asset.Unverified.RecordExternalMaintenance"}
	extra := externalQuery(v, ev)
	return u.s.identCall(ctx, v, http.MethodPost, "/api/Asset/Maintenance/External", id, extra)
}
