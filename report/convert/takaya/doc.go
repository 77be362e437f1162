// Package takaya converts the result files of Takaya flying-probe testers
// into WATS reports. Three layouts have their own converter:
//
//   - NewATD: the classic tab-delimited ATD of the APT series ("@" header
//     with Model:, DATE d/M/yyyy, Test time, Test ID; one "* GROUP No.n *"
//     block per board). Every board of a panel is its own report. The 2014
//     layout (columns "Step_number", "Judgement", "Parts"…, the serial number
//     in the header, DATE yy/MM/dd, no GROUP block) is read too, as one board;
//     columns are found by their header names.
//   - NewATDX: the semicolon ATDX of the APT-1400F and newer (main and group
//     headers). Every attempt (a re-test starts again at a group numbered no
//     higher than the previous one) is its own report with a "Group n"
//     sequence per group; its result is the worst group verdict.
//   - NewAPT94xx: the quoted-field ATD of the APT-9400 series; each @-block is
//     a report. Model "<PN>[T|B][_PANEL|_SINGLE]_<swver>.<swfile>" gives PN,
//     Rev "<swver>.<swfile>", sequence <swfile> version <swver>; the serial line
//     "<batch>-<sn> (<op1> - <op2>)" gives batch, SN, operator and the misc
//     info "Operator 2"; execution time is the sum of the rows' measuring times.
//
// Step rows become numeric limit tests named "<part>_<net H>_<net L>" (ATD,
// ATDX; a part that is no reference designator, like POWER_SHORTS, gives
// "<comment>_<nets>") or "<part>_<comment>" (APT94xx). With
// GroupByComponentType (default false for ATD, true otherwise) they are put in
// one sequence per component type: the letters of the designator ("C476" →
// "C") or the whole part name. Step statuses are the tester's judgement (PASS
// passes; FAIL, UPPER, LOWER, OPEN, SHORT, UNMEASURED fail; jumps and SKIP are
// skipped steps without a test); report results are the tester's verdicts.
//
// Decisions where the WATS client's converters and the files disagree:
//
//   - Limits: a tolerance window is ref×(1−|tol−|) … ref×(1+|tol+|) whatever
//     sign the file writes the minus tolerance with, so ATDX "10.0 / 10.0"
//     gives [4.23, 5.17] for 4.7 KO, not the client's [5.17, 5.17]. A tolerance
//     of 0 is a real tolerance; missing tolerances give ±10% (ATD, APT) or an
//     EQ test against the reference (ATDX).
//   - Units: when the measured and the reference units differ, the limits are
//     converted into the measured unit with factor(ref)/factor(measured)
//     (UnitCalcPreference=Limits converts the value instead). Prefixes p n u m k
//     G and µ are known; capital M is mega only for ohm and hertz and milli for
//     every other unit (MV, MA, MH), which is how the testers write them.
//   - Functions: ATD/APT "**" and "D" are tolerance windows (the client's
//     LTGE for D would fail every diode inside its window), "SH" LT 10 Ω, "OP"
//     GT 100 Ω (fixed thresholds, converted into the measured unit), "E" LE
//     and "F" GE the reference; ATDX EQ/SH/OP/LE/GE use the reference. Other
//     functions and non-numeric references give a step without a test.
//   - Values: the second test value when it is a number (dual measurement),
//     else the first, else NaN (kept, with the tester's status). APT94xx rows
//     with three values are a loop: the first reading as an iteration whose
//     status is evaluated, the final reading as the iteration carrying the
//     tester's verdict; its limits follow the row's nominal value. APT jump
//     rows without any reference value are zone markers and give no step.
//   - ATDX: the main header in front of an attempt's first group belongs to
//     that attempt (the client applies it to the previous one); attempts keep
//     the file's Test Date (no synthetic +30 s per attempt). Text after the
//     first space of Model becomes the misc info barcode_suffix. UnTested rows
//     keep their test with status Done (WATS refuses measurements on a skipped
//     step).
//   - ATD: PN keeps the program's .SWX extension, as the file writes it; a
//     file name containing "_debug" uses operation 10. Revision comes from
//     Defaults.Revision, else "1".
//
// A file the converter cannot read is a *convert.MalformedError with the line
// number; no partial reports are returned.
package takaya
