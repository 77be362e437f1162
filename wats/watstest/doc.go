// Package watstest is an in-memory WATS server for tests and demos: a
// product feature, not a test helper. Point any WATS client at it (this
// SDK, pyWATS, a C# station, curl) and it answers the routes of the SDK's
// contract with the spec's wire field names.
//
//	srv := watstest.NewServer()            // 127.0.0.1, random port
//	defer srv.Close()
//	c, _ := wats.New(srv.URL(), srv.Token())
//
// NewHandler gives the emulator as an http.Handler without a listener
// (cmd examples/emulator serves it on a fixed address). Seed data comes
// from options (WithProcesses, WithLevels, WithToken, WithClock, ...).
//
// # Faults
//
// Inject makes the next matching requests misbehave, deterministically and
// safely under concurrency: answer a status code with any body, send
// Retry-After, add latency, reset the connection, truncate the body, or
// hang until the client gives up. FailNext(n, status) is the short form;
// ClearFaults removes them all and releases hanging requests.
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
//     DefaultToken = base64("watstest:secret")); there are no users,
//     permissions or 403 answers unless injected.
//   - Error bodies are always {"Message": "..."} (ASP.NET Web API style); the
//     real shape is unverified (spec app-and-auth §6.2).
//   - Routes match case-insensitively and a trailing "/" is ignored, as in
//     ASP.NET; an unknown route answers 404, a known route with another
//     verb 405.
//   - Internal routes (/api/internal/...) are refused with 400 unless a
//     Referer header is present; the real server's exact check is unknown.
//   - GET /api/App/Version answers the JSON string "24.1.0" (ServerVersion).
//   - GET /api/App/Processes: without any of the three kind flags every kind
//     is listed; with some, only kinds whose flag is true. Inactive processes
//     (state 0) appear only with includeInactiveProcesses=true. The real
//     server's defaults are unverified.
//   - Process GUIDs and fail-code GUIDs are derived from codes and names, so
//     they are the same in every run.
//   - GET /api/App/ProductGroups keeps its own list (WithAppProductGroups);
//     with includeFilters=true each group gains an empty "filters" array, a
//     guessed name for an unverified shape.
//   - GET /api/internal/Process/GetRepairOperation/{id} answers one
//     repair-operation configuration object; 404 when the id is unknown or
//     processCode does not match.
//   - There is no rate limiting, caching or persistence: state lives in
//     memory for the life of the Emulator.
//
// Reports (submit, load, header queries, attachments):
//
//   - Submit answers {"ID": id} and a report is visible to queries at once;
//     a report without an id gets one. Resubmitting an id replaces the
//     stored report and raises its receiveCount (idempotent, our choice: the
//     real server's behaviour is unverified); WithDuplicatePolicy(
//     DuplicateReject) answers 409 instead, so clients can be tested against
//     both.
//   - Loads return exactly what was sent plus the fields a server adds
//     (spec wsjf §18.2): productName null, processName from the process
//     table, origin "watstest", startUTC, empty arrays,
//     stepIdCausedUUTFailure, step causedUUTFailure false, binaryData ids.
//     Numbers and dates are not re-formatted.
//   - Header rows give result as a word (Passed, Failed, Error, Terminated).
//     Without reportType both kinds are searched. String comparisons in
//     $filter are case-sensitive; a filter outside the supported OData
//     subset gets a 400.
//   - HeaderByMiscInfo searches both kinds: description matches
//     case-insensitively, the value exactly, without wildcards.
//   - WSXF submissions are checked for well-formedness and stored as sent;
//     they do not appear in header queries. For a WSJF report,
//     Wsxf/{id} answers a minimal XML header, not real WSXF.
//   - Attachments get emulator-wide integer ids; stepId finds the newest
//     report's attachment on that step. The certificate is a plain-text
//     stand-in.
package watstest
