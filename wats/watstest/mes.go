package watstest

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// Wire helpers of the asset and software emulation (the server keeps both
// in its "Mes" model namespace): answers are written the way a .NET server
// writes them.

// mesTimeLayout is how the server's JSON serializer writes a UTC DateTime:
// at most seven fractional digits (a .NET tick is 100 ns), trailing zeros
// dropped, "Z" for UTC.
const mesTimeLayout = "2006-01-02T15:04:05.9999999Z07:00"

// mesTime is a date-time member of an answer; a nil *mesTime is null.
type mesTime time.Time

// MarshalJSON writes t in mesTimeLayout, in UTC.
func (t mesTime) MarshalJSON() ([]byte, error) {
	return []byte(`"` + time.Time(t).UTC().Format(mesTimeLayout) + `"`), nil
}

// mesTimeOf returns t for an answer member: nil (null) when t is zero.
func mesTimeOf(t time.Time) *mesTime {
	if t.IsZero() {
		return nil
	}
	m := mesTime(t)
	return &m
}

// mesStr returns s for a nullable string member: nil (null) when empty,
// as .NET leaves unset reference members.
func mesStr(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// mesNewGUID returns a random lower-case version-4 GUID.
func mesNewGUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// mesGUID normalises a GUID text the way the server echoes it: lower-case,
// without braces; ok is false when s is not a GUID.
func mesGUID(s string) (string, bool) {
	g := strings.ToLower(strings.Trim(strings.TrimSpace(s), "{}"))
	if len(g) != 36 {
		return "", false
	}
	for i := 0; i < 36; i++ {
		c := g[i]
		switch {
		case i == 8 || i == 13 || i == 18 || i == 23:
			if c != '-' {
				return "", false
			}
		case c >= '0' && c <= '9', c >= 'a' && c <= 'f':
		default:
			return "", false
		}
	}
	return g, true
}

// mesError is a refusal with the HTTP status the server answers it with.
type mesError struct {
	status int
	msg    string
}

func (e *mesError) Error() string { return e.msg }

func mesBad(format string, args ...any) error {
	return &mesError{http.StatusBadRequest, fmt.Sprintf(format, args...)}
}

func mesNotFound(format string, args ...any) error {
	return &mesError{http.StatusNotFound, fmt.Sprintf(format, args...)}
}

func mesConflict(format string, args ...any) error {
	return &mesError{http.StatusConflict, fmt.Sprintf(format, args...)}
}

// mesWriteError answers err with its status (500 for an unexpected error).
func mesWriteError(w http.ResponseWriter, err error) {
	var me *mesError
	if errors.As(err, &me) {
		writeError(w, me.status, "%s", me.msg)
		return
	}
	writeError(w, http.StatusInternalServerError, "%s", err.Error())
}

// mesCaller is the user name of the request's Basic token ("" when the
// token is not user:password).
func mesCaller(r *http.Request) string {
	raw, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(r.Header.Get("Authorization"), "Basic "))
	if err != nil {
		return ""
	}
	user, _, _ := strings.Cut(string(raw), ":")
	return user
}

// mesRemarshal converts in to out through JSON (seeding takes the SDK's
// models and reads them as the wire forms).
func mesRemarshal(in, out any) error {
	b, err := json.Marshal(in)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, out)
}

// mesRows turns typed answer rows into the generic rows the OData engine
// filters and orders.
func mesRows(v any) ([]map[string]any, error) {
	var out []map[string]any
	err := mesRemarshal(v, &out)
	return out, err
}

// mesParseTime reads a query-string date-time; a missing zone means UTC.
func mesParseTime(s string) (time.Time, bool) {
	for _, l := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.9999999", "2006-01-02T15:04:05", "2006-01-02"} {
		if t, err := time.ParseInLocation(l, s, time.UTC); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}
