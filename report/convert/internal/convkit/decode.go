package convkit

import (
	"unicode/utf8"

	"github.com/watsgo/sdk/report/convert/internal/xmlsniff"
)

// DecodeText returns a text file's bytes as UTF-8: a UTF-8 BOM is dropped,
// UTF-16 with a BOM is decoded, and bytes that are not valid UTF-8 are read
// as Windows-1252, the code page test PCs write by default.
func DecodeText(b []byte) []byte {
	b = xmlsniff.Normalize(b)
	if IsASCII(b) || utf8.Valid(b) {
		return b
	}
	return AppendCP1252(make([]byte, 0, len(b)+len(b)/8), b)
}
