// Package teststand converts NI TestStand XML reports into WATS reports: the
// classic report document (<Reports><Report>…, with or without the WATS UUT
// type extensions) and the WATS TestStand add-on's <TSReport> dump with its
// ReportInfo entries.
//
// Mapping, and where it differs from the WATS client's TestStand XML converter:
//
//   - Every UUT <Report> of a <Reports> file becomes a report (batch and
//     parallel models write several); the client's converter reads only the
//     first. Report elements of another Type (Batch) are skipped with a warning.
//
//   - SN is UUT.SerialNumber; PN UUT.UUTPartNumber, else UUT.PartNumber, else
//     Defaults.PartNumber (a file without any is refused, since WATS needs a
//     part number); Rev UUT.UUTPartRevisionNumber, else the partRevision
//     parameter (default "1.0"); the operation UUT.UUTOperationType, else the
//     operationTypeCode parameter (a code or a process name; default 10).
//
//   - Operator StationInfo.LoginName, station StationInfo.StationID. Location
//     and purpose come from StationInfo, else the location/purpose parameters,
//     else Defaults.Station: unlike the client, the parameters also apply when
//     StationInfo exists without those fields (WATS requires both).
//
//   - Start is ReportInfo Start (ISO with offset); otherwise the classic
//     StartTime/StartDate details in Defaults.Location, the year taken from the
//     first four-digit run in StartDate.Text, then ShortText, then Year (some
//     TestStand versions wrote a wrong Year). Step starts are ReportInfo
//     EngineStarted plus TS.StartTime, so only dumps carry them.
//
//   - Execution time, error code/message and the UUT result come from the root
//     result (MainSequenceResults, or the first TEResult property). UUTLoopIndex
//     becomes batchLoopIndex, as in the client. MiscUUTResult.Misc_UUT_Info and
//     UUT_Part_Info become misc infos and sub-units; UUT.AdditionalData becomes
//     the report's additional data, or misc infos with
//     convertAdditionalDataToMiscInfo=true.
//
//   - Each ResultList item (and TS.PostAction.ResultList) is a step: sequence
//     calls recurse; skipped steps keep no data; Numeric, PassFail, String,
//     Measurement[] (multiple numeric, string or pass/fail; items of a second
//     kind are dropped with a warning), ExitCode and ButtonHit map to the WATS
//     step kinds; a Chart (WATS_Chart_Data with Plots[]) makes a chart step
//     whose series are the plots (two rows or two columns of PlotData are x
//     and y, one row is y) and whose measurements are the numeric data;
//     anything else is an action step. Recorded loop iterations (TS.LoopIndex)
//     followed by their summary (TS.NumLoops, same StepId) become a WATS loop:
//     the summary as the header, then the iterations; iterations without a
//     summary stay plain steps. Statuses without a WATS code
//     (Running, custom ones) become Done with a warning.
//
//   - Comparison strings are WATS operator names; a missing Comp is LOG. Single-limit
//     operators use Limits.Low (High when only High is written). EQT is
//     RawLimits.Nominal ± Low/High as percentage, ppm or delta
//     (Limits.ThresholdType), written as GELE. Numbers are invariant, with inf,
//     nan and ind accepted.
//
//   - A result's XMLString is attached as stepdata.xml and its
//     AdditionalResults properties become the step's additional results
//     (not on skipped steps, which WATS keeps bare).
//
// Not converted: AttachedFileData (the WATS client reads the named file from
// disk and deletes it; this converter touches no file besides its input) and
// message-popup/property-loader details beyond ButtonHit and Response.
//
// A file the converter cannot read is a *convert.MalformedError with the line
// and element path; no partial reports are returned.
package teststand
