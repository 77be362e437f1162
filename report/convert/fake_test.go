package convert

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	"github.com/watsgo/sdk/report"
)

// fakeConv is a tiny line format for the framework tests:
//
//	FAKE            signature (first line)
//	sn=SN1          one report per sn line
//	id=<guid>       the id of the report started by the previous sn line
//	sleep=200ms     wait, honouring ctx
//	hang            wait for ctx, then for release (ignores the deadline)
//	fail            a *MalformedError
//	suspend=1s      a *SuspendError
//	invalid         the previous report gets an invalid part number
//	random          the previous report gets a new random id (as a converter
//	                that calls report.NewUUT and keeps its id would)
type fakeConv struct {
	name     string
	patterns []string
	conf     Confidence
	calls    atomic.Int64
	release  chan struct{} // closed to let "hang" return
}

func newFake(name string, patterns ...string) *fakeConv {
	if len(patterns) == 0 {
		patterns = []string{"*.fake"}
	}
	return &fakeConv{name: name, patterns: patterns, conf: Certain, release: make(chan struct{})}
}

func (c *fakeConv) Name() string       { return c.name }
func (c *fakeConv) Patterns() []string { return c.patterns }

func (c *fakeConv) Sniff(head []byte) Confidence {
	if bytes.HasPrefix(head, []byte("FAKE")) {
		return c.conf
	}
	return No
}

func (c *fakeConv) Convert(ctx context.Context, src *Source) ([]*report.Report, error) {
	c.calls.Add(1)
	var out []*report.Report
	sc := bufio.NewScanner(src.Reader)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		t := strings.TrimSpace(sc.Text())
		k, v, _ := strings.Cut(t, "=")
		switch {
		case line == 1 && t != "FAKE":
			return nil, &MalformedError{Converter: c.name, File: src.Name, Line: 1, Msg: "no FAKE signature"}
		case line == 1, t == "", strings.HasPrefix(t, "#"):
		case k == "sn":
			pn := src.Defaults.PartNumber
			if pn == "" {
				pn = "PN-1"
			}
			r, err := report.NewUUT(pn, v, "A", 10,
				report.WithStation(report.Station{Name: "st", Location: "loc", Purpose: "test"}),
				report.WithOperator("op"),
				report.WithStart(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)))
			if err != nil {
				return nil, err
			}
			r.SetID("") // the framework derives a stable one
			if _, err := r.Root.AddPassFailStep("step", true); err != nil {
				return nil, err
			}
			out = append(out, r)
		case k == "id" && len(out) > 0:
			out[len(out)-1].SetID(v)
		case k == "sleep":
			d, _ := time.ParseDuration(v)
			select {
			case <-time.After(d):
			case <-ctx.Done():
				return nil, ctx.Err()
			}
		case t == "hang":
			<-ctx.Done()
			<-c.release
			return nil, ctx.Err()
		case t == "fail":
			return nil, &MalformedError{Converter: c.name, File: src.Name, Line: line, Msg: "fail requested"}
		case k == "suspend":
			d, _ := time.ParseDuration(v)
			return nil, Suspend(fmt.Errorf("%w: process %q", ErrUnknownProcess, "Burn-in"), d)
		case t == "warn":
			src.Warnf("a warning")
		case t == "random" && len(out) > 0:
			g, err := report.NewGUID()
			if err != nil {
				return nil, err
			}
			out[len(out)-1].SetID(g)
		case t == "invalid" && len(out) > 0:
			out[len(out)-1].Header.PN = report.StrOf("")
		default:
			return nil, &MalformedError{Converter: c.name, File: src.Name, Line: line, Msg: "unknown line " + t}
		}
	}
	return out, sc.Err()
}

// fakeFile builds a fake-format file body with one report per serial number.
func fakeFile(extra string, sns ...string) string {
	var b strings.Builder
	b.WriteString("FAKE\n")
	for _, sn := range sns {
		b.WriteString("sn=" + sn + "\n")
	}
	b.WriteString(extra)
	return b.String()
}

func stringsReader(s string) *strings.Reader { return strings.NewReader(s) }
