package convert

import (
	"context"
	"io"
	"time"

	"github.com/watsgo/sdk/report"
)

// Confidence says how sure a converter is that a file is in its format. The registry
// gives a file to the converter with the highest confidence above No.
type Confidence int

const (
	// No means the file is not in the converter's format.
	No Confidence = 0
	// Maybe means the head does not contradict the format (for example a matching
	// extension on a format without a signature).
	Maybe Confidence = 50
	// Likely means a strong hint matched (a characteristic first line or element).
	Likely Confidence = 80
	// Certain means the format's signature matched (root element and namespace).
	Certain Confidence = 100
)

// SniffSize is how many bytes of a file's head a Sniff call sees at most.
const SniffSize = 64 << 10

// Converter turns one input file into one or more reports. A Converter is stateless:
// one value may convert several files concurrently.
type Converter interface {
	// Name identifies the converter in logs, sidecars and metrics ("atml", "wsxf").
	Name() string
	// Patterns are the default base-name globs the converter takes ("*.xml").
	Patterns() []string
	// Sniff tells from the first bytes of a file (at most SniffSize) whether the
	// file is in this converter's format.
	Sniff(head []byte) Confidence
	// Convert reads src and returns its reports, ready for Finalize: statuses set as
	// the file says, no step ids. It checks ctx between steps and returns ctx.Err()
	// when it ends. Bad input is a *MalformedError (or wraps one).
	// A report keeps the id the file gives it; without one it should have an
	// empty id, so that the framework derives a stable one from the file.
	Convert(ctx context.Context, src *Source) ([]*report.Report, error)
}

// Source is one input file handed to a converter.
type Source struct {
	// Name is the file's path as the watcher found it (or as given by the caller).
	Name string
	// Reader reads the file's content from the start.
	Reader io.Reader
	// Size is the file size in bytes (-1 when unknown).
	Size int64
	// ModTime is the file's modification time (zero when unknown).
	ModTime time.Time
	// Params are the converter's parameters by name, as configured for the folder.
	Params Params
	// Defaults fill what the file does not say.
	Defaults Defaults
	// Processes resolves process names to codes; nil when none is configured.
	Processes ProcessResolver
	// Warn receives non-fatal findings (a value the converter had to drop or guess);
	// nil discards them.
	Warn func(msg string)
}

// Warnf reports a non-fatal finding through s.Warn, if set.
func (s *Source) Warnf(msg string) {
	if s != nil && s.Warn != nil {
		s.Warn(msg)
	}
}

// Params are a converter's string parameters, as the peers configure them.
type Params map[string]string

// Get returns the parameter called name, or def when it is absent or empty.
func (p Params) Get(name, def string) string {
	if v, ok := p[name]; ok && v != "" {
		return v
	}
	return def
}

// Defaults are the values a converter uses when a file lacks them.
type Defaults struct {
	// Operator is the user name written when the file names none.
	Operator string
	// PartNumber, Revision and SerialNumber fill an empty pn, rev or sn.
	PartNumber, Revision, SerialNumber string
	// ProcessCode is the test operation used when the file names none (0 = none).
	ProcessCode int
	// RepairProcessCode is the repair operation of repair reports (0 = none).
	RepairProcessCode int
	// SequenceName and SequenceVersion fill the root sequence's name and version.
	SequenceName, SequenceVersion string
	// Station fills the station name, location and purpose.
	Station report.Station
	// Location is the time zone of local times written without an offset
	// (nil = time.Local).
	Location *time.Location
}

// Zone returns d.Location, or time.Local when it is nil.
func (d Defaults) Zone() *time.Location {
	if d.Location == nil {
		return time.Local
	}
	return d.Location
}

// ProcessResolver maps the process names found in files to WATS process codes.
// The process service's cache implements it.
type ProcessResolver interface {
	// TestOperationCode returns the code of the test operation called name.
	TestOperationCode(ctx context.Context, name string) (int, error)
	// RepairOperationCode returns the code of the repair operation called name.
	RepairOperationCode(ctx context.Context, name string) (int, error)
}
