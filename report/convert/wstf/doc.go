// Package wstf converts WATS Standard Text Format files — TAB-separated text
// in Windows-1252 with a header, a step section and a footer per UUT — into
// WATS UUT reports, one per UUT block.
//
// # Mapping
//
// Header keys (SerialNumber, PartNumber, Revision, OperationTypeCode or
// OperationTypeName, UUTStatus, ErrorCode, ErrorMessage, StartDateTime,
// UTCStartDateTime, ExecutionTime, StationName, OperatorName,
// TestSocketIndex, FixtureId, BatchSerialNumber, Comment, SoftwareName,
// SoftwareVersion, ConverterMode, Subunit) fill the report header; any other
// "key<TAB>value" line becomes a misc info. Step lines (SequenceCall,
// EndSequenceCall, NumericLimitTest, PassFailTest, StringValueTest,
// ActionStep, Chart, Series) build the step tree under the root
// "MainSequence Callback". A test line continues the current step when it is
// of the same kind and its StepName is empty or the same; a MeasureName makes
// the step a multiple test (ET_MNLT, ET_MPFT, ET_MSVT) even for one
// measurement.
//
// Active mode (the default) evaluates measurements without a status against
// their limits and propagates Failed, Error and Terminated to the enclosing
// sequences and the report result. "ConverterMode<TAB>Import" takes numeric
// statuses as written (a missing one is Passed) without evaluation or
// propagation; pass/fail and string lines behave as in Active mode.
//
// # Parameters
//
//	fileEncoding       code page: 1252, 28591, 20127 or 65001 (default 1252)
//	cultureCode        culture of numbers (default en-US)
//	operationTypeCode  test operation: a code or a process name (default 10)
//	stationName        station when the file has none (default Defaults.Station.Name)
//	operator           operator when the file has none (default sysoper)
//	sequenceName       root sequence file when the file has none (default SeqName)
//	sequenceVersion    root sequence version when the file has none (default 0.0.0)
//
// A parameter wins over the matching Source.Defaults field, which wins over
// the default above. Part number, revision and serial number fall back to
// Source.Defaults only.
//
// # Decisions where the format leaves room
//
//   - Section markers match as prefixes at column 0 ("--UUT-End--" and
//     "-- UUT-End--"); header keys and step types match the whole first
//     column, case-sensitively, so "SerialNumberOfBoard" is a misc info, not
//     the serial number.
//   - A misc info's text is the second column as written (not trimmed);
//     values of known keys are the rest of the line, trimmed.
//   - A file without "--UUT-End--" still yields its last report, with a
//     warning; "--Header-Start--" after a step section also ends the UUT.
//   - A skipped step carries no measurement, chart or attachment, even when
//     later lines add some (they are removed at the end of the UUT).
//   - At most 10 series per chart; a Chart line needs a current numeric test
//     (it becomes WATS_XYGMNLT); chart data use '.' (a ',' is read as '.').
//   - In Import mode a step keeps the status of the line that opened it.
//   - Step statuses are Passed, Failed, Done, Skipped, Error, Terminated
//     (also Pass, Fail, Skip, Aborted), any case; others refuse the file.
//     Done on a test line refuses the file.
//   - String comparisons GT, GE, LT and LE compare bytewise (Virinco uses the
//     culture's collation); a warning says so.
//   - Empty numeric cells are NaN; NaN and ±Inf values and limits are kept as
//     written (WSJF validation warns about them).
//   - Supported cultures are chosen by language: "." decimal (en, ja, zh, ko,
//     he, th, invariant), "," decimal with "." thousands (de, nl, da, es, it,
//     pt, id, tr, el) or with space thousands (sv, nb, nn, no, fi, fr, pl, cs,
//     sk, ru, uk, hu, et, lt, lv); another code is refused.
//   - A UTF-8 byte-order mark wins over fileEncoding. Characters XML cannot
//     carry are removed from every line.
//   - Start: a StartDateTime without zone is read in Source.Defaults.Location;
//     with UTCStartDateTime too, the offset is the difference rounded to a
//     quarter hour (within ±14 h); UTCStartDateTime alone gives the start in
//     Source.Defaults.Location. No start means the conversion time.
//   - RTF sources are not read (save the text as .txt).
//
// Errors: malformed input is a *convert.MalformedError with the 1-based line
// number; an operation name that cannot be resolved wraps
// convert.ErrUnknownProcess.
package wstf
