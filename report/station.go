package report

import (
	"os"
	"strings"
)

// Station is the test or repair station a report comes from: machineName,
// location and purpose in the report header.
type Station struct {
	// Name is the station name, sent as machineName (1–100 characters).
	Name string
	// Location is the station location, sent as location (1–100 characters).
	Location string
	// Purpose is the station purpose, e.g. "Production", sent as purpose (1–100
	// characters).
	Purpose string
}

// StationEnv is the environment variable that names the station when no
// name is given explicitly.
const StationEnv = "WATS_STATION"

// DefaultStationName resolves the station name used when none is given:
// the WATS_STATION environment variable, else the host name, else "".
// Surrounding white space is removed; case is kept.
func DefaultStationName() string {
	if v := strings.TrimSpace(os.Getenv(StationEnv)); v != "" {
		return v
	}
	if h, err := os.Hostname(); err == nil {
		return strings.TrimSpace(h)
	}
	return ""
}
