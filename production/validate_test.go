package production_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/internal/apitest"
	"github.com/watsgo/sdk/production"
	"github.com/watsgo/sdk/wats"
)

// TestBadInputRefusedBeforeIO checks every call refuses bad input with a
// *wats.ValidationError naming the JSON field, and sends nothing.
func TestBadInputRefusedBeforeIO(t *testing.T) {
	now := time.Now()
	for _, tc := range []struct {
		name  string
		call  func(context.Context, *production.Service) error
		field string
	}{
		{"GetUnit serial", func(c context.Context, s *production.Service) error { _, err := s.GetUnit(c, " ", "P"); return err }, "serialNumber"},
		{"GetUnit part", func(c context.Context, s *production.Service) error { _, err := s.GetUnit(c, "S", ""); return err }, "partNumber"},
		{"GetUnit control char", func(c context.Context, s *production.Service) error { _, err := s.GetUnit(c, "S\n1", "P"); return err }, "serialNumber"},
		{"SaveUnits empty", func(c context.Context, s *production.Service) error { _, err := s.SaveUnits(c, nil); return err }, "units"},
		{"SaveUnits part", func(c context.Context, s *production.Service) error {
			_, err := s.SaveUnits(c, []production.Unit{{SerialNumber: "A", PartNumber: "P"}, {SerialNumber: "B"}})
			return err
		}, "units[1].partNumber"},
		{"Verify serial", func(c context.Context, s *production.Service) error { _, err := s.Verify(c, "", "P"); return err }, "serialNumber"},
		{"SetPhase phase", func(c context.Context, s *production.Service) error { return s.SetPhase(c, "S", "P", 0) }, "phase"},
		{"SetProcess name", func(c context.Context, s *production.Service) error { return s.SetProcess(c, "S", "P", "") }, "processName"},
		{"AddChild child", func(c context.Context, s *production.Service) error {
			return s.AddChild(c, production.ChildRef{ParentSerialNumber: "A", ParentPartNumber: "P", ChildPartNumber: "C"}, nil)
		}, "childSerialNumber"},
		{"AddChild self", func(c context.Context, s *production.Service) error {
			return s.AddChild(c, production.ChildRef{ParentSerialNumber: "A", ParentPartNumber: "P", ChildSerialNumber: "A", ChildPartNumber: "P"}, nil)
		}, "childSerialNumber"},
		{"RemoveChild parent", func(c context.Context, s *production.Service) error {
			return s.RemoveChild(c, production.ChildRef{ParentPartNumber: "P", ChildSerialNumber: "B", ChildPartNumber: "C"})
		}, "parentSerialNumber"},
		{"CheckChildren part", func(c context.Context, s *production.Service) error {
			_, err := s.CheckChildren(c, "A", "")
			return err
		}, "parentPartNumber"},
		{"Changes maxCount", func(c context.Context, s *production.Service) error { _, err := s.Changes(c, 0); return err }, "maxCount"},
		{"AckChange id", func(c context.Context, s *production.Service) error { return s.AckChange(c, -1) }, "id"},
		{"Take type", func(c context.Context, s *production.Service) error { _, err := s.Take(c, "", 1, nil); return err }, "serialNumberType"},
		{"Take quantity", func(c context.Context, s *production.Service) error { _, err := s.Take(c, "SN", 0, nil); return err }, "quantity"},
		{"TakeTo format", func(c context.Context, s *production.Service) error {
			_, err := s.TakeTo(c, "SN", 1, "json", nil, &strings.Builder{})
			return err
		}, "format"},
		{"ByRange end", func(c context.Context, s *production.Service) error {
			_, err := s.ByRange(c, "SN", "1", "", nil)
			return err
		}, "endAddress"},
		{"ByRange dates", func(c context.Context, s *production.Service) error {
			_, err := s.ByRange(c, "SN", "1", "2", &production.DateWindow{From: now, To: now.Add(-time.Hour)})
			return err
		}, "startDate"},
		{"ByReference refs", func(c context.Context, s *production.Service) error {
			_, err := s.ByReference(c, "SN", "", "", nil)
			return err
		}, "refSN"},
		{"Export format", func(c context.Context, s *production.Service) error {
			_, err := s.Export(c, "SN", production.ExportOptions{}, &strings.Builder{})
			return err
		}, "format"},
		{"Export writer", func(c context.Context, s *production.Service) error {
			_, err := s.Export(c, "SN", production.ExportOptions{Format: production.FormatXML}, nil)
			return err
		}, "w"},
		{"Import reader", func(c context.Context, s *production.Service) error {
			return s.Import(c, "SN", production.FormatCSV, nil)
		}, "file"},
		{"SaveBatches number", func(c context.Context, s *production.Service) error {
			return s.SaveBatches(c, []production.ProductionBatch{{BatchNumber: ""}})
		}, "batches[0].batchNumber"},
		{"SaveBatches size", func(c context.Context, s *production.Service) error {
			return s.SaveBatches(c, []production.ProductionBatch{{BatchNumber: "B", BatchSize: -1}})
		}, "batches[0].batchSize"},
		{"Internal UnitContents revision", func(c context.Context, s *production.Service) error {
			_, err := s.Internal().UnitContents(c, "S", "P", "")
			return err
		}, "revision"},
		{"Internal CreateUnit revision", func(c context.Context, s *production.Service) error {
			_, err := s.Internal().CreateUnit(c, production.CreateUnitRequest{SerialNumber: "S", PartNumber: "P"})
			return err
		}, "revision"},
		{"Internal CheckChildUnits", func(c context.Context, s *production.Service) error {
			_, err := s.Internal().CheckChildUnits(c, "", "P", "")
			return err
		}, "ParentSerialNumber"},
		{"Internal FreeReserved ranges", func(c context.Context, s *production.Service) error {
			_, err := s.Internal().FreeReserved(c, []production.SerialNumberRange{{Type: "SN", StartAddress: "1"}})
			return err
		}, "ranges[0].endAddress"},
		{"Internal DeleteFree empty", func(c context.Context, s *production.Service) error {
			_, err := s.Internal().DeleteFree(c, nil)
			return err
		}, "ranges"},
		{"Internal Count dates", func(c context.Context, s *production.Service) error {
			_, err := s.Internal().SerialNumberCount(c, "SN", "", "", &production.DateWindow{From: now, To: now.Add(-time.Second)})
			return err
		}, "fromDate"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, srv := apitest.Setup(t)
			svc := c.Production
			err := tc.call(ctx(t), svc)
			apitest.RequireValidation(t, err, tc.field)
			var ve *wats.ValidationError
			require.ErrorAs(t, err, &ve)
			assert.True(t, strings.HasPrefix(ve.Op, "production."), ve.Op)
			apitest.RequireNoRequests(t, srv)
		})
	}
}
