package production_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/internal/apitest"
	"github.com/watsgo/sdk/production"
	"github.com/watsgo/sdk/wats"
	"github.com/watsgo/sdk/wats/watstest"
)

func TestSerialNumberTypes(t *testing.T) {
	c, srv := apitest.Setup(t, factory()...)
	svc := c.Production
	types, err := svc.SerialNumberTypes(ctx(t))
	require.NoError(t, err)
	require.Len(t, types, 3)
	assert.Equal(t, "SN", types[0].Name)
	assert.Equal(t, `^SN\d{6}$`, types[0].RegEx)
	assert.Equal(t, production.IdentifierMAC, types[1].Identifier)
	assert.Equal(t, "MAC address", types[1].IdentifierName)

	srv.Inject(watstest.Fault{Path: "/api/Production/SerialNumbers/Types", Status: http.StatusForbidden})
	_, err = svc.SerialNumberTypes(ctx(t))
	require.ErrorIs(t, err, wats.ErrForbidden)
}

func TestTake(t *testing.T) {
	c, srv := apitest.Setup(t, factory()...)
	svc := c.Production
	sns, err := svc.Take(ctx(t), "SN", 3, &production.TakeOptions{RefSN: "BOX-1", RefPN: "BOX", StationName: "ST 1"})
	require.NoError(t, err)
	assert.Equal(t, []string{"SN000001", "SN000002", "SN000003"}, sns)
	q, _ := url.ParseQuery(lastQuery(t, srv))
	assert.Equal(t, "XML", q.Get("format"))
	assert.Equal(t, "ST 1", q.Get("stationName"))
	assert.Equal(t, sns, srv.SerialNumbersTaken("SN"))

	more, err := svc.Take(ctx(t), "SN", 2, nil)
	require.NoError(t, err)
	assert.Equal(t, []string{"SN000004", "SN000005"}, more, "never the same number twice")

	mac, err := svc.Take(ctx(t), "MAC", 1, nil)
	require.NoError(t, err)
	assert.Equal(t, []string{"001122000004"}, mac, "reserved addresses are skipped")
}

func TestTakeShortAndExhausted(t *testing.T) {
	c, _ := apitest.Setup(t, factory()...)
	svc := c.Production
	sns, err := svc.Take(ctx(t), "TINY", 5, nil)
	require.NoError(t, err)
	assert.Len(t, sns, 3, "fewer than asked when the pool runs low")

	_, err = svc.Take(ctx(t), "TINY", 1, nil)
	require.ErrorIs(t, err, production.ErrNoFreeSerialNumbers)
	require.ErrorIs(t, err, wats.ErrNotFound)

	_, err = svc.Take(ctx(t), "NO-SUCH-TYPE", 1, nil)
	require.ErrorIs(t, err, wats.ErrBadRequest)
	assert.False(t, errors.Is(err, production.ErrNoFreeSerialNumbers))
}

func TestTakeEmptyAnswerIsExhausted(t *testing.T) {
	c, srv := apitest.Setup(t, factory()...)
	svc := c.Production
	srv.Inject(watstest.Fault{Path: "/api/Production/SerialNumbers/Take", Status: http.StatusOK, Body: `<SerialNumbers/>`})
	_, err := svc.Take(ctx(t), "SN", 1, nil)
	require.ErrorIs(t, err, production.ErrNoFreeSerialNumbers)
}

func TestTakeOnlyInSequence(t *testing.T) {
	c, _ := apitest.Setup(t, watstest.WithSerialNumberType(watstest.SerialNumberTypeSeed{Name: "GAP", Prefix: "G", Digits: 3, Start: 1, End: 6}))
	svc := c.Production
	// Import marks G002 and G005 taken, leaving runs of 1, 2 and 1.
	require.NoError(t, svc.Import(ctx(t), "GAP", production.FormatCSV, strings.NewReader("id,state\nG002,Taken\nG005,Taken\n")))
	sns, err := svc.Take(ctx(t), "GAP", 2, &production.TakeOptions{OnlyInSequence: true})
	require.NoError(t, err)
	assert.Equal(t, []string{"G003", "G004"}, sns)
	_, err = svc.Take(ctx(t), "GAP", 2, &production.TakeOptions{OnlyInSequence: true})
	require.ErrorIs(t, err, production.ErrNoFreeSerialNumbers)
}

func TestTakeIsSentOnce(t *testing.T) {
	c, srv := apitest.Setup(t, factory()...)
	svc := c.Production
	srv.FailNext(1, http.StatusServiceUnavailable)
	_, err := svc.Take(ctx(t), "SN", 1, nil)
	require.ErrorIs(t, err, wats.ErrServer)
	assert.Len(t, srv.Requests(), 1, "Take is not idempotent and must not be retried")
}

func TestTakeToCSV(t *testing.T) {
	c, _ := apitest.Setup(t, factory()...)
	svc := c.Production
	var buf bytes.Buffer
	n, err := svc.TakeTo(ctx(t), "SN", 2, production.FormatCSV, nil, &buf)
	require.NoError(t, err)
	assert.Equal(t, int64(buf.Len()), n)
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	require.Len(t, lines, 3)
	assert.True(t, strings.HasPrefix(lines[1], "SN000001,Taken,"))
}

func TestByRangeAndByReference(t *testing.T) {
	c, _ := apitest.Setup(t, factory()...)
	svc := c.Production
	_, err := svc.Take(ctx(t), "SN", 2, &production.TakeOptions{RefSN: "BOX-1"})
	require.NoError(t, err)
	_, err = svc.Take(ctx(t), "SN", 3, &production.TakeOptions{RefPN: "OTHER"})
	require.NoError(t, err)

	all, err := svc.ByRange(ctx(t), "SN", "SN000002", "SN000004", &production.DateWindow{From: time.Now().Add(-time.Hour)})
	require.NoError(t, err)
	assert.Len(t, all, 3)

	mine, err := svc.ByReference(ctx(t), "SN", "BOX-1", "", nil)
	require.NoError(t, err)
	require.Len(t, mine, 2)
	var first struct {
		SerialNumber string `json:"serialNumber"`
		RefSN        string `json:"refSN"`
	}
	require.NoError(t, json.Unmarshal(mine[0], &first))
	assert.Equal(t, "SN000001", first.SerialNumber)

	_, err = svc.ByRange(ctx(t), "SN", "XX1", "SN000004", nil)
	require.ErrorIs(t, err, wats.ErrBadRequest)
	_, err = svc.ByReference(ctx(t), "NOPE", "BOX-1", "", nil)
	require.ErrorIs(t, err, wats.ErrBadRequest)
}

func TestExportStreamsXMLAndCSV(t *testing.T) {
	c, srv := apitest.Setup(t, factory()...)
	svc := c.Production
	taken, err := svc.Take(ctx(t), "SN", 4, nil)
	require.NoError(t, err)

	var xmlBuf bytes.Buffer
	n, err := svc.Export(ctx(t), "SN", production.ExportOptions{Format: "xml", StartAddress: "SN000002"}, &xmlBuf)
	require.NoError(t, err)
	assert.Equal(t, int64(xmlBuf.Len()), n)
	got, err := production.ParseSerialNumbersXML(&xmlBuf)
	require.NoError(t, err)
	assert.Equal(t, taken[1:], got)
	q, _ := url.ParseQuery(lastQuery(t, srv))
	assert.Equal(t, "XML", q.Get("format"), "format is sent in the Swagger's spelling")

	var csvBuf bytes.Buffer
	_, err = svc.Export(ctx(t), "SN", production.ExportOptions{Format: production.FormatCSV}, &csvBuf)
	require.NoError(t, err)
	assert.Equal(t, 5, strings.Count(csvBuf.String(), "\n"), "header and four numbers")

	_, err = svc.Export(ctx(t), "NOPE", production.ExportOptions{Format: production.FormatXML}, &csvBuf)
	require.ErrorIs(t, err, wats.ErrBadRequest)
}

func TestImportMultipart(t *testing.T) {
	c, srv := apitest.Setup(t, factory()...)
	svc := c.Production
	doc := `<SerialNumbers type="MAC"><SN id="AA:BB:CC:00:00:01"/><SN id="AABBCC000002"/></SerialNumbers>`
	require.NoError(t, svc.Import(ctx(t), "MAC", production.FormatXML, strings.NewReader(doc)))
	reqs := srv.Requests()
	last := reqs[len(reqs)-1]
	assert.True(t, strings.HasPrefix(last.Header.Get("Content-Type"), "multipart/form-data; boundary="))
	q, _ := url.ParseQuery(last.Query)
	assert.Equal(t, url.Values{"serialNumberType": {"MAC"}, "format": {"XML"}}, q)

	// Imported numbers outside the range join the free pool after the range.
	ranges, err := svc.Internal().Ranges(ctx(t), "MAC")
	require.NoError(t, err)
	require.Len(t, ranges, 1)
	assert.Equal(t, int64(256+2), ranges[0].Total)

	err = svc.Import(ctx(t), "NOPE", production.FormatXML, strings.NewReader(doc))
	require.ErrorIs(t, err, wats.ErrBadRequest)
	err = svc.Import(ctx(t), "MAC", production.FormatXML, strings.NewReader("<SerialNumbers/>"))
	require.ErrorIs(t, err, wats.ErrBadRequest)
}

func TestParseSerialNumbersXML(t *testing.T) {
	for _, tc := range []struct {
		doc  string
		want []string
	}{
		{`<SerialNumbers><SN id="1"/><SN id="2" state="Taken"/></SerialNumbers>`, []string{"1", "2"}},
		{`<?xml version="1.0"?><x:SerialNumbers xmlns:x="urn:a"><x:SN ID="A&amp;B"/><Other id="no"/></x:SerialNumbers>`, []string{"A&B"}},
		{``, nil},
	} {
		got, err := production.ParseSerialNumbersXML(strings.NewReader(tc.doc))
		require.NoError(t, err, tc.doc)
		assert.Equal(t, tc.want, got, tc.doc)
	}
	_, err := production.ParseSerialNumbersXML(strings.NewReader(`<SerialNumbers><SN id="1">`))
	require.Error(t, err)
}

func FuzzParseSerialNumbersXML(f *testing.F) {
	f.Add(`<SerialNumbers><SN id="1"/></SerialNumbers>`)
	f.Add(`<SN id="&lt;"/>`)
	f.Fuzz(func(t *testing.T, doc string) {
		sns, err := production.ParseSerialNumbersXML(strings.NewReader(doc))
		if err == nil && strings.Count(doc, "<") < len(sns) {
			t.Fatalf("more numbers (%d) than elements in %q", len(sns), doc)
		}
	})
}

func TestBatches(t *testing.T) {
	c, srv := apitest.Setup(t, factory()...)
	svc := c.Production
	require.NoError(t, svc.SaveBatches(ctx(t), []production.ProductionBatch{{BatchNumber: "B1", BatchSize: 10}, {BatchNumber: "B2", BatchSize: 0}}))
	size, ok := srv.ProductionBatch("B1")
	require.True(t, ok)
	assert.Equal(t, 10, size)
	require.NoError(t, svc.SaveBatches(ctx(t), []production.ProductionBatch{{BatchNumber: "b1", BatchSize: 12}}))
	size, _ = srv.ProductionBatch("B1")
	assert.Equal(t, 12, size, "batches are matched by number, case-insensitively")

	srv.Inject(watstest.Fault{Path: "/api/Production/Batches", Status: http.StatusForbidden, Times: -1})
	require.ErrorIs(t, svc.SaveBatches(ctx(t), []production.ProductionBatch{{BatchNumber: "B3"}}), wats.ErrForbidden)
	_, ok = srv.ProductionBatch("B3")
	assert.False(t, ok)
}
