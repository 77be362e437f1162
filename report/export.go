package report

import (
	"context"
	"encoding/json"
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

// Export routes: certificate exports are queued, built by the server in the
// background, listed, and then downloaded by file name.
const (
	routeExportCertificate = "/api/Export/Certificate"
	routeExportList        = "/api/Export/List"
	routeExportFile        = "/api/Export/{fileName}"
)

// ExportFilter selects the reports of an export: the WATS filter of the
// public API. Empty fields do not restrict.
type ExportFilter struct {
	SerialNumber    string `json:"serialNumber,omitempty"`    // unit serial number (serialNumber)
	PartNumber      string `json:"partNumber,omitempty"`      // product part number (partNumber)
	Revision        string `json:"revision,omitempty"`        // product revision (revision)
	BatchNumber     string `json:"batchNumber,omitempty"`     // batch number (batchNumber)
	StationName     string `json:"stationName,omitempty"`     // station name (stationName)
	TestOperation   string `json:"testOperation,omitempty"`   // test operation name (testOperation)
	Status          string `json:"status,omitempty"`          // report status word, e.g. "Passed" (status)
	MiscDescription string `json:"miscDescription,omitempty"` // misc-info key (miscDescription)
	MiscValue       string `json:"miscValue,omitempty"`       // misc-info value (miscValue)
	ProductGroup    string `json:"productGroup,omitempty"`    // product group name (productGroup)
	Level           string `json:"level,omitempty"`           // production level (level)
	SWFilename      string `json:"swFilename,omitempty"`      // test software file (swFilename)
	SWVersion       string `json:"swVersion,omitempty"`       // test software version (swVersion)
	Socket          string `json:"socket,omitempty"`          // test socket (socket)
	// DateFrom and DateTo bound the report start times (dateFrom, dateTo);
	// zero values do not restrict. They are sent in UTC.
	DateFrom time.Time `json:"-"`
	DateTo   time.Time `json:"-"`
	// MaxCount caps the number of reports exported (maxCount; 0 = no cap).
	MaxCount int `json:"maxCount,omitempty"`
	// Dimensions lists extra details, as CertificateExportOptions.Dimensions
	// (dimensions, semicolon separated).
	Dimensions []string `json:"-"`
}

// MarshalJSON writes the filter with the server's member names.
func (f ExportFilter) MarshalJSON() ([]byte, error) {
	type plain ExportFilter
	aux := struct {
		plain
		DateFrom   string `json:"dateFrom,omitempty"`
		DateTo     string `json:"dateTo,omitempty"`
		Dimensions string `json:"dimensions,omitempty"`
	}{plain: plain(f), Dimensions: strings.Join(f.Dimensions, ";")}
	if !f.DateFrom.IsZero() {
		aux.DateFrom = f.DateFrom.UTC().Format(wireTimeLayout)
	}
	if !f.DateTo.IsZero() {
		aux.DateTo = f.DateTo.UTC().Format(wireTimeLayout)
	}
	return json.Marshal(aux)
}

// wireTimeLayout is how request date-times are written: UTC with at most
// seven fractional digits, as .NET reads and writes them.
const wireTimeLayout = "2006-01-02T15:04:05.9999999Z07:00"

// NumericFormat is how a certificate writes numbers whose report gives no
// format.
type NumericFormat string

// Numeric formats of a certificate export.
const (
	NumericDefault     NumericFormat = "default"
	NumericInteger     NumericFormat = "integer"
	NumericDecimal     NumericFormat = "decimal"
	NumericScientific  NumericFormat = "scientific"
	NumericGeneral     NumericFormat = "general"
	NumericHexadecimal NumericFormat = "hexadecimal"
	NumericBinary      NumericFormat = "binary"
)

// String returns the wire value.
func (n NumericFormat) String() string { return string(n) }

func (n NumericFormat) valid() bool {
	switch n {
	case NumericDefault, NumericInteger, NumericDecimal, NumericScientific, NumericGeneral, NumericHexadecimal, NumericBinary:
		return true
	}
	return false
}

// ExportDimensions are the detail names a certificate export accepts in
// CertificateExportOptions.Dimensions and ExportFilter.Dimensions.
var exportDimensions = map[string]bool{
	"stationData": true, "miscInfo": true, "subUnitInfo": true, "asset": true, "batchNumber": true,
	"executionTime": true, "testSocketIndex": true, "operator": true, "errorCode": true, "errorMessage": true,
	"fixtureId": true, "testOperation": true, "reportStatus": true, "comment": true, "swFilename": true,
	"swVersion": true, "stepStatus": true, "stepTime": true, "measurement": true, "units": true,
	"compOperator": true, "lowLimit": true, "highLimit": true, "viewStepHierarchy": true,
	"signCertificate": true, "xyGraph": true, "pageNumbers": true,
}

// CertificateExportOptions shapes a certificate export. The two booleans
// are always sent (the server requires them).
type CertificateExportOptions struct {
	// HeaderDataOnly leaves the step data out (headerDataOnly).
	HeaderDataOnly bool
	// AsIndividualFiles writes one PDF per report into the ZIP instead of
	// one PDF for all (asIndividualFiles).
	AsIndividualFiles bool
	// Dimensions lists the details to include, e.g. "miscInfo",
	// "measurement", "lowLimit" (dimensions, semicolon separated).
	Dimensions []string
	// NumericFormat is the default number format (numericFormat; "" = the
	// server's default).
	NumericFormat NumericFormat
	// BodyFooterTag names the product tag whose value is the page footer
	// (bodyFooterTag).
	BodyFooterTag string
	// DocumentFooterTag names the product tag whose value is the document
	// footer (documentFooterTag).
	DocumentFooterTag string
	// Email is where the server mails the download link when the export is
	// done (email). Required when the client authenticates with a token
	// rather than a user.
	Email string
}

// QueueCertificateExport asks the server to build certificates (PDFs in a
// ZIP file) for the reports filter selects. The server builds the file in the
// background; find it with ListExports and fetch it with DownloadExport. The
// answer is returned raw: the server's document gives it no shape.
//
// It is a POST and never retried: a retry after a lost answer would queue a
// second export.
//
// WATS API: POST /api/Export/Certificate
func (s *Service) QueueCertificateExport(ctx context.Context, filter *ExportFilter, opts *CertificateExportOptions) (json.RawMessage, error) {
	const op = "report.QueueCertificateExport"
	v := &errs.ValidationError{Op: op}
	if filter == nil {
		v.Add("filter", "required", "filter is nil; pass an empty ExportFilter to select every report")
		filter = &ExportFilter{}
	}
	if opts == nil {
		opts = &CertificateExportOptions{}
	}
	if !filter.DateFrom.IsZero() && !filter.DateTo.IsZero() && filter.DateTo.Before(filter.DateFrom) {
		v.Add("filter.dateTo", "gtefield=dateFrom", "dateTo is before dateFrom")
	}
	if filter.MaxCount < 0 {
		v.Add("filter.maxCount", "min=0", fmt.Sprintf("maxCount must not be negative, got %d", filter.MaxCount))
	}
	checkDimensions(v, "filter.dimensions", filter.Dimensions)
	checkDimensions(v, "dimensions", opts.Dimensions)
	if opts.NumericFormat != "" && !opts.NumericFormat.valid() {
		v.Add("numericFormat", "oneof", fmt.Sprintf("numeric format %q is not one the server knows", opts.NumericFormat))
	}
	if opts.Email != "" && !strings.Contains(opts.Email, "@") {
		v.Add("email", "email", fmt.Sprintf("%q is not an e-mail address", opts.Email))
	}
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	q := url.Values{
		"headerDataOnly":    {strconv.FormatBool(opts.HeaderDataOnly)},
		"asIndividualFiles": {strconv.FormatBool(opts.AsIndividualFiles)},
	}
	for name, val := range map[string]string{
		"dimensions": strings.Join(opts.Dimensions, ";"), "numericFormat": string(opts.NumericFormat),
		"bodyFooterTag": opts.BodyFooterTag, "documentFooterTag": opts.DocumentFooterTag, "email": opts.Email,
	} {
		if val != "" {
			q.Set(name, val)
		}
	}
	var out json.RawMessage
	_, err := s.t.Do(ctx, &transport.Request{
		Op: op, Method: http.MethodPost, Route: routeExportCertificate, Query: q, JSON: filter,
		Result: &out, Idempotent: transport.Bool(false),
	})
	return out, err
}

func checkDimensions(v *errs.ValidationError, path string, dims []string) {
	for i, d := range dims {
		if !exportDimensions[d] {
			v.Add(fmt.Sprintf("%s[%d]", path, i), "oneof", fmt.Sprintf("dimension %q is not one the server knows", d))
		}
	}
}

// ListExports returns the caller's export files as the server lists them,
// raw: the server's document gives the answer no shape. The names it holds
// are what DownloadExport takes.
//
// WATS API: GET /api/Export/List
func (s *Service) ListExports(ctx context.Context) (json.RawMessage, error) {
	const op = "report.ListExports"
	var out json.RawMessage
	_, err := s.t.Do(ctx, &transport.Request{Op: op, Method: http.MethodGet, Route: routeExportList, Result: &out})
	return out, err
}

// DownloadExport streams an export file into w. fileName is the name
// ListExports gives or the export wizard shows, with or without extension.
//
// WATS API: GET /api/Export/{fileName}
func (s *Service) DownloadExport(ctx context.Context, fileName string, w io.Writer) (Download, error) {
	const op = "report.DownloadExport"
	v := &errs.ValidationError{Op: op}
	if strings.TrimSpace(fileName) == "" {
		v.Add("fileName", "required", "file name is empty")
	}
	if w == nil {
		v.Add("w", "required", "writer is nil")
	}
	if err := v.OrNil(); err != nil {
		return Download{}, err
	}
	return s.download(ctx, op, routeExportFile, map[string]string{"fileName": fileName}, nil, w)
}
