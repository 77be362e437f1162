package xmlsniff

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// NewDecoder returns an encoding/xml decoder for a whole document read from r: a UTF-8
// BOM is skipped, a UTF-16 BOM switches to UTF-16, and the declared encodings test
// equipment writes (UTF-8, US-ASCII, ISO-8859-1, Windows-1252, UTF-16) are decoded.
func NewDecoder(r io.Reader) *xml.Decoder {
	br := bufio.NewReaderSize(r, 64<<10)
	var src io.Reader = br
	if b, _ := br.Peek(3); bytes.HasPrefix(b, bomUTF8) {
		_, _ = br.Discard(3)
	} else if bytes.HasPrefix(b, bomUTF16LE) || bytes.HasPrefix(b, bomUTF16BE) {
		_, _ = br.Discard(2)
		src = &utf16Reader{r: br, big: b[0] == 0xFE}
	}
	d := xml.NewDecoder(src)
	_, utf16 := src.(*utf16Reader)
	d.CharsetReader = func(charset string, in io.Reader) (io.Reader, error) {
		if utf16 {
			// Already decoded from the BOM; the declaration names the original encoding.
			return in, nil
		}
		return CharsetReader(charset, in)
	}
	return d
}

// CharsetReader decodes in from the named single-byte charset to UTF-8, for use as
// xml.Decoder.CharsetReader. It knows ISO-8859-1 (Latin-1) and Windows-1252; UTF-8 and
// US-ASCII pass through. Other charsets are an error.
func CharsetReader(charset string, in io.Reader) (io.Reader, error) {
	switch strings.ToLower(strings.TrimSpace(charset)) {
	case "", "utf-8", "utf8", "us-ascii", "ascii":
		return in, nil
	case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "iso_8859-1":
		return &byteReader{r: bufio.NewReader(in)}, nil
	case "windows-1252", "cp1252", "x-cp1252":
		return &byteReader{r: bufio.NewReader(in), cp1252: true}, nil
	}
	return nil, fmt.Errorf("xmlsniff: unsupported charset %q", charset)
}

// cp1252 holds the Windows-1252 characters of bytes 0x80-0x9F (the rest is Latin-1);
// undefined positions keep their Latin-1 control character.
var cp1252 = [32]rune{
	'€', 0x81, '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', 0x8D, 'Ž', 0x8F,
	0x90, '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', 0x9D, 'ž', 'Ÿ',
}

// byteReader turns a single-byte encoding into UTF-8.
type byteReader struct {
	r      *bufio.Reader
	cp1252 bool
	pend   []byte
}

func (b *byteReader) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		if len(b.pend) > 0 {
			c := copy(p[n:], b.pend)
			n += c
			b.pend = b.pend[c:]
			continue
		}
		c, err := b.r.ReadByte()
		if err != nil {
			if n > 0 {
				return n, nil
			}
			return 0, err
		}
		if c < utf8.RuneSelf {
			p[n] = c
			n++
			continue
		}
		r := rune(c)
		if b.cp1252 && c >= 0x80 && c <= 0x9F {
			r = cp1252[c-0x80]
		}
		var buf [4]byte
		b.pend = append(b.pend[:0], buf[:utf8.EncodeRune(buf[:], r)]...)
	}
	return n, nil
}

// utf16Reader turns UTF-16 (after its BOM) into UTF-8.
type utf16Reader struct {
	r    *bufio.Reader
	big  bool
	pend []byte
}

func (u *utf16Reader) unit() (rune, error) {
	a, err := u.r.ReadByte()
	if err != nil {
		return 0, err
	}
	b, err := u.r.ReadByte()
	if err != nil {
		return 0, io.ErrUnexpectedEOF
	}
	if u.big {
		return rune(a)<<8 | rune(b), nil
	}
	return rune(b)<<8 | rune(a), nil
}

func (u *utf16Reader) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		if len(u.pend) > 0 {
			c := copy(p[n:], u.pend)
			n += c
			u.pend = u.pend[c:]
			continue
		}
		r, err := u.unit()
		if err != nil {
			if n > 0 {
				return n, nil
			}
			return 0, err
		}
		if r >= 0xD800 && r < 0xDC00 {
			lo, err := u.unit()
			if err != nil || lo < 0xDC00 || lo > 0xDFFF {
				r = utf8.RuneError
			} else {
				r = (r-0xD800)<<10 + (lo - 0xDC00) + 0x10000
			}
		} else if r >= 0xDC00 && r <= 0xDFFF {
			r = utf8.RuneError
		}
		var buf [4]byte
		u.pend = append(u.pend[:0], buf[:utf8.EncodeRune(buf[:], r)]...)
	}
	return n, nil
}
