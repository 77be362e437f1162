// Package watstest is an in-memory WATS server for tests and demos: a
// product feature, not a test helper. Point any WATS client at it (this
// SDK, pyWATS, a C# station, curl) and it answers the routes of the SDK's
// contract with the server's wire field names.
//
//	srv := watstest.NewServer()            // 127.0.0.1, random port
//	defer srv.Close()
//	c, _ := wats.New(srv.URL(), srv.Token())
//
// NewHandler gives the emulator as an http.Handler without a listener
// (cmd examples/emulator serves it on a fixed address). Seed data comes
// from options (WithProcesses, WithLevels, WithToken, WithClock, ...).
//
// # Contract
//
// The emulator holds itself and its clients to the WATS server's own API
// documents (its Swagger files, compiled into the module). Each request is
// matched to a documented operation as ASP.NET routes it (literals
// case-insensitive, literal segments before parameters, a trailing "/"
// ignored): no documented template answers 404, a template documented
// only under other verbs 405, a documented operation the emulator does
// not serve 501. Then, by mode (WithContract, else the environment
// variable WATSTEST_CONTRACT = strict, lenient or off):
//
//   - Strict answers 400, naming the operation and each violation, for an
//     undeclared query parameter, a missing required one, a value of the
//     wrong type or format (int32/int64, number, true/false in any case,
//     ISO 8601 date-times with at most 7 fractional digits, GUIDs,
//     documented enum values), a body where none is taken or none where
//     one is required, a body member the schema does not have (members bind
//     case-insensitively, as Json.NET binds them) or one the document marks
//     read-only. Every 2xx answer of the emulator is checked against the
//     documented answer schema (no undocumented members, exact member
//     spelling, JSON types as documented, date-times as .NET writes them,
//     GUIDs lower-case and never ""); an answer that breaks it is replaced
//     by a 500 whose message names the violations, so a test fails loudly.
//   - Lenient ignores what the server ignores: undeclared query
//     parameters, unknown and read-only body members, enum values outside
//     the documented list, numeric strings where numbers are documented,
//     a body the operation does not read. Routing, types and formats and
//     required parameters are enforced as in Strict; answers are not
//     checked.
//   - Off switches the check off: the emulator answers every route it has.
//
// Strict is the intended default; during the current clean-up the default
// without WATSTEST_CONTRACT is Lenient.
//
// The documents' known gaps are one table inside the module, each entry with
// its reason: the OData options ($filter, $top, $skip, $orderby, $expand,
// $select, $count) of the OData list operations (report headers, assets,
// asset types, asset log, product query); controllers that read the raw
// body (WSJF, checked against the WSJF report model; WSXF, BOM, serial
// number upload, zip and attachment uploads, not checked); answers
// documented as a bare object (not checked member-wise); the one template
// /api/Asset/{assetId} = /api/Asset/{serialNumber} (a GUID value is an asset
// id); the flags value of the root-cause ticket status; the two software
// list routes documented as answering one package. Routes neither document
// lists are refused, unless the SDK keeps them, with evidence, under an
// Unverified() service and the emulator registers them as such.
//
// ContractStats reports what the check saw: exchanges, exchanges per
// operation, refused requests, unknown routes, operations not emulated and
// answers that broke the schema. DocumentedOperations lists the operations.
//
// # Faults
//
// Inject makes the next matching requests misbehave, deterministically and
// safely under concurrency: answer a status code with any body, send
// Retry-After, add latency, reset the connection, truncate the body, or
// hang until the client gives up. FailNext(n, status) is the short form;
// ClearFaults removes them all and releases hanging requests.
//
// # Admin API
//
// AdminHandler serves the same controls over HTTP under AdminPrefix
// (/_watstest/, outside the WATS API), behind the emulator's token, for
// tests written in other languages: POST /_watstest/faults with a Fault
// as JSON (or an array of them), DELETE /_watstest/faults, GET and DELETE
// /_watstest/requests, GET /_watstest/contract. The examples/emulator
// command mounts it.
//
// # Inspection
//
// Requests returns every request received (method, path, raw query,
// headers without Authorization, body size, status, duration);
// RequestsTo filters it by verb and path prefix; WithRequestHook streams
// the same records as requests complete.
//
// # Where the emulator differs from a real WATS server
//
//   - Authentication accepts exactly one token (WithToken, default
//     DefaultToken = base64("watstest:secret")); tokens issued by
//     GET /api/Auth/GetToken are not accepted; there are no permissions or
//     403 answers unless injected.
//   - Error bodies are always {"Message": "..."} (ASP.NET Web API style),
//     the shape the SDK reads first.
//   - Routes match case-insensitively and a trailing "/" is ignored, as in
//     ASP.NET; an unknown route answers 404, a known route with another
//     verb 405.
//   - Internal routes (/api/internal/...) are refused with 400 unless a
//     Referer header is present; the real server's exact check is unknown.
//   - GET /api/App/Version answers the JSON string "24.1.0" (ServerVersion).
//   - GET /api/App/Processes: without any of the three kind flags every kind
//     is listed; with some, only kinds whose flag is true. Inactive processes
//     (state 0) appear only with includeInactiveProcesses=true.
//   - Process GUIDs and fail-code GUIDs are derived from codes and names, so
//     they are the same in every run.
//   - GET /api/App/ProductGroups keeps its own list (WithAppProductGroups);
//     with includeFilters=true each group gains an empty "filters" array (the
//     member name is the emulator's choice).
//   - GET /api/internal/Process/GetRepairOperation/{id} answers one
//     repair-operation configuration object; 404 when the id is unknown or
//     processCode does not match.
//   - There is no rate limiting, caching or persistence: state lives in
//     memory for the life of the Emulator.
//
// Reports, exports and root-cause tickets: see the sections below.
//
// # Products, assets and production
//
//   - PUT /api/Product and PUT /api/Asset upsert (by part number; by
//     assetId, else serialNumber); fields absent from the body keep their
//     stored value. GET of an unknown part number or asset answers 404.
//   - A part number equal to a sibling literal route (Query, Groups,
//     Vendors) is routed to that sibling, as literal routes win on the real
//     server.
//   - Asset counts: incrementBy defaults to 1; totalCount sets the total
//     and adds the difference to the running count (a lower total is 400);
//     calibration resets the running count; calibration and maintenance set
//     last = the given time (default now) and next = last + the type's
//     interval in days. Status is Alarm when a limit is reached or a due
//     date passed, Warning past the warning threshold. Every change is
//     written to the asset log under the caller's user name, newest first
//     unless $orderby says otherwise. Lists answer at most 1000 rows without
//     $top, assets ordered by assetId and types by name. Files are kept per
//     asset (raw bytes, or Base64 JSON with WithAssetFilesAsBase64).
//   - The WATS 25.3 asset routes the documents do not list yet
//     (SetRunningCount, SetTotalCount, Calibration/External,
//     Maintenance/External) are served as contract Extras.
//   - Unit verification grades are computed at call time from the stored
//     reports, so a report submitted a moment ago changes the grade.
//     AddChild enforces the box build declared with WithBoxBuild (part
//     number, revision mask, child finalized, no second parent, no cycles);
//     it does not read the product domain's relations.
//   - Serial-number types hand out numbers from their address ranges;
//     taken, reserved and deleted numbers are never handed out again.
//
// # Users, tokens and the system manager
//
//   - Users (WithUsers, default DefaultUsers: "watstest", the token's
//     user, and "operator1") back GET /api/App/CommonUserSettings
//     (UserName ignoring case; 404 for an unknown user) and the SCIM
//     routes. SCIM answers are core SCIM users (roles as [{"value": ...}],
//     meta with created/lastModified/location) and ListResponse pages
//     (startIndex 1-based, count default 100); the only filter understood
//     is `userName|externalId|displayName eq "value"`; created users get a
//     new GUID and 201; a taken userName answers 409. PATCH follows the
//     server's documented rules: only "replace", on fullName, familyName,
//     givenName, email, roles (one of Administrator, Operator, Developer,
//     Viewer), active (a boolean), levels and productGroups (";"-separated,
//     only added). SCIM errors use the SCIM error message
//     ({"schemas", "status", "detail", "scimType"}).
//   - GET /api/SCIM/v2/Token answers {"token", "expiresUtc",
//     "durationDays"} with a JWT-shaped (unsigned) token, duration default
//     90 days.
//   - GET /api/Auth/GetToken[/{identifier}] answers {"identifier",
//     "token"}, the token in the Basic form base64("user:secret"). A token
//     is shown once: asking again for the same identifier without
//     reset=true answers 409.
//   - System-manager clients (WithSystemClients, default DefaultClients)
//     are listed and looked up by name or identifier with the documented
//     ClientDto members plus identifier and version; PUT changes
//     displayName, location, purpose and clientGroupId (a known level)
//     only. Levels have a ParentID (AppLevel); GET /api/SystemManager/Level
//     walks a hierarchy of names from the top and answers the leaf id or
//     null, POST creates the missing levels and answers the leaf id.
//     GET /api/SystemStatus answers version, database, serverTimeUtc,
//     clients and users as texts.
//   - An Option that is given bad seed data records an error instead of
//     panicking; SeedError reports it and the previous data stays.
//
// # Analytics
//
// The analytics routes are computed on
// every call from the UUT and UUR reports the emulator stores, so a test can
// submit a known set of reports and assert exact figures.
//
// Yield definitions the emulator uses:
//   - a unit is a part number + serial number, counted per test operation
//     (the report's processName, else its process code as text);
//   - each unit's UUT reports of that operation are numbered by start time:
//     run 1, run 2, ...; the unit belongs to the group (period, station,
//     ...) of its first run, every report to its own group;
//   - unitCount = units; fpCount/spCount/tpCount = units that passed
//     (result "P") on run 1 / by run 2 / by run 3; lpCount = units whose
//     last run passed; fpy, spy, tpy, lpy = those counts / unitCount × 100;
//   - testReportCount = reports; testYieldCount = passed reports;
//     testYield = testYieldCount / testReportCount × 100; retestCount =
//     reports that are not a unit's first run; ppm* = (1 − yield) × 10⁶;
//   - rolled yield is not a server KPI: multiply the per-operation fpy
//     (analytics.Service.RolledYield does).
//
// Other emulator choices: dateGrouping 0..5 = year,
// quarter, month, ISO week, day, hour (pyWATS' names); the period column is
// the period's start in RFC 3339 UTC; periodCount counts back from the
// emulator clock; productGroup and level are unknown to the emulator and
// group as ""; top failed steps count leaf steps only (status F = failed,
// S = not run); measurement paths join step names with "¶" from the root
// step down, "¶¶name" for a named measurement; the dimensions query
// parameter wins over the body field; OEE availability is run time (the
// sum of uut.execTime) over planned time (availableTime hours per weekday,
// Monday first, over the calendar days of the range), performance is
// ideal (shortest) cycle time × count / run time or count / targetOutput,
// quality is passed / reports.
//
// # Software distribution
//
// The emulator serves every public package route and the internal ones the
// SDK calls (including GetPackage and DownloadFile, which the download
// helper uses).
//
// Emulator rules:
//   - status transitions are exactly Draft→Pending, Pending→Draft,
//     Pending→Released, Released→Revoked; others answer 400;
//   - only Draft and Revoked packages can be deleted (400 otherwise); both
//     deletes answer 204, as do the void actions PUT Package/{id},
//     FileAttribute/{id} and UploadZip/{id};
//   - zips are accepted only while the package is Draft, as the document
//     requires: multipart/form-data with a part of content type
//     application/zip; a file at the zip's root is refused with 400;
//   - file checksums are MD5 (16 bytes, base64 on the wire);
//   - SoftwareEntity type 0 is a folder, 1 a file;
//   - in Pending or Released, an update may change only status and tags.
package watstest
