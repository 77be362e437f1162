package report_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/report/internal/wsjfcmp"
)

var serverExports = []string{"uut-server-export.json", "uur-server-export.json"}

func allFixtures(t *testing.T) []string {
	t.Helper()
	names, err := filepath.Glob("testdata/*.json")
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(names), 6)
	for i, n := range names {
		names[i] = filepath.Base(n)
	}
	return names
}

func TestServerExportsRoundTripByteIdentical(t *testing.T) {
	for _, name := range serverExports {
		t.Run(name, func(t *testing.T) {
			data := loadFixture(t, name)
			r, err := report.Parse(data)
			require.NoError(t, err)
			out, err := r.Marshal()
			require.NoError(t, err)
			if string(out) != string(data) {
				path, _ := wsjfcmp.Diff(data, out)
				t.Fatalf("not byte-identical; first semantic difference: %s", path)
			}
		})
	}
}

func TestEveryFixtureRoundTripsSemantically(t *testing.T) {
	for _, name := range allFixtures(t) {
		t.Run(name, func(t *testing.T) {
			data := loadFixture(t, name)
			r, err := report.Parse(data)
			require.NoError(t, err)
			out, err := r.Marshal()
			require.NoError(t, err)
			path, ok := wsjfcmp.Diff(data, out)
			require.True(t, ok, "first difference at %s", path)

			// A second pass is stable byte for byte.
			r2, err := report.Parse(out)
			require.NoError(t, err)
			out2, err := r2.Marshal()
			require.NoError(t, err)
			require.Equal(t, string(out), string(out2))
		})
	}
}

func TestEncodingJSONInterop(t *testing.T) {
	data := loadFixture(t, "uut-server-export.json")
	var r report.Report
	require.NoError(t, json.Unmarshal(data, &r))
	assert.Equal(t, "FATTest-325", r.SerialNumber())
	assert.Equal(t, report.TypeUUT, r.Type())
	out, err := json.Marshal(&r)
	require.NoError(t, err)
	// encoding/json escapes < and > in Marshaler output; the semantics stay.
	assert.Contains(t, string(out), `\u003c`)
	path, ok := wsjfcmp.Diff(data, out)
	assert.True(t, ok, path)

	// A Report inside another struct works too.
	wrapped := struct {
		Report *report.Report `json:"report"`
	}{}
	require.NoError(t, json.Unmarshal([]byte(`{"report":`+string(data)+`}`), &wrapped))
	assert.Equal(t, "33a2d408-3fc8-480b-b554-6866c77fd91c", wrapped.Report.ID())

	// null leaves the target alone; Parse refuses it (not a document).
	require.NoError(t, json.Unmarshal([]byte(`null`), &r))
	assert.Equal(t, "FATTest-325", r.SerialNumber())
	_, err = report.Parse([]byte(`null`))
	assert.Error(t, err)
}

func TestAccessorsOnFixtures(t *testing.T) {
	uut, err := report.Parse(loadFixture(t, "uut-server-export.json"))
	require.NoError(t, err)
	assert.Equal(t, "33a2d408-3fc8-480b-b554-6866c77fd91c", uut.ID())
	assert.Equal(t, "FATPartNo", uut.PartNumber())
	assert.Equal(t, "Rev1", uut.Revision())
	assert.Equal(t, 10, uut.ProcessCode())
	assert.Equal(t, "F", uut.Result())
	assert.Len(t, uut.Steps(), 186)
	assert.Equal(t, "SingleEQFail", uut.StepByID(5).Name.Value())
	assert.Nil(t, uut.StepByID(999))
	st, ok := uut.Header.Start.Get()
	require.True(t, ok)
	_, off := st.Zone()
	assert.Equal(t, 3600, off)
	assert.Equal(t, "2026-01-30T22:01:41.4707353+01:00", uut.Header.Start.Text())
	assert.Equal(t, report.Null, uut.Header.ProductName.State())

	uur, err := report.Parse(loadFixture(t, "uur-server-export.json"))
	require.NoError(t, err)
	assert.Equal(t, report.TypeUUR, uur.Type())
	require.NotNil(t, uur.UUR)
	assert.Equal(t, int64(90), uur.UUR.ProcessCode.Int64())
	assert.Equal(t, "Burned Component", uur.SubUnits[0].Failures[0].Code.Value())
	assert.Nil(t, uur.UUR.Children)
	assert.Equal(t, report.Null, uur.UUR.Parent.State())
}

func TestLosslessRules(t *testing.T) {
	tests := []struct {
		name string
		in   string
	}{
		{"absent, null and value kept apart", `{"type":"T","pn":null,"sn":"","uut":{"comment":null}}`},
		{"integral doubles keep .0", `{"type":"T","root":{"totTime":0.0,"numericMeas":[{"value":500.0,"lowLimit":4.89E-05,"highLimit":1e3}]}}`},
		{"number literals verbatim", `{"type":"T","root":{"numericMeas":[{"value":-0.788997000000052,"lowLimit":28.9230769230769,"highLimit":12345678901234567890}]}}`},
		{"non-finite strings", `{"type":"T","root":{"numericMeas":[{"value":"NaN","lowLimit":"-Infinity","highLimit":"Infinity"}]}}`},
		{"date texts verbatim", `{"type":"T","start":"2026-01-30T22:01:41.4707353+01:00","startUTC":"2026-01-30T21:01:41Z","root":{"start":"2024-04-15T02:49:36.93+00:00"}}`},
		{"dates without zone", `{"type":"T","start":"2026-01-30T22:01:41"}`},
		{"unparsable date kept", `{"type":"T","start":"yesterday"}`},
		{"no trimming", `{"type":"T","rev":"01     ","subUnits":[{"partType":"  PCB  "}]}`},
		{"unknown top-level keys keep position", `{"zz":1,"type":"T","extra":{"a":[1,2]},"id":"x","tail":null}`},
		{"unknown keys needing escapes", `{"a\"b":1,"c\\d\u0001":{"e\nf":2},"type":"T"}`},
		{"unknown keys in steps and measurements", `{"type":"T","root":{"x":1,"id":1,"steps":[{"name":"a","y":[2],"numericMeas":[{"q":2,"value":1.0,"z":null}]}],"w":{}}}`},
		{"unknown keys in nested objects", `{"type":"R","uur":{"active":true,"user":"a","testOperationCode":10},"subUnits":[{"idx":0,"foo":"bar"}]}`},
		{"odd single-letter codes survive", `{"type":"X","result":"Passed","root":{"status":"u","group":"m"}}`},
		{"escapes the server writes", `{"type":"T","sn":"a\"b\\c\n\r\t\b\f\u0001 <&> ' / +"}`},
		{"U+2028 escaped like the server", `{"type":"T","sn":"\u2028\u2029\u0085"}`},
		{"non-ASCII raw", `{"type":"T","sn":"Ærø 温度"}`},
		{"case-sensitive keys", `{"type":"T","SN":"upper","sn":"lower"}`},
		{"empty arrays vs null arrays", `{"type":"T","miscInfos":[],"subUnits":null,"assets":[]}`},
		{"integers with odd literals", `{"type":"T","processCode":1.0,"root":{"id":2e1}}`},
		{"additional data tree", `{"type":"T","additionalData":[{"name":"x","props":[{"name":"p","type":"Array","flags":0,"array":{"dimension":1,"type":"Number","indexes":[{"text":"[0]","indexes":[0],"value":{"name":"v","type":"Number","value":"1"}}]}}]}]}`},
		{"uur children list", `{"type":"R","uur":{"children":["0b6d8d2a-7c41-4e0f-8f39-6a1c2e9b4d10",null]}}`},
		{"asset stats decimals", `{"type":"T","assetStats":[{"assetSN":"A","daysSinceCalibration":3.5,"runningCount":12,"isDaysSinceCalibrationUnknown":false}]}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := report.Parse([]byte(tc.in))
			require.NoError(t, err)
			out, err := r.Marshal()
			require.NoError(t, err)
			path, ok := wsjfcmp.Diff([]byte(tc.in), out)
			require.True(t, ok, "difference at %s; output %s", path, out)
			again, err := report.Parse(out)
			require.NoError(t, err)
			out2, _ := again.Marshal()
			assert.Equal(t, string(out), string(out2))
		})
	}
}

func TestUnknownKeyPositions(t *testing.T) {
	in := `{"first":1,"type":"T","id":"x","between":2,"pn":"p","last":3}`
	r, err := report.Parse([]byte(in))
	require.NoError(t, err)
	out, _ := r.Marshal()
	assert.Equal(t, in, string(out))
	raw, ok := r.Extra("between")
	assert.True(t, ok)
	assert.Equal(t, "2", raw)
}

func TestServerEscapingIsExact(t *testing.T) {
	r, err := report.Parse([]byte(`{"sn":"q\"b\\s\u0001\u001f\u007f<>&'"}`))
	require.NoError(t, err)
	out, _ := r.Marshal()
	assert.Equal(t, `{"sn":"q\"b\\s\u0001\u001f`+"\x7f"+`<>&'"}`, string(out))
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		in      string
		wantSub string
	}{
		{``, "expected object"},
		{`[]`, "expected object"},
		{`{"type":"T"`, "expected ',' or '}'"},
		{`{"type":"T"} x`, "unexpected data"},
		{"{}\x00", "unexpected data"},                                     // NUL is not end of input (fuzz find)
		{"{} \n\x00 ", "unexpected data"},                                 // nor after white space
		{"{\x00}", "expected string, got a NUL byte"},                     // nor inside an object
		{`{"sn":"a","sn":"b"}`, `duplicate key "sn"`},                     // one value would silently win
		{`{"subUnits":[{"":"","partType":"0","":[]}]}`, `subUnits[0]`},    // unknown keys too (fuzz find)
		{`{"root":{"steps":[{"x":{"a":1,"a":2}}]}}`, `duplicate key "a"`}, // and inside kept raw values
		{`{"sn":5}`, "sn"},
		{`{"root":{"steps":[{"id":"one"}]}}`, "root.steps[0].id"},
		{`{"root":{"numericMeas":[{"value":"abc"}]}}`, "root.numericMeas[0].value"},
		{`{"root":{"causedUUTFailure":"yes"}}`, "root.causedUUTFailure"},
		{`{"sn":"a` + "\n" + `b"}`, "control character"},
		{`{"sn":"\x"}`, "invalid escape"},
		{`{"processCode":01}`, "expected ',' or '}'"},
		{`{"processCode":-}`, "expected number"},
		{`{"miscInfos":{}}`, "miscInfos"},
		{`{"zz":tru}`, "invalid literal"},
		{strings.Repeat(`{"a":`, 2000) + `1` + strings.Repeat(`}`, 2000), "nesting"},
	}
	for _, tc := range tests {
		t.Run(tc.wantSub, func(t *testing.T) {
			_, err := report.Parse([]byte(tc.in))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.wantSub)
			assert.True(t, strings.HasPrefix(err.Error(), "report: parse WSJF: "), err.Error())
		})
	}
}

func TestStepJSONAndWriters(t *testing.T) {
	r, err := report.Parse(loadFixture(t, "uut-server-export.json"))
	require.NoError(t, err)
	step := r.StepByID(5)
	b, err := json.Marshal(step)
	require.NoError(t, err)
	var back report.Step
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, "SingleEQFail", back.Name.Value())
	assert.True(t, back.CausedUUTFailure.Value())

	var sb strings.Builder
	require.NoError(t, r.WriteIndent(&sb))
	assert.True(t, strings.HasSuffix(sb.String(), "}\n"))
	path, ok := wsjfcmp.Diff(loadFixture(t, "uut-server-export.json"), []byte(sb.String()))
	assert.True(t, ok, path)

	var compact strings.Builder
	n, err := r.WriteTo(&compact)
	require.NoError(t, err)
	assert.Equal(t, int64(len(loadFixture(t, "uut-server-export.json"))), n)

	f, err := os.Open("testdata/uur-server-export.json")
	require.NoError(t, err)
	defer f.Close()
	uur, err := report.ParseReader(f)
	require.NoError(t, err)
	assert.Equal(t, report.TypeUUR, uur.Type())
}

func TestPartsMarshalOnTheirOwn(t *testing.T) {
	r, err := report.Parse(loadFixture(t, "uur-server-export.json"))
	require.NoError(t, err)
	b, err := json.Marshal(r.UUR)
	require.NoError(t, err)
	assert.Equal(t, `{"comment":"Thermal failure repaired","user":"RepairOperator","processCode":90,"processName":"Burn In test","refUUT":"873d67f8-7669-4f4b-a627-e598e444d323","confirmDate":"2025-12-21T22:01:45.472138+00:00","finalizeDate":"2025-12-21T22:01:45.472138+00:00","execTime":0.0,"parent":null,"children":null}`, string(b))
	var back report.UURInfo
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, int64(90), back.ProcessCode.Int64())

	b, err = json.Marshal(r.SubUnits)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"refStepName":"MainSequence Callback"`)
	var subs []*report.SubUnit
	require.NoError(t, json.Unmarshal(b, &subs))
	assert.Equal(t, "Burned Component", subs[0].Failures[0].Code.Value())

	// Property types inside user structs.
	type row struct {
		S report.Str  `json:"s"`
		N report.Num  `json:"n"`
		I report.Int  `json:"i"`
		B report.Bool `json:"b"`
		T report.Time `json:"t"`
		A report.Str  `json:"a"`
	}
	in := `{"s":"x","n":500.0,"i":7,"b":true,"t":"2026-01-30T21:01:41Z","a":null}`
	var v row
	require.NoError(t, json.Unmarshal([]byte(in), &v))
	assert.Equal(t, 500.0, v.N.Float())
	assert.Equal(t, report.Null, v.A.State())
	out, err := json.Marshal(v)
	require.NoError(t, err)
	assert.Equal(t, in, string(out))
	assert.Error(t, json.Unmarshal([]byte(`{"n":"x"}`), &v))
}

func TestNilElementsMarshalAsNull(t *testing.T) {
	r := validUUT(t)
	r.MiscInfos = append(r.MiscInfos, nil)
	r.Root.Steps = append(r.Root.Steps, nil)
	step(r, 1, 2).NumericMeas = append(step(r, 1, 2).NumericMeas, nil)
	out, err := r.Marshal()
	require.NoError(t, err)
	assert.Contains(t, string(out), `"miscInfos":[{"description":"Firmware","text":"1.2.0","numeric":null},null]`)
	assert.Contains(t, string(out), `,null],"seqCall"`)
	assert.Contains(t, string(out), `"lowLimit":null},null]`)
	assert.Error(t, r.Validate())
}

// Objects built in Go follow the server's emit rule: nullable "always"
// properties nobody set are written as null, "if set" and non-nullable ones
// stay out. Parsed objects keep exactly the keys they were read with.
func TestEmitRuleForBuiltObjects(t *testing.T) {
	s := &report.Step{Group: report.StrOf("M"), Status: report.StrOf("P")}
	b, err := json.Marshal(s)
	require.NoError(t, err)
	assert.Equal(t, `{"id":null,"group":"M","stepType":null,"name":null,"status":"P","totTime":null}`, string(b))

	m := &report.NumericMeas{Value: report.NumOf(1)}
	b, err = json.Marshal(m)
	require.NoError(t, err)
	assert.Equal(t, `{"compOp":null,"name":null,"unit":null,"value":1.0,"highLimit":null,"lowLimit":null}`, string(b))

	b, err = json.Marshal(&report.Loop{Idx: report.IntOf(2)})
	require.NoError(t, err)
	assert.Equal(t, `{"idx":2,"num":null,"endingIndex":null,"passed":null,"failed":null}`, string(b))

	r := &report.Report{}
	r.Header.Type = report.StrOf("R")
	out, err := r.Marshal()
	require.NoError(t, err)
	assert.Equal(t, `{"type":"R","pn":null,"sn":null,"rev":null,"productName":null,"processCode":null,"processCodeFormat":null,"processName":null,"machineName":null,"location":null,"purpose":null,"origin":null,"miscInfos":null,"subUnits":null}`, string(out))

	var p report.Step
	require.NoError(t, json.Unmarshal([]byte(`{"group":"M"}`), &p))
	b, err = json.Marshal(&p)
	require.NoError(t, err)
	assert.Equal(t, `{"group":"M"}`, string(b))
}
