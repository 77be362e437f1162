// Package wsxf converts the two XML report formats of WATS: WSXF, the WATS Standard
// XML Format (New), and WRML, the format the WATS C# client posts and keeps in its
// local queue (NewWRML). Both carry test (UUT) and repair (UUR) reports; a file with
// several <Report> elements yields one report per element, in file order.
//
// # What a conversion yields
//
// Reports are built ready for Finalize: every status is the one the file gives (a
// status the file omits is left for Finalize to compute), step ids are not carried
// (Finalize numbers steps 1…N in pre-order), and GUIDs are written in lower case. A
// file either converts completely or fails with an error and no report: a
// *convert.MalformedError names the element path ("/Reports/Report/Step/Step[3]/
// NumericLimit/@LowLimit") and line; an unresolvable process name also matches
// convert.ErrUnknownProcess, an unreadable attachment file
// convert.ErrMissingAttachment.
//
// The mapping follows WATS's own WSXF converter, checked against a report the
// server exported in both XML and JSON, with these deliberate differences where
// WATS's converter loses or corrupts data:
//
//   - empty station location and purpose are filled from Defaults.Station, like the
//     station name;
//   - a step's StepCausedUUTFailure is kept;
//   - a step with several string measurements is typed ET_MSVT (not ET_SVT);
//   - a step without content keeps its StepType (NI_Flow_If, NI_Wait, ...) instead of
//     becoming Action; an empty StepType is Action;
//   - a single-limit operator (EQ, NE, GT, GE, LT, LE) written with only HighLimit, as
//     old exports do, has its limit moved to lowLimit, where WSJF keeps single limits;
//   - a repair report whose Process names no repair code gets
//     Defaults.RepairProcessCode.
//
// # Decisions where the format leaves room
//
//   - Times: a start with an offset is used as is; without one it is read in
//     Defaults.Location. When Start_utc is also given, the offset becomes the
//     difference of the two rounded to 15 minutes (if within ±14 h) and startUTC is
//     written. A start before 1970 (the C# client writes 1900 for "unset") is
//     replaced by the UTC start, else by the conversion time. Step starts without a
//     zone are UTC; UUR confirm and finalize dates without a zone are in
//     Defaults.Location.
//   - Empty PN or SN take Defaults.PartNumber / SerialNumber and are an error when
//     those are empty too; an empty Rev takes Defaults.Revision.
//   - A missing Report Result is Passed (the schema's default); a Result of Done,
//     Skipped or Unknown is an error, since reports are only P, F, E or T.
//   - A UUT without a Process element takes Defaults.ProcessCode, and fails when that
//     is 0; so does a UUR's inner UUR/Process.
//   - An absent step Group is Main. Measurement statuses are Passed, Failed or
//     Skipped; they are copied, never recomputed from the limits. A test step whose
//     status is Passed or Done but that holds a failing measurement becomes Failed;
//     nothing else propagates.
//   - A skipped step keeps no measurements, chart, attachment or additional results.
//   - Limits: LOG carries none (limits written with it are dropped with a warning); a
//     single-limit operator with both limits keeps LowLimit (warning); a dual-limit
//     operator missing one is an error. An empty CompOperator is LOG.
//   - Numbers are xs:double (invariant culture, NaN and INF kept); integers written
//     as integral doubles ("3.0") are accepted.
//   - Charts: an empty ChartType is Line; only Line, LineLogXY, LineLogX and
//     LineLogY are accepted. Series need ydata; xdata, when present, needs as many
//     numbers. More than 10 series or 10 000 points give a warning. WRML chart rows
//     (base64 float64 x,y pairs) are written as the server writes series text: 15
//     significant digits, integral values without a fraction.
//   - Attachments: the element's base64 text; when it is empty the file named by
//     Name is read from the source file's folder (Params "missingAttachment"="skip"
//     drops a missing file with a warning). An empty ContentType is
//     application/octet-stream.
//   - AdditionalData and AdditionalResults: every child element becomes a property
//     named after it, of type String holding its text, or Obj holding its children.
//   - Repair reports: without a ReportUnitHierarchy of Idx 0 the repaired unit is
//     added from the header (part type Main). A failure's Comment elements are
//     joined with line breaks; its Failcode GUID is dropped; fail codes are not
//     checked against the server (the process resolver cannot look them up).
//   - Ignored: origin, ProductName, ParameterBaseVersion, StepIdCausedUUTFailure,
//     module_time, Filename, PropertyLoader, ReportInfo, SPCData, UUR Active and
//     Children, WRML Process@Guid and, for WSXF UUTs, PartInfo.
//   - The root element must be <Reports> in the format's namespace; elements may nest
//     at most 512 levels.
package wsxf
