// Package snpool keeps a durable, local pool of serial numbers of one type
// so a test station can label units while the WATS server is unreachable:
// the equivalent of the C# client's SerialNumberHandler in Reserve mode,
// which pyWATS lacks.
//
// A Pool takes a block of numbers from the server (production.Service.Take
// through FromService), keeps the unused ones in a directory, hands them out
// one at a time without network I/O, and refills in the background when it
// falls below a low-water mark.
//
// # Guarantees
//
// A number is never handed out twice: not after a crash, not across
// restarts, not between processes sharing the directory. Next returns a
// number only after the hand-out is on disk (journal line appended and
// fsynced), under an exclusive flock on the directory's lock file, so a
// SIGKILL at any point can lose numbers (a block taken from the server but
// not yet written, or a hand-out written but not yet returned) but never
// repeat one. The snapshot of unused numbers is replaced the crash-safe way:
// temporary file, fsync, atomic rename, fsync of the directory.
//
// # Unused numbers
//
// Numbers taken with the public Take call (FromService) are marked taken on
// the server and no public call gives them back: Drain removes every unused
// number from the pool and returns it, so the caller can report or record
// them (ByReference finds them again on the server by the refSN/refPN given
// to FromService). With FromReservations the pool reserves numbers through
// the internal route the C# client uses, and Release gives unused ones back
// to the server's free pool.
//
// # Files
//
// For a type T the directory holds sn-T.snapshot.json (the unused numbers
// and a generation counter), sn-T.journal (a header naming the snapshot's
// generation, then the numbers handed out since, one per line) and
// sn-T.lock (the flock target). The generation, not the file's inode, tells
// a process that another one replaced the snapshot, because file systems
// reuse inode numbers. Type names are escaped for the file system.
// Cross-process exclusion uses flock(2) on unix systems; elsewhere only
// Pools within one process exclude each other.
package snpool
