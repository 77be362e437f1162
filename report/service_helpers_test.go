package report_test

import (
	"encoding/json"
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/report"
)

// uutSpec describes a small test report for uutDoc.
type uutSpec struct {
	id, sn, pn, rev, result string
	start                   time.Time
	steps                   int
	misc                    map[string]string
	subPN                   string
	attachment              []byte
}

// guid makes a deterministic report id from n.
func guid(n int) string { return fmt.Sprintf("00000000-0000-4000-8000-%012x", n) }

// uutDoc renders a WSJF UUT document as a client would submit it: a root
// sequence with s.steps numeric steps, optional misc info, sub-unit and a
// step attachment.
func uutDoc(s uutSpec) []byte {
	if s.pn == "" {
		s.pn = "PCBA-100"
	}
	if s.rev == "" {
		s.rev = "A"
	}
	if s.result == "" {
		s.result = "P"
	}
	if s.start.IsZero() {
		s.start = time.Date(2026, 3, 2, 9, 15, 30, 0, time.FixedZone("", 3600))
	}
	steps := []any{}
	for i := 0; i < s.steps; i++ {
		steps = append(steps, map[string]any{
			"id": i + 2, "group": "M", "stepType": "ET_NLT", "name": fmt.Sprintf("Step %d", i),
			"status": "P", "totTime": 0.25,
			"numericMeas": []any{map[string]any{"compOp": "GELE", "status": "P", "unit": "V", "value": 3.3, "lowLimit": 3.2, "highLimit": 3.4}},
		})
	}
	if s.attachment != nil {
		steps = append(steps, map[string]any{
			"id": s.steps + 2, "group": "M", "stepType": "Action", "name": "Photo", "status": "D",
			"attachment": map[string]any{"name": "photo.png", "contentType": "image/png", "data": s.attachment},
		})
	}
	doc := map[string]any{
		"type": "T", "id": s.id, "pn": s.pn, "sn": s.sn, "rev": s.rev, "processCode": 10,
		"result": s.result, "machineName": "FCT-01", "location": "Line 2", "purpose": "Production",
		"start": s.start.Format(time.RFC3339Nano),
		"root": map[string]any{"id": 1, "group": "M", "stepType": "SequenceCall", "name": "MainSequence Callback", "status": s.result, "steps": steps,
			"seqCall": map[string]any{"path": "C:\\Seq\\fct.seq", "name": "MainSequence Callback", "version": "1.0.0"}},
		"uut": map[string]any{"user": "op1", "execTime": 12.5, "fixtureId": "FIX-7", "testSocketIndex": -1},
	}
	for k, v := range s.misc {
		doc["miscInfos"] = append(asSlice(doc["miscInfos"]), map[string]any{"description": k, "text": v})
	}
	if s.subPN != "" {
		doc["subUnits"] = []any{map[string]any{"partType": "PSU", "pn": s.subPN, "rev": "A", "sn": "SUB-" + s.sn}}
	}
	b, err := json.Marshal(doc)
	if err != nil {
		panic(err)
	}
	return b
}

func asSlice(v any) []any {
	s, _ := v.([]any)
	return s
}

// uurDoc renders a WSJF UUR document repairing refUUT.
func uurDoc(id, sn, refUUT string) []byte {
	doc := map[string]any{
		"type": "R", "id": id, "pn": "PCBA-100", "sn": sn, "rev": "A", "processCode": 500,
		"result": "P", "machineName": "RepairStation", "location": "Lab", "purpose": "Repair",
		"start": "2026-03-03T10:00:00Z",
		"uur": map[string]any{"user": "tech", "processCode": 10, "refUUT": refUUT,
			"confirmDate": "2026-03-03T10:05:00Z", "finalizeDate": "2026-03-03T10:06:00Z", "execTime": 300.0},
		"subUnits":   []any{map[string]any{"pn": "PCBA-100", "rev": "A", "sn": sn, "idx": 0}},
		"binaryData": []any{map[string]any{"contentType": "text/plain", "data": []byte("repair log"), "name": "log.txt"}},
	}
	b, _ := json.Marshal(doc)
	return b
}

// mustParse parses a WSJF document or fails the test.
func mustParse(t testing.TB, doc []byte) *report.Report {
	t.Helper()
	r, err := report.Parse(doc)
	require.NoError(t, err)
	return r
}

func jsonUnmarshal(b []byte, v any) error { return json.Unmarshal(b, v) }

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
