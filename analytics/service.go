// Package analytics is the WATS analytics domain: the statistics the server
// computes from stored reports (the server's /api/App controller) — dynamic
// yield and repair tables, volume/high-volume/worst-yield lists, top failed
// steps, step analysis, measurements and their aggregates, OEE, serial-number
// history and report header lists — plus the internal unit-flow,
// measurement-list, step-status and alarm-log routes (see Service.Internal).
//
// Get a *Service from wats.Client; the package never talks HTTP itself.
//
// # Filters
//
// Every POST takes a Filter whose fields carry exactly the server's wire
// names; unset fields are never sent. The GET variants (VolumeYieldRecent,
// TopFailedRecent, ...) take ids and day counts instead, under their own
// parameter names. Dynamic yield and repair tables are shaped by
// Dimensions built from typed parts (By, Asc, Desc and the Dim*/KPI*
// constants) and sent as the dimensions query parameter.
//
// # Yield definitions
//
// WATS counts units (a part number and serial number) per test operation and
// numbers each unit's UUT reports of that operation by start time: run 1,
// run 2, and so on. For a group of units:
//
//   - first-pass yield  FPY = units whose run 1 passed / units (fpCount/unitCount)
//   - second/third-pass SPY, TPY = units passed by run 2 / 3 / units
//   - final yield       LPY = units whose last run passed / units
//   - test yield        = passed reports / reports (testYieldCount/testReportCount)
//   - rolled yield      RTY = product of the FPY of every test operation a
//     part goes through (computed client-side by RolledYield)
//
// The server reports yields as percentages (0–100 per pyWATS); this package passes them through unchanged. The watstest
// emulator computes exactly these definitions, attributing a unit to the
// group (period, station, ...) of its first run.
//
// # Process capability
//
// Cpk is computed client-side from the measurements (see Capability): with
// the sample mean μ and the sample standard deviation s (n−1 denominator),
// Cpu = (USL−μ)/3s, Cpl = (μ−LSL)/3s, Cpk = min(Cpu, Cpl) and
// Cp = (USL−LSL)/6s; with one limit only, Cpk is that side's index and Cp
// is undefined.
package analytics

import "github.com/watsgo/sdk/internal/transport"

// Service calls the analytics endpoints. Get one from wats.Client.
type Service struct {
	t transport.Doer
}

// NewService wires a Service to the shared transport. wats.New calls it;
// users take the Service from the client instead.
func NewService(t transport.Doer) *Service { return &Service{t: t} }

// Internal returns the calls on the server's internal, unstable
// /api/internal routes (unit flow, measurement and step-status lists,
// internal top-failed, alarm logs). They may change with any server release.
func (s *Service) Internal() *Internal { return &Internal{t: s.t} }
