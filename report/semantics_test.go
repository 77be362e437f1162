package report_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/watsgo/sdk/report"
)

// TestFixtureMeasurementsReproduceRecordedStatuses evaluates every numeric
// and string measurement of the FAT export and compares with the status the
// C# client recorded.
func TestFixtureMeasurementsReproduceRecordedStatuses(t *testing.T) {
	r, err := report.Parse(loadFixture(t, "uut-server-export.json"))
	require.NoError(t, err)
	numeric, strs, ops := 0, 0, map[string]bool{}
	for _, s := range r.Steps() {
		for i, m := range s.NumericMeas {
			st, ok := m.Evaluate()
			require.True(t, ok, "step %d numericMeas[%d]", s.ID.Int64(), i)
			assert.Equal(t, m.Status.Value(), st, "step %d (%s) numericMeas[%d] %s", s.ID.Int64(), s.Name.Value(), i, m.CompOp.Value())
			numeric++
			ops[m.CompOp.Value()] = true
		}
		for i, m := range s.StringMeas {
			st, ok := m.Evaluate()
			require.True(t, ok, "step %d stringMeas[%d]", s.ID.Int64(), i)
			assert.Equal(t, m.Status.Value(), st, "step %d stringMeas[%d]", s.ID.Int64(), i)
			strs++
		}
	}
	assert.Len(t, ops, 15, "the FAT export covers every numeric operator")
	assert.Greater(t, numeric, 100)
	assert.Greater(t, strs, 10)
}

// TestFixtureRollUpReproducesRecordedStatuses clears every derivable status
// of the FAT export (measurements, tests, sequences, result, the failure
// flags), finalises and expects the recorded values back. Steps without
// content keep their status: P and D are both valid for them. Two recorded
// TestStand artefacts keep theirs too (spec §14.1, §15.1): the pass/fail
// step marked D with a passing measurement, and step 88, F with a passing
// measurement inside a loop iteration.
func TestFixtureRollUpReproducesRecordedStatuses(t *testing.T) {
	orig, err := report.Parse(loadFixture(t, "uut-server-export.json"))
	require.NoError(t, err)
	r, err := report.Parse(loadFixture(t, "uut-server-export.json"))
	require.NoError(t, err)

	cleared := 0
	for _, s := range r.Steps() {
		for _, m := range s.NumericMeas {
			m.Status = report.Str{}
		}
		for _, m := range s.StringMeas {
			m.Status = report.Str{}
		}
		if s.Kind() != report.KindGeneric && s.Status.Value() != "D" && s.ID.Int64() != 88 {
			s.Status = report.Str{}
			cleared++
		}
		s.CausedUUTFailure = report.BoolOf(false)
	}
	r.Header.Result = report.Str{}
	r.UUT.StepIDCausedUUTFailure = report.NullInt()
	require.NoError(t, r.Finalize())

	want := orig.Steps()
	got := r.Steps()
	require.Len(t, got, len(want))
	for i := range want {
		assert.Equal(t, want[i].Status.Value(), got[i].Status.Value(), "step %d %s", want[i].ID.Int64(), want[i].Name.Value())
		assert.Equal(t, want[i].CausedUUTFailure.Value(), got[i].CausedUUTFailure.Value(), "causedUUTFailure of step %d", want[i].ID.Int64())
		for j := range want[i].NumericMeas {
			assert.Equal(t, want[i].NumericMeas[j].Status, got[i].NumericMeas[j].Status)
		}
	}
	assert.Greater(t, cleared, 130)
	assert.Equal(t, "F", r.Result())
	assert.Equal(t, int64(5), r.UUT.StepIDCausedUUTFailure.Int64())
}

func TestStepKindsOfFixture(t *testing.T) {
	r, err := report.Parse(loadFixture(t, "uut-server-export.json"))
	require.NoError(t, err)
	kinds := map[report.StepKind]int{}
	multi := 0
	for _, s := range r.Steps() {
		kinds[s.Kind()]++
		if s.IsMultiple() {
			multi++
		}
	}
	assert.Equal(t, 4, kinds[report.KindCallExe])
	assert.Equal(t, 4, kinds[report.KindMessagePopup])
	assert.Greater(t, kinds[report.KindNumeric], 60)
	assert.Greater(t, kinds[report.KindPassFail], 10)
	assert.Greater(t, kinds[report.KindString], 10)
	assert.Greater(t, kinds[report.KindSequence], 20)
	assert.Greater(t, kinds[report.KindGeneric], 40)
	assert.Greater(t, multi, 5)
	assert.Equal(t, "numeric", report.KindNumeric.String())
	// A container without seqCall is still a sequence; stepType is ignored.
	s := &report.Step{StepType: report.StrOf("ET_NLT"), Steps: []*report.Step{{}}}
	assert.Equal(t, report.KindSequence, s.Kind())
}

func TestFinalizeKeepsParsedReportsUnchanged(t *testing.T) {
	for _, name := range serverExports {
		data := loadFixture(t, name)
		r, err := report.Parse(data)
		require.NoError(t, err)
		require.NoError(t, r.Finalize())
		out, _ := r.Marshal()
		assert.Equal(t, string(data), string(out), name)
	}
}
