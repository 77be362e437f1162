// Package atml converts the ATML (IEEE 1636.1) TestResults files NI TestStand
// writes — versions 2.02, 5.00 and 6.01, single-UUT files and batch
// (multi-socket) collections — into WATS UUT reports, one report per
// TestResults element in file order.
//
// The file is read as a stream of XML tokens (no document tree), in UTF-8,
// UTF-16 (with a byte-order mark), Windows-1252 or the ISO-8859-1 TestStand
// declares. Statuses are taken from the file
// (Outcome, ActionOutcome) and never re-evaluated; Finalize keeps them.
//
// # Mapping
//
// Header: sn from UUT/SerialNumber, pn from the first IdentificationNumber,
// operator from Personnel/SystemOperator@ID, station name from
// TestStation/SerialNumber, start from ResultSet@startDateTime (read in
// Source.Defaults.Location when it has no zone), execTime = end − start,
// result from the ResultSet outcome, testSocketIndex and batchSN from the
// value attributes of TSResultSetProperties, additional data from the UUT
// definition's AdditionalData collection. The revision is never in the file
// and the report id is always new.
//
// Steps: the root sequence is the ResultSet (5.00, 6.01) or its first
// TestGroup (2.02), named after the entry sequence ("MainSequence") with
// seqCall.name "MainSequence Callback"; TestGroup elements become sequence
// calls (seqCall.name "SequenceCall", the root's version), SessionAction
// elements generic steps, and Test elements pass/fail, numeric (single or
// multiple) and string tests. Test elements of other step types are dropped
// with one warning per type. Limits follow the comparators (LimitPair →
// e.g. GELE, SingleLimit, Expected, TestStand EQT thresholds → GELE). A
// skipped step carries no measurement.
//
// # Parameters
//
//	operator           operator when the file names none        (default oper)
//	partNumber         part number when the UUT has none        (default NA)
//	partRevision       revision of every report                 (default 10)
//	operationTypeCode  test operation: a code or a process name (default 10)
//	sequenceVersion    root sequence version                    (default 0.0.0)
//	keepUnknownTests   add unhandled Test types as generic steps (default false)
//	strict             refuse elements with an Extension that are not steps
//	                   (default false: they are skipped)
//
// A parameter wins over the matching Source.Defaults field, which wins over
// the default above.
//
// # Decisions where the format leaves room
//
//   - The socket index and batch serial number are read from the value
//     attribute TestStand writes (Virinco's converter reads the empty element
//     text and loses them). An empty batch serial number is left out.
//   - Empty limits (only IsComparisonTypeLog) are LOG, not GELE 0/0.
//   - 2.02 EQT thresholds (in TestResult/Extension) are applied like the
//     5.00/6.01 ones (in Limits/Extension); a threshold wins over the raw
//     LimitPair TestStand writes beside it. A NaN threshold side counts as 0.
//   - An element that has an Extension without TSStepProperties is skipped
//     with its children (strict: the file is refused).
//   - A TestGroup's Extension must come before its steps, as TestStand
//     writes it; a group whose first step comes before any Extension is
//     treated as a group without Extension and skipped with its children.
//   - A step without Outcome is Done. A ResultSet outcome that is not Passed,
//     Failed, Error or Terminated (Done, Skipped, a custom word) refuses the
//     file, since a report result cannot be D or S.
//   - A sequence without callerName and without '#' in its name is named
//     after the whole name attribute; a Test or SessionAction without a name
//     refuses the file.
//   - Numbers use invariant culture; "0x…" is a hexadecimal integer; inf,
//     infinity, positiveinfinity, nan and ind (any case) are kept as ±Inf and
//     NaN (WSJF validation warns about them). Numbers beyond float64 become
//     ±Inf as .NET reads them.
//   - Any ISO 8601 start time is accepted; one with an offset keeps it. A
//     missing start, or one before 1970, is replaced by the conversion time
//     with a warning.
//   - Strings longer than the WSJF limits (step and measurement names 100,
//     sequence paths 500, serial and part numbers 100 …) are truncated with a
//     warning. Names are trimmed; report texts and string values are not.
//   - String tests: comparator CIEQ is IGNORECASE, every other comparator
//     (regular expressions included) CASESENSIT; without Expected the
//     measurement is LOG, whose limit WSJF writes as null.
//   - Additional data become {name, props:[{name, type "String", value}]},
//     the property named like the entry.
//
// Errors: malformed input is a *convert.MalformedError with the line and the
// element path (/TestResultsCollection/TestResults[2]/ResultSet[1]/Test[3]);
// a root that is not ATML wraps convert.ErrUnknownFormat; an operation name
// that cannot be resolved wraps convert.ErrUnknownProcess.
package atml
