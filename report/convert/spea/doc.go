// Package spea converts SPEA 3030 in-circuit/functional tester logs (the
// semicolon record file starting with FORMAT;mmdd) into WATS reports, one per
// START…END test run, so a file with ten runs gives ten reports.
//
// Mapping:
//
//   - FORMAT;mmdd (or ddmm) gives the date order of START and END.
//   - START;<program>;<sequence>;<version>;<sequence>;<operator>;MM/dd/yyyy;HH:mm:ss
//     gives the root sequence name and version, the operator and the start
//     (Defaults.Location); END;PASS|FAIL;date;time the result and the
//     execution time (end − start); SN;<serial> the serial number. The log
//     names no part number: it is the partNumber parameter (default
//     Defaults.PartNumber, else "PN1", as in the WATS client's converter);
//     the operation is operationTypeCode (default 10).
//   - ANL (analog) and FUNC (functional) records become steps in a sequence
//     per component class, taken from the letters the step reference starts
//     with (R/RP/RS Resistors, C/CS/CP/DSC Capacitors, L Inductors, D Diodes,
//     DZ ZenerDiodes, Q Transistors, CON Connectors, SHO Short, TC
//     Thermocouple, PTC, F Fuses, J Jumpers, T Transformers, ISO Isolators, U
//     ICs, other letters themselves); a new sequence starts whenever the class
//     changes, and the class is forgotten between runs. A record whose
//     value and limits are all 0 is a pass/fail step; every other one is a
//     numeric test with the step status PASS… / FAIL… from the record.
//
// Decisions where the WATS client's converter and the file disagree:
//
//   - A limit of 0 is a real limit: [0, 10] stays GELE [0, 10] (the client
//     drops the 0 and writes LE 10). Only a window that cannot hold anything
//     because it ends at 0 below its low limit ([1, 0], written by FUNC
//     records) is read as GE low. An empty limit is absent (GE or LE the other
//     one) instead of NaN.
//   - "Automatic" is no measured value: the value is NaN, not 0. -NAN is NaN.
//   - FUNC records are converted (the client drops them).
//   - The report result is END's verdict even when re-tested ANL records
//     inside the run failed (their sequences show the failure).
//   - A run without END, a START inside a run, a run without SN and unreadable
//     numbers or dates are a *convert.MalformedError naming the line; no
//     partial reports are returned.
package spea
