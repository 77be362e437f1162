package report_test

import (
	"context"
	"github.com/watsgo/sdk/internal/apitest"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/wats"
	"github.com/watsgo/sdk/wats/watstest"
)

var day = func(d int) time.Time { return time.Date(2026, 3, d, 12, 0, 0, 0, time.UTC) }

// seedSet is a small, varied set of reports for query tests (ids 1–6 UUT,
// 7 UUR).
func seedSet() watstest.Option {
	return watstest.WithReports(
		uutDoc(uutSpec{id: guid(1), sn: "O'Brien/#1 %", pn: "PCBA-100", rev: "A", result: "P", start: day(1), misc: map[string]string{"Firmware": "1.2.0"}}),
		uutDoc(uutSpec{id: guid(2), sn: "SN-2", pn: "PCBA-100", rev: "B", result: "F", start: day(2), subPN: "PSU-9"}),
		uutDoc(uutSpec{id: guid(3), sn: "SN-3", pn: "PCBA-200", rev: "A", result: "P", start: day(3), misc: map[string]string{"Firmware": "1.3.0"}}),
		uutDoc(uutSpec{id: guid(4), sn: "XY-4", pn: "PCBA-200", rev: "A", result: "E", start: day(4)}),
		uutDoc(uutSpec{id: guid(5), sn: "SN-5", pn: "CABLE-1", rev: "C", result: "P", start: day(5).In(time.FixedZone("", -5*3600))}),
		uutDoc(uutSpec{id: guid(6), sn: "SN-2", pn: "PCBA-100", rev: "B", result: "P", start: day(6)}),
		uurDoc(guid(7), "SN-2", guid(2)),
	)
}

func ids(hs []report.ReportHeader) []string {
	out := make([]string, len(hs))
	for i, h := range hs {
		out[i] = h.ID
	}
	return out
}

func TestHeaderQueries(t *testing.T) {
	c, srv := apitest.Setup(t, seedSet())
	ctx := context.Background()
	tests := []struct {
		name       string
		q          report.HeaderQuery
		wantFilter string
		want       []string // in order
	}{
		{"all UUT newest first", report.HeaderQuery{}, "", []string{guid(6), guid(5), guid(4), guid(3), guid(2), guid(1)}},
		{"serial with quote and specials", report.BySerialNumber("O'Brien/#1 %"), "serialNumber eq 'O''Brien/#1 %'", []string{guid(1)}},
		{"serial two reports", report.BySerialNumber("SN-2"), "serialNumber eq 'SN-2'", []string{guid(6), guid(2)}},
		{"part number", report.ByPartNumber("PCBA-200", ""), "partNumber eq 'PCBA-200'", []string{guid(4), guid(3)}},
		{"part and revision", report.ByPartNumber("PCBA-100", "B"), "(partNumber eq 'PCBA-100') and (revision eq 'B')", []string{guid(6), guid(2)}},
		{"date range half open", report.ByDateRange(day(2), day(4)), "(start ge 2026-03-02T12:00:00Z) and (start lt 2026-03-04T12:00:00Z)", []string{guid(3), guid(2)}},
		{"date range converts zone to UTC", report.ByDateRange(day(5).In(time.FixedZone("", 2*3600)), time.Time{}), "start ge 2026-03-05T12:00:00Z", []string{guid(6), guid(5)}},
		{"contains", report.HeaderQuery{Filter: wats.Contains(report.FieldSerialNumber, "N-")}, "contains(serialNumber,'N-')", []string{guid(6), guid(5), guid(3), guid(2)}},
		{"startswith and result", report.HeaderQuery{Filter: wats.And(wats.StartsWith(report.FieldPartNumber, "PCBA"), wats.Eq(report.FieldResult, "Passed"))},
			"(startswith(partNumber,'PCBA')) and (result eq 'Passed')", []string{guid(6), guid(3), guid(1)}},
		{"not", report.HeaderQuery{Filter: wats.Not(wats.Eq(report.FieldResult, "Passed"))}, "not (result eq 'Passed')", []string{guid(4), guid(2)}},
		{"in", report.HeaderQuery{Filter: wats.In(report.FieldSerialNumber, "XY-4", "SN-5")}, "(serialNumber eq 'XY-4') or (serialNumber eq 'SN-5')", []string{guid(5), guid(4)}},
		{"numeric comparison", report.HeaderQuery{Filter: wats.Ge(report.FieldProcessCode, 10)}, "processCode ge 10", []string{guid(6), guid(5), guid(4), guid(3), guid(2), guid(1)}},
		{"guid literal", report.HeaderQuery{Filter: wats.Eq(report.FieldID, wats.GUID(guid(3)))}, "uuid eq " + guid(3), []string{guid(3)}},
		{"sub-unit lambda", report.HeaderQuery{}.WithSubUnit("PSU-9"), "subUnits/any(s: s/partNumber eq 'PSU-9')", []string{guid(2)}},
		{"order by two keys", report.HeaderQuery{Filter: wats.Eq(report.FieldPartNumber, "PCBA-100"), OrderBy: []wats.Order{{Field: report.FieldRevision, Desc: true}, {Field: report.FieldStart}}},
			"partNumber eq 'PCBA-100'", []string{guid(2), guid(6), guid(1)}},
		{"skip", report.HeaderQuery{Skip: 4}, "", []string{guid(2), guid(1)}},
		{"limit", report.HeaderQuery{Limit: 2}, "", []string{guid(6), guid(5)}},
		{"uur", report.BySerialNumber("SN-2").UUR(), "serialNumber eq 'SN-2'", []string{guid(7)}},
		{"uur sub-unit lambda", report.BySerialNumber("SN-2").UUR().WithSubUnit("PCBA-100"),
			"(serialNumber eq 'SN-2') and (uurSubUnits/any(s: s/partNumber eq 'PCBA-100'))", []string{guid(7)}},
		{"uur sub-unit lambda no match", report.HeaderQuery{}.UUR().WithSubUnit("PSU-9"), "uurSubUnits/any(s: s/partNumber eq 'PSU-9')", []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv.ResetRequests()
			var got []report.ReportHeader
			for h, err := range c.Report.Headers(ctx, tt.q) {
				require.NoError(t, err)
				got = append(got, h)
			}
			assert.Equal(t, tt.want, ids(got))
			reqs := srv.Requests()
			require.NotEmpty(t, reqs)
			q, err := url.ParseQuery(reqs[0].Query)
			require.NoError(t, err)
			typeTerm := "reportType eq 'T'"
			if tt.q.Type == report.TypeUUR {
				typeTerm = "reportType eq 'R'"
			}
			wantFilter := typeTerm
			if tt.wantFilter != "" {
				wantFilter = "(" + typeTerm + ") and (" + tt.wantFilter + ")"
			}
			assert.Equal(t, wantFilter, q.Get("$filter"), "the report type travels in $filter")
			assert.False(t, q.Has("reportType"), "the route declares no reportType parameter")
			if len(tt.q.OrderBy) == 0 {
				assert.Equal(t, "start desc", q.Get("$orderby"), "default order keeps paging stable")
			}
			wantTop := report.DefaultPageSize
			if tt.q.Limit > 0 {
				wantTop = tt.q.Limit
			}
			assert.Equal(t, strconv.Itoa(wantTop), q.Get("$top"), "a page size is always sent")
		})
	}
}

func TestHeaderFieldsAndExpand(t *testing.T) {
	c, _ := apitest.Setup(t, seedSet())
	ctx := context.Background()
	q := report.BySerialNumber("O'Brien/#1 %")
	q.Expand = []string{report.ExpandMiscInfo, report.ExpandSubUnits}
	hs, err := c.Report.Collect(ctx, q, 5)
	require.NoError(t, err)
	require.Len(t, hs, 1)
	h := hs[0]
	assert.Equal(t, "PCBA-100", h.PartNumber)
	assert.Equal(t, "A", h.Revision)
	assert.Equal(t, report.TypeUUT, h.ReportType)
	assert.Equal(t, "FCT-01", h.StationName)
	assert.Equal(t, 10, h.ProcessCode)
	assert.Equal(t, "SW Debug", h.ProcessName)
	assert.Equal(t, "Passed", h.Result)
	assert.Equal(t, "op1", h.UserName)
	assert.Equal(t, "FIX-7", h.FixtureID)
	require.NotNil(t, h.TestSocketIndex)
	assert.Equal(t, -1, *h.TestSocketIndex)
	assert.True(t, h.Start.Equal(day(1)), h.Start)
	assert.Equal(t, []report.HeaderMiscInfo{{Description: "Firmware", Value: "1.2.0"}}, h.MiscInfo)
	assert.Empty(t, h.SubUnits)

	hs, err = c.Report.Collect(ctx, report.BySerialNumber("SN-2").UUR(), 5)
	require.NoError(t, err)
	require.Len(t, hs, 1)
	assert.Equal(t, report.TypeUUR, hs[0].ReportType)
	assert.Equal(t, guid(2), hs[0].ReferencedUUT)
	assert.Equal(t, 500, hs[0].ProcessCode)
	assert.Equal(t, "Repair", hs[0].ProcessName)
	assert.Nil(t, hs[0].MiscInfo, "not expanded")
}

func TestHeadersByMiscInfo(t *testing.T) {
	c, srv := apitest.Setup(t, seedSet())
	ctx := context.Background()
	pc := 10
	tests := []struct {
		name  string
		q     *report.MiscInfoQuery
		want  []string
		query url.Values
	}{
		{"key and value", &report.MiscInfoQuery{Description: "firmware", Value: "1.3.0"}, []string{guid(3)},
			url.Values{"description": {"firmware"}, "data": {"1.3.0"}}},
		{"key only", &report.MiscInfoQuery{Description: "Firmware"}, []string{guid(1), guid(3)},
			url.Values{"description": {"Firmware"}}},
		{"serial and process", &report.MiscInfoQuery{Description: "Firmware", SerialNumber: "SN-3", ProcessCode: &pc}, []string{guid(3)},
			url.Values{"description": {"Firmware"}, "serialNumber": {"SN-3"}, "processCode": {"10"}}},
		{"no match", &report.MiscInfoQuery{Value: "9.9.9"}, []string{}, url.Values{"data": {"9.9.9"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv.ResetRequests()
			hs, err := c.Report.HeadersByMiscInfo(ctx, tt.q)
			require.NoError(t, err)
			got := []string{}
			for _, h := range hs {
				got = append(got, h.ID)
			}
			assert.ElementsMatch(t, tt.want, got)
			q, _ := url.ParseQuery(srv.Requests()[0].Query)
			assert.Equal(t, tt.query, q)
		})
	}
	hs, err := c.Report.HeadersByMiscInfo(ctx, &report.MiscInfoQuery{Description: "firmware", Value: "1.2.0"})
	require.NoError(t, err)
	require.Len(t, hs, 1)
	assert.Equal(t, "PCBA-100", hs[0].PartNumber)
	assert.Equal(t, "Passed", hs[0].Result)
	assert.Equal(t, "SW Debug", hs[0].ProcessName)
	assert.True(t, hs[0].Start.Equal(day(1)))
	assert.Equal(t, []report.MiscData{{Description: "Firmware", Data: "1.2.0"}}, hs[0].MiscData)

	srv.ResetRequests()
	for _, q := range []*report.MiscInfoQuery{nil, {}} {
		_, err = c.Report.HeadersByMiscInfo(ctx, q)
		require.ErrorIs(t, err, wats.ErrValidation)
	}
	apitest.RequireNoRequests(t, srv)
}

func TestHeaderQueryValidation(t *testing.T) {
	c, srv := apitest.Setup(t)
	ctx := context.Background()
	tests := []struct {
		name  string
		q     report.HeaderQuery
		opts  []report.PageOption
		field string
	}{
		{"empty serial", report.BySerialNumber(""), nil, "serialNumber"},
		{"empty part", report.ByPartNumber("", "A"), nil, "partNumber"},
		{"reversed range", report.ByDateRange(day(3), day(1)), nil, "start"},
		{"zero days", report.LastDays(0), nil, "days"},
		{"bad literal", report.HeaderQuery{Filter: wats.Eq("x", struct{}{})}, nil, "$filter"},
		{"bad type", report.HeaderQuery{Type: "X"}, nil, "reportType"},
		{"unknown expansion", report.HeaderQuery{Expand: []string{report.ExpandMiscInfo, "operator"}}, nil, "$expand[1]"},
		{"negative skip", report.HeaderQuery{Skip: -1}, nil, "$skip"},
		{"negative limit", report.HeaderQuery{Limit: -1}, nil, "limit"},
		{"page size", report.HeaderQuery{}, []report.PageOption{report.WithPageSize(0)}, "pageSize"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := 0
			for _, err := range c.Report.Headers(ctx, tt.q, tt.opts...) {
				n++
				var ve *wats.ValidationError
				require.ErrorAs(t, err, &ve)
				assert.Equal(t, tt.field, ve.Fields[0].Path)
			}
			assert.Equal(t, 1, n, "exactly one error is yielded")
		})
	}
	_, err := c.Report.Collect(ctx, report.HeaderQuery{}, 0)
	require.ErrorIs(t, err, wats.ErrValidation)
	_, _, err = c.Report.HeaderPage(ctx, report.HeaderQuery{}, 0, 0)
	require.ErrorIs(t, err, wats.ErrValidation)
	assert.Empty(t, srv.Requests())
}

func TestEmulatorRejectsBadOData(t *testing.T) {
	c, _ := apitest.Setup(t, seedSet())
	ctx := context.Background()
	for _, f := range []string{"serialNumber eq", "nosuchfield eq 1", "serialNumber eq 'x", "(serialNumber eq 'x'", "serialNumber gt 5 and", "serialNumber eq 1"} {
		_, err := c.Report.Collect(ctx, report.HeaderQuery{Filter: wats.RawFilter(f)}, 10)
		require.ErrorIs(t, err, wats.ErrBadRequest, f)
		var apiErr *wats.APIError
		require.ErrorAs(t, err, &apiErr)
		assert.Contains(t, apiErr.Message, "not valid", f)
	}
	_, err := c.Report.Collect(ctx, report.HeaderQuery{Expand: []string{"uurAssets"}}, 10)
	require.ErrorIs(t, err, wats.ErrValidation, "uurAssets is no member of ReportHeader, refused before sending")
}

func TestHeadersPaging(t *testing.T) {
	var docs []any
	for i := 1; i <= 25; i++ {
		docs = append(docs, uutDoc(uutSpec{id: guid(i), sn: "P", start: day(1).Add(time.Duration(i) * time.Minute)}))
	}
	c, srv := apitest.Setup(t, watstest.WithReports(docs...))
	ctx := context.Background()
	q := report.BySerialNumber("P")
	q.OrderBy = []wats.Order{{Field: report.FieldStart}}

	pages := func() []string {
		var out []string
		for _, r := range srv.Requests() {
			v, _ := url.ParseQuery(r.Query)
			out = append(out, v.Get("$top")+"@"+v.Get("$skip"))
		}
		srv.ResetRequests()
		return out
	}

	t.Run("walks every page", func(t *testing.T) {
		var got []string
		for h, err := range c.Report.Headers(ctx, q, report.WithPageSize(10)) {
			require.NoError(t, err)
			got = append(got, h.ID)
		}
		require.Len(t, got, 25)
		for i, id := range got {
			assert.Equal(t, guid(i+1), id, "row %d in order without gaps or repeats", i)
		}
		assert.Equal(t, []string{"10@", "10@10", "10@20"}, pages())
	})
	t.Run("exact multiple needs one empty page", func(t *testing.T) {
		n := 0
		for _, err := range c.Report.Headers(ctx, q, report.WithPageSize(5)) {
			require.NoError(t, err)
			n++
		}
		assert.Equal(t, 25, n)
		assert.Equal(t, []string{"5@", "5@5", "5@10", "5@15", "5@20", "5@25"}, pages())
	})
	t.Run("early stop fetches no more", func(t *testing.T) {
		n := 0
		for _, err := range c.Report.Headers(ctx, q, report.WithPageSize(10)) {
			require.NoError(t, err)
			n++
			if n == 12 {
				break
			}
		}
		assert.Equal(t, []string{"10@", "10@10"}, pages())
	})
	t.Run("limit and skip shape the last page", func(t *testing.T) {
		q2 := q
		q2.Skip, q2.Limit = 3, 15
		var got []string
		for h, err := range c.Report.Headers(ctx, q2, report.WithPageSize(10)) {
			require.NoError(t, err)
			got = append(got, h.ID)
		}
		require.Len(t, got, 15)
		assert.Equal(t, guid(4), got[0])
		assert.Equal(t, []string{"10@3", "5@13"}, pages())
	})
	t.Run("error mid-stream ends the walk", func(t *testing.T) {
		n, errs := 0, 0
		for _, err := range c.Report.Headers(ctx, q, report.WithPageSize(10)) {
			if err != nil {
				errs++
				require.ErrorIs(t, err, wats.ErrBadRequest)
				assert.Contains(t, err.Error(), "$skip=10")
				continue
			}
			n++
			if n == 1 {
				// A 400 is not retried, so the walk fails at once.
				srv.Inject(watstest.Fault{Method: http.MethodGet, Path: "/api/Report/Query/Header", Status: http.StatusBadRequest, Times: -1})
			}
		}
		srv.ClearFaults()
		assert.Equal(t, 10, n)
		assert.Equal(t, 1, errs)
	})
	t.Run("cancelled context ends the walk with its error", func(t *testing.T) {
		cctx, cancel := context.WithCancel(ctx)
		defer cancel()
		n, errs := 0, 0
		for _, err := range c.Report.Headers(cctx, q, report.WithPageSize(10)) {
			if err != nil {
				errs++
				require.ErrorIs(t, err, context.Canceled)
				continue
			}
			n++
			cancel()
		}
		assert.Equal(t, 10, n, "the page in hand is still delivered")
		assert.Equal(t, 1, errs)
	})
	t.Run("resumable pages", func(t *testing.T) {
		rows, next, err := c.Report.HeaderPage(ctx, q, 7, 20)
		require.NoError(t, err)
		assert.Len(t, rows, 5)
		assert.Equal(t, 25, next)
	})
	t.Run("collect", func(t *testing.T) {
		srv.ResetRequests()
		hs, err := c.Report.Collect(ctx, q, 3)
		require.NoError(t, err)
		assert.Equal(t, []string{guid(1), guid(2), guid(3)}, ids(hs))
		assert.Equal(t, []string{"3@"}, pages())
	})
}

func TestHeaderTypeAny(t *testing.T) {
	c, srv := apitest.Setup(t, seedSet())
	q := report.BySerialNumber("SN-2")
	q.Type = report.TypeAny
	hs, err := c.Report.Collect(context.Background(), q, 10)
	require.NoError(t, err)
	assert.Equal(t, []string{guid(6), guid(7), guid(2)}, ids(hs), "UUT and UUR headers, newest first")
	v, _ := url.ParseQuery(srv.Requests()[0].Query)
	assert.Equal(t, "serialNumber eq 'SN-2'", v.Get("$filter"))
}

func TestLastDays(t *testing.T) {
	now := time.Now()
	c, _ := apitest.Setup(t, watstest.WithReports(
		uutDoc(uutSpec{id: guid(1), sn: "R", start: now.Add(-36 * time.Hour)}),
		uutDoc(uutSpec{id: guid(2), sn: "R", start: now.Add(-10 * 24 * time.Hour)}),
	))
	hs, err := c.Report.Collect(context.Background(), report.LastDays(2), 10)
	require.NoError(t, err)
	assert.Equal(t, []string{guid(1)}, ids(hs))
}

// A server that ignores $skip must not make Headers loop forever.
func TestHeadersStopsWhenServerIgnoresSkip(t *testing.T) {
	requests := 0
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests++
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`[{"uuid":"` + guid(1) + `"},{"uuid":"` + guid(2) + `"}]`))
	}))
	defer ts.Close()
	c, err := wats.New(ts.URL, "token")
	require.NoError(t, err)
	n, errCount := 0, 0
	for _, err := range c.Report.Headers(context.Background(), report.HeaderQuery{}, report.WithPageSize(2)) {
		if err != nil {
			errCount++
			require.ErrorIs(t, err, report.ErrNoProgress)
			continue
		}
		n++
	}
	assert.Equal(t, 2, n)
	assert.Equal(t, 1, errCount)
	assert.Equal(t, 2, requests)
}

// A server that ignores $top (answers more than asked) does not end the
// walk: the next page starts after the rows received.
func TestHeadersContinuePastLongPage(t *testing.T) {
	var skips []string
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		skips = append(skips, r.URL.Query().Get("$skip"))
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Query().Get("$skip") {
		case "":
			_, _ = w.Write([]byte(`[{"uuid":"` + guid(1) + `"},{"uuid":"` + guid(2) + `"},{"uuid":"` + guid(3) + `"}]`))
		case "3":
			_, _ = w.Write([]byte(`[{"uuid":"` + guid(4) + `"}]`))
		default:
			_, _ = w.Write([]byte(`[]`))
		}
	}))
	defer ts.Close()
	c, err := wats.New(ts.URL, "token")
	require.NoError(t, err)
	var got []report.ReportHeader
	for h, err := range c.Report.Headers(context.Background(), report.HeaderQuery{}, report.WithPageSize(2)) {
		require.NoError(t, err)
		got = append(got, h)
	}
	assert.Equal(t, []string{guid(1), guid(2), guid(3), guid(4)}, ids(got))
	assert.Equal(t, []string{"", "3"}, skips)
}
