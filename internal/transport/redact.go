package transport

import (
	"encoding/base64"
	"fmt"
	"regexp"
	"strings"
)

// redactedText replaces a credential wherever text from the server leaves the SDK.
const redactedText = "[REDACTED]"

// redactor finds the credential in text a server sent back (an error page
// echoing the request headers, a JSON message quoting them). It matches the
// token as written, with any of its characters JSON-escaped (\u002B, \/) or
// percent-encoded (%2B), and the decoded "name:secret" pair, so no spelling
// of the secret gets through to an error, a log record or a queue file.
type redactor struct {
	re *regexp.Regexp // nil: nothing to hide
	// margin is how many bytes past a cut the longest escaped form can reach:
	// text is read that much longer than it is kept, redacted, then clipped,
	// so a credential straddling the cut is still found.
	margin int
}

func newRedactor(token string) *redactor {
	var alts []string
	if token != "" {
		alts = append(alts, escapedForms(token))
	}
	if raw, err := base64.StdEncoding.DecodeString(token); err == nil {
		if pair := string(raw); strings.Contains(pair, ":") {
			alts = append(alts, escapedForms(pair))
			if _, secret, _ := strings.Cut(pair, ":"); len(secret) >= 8 {
				alts = append(alts, escapedForms(secret))
			}
		}
	}
	if len(alts) == 0 {
		return &redactor{}
	}
	return &redactor{re: regexp.MustCompile(strings.Join(alts, "|")), margin: 6*len(token) + 16}
}

// escapedForms is a pattern matching s with each byte written literally,
// as a JSON \u00XX escape, as a percent escape, or ('/' only) as "\/".
func escapedForms(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		b.WriteString("(?:")
		b.WriteString(regexp.QuoteMeta(string(c)))
		hi, lo := hexClass(c>>4), hexClass(c&0xF)
		fmt.Fprintf(&b, `|\\u00%s%s|%%%s%s`, hi, lo, hi, lo)
		if c == '/' {
			b.WriteString(`|\\/`)
		}
		if c == ' ' {
			b.WriteString(`|\+`)
		}
		b.WriteString(")")
	}
	return b.String()
}

// hexClass matches one hex digit in either case.
func hexClass(n byte) string {
	const digits = "0123456789abcdef"
	d := digits[n]
	if d >= 'a' {
		return "[" + string(d) + strings.ToUpper(string(d)) + "]"
	}
	return string(d)
}

// apply returns s with every form of the credential replaced.
func (r *redactor) apply(s string) string {
	if r == nil || r.re == nil || s == "" {
		return s
	}
	return r.re.ReplaceAllLiteralString(s, redactedText)
}
