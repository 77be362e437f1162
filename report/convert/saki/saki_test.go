package saki

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/report/convert"
	"github.com/watsgo/sdk/report/convert/internal/convtest"
)

const fileSample = "SAKI-testdata.xml"

func source(name string, data []byte, params convert.Params) *convert.Source {
	return &convert.Source{
		Name: name, Reader: strings.NewReader(string(data)), Size: int64(len(data)), Params: params,
		Defaults: convert.Defaults{Location: time.UTC, Station: report.Station{Name: "CONV-PC", Location: "Lab", Purpose: "Test"}},
	}
}

func convertData(t *testing.T, data []byte, params convert.Params) *report.Report {
	t.Helper()
	rs, err := New().Convert(context.Background(), source("f.xml", data, params))
	require.NoError(t, err)
	require.Len(t, rs, 1)
	require.NoError(t, rs[0].Finalize())
	require.NoError(t, rs[0].Validate())
	return rs[0]
}

func sample(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", fileSample))
	require.NoError(t, err)
	return b
}

func TestSample(t *testing.T) {
	r := convertData(t, sample(t), nil)
	h := r.Header
	assert.Equal(t, "SN123456789", h.SN.Value())
	assert.Equal(t, "PN1", h.PN.Value(), "side holds a product here, not a board side")
	assert.Equal(t, "1.0", h.Rev.Value(), "no revision in the file: parameter")
	assert.Equal(t, "Operator", r.UUT.User.Value())
	assert.Equal(t, time.Date(2024, 1, 10, 8, 59, 14, 0, time.UTC), h.Start.Time().UTC(), "MM/dd/yyyy")
	assert.Equal(t, "Test Sequence", r.Root.Name.Value())
	assert.False(t, r.Root.SeqCall.Version.IsSet() && r.Root.SeqCall.Version.Value() != "", "empty program version")
	assert.Equal(t, "F", h.Result.Value())

	s := convtest.Summarize(r)
	assert.Equal(t, 34, s.ByType["ET_SVT"], "one string step per reference")
	assert.Equal(t, 3+4, s.ByType["SequenceCall"]-1, "3 images and 4 sub-sequences")
	require.Len(t, r.Root.Steps, 3)
	want := []struct {
		name, status string
		groups       map[string]int
	}{
		{"Image 1", "F", map[string]int{"False Calls": 23, "Failed": 6}},
		{"Image 2", "P", map[string]int{"False Calls": 2}},
		{"Image 3", "P", map[string]int{"False Calls": 3}},
	}
	for i, w := range want {
		img := r.Root.Steps[i]
		assert.Equal(t, w.name, img.Name.Value())
		assert.Equal(t, w.status, img.Status.Value())
		got := map[string]int{}
		for _, g := range img.Steps {
			got[g.Name.Value()] = len(g.Steps)
		}
		assert.Equal(t, w.groups, got, w.name)
	}
	var failed []string
	for _, st := range r.Root.Steps[0].Steps[1].Steps {
		failed = append(failed, st.Name.Value())
		assert.Equal(t, "F", st.Status.Value())
	}
	assert.Equal(t, []string{"C1164", "C123", "C1161", "M103", "C1162", "C1165"}, failed)
	fc := r.Root.Steps[1].Steps[0].Steps
	assert.Equal(t, "R120", fc[0].Name.Value())
	assert.Equal(t, "P", fc[0].Status.Value())
	assert.Equal(t, "4326599", fc[0].StringMeas[0].Value.Value(), "the component's part number")
	assert.Equal(t, "4326599_R1206; Description text", fc[0].ReportText.Value())
}

func TestBoardSide(t *testing.T) {
	data := strings.Replace(string(sample(t)), `side="PN1"`, `side="Top"`, 1)
	r := convertData(t, []byte(data), nil)
	assert.Equal(t, "Test Sequence", r.Header.PN.Value(), "a board side is no part number: program name")
	assert.Equal(t, "Top", r.MiscInfos[0].Text.Value())
	r = convertData(t, []byte(data), convert.Params{ParamPartNumber: "BOARD-1"})
	assert.Equal(t, "BOARD-1", r.Header.PN.Value())
	// A passed panel whose image lists a failed reference keeps the file's verdicts.
	data = strings.Replace(string(sample(t)), `result="failed" startDate`, `result="passed" startDate`, 1)
	r = convertData(t, []byte(data), nil)
	assert.Equal(t, "P", r.Header.Result.Value())
}

func TestMalformed(t *testing.T) {
	s := string(sample(t))
	tests := []struct {
		name, data, path string
		line             int
	}{
		{"broken", "<Panel barcode='a'>\n<Image", "", 2},
		{"wrong root", "<Board/>", "/Board", 0},
		{"no barcode", strings.Replace(s, `barcode="SN123456789"`, `barcode=""`, 1), "/Panel/@barcode", 0},
		{"bad date", strings.Replace(s, `startDate="01/10/2024"`, `startDate="2024-01-10"`, 1), "/Panel/@startDate", 0},
		{"bad result", strings.Replace(s, `result="failed" startDate`, `result="maybe" startDate`, 1), "/Panel/@result", 0},
		{"bad image result", strings.Replace(s, `id="2" result="passed"`, `id="2" result="?"`, 1), "/Panel/Image[2]/@result", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs, err := New().Convert(context.Background(), source("bad.xml", []byte(tt.data), nil))
			require.Error(t, err)
			assert.Nil(t, rs)
			var me *convert.MalformedError
			require.True(t, errors.As(err, &me), "%T %v", err, err)
			assert.Equal(t, tt.path, me.Path, me.Error())
			assert.Equal(t, tt.line, me.Line, me.Error())
		})
	}
}

func TestContextCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := New().Convert(ctx, source("x", sample(t), nil))
	assert.ErrorIs(t, err, context.Canceled)
}

func TestSniff(t *testing.T) {
	c := New()
	assert.Equal(t, convert.Certain, c.Sniff(sample(t)))
	assert.Equal(t, convert.Likely, c.Sniff([]byte(`<Panel barcode="x"></Panel>`)))
	assert.Equal(t, convert.No, c.Sniff([]byte(`<Panel name="x"/>`)))
	assert.Equal(t, convert.No, c.Sniff([]byte(`<UnitReport/>`)))
}
