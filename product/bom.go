package product

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"

	"github.com/watsgo/sdk/internal/errs"
	"github.com/watsgo/sdk/internal/transport"
)

// UploadBOM streams a WSBF XML document from r to the server; the product
// and revision are named inside the XML. r is read once, so a failed upload
// is not retried unless r is an io.Seeker.
//
// WATS API: PUT /api/Product/BOM
func (s *Service) UploadBOM(ctx context.Context, r io.Reader) error {
	const op = "product.UploadBOM"
	if r == nil {
		return errs.Invalid(op, "body", "no WSBF document given")
	}
	_, err := s.t.Do(ctx, &transport.Request{
		Op: op, Method: http.MethodPut, Route: "/api/Product/BOM",
		Body: r, ContentType: "application/xml",
	})
	return err
}

// SaveBOM validates b, renders it as WSBF and sends it. The document is
// rendered into memory (BOMs are small) so that a failed PUT can be retried.
//
// WATS API: PUT /api/Product/BOM
func (s *Service) SaveBOM(ctx context.Context, b *BOM) error {
	const op = "product.SaveBOM"
	if b == nil {
		return errs.Invalid(op, "BOM", "no BOM given")
	}
	if err := b.validate(op); err != nil {
		return err
	}
	var buf bytes.Buffer
	if _, err := b.WriteTo(&buf); err != nil {
		return fmt.Errorf("%s: render WSBF: %w", op, err)
	}
	_, err := s.t.Do(ctx, &transport.Request{
		Op: op, Method: http.MethodPut, Route: "/api/Product/BOM",
		Body: bytes.NewReader(buf.Bytes()), ContentType: "application/xml",
	})
	return err
}
