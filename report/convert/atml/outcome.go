package atml

import (
	"encoding/xml"
	"math"
	"strconv"
	"strings"

	"github.com/watsgo/sdk/report"
)

// outcomeOf maps an Outcome or ActionOutcome element to a status code:
// NotStarted is Skipped; UserDefined and Aborted defer to the qualifier;
// anything outside the six TestStand words is Done.
func outcomeOf(se xml.StartElement) string {
	v, _ := attr(se, "value")
	switch v {
	case "NotStarted":
		v = "Skipped"
	case "UserDefined", "Aborted":
		v, _ = attr(se, "qualifier")
	}
	switch v {
	case "Passed":
		return report.StatusPassed
	case "Failed":
		return report.StatusFailed
	case "Skipped":
		return report.StatusSkipped
	case "Error":
		return report.StatusError
	case "Terminated":
		return report.StatusTerminated
	}
	return report.StatusDone
}

// measStatus maps a step or result status to a measurement status: Done
// passes, Error and Terminated fail.
func measStatus(st string) string {
	switch st {
	case report.StatusDone:
		return report.StatusPassed
	case report.StatusError, report.StatusTerminated:
		return report.StatusFailed
	}
	return st
}

// groupCode maps ts:StepGroup to a WSJF group; ok is false for other words.
func groupCode(g string) (string, bool) {
	switch g {
	case "Setup":
		return report.GroupSetup, true
	case "Main":
		return report.GroupMain, true
	case "Cleanup":
		return report.GroupCleanup, true
	}
	return "", false
}

// parseNumber reads a TestStand number: invariant culture, hexadecimal
// integers ("0x1F"), and the spellings of infinity and NaN TestStand and
// .NET write.
func parseNumber(s string) (float64, error) {
	t := strings.TrimSpace(s)
	switch strings.ToLower(t) {
	case "inf", "infinity", "+inf", "+infinity", "positiveinfinity":
		return math.Inf(1), nil
	case "-inf", "-infinity", "negativeinfinity":
		return math.Inf(-1), nil
	case "nan", "ind", "-nan", "+nan":
		return math.NaN(), nil
	}
	if i := strings.Index(strings.ToLower(t), "0x"); i >= 0 {
		sign, digits := t[:i], t[i+2:]
		if sign != "" && sign != "-" && sign != "+" || digits == "" {
			return 0, strconv.ErrSyntax
		}
		u, err := strconv.ParseUint(digits, 16, 64)
		if err != nil {
			return 0, err
		}
		f := float64(u)
		if sign == "-" {
			f = -f
		}
		return f, nil
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil {
		if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
			return f, nil // beyond float64: ±Inf or 0, as .NET reads it
		}
		return 0, err
	}
	return f, nil
}
