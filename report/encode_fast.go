package report

// Hand-written writers for the two hottest types (steps and numeric
// measurements). They produce exactly what the table-driven writer
// produces (a test compares them on every fixture step and in the fuzzer)
// but without one indirect call per property. Objects with unknown keys go
// through the table writer, which knows where to put them.

// keyq writes a member name given already quoted with its colon
// (`"name":`), with the comma that separates it from the previous member.
func (w *writer) keyq(q string) {
	if w.first {
		w.first = false
	} else {
		w.buf = append(w.buf, ',')
	}
	w.buf = append(w.buf, q...)
}

func (w *writer) optStr(q string, v Str) {
	if v.st != Absent {
		w.keyq(q)
		w.str(v)
	}
}

func (w *writer) optNum(q string, v Num) {
	if v.st != Absent {
		w.keyq(q)
		w.num(v)
	}
}

func (w *writer) optInt(q string, v Int) {
	if v.st != Absent {
		w.keyq(q)
		w.int(v)
	}
}

func (w *writer) optBool(q string, v Bool) {
	if v.st != Absent {
		w.keyq(q)
		w.bool(v)
	}
}

func (w *writer) nullIf(q string, m *meta, bit int) {
	if m.isNull(bit) {
		w.keyq(q)
		w.null()
	}
}

// Table positions of the object/array properties (their null-mark bits).
var (
	bitStepLoop, bitStepSteps, bitStepNumeric, bitStepString, bitStepBoolean, bitStepAdditional int
	bitStepSeqCall, bitStepCallExe, bitStepPopup, bitStepChart, bitStepAttachment               int
)

// setupFast runs at the end of the schema's init, once the tables exist.
func setupFast() {
	ix := stepTable.index
	bitStepLoop, bitStepSteps, bitStepNumeric = ix["loop"], ix["steps"], ix["numericMeas"]
	bitStepString, bitStepBoolean, bitStepAdditional = ix["stringMeas"], ix["booleanMeas"], ix["additionalResults"]
	bitStepSeqCall, bitStepCallExe, bitStepPopup = ix["seqCall"], ix["callExe"], ix["messagePopup"]
	bitStepChart, bitStepAttachment = ix["chart"], ix["attachment"]
	stepTable.fast = encodeStepFast
	numericMeasTable.fast = encodeNumericMeasFast
}

func writeList[U any, PU interface {
	*U
	hasMeta
}](w *writer, key string, list []*U, m *meta, bit int, t *table[U]) {
	if list == nil {
		w.nullIf(key, m, bit)
		return
	}
	w.keyq(key)
	w.buf = append(w.buf, '[')
	for i, u := range list {
		if i > 0 {
			w.buf = append(w.buf, ',')
		}
		encodeFrom(w, PU(u), t)
	}
	w.buf = append(w.buf, ']')
}

func writeObj[U any, PU interface {
	*U
	hasMeta
}](w *writer, key string, u *U, m *meta, bit int, t *table[U]) {
	if u == nil {
		w.nullIf(key, m, bit)
		return
	}
	w.keyq(key)
	encodeFrom(w, PU(u), t)
}

func encodeStepFast(w *writer, s *Step) {
	m := &s.meta
	w.optInt(`"id":`, s.ID)
	w.optStr(`"group":`, s.Group)
	w.optStr(`"stepType":`, s.StepType)
	w.optInt(`"interactiveExeNum":`, s.InteractiveExeNum)
	w.optStr(`"interactiveExeNumFormat":`, s.InteractiveExeNumFormat)
	writeObj(w, `"loop":`, s.Loop, m, bitStepLoop, loopTable)
	w.optStr(`"name":`, s.Name)
	if s.Start.st != Absent {
		w.keyq(`"start":`)
		w.time(s.Start, false)
	}
	w.optStr(`"status":`, s.Status)
	w.optInt(`"errorCode":`, s.ErrorCode)
	w.optStr(`"errorCodeFormat":`, s.ErrorCodeFormat)
	w.optStr(`"errorMessage":`, s.ErrorMessage)
	w.optStr(`"tsGuid":`, s.TSGuid)
	w.optNum(`"totTime":`, s.TotTime)
	w.optStr(`"totTimeFormat":`, s.TotTimeFormat)
	w.optBool(`"causedSeqFailure":`, s.CausedSeqFailure)
	w.optBool(`"causedUUTFailure":`, s.CausedUUTFailure)
	w.optStr(`"reportText":`, s.ReportText)
	writeList(w, `"steps":`, s.Steps, m, bitStepSteps, stepTable)
	writeList(w, `"numericMeas":`, s.NumericMeas, m, bitStepNumeric, numericMeasTable)
	writeList(w, `"stringMeas":`, s.StringMeas, m, bitStepString, stringMeasTable)
	writeList(w, `"booleanMeas":`, s.BooleanMeas, m, bitStepBoolean, booleanMeasTable)
	writeList(w, `"additionalResults":`, s.AdditionalResults, m, bitStepAdditional, additionalTable)
	writeObj(w, `"seqCall":`, s.SeqCall, m, bitStepSeqCall, seqCallTable)
	writeObj(w, `"callExe":`, s.CallExe, m, bitStepCallExe, callExeTable)
	writeObj(w, `"messagePopup":`, s.MessagePopup, m, bitStepPopup, popupTable)
	writeObj(w, `"chart":`, s.Chart, m, bitStepChart, chartTable)
	writeObj(w, `"attachment":`, s.Attachment, m, bitStepAttachment, attachmentTable)
}

func encodeNumericMeasFast(w *writer, n *NumericMeas) {
	w.optStr(`"compOp":`, n.CompOp)
	w.optStr(`"name":`, n.Name)
	w.optStr(`"status":`, n.Status)
	w.optStr(`"unit":`, n.Unit)
	w.optNum(`"value":`, n.Value)
	w.optStr(`"valueFormat":`, n.ValueFormat)
	w.optNum(`"highLimit":`, n.HighLimit)
	w.optStr(`"highLimitFormat":`, n.HighLimitFormat)
	w.optNum(`"lowLimit":`, n.LowLimit)
	w.optStr(`"lowLimitFormat":`, n.LowLimitFormat)
}
