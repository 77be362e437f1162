package convkit

import "unicode/utf8"

// cp1252High maps the bytes 0x80–0x9F of Windows-1252; the other bytes
// are their Latin-1 code points. The five unassigned bytes map to the C1
// control of the same value, as Windows does.
var cp1252High = [32]rune{
	0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
	0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
}

// AppendCP1252 appends src, Windows-1252 text, to dst as UTF-8.
func AppendCP1252(dst, src []byte) []byte {
	for _, b := range src {
		switch {
		case b < 0x80:
			dst = append(dst, b)
		case b < 0xA0:
			dst = utf8.AppendRune(dst, cp1252High[b-0x80])
		default:
			dst = utf8.AppendRune(dst, rune(b))
		}
	}
	return dst
}

// IsASCII reports whether b holds only 7-bit bytes (which every supported
// code page reads as themselves).
func IsASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}
