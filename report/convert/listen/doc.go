// Package listen converts Listen SoundCheck "AutoSave to Text" files
// (electro-acoustic tests of speakers, microphones and headsets) into WATS
// UUT reports.
//
// The file is tab-separated. A header row starts with "Serial #:" and names
// the columns Serial #:, optionally Operator:, Time: and Lot #:; after Lot
// #: a results header continues Name, Margin, Unit, Result, Tolerance,
// Limits, while a curve header gives the curve name, the x/y/z data and axis
// scales and, eleven and twelve columns after Lot #:, the x and y units.
// Results rows follow a results header; a curve header is followed by an x
// row and a y row, and further x/y row pairs without their own header are
// further curves. Column positions are taken from each header row, so the
// files with and without the Operator column read alike.
//
// Mapping:
//   - a new report whenever the serial number changes; part number = Lot #
//     (parameter partNumber when empty); operator = Operator column, else
//     the operator parameter; start = the first row's time; revision,
//     sequence and test operation are parameters;
//   - a results row is a numeric step named Name with the Margin value and
//     unit as written; "max/min" limits (either order) give GELE [min, max],
//     other limit kinds (tolerance curves) LOG; status PASS/FAIL as written;
//     the tolerance kind and limit text are the report text; the report's
//     result is Failed when a row failed, else Passed;
//   - a curve is a chart step (Done) with one series; the chart type follows
//     the axis scales (x log: LineLogX, both: LineLogXY, y log: LineLogY);
//     a curve without its own header row is named "Curve <n>".
//   - dates and decimals: cultureCode en-US reads month-first dates and
//     decimal points, other codes day-first dates and decimal commas; without
//     it (the default) each value tells: AM/PM or "/" month first, "-" or "."
//     day first, a comma without a point a decimal comma;
//   - the text may be UTF-8 (with or without BOM), UTF-16 with a BOM, or
//     Windows-1252;
//   - serial and part numbers are kept as typed even with "/" ("S/N 13"),
//     which WATS stores but its searches treat as a delimiter (a warning).
//
// Decisions where Virinco's converter and the file disagree: column
// positions come from the header (Virinco's fixed positions read the
// operator as the time); the first curve keeps its name; a header-less curve
// is not given the previous curve's name; the chart is LineLogX for log x
// axes (Virinco: LineLogY); each report is returned once (Virinco submits
// the last one and also returns it).
package listen
