package production

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// Time is a server timestamp. WATS sends ISO-8601 text with or without a
// zone offset and with 0 to 7 fractional digits; a value without a zone is
// read as UTC. It marshals as RFC 3339 with the original precision kept.
type Time struct {
	time.Time
}

// timeLayouts are tried in order; the zone-less ones come last.
var timeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05.9999999",
	"2006-01-02T15:04:05",
	"2006-01-02",
}

// ParseTime reads a WATS timestamp (see Time).
func ParseTime(s string) (Time, error) {
	s = strings.TrimSpace(s)
	for _, l := range timeLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return Time{t}, nil
		}
	}
	return Time{}, fmt.Errorf("production: %q is not an ISO-8601 timestamp", s)
}

// UnmarshalJSON accepts a string timestamp or null.
func (t *Time) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if string(b) == "null" {
		*t = Time{}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("production: timestamp: %w", err)
	}
	if s == "" {
		*t = Time{}
		return nil
	}
	v, err := ParseTime(s)
	if err != nil {
		return err
	}
	*t = v
	return nil
}

// MarshalJSON writes RFC 3339 text, or null for the zero time.
func (t Time) MarshalJSON() ([]byte, error) {
	if t.IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(t.Format(time.RFC3339Nano))
}

// queryTime formats a time for a date-time query parameter.
func queryTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }
