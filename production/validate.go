package production

import (
	"strings"
	"time"
	"unicode"

	"github.com/watsgo/sdk/internal/errs"
)

// checker collects input violations for one operation before any I/O.
type checker struct {
	v errs.ValidationError
}

func newChecker(op string) *checker { return &checker{v: errs.ValidationError{Op: op}} }

// err returns the collected *errs.ValidationError, or nil.
func (c *checker) err() error { return c.v.OrNil() }

// required refuses an empty or blank value and control characters (they
// cannot be part of a serial or part number and break query strings in logs).
func (c *checker) required(path, v string) {
	if strings.TrimSpace(v) == "" {
		c.v.Add(path, "required", "must not be empty")
		return
	}
	c.text(path, v)
}

// text refuses control characters in an optional value.
func (c *checker) text(path, v string) {
	if strings.IndexFunc(v, unicode.IsControl) >= 0 {
		c.v.Add(path, "printable", "must not contain control characters")
	}
}

func (c *checker) positive(path string, n int) {
	if n <= 0 {
		c.v.Add(path, "gt=0", "must be greater than 0")
	}
}

// format accepts "XML" or "CSV" in any case; the SDK sends them upper-case,
// as the server's document spells them.
func (c *checker) format(path string, f Format) {
	if normFormat(f) == "" {
		c.v.Add(path, "oneof=XML CSV", `must be "XML" or "CSV"`)
	}
}

// dates refuses a window that ends before it starts.
func (c *checker) dates(fromPath string, from, to time.Time) {
	if !from.IsZero() && !to.IsZero() && to.Before(from) {
		c.v.Add(fromPath, "ltefield", "must not be after the end date")
	}
}

// Format is a serial-number file format.
type Format string

// Serial-number file formats.
const (
	FormatXML Format = "XML"
	FormatCSV Format = "CSV"
)

// normFormat returns the canonical spelling, or "" when f is not a format.
func normFormat(f Format) Format {
	switch strings.ToUpper(string(f)) {
	case "XML":
		return FormatXML
	case "CSV":
		return FormatCSV
	}
	return ""
}
