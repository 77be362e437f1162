package xmlsniff

import (
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const wsxfNS = "http://wats.virinco.com/schemas/WATS/Report/wsxf"

func utf16Bytes(s string, big bool) []byte {
	u := utf16.Encode([]rune(s))
	out := []byte{0xFF, 0xFE}
	if big {
		out = []byte{0xFE, 0xFF}
	}
	for _, c := range u {
		if big {
			out = append(out, byte(c>>8), byte(c))
		} else {
			out = append(out, byte(c), byte(c>>8))
		}
	}
	return out
}

func TestFind(t *testing.T) {
	doc := `<?xml version="1.0" encoding="utf-16"?><Reports xmlns="` + wsxfNS + `"><Report/></Reports>`
	tests := []struct {
		name  string
		head  []byte
		want  Root
		found bool
	}{
		{"plain", []byte(`<Reports xmlns="` + wsxfNS + `"/>`), Root{wsxfNS, "Reports"}, true},
		{"bom and declaration", []byte("\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"utf-8\" ?>\n<Reports xmlns=\"" + wsxfNS + "\">"), Root{wsxfNS, "Reports"}, true},
		{"stylesheet PI, comment, doctype", []byte(`<?xml version="1.0" encoding="iso-8859-1" ?><?xml-stylesheet type="text/xsl" href="x.xsl"?><!-- c --><!DOCTYPE x [<!ENTITY a "b">]>` + "\n" + `<trc:TestResults xmlns:trc="urn:a" xmlns="urn:b">`), Root{"urn:a", "TestResults"}, true},
		{"prefixed default-less", []byte(`<a:Reports xmlns:a="` + wsxfNS + `">`), Root{wsxfNS, "Reports"}, true},
		{"no namespace", []byte(`  <Reports>`), Root{"", "Reports"}, true},
		{"utf16 le", utf16Bytes(doc, false), Root{wsxfNS, "Reports"}, true},
		{"utf16 be", utf16Bytes(doc, true), Root{wsxfNS, "Reports"}, true},
		{"json", []byte(`{"type":"T"}`), Root{}, false},
		{"text before root", []byte(`hello <Reports/>`), Root{}, false},
		{"truncated start tag", []byte(`<?xml version="1.0"?><Reports xmlns="http://wats`), Root{}, false},
		{"empty", nil, Root{}, false},
		{"unknown charset still sniffed", []byte(`<?xml version="1.0" encoding="shift_jis"?><R xmlns="urn:x"/>`), Root{"urn:x", "R"}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := Find(tc.head)
			assert.Equal(t, tc.found, ok)
			assert.Equal(t, tc.want, got)
			assert.Equal(t, tc.found && tc.want.Local == "Reports" && tc.want.Space == wsxfNS, Is(tc.head, wsxfNS, "Reports"))
		})
	}
}

func TestNewDecoderCharsets(t *testing.T) {
	tests := []struct {
		name string
		doc  []byte
		want string
	}{
		{"latin1", []byte("<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><a>caf\xe9</a>"), "café"},
		{"cp1252", []byte("<?xml version=\"1.0\" encoding=\"windows-1252\"?><a>\x80 \x93x\x94</a>"), "€ “x”"},
		{"utf8 bom", []byte("\xEF\xBB\xBF<a>å</a>"), "å"},
		{"utf16", utf16Bytes(`<?xml version="1.0" encoding="utf-16"?><a>ø😀</a>`, false), "ø😀"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := NewDecoder(strings.NewReader(string(tc.doc)))
			var v struct {
				Text string `xml:",chardata"`
			}
			require.NoError(t, d.Decode(&v))
			assert.Equal(t, tc.want, v.Text)
		})
	}
	_, err := CharsetReader("ebcdic", strings.NewReader(""))
	assert.Error(t, err)
}
