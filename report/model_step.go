package report

// Step is one node of a UUT's step tree, root included. WSJF has a
// single step shape; what a step is follows from which content block it
// carries (see Kind), never from StepType alone.
type Step struct {
	meta
	ID                      Int               `json:"id"`                      // step order number, unique, pre-order (id)
	Group                   Str               `json:"group"`                   // S setup, M main or C cleanup (group)
	StepType                Str               `json:"stepType"`                // step type label, e.g. "ET_NLT"; a display hint only (stepType)
	InteractiveExeNum       Int               `json:"interactiveExeNum"`       // TestStand interactive execution number (interactiveExeNum)
	InteractiveExeNumFormat Str               `json:"interactiveExeNumFormat"` // display format of InteractiveExeNum (interactiveExeNumFormat)
	Loop                    *Loop             `json:"loop"`                    // loop header or iteration information (loop)
	Name                    Str               `json:"name"`                    // step name (name)
	Start                   Time              `json:"start"`                   // step start time (start)
	Status                  Str               `json:"status"`                  // P, F, D, S, E or T; U may be read (status)
	ErrorCode               Int               `json:"errorCode"`               // step error code (errorCode)
	ErrorCodeFormat         Str               `json:"errorCodeFormat"`         // display format of ErrorCode (errorCodeFormat)
	ErrorMessage            Str               `json:"errorMessage"`            // step error message (errorMessage)
	TSGuid                  Str               `json:"tsGuid"`                  // TestStand unique step id (tsGuid)
	TotTime                 Num               `json:"totTime"`                 // step duration in seconds (totTime)
	TotTimeFormat           Str               `json:"totTimeFormat"`           // display format of TotTime (totTimeFormat)
	CausedSeqFailure        Bool              `json:"causedSeqFailure"`        // the step caused its sequence to fail (causedSeqFailure)
	CausedUUTFailure        Bool              `json:"causedUUTFailure"`        // the step caused the UUT failure (causedUUTFailure)
	ReportText              Str               `json:"reportText"`              // free text shown on the step (reportText)
	Steps                   []*Step           `json:"steps"`                   // child steps (steps)
	NumericMeas             []*NumericMeas    `json:"numericMeas"`             // numeric measurements (numericMeas)
	StringMeas              []*StringMeas     `json:"stringMeas"`              // string measurements (stringMeas)
	BooleanMeas             []*BooleanMeas    `json:"booleanMeas"`             // pass/fail measurements (booleanMeas)
	AdditionalResults       []*AdditionalData `json:"additionalResults"`       // free-form property trees (additionalResults)
	SeqCall                 *SeqCall          `json:"seqCall"`                 // sequence-call block (seqCall)
	CallExe                 *CallExe          `json:"callExe"`                 // call-executable block (callExe)
	MessagePopup            *MessagePopup     `json:"messagePopup"`            // message-popup block (messagePopup)
	Chart                   *Chart            `json:"chart"`                   // XY chart; not together with Attachment (chart)
	Attachment              *Attachment       `json:"attachment"`              // the step's single file; not together with Chart (attachment)

	// autoStatus is the status Finalize computed last time; a Status still
	// equal to it is recomputed, anything else counts as set by the caller.
	autoStatus statusMemo
	// arena hands out memory for the steps built below this one (shared by
	// a whole built report; nil for parsed steps).
	arena *stepArena
}

// Loop is a step's loop information: a header (Idx null, the
// counters set) or one iteration (Idx set, the counters null).
type Loop struct {
	meta
	Idx         Int `json:"idx"`         // iteration index, 0-based; null on a header (idx)
	Num         Int `json:"num"`         // header: number of iterations (num)
	EndingIndex Int `json:"endingIndex"` // header: last index reached (endingIndex)
	Passed      Int `json:"passed"`      // header: iterations passed (passed)
	Failed      Int `json:"failed"`      // header: iterations failed (failed)

	auto bool // counters are computed by Finalize (built by AddLoop)
}

// IsHeader reports whether the loop block describes a loop header.
func (l *Loop) IsHeader() bool { return l != nil && !l.Idx.IsSet() }

// SeqCall is the sequence-call block of a container step.
type SeqCall struct {
	meta
	Path    Str `json:"path" validate:"omitempty,max=500,xmlsafe"`   // sequence file path (path)
	Name    Str `json:"name" validate:"omitempty,max=200,xmlsafe"`   // sequence name, not the step name (name)
	Version Str `json:"version" validate:"omitempty,max=30,xmlsafe"` // sequence version (version)
}

// CallExe is the call-executable block.
type CallExe struct {
	meta
	ExitCode       Num `json:"exitCode"`       // exit code of the executable (exitCode)
	ExitCodeFormat Str `json:"exitCodeFormat"` // display format of ExitCode (exitCodeFormat)
}

// MessagePopup is the message-popup block.
type MessagePopup struct {
	meta
	Response     Str `json:"response" validate:"omitempty,max=100,xmlsafe"` // text the operator typed (response)
	Button       Int `json:"button" validate:"omitempty,int16"`             // index of the pressed button, 0-based in captures (button)
	ButtonFormat Str `json:"buttonFormat"`                                  // display format of Button (buttonFormat)
}

// Attachment is a step's single file.
type Attachment struct {
	meta
	Name        Str `json:"name" validate:"required,min=1,max=256,xmlsafe"` // label / file name (name)
	ContentType Str `json:"contentType" validate:"required,min=1,max=100"`  // MIME type (contentType)
	Data        Str `json:"data" validate:"required,base64wsjf"`            // file bytes, padded standard base64 (data)
}

// NumericMeasurement is one entry of numericMeas. A single
// limit (EQ, NE, GT, GE, LT, LE) lives in LowLimit.
type NumericMeas struct {
	meta
	CompOp          Str `json:"compOp"`          // comparison operator, e.g. GELE or LOG (compOp)
	Name            Str `json:"name"`            // measurement name; null for a single measurement (name)
	Status          Str `json:"status"`          // P, F or S (status)
	Unit            Str `json:"unit"`            // unit text, e.g. "V" (unit)
	Value           Num `json:"value"`           // measured value; never omit it, absent reads as 0 (value)
	ValueFormat     Str `json:"valueFormat"`     // display format, e.g. "0.00" (valueFormat)
	HighLimit       Num `json:"highLimit"`       // upper limit, dual-limit operators only (highLimit)
	HighLimitFormat Str `json:"highLimitFormat"` // display format of HighLimit (highLimitFormat)
	LowLimit        Num `json:"lowLimit"`        // lower limit, also the single limit (lowLimit)
	LowLimitFormat  Str `json:"lowLimitFormat"`  // display format of LowLimit (lowLimitFormat)

	autoStatus statusMemo
}

// StringMeas is one entry of stringMeas.
type StringMeas struct {
	meta
	CompOp Str `json:"compOp"` // comparison operator, e.g. CASESENSIT, IGNORECASE or LOG (compOp)
	Name   Str `json:"name"`   // measurement name; null for a single measurement (name)
	Status Str `json:"status"` // P, F or S (status)
	Value  Str `json:"value"`  // measured string (value)
	Limit  Str `json:"limit"`  // expected string; null for LOG (limit)

	autoStatus statusMemo
}

// BooleanMeas is one entry of booleanMeas; its status is the
// result, there is no value.
type BooleanMeas struct {
	meta
	Name   Str `json:"name"`   // measurement name; null for a single measurement (name)
	Status Str `json:"status"` // the result: P, F or S (status)
}

// StepKind is what a step is, derived from its content blocks.
type StepKind int

// Step kinds in the discriminator's priority order.
const (
	KindGeneric StepKind = iota // action, flow, label, wait, ...: no block
	KindSequence
	KindNumeric
	KindString
	KindPassFail
	KindCallExe
	KindMessagePopup
)

var kindNames = [...]string{"generic", "sequence", "numeric", "string", "passfail", "callexe", "messagepopup"}

// String names the kind.
func (k StepKind) String() string {
	if k >= 0 && int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "unknown"
}

// Kind applies the step-kind discriminator: seqCall, then numericMeas,
// stringMeas, booleanMeas, callExe, messagePopup; a step with child steps but
// no seqCall is still a container. stepType is never consulted.
func (s *Step) Kind() StepKind {
	switch {
	case s.SeqCall != nil:
		return KindSequence
	case len(s.NumericMeas) > 0:
		return KindNumeric
	case len(s.StringMeas) > 0:
		return KindString
	case len(s.BooleanMeas) > 0:
		return KindPassFail
	case s.CallExe != nil:
		return KindCallExe
	case s.MessagePopup != nil:
		return KindMessagePopup
	case len(s.Steps) > 0:
		return KindSequence
	}
	return KindGeneric
}

// IsMultiple reports whether the step is a multiple-measurement test: more
// than one measurement of its kind.
func (s *Step) IsMultiple() bool {
	switch s.Kind() {
	case KindNumeric:
		return len(s.NumericMeas) > 1
	case KindString:
		return len(s.StringMeas) > 1
	case KindPassFail:
		return len(s.BooleanMeas) > 1
	}
	return false
}

// Walk calls fn for s and every descendant in pre-order (the order of step
// ids) and stops early when fn returns false.
func (s *Step) Walk(fn func(*Step) bool) bool {
	if !fn(s) {
		return false
	}
	for _, c := range s.Steps {
		if c != nil && !c.Walk(fn) {
			return false
		}
	}
	return true
}
