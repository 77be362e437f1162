package report_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/internal/apitest"
	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/report/internal/wsjfcmp"
	"github.com/watsgo/sdk/wats"
	"github.com/watsgo/sdk/wats/watstest"
)

// serverAdded lists the keys a load may add to what was submitted (spec
// wsjf.md §18.2), per object kind.
var serverAdded = map[string]bool{
	"productName": true, "processCodeFormat": true, "processName": true, "origin": true,
	"startUTC": true, "miscInfos": true, "subUnits": true, "assets": true, "assetStats": true,
	"additionalData": true, "stepIdCausedUUTFailure": true, "causedUUTFailure": true,
}

// assertRoundTrip checks that every value sent comes back unchanged and
// that anything extra is a server-added key.
func assertRoundTrip(t *testing.T, path string, sent, loaded any) {
	t.Helper()
	switch s := sent.(type) {
	case map[string]any:
		l, ok := loaded.(map[string]any)
		if !assert.True(t, ok, "%s: object became %T", path, loaded) {
			return
		}
		for k, v := range s {
			lv, present := l[k]
			if assert.True(t, present, "%s.%s was dropped", path, k) {
				assertRoundTrip(t, path+"."+k, v, lv)
			}
		}
		for k := range l {
			if _, sentIt := s[k]; !sentIt {
				assert.True(t, serverAdded[k], "%s.%s added but not a server field", path, k)
			}
		}
	case []any:
		l, ok := loaded.([]any)
		if assert.True(t, ok, "%s: array became %T", path, loaded) && assert.Len(t, l, len(s), path) {
			for i := range s {
				assertRoundTrip(t, path+"["+string(rune('0'+i%10))+"]", s[i], l[i])
			}
		}
	default:
		assert.Equal(t, sent, loaded, path)
	}
}

func decodeGeneric(t *testing.T, b []byte) any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	require.NoError(t, dec.Decode(&v))
	return v
}

func TestFixturesRoundTrip(t *testing.T) {
	files, err := filepath.Glob("testdata/*.json")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	ctx := context.Background()
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			// The fixtures are server exports and carry members the WSJF
			// schema of the document lacks (uur.active); the server ignores
			// unknown members, so the lenient contract is the faithful one.
			c, srv := apitest.Setup(t, watstest.WithContract(watstest.Lenient))
			doc, err := os.ReadFile(f)
			require.NoError(t, err)
			sent := mustParse(t, doc)

			id, err := c.Report.Submit(ctx, sent)
			require.NoError(t, err)
			assert.Equal(t, sent.ID(), id)
			require.Len(t, srv.Reports(), 1)

			loaded, err := c.Report.Load(ctx, id)
			require.NoError(t, err)
			assert.Equal(t, sent.Type(), loaded.Type())
			assert.Equal(t, sent.SerialNumber(), loaded.SerialNumber())

			sentJSON, err := sent.MarshalJSON()
			require.NoError(t, err)
			loadedJSON, err := loaded.MarshalJSON()
			require.NoError(t, err)
			assertRoundTrip(t, "$", decodeGeneric(t, sentJSON), decodeGeneric(t, loadedJSON))
			assertSameAfterStrip(t, sentJSON, loadedJSON)
		})
	}
}

// assertSameAfterStrip drops from loaded every key the client did not send
// and compares the rest with the model's semantic comparison.
func assertSameAfterStrip(t *testing.T, sent, loaded []byte) {
	t.Helper()
	stripped, err := json.Marshal(stripUnsent(decodeGeneric(t, sent), decodeGeneric(t, loaded)))
	require.NoError(t, err)
	if path, ok := wsjfcmp.Diff(sent, stripped); !ok {
		t.Errorf("loaded report differs from the submitted one at %s", path)
	}
}

func stripUnsent(sent, loaded any) any {
	switch s := sent.(type) {
	case map[string]any:
		l, ok := loaded.(map[string]any)
		if !ok {
			return loaded
		}
		out := make(map[string]any, len(s))
		for k, v := range l {
			if sv, sentIt := s[k]; sentIt {
				out[k] = stripUnsent(sv, v)
			}
		}
		return out
	case []any:
		l, ok := loaded.([]any)
		if !ok || len(l) != len(s) {
			return loaded
		}
		out := make([]any, len(l))
		for i := range l {
			out[i] = stripUnsent(s[i], l[i])
		}
		return out
	}
	return loaded
}

// A report built with the model's builders is finalised by Submit (ids,
// roll-up) and comes back equal.
func TestSubmitBuiltReport(t *testing.T) {
	c, srv := apitest.Setup(t)
	ctx := context.Background()
	r, err := report.NewUUT("PCBA-100", "BUILT-1", "A", 10,
		report.WithStation(report.Station{Name: "FCT-01", Location: "Line 2", Purpose: "Production"}),
		report.WithOperator("op1"))
	require.NoError(t, err)
	seq, err := r.Root.AddSequence("Rails")
	require.NoError(t, err)
	_, err = seq.AddNumericStep("5V", 5.3, "V", report.Lim(report.LT, 5.25))
	require.NoError(t, err)
	_, err = r.Root.AddPassFailStep("Self test", true)
	require.NoError(t, err)

	id, err := c.Report.Submit(ctx, r)
	require.NoError(t, err)
	assert.Equal(t, r.ID(), id)
	assert.Equal(t, "F", r.Result(), "Submit rolled the failing step up to the report")
	got := srv.Reports()
	require.Len(t, got, 1)
	assert.Equal(t, "F", got[0].Result)

	loaded, err := c.Report.Load(ctx, id)
	require.NoError(t, err)
	require.Len(t, loaded.Steps(), 4)
	assert.EqualValues(t, 3, loaded.Steps()[2].ID.Int64(), "step ids assigned in pre-order")
	sent, err := r.MarshalJSON()
	require.NoError(t, err)
	back, err := loaded.MarshalJSON()
	require.NoError(t, err)
	assertSameAfterStrip(t, sent, back)
}

func TestSubmitJSONSendsDocumentUnchanged(t *testing.T) {
	c, srv := apitest.Setup(t)
	doc := uutDoc(uutSpec{id: guid(1), sn: "SN-1", steps: 2})
	id, err := c.Report.SubmitJSON(context.Background(), doc)
	require.NoError(t, err)
	assert.Equal(t, guid(1), id)
	got := srv.Reports()
	require.Len(t, got, 1)
	assert.Equal(t, doc, got[0].Raw)
	assert.Equal(t, "SN-1", got[0].SerialNumber)
}

func TestSubmitRejectsBadInputBeforeNetwork(t *testing.T) {
	c, srv := apitest.Setup(t)
	ctx := context.Background()
	good := uutDoc(uutSpec{id: guid(1), sn: "SN-1"})
	tests := []struct {
		name  string
		call  func() error
		field string
	}{
		{"nil report", func() error { _, err := c.Report.Submit(ctx, nil); return err }, "report"},
		{"missing sn", func() error {
			_, err := c.Report.Submit(ctx, mustParse(t, bytes.Replace(good, []byte(`"sn":"SN-1"`), []byte(`"sn":""`), 1)))
			return err
		}, "sn"},
		{"wrong type", func() error {
			_, err := c.Report.Submit(ctx, mustParse(t, bytes.Replace(good, []byte(`"type":"T"`), []byte(`"type":"X"`), 1)))
			return err
		}, "type"},
		{"id not a GUID", func() error {
			_, err := c.Report.Submit(ctx, mustParse(t, bytes.Replace(good, []byte(guid(1)), []byte("not-a-guid"), 1)))
			return err
		}, "id"},
		{"json empty", func() error { _, err := c.Report.SubmitJSON(ctx, nil); return err }, "report"},
		{"json garbage", func() error { _, err := c.Report.SubmitJSON(ctx, []byte("{nope")); return err }, "report"},
		{"wsxf nil", func() error { _, err := c.Report.SubmitWSXF(ctx, nil); return err }, "body"},
		{"wsxf empty", func() error { _, err := c.Report.SubmitWSXF(ctx, strings.NewReader("  \n")); return err }, "body"},
		{"wsxf not xml", func() error { _, err := c.Report.SubmitWSXF(ctx, strings.NewReader(`{"type":"T"}`)); return err }, "body"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			apitest.RequireValidation(t, tt.call(), tt.field)
		})
	}
	apitest.RequireNoRequests(t, srv)
}

func TestSubmitAnswerMustBeAnInsertResult(t *testing.T) {
	const sent = "0f8fad5b-d9cb-469f-a165-70867728950e"
	const other = "7c9e6679-7425-40de-944b-e07fc1f90ae7"
	tests := []struct {
		name, ctype, body string
		want              string // "" = ErrUnexpectedAnswer
	}{
		{"insert result", "application/json", `{"ID":"` + sent + `","uuid":"` + other + `","Report_ID":0}`, sent},
		{"destination id only", "application/json", `{"uuid":"` + strings.ToUpper(other) + `"}`, other},
		{"array of results", "application/json", `[{"ID":"` + sent + `"}]`, sent},
		{"JSON string", "application/json", `"` + other + `"`, other},
		{"bare GUID", "text/plain", other + "\n", other},
		{"result without GUID keeps the sent id", "application/json", `{"Report_ID":12}`, sent},
		{"captive portal", "text/html", "<html><body>Please log in</body></html>", ""},
		{"empty 200", "application/json", "", ""},
		{"empty object", "application/json", `{}`, ""},
		{"foreign object", "application/json", `{"status":"ok"}`, ""},
		{"id is not a GUID", "application/json", `{"ID":"12"}`, ""},
		{"huge answer", "application/json", `"` + strings.Repeat("a", 256<<10) + `"`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", tt.ctype)
				_, _ = io.WriteString(w, tt.body)
			}))
			defer ts.Close()
			c, err := wats.New(ts.URL, "dG9rZW46c2VjcmV0")
			require.NoError(t, err)
			id, err := c.Report.SubmitJSON(context.Background(), uutDoc(uutSpec{id: sent, sn: "SN-ANSWER"}))
			if tt.want == "" {
				require.ErrorIs(t, err, wats.ErrUnexpectedAnswer)
				assert.Empty(t, id)
				assert.Less(t, len(err.Error()), 400, "the answer itself is not repeated")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, id)
		})
	}
}

func TestSubmitIsNeverSentTwice(t *testing.T) {
	doc := uutDoc(uutSpec{id: guid(9), sn: "SN-9"})
	tests := []struct {
		name  string
		fault watstest.Fault
		ctx   func() (context.Context, context.CancelFunc)
		check func(t *testing.T, err error)
	}{
		{"503", watstest.Fault{Status: http.StatusServiceUnavailable, RetryAfter: "0"}, nil, func(t *testing.T, err error) {
			require.ErrorIs(t, err, wats.ErrServer)
			var apiErr *wats.APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, http.StatusServiceUnavailable, apiErr.StatusCode)
			assert.Equal(t, "/api/Report/WSJF", apiErr.Route)
		}},
		{"reset", watstest.Fault{Reset: true}, nil, func(t *testing.T, err error) {
			var te *wats.TransportError
			require.ErrorAs(t, err, &te)
		}},
		{"timeout", watstest.Fault{Hang: true}, func() (context.Context, context.CancelFunc) {
			return context.WithTimeout(context.Background(), 200*time.Millisecond)
		}, func(t *testing.T, err error) {
			require.ErrorIs(t, err, context.DeadlineExceeded)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, srv := apitest.Setup(t)
			f := tt.fault
			f.Method, f.Path, f.Times = http.MethodPost, "/api/Report/WSJF", -1
			srv.Inject(f)
			ctx, cancel := context.Background(), context.CancelFunc(func() {})
			if tt.ctx != nil {
				ctx, cancel = tt.ctx()
			}
			defer cancel()
			_, err := c.Report.SubmitJSON(ctx, doc)
			require.Error(t, err)
			tt.check(t, err)
			srv.ClearFaults()
			// Let a hung handler finish logging before counting.
			require.Eventually(t, func() bool { return apitest.CountPrefix(srv, http.MethodPost, "/api/Report/WSJF") >= 1 }, time.Second, 5*time.Millisecond)
			assert.Equal(t, 1, apitest.CountPrefix(srv, http.MethodPost, "/api/Report/WSJF"), "a report POST must not be retried")
			assert.Empty(t, srv.Reports())
		})
	}
}

func TestResubmitIsIdempotentByDefault(t *testing.T) {
	c, srv := apitest.Setup(t)
	ctx := context.Background()
	doc := uutDoc(uutSpec{id: guid(3), sn: "SN-3"})
	for i := 0; i < 2; i++ {
		id, err := c.Report.SubmitJSON(ctx, doc)
		require.NoError(t, err)
		assert.Equal(t, guid(3), id)
	}
	got := srv.Reports()
	require.Len(t, got, 1)
	assert.Equal(t, 2, got[0].ReceiveCount)
	hs, err := c.Report.Collect(ctx, report.BySerialNumber("SN-3"), 10)
	require.NoError(t, err)
	require.Len(t, hs, 1)
	assert.Equal(t, 2, hs[0].ReceiveCount)
}

func TestResubmitRejectedWhenSelected(t *testing.T) {
	c, srv := apitest.Setup(t, watstest.WithDuplicatePolicy(watstest.DuplicateReject))
	ctx := context.Background()
	doc := uutDoc(uutSpec{id: guid(4), sn: "SN-4"})
	_, err := c.Report.SubmitJSON(ctx, doc)
	require.NoError(t, err)
	_, err = c.Report.SubmitJSON(ctx, doc)
	require.ErrorIs(t, err, wats.ErrConflict)
	assert.Contains(t, err.Error(), guid(4))
	assert.Len(t, srv.Reports(), 1)
}

// The emulator refuses malformed WSJF the way a server would, so client-side
// validation can be compared with server-side.
func TestEmulatorRejectsMalformedWSJF(t *testing.T) {
	// The emulator's own WSJF checks, behind the contract check (which would
	// refuse most of these first, with its own message).
	_, srv := apitest.Setup(t, watstest.WithContract(watstest.Off))
	good := string(uutDoc(uutSpec{id: guid(5), sn: "SN-5"}))
	tests := []struct {
		name, body, want string
	}{
		{"not json", `{"type":`, "not a valid WSJF"},
		{"array", `[1,2]`, "not a valid WSJF"},
		{"wrong type", strings.Replace(good, `"type":"T"`, `"type":"U"`, 1), "'type'"},
		{"missing sn", strings.Replace(good, `"sn":"SN-5",`, ``, 1), "sn"},
		{"missing root", strings.Replace(strings.Replace(good, `"root":`, `"toor":`, 1), `"type":"T"`, `"type":"T"`, 1), "root"},
		{"bad id", strings.Replace(good, guid(5), "12345", 1), "GUID"},
		{"empty", ``, "empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := http.NewRequest(http.MethodPost, srv.URL()+"/api/Report/WSJF", strings.NewReader(tt.body))
			require.NoError(t, err)
			req.Header.Set("Authorization", "Basic "+srv.Token())
			req.Header.Set("Content-Type", "application/json")
			resp, err := http.DefaultClient.Do(req)
			require.NoError(t, err)
			defer resp.Body.Close()
			assert.Equal(t, http.StatusBadRequest, resp.StatusCode)
			var body struct{ Message string }
			require.NoError(t, json.NewDecoder(resp.Body).Decode(&body))
			assert.Contains(t, body.Message, tt.want)
		})
	}
	assert.Empty(t, srv.Reports())
}

func TestSubmitAndLoadWSXF(t *testing.T) {
	c, _ := apitest.Setup(t)
	ctx := context.Background()
	xml := `<?xml version="1.0"?><Report ID="` + guid(11) + `" Type="T"><Step Name="a &amp; b"/></Report>`
	id, err := c.Report.SubmitWSXF(ctx, strings.NewReader("\ufeff "+xml))
	require.NoError(t, err)
	assert.Equal(t, guid(11), id)

	var out bytes.Buffer
	n, err := c.Report.LoadWSXF(ctx, id, &out)
	require.NoError(t, err)
	assert.Equal(t, int64(out.Len()), n)
	assert.Equal(t, "\ufeff "+xml, out.String())

	_, err = c.Report.SubmitWSXF(ctx, strings.NewReader("<Report><Unclosed></Report>"))
	require.ErrorIs(t, err, wats.ErrBadRequest, "the server reports malformed XML")
}

func TestSubmitHonoursCancelledContext(t *testing.T) {
	c, srv := apitest.Setup(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := c.Report.SubmitJSON(ctx, uutDoc(uutSpec{id: guid(12), sn: "X"}))
	require.True(t, errors.Is(err, context.Canceled), "got %v", err)
	assert.Empty(t, srv.Reports())
}

// The emulator's store is safe for concurrent submits and queries.
func TestConcurrentSubmitAndQuery(t *testing.T) {
	c, srv := apitest.Setup(t)
	ctx := context.Background()
	const workers, each = 8, 10
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-done:
				return
			default:
			}
			for _, err := range c.Report.Headers(ctx, report.HeaderQuery{Filter: wats.StartsWith(report.FieldSerialNumber, "C-")}, report.WithPageSize(7)) {
				assert.NoError(t, err)
			}
		}
	}()
	var subs sync.WaitGroup
	for w := 0; w < workers; w++ {
		subs.Add(1)
		go func(w int) {
			defer subs.Done()
			for i := 0; i < each; i++ {
				n := w*each + i + 1
				_, err := c.Report.SubmitJSON(ctx, uutDoc(uutSpec{id: guid(n), sn: "C-" + strconv.Itoa(n), steps: 1}))
				assert.NoError(t, err)
			}
		}(w)
	}
	subs.Wait()
	close(done)
	wg.Wait()
	assert.Len(t, srv.Reports(), workers*each)
	hs, err := c.Report.Collect(ctx, report.HeaderQuery{Filter: wats.StartsWith(report.FieldSerialNumber, "C-")}, 1000)
	require.NoError(t, err)
	assert.Len(t, hs, workers*each)
}
