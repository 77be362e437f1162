package report

import (
	"sync/atomic"
	"time"
)

// parseDateTime reads the ISO 8601 forms WSJF uses: yyyy-MM-ddTHH:mm:ss with
// 0–9 fraction digits and a zone of "Z", "±hh:mm" or none. A missing zone is
// read as UTC (the server's notion of "unspecified" cannot be known here).
func parseDateTime(s string) (time.Time, bool) {
	if len(s) < 19 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || s[13] != ':' || s[16] != ':' {
		return time.Time{}, false
	}
	year, ok1 := digits(s, 0, 4)
	month, ok2 := digits(s, 5, 2)
	day, ok3 := digits(s, 8, 2)
	hour, ok4 := digits(s, 11, 2)
	minute, ok5 := digits(s, 14, 2)
	sec, ok6 := digits(s, 17, 2)
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6) || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || sec > 59 {
		return time.Time{}, false
	}
	i := 19
	nsec := 0
	if i < len(s) && s[i] == '.' {
		i++
		n := 0
		scale := 100000000
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			if n < 9 {
				nsec += int(s[i]-'0') * scale
				scale /= 10
			}
			n++
			i++
		}
		if n == 0 || n > 9 {
			return time.Time{}, false
		}
	}
	loc := time.UTC
	switch {
	case i == len(s):
	case s[i] == 'Z' || s[i] == 'z':
		if i+1 != len(s) {
			return time.Time{}, false
		}
	case s[i] == '+' || s[i] == '-':
		if len(s) != i+6 || s[i+3] != ':' {
			return time.Time{}, false
		}
		hh, okh := digits(s, i+1, 2)
		mm, okm := digits(s, i+4, 2)
		if !okh || !okm || hh > 14 || mm > 59 {
			return time.Time{}, false
		}
		off := hh*3600 + mm*60
		if s[i] == '-' {
			off = -off
		}
		loc = fixedZone(off)
	default:
		return time.Time{}, false
	}
	t := time.Date(year, time.Month(month), day, hour, minute, sec, nsec, loc)
	if t.Day() != day { // 31 February and friends
		return time.Time{}, false
	}
	return t, true
}

func digits(s string, at, n int) (int, bool) {
	v := 0
	for i := at; i < at+n; i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int(c-'0')
	}
	return v, true
}

// zones caches fixed offsets so parsing many dates does not allocate one
// *time.Location per date. Offsets are whole minutes within ±14:59.
var zones [2*15*60 + 1]atomic.Pointer[time.Location]

func fixedZone(off int) *time.Location {
	if off == 0 {
		return time.UTC
	}
	i := off/60 + 15*60
	if l := zones[i].Load(); l != nil {
		return l
	}
	l := time.FixedZone("", off)
	zones[i].Store(l)
	return l
}

// Server date-time layouts: DateTimeOffset values carry "±hh:mm" (never
// "Z"), startUTC carries "Z"; at most seven fraction digits, trailing zeros
// and a bare dot dropped.
const (
	layoutOffset = "2006-01-02T15:04:05.9999999-07:00"
	layoutUTC    = "2006-01-02T15:04:05.9999999Z"
)

func appendDateTime(b []byte, t time.Time, utc bool) []byte {
	if utc {
		return t.UTC().AppendFormat(b, layoutUTC)
	}
	return t.AppendFormat(b, layoutOffset)
}
