package analytics

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"

	"github.com/watsgo/sdk/internal/errs"
)

// PathSeparator separates step names in server step paths (the pilcrow).
const PathSeparator = "¶"

// MeasurementPath addresses a step, or one measurement of a
// multiple-numeric step, in the server's syntax: step names joined by "¶",
// and "¶¶name" appended for a named measurement. Build it with StepPath.
type MeasurementPath string

// StepPath builds the path of a step from its names, root first, e.g.
// StepPath("MainSequence Callback", "NI steps", "Voltage").
func StepPath(names ...string) MeasurementPath {
	return MeasurementPath(strings.Join(names, PathSeparator))
}

// Measurement addresses the named measurement of a multiple-numeric step.
func (p MeasurementPath) Measurement(name string) MeasurementPath {
	return p + MeasurementPath(PathSeparator+PathSeparator+name)
}

// ParsePath converts the slash form "Main/NI steps/Voltage" (and a final
// "::name" for a named measurement) into a MeasurementPath.
func ParsePath(slashed string) MeasurementPath {
	step, meas, hasMeas := strings.Cut(slashed, "::")
	p := StepPath(strings.Split(step, "/")...)
	if hasMeas {
		p = p.Measurement(meas)
	}
	return p
}

// Steps returns the step names of the path and the measurement name ("" for
// a whole step).
func (p MeasurementPath) Steps() (names []string, measurement string) {
	step, meas, _ := strings.Cut(string(p), PathSeparator+PathSeparator)
	return strings.Split(step, PathSeparator), meas
}

func checkPaths(v *errs.ValidationError, paths []MeasurementPath) {
	for i, p := range paths {
		names, meas := p.Steps()
		field := fmt.Sprintf("measurementPaths[%d]", i)
		if strings.Contains(string(p), ";") {
			v.Add(field, "excludes=;", "must not contain ';' (paths are joined with it)")
		}
		for _, n := range names {
			if strings.TrimSpace(n) == "" {
				v.Add(field, "required", "has an empty step name")
				break
			}
		}
		if strings.Contains(meas, PathSeparator) {
			v.Add(field, "excludes=¶", "measurement name must not contain ¶")
		}
	}
}

func pathQuery(paths []MeasurementPath) url.Values {
	if len(paths) == 0 {
		return nil
	}
	s := make([]string, len(paths))
	for i, p := range paths {
		s[i] = string(p)
	}
	// url.Values percent-encodes "¶" as UTF-8 (%C2%B6), as the server expects.
	return url.Values{"measurementPaths": {strings.Join(s, ";")}}
}

// Measurements returns the individual measurements of the given paths
// (at most 10 000), grouped per path. Filter.PartNumber and
// Filter.TestOperation are required. The server marks this endpoint as
// preview.
//
// WATS API: POST /api/App/Measurements
func (s *Service) Measurements(ctx context.Context, f *Filter, paths ...MeasurementPath) ([]MeasurementGroup, error) {
	const op = "analytics.Measurements"
	v := &errs.ValidationError{Op: op}
	requirePartAndOperation(v, f)
	checkPaths(v, paths)
	wire := f.prepared(v)
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	var raw json.RawMessage
	if err := query(ctx, s.t, op, "/api/App/Measurements", pathQuery(paths), wire, &raw); err != nil {
		return nil, err
	}
	return decodeGroups(op, raw)
}

// decodeGroups accepts the observed nested form
// [{"measurementPath": ..., "measurements": [...]}] and a flat list.
func decodeGroups(op string, raw json.RawMessage) ([]MeasurementGroup, error) {
	var items []json.RawMessage
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil, nil
	}
	if err := json.Unmarshal(raw, &items); err != nil {
		return nil, fmt.Errorf("%s: decode response: %w", op, err)
	}
	var out []MeasurementGroup
	var flat MeasurementGroup
	for _, it := range items {
		var probe map[string]json.RawMessage
		if err := json.Unmarshal(it, &probe); err != nil {
			return nil, fmt.Errorf("%s: decode response: %w", op, err)
		}
		if _, nested := probe["measurements"]; nested {
			var g MeasurementGroup
			if err := json.Unmarshal(it, &g); err != nil {
				return nil, fmt.Errorf("%s: decode response: %w", op, err)
			}
			out = append(out, g)
			continue
		}
		var m Measurement
		if err := json.Unmarshal(it, &m); err != nil {
			return nil, fmt.Errorf("%s: decode response: %w", op, err)
		}
		flat.Measurements = append(flat.Measurements, m)
	}
	if len(flat.Measurements) > 0 {
		out = append(out, flat)
	}
	return out, nil
}

// AggregatedMeasurements returns statistics (count, min, max, mean,
// deviation, capability) per path. Filter.PartNumber and
// Filter.TestOperation are required. The SDK reads the nested answer and
// also accepts a flat one.
//
// WATS API: POST /api/App/AggregatedMeasurements
func (s *Service) AggregatedMeasurements(ctx context.Context, f *Filter, paths ...MeasurementPath) ([]AggregatedMeasurement, error) {
	const op = "analytics.AggregatedMeasurements"
	v := &errs.ValidationError{Op: op}
	requirePartAndOperation(v, f)
	checkPaths(v, paths)
	wire := f.prepared(v)
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	var items []json.RawMessage
	if err := query(ctx, s.t, op, "/api/App/AggregatedMeasurements", pathQuery(paths), wire, &items); err != nil {
		return nil, err
	}
	var out []AggregatedMeasurement
	for _, it := range items {
		var g struct {
			MeasurementPath string                  `json:"measurementPath"`
			Measurements    []AggregatedMeasurement `json:"measurements"`
		}
		if err := json.Unmarshal(it, &g); err == nil && g.Measurements != nil {
			for _, m := range g.Measurements {
				if m.MeasurementPath == "" {
					m.MeasurementPath = g.MeasurementPath
				}
				out = append(out, m)
			}
			continue
		}
		var m AggregatedMeasurement
		if err := json.Unmarshal(it, &m); err != nil {
			return nil, fmt.Errorf("%s: decode response: %w", op, err)
		}
		out = append(out, m)
	}
	return out, nil
}
