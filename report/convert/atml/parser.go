package atml

import (
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/report/convert"
	"github.com/watsgo/sdk/report/convert/internal/convkit"
)

// parser converts one file. It is used once.
type parser struct {
	ctx context.Context
	src *convert.Source
	opt *options
	c   *cursor
	v   *version

	dropped map[string]int // Test step types dropped, by type
	leaf    leaf           // reused for every Test and SessionAction
}

func (p *parser) warn(format string, args ...any) {
	p.src.Warnf(fmt.Sprintf(format, args...))
}

// is tells whether se is the element local in namespace ns.
func is(se xml.StartElement, ns, local string) bool {
	return se.Name.Local == local && se.Name.Space == ns
}

func (p *parser) run() ([]*report.Report, error) {
	root, err := p.root()
	if err != nil {
		return nil, err
	}
	var out []*report.Report
	if !p.v.collection() {
		r, err := p.testResults()
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	} else {
		d := p.c.depth()
		for {
			se, ok, err := p.c.child(d)
			if err != nil {
				return nil, err
			}
			if !ok {
				break
			}
			if !is(se, p.v.rootNS, "TestResults") {
				continue
			}
			r, err := p.testResults()
			if err != nil {
				return nil, err
			}
			out = append(out, r)
		}
		if len(out) == 0 {
			return nil, &convert.MalformedError{Converter: Name, File: p.src.Name, Path: "/" + root.Local, Msg: "the collection holds no TestResults"}
		}
	}
	p.warnDropped()
	return out, nil
}

// root reads up to the root element and picks the ATML flavour.
func (p *parser) root() (xml.Name, error) {
	for {
		tok, err := p.c.next()
		if err == io.EOF {
			return xml.Name{}, &convert.MalformedError{Converter: Name, File: p.src.Name, Msg: "no root element"}
		}
		if err != nil {
			return xml.Name{}, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if p.v = versionOf(t.Name); p.v == nil {
				return t.Name, fmt.Errorf("%w: root element {%s}%s is not ATML TestResults (supported formats: 2.02, 5.0, 6.01)", convert.ErrUnknownFormat, t.Name.Space, t.Name.Local)
			}
			return t.Name, nil
		case xml.CharData:
			if len(strings.TrimSpace(string(t))) > 0 {
				return xml.Name{}, p.c.failf("text before the root element")
			}
		}
	}
}

func (p *parser) warnDropped() {
	if len(p.dropped) == 0 {
		return
	}
	types := make([]string, 0, len(p.dropped))
	for t := range p.dropped {
		types = append(types, t)
	}
	sort.Strings(types)
	for _, t := range types {
		p.warn("atml: %s: dropped %d Test step(s) of unhandled type %q", p.src.Name, p.dropped[t], t)
	}
}

// header collects what a TestResults element says about the unit; TestStand
// writes most of it after the steps.
type header struct {
	operator, station, sn, pn string
	hasOperator, hasUUT       bool
	socket                    int
	hasSocket                 bool
	batchSN                   string
	hasBatch                  bool
	additional                []kv
}

type kv struct{ name, value string }

// testResults converts the TestResults element just opened into a report.
func (p *parser) testResults() (*report.Report, error) {
	d := p.c.depth()
	at := p.c.path()
	var h header
	var r *report.Report
	for {
		se, ok, err := p.c.child(d)
		if err != nil {
			return nil, err
		}
		if !ok {
			break
		}
		if se.Name.Space != p.v.tr {
			continue
		}
		switch se.Name.Local {
		case "Personnel":
			if err := p.personnel(&h); err != nil {
				return nil, err
			}
		case "ResultSet":
			if r != nil {
				return nil, p.c.failf("a second ResultSet in one TestResults")
			}
			if r, err = p.resultSet(se); err != nil {
				return nil, err
			}
		case "TestStation":
			if err := p.serialOf(&h.station); err != nil {
				return nil, err
			}
		case "UUT":
			h.hasUUT = true
			if err := p.uut(&h); err != nil {
				return nil, err
			}
		case "Extension":
			if err := p.resultSetProps(&h); err != nil {
				return nil, err
			}
		}
	}
	if r == nil {
		return nil, &convert.MalformedError{Converter: Name, File: p.src.Name, Path: at, Msg: "no ResultSet element"}
	}
	if !h.hasUUT {
		return nil, &convert.MalformedError{Converter: Name, File: p.src.Name, Path: at, Msg: "no UUT element"}
	}
	if err := p.applyHeader(r, &h, at); err != nil {
		return nil, err
	}
	return r, nil
}

func (p *parser) personnel(h *header) error {
	d := p.c.depth()
	for {
		se, ok, err := p.c.child(d)
		if err != nil || !ok {
			return err
		}
		if is(se, p.v.tr, "SystemOperator") && !h.hasOperator {
			if id, ok := attr(se, "ID"); ok && strings.TrimSpace(id) != "" {
				h.operator, h.hasOperator = strings.TrimSpace(id), true
			}
		}
	}
}

// serialOf reads the c:SerialNumber child of the element just opened.
func (p *parser) serialOf(dst *string) error {
	d := p.c.depth()
	for {
		se, ok, err := p.c.child(d)
		if err != nil || !ok {
			return err
		}
		if is(se, p.v.c, "SerialNumber") {
			if *dst, err = p.c.textOf(); err != nil {
				return err
			}
		}
	}
}

func (p *parser) uut(h *header) error {
	d := p.c.depth()
	for {
		se, ok, err := p.c.child(d)
		if err != nil || !ok {
			return err
		}
		switch {
		case is(se, p.v.c, "SerialNumber"):
			if h.sn, err = p.c.textOf(); err != nil {
				return err
			}
		case is(se, p.v.c, "Definition"):
			if err := p.definition(h); err != nil {
				return err
			}
		}
	}
}

func (p *parser) definition(h *header) error {
	d := p.c.depth()
	for {
		se, ok, err := p.c.child(d)
		if err != nil || !ok {
			return err
		}
		switch {
		case is(se, p.v.c, "Identification"):
			if err := p.identification(h); err != nil {
				return err
			}
		case is(se, p.v.c, "Extension"):
			if err := p.definitionExtension(h); err != nil {
				return err
			}
		}
	}
}

// identification takes the first IdentificationNumber@number as part number.
func (p *parser) identification(h *header) error {
	return p.c.children(func(se xml.StartElement) error {
		if !is(se, p.v.c, "IdentificationNumbers") {
			return nil
		}
		return p.c.children(func(se xml.StartElement) error {
			if is(se, p.v.c, "IdentificationNumber") && h.pn == "" {
				n, _ := attr(se, "number")
				h.pn = strings.TrimSpace(n)
			}
			return nil
		})
	})
}

// definitionExtension reads TSCollection/*[@name="AdditionalData"]/Collection/*.
func (p *parser) definitionExtension(h *header) error {
	return p.c.children(func(se xml.StartElement) error {
		if !is(se, p.v.ts, "TSCollection") {
			return nil
		}
		return p.c.children(func(se xml.StartElement) error {
			if n, _ := attr(se, "name"); n != "AdditionalData" {
				return nil
			}
			return p.additionalData(h)
		})
	})
}

func (p *parser) additionalData(h *header) error {
	return p.c.children(func(se xml.StartElement) error {
		if !is(se, p.v.c, "Collection") {
			return nil
		}
		return p.c.children(func(item xml.StartElement) error {
			name, _ := attr(item, "name")
			name = strings.TrimSpace(name)
			sub, value, err := p.itemText()
			if err != nil {
				return err
			}
			if sub != "" {
				name += "." + sub
			}
			if name != "" {
				h.additional = append(h.additional, kv{name, value})
			}
			return nil
		})
	})
}

// itemText reads the element just opened: the name of its first nested
// c:Item and all its text, trimmed.
func (p *parser) itemText() (sub, text string, err error) {
	d := p.c.depth()
	var b strings.Builder
	found := false
	for p.c.depth() >= d {
		tok, err := p.c.next()
		if err != nil {
			if err == io.EOF {
				err = p.c.fail("file ends inside an element", io.ErrUnexpectedEOF)
			}
			return "", "", err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if !found && is(t, p.v.c, "Item") {
				n, _ := attr(t, "name")
				sub, found = strings.TrimSpace(n), true
			}
		case xml.CharData:
			b.Write(t)
		}
	}
	return sub, strings.TrimSpace(b.String()), nil
}

// resultSetProps reads Extension/TSResultSetProperties: socket index and
// batch serial number from their value attributes (D-10).
func (p *parser) resultSetProps(h *header) error {
	d := p.c.depth()
	for {
		se, ok, err := p.c.child(d)
		if err != nil || !ok {
			return err
		}
		if !is(se, p.v.ts, "TSResultSetProperties") {
			continue
		}
		d2 := p.c.depth()
		for {
			se, ok, err := p.c.child(d2)
			if err != nil {
				return err
			}
			if !ok {
				break
			}
			switch {
			case is(se, p.v.ts, "TestSocketIndex"):
				v, ok := attr(se, "value")
				if !ok || strings.TrimSpace(v) == "" {
					continue
				}
				f, err := parseNumber(v)
				if err != nil || f != float64(int16(f)) {
					return p.c.failf("TestSocketIndex %q is not a 16-bit integer", v)
				}
				h.socket, h.hasSocket = int(f), true
			case is(se, p.v.ts, "BatchSerialNumber"):
				if v, ok := attr(se, "value"); ok {
					h.batchSN, h.hasBatch = strings.TrimSpace(v), true
				}
			}
		}
	}
}

// applyHeader writes what the TestResults element said into r, built at
// ResultSet time with placeholders.
func (p *parser) applyHeader(r *report.Report, h *header, at string) error {
	sn := or(h.sn, p.opt.serial)
	pn := or(h.pn, p.opt.partNumber)
	r.Header.SN = report.StrOf(p.clip(sn, 100, at, "serial number"))
	r.Header.PN = report.StrOf(p.clip(pn, 100, at, "part number"))
	if h.station != "" {
		r.Header.MachineName = report.StrOf(p.clip(h.station, 100, at, "station name"))
	}
	if h.hasOperator {
		r.UUT.User = report.StrOf(p.clip(h.operator, 100, at, "operator"))
	}
	if h.hasSocket {
		r.UUT.TestSocketIndex = report.IntOf(int64(h.socket))
	}
	if h.hasBatch && h.batchSN != "" {
		r.UUT.BatchSN = report.StrOf(p.clip(h.batchSN, 100, at, "batch serial number"))
	}
	for _, a := range h.additional {
		name := p.clip(a.name, 200, at, "additional data name")
		if err := r.AddAdditionalData(name, report.NewProperty(name, "String", a.value)); err != nil {
			return &convert.MalformedError{Converter: Name, File: p.src.Name, Path: at, Msg: "additional data", Err: err}
		}
	}
	return nil
}

// clip truncates s to max runes, logging the truncation.
func (p *parser) clip(s string, max int, at, what string) string {
	t, cut := convkit.Truncate(s, max)
	if cut {
		p.warn("atml: %s: %s: %s truncated to %d characters", p.src.Name, at, what, max)
	}
	return t
}

// startOf reads startDateTime/endDateTime of a ResultSet (M-T).
func (p *parser) startOf(se xml.StartElement) (start time.Time, exec time.Duration, err error) {
	loc := p.src.Defaults.Zone()
	s, ok := attr(se, "startDateTime")
	if !ok || strings.TrimSpace(s) == "" {
		p.warn("atml: %s: %s: no startDateTime; the conversion time is used", p.src.Name, p.c.path())
		return time.Now().In(loc), 0, nil
	}
	start, _, err = convkit.ParseISO(s, loc)
	if err != nil {
		return start, 0, p.c.failf("startDateTime %q: %v", s, err)
	}
	if e, ok := attr(se, "endDateTime"); ok && strings.TrimSpace(e) != "" {
		end, _, err := convkit.ParseISO(e, loc)
		if err != nil {
			return start, 0, p.c.failf("endDateTime %q: %v", e, err)
		}
		if end.After(start) {
			exec = end.Sub(start)
		}
	}
	if start.Year() < 1970 {
		p.warn("atml: %s: %s: start %s is before 1970; the conversion time is used", p.src.Name, p.c.path(), s)
		start = time.Now().In(loc)
	}
	return start, exec, nil
}
