package wsjf

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/report/convert"
)

var defaults = convert.Defaults{Location: time.UTC, Station: report.Station{Name: "CONV-PC", Location: "Lab", Purpose: "Test"}, RepairProcessCode: 500}

func convertFile(t *testing.T, name string) *report.Report {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	assert.Equal(t, convert.Certain, New().Sniff(data))
	reps, err := New().Convert(context.Background(), &convert.Source{Name: name, Reader: strings.NewReader(string(data)), Defaults: defaults})
	require.NoError(t, err)
	require.Len(t, reps, 1)
	require.NoError(t, reps[0].Finalize())
	require.NoError(t, reps[0].Validate())
	return reps[0]
}

func TestFixtures(t *testing.T) {
	t.Run("UUT bare minimum", func(t *testing.T) {
		r := convertFile(t, "WATS - WSJF UUT Example file Bare Minimum.json")
		h := r.Header
		assert.Equal(t, []string{"T", "c3eef2e0-034f-4ae1-9f8a-498a6e213775", "FATTest-299", "FATPartNo", "Rev1", "F"},
			[]string{h.Type.Value(), h.ID.Value(), h.SN.Value(), h.PN.Value(), h.Rev.Value(), h.Result.Value()})
		assert.EqualValues(t, 10, h.ProcessCode.Int64())
		assert.Equal(t, "2020-01-01T09:00:00+01:00", h.Start.Text())
		assert.False(t, h.StartUTC.IsSet(), "the invalid startUTC is dropped")
		steps := r.Steps()
		require.Len(t, steps, 11)
		for i, s := range steps {
			assert.EqualValues(t, i+1, s.ID.Int64(), "renumbered 1…N")
		}
		assert.Equal(t, []string{"MainSequence Callback", "F"}, []string{steps[0].Name.Value(), steps[0].Status.Value()})
		var multiPF, lastSVT *report.Step
		for _, s := range steps {
			if s.Name.Value() == "Multiple tests" && len(s.BooleanMeas) > 0 {
				multiPF = s
			}
			if s.Name.Value() == "Multiple tests" && len(s.StringMeas) > 0 {
				lastSVT = s
			}
		}
		require.NotNil(t, multiPF)
		assert.Equal(t, "F", multiPF.Status.Value())
		require.NotNil(t, lastSVT)
		assert.Equal(t, "ET_SVT", lastSVT.StepType.Value(), "kept as written")
		assert.Len(t, lastSVT.StringMeas, 2)
		assert.Same(t, steps[10], lastSVT, "file step 10")
	})
	t.Run("UUR", func(t *testing.T) {
		r := convertFile(t, "WATS - WSJF UUR Example file.json")
		h := r.Header
		assert.Equal(t, []string{"R", "UURTestSerialNumber", "UURTestPartNumber", "TestUser", "b6c95876-cb19-4c43-a010-7e51a86b0886"},
			[]string{h.Type.Value(), h.SN.Value(), h.PN.Value(), r.UUR.User.Value(), r.UUR.RefUUT.Value()})
		assert.EqualValues(t, 500, h.ProcessCode.Int64())
		assert.EqualValues(t, 10, r.UUR.ProcessCode.Int64())
		assert.False(t, h.StartUTC.IsSet())
		var idx []int64
		fails, atts := 0, 0
		for _, su := range r.SubUnits {
			idx = append(idx, su.Idx.Int64())
			if su.Idx.Int64() != 0 {
				assert.EqualValues(t, 0, su.ParentIdx.Int64())
			}
			fails += len(su.Failures)
			for _, f := range su.Failures {
				atts += len(f.Attachments)
			}
		}
		assert.Equal(t, []int64{0, 1, 3}, idx)
		assert.Equal(t, 5, fails)
		assert.Len(t, r.SubUnits[0].Failures, 3)
		assert.Equal(t, 1, atts)
	})
}

func TestDefaultsAndActiveMode(t *testing.T) {
	doc := `{"type":"T","pn":"","sn":"S1","start":"2024-01-01T10:00:00+02:00","result":"P","root":{"group":"M","stepType":"SequenceCall","seqCall":{},"status":"P",` +
		`"steps":[{"name":"v","group":"M","stepType":"ET_NLT","status":"P","numericMeas":[{"compOp":"GE","value":1,"lowLimit":5,"status":"P"}]}]}}`
	d := convert.Defaults{Operator: "op", PartNumber: "PN1", Revision: "A", ProcessCode: 20, SequenceName: "Seq", SequenceVersion: "1.0",
		Station: report.Station{Name: "st", Location: "loc", Purpose: "p"}, Location: time.UTC}
	for _, mode := range []string{"", "Active"} {
		t.Run("mode "+mode, func(t *testing.T) {
			reps, err := New().Convert(context.Background(), &convert.Source{Name: "x.json", Reader: strings.NewReader(doc), Defaults: d, Params: convert.Params{"testMode": mode}})
			require.NoError(t, err)
			r := reps[0]
			require.NoError(t, r.Finalize())
			require.NoError(t, r.Validate())
			assert.Equal(t, []string{"PN1", "A", "op", "st", "loc", "p", "Seq", "1.0"}, []string{r.Header.PN.Value(), r.Header.Rev.Value(), r.UUT.User.Value(),
				r.Header.MachineName.Value(), r.Header.Location.Value(), r.Header.Purpose.Value(), r.Root.SeqCall.Name.Value(), r.Root.SeqCall.Version.Value()})
			assert.EqualValues(t, 20, r.Header.ProcessCode.Int64())
			want := "P"
			if mode == "Active" {
				want = "F" // 1 GE 5 fails once statuses are evaluated
			}
			assert.Equal(t, want, r.Header.Result.Value())
			assert.Equal(t, want, r.Root.Steps[0].NumericMeas[0].Status.Value())
		})
	}
}

func TestMalformed(t *testing.T) {
	tests := []struct{ name, doc, path, msg string }{
		{"not json", `{"type":`, "", "not a WSJF document"},
		{"bad type", `{"type":"X"}`, "type", "not T or R"},
		{"uut without root", `{"type":"T"}`, "root", "needs a root step"},
		{"root without seqCall", `{"type":"T","root":{"name":"r"}}`, "root", "must carry seqCall"},
		{"steps without seqCall", `{"type":"T","root":{"seqCall":{},"steps":[{"name":"a","steps":[{"name":"b"}]}]}}`, "root.steps[0].steps", "need a seqCall"},
		{"two kinds", `{"type":"T","root":{"seqCall":{},"steps":[{"numericMeas":[{}],"booleanMeas":[{}]}]}}`, "root.steps[0]", "one kind"},
		{"chart and attachment", `{"type":"T","root":{"seqCall":{},"steps":[{"chart":{},"attachment":{}}]}}`, "root.steps[0]", "both chart and attachment"},
		{"uur without main unit", `{"type":"R","subUnits":[{"idx":1}]}`, "subUnits", "idx 0"},
		{"uur duplicate idx", `{"type":"R","subUnits":[{"idx":0},{"idx":0}]}`, "subUnits[1].idx", "used twice"},
		{"uur dangling parent", `{"type":"R","subUnits":[{"idx":0},{"idx":1,"parentIdx":4}]}`, "subUnits[1].parentIdx", "names no sub-unit"},
		{"uur missing idx", `{"type":"R","subUnits":[{"pn":"x"}]}`, "subUnits[0].idx", "needs an idx"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			reps, err := New().Convert(context.Background(), &convert.Source{Name: "x.json", Reader: strings.NewReader(tc.doc), Defaults: defaults})
			require.Error(t, err)
			assert.Nil(t, reps)
			var me *convert.MalformedError
			require.ErrorAs(t, err, &me)
			assert.ErrorIs(t, err, convert.ErrMalformed)
			assert.Equal(t, tc.path, me.Path)
			assert.Contains(t, me.Msg, tc.msg)
		})
	}
}

func TestSniff(t *testing.T) {
	tests := []struct {
		head string
		want convert.Confidence
	}{
		{`{"type":"T"}`, convert.Certain},
		{"\xEF\xBB\xBF\n  {\"id\":\"x\",\"root\":{\"a\":[1,2]},\"type\":\"R\"}", convert.Certain},
		{`{"id":"x","root":{"type":"nested"}}`, convert.No},
		{`{"id":"x","pn":"trunc`, convert.Likely},
		{`[1,2]`, convert.No},
		{`<Reports/>`, convert.No},
		{`{"id" 5}`, convert.No},
		{``, convert.No},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.want, New().Sniff([]byte(tc.head)), tc.head)
	}
}
