package report

import (
	"math"
	"math/rand"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/watsgo/sdk/internal/guid"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var point1, point2 = 0.1, 0.2
var point3 = point1 + point2

func TestDotNetFloatFormat(t *testing.T) {
	tests := []struct {
		in   float64
		want string
	}{
		{0, "0.0"},
		{500, "500.0"},
		{17232, "17232.0"},
		{-1, "-1.0"},
		{0.5, "0.5"},
		{3.31, "3.31"},
		{4.89e-05, "4.89E-05"},
		{2.1e-05, "2.1E-05"},
		{1e-05, "1E-05"},
		{0.0001, "0.0001"},
		{0.000123, "0.000123"},
		{123.67, "123.67"},
		{1e14, "100000000000000.0"},
		{1e15, "1E+15"},
		{1.5e300, "1.5E+300"},
		{-2.5e-10, "-2.5E-10"},
		{28.9230769230769, "28.9230769230769"},
		{-0.788997000000052, "-0.788997000000052"},
		{point3, "0.30000000000000004"},  // 15 digits do not round-trip: 17
		{1.0 / 3.0, "0.333333333333333"}, // 15 digits round-trip? no: 17
		{math.MaxFloat64, "1.7976931348623157E+308"},
		{math.SmallestNonzeroFloat64, "4.94065645841247E-324"},
		{math.NaN(), `"NaN"`},
		{math.Inf(1), `"Infinity"`},
		{math.Inf(-1), `"-Infinity"`},
	}
	for _, tc := range tests {
		got := string(appendDotNetFloat(nil, tc.in))
		if tc.in == 1.0/3.0 {
			// 0.333333333333333 does not read back as 1/3, so .NET uses 17 digits.
			assert.Equal(t, "0.33333333333333331", got)
			continue
		}
		assert.Equal(t, tc.want, got, "%v", tc.in)
	}
}

// The fixed-notation fast path agrees with the general path, and every
// output reads back as the same double.
func TestDotNetFloatFastPathAgrees(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	check := func(f float64) {
		if math.IsNaN(f) || math.IsInf(f, 0) || f == 0 {
			return
		}
		got := string(appendDotNetFloat(nil, f))
		want := string(appendDotNetFloatE(nil, f))
		if got != want {
			t.Fatalf("%v: fast %q, general %q", f, got, want)
		}
		back, err := strconv.ParseFloat(got, 64)
		if err != nil || back != f {
			t.Fatalf("%v: %q reads back as %v (%v)", f, got, back, err)
		}
	}
	for i := 0; i < 100000; i++ {
		check(math.Float64frombits(rng.Uint64()))
		check(float64(rng.Intn(2000000)-1000000) / math.Pow(10, float64(rng.Intn(12))))
		check(rng.NormFloat64() * math.Pow(10, float64(rng.Intn(40)-20)))
	}
	for _, f := range []float64{1e-4, 0.0001, 9.999999999999999e-05, 1e15, 999999999999999, 999999999999999.9, 123456789012345.6, 0.1, 1.0 / 3} {
		check(f)
		check(-f)
	}
}

// Every double in the FAT export re-formats to the server's own literal.
func TestDotNetFloatMatchesServerLiterals(t *testing.T) {
	data, err := os.ReadFile("testdata/uut-server-export.json")
	require.NoError(t, err)
	r, err := Parse(data)
	require.NoError(t, err)
	n := 0
	check := func(v Num) {
		if v.IsSet() && v.raw != "" {
			assert.Equal(t, v.raw, string(appendDotNetFloat(nil, v.f)))
			n++
		}
	}
	r.Root.Walk(func(s *Step) bool {
		check(s.TotTime)
		for _, m := range s.NumericMeas {
			check(m.Value)
			check(m.LowLimit)
			check(m.HighLimit)
		}
		if s.CallExe != nil {
			check(s.CallExe.ExitCode)
		}
		return true
	})
	check(r.UUT.ExecTime)
	assert.Greater(t, n, 400)
}

func TestDateTimeParseAndFormat(t *testing.T) {
	tests := []struct {
		in   string
		ok   bool
		off  int
		nano int
	}{
		{"2026-01-30T22:01:41.4707353+01:00", true, 3600, 470735300},
		{"2026-01-30T21:01:41.4707353Z", true, 0, 470735300},
		{"2024-04-15T02:49:36.93+00:00", true, 0, 930000000},
		{"2024-04-15T02:49:36+00:00", true, 0, 0},
		{"2024-04-15T02:49:36.123456789-05:30", true, -19800, 123456789},
		{"2024-04-15T02:49:36", true, 0, 0},
		{"2024-02-30T02:49:36Z", false, 0, 0},
		{"2024-04-15T25:49:36Z", false, 0, 0},
		{"2024-04-15T02:49:36.Z", false, 0, 0},
		{"2024-04-15T02:49:36+0100", false, 0, 0},
		{"2024-04-15", false, 0, 0},
		{"2024-04-15T02:49:36.1234567890Z", false, 0, 0},
	}
	for _, tc := range tests {
		got, ok := parseDateTime(tc.in)
		assert.Equal(t, tc.ok, ok, tc.in)
		if ok {
			_, off := got.Zone()
			assert.Equal(t, tc.off, off, tc.in)
			assert.Equal(t, tc.nano, got.Nanosecond(), tc.in)
		}
	}
	cet := time.FixedZone("", 3600)
	ts := time.Date(2026, 1, 30, 22, 1, 41, 470735399, cet)
	assert.Equal(t, "2026-01-30T22:01:41.4707353+01:00", string(appendDateTime(nil, ts, false)))
	assert.Equal(t, "2026-01-30T21:01:41.4707353Z", string(appendDateTime(nil, ts, true)))
	assert.Equal(t, "2026-01-30T21:01:41+00:00", string(appendDateTime(nil, time.Date(2026, 1, 30, 21, 1, 41, 0, time.UTC), false)))
	assert.Equal(t, "2026-01-30T21:01:41.93+00:00", string(appendDateTime(nil, time.Date(2026, 1, 30, 21, 1, 41, 930000000, time.UTC), false)))
}

// The hand-written writers must produce what the table writer produces.
func TestFastWritersMatchTables(t *testing.T) {
	for _, name := range []string{"uut-server-export.json", "uut-roundtrip-submitted.json"} {
		data, err := os.ReadFile("testdata/" + name)
		require.NoError(t, err)
		r, err := Parse(data)
		require.NoError(t, err)
		r.Root.Walk(func(s *Step) bool {
			assertSameAsTable(t, s)
			return true
		})
	}
	// Every step of the fuzz corpus (odd shapes, unknown keys, nulls).
	corpus, err := filepath.Glob("testdata/fuzz/FuzzWSJFRoundTrip/*")
	require.NoError(t, err)
	parsed := 0
	for _, name := range corpus {
		raw, err := os.ReadFile(name)
		require.NoError(t, err)
		lines := strings.SplitN(string(raw), "\n", 3)
		require.GreaterOrEqual(t, len(lines), 2, name)
		quoted := strings.TrimSuffix(strings.TrimPrefix(lines[1], "[]byte("), ")")
		data, err := strconv.Unquote(quoted)
		require.NoError(t, err, name)
		r, err := Parse([]byte(data))
		if err != nil || r.Root == nil {
			continue
		}
		parsed++
		r.Root.Walk(func(s *Step) bool {
			assertSameAsTable(t, s)
			return true
		})
	}
	assert.Greater(t, parsed, 2)
	// A built report with every step kind.
	r, err := NewUUT("P", "S", "R", 10, WithStation(Station{Name: "N", Location: "L", Purpose: "P"}), WithOperator("o"))
	require.NoError(t, err)
	seq, _ := r.Root.AddSequence("seq", SequenceFile("a.seq", "1"), StepStart(time.Unix(1, 5).UTC()), StepTime(time.Second))
	_, _ = seq.AddNumericStep("n", 0.1, "V", Lim(GELE, 0, 1), StepError(3, "e"), StepReportText("t\n"), StepTSGuid("ID#:x"))
	ms, _ := seq.AddMultiNumericStep("m")
	_ = ms.AddNumericMeasurement("a", 1e-9, "", Lim(LOG))
	_, _ = seq.AddStringStep("s", "v", IgnoreCase, "V")
	_, _ = seq.AddPassFailStep("p", false)
	ch, _ := seq.AddChartStep("c", ChartSpec{})
	_ = ch.AddSeries("x", nil, []float64{1, 2.5})
	_, _ = seq.AddCallExeStep("e", 17232)
	_, _ = seq.AddMessagePopupStep("pop", "", 1)
	hdr, _ := seq.AddLoop("l")
	_, _ = seq.AddActionStep("l", LoopIteration(hdr))
	a, _ := seq.AddActionStep("att")
	_ = a.AttachBytes("f.txt", "", []byte("x"))
	_ = a.AddAdditionalResult("ar", NewProperty("p", "String", "v"))
	require.NoError(t, r.Finalize())
	r.Root.Walk(func(s *Step) bool {
		assertSameAsTable(t, s)
		return true
	})
	// Built steps, with null marks on object and list properties.
	s := &Step{ID: IntOf(1), Loop: nil, Start: TimeOf(time.Unix(0, 0).UTC())}
	for bit := 0; bit < len(stepTable.fields); bit++ {
		s.setNull(bit, true)
	}
	assertSameAsTable(t, s)
}

func assertSameAsTable(t *testing.T, s *Step) {
	t.Helper()
	fast := writer{}
	encodeFrom(&fast, s, stepTable)
	saved := stepTable.fast
	savedM := numericMeasTable.fast
	stepTable.fast, numericMeasTable.fast = nil, nil
	slow := writer{}
	encodeFrom(&slow, s, stepTable)
	stepTable.fast, numericMeasTable.fast = saved, savedM
	assert.Equal(t, string(slow.buf), string(fast.buf))
}

func TestXMLSafeAndGUID(t *testing.T) {
	for _, s := range []string{"", "plain", "tab\tnl\ncr\r", "Ærø 温度", "emoji 😀", "<>&'\""} {
		assert.True(t, xmlSafe(s), "%q", s)
	}
	for _, s := range []string{"\x00", "\x08", "\x7f", "\u0080", "\u009f", "\ufeff", "\ufffe", "\uffff", "\xff"} {
		assert.False(t, xmlSafe(s), "%q", s)
	}
	assert.True(t, guid.ValidBraced("33a2d408-3fc8-480b-b554-6866c77fd91c"))
	assert.True(t, guid.ValidBraced("33A2D408-3FC8-480B-B554-6866C77FD91C"))
	assert.True(t, guid.ValidBraced("{33a2d408-3fc8-480b-b554-6866c77fd91c}"))
	assert.False(t, guid.ValidBraced("33a2d408-3fc8-480b-b554-6866c77fd91"))
	assert.False(t, guid.ValidBraced("33a2d408_3fc8-480b-b554-6866c77fd91c"))
	assert.False(t, guid.ValidBraced("33a2d408-3fc8-480b-b554-6866c77fd9zz"))
	assert.True(t, validBase64("aGVsbG8="))
	assert.True(t, validBase64("aGVsbG8"))
	assert.True(t, validBase64("aGVs\nbG8="))
	assert.False(t, validBase64("a*b"))
}
