// Package production is the WATS production (MES) domain: production units,
// their phases and processes, assembly of child units, unit verification
// grades, the unit-change feed, batches and serial-number allocation.
//
// Every public call follows the server's documented contract (query parameter
// names as the server declares them), not pyWATS where the two differ:
// SetProcess sends processName, CheckChildren sends parentSerialNumber and
// parentPartNumber, Changes sends maxCount, and the serial-number lookups use
// serialNumberType/startAddress/endAddress.
//
// # Verification is never cached
//
// Verify always asks the server. A report submitted a moment ago changes the
// answer at once (pyWATS caches this GET for 300 s).
//
// # Retries
//
// The transport may retry reads and the internal FreeReserved and
// DeleteFree (repeating them changes nothing more). Take, Reserve,
// SaveUnits, SetPhase, SetProcess, AddChild, RemoveChild, Import,
// SaveBatches and the internal unit writes change state without a dedupe
// guarantee and are sent exactly once.
//
// # Internal routes
//
// Internal returns the /api/internal/Production routes the WATS web
// frontend uses. They are unstable server routes: answers the server's
// document leaves untyped are returned raw.
//
// # Station features
//
// Barcodes identifies a scanned barcode (serial number, part number,
// revision, batch, process) with the server's barcode identifiers and
// manages those identifiers. Workflow starts and ends a test of a unit in
// the server's production workflow.
//
// # Offline serial numbers
//
// Package production/snpool keeps a durable local pool of serial numbers
// that keeps handing out numbers while the server is unreachable. It can
// take numbers (Take) or reserve them (Internal().Reserve, the C# client's
// mode) and give unused reservations back (Internal().Release).
package production
