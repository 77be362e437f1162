// # Reports
//
// What a station and a third-party client can rely on, as on a WATS server:
//   - POST /api/Report/WSJF refuses (400) a report whose process code is not
//     in the process table, a UUT whose process is not a test operation, a
//     UUR whose process is not a repair operation, and a UUR failure whose
//     category/code is not in that repair operation's fail-code tree
//     (compared case-insensitively). WithReports seeds are stored without
//     these checks, so fixtures may hold history.
//   - A stored report creates its product, the product's revision and the
//     production unit (serial and part number) when they do not exist yet;
//     existing ones are left as they are. A client may read them right after
//     submitting. A refused report creates nothing.
//   - Submit answers the documented InsertReportResult {"ID", "uuid",
//     "Report_ID"}; the report is visible to every query at once. A report
//     without an id gets one. Resubmitting an id replaces the stored report
//     and raises its receiveCount (WithDuplicatePolicy(DuplicateReject)
//     answers 409 instead).
//   - Header rows are the documented ReportHeader: result as a word
//     (Passed, Failed, Error, Terminated), userName, timeStamp (processing
//     order), run/passedInRun per unit and test operation, reportSize in KB,
//     causedUutFailure and its "¶"-joined path, swFilename/swVersion from the
//     root sequence; absent members are null, dates carry the report's
//     offset and at most seven fractional digits. The route has no report
//     type parameter: UUT and UUR rows are told apart by reportType 'T'/'R'
//     in $filter. $expand takes subUnits, miscInfo, assets, attachments
//     (UUT) and uurSubUnits, uurMiscInfo, uurAttachments (UUR). String
//     comparisons in $filter are case-sensitive; a filter outside the
//     supported OData subset gets a 400.
//   - HeaderByMiscInfo takes description, data, serialNumber and processCode
//     (at least one, else 400), searches UUT and UUR reports (description
//     case-insensitively, data exactly, no wildcards) and answers short
//     WATS_UUTResult rows with the report's miscData.
//   - Loads return exactly what was sent plus what a server adds on read:
//     productName null, processName from the process table, origin
//     "watstest", startUTC, empty arrays, stepIdCausedUUTFailure, step
//     causedUUTFailure false, ids on UUR attachments.
//   - Attachments: reportId is required; a UUT attachment is named by stepId,
//     a UUR attachment (binaryData, failure attachments) by its GUID, the id
//     the load and the uurAttachments expansion show. The certificate is a
//     one-page PDF naming the report.
//   - WSXF submissions are checked for well-formedness and stored as sent;
//     they do not appear in header queries. For a WSJF report, Wsxf/{id}
//     answers a minimal XML header, not real WSXF.
//
// # Certificate exports
//
// POST /api/Export/Certificate requires the filter body and the
// headerDataOnly and asIndividualFiles flags, checks dimensions and
// numericFormat against the documented values, and builds the ZIP at once
// (the server builds it in the background and mails a link): one PDF per UUT
// report, or one for all. The queue answer is {"fileName", "reportCount"},
// GET /api/Export/List answers {"exports": [{"fileName", "createdUtc",
// "size", "reportCount"}]} (the documents give both no shape), and
// GET /api/Export/{fileName} streams the file, named with or without ".zip".
//
// # Root-cause tickets
//
// Emulator rules, chosen where the documents say nothing:
//   - the caller's user name is the user part of the Basic token
//     ("watstest" for DefaultToken); it becomes owner and updateUser;
//   - status 1 is "new"; an unassigned ticket with any other status is
//     refused with 400 "Unassigned tickets must have status new";
//   - the assignee is stored but never returned (assignee is null), as on
//     the real server;
//   - view 0 lists tickets assigned to the caller, view 1 tickets the caller
//     owns or is assigned, view 2 everything;
//   - only Solved tickets archive (they become Archived); ArchiveTickets and
//     the internal DeleteTickets answer the last ticket concerned, TicketCounts
//     the caller's assigned and owned tickets (the documents type all three
//     as tickets);
//   - attachments are accepted as multipart part "file" or as a raw body; an
//     update may only reference uploaded attachments (400 otherwise).
package watstest
