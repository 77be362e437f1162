package convert

import (
	"fmt"

	"github.com/watsgo/sdk/report"
)

// finish makes a converter's reports ready for a sink: a report without an id gets
// the file's stable id, then every report is finalised and validated. Nothing is
// handed over when any report fails, so a file is either converted as a whole or
// not at all. own says whether some id came from the converter (and so may not be
// the same when the file is converted again).
func finish(id identity, reports []*report.Report) (own bool, err error) {
	if len(reports) == 0 {
		return false, ErrNoReports
	}
	seen := make(map[string]int, len(reports))
	for i, r := range reports {
		if r == nil {
			return own, &ValidationError{Converter: id.converter, File: id.name, Index: i, Err: errNilReport}
		}
		if r.ID() == "" {
			r.SetID(stableID(id, i))
		} else {
			own = true
		}
		if err := r.Finalize(); err != nil {
			return own, &ValidationError{Converter: id.converter, File: id.name, Index: i, ReportID: r.ID(), Err: err}
		}
		if err := r.Validate(); err != nil {
			return own, &ValidationError{Converter: id.converter, File: id.name, Index: i, ReportID: r.ID(), Err: err}
		}
		// Two reports of one file under one id would reach the queue as one.
		if j, dup := seen[r.ID()]; dup {
			return own, &ValidationError{Converter: id.converter, File: id.name, Index: i, ReportID: r.ID(),
				Err: fmt.Errorf("%w: report %d has the same id", errDuplicateID, j+1)}
		}
		seen[r.ID()] = i
	}
	return own, nil
}
