package convkit

import (
	"errors"
	"strings"
	"time"
)

// errTime says a date-time is not in an ISO 8601 form.
var errTime = errors.New("not an ISO 8601 date-time (yyyy-mm-ddThh:mm:ss[.fff][zone])")

// ParseISO reads an ISO 8601 date-time ("2019-05-15T14:30:27.058", with any
// number of fraction digits and an optional "Z" or ±hh:mm). A time with a
// zone keeps it; one without is read in loc. hasZone tells which it was.
func ParseISO(s string, loc *time.Location) (t time.Time, hasZone bool, err error) {
	s = strings.TrimSpace(s)
	if len(s) < 19 || s[10] != 'T' && s[10] != 't' && s[10] != ' ' {
		return time.Time{}, false, errTime
	}
	rest := s[19:]
	// fraction
	i := 0
	if len(rest) > 0 && (rest[0] == '.' || rest[0] == ',') {
		i = 1
		for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
			i++
		}
		if i == 1 {
			return time.Time{}, false, errTime
		}
	}
	zone := rest[i:]
	base := s[:10] + "T" + s[11:19]
	if i > 1 {
		frac := rest[1:i]
		if len(frac) > 9 { // below a nanosecond
			frac = frac[:9]
		}
		base += "." + frac
	}
	switch {
	case zone == "":
		t, err = time.ParseInLocation("2006-01-02T15:04:05.999999999", base, loc)
	case zone == "Z" || zone == "z":
		t, err = time.Parse("2006-01-02T15:04:05.999999999Z07:00", base+"Z")
		hasZone = true
	default:
		t, err = time.Parse("2006-01-02T15:04:05.999999999Z07:00", base+zone)
		hasZone = true
	}
	if err != nil {
		return time.Time{}, false, errTime
	}
	return t, hasZone, nil
}
