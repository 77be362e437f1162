package asset

import (
	"net/url"
	"strings"

	"github.com/watsgo/sdk/internal/errs"
)

// Ident names one asset either by its server id or by its serial number,
// never both and never neither: build it with ByID or BySerial. The zero
// Ident is refused with a validation error before any request.
type Ident struct {
	id     string
	serial string
}

// ByID identifies an asset by its server-assigned asset id.
func ByID(assetID string) Ident { return Ident{id: assetID} }

// BySerial identifies an asset by its serial number.
func BySerial(serialNumber string) Ident { return Ident{serial: serialNumber} }

// String returns "id=<id>" or "serialNumber=<sn>" for messages.
func (i Ident) String() string {
	if i.id != "" {
		return "id=" + i.id
	}
	return "serialNumber=" + i.serial
}

// IsZero reports whether i names no asset.
func (i Ident) IsZero() bool {
	return strings.TrimSpace(i.id) == "" && strings.TrimSpace(i.serial) == ""
}

// check adds a violation to v when i names no asset.
func (i Ident) check(v *errs.ValidationError) {
	if i.IsZero() {
		v.Add("id|serialNumber", "required", "asset identifier is empty: use asset.ByID or asset.BySerial with a non-empty value")
	}
}

// query returns the id or serialNumber query parameter the single-asset routes take.
func (i Ident) query() url.Values {
	if i.id != "" {
		return url.Values{"id": {i.id}}
	}
	return url.Values{"serialNumber": {i.serial}}
}

// pathValue is the segment of GET /api/Asset/{idOrSerialNumber}.
func (i Ident) pathValue() string {
	if i.id != "" {
		return i.id
	}
	return i.serial
}
