package convtest

import (
	"bytes"
	"context"
	"io"
	"os"
	"time"

	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/report/convert"
	"github.com/watsgo/sdk/report/convert/internal/xmlsniff"
)

// XMLTokenWalk is the XML formats' benchmark baseline: read the file and
// walk its tokens, decoding as the converters do.
func XMLTokenWalk(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	d := xmlsniff.NewDecoder(bytes.NewReader(data))
	for {
		if _, err := d.Token(); err != nil {
			if err == io.EOF {
				return nil
			}
			return err
		}
	}
}

// LineSplit is the text formats' benchmark baseline: read the file and
// split it into lines.
func LineSplit(path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	_ = bytes.Split(b, []byte{'\n'})
	return nil
}

// ConvertFile is the path a user takes for one file: open it, convert it
// with c and finalise and validate every report (UTC, a fixed station).
func ConvertFile(c convert.Converter, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	src := &convert.Source{Name: path, Reader: f, Size: -1,
		Defaults: convert.Defaults{Location: time.UTC, Station: report.Station{Name: "S", Location: "L", Purpose: "P"}}}
	rs, err := c.Convert(context.Background(), src)
	if err != nil {
		return err
	}
	for _, r := range rs {
		if err := r.Finalize(); err != nil {
			return err
		}
		if err := r.Validate(); err != nil {
			return err
		}
	}
	return nil
}

// ExpectedSource is a Source for data under the conversion settings the
// fixtures' expected facts assume (UTC; station CONV-PC / Lab / Test),
// with params; the warnings it receives are collected in the returned slice.
func ExpectedSource(name string, data []byte, params convert.Params) (*convert.Source, *[]string) {
	var warns []string
	return &convert.Source{
		Name: name, Reader: bytes.NewReader(data), Size: int64(len(data)), Params: params,
		Defaults: convert.Defaults{Location: time.UTC, Station: report.Station{Name: "CONV-PC", Location: "Lab", Purpose: "Test"}},
		Warn:     func(m string) { warns = append(warns, m) },
	}, &warns
}
