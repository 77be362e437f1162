// Package xjtag converts XJTAG boundary-scan log files (.xjlog, written by
// XJRunner and XJDeveloper 3.x) into WATS UUT reports.
//
// An .xjlog file is a ZIP archive holding Info.xml (the project path and the
// number of runs) and one "Run <n>.xml" per test run, plus checksums and
// embedded connection-test data, which are not read. Every run becomes one
// report, in run-number order; a file written by several XJLinks in
// parallel therefore gives several reports. A run's XML on its own (root
// element testrun) is converted too.
//
// Mapping of one run:
//   - serial number = testruninfo/serial; operator = testruninfo/user;
//     comment = testruninfo/project-description; station name =
//     testruninfo/xjlink-name when it is not empty (otherwise the watcher's
//     station); start = testrun@datetime (UTC); execution time =
//     testruninfo/time-taken (milliseconds) when present; result = Passed,
//     Failed, Error or Terminated from testruninfo/result.
//   - part number, revision, sequence name and version and the test
//     operation are parameters: the file does not carry them.
//   - misc info: XJLink serial, XJTAG version and the project path (cut to
//     the 100 characters WATS allows) when present.
//   - every testgroup becomes a sequence (nested groups nest), every
//     testfunction a pass/fail step whose status is its result value
//     (Passed, Failed, Skipped; Error and Terminated/Aborted too). A skipped
//     function is a Skipped step. The step's time is time-taken, its report
//     text the function's plain-text output.
//
// Decisions where Virinco's converter and the file disagree:
//   - an empty xjlink-name leaves the configured station name instead of
//     writing an empty one;
//   - the report text is the function's whole plain-text output rather than
//     its first text-output element (text-output elements are fragments:
//     component names come in between as html-output);
//   - a result word the converter does not know is a warning and leaves the
//     status to be computed, instead of failing the file;
//   - the default test operation is 210, as Virinco's code has it (its
//     README says 10).
//
// A file that is not a readable ZIP, has no run, or whose run XML is broken
// or lacks its start time is refused with a *convert.MalformedError naming
// the archive member and line or element.
package xjtag
