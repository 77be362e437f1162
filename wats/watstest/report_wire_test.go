package watstest_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/rootcause"
	"github.com/watsgo/sdk/wats"
	"github.com/watsgo/sdk/wats/watstest"
)

// wireGet sends a raw GET to the emulator and decodes the JSON answer.
func wireGet(t *testing.T, srv *watstest.Server, path string, q url.Values) (int, any) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, srv.URL()+path+"?"+q.Encode(), nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Basic "+srv.Token())
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	var v any
	require.NoError(t, json.Unmarshal(body, &v), string(body))
	return resp.StatusCode, v
}

var (
	netDate   = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,7})?(Z|[+-]\d\d:\d\d)$`)
	lowerGUID = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)
)

func TestHeaderAnswersInTheDocumentedSchema(t *testing.T) {
	const uut = "0A1B2C3D-0000-4000-8000-000000000001"
	srv := watstest.NewServer(watstest.WithReports(
		[]byte(`{"type":"T","id":"`+uut+`","pn":"W-1","sn":"W-SN","rev":"A","processCode":10,"result":"F",
		"machineName":"M","start":"2026-03-01T10:00:00.123456789+01:00","root":{"id":0,"name":"Main","stepType":"SequenceCall","status":"F"},
		"uut":{"user":"op"}}`),
		[]byte(`{"type":"R","id":"0a1b2c3d-0000-4000-8000-000000000002","pn":"W-1","sn":"W-SN","rev":"A","processCode":500,
		"result":"P","machineName":"R","start":"2026-03-02T10:00:00Z","uur":{"user":"tech"}}`)))
	defer srv.Close()
	require.NoError(t, srv.SeedErr())

	documented := []string{"uuid", "serialNumber", "partNumber", "reportType", "start", "revision", "result", "batchNumber",
		"userName", "stationName", "location", "purpose", "measuresDeleted", "timeStamp", "processCode", "processName",
		"comment", "executionTime", "swFilename", "swVersion", "testSocketIndex", "fixtureId", "errorCode", "errorMessage",
		"run", "receiveCount", "reportSize", "causedUutFailure", "causedUutFailurePath", "passedInRun", "referencedUut"}
	sort.Strings(documented)

	status, v := wireGet(t, srv, "/api/Report/Query/Header", url.Values{"$orderby": {"start"}})
	require.Equal(t, http.StatusOK, status)
	rows := v.([]any)
	require.Len(t, rows, 2, "no report-type parameter: both kinds")
	for _, r := range rows {
		row := r.(map[string]any)
		var keys []string
		for k := range row {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		assert.Equal(t, documented, keys, "exactly the documented members, absent ones as null")
		assert.Regexp(t, lowerGUID, row["uuid"])
		assert.Regexp(t, netDate, row["start"], "at most seven fraction digits")
		assert.NotEqual(t, "", row["referencedUut"], "never an empty GUID")
	}
	first := rows[0].(map[string]any)
	assert.Equal(t, "0a1b2c3d-0000-4000-8000-000000000001", first["uuid"])
	assert.Equal(t, "2026-03-01T10:00:00.1234567+01:00", first["start"])
	assert.Equal(t, "op", first["userName"])
	assert.Nil(t, first["referencedUut"])

	status, v = wireGet(t, srv, "/api/Report/Query/Header", url.Values{"$filter": {"reportType eq 'R'"}, "$expand": {"uurAttachments,uurSubUnits"}})
	require.Equal(t, http.StatusOK, status)
	require.Len(t, v.([]any), 1)
	uur := v.([]any)[0].(map[string]any)
	assert.Equal(t, "R", uur["reportType"])
	assert.Equal(t, []any{}, uur["uurAttachments"])

	status, v = wireGet(t, srv, "/api/Report/Query/HeaderByMiscInfo", url.Values{"serialNumber": {"W-SN"}})
	require.Equal(t, http.StatusOK, status)
	require.Len(t, v.([]any), 2)
	for _, r := range v.([]any) {
		row := r.(map[string]any)
		assert.ElementsMatch(t, []string{"uuid", "serialNumber", "partNumber", "start", "result", "processCode", "processName", "miscData"}, mapKeys(row))
		assert.Regexp(t, netDate, row["start"])
	}
	status, _ = wireGet(t, srv, "/api/Report/Query/HeaderByMiscInfo", nil)
	assert.Equal(t, http.StatusBadRequest, status)
	status, _ = wireGet(t, srv, "/api/Report/Query/Header", url.Values{"$expand": {"uurAssets"}})
	assert.Equal(t, http.StatusBadRequest, status, "uurAssets is no member of ReportHeader")
}

func mapKeys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestTicketAnswersInTheDocumentedSchema(t *testing.T) {
	srv := watstest.NewServer(watstest.WithClock(func() time.Time { return time.Date(2026, 3, 1, 10, 0, 0, 987654321, time.UTC) }))
	defer srv.Close()
	c, err := wats.New(srv.URL(), srv.Token())
	require.NoError(t, err)
	tk, err := c.RootCause.Create(context.Background(), &rootcause.Ticket{Subject: "wire", Update: &rootcause.Update{Content: "first"}})
	require.NoError(t, err)

	status, v := wireGet(t, srv, "/api/RootCause/Ticket", url.Values{"ticketId": {tk.TicketID}})
	require.Equal(t, http.StatusOK, status)
	row := v.(map[string]any)
	assert.ElementsMatch(t, []string{"ticketId", "ticketNumber", "progress", "owner", "assignee", "subject", "status", "priority",
		"reportUuid", "createdUtc", "updatedUtc", "team", "origin", "tags", "history", "update"}, mapKeys(row))
	assert.Regexp(t, lowerGUID, row["ticketId"])
	assert.Equal(t, "2026-03-01T10:00:00.9876543Z", row["createdUtc"])
	assert.Nil(t, row["reportUuid"], "null, never an empty GUID")
	assert.Nil(t, row["assignee"])
	hist := row["history"].([]any)[0].(map[string]any)
	assert.ElementsMatch(t, []string{"updateId", "updateUtc", "updateUser", "content", "updateType", "attachments"}, mapKeys(hist))
	assert.Regexp(t, netDate, hist["updateUtc"])

	status, v = wireGet(t, srv, "/api/RootCause/Ticket", url.Values{"ticketId": {"not-a-guid"}})
	assert.Equal(t, http.StatusBadRequest, status, "%v", v)
}
