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
