package watstest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/production"
	"github.com/watsgo/sdk/wats"
	"github.com/watsgo/sdk/wats/watstest"
)

// The production domain's scenarios: every method of c.Production, its
// Internal(), Barcodes() and Workflow(), on units and serial-number types of
// their own (prefix CS-PRN).
func init() {
	registerSuite("production/serial numbers", func(ctx context.Context, t *testing.T, c *wats.Client, srv *watstest.Server) {
		p := c.Production
		srv.AddSerialNumberType(watstest.SerialNumberTypeSeed{Name: "CS-PRN-SN", Prefix: "CSP", Digits: 4, Start: 1, End: 500})
		types, err := p.SerialNumberTypes(ctx)
		require.NoError(t, err)
		found := false
		for _, ty := range types {
			found = found || ty.Name == "CS-PRN-SN"
		}
		require.True(t, found)

		sns, err := p.Take(ctx, "CS-PRN-SN", 2, &production.TakeOptions{RefSN: "CS-PRN-BOX-1", RefPN: "CS-PRN-BOX", StationName: "ST 1"})
		require.NoError(t, err)
		assert.Equal(t, []string{"CSP0001", "CSP0002"}, sns)
		var csv bytes.Buffer
		n, err := p.TakeTo(ctx, "CS-PRN-SN", 1, production.FormatCSV, nil, &csv)
		require.NoError(t, err)
		assert.Positive(t, n)
		assert.Contains(t, csv.String(), "CSP0003")

		byRange, err := p.ByRange(ctx, "CS-PRN-SN", "CSP0001", "CSP0010", nil)
		require.NoError(t, err)
		assert.NotEmpty(t, byRange)
		byRef, err := p.ByReference(ctx, "CS-PRN-SN", "CS-PRN-BOX-1", "", nil)
		require.NoError(t, err)
		assert.Len(t, byRef, 2)

		var xml bytes.Buffer
		_, err = p.Export(ctx, "CS-PRN-SN", production.ExportOptions{Format: production.FormatXML}, &xml)
		require.NoError(t, err)
		exported, err := production.ParseSerialNumbersXML(&xml)
		require.NoError(t, err)
		assert.Contains(t, exported, "CSP0002")
		require.NoError(t, p.Import(ctx, "CS-PRN-SN", production.FormatCSV, strings.NewReader("id,state\nCSP0010,Taken\n")))
		assert.Contains(t, srv.SerialNumbersTaken("CS-PRN-SN"), "CSP0010")

		in := p.Internal()
		res, err := in.Reserve(ctx, "CS-PRN-SN", 3, &production.ReserveOptions{StationName: "ST 1"})
		require.NoError(t, err)
		require.Len(t, res, 3)
		require.NoError(t, in.Release(ctx, "CS-PRN-SN", res[:1]))
		assert.Len(t, srv.SerialNumbersReserved("CS-PRN-SN"), 2)
		_, err = in.FreeReserved(ctx, []production.SerialNumberRange{{Type: "CS-PRN-SN", StartAddress: res[1], EndAddress: res[2]}})
		require.NoError(t, err)
		assert.Empty(t, srv.SerialNumbersReserved("CS-PRN-SN"))
		_, err = in.DeleteFree(ctx, []production.SerialNumberRange{{Type: "CS-PRN-SN", StartAddress: "CSP0400", EndAddress: "CSP0500"}})
		require.NoError(t, err)

		ranges, err := in.Ranges(ctx, "CS-PRN-SN")
		require.NoError(t, err)
		require.NotEmpty(t, ranges)
		assert.Equal(t, "CS-PRN-SN", ranges[0].Type)
		stats, err := in.Statistics(ctx, "CS-PRN-SN")
		require.NoError(t, err)
		assert.NotEmpty(t, stats)
		list, err := in.SerialNumbers(ctx, "CS-PRN-SN", "CSP0001", "CSP0005", nil)
		require.NoError(t, err)
		assert.NotEmpty(t, list)
		count, err := in.SerialNumberCount(ctx, "CS-PRN-SN", "", "", nil)
		require.NoError(t, err)
		assert.Positive(t, count)
	})

	registerSuite("production/units", func(ctx context.Context, t *testing.T, c *wats.Client, srv *watstest.Server) {
		p := c.Production
		_, err := p.SaveUnits(ctx, []production.Unit{
			{SerialNumber: "CS-PRN/BOX #1", PartNumber: "CS-PRN-BOX", Revision: "A", BatchNumber: "CS-PRN-B1"},
			{SerialNumber: "CS-PRN-PSU-1", PartNumber: "CS-PRN-PSU", Revision: "2.1", UnitPhaseID: production.PhaseFinalized},
		})
		require.NoError(t, err)
		u, err := p.GetUnit(ctx, "CS-PRN/BOX #1", "CS-PRN-BOX")
		require.NoError(t, err)
		assert.Equal(t, "A", u.Revision)
		require.NotNil(t, u.SerialDate)
		_, err = p.GetUnit(ctx, "CS-PRN-none", "CS-PRN-BOX")
		require.ErrorIs(t, err, wats.ErrNotFound)

		require.NoError(t, p.SetPhase(ctx, "CS-PRN/BOX #1", "CS-PRN-BOX", production.PhaseExtendedTest))
		require.NoError(t, p.SetProcess(ctx, "CS-PRN/BOX #1", "CS-PRN-BOX", "Final test"))
		info, ok := srv.ProductionUnit("CS-PRN/BOX #1", "CS-PRN-BOX")
		require.True(t, ok)
		assert.Equal(t, int(production.PhaseExtendedTest), info.Phase)
		assert.Equal(t, "Final test", info.ProcessName)

		g, err := p.Verify(ctx, "CS-PRN/BOX #1", "CS-PRN-BOX")
		require.NoError(t, err)
		assert.NotEmpty(t, g.Status)

		changes, err := p.Changes(ctx, 100)
		require.NoError(t, err)
		require.NotEmpty(t, changes)
		require.NoError(t, p.AckChange(ctx, changes[0].ID))
		after, err := p.Changes(ctx, 100)
		require.NoError(t, err)
		assert.Len(t, after, len(changes)-1)

		require.NoError(t, p.SaveBatches(ctx, []production.ProductionBatch{{BatchNumber: "CS-PRN-B1", BatchSize: 5}}))
		size, ok := srv.ProductionBatch("CS-PRN-B1")
		require.True(t, ok)
		assert.Equal(t, 5, size)
	})

	registerSuite("production/assembly", func(ctx context.Context, t *testing.T, c *wats.Client, srv *watstest.Server) {
		p := c.Production
		ref := production.ChildRef{ParentSerialNumber: "CS-PRN/BOX #1", ParentPartNumber: "CS-PRN-BOX", ChildSerialNumber: "CS-PRN-PSU-1", ChildPartNumber: "CS-PRN-PSU"}
		require.NoError(t, p.AddChild(ctx, ref, &production.AddChildOptions{CheckPartNumber: "CS-PRN-PSU", CheckRevision: "2.%"}))
		info, _ := srv.ProductionUnit("CS-PRN/BOX #1", "CS-PRN-BOX")
		assert.Equal(t, []string{"CS-PRN-PSU-1"}, info.Children)

		raw, err := p.CheckChildren(ctx, "CS-PRN/BOX #1", "CS-PRN-BOX")
		require.NoError(t, err)
		assert.Contains(t, string(raw), "CS-PRN-PSU-1")

		tmpl := production.TemplateFunc(func(context.Context, string, string) ([]production.TemplateLine, error) {
			return []production.TemplateLine{{PartNumber: "CS-PRN-PSU", RevisionMask: "2.%"}}, nil
		})
		res, err := p.VerifyBoxBuild(ctx, tmpl, "CS-PRN/BOX #1", "CS-PRN-BOX")
		require.NoError(t, err)
		assert.Empty(t, res.Problems, "the one required child is attached")

		require.NoError(t, p.RemoveChild(ctx, ref))
		info, _ = srv.ProductionUnit("CS-PRN/BOX #1", "CS-PRN-BOX")
		assert.Empty(t, info.Children)
	})

	registerSuite("production/internal units", func(ctx context.Context, t *testing.T, c *wats.Client, srv *watstest.Server) {
		in := c.Production.Internal()
		connected, err := in.IsConnected(ctx)
		require.NoError(t, err)
		assert.True(t, connected)
		phases, err := in.Phases(ctx)
		require.NoError(t, err)
		id, ok := production.PhaseByName(phases, "Finalized")
		require.True(t, ok)
		assert.Equal(t, production.PhaseFinalized, id)
		_, err = in.Sites(ctx)
		require.NoError(t, err)

		_, err = in.CreateUnit(ctx, production.CreateUnitRequest{SerialNumber: "CS-PRN-INT-1", PartNumber: "CS-PRN-BOX", Revision: "A", UnitPhase: production.PhaseUnderProduction})
		require.NoError(t, err)
		_, err = in.CreateUnit(ctx, production.CreateUnitRequest{SerialNumber: "CS-PRN-INT-C", PartNumber: "CS-PRN-PSU", Revision: "2.1", UnitPhase: production.PhaseFinalized})
		require.NoError(t, err)
		_, ok = srv.ProductionUnit("CS-PRN-INT-1", "CS-PRN-BOX")
		require.True(t, ok)

		reads := map[string]func() (json.RawMessage, error){
			"Unit":             func() (json.RawMessage, error) { return in.Unit(ctx, "CS-PRN-INT-1", "CS-PRN-BOX") },
			"UnitInfo":         func() (json.RawMessage, error) { return in.UnitInfo(ctx, "CS-PRN-INT-1", "CS-PRN-BOX") },
			"UnitHierarchy":    func() (json.RawMessage, error) { return in.UnitHierarchy(ctx, "CS-PRN-INT-1", "CS-PRN-BOX") },
			"UnitStateHistory": func() (json.RawMessage, error) { return in.UnitStateHistory(ctx, "CS-PRN-INT-1", "CS-PRN-BOX") },
			"UnitPhase":        func() (json.RawMessage, error) { return in.UnitPhase(ctx, "CS-PRN-INT-1", "CS-PRN-BOX") },
			"UnitProcess":      func() (json.RawMessage, error) { return in.UnitProcess(ctx, "CS-PRN-INT-1", "CS-PRN-BOX") },
			"UnitContents":     func() (json.RawMessage, error) { return in.UnitContents(ctx, "CS-PRN-INT-1", "CS-PRN-BOX", "A") },
		}
		for name, read := range reads {
			raw, err := read()
			require.NoError(t, err, name)
			assert.NotEmpty(t, raw, name)
		}

		_, err = in.AddChildUnit(ctx, production.InternalAddChildRequest{SerialNumber: "CS-PRN-INT-1", PartNumber: "CS-PRN-BOX",
			ChildSerialNumber: "CS-PRN-INT-C", ChildPartNumber: "CS-PRN-PSU", CheckPartNumber: "CS-PRN-PSU"})
		require.NoError(t, err)
		info, _ := srv.ProductionUnit("CS-PRN-INT-1", "CS-PRN-BOX")
		assert.Equal(t, []string{"CS-PRN-INT-C"}, info.Children)
		raw, err := in.CheckChildUnits(ctx, "CS-PRN-INT-1", "CS-PRN-BOX", "")
		require.NoError(t, err)
		var check struct{ IsValid bool }
		require.NoError(t, json.Unmarshal(raw, &check))
		assert.True(t, check.IsValid, "no box build is declared, so any children are valid")
		_, err = in.RemoveChildUnit(ctx, "CS-PRN-INT-1", "CS-PRN-BOX", "CS-PRN-INT-C", "CS-PRN-PSU", "")
		require.NoError(t, err)
		_, err = in.AddChildUnit(ctx, production.InternalAddChildRequest{SerialNumber: "CS-PRN-INT-1", PartNumber: "CS-PRN-BOX",
			ChildSerialNumber: "CS-PRN-INT-C", ChildPartNumber: "CS-PRN-PSU", CheckPartNumber: "CS-PRN-PSU"})
		require.NoError(t, err)
		_, err = in.RemoveAllChildUnits(ctx, "CS-PRN-INT-1", "CS-PRN-BOX", "")
		require.NoError(t, err)
		info, _ = srv.ProductionUnit("CS-PRN-INT-1", "CS-PRN-BOX")
		assert.Empty(t, info.Children)
	})

	registerSuite("production/barcodes", func(ctx context.Context, t *testing.T, c *wats.Client, _ *watstest.Server) {
		b := c.Production.Barcodes()
		saved, err := b.Save(ctx, &production.BarcodeIdentifier{Pattern: `CSPRN:(?<serialNumber>[^;]+);(?<partNumber>.+)`, Revision: "A", Order: 1, Description: "suite"})
		require.NoError(t, err)
		assert.Positive(t, saved.ID)
		list, err := b.List(ctx)
		require.NoError(t, err)
		assert.NotEmpty(t, list)
		got, err := b.Identify(ctx, "CSPRN:S/1 #2;CS-PRN-BOX")
		require.NoError(t, err)
		assert.Equal(t, "S/1 #2", got.SerialNumber)
		assert.Equal(t, "CS-PRN-BOX", got.PartNumber)
		assert.Equal(t, "A", got.Revision)
		require.NoError(t, b.Delete(ctx, saved.ID))
		_, err = b.Identify(ctx, "CSPRN:S/1 #2;CS-PRN-BOX")
		require.ErrorIs(t, err, wats.ErrNotFound)
	})

	registerSuite("production/workflow", func(ctx context.Context, t *testing.T, c *wats.Client, srv *watstest.Server) {
		wf := c.Production.Workflow()
		_, err := wf.StartTest(ctx, "CS-PRN-WF-1", "CS-PRN-BOX", &production.TestOptions{OperatorName: "op", StationName: "ST 1"})
		require.NoError(t, err)
		assert.True(t, srv.UnitInTest("CS-PRN-WF-1", "CS-PRN-BOX"))
		_, err = wf.EndTest(ctx, "CS-PRN-WF-1", "CS-PRN-BOX", true, nil)
		require.NoError(t, err)
		assert.False(t, srv.UnitInTest("CS-PRN-WF-1", "CS-PRN-BOX"))
	})
}
