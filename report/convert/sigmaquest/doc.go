// Package sigmaquest converts SigmaSure/SigmaQuest "UnitReport" XML
// (urn:unitreport-schema, with or without the namespace) into WATS UUT
// reports.
//
// Mapping:
//   - serial number, part number and revision = the first Product's
//     serial-no, part-no and version (revision parameter when it has none);
//     further products, nested in products or categories, are sub-units;
//     operator = Operator@name; station = Station@name, location = the
//     station property "Location"; start = UnitReport@start-time (offset
//     kept), execution time = end-time − start-time;
//   - the root TestRun is the root sequence (its name the sequence name,
//     UnitReport@software-version or the station property "Test Software"
//     its version); misc info: UnitReport@mode and every unit report,
//     station, category and product property (values cut to 100
//     characters);
//   - a TestRun with sub-runs is a sequence; a TestRun with Result values is
//     one step by the kind of its first value: ValueDouble/ValueInteger a
//     numeric step (several values a multiple numeric step, measurements
//     named by the value names), ValueString a string step (IGNORECASE
//     against usl, else lsl), ValueBoolean a pass/fail step; SetUp values
//     alone make a setup-group step; a TestRun without values is a pass/fail
//     step from its grade. Values of another kind than the first are left
//     out with a warning;
//   - grades PASS/DONE Passed, FAIL Failed, INCOMPLETE/ABORTED Terminated,
//     SKIPPED Skipped, PENDING Error; a value's own grade wins over its run's;
//     the grade is the step's status and each measurement's, also where the
//     value is outside its limits (with a warning);
//   - a "Comparison" or "COMP" run property naming a WATS operator with as
//     many limits replaces the operator; other run properties are the report
//     text (name=value lines), Error messages the step's error message;
//     attachments (paths on the test station) are not read.
//
// Limits of 0. The files write lsl="0" and usl="0" for limits that are not
// set (value -3.4359 with lsl 0 and usl -2.4, graded PASS), so a 0 is a real
// limit only where the file supports it: lsl and usl both 0 are no limits;
// lsl 0 is a limit when usl is above 0 (GELE [0, usl]) or absent, usl 0 when
// lsl is below 0 or absent; and a 0 that a passing value does not honour is
// no limit. Virinco's converter takes every 0 as a limit (GELE [0, -2.4]).
// A value written "null" is no value (NaN; its limits are not applied).
package sigmaquest
