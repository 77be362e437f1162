package production_test

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/watsgo/sdk/production"
)

// BenchmarkParseSerialNumbersXML reads the numbers of a 1000-number Take answer.
func BenchmarkParseSerialNumbersXML(b *testing.B) {
	var doc bytes.Buffer
	doc.WriteString(`<?xml version="1.0" encoding="utf-8"?><SerialNumbers type="SN">`)
	for i := 0; i < 1000; i++ {
		fmt.Fprintf(&doc, `<SN id="SN%06d" state="Taken" takenUtc="2026-03-01T12:00:00Z" refPN="BOX"/>`, i)
	}
	doc.WriteString(`</SerialNumbers>`)
	data := doc.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sns, err := production.ParseSerialNumbersXML(bytes.NewReader(data))
		if err != nil || len(sns) != 1000 {
			b.Fatal(len(sns), err)
		}
	}
}
