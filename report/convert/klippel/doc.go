// Package klippel converts Klippel QC (loudspeaker and audio end-of-line
// test) DUT logs into WATS UUT reports.
//
// Klippel QC writes, per tested unit, a header file "DUT <serial> <date>
// UTC+hhmm.txt" of key=value lines with // comments, and a folder of the
// same name holding one tab-separated result file per task and result,
// "<Task>-<result>.txt". The converter is given the header file; it reads
// the folder next to it (a missing folder is convert.ErrMissingAttachment).
//
// Header and result files may be UTF-8, UTF-16 with a BOM or Windows-1252.
//
// Mapping:
//   - serial number = Cfg_SerialNumber; operator = Cfg_UserName; station =
//     Cfg_PCName when set; start = Cfg_DutStartTime (SciLab getdate parts
//     with the UTC offset in minutes, which the report keeps; negative
//     offsets are read too); part number, revision, sequence and test
//     operation are parameters;
//   - result = Ctrl_OverallVerdict: 1 pass and 2 warning Passed, 0 Failed,
//     -1 void Terminated, 3 noise and 4 invalid Error; a non-empty
//     Ctrl_ErrorGeneral is the comment and makes the result Error;
//   - misc info Cfg_LoginMode, Cfg_Speaker, FileName and Verdict (the
//     verdict word);
//   - a sequence per task (the file-name part before the last "-"), files in
//     name order;
//   - "name value max min" tables: a numeric step per row, GELE, LE or GE by
//     the limits given, LOG without; "-" is no value;
//   - curve tables ("frq <curve> max [min]"): a chart step (LineLogX,
//     Frequency in Hz) with the curve and its limits as series and the
//     measurements OutOfBounds (points above max or below min, LT 1, unit
//     "#") and avg, min and max of the curve's points;
//   - step statuses come from the header's Results_Pass, _Warning, _Fail,
//     _Void, _Noise and _Invalid lists where they name the result, from the
//     limits otherwise.
//
// Decisions where Virinco's converter and the file disagree: "-" points are
// left out of the curve statistics instead of turning them into NaN; curve
// statistics carry no unit (Virinco labels them "Hz", the x axis unit);
// negative UTC offsets are read; a header key given twice keeps the last
// value with a warning instead of failing; a max-only or min-only limit row
// becomes LE or GE instead of an error; the per-result verdict lists are
// used instead of recomputing every status.
package klippel
