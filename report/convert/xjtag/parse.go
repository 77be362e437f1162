package xjtag

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/watsgo/sdk/report/convert"
	"github.com/watsgo/sdk/report/convert/internal/xmlsniff"
)

// logInfo is what Info.xml says about the archive.
type logInfo struct {
	count   int // TestRunCount, -1 when absent
	project string
}

func readInfo(src *convert.Source, f *zip.File) (*logInfo, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, &convert.MalformedError{Converter: Name, File: src.Name + ":" + f.Name, Msg: "cannot open archive member", Err: err}
	}
	defer rc.Close()
	var x struct {
		XMLName      xml.Name
		TestRunCount string `xml:"TestRunCount"`
		ProjectPath  string `xml:"ProjectPath"`
	}
	d := xmlsniff.NewDecoder(io.LimitReader(rc, maxMember))
	if err := d.Decode(&x); err != nil {
		line, _ := d.InputPos()
		return nil, &convert.MalformedError{Converter: Name, File: src.Name + ":" + f.Name, Line: line, Msg: "broken Info.xml", Err: err}
	}
	info := &logInfo{count: -1, project: strings.TrimSpace(x.ProjectPath)}
	if n, err := strconv.Atoi(strings.TrimSpace(x.TestRunCount)); err == nil {
		info.count = n
	}
	return info, nil
}

// run is one testrun element.
type run struct {
	datetime string
	info     map[string]string // testruninfo children by name
	hasInfo  map[string]bool   // which children were present (even empty)
	items    []*node
}

// node is a testgroup (children set) or a testfunction.
type node struct {
	group    bool
	name     string
	path     string
	children []*node
	// function fields
	result   string
	timeMs   string
	plain    string
	texts    []string
	conntest string
}

// walker reads one run document and names where it is in errors.
type walker struct {
	d    *xml.Decoder
	file string
}

func (w *walker) fail(path, msg string, err error) error {
	line, _ := w.d.InputPos()
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		line = se.Line
	}
	return &convert.MalformedError{Converter: Name, File: w.file, Line: line, Path: path, Msg: msg, Err: err}
}

// token returns the next token, turning io.EOF inside an element into an
// error.
func (w *walker) token(path string) (xml.Token, error) {
	tok, err := w.d.Token()
	if err == io.EOF {
		return nil, w.fail(path, "document ends inside the element", io.ErrUnexpectedEOF)
	}
	if err != nil {
		return nil, w.fail(path, "broken XML", err)
	}
	return tok, nil
}

func parseRun(file string, r io.Reader) (*run, error) {
	w := &walker{d: xmlsniff.NewDecoder(r), file: file}
	for {
		tok, err := w.d.Token()
		if err == io.EOF {
			return nil, w.fail("/", "no testrun element", nil)
		}
		if err != nil {
			return nil, w.fail("/", "broken XML", err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if se.Name.Local != "testrun" {
			return nil, w.fail("/"+se.Name.Local, "root element is not testrun", nil)
		}
		rn := &run{info: map[string]string{}, hasInfo: map[string]bool{}}
		rn.datetime = attr(se, "datetime")
		if err := w.children("/testrun", &rn.items, rn); err != nil {
			return nil, err
		}
		return rn, nil
	}
}

func attr(se xml.StartElement, name string) string {
	for _, a := range se.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// children reads the content of testrun or a testgroup up to its end tag.
func (w *walker) children(path string, into *[]*node, rn *run) error {
	counts := map[string]int{}
	for {
		tok, err := w.token(path)
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.EndElement:
			return nil
		case xml.StartElement:
			counts[t.Name.Local]++
			p := fmt.Sprintf("%s/%s[%d]", path, t.Name.Local, counts[t.Name.Local])
			switch {
			case t.Name.Local == "testgroup":
				g := &node{group: true, name: attr(t, "name"), path: p}
				if err := w.children(p, &g.children, rn); err != nil {
					return err
				}
				*into = append(*into, g)
			case t.Name.Local == "testfunction":
				f := &node{name: attr(t, "name"), path: p}
				if err := w.function(p, f); err != nil {
					return err
				}
				*into = append(*into, f)
			case t.Name.Local == "testruninfo" && rn != nil:
				if err := w.runInfo(p, rn); err != nil {
					return err
				}
			default:
				if err := w.skip(p); err != nil {
					return err
				}
			}
		}
	}
}

func (w *walker) skip(path string) error {
	if err := w.d.Skip(); err != nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return w.fail(path, "broken XML", err)
	}
	return nil
}

// text returns the character data of the current element (nested elements
// skipped) and consumes its end tag.
func (w *walker) text(path string) (string, error) {
	var b strings.Builder
	for {
		tok, err := w.token(path)
		if err != nil {
			return "", err
		}
		switch t := tok.(type) {
		case xml.CharData:
			b.Write(t)
		case xml.StartElement:
			if err := w.skip(path + "/" + t.Name.Local); err != nil {
				return "", err
			}
		case xml.EndElement:
			return b.String(), nil
		}
	}
}

func (w *walker) runInfo(path string, rn *run) error {
	for {
		tok, err := w.token(path)
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.EndElement:
			return nil
		case xml.StartElement:
			s, err := w.text(path + "/" + t.Name.Local)
			if err != nil {
				return err
			}
			rn.info[t.Name.Local] = strings.TrimSpace(s)
			rn.hasInfo[t.Name.Local] = true
		}
	}
}

func (w *walker) function(path string, f *node) error {
	for {
		tok, err := w.token(path)
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.EndElement:
			return nil
		case xml.StartElement:
			p := path + "/" + t.Name.Local
			switch t.Name.Local {
			case "result":
				f.result = attr(t, "value")
				if err := w.skip(p); err != nil {
					return err
				}
			case "time-taken":
				s, err := w.text(p)
				if err != nil {
					return err
				}
				f.timeMs = strings.TrimSpace(s)
			case "plain-text":
				s, err := w.text(p)
				if err != nil {
					return err
				}
				f.plain = s
			case "text-output":
				s, err := w.text(p)
				if err != nil {
					return err
				}
				f.texts = append(f.texts, s)
			case "conntest-errors":
				s, err := w.text(p)
				if err != nil {
					return err
				}
				f.conntest = strings.TrimSpace(s)
			default:
				if err := w.skip(p); err != nil {
					return err
				}
			}
		}
	}
}
