package wsxf

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/report"
)

// TestServerExportTwin is the ground-truth check: the server's WSXF export of a
// report, converted, has the same steps as the server's WSJF export of it — type,
// name, group, status, every measurement's status, value, compOp, limits and unit,
// loops and causedUUTFailure.
func TestServerExportTwin(t *testing.T) {
	got := convertFile(t, New(), "uut-server-export.wsxf.xml")
	require.Len(t, got, 1)
	data, err := os.ReadFile(filepath.Join("testdata", "uut-server-export.json"))
	require.NoError(t, err)
	want, err := report.Parse(data)
	require.NoError(t, err)

	g, w := got[0], want
	assert.Equal(t, w.Header.ID.Value(), g.Header.ID.Value())
	assert.Equal(t, w.Header.Result.Value(), g.Header.Result.Value())
	assert.Equal(t, w.Header.ProcessCode.Int64(), g.Header.ProcessCode.Int64())
	assert.True(t, w.Header.Start.Time().Equal(g.Header.Start.Time()))
	assert.Equal(t, w.Header.Start.Text(), g.Header.Start.Time().Format("2006-01-02T15:04:05.9999999-07:00"))
	assert.Equal(t, w.UUT.User.Value(), g.UUT.User.Value())
	assert.Len(t, g.MiscInfos, len(w.MiscInfos))
	assert.Len(t, g.SubUnits, len(w.SubUnits))

	gs, ws := g.Steps(), w.Steps()
	require.Len(t, gs, 186)
	require.Len(t, gs, len(ws))
	for i := range ws {
		a, b := ws[i], gs[i]
		at := fmt.Sprintf("step %d %q", i+1, a.Name.Value())
		assert.Equal(t, a.ID.Int64(), b.ID.Int64(), at)
		assert.Equal(t, a.Name.Value(), b.Name.Value(), at)
		assert.Equal(t, a.StepType.Value(), b.StepType.Value(), at)
		assert.Equal(t, a.Group.Value(), b.Group.Value(), at)
		assert.Equal(t, a.Status.Value(), b.Status.Value(), at)
		assert.Equal(t, a.CausedUUTFailure.State(), b.CausedUUTFailure.State(), at)
		assert.Equal(t, a.CausedUUTFailure.Value(), b.CausedUUTFailure.Value(), at)
		assert.Equal(t, a.ErrorCode.Int64(), b.ErrorCode.Int64(), at)
		assert.Equal(t, a.ErrorMessage.Value(), b.ErrorMessage.Value(), at)
		assert.Equal(t, a.ReportText.Value(), b.ReportText.Value(), at)
		assert.Equal(t, a.TotTime.Float(), b.TotTime.Float(), at)
		assert.Equal(t, a.Loop == nil, b.Loop == nil, at+" loop")
		if a.Loop != nil && b.Loop != nil {
			for _, f := range []struct {
				n    string
				x, y report.Int
			}{{"idx", a.Loop.Idx, b.Loop.Idx}, {"num", a.Loop.Num, b.Loop.Num}, {"passed", a.Loop.Passed, b.Loop.Passed},
				{"failed", a.Loop.Failed, b.Loop.Failed}, {"endingIndex", a.Loop.EndingIndex, b.Loop.EndingIndex}} {
				assert.Equal(t, f.x.Literal(), f.y.Literal(), at+" loop."+f.n)
			}
		}
		require.Len(t, b.NumericMeas, len(a.NumericMeas), at)
		for j, m := range a.NumericMeas {
			n := b.NumericMeas[j]
			mt := fmt.Sprintf("%s numericMeas[%d]", at, j)
			assert.Equal(t, m.Name.Value(), n.Name.Value(), mt)
			assert.Equal(t, m.Status.Value(), n.Status.Value(), mt)
			assert.Equal(t, m.CompOp.Value(), n.CompOp.Value(), mt)
			assert.Equal(t, m.Value.Float(), n.Value.Float(), mt)
			assert.Equal(t, m.Unit.State(), n.Unit.State(), mt+" unit state")
			assert.Equal(t, m.Unit.Value(), n.Unit.Value(), mt)
			assert.Equal(t, m.LowLimit.State(), n.LowLimit.State(), mt+" lowLimit state")
			assert.Equal(t, m.LowLimit.Float(), n.LowLimit.Float(), mt)
			assert.Equal(t, m.HighLimit.State(), n.HighLimit.State(), mt+" highLimit state")
			assert.Equal(t, m.HighLimit.Float(), n.HighLimit.Float(), mt)
		}
		require.Len(t, b.StringMeas, len(a.StringMeas), at)
		for j, m := range a.StringMeas {
			n := b.StringMeas[j]
			mt := fmt.Sprintf("%s stringMeas[%d]", at, j)
			assert.Equal(t, m.Name.Value(), n.Name.Value(), mt)
			assert.Equal(t, m.Status.Value(), n.Status.Value(), mt)
			assert.Equal(t, m.CompOp.Value(), n.CompOp.Value(), mt)
			assert.Equal(t, m.Value.Value(), n.Value.Value(), mt)
			assert.Equal(t, m.Limit.State(), n.Limit.State(), mt+" limit state")
			assert.Equal(t, m.Limit.Value(), n.Limit.Value(), mt)
		}
		require.Len(t, b.BooleanMeas, len(a.BooleanMeas), at)
		for j, m := range a.BooleanMeas {
			assert.Equal(t, m.Name.Value(), b.BooleanMeas[j].Name.Value(), at)
			assert.Equal(t, m.Status.Value(), b.BooleanMeas[j].Status.Value(), at)
		}
		assert.Equal(t, a.SeqCall == nil, b.SeqCall == nil, at+" seqCall")
		if a.SeqCall != nil && b.SeqCall != nil {
			assert.Equal(t, a.SeqCall.Path, b.SeqCall.Path, at)
			assert.Equal(t, a.SeqCall.Name, b.SeqCall.Name, at)
			assert.Equal(t, a.SeqCall.Version, b.SeqCall.Version, at)
		}
		if a.MessagePopup != nil {
			require.NotNil(t, b.MessagePopup, at)
			assert.Equal(t, a.MessagePopup.Button.Int64(), b.MessagePopup.Button.Int64(), at)
			assert.Equal(t, a.MessagePopup.Response.State(), b.MessagePopup.Response.State(), at)
		}
		if a.CallExe != nil {
			require.NotNil(t, b.CallExe, at)
			assert.Equal(t, a.CallExe.ExitCode.Float(), b.CallExe.ExitCode.Float(), at)
		}
		assert.Equal(t, a.Chart == nil, b.Chart == nil, at+" chart")
		if a.Chart != nil && b.Chart != nil {
			assert.Equal(t, a.Chart.ChartType.Value(), b.Chart.ChartType.Value(), at)
			assert.Equal(t, a.Chart.Label.Value(), b.Chart.Label.Value(), at)
			assert.Equal(t, a.Chart.XUnit.State(), b.Chart.XUnit.State(), at)
			require.Len(t, b.Chart.Series, len(a.Chart.Series), at)
			for j, s := range a.Chart.Series {
				assert.Equal(t, s.Name.Value(), b.Chart.Series[j].Name.Value(), at)
				assert.Equal(t, s.XData.Value(), b.Chart.Series[j].XData.Value(), at)
				assert.Equal(t, s.YData.Value(), b.Chart.Series[j].YData.Value(), at)
			}
		}
		assert.Equal(t, a.Attachment == nil, b.Attachment == nil, at+" attachment")
	}
}
