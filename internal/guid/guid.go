// Package guid checks and normalises the GUID texts WATS uses for report,
// unit and attachment ids: 8-4-4-4-12 hex digits. It is the
// one GUID check of the module, shared by the model, the services, the OData
// builder and the emulator.
package guid

import "strings"

// Valid reports whether s is a hyphenated GUID (36 characters) in either
// case. Braces are not accepted; see ValidBraced.
func Valid(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < 36; i++ {
		c := s[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !isHex(c) {
				return false
			}
		}
	}
	return true
}

// ValidBraced is Valid that also accepts the "{...}" form .NET writes.
func ValidBraced(s string) bool {
	if len(s) == 38 && s[0] == '{' && s[37] == '}' {
		s = s[1:37]
	}
	return Valid(s)
}

// Normalize trims white space and lower-cases s, the form the server
// writes; ok is false when the result is not a GUID.
func Normalize(s string) (g string, ok bool) {
	g = strings.ToLower(strings.TrimSpace(s))
	if !Valid(g) {
		return "", false
	}
	return g, true
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}
