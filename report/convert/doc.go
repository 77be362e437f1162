// Package convert turns files written by test equipment and test executives into WATS
// reports: the Converter interface, the Registry that picks a converter by name
// pattern or by sniffing a file's head, and the Watcher that converts every file
// dropped into a folder and hands the reports to a Sink (the report service, or the
// offline queue, report/queue).
//
// # One-shot conversion
//
// Registry.ConvertFile (and Convert, for a reader) sniffs the content, converts,
// gives every report without an id a stable one, and runs Finalize and Validate on
// each report. A report that fails is a *ValidationError, which matches
// ErrValidation and, through the wrapped report error, wats.ErrValidation.
//
// # Folders
//
// A Folder names its converter (the file goes to it whatever its content), or leaves
// the converter empty: then the first registered converter whose pattern matches the
// base name takes it, or, with Sniff, the converter most confident about the
// content (ties go to the one registered first; a file none recognises goes to
// Error/ with ErrUnknownFormat). Patterns are globs on the base name, matched
// case-insensitively. Several Folder entries may name one path; a file belongs to
// the first entry whose patterns match, so one path is claimed by exactly one
// converter. Names starting with "." or "~" and the sub-folders Done, Error and
// Pending are never taken.
//
// # Life of a file
//
// A file in a watched folder is pending. Discovery is a full scan at start and every
// ScanInterval, plus an fsnotify watch (create, write, rename) that asks for a scan
// after Debounce; events arriving while a scan is due join it, and a watch overflow
// makes every folder rescan, so no event is lost. A scan streams the directory and
// keeps at most MaxPending files in memory, the oldest by mod time (then name);
// the rest wait for the scan that follows once the set has drained to half.
//
// A file is ready when its size and mod time stay unchanged for StableFor (a mod
// time already that old counts as the first observation), checked every
// StableRetry; one still changing after StableTimeout is left for the next scan,
// without an error. A worker then opens it (on Windows with share mode Read|Delete;
// retried while it cannot be opened), checks it is still the file that was seen,
// and converts it under the FileTimeout deadline.
//
// All reports of a file are converted, given stable ids, finalised and validated
// before the first is handed to the Sink; a file with no report (ErrNoReports) or
// two reports with one id fails. The sink accepts the reports one by one. When all
// are accepted, a "handed" record is fsynced into the folder's ledger
// (Pending/ledger.jsonl) and only then the post-action runs: Delete (default), Move
// to Done/, Archive (Done/ and then Done/yyyyMM.zip) or Keep (recorded in the ledger
// so the unchanged file is not converted again). Sub-folders of a recursive folder
// are kept below Done/ and Error/. A name already taken there becomes
// <stem>.<8 random [a-z0-9]><ext>.
//
// Outcomes other than done:
//
//   - error: the conversion failed, the deadline passed (the error wraps
//     context.DeadlineExceeded), a report failed validation, or the sink rejected
//     a report for good (ErrRejected). The file moves to Error/ next to a
//     <name>.error.json sidecar {time, file, converter, error, attempts, reports};
//     it is never deleted.
//   - suspended: the converter returned a *SuspendError (a dependency is missing,
//     such as a process name that cannot be resolved while offline). The file
//     stays where it is and is tried again after its RetryAfter (default
//     SuspendRetry); the ledger carries the time over a restart.
//   - pending again: the sink failed temporarily (any error not matching
//     ErrRejected), the post-action failed, or shutdown cancelled the conversion.
//     Accepted report ids are remembered, so a retry hands over only the rest; a
//     failed post-action is retried on its own and never hands the reports over
//     again. Retries back off from RetryBase, doubling up to RetryMax.
//
// # Crash safety
//
// Every state is on disk: pending is the file in the folder, done and error are
// the file gone or moved, and the ledger says which files were fully accepted but
// not yet post-actioned. After a crash (even SIGKILL) each file is either done
// with its reports handed over exactly once, or still pending. A pending file's
// reports may have reached the sink before the crash; converting it again yields
// the same report ids, because a report without an id of its own gets one derived
// from the file's path, size, mod time, content and the report's position. The
// offline queue (QueueSink) then answers "already queued", and the server files a
// re-sent id once. When the converter sets ids itself (from the file, or at random
// as report.NewUUT does), the ids are fsynced into the ledger as an "intent" before
// the first report is handed over, and a later conversion of the unchanged file
// reuses them by position. A file whose ledger record says "handed" only gets its
// post-action. A copy of a file under another name yields other ids (another test
// run). One watcher process per folder: the ledger has a single writer.
//
// # Deadlines and shutdown
//
// Converters must check ctx between steps. A converter that ignores its deadline
// gets one more second; then the file goes to Error/ anyway, the worker moves on,
// and the converter's result, whenever it comes, is discarded (nothing is ever
// converted twice by a re-queue). When Run's context ends, no new file is claimed,
// running conversions get Grace to finish, the rest are cancelled and their files
// stay pending; Run then writes outstanding archives and returns nil.
//
// # Observability
//
// Every state change (processing, done, error, suspended, pending again) is an
// Event for WatcherOptions.OnEvent and a slog record (done at Info, error,
// suspended and retries at Warn, the rest at Debug). With Folder.ConversionLog,
// each file's conversion log is appended as JSON lines {time, level, step,
// message, fields} to <stem>.log next to its final location: Done/ for done files
// (also for Delete and Keep), Error/ for failed ones; zips do not include logs.
// Metrics count files seen, claimed, converted, failed and suspended per
// converter, conversion time, and the pending and processing depth; Counters is a
// ready-made implementation.
//
// # Decisions where the converter specification is open
//
//   - Sink errors: QueueSink accepts on the durable enqueue and takes
//     queue.ErrDuplicate as accepted; ServiceSink takes 409 Conflict as accepted
//     (the server holds this stable id already) and 400, 413, 415, 422 and other
//     4xx except 401, 403, 404, 405, 408 and 429 as rejections.
//   - The Archive month is the local month at archiving time; zips are written
//     every ArchiveIdle or per 50 files, by rewriting the zip (existing entries
//     copied without recompression) to a temp file, fsync, rename; a crash leaves
//     files in Done/ that the next start zips, and an entry already in the zip with
//     the same name, size and CRC is not added twice.
//   - The sidecar is written before the move to Error/, so a failed file never
//     lacks its reason (a crash in between can leave a sidecar alone).
//   - ConverterLimit applies to the Convert call; the hand-over and post-action of
//     other files go on meanwhile.
//   - The worker pool is shared by all folders; back-pressure comes from the
//     bounded pending set rather than from channels.
package convert
