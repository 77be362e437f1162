// Package i3070 converts Keysight (Agilent) Medalist i3070 in-circuit test
// log data files ("log records", as written for Pushbutton Q-STATS) into
// WATS UUT reports.
//
// The file is a tree of brace-delimited records, {@PREFIX|field|field…},
// with subrecords nested inside their parent's braces: @BATCH holds one
// @BTEST per board, a @BTEST holds @BLOCK (test block) records and test
// records, a block holds analog results (@A-RES, @A-CAP, @A-MEA…) each
// optionally followed by @LIM2 (high, low) or @LIM3 (nominal, high, low).
// The reader follows the format document: "|" fields, "\" lists, "~n|"
// literal fields (which may hold any character), a line feed ending a
// record's fields, and ASCII 4 ending a truncated record. Windows-1252
// text is decoded.
//
// Mapping:
//   - every @BTEST is one report, also several in one batch or file; a
//     @BATCH closed on its own line applies to the boards logged after it;
//   - part number and revision = @BATCH UUT type and UUT type rev (Virinco
//     uses the version label and testplan rev, which are empty or not the
//     product on most sites); operator = operator id; station = controller;
//     fixture id and batch id to the header; testplan id and rev = root
//     sequence name and version; process step, version label, parent panel
//     type/rev, board number, parent panel id and the raw board status as
//     misc info; parameters fill what the batch leaves empty;
//   - serial number = board id; start = start datetime (YYMMDDHHMMSS, in
//     Defaults.Location); execution time = duration, else end − start;
//     result = test status: 0 Passed, the "failed …" codes (1–10, 12, 14–17)
//     Failed, 13 and the operator aborts 81/82 Terminated, the rest (runtime
//     error 80, handler failure 11, reserved and user codes) Error;
//   - comment = status qualifier plus every @RPT message of the board (not
//     only those after the last block, as in Virinco's converter);
//   - a sequence per run of records of one kind, named by the prefix
//     ("A-RES", "TS"), as Virinco's converter names them;
//   - a block's analog results form one numeric step named by the block, or,
//     with subtest designators or several results, a multiple numeric step
//     whose measurements are named by the designators; limits GELE [low,
//     high] exactly as @LIM2/@LIM3 state them (a limit of 0 is a limit), LOG
//     without limits; the record's test status is the step's status, since
//     the tester's verdict includes guard bands the limits do not show;
//     units Ohm (RES, JUM, POT), F, H, V (DIO, ZEN), A (FUS), none otherwise;
//   - @TS, @PF, @D-T, @TJET, @CCHK and @BS-CON become multiple numeric steps
//     with their counts (LOG), @PCHK a pass/fail step; status from the test
//     status; their subrecords (shorted and open nodes, pins) are the step's
//     report text.
//
// numberFormatMode: Virinco's default, "prefix", picks a prefix from the low
// limit (which fails for a low limit of 0 and can change a test's unit from
// board to board). Here the default is "base" (units as the tester writes
// them); "prefix" picks the prefix from the largest limit, which is the same
// for every board.
//
// No i3070 sample ships with Virinco's converter: the test files in
// testdata were written for these tests from the format document and the
// public excerpt quoted in the format survey.
package i3070
