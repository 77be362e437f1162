package production

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/watsgo/sdk/internal/transport"
)

// ReserveOptions are the optional parameters of Internal().Reserve.
type ReserveOptions struct {
	// OnlyInSequence accepts only a gap-free run of numbers.
	OnlyInSequence bool
	// RefSN and RefPN are stored with each number reserved.
	RefSN string
	RefPN string // see RefSN
	// SiteName and StationName say who holds the reservation.
	SiteName    string
	StationName string // see SiteName
}

// Reserve sets aside up to quantity numbers of a type for this station and
// returns them: the WATS client's pool refill (requestType=Reserve). Unlike
// Take, reserved numbers that end up unused can be given back with
// FreeReserved. The answer is read as the serial-number XML document; an
// exhausted pool yields ErrNoFreeSerialNumbers. The route is a GET that
// changes state, so it is never retried. Internal route.
//
// WATS API: GET /api/internal/Production/GetAndReserveNewSerialNumbers
func (in *InternalService) Reserve(ctx context.Context, serialNumberType string, quantity int, opts *ReserveOptions) ([]string, error) {
	const op = "production.Internal.Reserve"
	if opts == nil {
		opts = &ReserveOptions{}
	}
	c := newChecker(op)
	c.required("serialNumberType", serialNumberType)
	c.positive("batchSize", quantity)
	c.text("refSN", opts.RefSN)
	c.text("refPN", opts.RefPN)
	c.text("siteName", opts.SiteName)
	c.text("stationName", opts.StationName)
	if err := c.err(); err != nil {
		return nil, err
	}
	q := url.Values{
		"serialNumberType": {serialNumberType},
		"requestType":      {"Reserve"},
		"batchSize":        {strconv.Itoa(quantity)},
		"onlyInSequence":   {strconv.FormatBool(opts.OnlyInSequence)},
		"format":           {string(FormatXML)},
		// The document marks every parameter required: unset ones go empty.
		"refSN":       {opts.RefSN},
		"refPN":       {opts.RefPN},
		"siteName":    {opts.SiteName},
		"stationName": {opts.StationName},
	}
	var buf bytes.Buffer
	_, err := in.s.t.Do(ctx, &transport.Request{
		Op: op, Method: http.MethodGet, Route: "/api/internal/Production/GetAndReserveNewSerialNumbers",
		Query: q, Output: &buf, Accept: acceptFor(FormatXML), Idempotent: notIdempotent,
	})
	if err != nil {
		return nil, noneFree(err)
	}
	sns, err := ParseSerialNumbersXML(&buf)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	if len(sns) == 0 {
		return nil, fmt.Errorf("%s: type %q: %w", op, serialNumberType, ErrNoFreeSerialNumbers)
	}
	return sns, nil
}

// Release gives reserved numbers back to the free pool, one single-number
// range each, through FreeReserved. Taken numbers are left alone by the
// server. Internal route.
//
// WATS API: PUT /api/internal/Production/SerialNumbers/Free
func (in *InternalService) Release(ctx context.Context, serialNumberType string, serialNumbers []string) error {
	if len(serialNumbers) == 0 {
		return nil
	}
	ranges := make([]SerialNumberRange, len(serialNumbers))
	for i, sn := range serialNumbers {
		ranges[i] = SerialNumberRange{Type: serialNumberType, StartAddress: sn, EndAddress: sn}
	}
	_, err := in.FreeReserved(ctx, ranges)
	return err
}
