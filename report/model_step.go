package report

// Step is one node of a UUT's step tree (spec §9), root included. WSJF has a
// single step shape; what a step is follows from which content block it
// carries (see Kind), never from StepType alone.
type Step struct {
	meta
	ID                      Int               `json:"id"`
	Group                   Str               `json:"group"`
	StepType                Str               `json:"stepType"`
	InteractiveExeNum       Int               `json:"interactiveExeNum"`
	InteractiveExeNumFormat Str               `json:"interactiveExeNumFormat"`
	Loop                    *Loop             `json:"loop"`
	Name                    Str               `json:"name"`
	Start                   Time              `json:"start"`
	Status                  Str               `json:"status"`
	ErrorCode               Int               `json:"errorCode"`
	ErrorCodeFormat         Str               `json:"errorCodeFormat"`
	ErrorMessage            Str               `json:"errorMessage"`
	TSGuid                  Str               `json:"tsGuid"`
	TotTime                 Num               `json:"totTime"`
	TotTimeFormat           Str               `json:"totTimeFormat"`
	CausedSeqFailure        Bool              `json:"causedSeqFailure"`
	CausedUUTFailure        Bool              `json:"causedUUTFailure"`
	ReportText              Str               `json:"reportText"`
	Steps                   []*Step           `json:"steps"`
	NumericMeas             []*NumericMeas    `json:"numericMeas"`
	StringMeas              []*StringMeas     `json:"stringMeas"`
	BooleanMeas             []*BooleanMeas    `json:"booleanMeas"`
	AdditionalResults       []*AdditionalData `json:"additionalResults"`
	SeqCall                 *SeqCall          `json:"seqCall"`
	CallExe                 *CallExe          `json:"callExe"`
	MessagePopup            *MessagePopup     `json:"messagePopup"`
	Chart                   *Chart            `json:"chart"`
	Attachment              *Attachment       `json:"attachment"`

	// autoStatus is the status Finalize computed last time; a Status still
	// equal to it is recomputed, anything else counts as set by the caller.
	autoStatus statusMemo
	// arena hands out memory for the steps built below this one (shared by
	// a whole built report; nil for parsed steps).
	arena *stepArena
}

// Loop is a step's loop information (spec §12): a header (Idx null, the
// counters set) or one iteration (Idx set, the counters null).
type Loop struct {
	meta
	Idx         Int `json:"idx"`
	Num         Int `json:"num"`
	EndingIndex Int `json:"endingIndex"`
	Passed      Int `json:"passed"`
	Failed      Int `json:"failed"`

	auto bool // counters are computed by Finalize (built by AddLoop)
}

// IsHeader reports whether the loop block describes a loop header.
func (l *Loop) IsHeader() bool { return l != nil && !l.Idx.IsSet() }

// SeqCall is the sequence-call block of a container step (spec §11.6).
type SeqCall struct {
	meta
	Path    Str `json:"path" validate:"omitempty,max=500,xmlsafe"`
	Name    Str `json:"name" validate:"omitempty,max=200,xmlsafe"`
	Version Str `json:"version" validate:"omitempty,max=30,xmlsafe"`
}

// CallExe is the call-executable block (spec §11.6).
type CallExe struct {
	meta
	ExitCode       Num `json:"exitCode"`
	ExitCodeFormat Str `json:"exitCodeFormat"`
}

// MessagePopup is the message-popup block (spec §11.6).
type MessagePopup struct {
	meta
	Response     Str `json:"response" validate:"omitempty,max=100,xmlsafe"`
	Button       Int `json:"button" validate:"omitempty,int16"`
	ButtonFormat Str `json:"buttonFormat"`
}

// Attachment is a step's single file (spec §8.3).
type Attachment struct {
	meta
	Name        Str `json:"name" validate:"required,min=1,max=256,xmlsafe"`
	ContentType Str `json:"contentType" validate:"required,min=1,max=100"`
	Data        Str `json:"data" validate:"required,base64wsjf"`
}

// NumericMeasurement is one entry of numericMeas (spec §11.5). A single
// limit (EQ, NE, GT, GE, LT, LE) lives in LowLimit.
type NumericMeas struct {
	meta
	CompOp          Str `json:"compOp"`
	Name            Str `json:"name"`
	Status          Str `json:"status"`
	Unit            Str `json:"unit"`
	Value           Num `json:"value"`
	ValueFormat     Str `json:"valueFormat"`
	HighLimit       Num `json:"highLimit"`
	HighLimitFormat Str `json:"highLimitFormat"`
	LowLimit        Num `json:"lowLimit"`
	LowLimitFormat  Str `json:"lowLimitFormat"`

	autoStatus statusMemo
}

// StringMeas is one entry of stringMeas (spec §11.5).
type StringMeas struct {
	meta
	CompOp Str `json:"compOp"`
	Name   Str `json:"name"`
	Status Str `json:"status"`
	Value  Str `json:"value"`
	Limit  Str `json:"limit"`

	autoStatus statusMemo
}

// BooleanMeas is one entry of booleanMeas (spec §11.5); its status is the
// result, there is no value.
type BooleanMeas struct {
	meta
	Name   Str `json:"name"`
	Status Str `json:"status"`
}

// StepKind is what a step is, derived from its content blocks (spec §11.3).
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

// Kind applies the discriminator of spec §11.3: seqCall, then numericMeas,
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
// than one measurement of its kind (spec §11.3 rule 3).
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
// ids, spec §16) and stops early when fn returns false.
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
