// Package system is the WATS system manager: the clients (test stations
// and servers) registered with WATS, their latest logs, the level
// hierarchy they are placed in, and the server's status.
//
// Get a *Service from wats.Client (c.System); the package never talks HTTP
// itself.
//
// # What the server documents
//
// The server's API documents type only the client update body
// (clientId, name, displayName, location, purpose, type, clientGroupId)
// and the status answer (a map of texts). The other answers have no
// documented shape: clients are read with the update body's member names,
// client logs with the members of the server's client-log model
// (clientLogId, clientId, logDate, userName, text), level lookups as the
// leaf level's integer id, and every member not modelled is kept in Extra.
package system
