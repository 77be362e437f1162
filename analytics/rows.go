package analytics

import (
	"bytes"
	"encoding/json"
	"strconv"
	"time"

	"github.com/watsgo/sdk/internal/wiretime"
)

// Row is one row of a dynamic result: one member per requested dimension
// and per returned KPI, kept raw so that every column survives whatever
// the server sends. Use the typed accessors to read it.
type Row map[string]json.RawMessage

// Has reports whether the row carries a non-null column name.
func (r Row) Has(name string) bool {
	v, ok := r[name]
	return ok && !bytes.Equal(bytes.TrimSpace(v), []byte("null"))
}

// String returns a text column; numbers are returned in their JSON form.
func (r Row) String(name string) string {
	v, ok := r[name]
	if !ok {
		return ""
	}
	var s string
	if json.Unmarshal(v, &s) == nil {
		return s
	}
	if t := bytes.TrimSpace(v); !bytes.Equal(t, []byte("null")) {
		return string(t)
	}
	return ""
}

// Float returns a numeric column; ok is false when absent, null or not a
// number (numbers sent as strings are accepted).
func (r Row) Float(name string) (float64, bool) {
	v, ok := r[name]
	if !ok {
		return 0, false
	}
	var f float64
	if json.Unmarshal(v, &f) == nil {
		return f, true
	}
	var s string
	if json.Unmarshal(v, &s) == nil {
		if f, err := strconv.ParseFloat(s, 64); err == nil {
			return f, true
		}
	}
	return 0, false
}

// Int returns an integer column (0 when absent).
func (r Row) Int(name string) int64 {
	f, _ := r.Float(name)
	return int64(f)
}

// Time returns a date-time column (zero when absent or unparsable).
func (r Row) Time(name string) time.Time {
	t, err := wiretime.Parse(r.String(name))
	if err != nil {
		return time.Time{}
	}
	return t.Time
}

// YieldRow is one row of the yield endpoints (DynamicYield, VolumeYield,
// HighVolume, WorstYield and their variants). Its columns
// depend on the dimensions asked for; the accessors read the common ones.
type YieldRow struct{ Row }

// UnmarshalJSON keeps every column.
func (y *YieldRow) UnmarshalJSON(b []byte) error { return json.Unmarshal(b, &y.Row) }

// MarshalJSON writes the row back as received.
func (y YieldRow) MarshalJSON() ([]byte, error) { return json.Marshal(y.Row) }

// PartNumber returns the partNumber column.
func (y YieldRow) PartNumber() string { return y.String("partNumber") }

// TestOperation returns the testOperation column.
func (y YieldRow) TestOperation() string { return y.String("testOperation") }

// StationName returns the stationName column.
func (y YieldRow) StationName() string { return y.String("stationName") }

// Period returns the period column as sent (its format depends on the
// date grouping; the SDK does not parse it).
func (y YieldRow) Period() string { return y.String("period") }

// PeriodStart parses the period column as a date-time (zero if it is not one).
func (y YieldRow) PeriodStart() time.Time { return y.Time("period") }

// UnitCount returns the number of units.
func (y YieldRow) UnitCount() int64 { return y.Int("unitCount") }

// FPCount returns the number of units that passed on their first run.
func (y YieldRow) FPCount() int64 { return y.Int("fpCount") }

// LPCount returns the number of units whose last run passed.
func (y YieldRow) LPCount() int64 { return y.Int("lpCount") }

// FPY returns the first-pass yield as the server reports it.
func (y YieldRow) FPY() (float64, bool) { return y.Float("fpy") }

// SPY returns the second-pass yield.
func (y YieldRow) SPY() (float64, bool) { return y.Float("spy") }

// TPY returns the third-pass yield.
func (y YieldRow) TPY() (float64, bool) { return y.Float("tpy") }

// LPY returns the last-pass (final) yield.
func (y YieldRow) LPY() (float64, bool) { return y.Float("lpy") }

// TestYield returns passed reports over reports.
func (y YieldRow) TestYield() (float64, bool) { return y.Float("testYield") }

// RepairRow is one row of DynamicRepair.
type RepairRow struct{ Row }

// UnmarshalJSON keeps every column.
func (r *RepairRow) UnmarshalJSON(b []byte) error { return json.Unmarshal(b, &r.Row) }

// MarshalJSON writes the row back as received.
func (r RepairRow) MarshalJSON() ([]byte, error) { return json.Marshal(r.Row) }

// RepairReportCount returns the number of repair reports.
func (r RepairRow) RepairReportCount() int64 { return r.Int("repairReportCount") }

// RepairCount returns the number of repairs (failures) recorded.
func (r RepairRow) RepairCount() int64 { return r.Int("repairCount") }
