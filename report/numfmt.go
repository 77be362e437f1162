package report

import (
	"math"
	"strconv"
	"strings"
)

// appendDotNetFloat formats f the way the WATS server (Newtonsoft.Json on
// .NET, "R" format) writes doubles: the 15-significant-digit form when it
// reads back as the same double, else 17 digits; fixed notation for decimal
// exponents -5 < e < precision, otherwise "d.dddE±XX"; ".0" appended to
// integral fixed values; NaN and infinities as the strings Newtonsoft writes.
func appendDotNetFloat(b []byte, f float64) []byte {
	switch {
	case math.IsNaN(f):
		return append(b, `"NaN"`...)
	case math.IsInf(f, 1):
		return append(b, `"Infinity"`...)
	case math.IsInf(f, -1):
		return append(b, `"-Infinity"`...)
	case f == 0:
		if math.Signbit(f) {
			return append(b, "-0.0"...)
		}
		return append(b, "0.0"...)
	}
	// Common case: fixed notation (decimal exponent -4…14) with at most 15
	// significant digits is Go's shortest 'f' form plus ".0" when integral.
	if a := math.Abs(f); a >= 1e-4 && a < 1e15 {
		start := len(b)
		b = strconv.AppendFloat(b, f, 'f', -1, 64)
		if sig, dot := sigDigits(b[start:]); sig <= 15 {
			if !dot {
				b = append(b, '.', '0')
			}
			return b
		}
		b = b[:start]
	}
	return appendDotNetFloatE(b, f)
}

// appendDotNetFloatE is the general path of appendDotNetFloat, built on
// Go's exponent form; the fast path must agree with it (tested).
func appendDotNetFloatE(b []byte, f float64) []byte {
	var scratch [40]byte
	// Shortest digits first. The shortest form is the fewest digits that
	// read back as f, so when it needs more than 15 no 15-digit form can
	// round-trip and .NET writes 17 digits. When it needs at most 15 and f
	// is normal, it is also the correctly rounded 15-digit form (15-digit
	// decimals are spaced wider than one ulp). Subnormals have fewer bits:
	// for them the 15-digit form is tried explicitly.
	e := strconv.AppendFloat(scratch[:0], f, 'e', -1, 64)
	prec := 15
	switch {
	case mantDigits(e) > 15:
		e = strconv.AppendFloat(scratch[:0], f, 'e', 16, 64)
		prec = 17
	case math.Abs(f) < 0x1p-1022:
		e = strconv.AppendFloat(scratch[:0], f, 'e', 14, 64)
		if g, err := strconv.ParseFloat(string(e), 64); err != nil || g != f {
			e = strconv.AppendFloat(scratch[:0], f, 'e', 16, 64)
			prec = 17
		}
	}
	return appendDotNetFromE(b, e, prec)
}

// sigDigits counts the significant digits of a fixed-notation number and
// reports whether it has a decimal point.
func sigDigits(s []byte) (n int, dot bool) {
	leading := true
	for _, c := range s {
		switch {
		case c == '.':
			dot = true
		case c == '0' && leading:
		case c >= '0' && c <= '9':
			leading = false
			n++
		}
	}
	return n, dot
}

// mantDigits counts the significant digits of a Go 'e' form.
func mantDigits(e []byte) int {
	n := 0
	for _, c := range e {
		if c == 'e' {
			break
		}
		if c >= '0' && c <= '9' {
			n++
		}
	}
	return n
}

// appendDotNetFromE rewrites Go's "-d.ddde±XX" into .NET "G<prec>" output.
func appendDotNetFromE(b []byte, e []byte, prec int) []byte {
	neg := e[0] == '-'
	if neg {
		e = e[1:]
	}
	// Split mantissa digits and exponent.
	var dig [20]byte
	nd := 0
	i := 0
	for ; i < len(e) && e[i] != 'e'; i++ {
		if e[i] != '.' {
			dig[nd] = e[i]
			nd++
		}
	}
	exp := 0
	expNeg := false
	i++ // skip 'e'
	if i < len(e) && (e[i] == '+' || e[i] == '-') {
		expNeg = e[i] == '-'
		i++
	}
	for ; i < len(e); i++ {
		exp = exp*10 + int(e[i]-'0')
	}
	if expNeg {
		exp = -exp
	}
	for nd > 1 && dig[nd-1] == '0' {
		nd--
	}
	if neg {
		b = append(b, '-')
	}
	if exp > -5 && exp < prec {
		if exp < 0 {
			b = append(b, '0', '.')
			for k := -1; k > exp; k-- {
				b = append(b, '0')
			}
			return append(b, dig[:nd]...)
		}
		if nd <= exp+1 {
			b = append(b, dig[:nd]...)
			for k := nd; k <= exp; k++ {
				b = append(b, '0')
			}
			return append(b, '.', '0')
		}
		b = append(b, dig[:exp+1]...)
		b = append(b, '.')
		return append(b, dig[exp+1:nd]...)
	}
	b = append(b, dig[0])
	if nd > 1 {
		b = append(b, '.')
		b = append(b, dig[1:nd]...)
	}
	b = append(b, 'E')
	if exp < 0 {
		b = append(b, '-')
		exp = -exp
	} else {
		b = append(b, '+')
	}
	if exp < 10 {
		b = append(b, '0')
	}
	return strconv.AppendInt(b, int64(exp), 10)
}

func parseInvariantFloat(s string) (float64, error) {
	return strconv.ParseFloat(strings.TrimSpace(s), 64)
}
