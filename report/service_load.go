package report

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"

	"github.com/watsgo/sdk/internal/guid"

	"github.com/watsgo/sdk/internal/errs"
	"github.com/watsgo/sdk/internal/transport"
)

// LoadOption tunes Load and LoadWSXF. Parameters are sent only when an
// option sets them, so the server's defaults apply otherwise.
type LoadOption func(*loadConfig)

type loadConfig struct {
	detailLevel        *int
	includeChartData   *bool
	includeAttachments *bool
	includeIndexes     *bool
}

// WithDetailLevel sets detailLevel (0 = identifying data only, 7 = the full
// report) for Load and LoadWSXF.
func WithDetailLevel(level int) LoadOption {
	return func(c *loadConfig) { c.detailLevel = &level }
}

// WithChartData sets includeChartdata.
func WithChartData(include bool) LoadOption {
	return func(c *loadConfig) { c.includeChartData = &include }
}

// WithAttachmentData sets includeAttachments (attachment payloads inline).
func WithAttachmentData(include bool) LoadOption {
	return func(c *loadConfig) { c.includeAttachments = &include }
}

// WithIndexes sets includeIndexes for LoadWSXF; Load ignores it.
func WithIndexes(include bool) LoadOption {
	return func(c *loadConfig) { c.includeIndexes = &include }
}

func (c loadConfig) values(wsxf bool) url.Values {
	v := url.Values{}
	if c.detailLevel != nil {
		v.Set("detailLevel", strconv.Itoa(*c.detailLevel))
	}
	if c.includeChartData != nil {
		v.Set("includeChartdata", strconv.FormatBool(*c.includeChartData))
	}
	if c.includeAttachments != nil {
		v.Set("includeAttachments", strconv.FormatBool(*c.includeAttachments))
	}
	if c.includeIndexes != nil && wsxf {
		v.Set("includeIndexes", strconv.FormatBool(*c.includeIndexes))
	}
	return v
}

func loadSetup(op, id string, opts []LoadOption) (string, loadConfig, error) {
	var cfg loadConfig
	for _, o := range opts {
		o(&cfg)
	}
	v := &errs.ValidationError{Op: op}
	gid, ok := guid.Normalize(id)
	if !ok {
		v.Add("id", "uuid", fmt.Sprintf("report id must be a GUID, got %q", id))
	}
	if cfg.detailLevel != nil && (*cfg.detailLevel < 0 || *cfg.detailLevel > 7) {
		v.Add("detailLevel", "min=0,max=7", fmt.Sprintf("detail level must be 0–7, got %d", *cfg.detailLevel))
	}
	return gid, cfg, v.OrNil()
}

// Load fetches one report as WSJF and parses it (UUT or UUR, told apart by
// Type). An unknown id gives an error matching errs.ErrNotFound, whether the
// server answers 404 or an empty 2xx.
//
// WATS API: GET /api/Report/Wsjf/{id}
func (s *Service) Load(ctx context.Context, id string, opts ...LoadOption) (*Report, error) {
	const op = "report.Load"
	gid, cfg, err := loadSetup(op, id, opts)
	if err != nil {
		return nil, err
	}
	var raw json.RawMessage
	if _, err := s.t.Do(ctx, &transport.Request{
		Op: op, Method: http.MethodGet, Route: routeLoadWSJF,
		PathParams: map[string]string{"id": gid}, Query: cfg.values(false), Result: &raw,
	}); err != nil {
		return nil, err
	}
	if len(raw) == 0 {
		return nil, fmt.Errorf("%s: report %s: server answered with an empty body: %w", op, gid, errs.ErrNotFound)
	}
	r, err := Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("%s: report %s: %w", op, gid, err)
	}
	return r, nil
}

// LoadWSXF streams one report as WSXF XML into w and returns the number of
// bytes written. Nothing is buffered in memory.
//
// WATS API: GET /api/Report/Wsxf/{id}
func (s *Service) LoadWSXF(ctx context.Context, id string, w io.Writer, opts ...LoadOption) (int64, error) {
	const op = "report.LoadWSXF"
	gid, cfg, err := loadSetup(op, id, opts)
	if err == nil && w == nil {
		err = errs.Invalid(op, "w", "writer is nil")
	}
	if err != nil {
		return 0, err
	}
	resp, err := s.t.Do(ctx, &transport.Request{
		Op: op, Method: http.MethodGet, Route: routeLoadWSXF,
		PathParams: map[string]string{"id": gid}, Query: cfg.values(true),
		Output: w, Accept: "application/xml",
	})
	if resp == nil {
		return 0, err
	}
	return resp.Written, err
}
