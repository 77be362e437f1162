package wstf

import (
	"fmt"
	"unicode/utf8"

	"github.com/watsgo/sdk/report/convert/internal/convkit"
)

func supportedCodePage(n int) bool {
	switch n {
	case 1252, 28591, 20127, 65001:
		return true
	}
	return false
}

// decode turns the file's bytes into UTF-8 text per the code page.
func (o *options) decode(raw []byte) (string, error) {
	if len(raw) >= 3 && raw[0] == 0xEF && raw[1] == 0xBB && raw[2] == 0xBF {
		raw = raw[3:] // a UTF-8 BOM wins over the parameter
		if !utf8.Valid(raw) {
			return "", fmt.Errorf("invalid UTF-8 after a UTF-8 byte-order mark")
		}
		return string(raw), nil
	}
	if convkit.IsASCII(raw) {
		return string(raw), nil
	}
	switch o.codePage {
	case 65001:
		if !utf8.Valid(raw) {
			return "", fmt.Errorf("invalid UTF-8 (code page 65001)")
		}
		return string(raw), nil
	case 20127:
		return "", fmt.Errorf("a byte above 0x7F in US-ASCII text (code page 20127)")
	case 28591:
		out := make([]byte, 0, len(raw)+len(raw)/8)
		for _, b := range raw {
			out = utf8.AppendRune(out, rune(b))
		}
		return string(out), nil
	}
	return string(convkit.AppendCP1252(make([]byte, 0, len(raw)+len(raw)/8), raw)), nil
}

// xmlClean removes the characters XML 1.0 cannot carry (controls other than
// TAB, CR, LF, and U+FFFE/U+FFFF) from a line.
func xmlClean(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 && c != '\t' && c != '\r' && c != '\n' || c == 0xEF && i+2 < len(s) && s[i+1] == 0xBF && (s[i+2] == 0xBE || s[i+2] == 0xBF) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	out := make([]rune, 0, len(s))
	for _, r := range s {
		if r < 0x20 && r != '\t' && r != '\r' && r != '\n' || r == 0xFFFE || r == 0xFFFF {
			continue
		}
		out = append(out, r)
	}
	return string(out)
}
