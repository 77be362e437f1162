// Package queue is the station's offline report queue: a durable,
// crash-safe folder of reports that are uploaded in the background, so a
// test station never loses a report when the server is down, the network
// flaps or the station loses power in the middle of a write.
//
// # Guarantees
//
// Submit saves before it sends: the report is validated, finalised and
// written (temp file, fsync, atomic rename, directory fsync) before the
// first byte goes on the wire. Every report is sent under its own id every
// time, so a server that de-duplicates by id files it once even when a
// crash makes the queue send it again.
//
// # Layout
//
// One data file per report, named by its (lower-case) id, whose extension is
// its state: <id>.pending, <id>.sending, <id>.dead. A state change is an
// atomic rename. The first line of each file is a JSON header with the
// bookkeeping (attempts, next attempt, last error) and a checksum of the
// body; the rest is the WSJF document. Damaged files move to quarantine/
// with a .reason.txt note; sent reports are deleted, or copied to archive/
// with WithArchive. The file "lock" carries an flock(2): its holder is the
// uploader, other processes enqueue only.
//
// # Failures
//
// Transport errors, timeouts, 5xx, 429 and an open circuit breaker keep a
// report queued. 401 and 403 keep it queued too (a credentials problem,
// logged at Error level). Other 4xx answers mean the server rejected the
// report: it moves to dead letter with the server's message, and Requeue or
// RequeueDead bring it back after a fix.
//
// # Wiring
//
// The queue takes a Submitter (client.Report satisfies it) and never
// imports package wats. Feed WithWake from the client's online transitions
// (client.OnStatusChange) and WithOnline from client.Status, so the backlog
// goes out as soon as the server answers again and Submit does not wait on
// a server known to be down; see ExampleOpen and examples/station.
package queue
