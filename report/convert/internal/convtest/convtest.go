// Package convtest holds what the converter tests share: finalizing and
// validating converted reports, and counting their steps by type and status.
package convtest

import (
	"github.com/watsgo/sdk/report"
)

// Summary counts a report's steps (root included) and measurements.
type Summary struct {
	Steps        int
	ByType       map[string]int
	ByStatus     map[string]int
	Measurements int
	// ByID is every step by its pre-order id (1…N) after Finalize.
	ByID map[int64]*report.Step
}

// Summarize walks r (finalized) and counts its steps.
func Summarize(r *report.Report) Summary {
	s := Summary{ByType: map[string]int{}, ByStatus: map[string]int{}, ByID: map[int64]*report.Step{}}
	if r.Root == nil {
		return s
	}
	r.Root.Walk(func(st *report.Step) bool {
		s.Steps++
		s.ByType[st.StepType.Value()]++
		s.ByStatus[st.Status.Value()]++
		s.Measurements += len(st.NumericMeas) + len(st.StringMeas) + len(st.BooleanMeas)
		s.ByID[st.ID.Int64()] = st
		return true
	})
	return s
}
