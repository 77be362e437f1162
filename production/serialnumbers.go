package production

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/watsgo/sdk/internal/errs"
	"github.com/watsgo/sdk/internal/transport"
)

// ErrNoFreeSerialNumbers means a Take found no free number in the type's
// pool. A 404 (then the error also matches wats.ErrNotFound) and an
// empty 2xx answer both map to it.
var ErrNoFreeSerialNumbers = errors.New("production: no free serial numbers")

// SerialNumberTypes lists the server's serial-number types.
//
// WATS API: GET /api/Production/SerialNumbers/Types
func (s *Service) SerialNumberTypes(ctx context.Context) ([]SerialNumberType, error) {
	var out []SerialNumberType
	err := s.call(ctx, &transport.Request{Op: "production.SerialNumberTypes", Method: http.MethodGet,
		Route: "/api/Production/SerialNumbers/Types", Result: &out})
	return out, err
}

// TakeOptions are the optional parameters of Take.
type TakeOptions struct {
	// RefSN and RefPN are stored with each number taken (find them again
	// with ByReference).
	RefSN string
	RefPN string // see RefSN
	// StationName is stored with each number taken.
	StationName string
	// OnlyInSequence accepts only a gap-free run of numbers; the call fails
	// when the pool has none long enough.
	OnlyInSequence bool
}

func (o *TakeOptions) query(c *checker, serialNumberType string, quantity int, f Format) url.Values {
	if o == nil {
		o = &TakeOptions{}
	}
	c.required("serialNumberType", serialNumberType)
	c.positive("quantity", quantity)
	c.text("refSN", o.RefSN)
	c.text("refPN", o.RefPN)
	c.text("stationName", o.StationName)
	c.format("format", f)
	q := url.Values{
		"serialNumberType": {serialNumberType},
		"quantity":         {strconv.Itoa(quantity)},
		"format":           {string(normFormat(f))},
	}
	setIf(q, "refSN", o.RefSN)
	setIf(q, "refPN", o.RefPN)
	setIf(q, "stationName", o.StationName)
	if o.OnlyInSequence {
		q.Set("onlyInSequence", "true")
	}
	return q
}

// Take allocates up to quantity numbers of a type and returns them in the
// server's order (fewer when the pool has fewer left). The numbers are
// marked taken on the server at once. Take is never retried automatically.
// An exhausted pool yields ErrNoFreeSerialNumbers.
//
// WATS API: POST /api/Production/SerialNumbers/Take
func (s *Service) Take(ctx context.Context, serialNumberType string, quantity int, opts *TakeOptions) ([]string, error) {
	const op = "production.Take"
	var buf bytes.Buffer
	_, err := s.take(ctx, op, serialNumberType, quantity, FormatXML, opts, &buf)
	if err != nil {
		return nil, err
	}
	sns, err := ParseSerialNumbersXML(&buf)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	if len(sns) == 0 {
		return nil, fmt.Errorf("%s: type %q: %w", op, serialNumberType, ErrNoFreeSerialNumbers)
	}
	return sns, nil
}

// TakeTo is Take that streams the server's answer (XML or CSV text, as
// format asks) to w instead of parsing it, and returns the bytes written.
//
// WATS API: POST /api/Production/SerialNumbers/Take
func (s *Service) TakeTo(ctx context.Context, serialNumberType string, quantity int, format Format, opts *TakeOptions, w io.Writer) (int64, error) {
	return s.take(ctx, "production.TakeTo", serialNumberType, quantity, format, opts, w)
}

func (s *Service) take(ctx context.Context, op, typ string, quantity int, f Format, opts *TakeOptions, w io.Writer) (int64, error) {
	c := newChecker(op)
	q := opts.query(c, typ, quantity, f)
	if w == nil {
		c.v.Add("w", "required", "must be a writer")
	}
	if err := c.err(); err != nil {
		return 0, err
	}
	resp, err := s.t.Do(ctx, &transport.Request{
		Op: op, Method: http.MethodPost, Route: "/api/Production/SerialNumbers/Take", Query: q,
		Output: w, Accept: acceptFor(normFormat(f)), Idempotent: transport.Bool(false),
	})
	if err != nil {
		return 0, noneFree(err)
	}
	return resp.Written, nil
}

// noneFree adds ErrNoFreeSerialNumbers to a 404 answer of an allocation.
func noneFree(err error) error {
	if errors.Is(err, errs.ErrNotFound) {
		return fmt.Errorf("%w: %w", ErrNoFreeSerialNumbers, err)
	}
	return err
}

// DateWindow limits a lookup to numbers taken in [From, To]; zero ends are open.
type DateWindow struct {
	From time.Time // inclusive start; zero: open
	To   time.Time // inclusive end; zero: open
}

func (d *DateWindow) apply(c *checker, q url.Values) {
	if d == nil {
		return
	}
	c.dates("startDate", d.From, d.To)
	if !d.From.IsZero() {
		q.Set("startDate", queryTime(d.From))
	}
	if !d.To.IsZero() {
		q.Set("endDate", queryTime(d.To))
	}
}

// ByRange lists the numbers of a type between two addresses. Elements are
// returned raw (json.RawMessage); the SDK does not type them.
//
// WATS API: GET /api/Production/SerialNumbers/ByRange
func (s *Service) ByRange(ctx context.Context, serialNumberType, startAddress, endAddress string, window *DateWindow) ([]json.RawMessage, error) {
	const op = "production.ByRange"
	c := newChecker(op)
	c.required("serialNumberType", serialNumberType)
	c.required("startAddress", startAddress)
	c.required("endAddress", endAddress)
	q := url.Values{"serialNumberType": {serialNumberType}, "startAddress": {startAddress}, "endAddress": {endAddress}}
	window.apply(c, q)
	if err := c.err(); err != nil {
		return nil, err
	}
	var out []json.RawMessage
	err := s.call(ctx, &transport.Request{Op: op, Method: http.MethodGet, Route: "/api/Production/SerialNumbers/ByRange", Query: q, Result: &out})
	return out, err
}

// ByReference lists the taken numbers of a type registered against a
// reference serial number and/or part number (at least one is required).
// Elements are returned raw (json.RawMessage); the SDK does not type them.
//
// WATS API: GET /api/Production/SerialNumbers/ByReference
func (s *Service) ByReference(ctx context.Context, serialNumberType, refSN, refPN string, window *DateWindow) ([]json.RawMessage, error) {
	const op = "production.ByReference"
	c := newChecker(op)
	c.required("serialNumberType", serialNumberType)
	c.text("refSN", refSN)
	c.text("refPN", refPN)
	if strings.TrimSpace(refSN) == "" && strings.TrimSpace(refPN) == "" {
		c.v.Add("refSN", "required_without=refPN", "refSN or refPN must be given")
	}
	q := url.Values{"serialNumberType": {serialNumberType}}
	setIf(q, "refSN", refSN)
	setIf(q, "refPN", refPN)
	window.apply(c, q)
	if err := c.err(); err != nil {
		return nil, err
	}
	var out []json.RawMessage
	err := s.call(ctx, &transport.Request{Op: op, Method: http.MethodGet, Route: "/api/Production/SerialNumbers/ByReference", Query: q, Result: &out})
	return out, err
}

// ExportOptions selects what Export writes.
type ExportOptions struct {
	// Format is XML or CSV (required).
	Format Format
	// StartAddress and EndAddress limit the export to an address range.
	StartAddress string
	EndAddress   string // see StartAddress
	// Window limits the export to numbers taken in a date range.
	Window *DateWindow
}

// Export streams a type's serial-number file (XML or CSV) to w without
// buffering it, and returns the bytes written.
//
// WATS API: GET /api/Production/SerialNumbers
func (s *Service) Export(ctx context.Context, serialNumberType string, opts ExportOptions, w io.Writer) (int64, error) {
	const op = "production.Export"
	c := newChecker(op)
	c.required("serialNumberType", serialNumberType)
	c.format("format", opts.Format)
	c.text("startAddress", opts.StartAddress)
	c.text("endAddress", opts.EndAddress)
	if w == nil {
		c.v.Add("w", "required", "must be a writer")
	}
	q := url.Values{"serialNumberType": {serialNumberType}, "format": {string(normFormat(opts.Format))}}
	setIf(q, "startAddress", opts.StartAddress)
	setIf(q, "endAddress", opts.EndAddress)
	opts.Window.apply(c, q)
	if err := c.err(); err != nil {
		return 0, err
	}
	resp, err := s.t.Do(ctx, &transport.Request{Op: op, Method: http.MethodGet, Route: "/api/Production/SerialNumbers",
		Query: q, Output: w, Accept: acceptFor(normFormat(opts.Format))})
	if err != nil {
		return 0, err
	}
	return resp.Written, nil
}

// Import uploads a serial-number file (XML or CSV) read from r as
// multipart/form-data, field "file" (the conventional ASP.NET upload
// field). The file is streamed, not buffered; the call is not
// retried because r cannot be rewound.
//
// WATS API: PUT /api/Production/SerialNumbers
func (s *Service) Import(ctx context.Context, serialNumberType string, format Format, r io.Reader) error {
	const op = "production.Import"
	c := newChecker(op)
	c.required("serialNumberType", serialNumberType)
	c.format("format", format)
	if r == nil {
		c.v.Add("file", "required", "must be a reader")
	}
	if err := c.err(); err != nil {
		return err
	}
	f := normFormat(format)
	name, ctype := "serialnumbers.xml", "application/xml"
	if f == FormatCSV {
		name, ctype = "serialnumbers.csv", "text/csv"
	}
	return s.call(ctx, &transport.Request{
		Op: op, Method: http.MethodPut, Route: "/api/Production/SerialNumbers", Idempotent: notIdempotent,
		Query:     url.Values{"serialNumberType": {serialNumberType}, "format": {string(f)}},
		Multipart: &transport.Multipart{FieldName: "file", FileName: name, ContentType: ctype, File: r},
	})
}

func acceptFor(f Format) string {
	if f == FormatCSV {
		return "text/csv, */*"
	}
	return "application/xml, text/xml, */*"
}

func setIf(q url.Values, k, v string) {
	if v != "" {
		q.Set(k, v)
	}
}
