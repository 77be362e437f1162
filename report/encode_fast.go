package report

import "strconv"

// Hand-written writers for the two hottest types (steps and numeric
// measurements). They produce exactly what the table-driven writer
// produces (a test compares them on every fixture step and in the fuzzer)
// but without one indirect call per property, and they keep the output
// buffer in a local variable: storing it back into the heap-allocated
// writer after every append would cost a GC write barrier each time.
// Objects with unknown keys, and the rarer block types, go through the
// table writer, which knows where unknown keys belong.

// keyq appends a member name given already quoted with its colon
// (`"name":`), preceded by a comma unless it is the first member.
func keyq(b []byte, first *bool, q string) []byte {
	if *first {
		*first = false
	} else {
		b = append(b, ',')
	}
	return append(b, q...)
}

func appendStr(b []byte, v Str) []byte {
	if v.st == Null {
		return append(b, "null"...)
	}
	return appendJSONString(b, v.v)
}

func appendNum(b []byte, n Num) []byte {
	switch {
	case n.st == Null:
		return append(b, "null"...)
	case n.raw != "":
		return append(b, n.raw...)
	}
	return appendDotNetFloat(b, n.f)
}

func appendInt(b []byte, n Int) []byte {
	switch {
	case n.st == Null:
		return append(b, "null"...)
	case n.raw != "":
		return append(b, n.raw...)
	}
	return strconv.AppendInt(b, n.i, 10)
}

func appendBool(b []byte, v Bool) []byte {
	switch {
	case v.st == Null:
		return append(b, "null"...)
	case v.v:
		return append(b, "true"...)
	}
	return append(b, "false"...)
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
	stepTable.fast = func(w *writer, s *Step) { w.buf = appendStepMembers(w, w.buf, s) }
	numericMeasTable.fast = func(w *writer, m *NumericMeas) { w.buf = appendNumericMembers(w.buf, m) }
}

// viaTable writes one object with the table writer, handing the buffer
// over to the shared writer and taking it back.
func viaTable[U any, PU interface {
	*U
	hasMeta
}](w *writer, b []byte, u PU, t *table[U]) []byte {
	w.buf = b
	encodeFrom(w, u, t)
	return w.buf
}

// member writes an object-valued property: the object, null, or nothing.
func member[U any, PU interface {
	*U
	hasMeta
}](w *writer, b []byte, first *bool, q string, u PU, m *meta, bit int, t *table[U]) []byte {
	if u == nil {
		if m.isNull(bit) {
			b = keyq(b, first, q)
			b = append(b, "null"...)
		}
		return b
	}
	b = keyq(b, first, q)
	return viaTable(w, b, u, t)
}

// list writes an array-valued property of table-written objects.
func list[U any, PU interface {
	*U
	hasMeta
}](w *writer, b []byte, first *bool, q string, items []*U, m *meta, bit int, t *table[U]) []byte {
	if items == nil {
		if m.isNull(bit) {
			b = keyq(b, first, q)
			b = append(b, "null"...)
		}
		return b
	}
	b = keyq(b, first, q)
	b = append(b, '[')
	for i, u := range items {
		if i > 0 {
			b = append(b, ',')
		}
		b = viaTable(w, b, PU(u), t)
	}
	return append(b, ']')
}

func appendStepMembers(w *writer, b []byte, s *Step) []byte {
	m := &s.meta
	built := !m.parsed // "always" properties never set are written as null
	first := true
	f := &first
	if s.ID.st != Absent {
		b = appendInt(keyq(b, f, `"id":`), s.ID)
	} else if built {
		b = append(keyq(b, f, `"id":`), "null"...)
	}
	if s.Group.st != Absent {
		b = appendStr(keyq(b, f, `"group":`), s.Group)
	}
	if s.StepType.st != Absent {
		b = appendStr(keyq(b, f, `"stepType":`), s.StepType)
	} else if built {
		b = append(keyq(b, f, `"stepType":`), "null"...)
	}
	if s.InteractiveExeNum.st != Absent {
		b = appendInt(keyq(b, f, `"interactiveExeNum":`), s.InteractiveExeNum)
	}
	if s.InteractiveExeNumFormat.st != Absent {
		b = appendStr(keyq(b, f, `"interactiveExeNumFormat":`), s.InteractiveExeNumFormat)
	}
	b = member(w, b, f, `"loop":`, s.Loop, m, bitStepLoop, loopTable)
	if s.Name.st != Absent {
		b = appendStr(keyq(b, f, `"name":`), s.Name)
	} else if built {
		b = append(keyq(b, f, `"name":`), "null"...)
	}
	if s.Start.st != Absent {
		w.buf = keyq(b, f, `"start":`)
		w.time(s.Start, false)
		b = w.buf
	}
	if s.Status.st != Absent {
		b = appendStr(keyq(b, f, `"status":`), s.Status)
	}
	if s.ErrorCode.st != Absent {
		b = appendInt(keyq(b, f, `"errorCode":`), s.ErrorCode)
	}
	if s.ErrorCodeFormat.st != Absent {
		b = appendStr(keyq(b, f, `"errorCodeFormat":`), s.ErrorCodeFormat)
	}
	if s.ErrorMessage.st != Absent {
		b = appendStr(keyq(b, f, `"errorMessage":`), s.ErrorMessage)
	}
	if s.TSGuid.st != Absent {
		b = appendStr(keyq(b, f, `"tsGuid":`), s.TSGuid)
	}
	if s.TotTime.st != Absent {
		b = appendNum(keyq(b, f, `"totTime":`), s.TotTime)
	} else if built {
		b = append(keyq(b, f, `"totTime":`), "null"...)
	}
	if s.TotTimeFormat.st != Absent {
		b = appendStr(keyq(b, f, `"totTimeFormat":`), s.TotTimeFormat)
	}
	if s.CausedSeqFailure.st != Absent {
		b = appendBool(keyq(b, f, `"causedSeqFailure":`), s.CausedSeqFailure)
	}
	if s.CausedUUTFailure.st != Absent {
		b = appendBool(keyq(b, f, `"causedUUTFailure":`), s.CausedUUTFailure)
	}
	if s.ReportText.st != Absent {
		b = appendStr(keyq(b, f, `"reportText":`), s.ReportText)
	}
	switch {
	case s.Steps != nil:
		b = keyq(b, f, `"steps":`)
		b = append(b, '[')
		for i, c := range s.Steps {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendStepObject(w, b, c)
		}
		b = append(b, ']')
	case m.isNull(bitStepSteps):
		b = append(keyq(b, f, `"steps":`), "null"...)
	}
	switch {
	case s.NumericMeas != nil:
		b = keyq(b, f, `"numericMeas":`)
		b = append(b, '[')
		for i, nm := range s.NumericMeas {
			if i > 0 {
				b = append(b, ',')
			}
			if nm == nil || len(nm.extra) > 0 {
				b = viaTable(w, b, nm, numericMeasTable)
				continue
			}
			b = append(b, '{')
			b = appendNumericMembers(b, nm)
			b = append(b, '}')
		}
		b = append(b, ']')
	case m.isNull(bitStepNumeric):
		b = append(keyq(b, f, `"numericMeas":`), "null"...)
	}
	b = list(w, b, f, `"stringMeas":`, s.StringMeas, m, bitStepString, stringMeasTable)
	b = list(w, b, f, `"booleanMeas":`, s.BooleanMeas, m, bitStepBoolean, booleanMeasTable)
	b = list(w, b, f, `"additionalResults":`, s.AdditionalResults, m, bitStepAdditional, additionalTable)
	b = member(w, b, f, `"seqCall":`, s.SeqCall, m, bitStepSeqCall, seqCallTable)
	b = member(w, b, f, `"callExe":`, s.CallExe, m, bitStepCallExe, callExeTable)
	b = member(w, b, f, `"messagePopup":`, s.MessagePopup, m, bitStepPopup, popupTable)
	b = member(w, b, f, `"chart":`, s.Chart, m, bitStepChart, chartTable)
	b = member(w, b, f, `"attachment":`, s.Attachment, m, bitStepAttachment, attachmentTable)
	return b
}

// appendStepObject writes one step with braces; a step with unknown keys
// (or a nil one) goes through the table writer.
func appendStepObject(w *writer, b []byte, s *Step) []byte {
	if s == nil || len(s.extra) > 0 {
		return viaTable(w, b, s, stepTable)
	}
	b = append(b, '{')
	b = appendStepMembers(w, b, s)
	return append(b, '}')
}

func appendNumericMembers(b []byte, n *NumericMeas) []byte {
	built := !n.parsed // "always" properties never set are written as null
	first := true
	f := &first
	if n.CompOp.st != Absent {
		b = appendStr(keyq(b, f, `"compOp":`), n.CompOp)
	} else if built {
		b = append(keyq(b, f, `"compOp":`), "null"...)
	}
	if n.Name.st != Absent {
		b = appendStr(keyq(b, f, `"name":`), n.Name)
	} else if built {
		b = append(keyq(b, f, `"name":`), "null"...)
	}
	if n.Status.st != Absent {
		b = appendStr(keyq(b, f, `"status":`), n.Status)
	}
	if n.Unit.st != Absent {
		b = appendStr(keyq(b, f, `"unit":`), n.Unit)
	} else if built {
		b = append(keyq(b, f, `"unit":`), "null"...)
	}
	if n.Value.st != Absent {
		b = appendNum(keyq(b, f, `"value":`), n.Value)
	}
	if n.ValueFormat.st != Absent {
		b = appendStr(keyq(b, f, `"valueFormat":`), n.ValueFormat)
	}
	if n.HighLimit.st != Absent {
		b = appendNum(keyq(b, f, `"highLimit":`), n.HighLimit)
	} else if built {
		b = append(keyq(b, f, `"highLimit":`), "null"...)
	}
	if n.HighLimitFormat.st != Absent {
		b = appendStr(keyq(b, f, `"highLimitFormat":`), n.HighLimitFormat)
	}
	if n.LowLimit.st != Absent {
		b = appendNum(keyq(b, f, `"lowLimit":`), n.LowLimit)
	} else if built {
		b = append(keyq(b, f, `"lowLimit":`), "null"...)
	}
	if n.LowLimitFormat.st != Absent {
		b = appendStr(keyq(b, f, `"lowLimitFormat":`), n.LowLimitFormat)
	}
	return b
}
