// Package wiretime decodes the date-times the WATS REST API answers with.
// The server writes them with "Z", with a numeric offset, or with no zone at
// all (ASP.NET DateTime with Kind unspecified); the last form is read as UTC.
package wiretime

import (
	"bytes"
	"fmt"
	"time"
)

// Time is a server date-time. The zero Time encodes as null.
type Time struct{ time.Time }

var layouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05.9999999",
	"2006-01-02T15:04:05",
	"2006-01-02",
}

// Parse reads s in any of the accepted forms; a missing zone means UTC.
func Parse(s string) (Time, error) {
	for _, l := range layouts {
		if t, err := time.ParseInLocation(l, s, time.UTC); err == nil {
			return Time{t}, nil
		}
	}
	return Time{}, fmt.Errorf("wiretime: cannot parse %q as a date-time", s)
}

// UnmarshalJSON accepts null, "" and the forms listed on Parse.
func (t *Time) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if string(b) == "null" || string(b) == `""` {
		*t = Time{}
		return nil
	}
	if len(b) < 2 || b[0] != '"' || b[len(b)-1] != '"' {
		return fmt.Errorf("wiretime: date-time must be a JSON string, got %s", b)
	}
	v, err := Parse(string(b[1 : len(b)-1]))
	if err != nil {
		return err
	}
	*t = v
	return nil
}

// MarshalJSON writes RFC 3339 with the value's own offset, or null when zero.
func (t Time) MarshalJSON() ([]byte, error) {
	if t.IsZero() {
		return []byte("null"), nil
	}
	return []byte(`"` + t.Format(time.RFC3339Nano) + `"`), nil
}
