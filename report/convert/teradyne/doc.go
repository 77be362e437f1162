// Package teradyne converts Teradyne in-circuit tester output into WATS
// reports: the GR228x datalog (NewGR228x) and the Spectrum CTRD export
// (NewSpectrum).
//
// GR228x datalog mapping:
//
//   - The board program line "<path>.obc[DD-MON-YY hh:mm:ss" names the root
//     sequence; the part number comes from its file name through
//     partNumberRegEx (default: the text before the first "_", "43420" for
//     43420_BIO2.obc; a pattern starting with {Path} is applied to the whole
//     path, which the WATS client's converter does not do). Rev is "1"
//     (Defaults.Revision when set); WATS_partNumber=, WATS_partRevision=,
//     WATS_sequenceName=, WATS_sequenceVersion=, WATS_operator= and
//     WATS_stationName= lines override per board. A TOP_OF_LOOP-A…H line
//     (socketNumberRegEx), inside the board or just before its start line,
//     sets the test socket 1…8. Lines between boards are ignored with a
//     warning; a file whose first line is neither a program nor a board start
//     is refused.
//   - Every board from "@DD-MON-YY hh:mm:ss SN <serial>" to its result event
//     line is a report: '"' Passed, '/' Failed, '?' and '!' Terminated, '&'
//     and '*' Error, ']' (returned to diagnosis) Terminated; execution time is
//     event − start. A ']' line after the last board gives nothing. Terminated
//     boards are kept even without steps.
//   - General failure records (S shorts, O opens, B bus, C scratch probing, F
//     contact) are failed string steps in the root with the node list as value
//     and report text; a list ending in "+" continues on the next line.
//   - Measurement lines "<ref><r><value>(<low>,<high>)<type>" are grouped in
//     "<letter>-Group<n>" sequences (a new one whenever the reference's first
//     letter changes; n counts per letter). Names are "<ref>(<type>)". With a
//     value: a numeric test, GELE/GE/LE/LOG by the limits present; value and
//     limits in the value's prefix and the unit prefix+base of the type
//     ("kOhm", "nF", "mV"), so R402=45.131532MEG(500K,)R is 45.131532 MOhm GE
//     0.5 (the client writes 45131.532 labelled M(R)). Without a value: a
//     pass/fail step, except source settings (IS, VS), which are no tests and
//     open no sequence (the client leaves empty S-Group sequences). '=' passes,
//     '#' is a logged value (Done), '<' '>' '%' fail with the type description
//     as the step error message. Prefixes: P N U M(milli) K MEG G.
//
// Spectrum CTRD export mapping (one board per file):
//
//   - PROGRAM_NAME is the part number (and the root sequence name unless
//     Defaults.SequenceName is set); USER lines give Serialnumber, Operator,
//     the misc infos OrderNumber and CustomerSN (and File, the input's name),
//     and "STATUS: BOARD PASSED|FAILED" the result. Revision: partRevision
//     (default Defaults.Revision, else "1"); operation 30 by default.
//   - Start is the first STEP TIME (MM/dd/yyyy), execution time the last STEP
//     TIME minus the first (the USER StartTime/EndTime lines are not used).
//   - Every SECTION_NAME is a sequence (names may repeat); steps before the
//     first section go into the root. A STEP with one PAGE is a step named by
//     PAGE_NAME (report text DESC and COMMENT); with several pages it is a
//     sequence named by SNAME holding one step per page.
//   - A page with a MEASVAL is a numeric test, GELE/GE/LE/LOG by the LOLIM and
//     HILIM present, limits rescaled into the MEASVAL's SCALE, unit SCALE+UNIT
//     as written ("nF", "mO", "O"); a page without one (discharge, shorts,
//     external programs) is an action step. Statuses are the pages' STAT.
//   - Every STEP is converted: the WATS client's converter drops the file's
//     last one.
//
// A line the converter does not understand is a *convert.MalformedError with
// its line number; no partial reports are returned.
package teradyne
