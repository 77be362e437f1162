package xmlsniff

import (
	"io"
	"strings"
	"testing"
)

func FuzzFind(f *testing.F) {
	f.Add([]byte(`<?xml version="1.0"?><!-- c --><Reports xmlns="` + wsxfNS + `"/>`))
	f.Add(utf16Bytes(`<?xml version="1.0" encoding="utf-16"?><a:R xmlns:a="urn:x"/>`, true))
	f.Add([]byte("<?xml version=\"1.0\" encoding=\"windows-1252\"?><a>\x80\x93</a>"))
	f.Fuzz(func(t *testing.T, head []byte) {
		r, ok := Find(head)
		if !ok && r != (Root{}) {
			t.Fatalf("not found but %v", r)
		}
		d := NewDecoder(strings.NewReader(string(head)))
		for i := 0; i < 1000; i++ {
			if _, err := d.Token(); err != nil {
				if err == io.EOF {
					break
				}
				break
			}
		}
	})
}
