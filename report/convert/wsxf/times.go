package wsxf

import (
	"strings"
	"time"

	"github.com/watsgo/sdk/report"
)

// epoch is the earliest valid report start (M-T rule 4): the C# client writes
// 1900-01-01 for "no time".
var epoch = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)

// maxOffset is the largest UTC offset a recomputed zone may have.
const maxOffset = 14 * time.Hour

// parseDateTime reads an xs:dateTime leniently: ISO 8601 with 'T' or a space, with
// or without fraction, with an offset, "Z", or none. A value without a zone is read
// in loc; zoned reports whether the text carried one.
func parseDateTime(s string, loc *time.Location) (t time.Time, zoned, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false, false
	}
	if len(s) > 10 && s[10] == ' ' {
		s = s[:10] + "T" + s[11:]
	}
	// Go accepts a fraction after the seconds even when the layout has none.
	if t, err := time.Parse("2006-01-02T15:04:05Z07:00", s); err == nil {
		return t, true, true
	}
	for _, layout := range [...]string{"2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, false, true
		}
	}
	return time.Time{}, false, false
}

// wall returns t's wall-clock reading as a UTC instant (the offset dropped).
func wall(t time.Time) time.Time {
	y, mo, d := t.Date()
	h, mi, sec := t.Clock()
	return time.Date(y, mo, d, h, mi, sec, t.Nanosecond(), time.UTC)
}

// reportTimes applies M-T to the Start and Start_utc attributes: it returns the start
// to write (with its offset) and the UTC start (absent when the file has no valid one).
func reportTimes(startText, utcText string, hasUTC bool, loc *time.Location, now time.Time) (start, startUTC report.Time) {
	local, _, localOK := parseDateTime(startText, loc)
	localOK = localOK && !local.Before(epoch)
	var utc time.Time
	utcOK := false
	if hasUTC {
		utc, _, utcOK = parseDateTime(utcText, time.UTC)
		utcOK = utcOK && !utc.Before(epoch)
		utc = utc.UTC()
	}
	switch {
	case localOK && utcOK:
		w := wall(local)
		off := w.Sub(utc)
		q := off.Round(15 * time.Minute)
		if q >= -maxOffset && q <= maxOffset {
			local = time.Date(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), w.Second(), w.Nanosecond(),
				time.FixedZone("", int(q/time.Second)))
		}
		return report.TimeOf(local), utcTime(utc)
	case localOK:
		return report.TimeOf(local), report.Time{}
	case utcOK:
		return report.TimeOf(utc.In(loc)), utcTime(utc)
	default:
		return report.TimeOf(now.In(loc)), report.Time{}
	}
}

// utcTime writes a UTC instant with "Z", as the server writes startUTC.
func utcTime(t time.Time) report.Time {
	var rt report.Time
	text := `"` + t.UTC().Format("2006-01-02T15:04:05.9999999Z") + `"`
	if err := rt.UnmarshalJSON([]byte(text)); err != nil {
		return report.TimeOf(t)
	}
	return rt
}

// dateTime reads an optional date-time attribute (zone-less values in loc).
func (c *conv) dateTime(e *elem, name string, loc *time.Location) (report.Time, error) {
	v, ok := e.attr(name)
	if !ok || strings.TrimSpace(v) == "" {
		return report.Time{}, nil
	}
	t, _, good := parseDateTime(v, loc)
	if !good {
		return report.Time{}, c.failAttr(e, name, "%q is not a date-time", v)
	}
	return report.TimeOf(t), nil
}
