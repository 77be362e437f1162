package report_test

import (
	"bytes"
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/internal/apitest"
	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/wats"
	"github.com/watsgo/sdk/wats/watstest"
)

// GETs of the report service go through the transport's retry policy;
// the report POST never does (see TestSubmitIsNeverSentTwice).
func TestReportGETsAreRetried(t *testing.T) {
	png := []byte("image bytes")
	c, srv := apitest.SetupClient(t, []wats.Option{apitest.FastRetry()},
		watstest.WithReports(uutDoc(uutSpec{id: guid(1), sn: "R1", attachment: png})))
	ctx := context.Background()

	tests := []struct {
		name  string
		path  string
		fault watstest.Fault
		call  func() error
	}{
		{"load after two 503", "/api/Report/Wsjf", watstest.Fault{Status: http.StatusServiceUnavailable, Times: 2}, func() error {
			_, err := c.Report.Load(ctx, guid(1))
			return err
		}},
		{"headers after a reset", "/api/Report/Query/Header", watstest.Fault{Reset: true}, func() error {
			hs, err := c.Report.Collect(ctx, report.BySerialNumber("R1"), 5)
			if err == nil && len(hs) != 1 {
				t.Errorf("got %d headers", len(hs))
			}
			return err
		}},
		{"attachment after a 502", "/api/Report/Attachment", watstest.Fault{Status: http.StatusBadGateway}, func() error {
			var buf bytes.Buffer
			_, err := c.Report.Attachment(ctx, report.AttachmentRef{ReportID: guid(1), StepID: &attachmentStep}, &buf)
			if err == nil && !bytes.Equal(buf.Bytes(), png) {
				t.Errorf("content %q, want %q", buf.Bytes(), png)
			}
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv.ResetRequests()
			f := tt.fault
			f.Method, f.Path = http.MethodGet, tt.path
			srv.Inject(f)
			require.NoError(t, tt.call())
			times := f.Times
			if times == 0 {
				times = 1
			}
			assert.Equal(t, times+1, apitest.CountPrefix(srv, http.MethodGet, tt.path))
		})
	}
}
