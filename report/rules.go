package report

import (
	"encoding/base64"
	"math"
	"reflect"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/watsgo/sdk/internal/guid"

	"github.com/go-playground/validator/v10"
)

// The one shared validator: it caches struct metadata and is safe for
// concurrent use. Tags on the model types name JSON fields through
// RegisterTagNameFunc; the custom types unwrap to their value (nil when
// absent or null, so "required" and "omitempty" see the wire state).
var (
	validatorOnce sync.Once
	validatorInst *validator.Validate
)

func sharedValidator() *validator.Validate {
	validatorOnce.Do(func() {
		v := validator.New(validator.WithRequiredStructEnabled())
		v.RegisterTagNameFunc(func(f reflect.StructField) string {
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "-" {
				return ""
			}
			return name
		})
		v.RegisterCustomTypeFunc(func(rv reflect.Value) any {
			s := rv.Interface().(Str)
			if !s.IsSet() {
				return nil
			}
			return s.v
		}, Str{})
		v.RegisterCustomTypeFunc(func(rv reflect.Value) any {
			n := rv.Interface().(Int)
			switch {
			case !n.IsSet():
				return nil
			case n.bad:
				return "not an integer: " + n.raw
			}
			return n.i
		}, Int{})
		v.RegisterCustomTypeFunc(func(rv reflect.Value) any {
			n := rv.Interface().(Num)
			if !n.IsSet() {
				return nil
			}
			return n.f
		}, Num{})
		v.RegisterCustomTypeFunc(func(rv reflect.Value) any {
			t := rv.Interface().(Time)
			switch {
			case !t.IsSet():
				return nil
			case t.bad:
				return "not a date-time: " + t.raw
			}
			return t.t
		}, Time{})
		must(v.RegisterValidation("xmlsafe", func(fl validator.FieldLevel) bool {
			return fl.Field().Kind() != reflect.String || xmlSafe(fl.Field().String())
		}))
		must(v.RegisterValidation("int16", func(fl validator.FieldLevel) bool {
			return intIn(fl.Field(), math.MinInt16, math.MaxInt16)
		}))
		must(v.RegisterValidation("int32", func(fl validator.FieldLevel) bool {
			return intIn(fl.Field(), math.MinInt32, math.MaxInt32)
		}))
		must(v.RegisterValidation("guid", func(fl validator.FieldLevel) bool {
			return fl.Field().Kind() == reflect.String && guid.ValidBraced(fl.Field().String())
		}))
		must(v.RegisterValidation("base64wsjf", func(fl validator.FieldLevel) bool {
			return fl.Field().Kind() == reflect.String && validBase64(fl.Field().String())
		}))
		must(v.RegisterValidation("datetime", func(fl validator.FieldLevel) bool {
			_, ok := fl.Field().Interface().(time.Time)
			return ok
		}))
		must(v.RegisterValidation("charttype", func(fl validator.FieldLevel) bool {
			if fl.Field().Kind() != reflect.String {
				return false
			}
			switch strings.ToUpper(fl.Field().String()) {
			case "LINE", "LINELOGXY", "LINELOGX", "LINELOGY":
				return true
			}
			return false
		}))
		validatorInst = v
	})
	return validatorInst
}

func must(err error) {
	if err != nil {
		panic(err)
	}
}

func intIn(v reflect.Value, lo, hi int64) bool {
	if v.Kind() != reflect.Int64 {
		return false
	}
	return v.Int() >= lo && v.Int() <= hi
}

// xmlSafe reports whether s has no character that WATS cannot store in its
// XML-based formats: control characters other than TAB, LF, CR;
// U+007F–U+009F; U+FEFF; U+FFFE/U+FFFF; invalid UTF-8 or lone surrogates.
func xmlSafe(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return false
		}
		if r <= 0x9f || r == 0xfeff || r == 0xfffe || r == 0xffff {
			return false
		}
		i += size
	}
	return true
}

// validBase64 accepts standard base64, tolerating missing padding and
// white space as the server's decoder does.
func validBase64(s string) bool {
	if strings.ContainsAny(s, " \t\r\n") {
		s = strings.Map(func(r rune) rune {
			if r == ' ' || r == '\t' || r == '\r' || r == '\n' {
				return -1
			}
			return r
		}, s)
	}
	s = strings.TrimRight(s, "=")
	_, err := base64.RawStdEncoding.DecodeString(s)
	return err == nil
}

// searchChars are characters WATS treats as wildcards or delimiters in
// serial/part-number searches.
const searchChars = `*%?[]^!/\`

// parseSeriesData splits a chart data string ("0;1.5;2") into numbers; ok
// is false when an entry is not a number. Empty entries are skipped, as the
// server's reader does.
func parseSeriesData(s string) (n int, ok bool) {
	for _, part := range strings.Split(s, ";") {
		if part == "" {
			continue
		}
		if _, perr := parseInvariantFloat(part); perr != nil {
			return n, false
		}
		n++
	}
	return n, true
}
