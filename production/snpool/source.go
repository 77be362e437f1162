package snpool

import (
	"context"

	"github.com/watsgo/sdk/production"
)

// Source supplies fresh numbers of a type. A number it returns must never
// be returned again (the server marks taken numbers taken). An exhausted
// source returns production.ErrNoFreeSerialNumbers.
type Source interface {
	Take(ctx context.Context, serialNumberType string, quantity int) ([]string, error)
}

// SourceFunc adapts a function to Source.
type SourceFunc func(ctx context.Context, serialNumberType string, quantity int) ([]string, error)

// Take calls f.
func (f SourceFunc) Take(ctx context.Context, serialNumberType string, quantity int) ([]string, error) {
	return f(ctx, serialNumberType, quantity)
}

// FromService takes numbers from the server with production.Service.Take;
// opts (may be nil) are stored with every number taken.
func FromService(svc *production.Service, opts *production.TakeOptions) Source {
	return SourceFunc(func(ctx context.Context, typ string, n int) ([]string, error) {
		return svc.Take(ctx, typ, n, opts)
	})
}

// Releaser is a Source that can give unused numbers back to the server.
// Pool.Release uses it.
type Releaser interface {
	Source
	Release(ctx context.Context, serialNumberType string, serialNumbers []string) error
}

// reservations is the Source of FromReservations.
type reservations struct {
	svc  *production.Service
	opts *production.ReserveOptions
}

// FromReservations reserves numbers instead of taking them, as the C#
// client's Reserve mode does, through the internal (unstable) reservation
// route; opts may be nil. Unused numbers can then go back to the server
// with Pool.Release.
func FromReservations(svc *production.Service, opts *production.ReserveOptions) Releaser {
	return reservations{svc: svc, opts: opts}
}

// Take reserves quantity numbers.
func (r reservations) Take(ctx context.Context, typ string, quantity int) ([]string, error) {
	return r.svc.Internal().Reserve(ctx, typ, quantity, r.opts)
}

// Release frees reserved numbers.
func (r reservations) Release(ctx context.Context, typ string, sns []string) error {
	return r.svc.Internal().Release(ctx, typ, sns)
}
