package watstest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// The analytics fixture: part PCBA-100 through ICT (code 10) and FCT
// (code 20) over three days, with yields computed by hand in the tests.
//
//	ICT  U1 d1 08 P                    (ICT-1)
//	     U2 d1 09 F(voltage) 10 P      (ICT-1)
//	     U3 d1 11 F(voltage) | d2 08 F(boundary) 09 F(voltage)  (ICT-1 | ICT-2)
//	     U4 d2 10 P                    (ICT-2)
//	     U5 d3 08 F(voltage) 09 F(current) 10 P   (ICT-2)
//	     U6 d3 11 P                    (ICT-2)
//	FCT  U1 d2 12 P; U2 d2 13 F 14 P; U4 d2 15 P  (FCT-1)
//	UUR  U3 d2 16, repair of ICT, failure Component/Burned Component at R12
var (
	anD1 = time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC) // a Monday
	anD2 = anD1.AddDate(0, 0, 1)
	anD3 = anD1.AddDate(0, 0, 8) // Tuesday of the next week
)

type anRun struct {
	sn      string
	op      string
	at      time.Time
	station string
	fail    string // "", "voltage", "boundary", "current"
}

func anFixtureRuns() []anRun {
	h := func(d time.Time, hour int) time.Time { return d.Add(time.Duration(hour) * time.Hour) }
	return []anRun{
		{"U1", "ICT", h(anD1, 8), "ICT-1", ""},
		{"U2", "ICT", h(anD1, 9), "ICT-1", "voltage"},
		{"U2", "ICT", h(anD1, 10), "ICT-1", ""},
		{"U3", "ICT", h(anD1, 11), "ICT-1", "voltage"},
		{"U3", "ICT", h(anD2, 8), "ICT-2", "boundary"},
		{"U3", "ICT", h(anD2, 9), "ICT-2", "voltage"},
		{"U4", "ICT", h(anD2, 10), "ICT-2", ""},
		{"U5", "ICT", h(anD3, 8), "ICT-2", "voltage"},
		{"U5", "ICT", h(anD3, 9), "ICT-2", "current"},
		{"U5", "ICT", h(anD3, 10), "ICT-2", ""},
		{"U6", "ICT", h(anD3, 11), "ICT-2", ""},
		{"U1", "FCT", h(anD2, 12), "FCT-1", ""},
		{"U2", "FCT", h(anD2, 13), "FCT-1", "fct"},
		{"U2", "FCT", h(anD2, 14), "FCT-1", ""},
		{"U4", "FCT", h(anD2, 15), "FCT-1", ""},
	}
}

// anVoltage is the 3V3 rail measured in run i: 3.25 + 0.01·i when it
// passes, 3.5 when it fails (limits 3.2..3.4).
func anVoltage(i int, fail bool) float64 {
	if fail {
		return 3.5
	}
	return 3.25 + 0.01*float64(i)
}

func anStatus(fail bool) string {
	if fail {
		return "F"
	}
	return "P"
}

// anDoc builds a WSJF UUT document for one run.
func anDoc(i int, r anRun) map[string]any {
	code := map[string]int{"ICT": 10, "FCT": 20}[r.op]
	result := anStatus(r.fail != "")
	var steps []any
	if r.op == "ICT" {
		steps = []any{
			map[string]any{"id": 1, "group": "M", "stepType": "SequenceCall", "name": "Power", "status": anStatus(r.fail == "voltage" || r.fail == "current"),
				"causedUUTFailure": false, "seqCall": map[string]any{}, "steps": []any{
					map[string]any{"id": 2, "group": "M", "stepType": "ET_NLT", "name": "Voltage 3V3", "status": anStatus(r.fail == "voltage"),
						"totTime": 0.5, "causedUUTFailure": r.fail == "voltage", "numericMeas": []any{map[string]any{
							"compOp": "GELE", "name": nil, "status": anStatus(r.fail == "voltage"), "unit": "V",
							"value": anVoltage(i, r.fail == "voltage"), "lowLimit": 3.2, "highLimit": 3.4}}},
					map[string]any{"id": 3, "group": "M", "stepType": "ET_MNLT", "name": "Current", "status": anStatus(r.fail == "current"),
						"totTime": 0.25, "causedUUTFailure": r.fail == "current", "numericMeas": []any{
							map[string]any{"compOp": "LT", "name": "Idle", "status": anStatus(r.fail == "current"), "unit": "A", "value": 0.1, "lowLimit": 0.2},
							map[string]any{"compOp": "LT", "name": "Load", "status": "P", "unit": "A", "value": 0.5, "lowLimit": 1.0}}},
				}},
			map[string]any{"id": 4, "group": "M", "stepType": "ET_PFT", "name": "Boundary Scan", "status": anStatus(r.fail == "boundary"),
				"causedUUTFailure": r.fail == "boundary", "booleanMeas": []any{map[string]any{"name": nil, "status": anStatus(r.fail == "boundary")}}},
		}
	} else {
		steps = []any{map[string]any{"id": 1, "group": "M", "stepType": "ET_PFT", "name": "Function", "status": result, "causedUUTFailure": r.fail != ""}}
	}
	return map[string]any{
		"type": "T", "id": fmt.Sprintf("00000000-0000-4000-8000-%012d", i+1), "pn": "PCBA-100", "sn": r.sn, "rev": "A",
		"processCode": code, "processName": r.op, "result": result, "machineName": r.station, "location": "Oslo", "purpose": "Production",
		"start": r.at.Format(time.RFC3339),
		"root": map[string]any{"id": 0, "group": "M", "stepType": "SequenceCall", "name": "MainSequence Callback", "status": result,
			"causedUUTFailure": false, "seqCall": map[string]any{"path": "ict.seq", "version": "1.0"}, "steps": steps},
		"uut": map[string]any{"execTime": 60.0, "user": "op1", "batchSN": "B1"},
	}
}

func anRepairDoc() map[string]any {
	return map[string]any{
		"type": "R", "id": "00000000-0000-4000-8000-000000000999", "pn": "PCBA-100", "sn": "U3", "rev": "A",
		"processCode": 500, "processName": "Repair", "result": "P", "machineName": "REPAIR-1", "location": "Oslo", "purpose": "Repair",
		"start": anD2.Add(16 * time.Hour).Format(time.RFC3339),
		"uur":   map[string]any{"processCode": 10, "processName": "ICT", "user": "tech1", "comment": "replaced R12"},
		"subUnits": []any{map[string]any{"pn": "PCBA-100", "sn": "U3", "idx": 0, "failures": []any{
			map[string]any{"category": "Component", "code": "Burned Component", "comRef": "R12", "refStepName": "Voltage 3V3"}}}},
	}
}

// anStore turns a document into the stored form, numbers as json.Number
// exactly as the submit route keeps them.
func anStore(t testing.TB, doc map[string]any) *storedReport {
	raw, err := json.Marshal(doc)
	require.NoError(t, err)
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var generic map[string]any
	require.NoError(t, dec.Decode(&generic))
	start, err := time.Parse(time.RFC3339, doc["start"].(string))
	require.NoError(t, err)
	code, err := generic["processCode"].(json.Number).Int64()
	require.NoError(t, err)
	return &storedReport{ID: doc["id"].(string), Type: doc["type"].(string), PartNumber: doc["pn"].(string), SerialNumber: doc["sn"].(string),
		Revision: doc["rev"].(string), ProcessCode: int(code), Result: doc["result"].(string), Station: doc["machineName"].(string),
		Start: start, ReceivedAt: start, Doc: generic, Raw: raw}
}

// seedAnalytics stores the fixture in e.
func seedAnalytics(t testing.TB, e *Emulator) {
	for i, r := range anFixtureRuns() {
		e.reports.put(anStore(t, anDoc(i, r)))
	}
	e.reports.put(anStore(t, anRepairDoc()))
}
