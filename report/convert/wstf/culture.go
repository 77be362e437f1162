package wstf

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// culture is how numbers are written: the decimal mark and the thousands
// separators that are accepted and ignored.
type culture struct {
	name      string
	decimal   byte
	thousands string
}

// cultureOf supports the invariant culture and the usual test-floor cultures
// by language; other codes are refused rather than guessed.
func cultureOf(code string) (culture, error) {
	c := strings.TrimSpace(code)
	lang := strings.ToLower(c)
	if i := strings.IndexAny(lang, "-_"); i >= 0 {
		lang = lang[:i]
	}
	switch lang {
	case "", "iv", "invariant", "en", "ja", "zh", "ko", "he", "th":
		return culture{name: c, decimal: '.', thousands: ","}, nil
	case "de", "nl", "da", "es", "it", "pt", "id", "tr", "el":
		return culture{name: c, decimal: ',', thousands: "."}, nil
	case "sv", "nb", "nn", "no", "fi", "fr", "pl", "cs", "sk", "ru", "uk", "hu", "et", "lt", "lv":
		return culture{name: c, decimal: ',', thousands: " \u00a0\u202f"}, nil
	}
	return culture{}, fmt.Errorf("wstf: parameter %s: culture %q is not supported", ParamCultureCode, code)
}

// number reads a numeric cell: "" is NaN, inf/+inf/-inf (and nan) are
// accepted, thousands separators are dropped.
func (c culture) number(s string) (float64, error) {
	if s == "" {
		return math.NaN(), nil
	}
	switch strings.ToLower(s) {
	case "inf", "+inf", "infinity", "+infinity":
		return math.Inf(1), nil
	case "-inf", "-infinity":
		return math.Inf(-1), nil
	case "nan":
		return math.NaN(), nil
	}
	if c.decimal == '.' && !strings.ContainsAny(s, "xX") {
		if f, err := strconv.ParseFloat(s, 64); err == nil {
			return f, nil // the common case: nothing to rewrite
		}
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == rune(c.decimal):
			b.WriteByte('.')
		case strings.ContainsRune(c.thousands, r):
		case r == '.' && c.decimal != '.', r == '_':
			return 0, strconv.ErrSyntax
		default:
			b.WriteRune(r)
		}
	}
	t := b.String()
	if strings.ContainsAny(t, "xXpP") || strings.EqualFold(t, "nan") || strings.Contains(strings.ToLower(t), "inf") {
		return 0, strconv.ErrSyntax
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil {
		if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
			return f, nil
		}
		return 0, strconv.ErrSyntax
	}
	return f, nil
}
