package wstf

import (
	"context"
	"fmt"
	"strings"

	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/report/convert"
)

// Section markers; matched as prefixes at column 0.
const (
	markHeader   = "--Header-Start--"
	markSteps    = "--Step-Data-Start--"
	markStepsEnd = "--Step-Data-End--"
	markUUTEnd   = "--UUT-End--"
	markUUTEnd2  = "-- UUT-End--" // as Virinco's own sample writes it
)

type section uint8

const (
	secHeader section = iota // also the lines before the first header marker
	secSteps
	secFooter
	secBetween // after --UUT-End--, before the next --Header-Start--
)

// maxCells is the number of step-line columns.
const maxCells = 14

// cells are one line's TAB-separated, trimmed columns; n counts those present.
type cells struct {
	v [maxCells]string
	n int
}

// get returns column i, "" when absent.
func (c *cells) get(i int) string {
	if i < c.n {
		return c.v[i]
	}
	return ""
}

// has reports whether column i is present (possibly empty).
func (c *cells) has(i int) bool { return i < c.n }

func split(line string, c *cells) {
	c.n = 0
	for c.n < maxCells {
		i := strings.IndexByte(line, '\t')
		if i < 0 {
			c.v[c.n] = strings.TrimSpace(line)
			c.n++
			return
		}
		c.v[c.n] = strings.TrimSpace(line[:i])
		c.n++
		line = line[i+1:]
	}
}

// parser converts one file. It is used once.
type parser struct {
	ctx  context.Context
	src  *convert.Source
	opt  *options
	line int
	sec  section
	u    *uut
	out  []*report.Report
	c    cells
}

func (p *parser) fail(msg string, err error) error {
	return &convert.MalformedError{Converter: Name, File: p.src.Name, Line: p.line, Msg: msg, Err: err}
}

func (p *parser) failf(format string, args ...any) error {
	return p.fail(fmt.Sprintf(format, args...), nil)
}

func (p *parser) warnf(format string, args ...any) {
	p.src.Warnf(fmt.Sprintf("wstf: %s:%d: ", p.src.Name, p.line) + fmt.Sprintf(format, args...))
}

func (p *parser) run(text string) ([]*report.Report, error) {
	for len(text) > 0 {
		line := text
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			line, text = text[:i], text[i+1:]
		} else {
			text = ""
		}
		p.line++
		line = strings.TrimSuffix(line, "\r")
		if err := p.handle(xmlClean(line)); err != nil {
			return nil, err
		}
	}
	if p.u != nil {
		p.warnf("the file ends without %s; the last UUT is kept", markUUTEnd)
		if err := p.finish(); err != nil {
			return nil, err
		}
	}
	if len(p.out) == 0 {
		return nil, p.failf("no UUT in the file (no %s section)", markHeader)
	}
	return p.out, nil
}

func (p *parser) handle(line string) error {
	if strings.TrimSpace(line) == "" {
		return nil
	}
	switch {
	case strings.HasPrefix(line, markHeader):
		if p.u != nil && p.sec != secHeader {
			if err := p.finish(); err != nil {
				return err
			}
		}
		if p.u == nil {
			p.u = newUUT(p)
		}
		p.sec = secHeader
		return nil
	case strings.HasPrefix(line, markSteps):
		if p.u == nil {
			p.u = newUUT(p)
		}
		if err := p.u.ensureReport(); err != nil {
			return err
		}
		p.sec = secSteps
		return nil
	case strings.HasPrefix(line, markStepsEnd):
		if p.u == nil || p.sec != secSteps {
			return p.failf("%s outside a step section", markStepsEnd)
		}
		p.sec = secFooter
		return nil
	case strings.HasPrefix(line, markUUTEnd), strings.HasPrefix(line, markUUTEnd2):
		if p.u == nil {
			return p.failf("%s without a UUT", markUUTEnd)
		}
		if err := p.finish(); err != nil {
			return err
		}
		p.sec = secBetween
		return nil
	}
	switch p.sec {
	case secHeader:
		if p.u == nil {
			p.u = newUUT(p)
		}
		return p.u.headerLine(line)
	case secSteps:
		return p.u.stepLine(line)
	case secFooter:
		return p.u.footerLine(line)
	}
	p.warnf("line after %s ignored", markUUTEnd)
	return nil
}

// finish completes the UUT in progress.
func (p *parser) finish() error {
	u := p.u
	p.u = nil
	if err := p.ctx.Err(); err != nil {
		return err
	}
	r, err := u.complete()
	if err != nil {
		return err
	}
	p.out = append(p.out, r)
	return nil
}
