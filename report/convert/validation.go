package convert

import (
	"errors"
	"fmt"
)

// ErrValidation matches every *ValidationError: a converted report that failed the
// WATS report rules. errors.Is(err, wats.ErrValidation) is true as well, through the
// wrapped report validation error.
var ErrValidation = errors.New("convert: converted report failed validation")

// ErrNoReports means a converter accepted a file but returned no report. The file is
// treated as failed (moved to Error/), never as done, so a converter bug cannot make
// the watcher delete input it did not convert.
var ErrNoReports = errors.New("convert: converter returned no reports")

// ValidationError says which report of which file failed Finalize or Validate.
type ValidationError struct {
	// Converter is the name of the converter that produced the report.
	Converter string
	// File is the input's name.
	File string
	// Index is the report's 0-based position among the file's reports.
	Index int
	// ReportID is the report's id ("" when it had none yet).
	ReportID string
	// Err is the report package's error, usually a *wats.ValidationError listing
	// every offending field.
	Err error
}

func (e *ValidationError) Error() string {
	return fmt.Sprintf("%s: %s: report %d (%s): %v", e.Converter, e.File, e.Index+1, e.ReportID, e.Err)
}

// Is makes errors.Is(err, ErrValidation) true for every *ValidationError.
func (e *ValidationError) Is(target error) bool { return target == ErrValidation }

// Unwrap returns the report package's error.
func (e *ValidationError) Unwrap() error { return e.Err }

var (
	errNilReport   = errors.New("converter returned a nil report")
	errDuplicateID = errors.New("duplicate report id in one file")
)
