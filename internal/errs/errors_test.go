package errs

import (
	"context"
	"errors"
	"io"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestSentinelFor(t *testing.T) {
	tests := []struct {
		status int
		want   error
	}{
		{400, ErrBadRequest}, {401, ErrUnauthorized}, {403, ErrForbidden}, {404, ErrNotFound},
		{409, ErrConflict}, {429, ErrRateLimited}, {500, ErrServer}, {503, ErrServer}, {599, ErrServer},
		{405, nil}, {422, nil}, {302, nil}, {200, nil},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, SentinelFor(tt.status), tt.status)
		e := &APIError{StatusCode: tt.status}
		if tt.want != nil {
			assert.ErrorIs(t, e, tt.want)
		}
		assert.False(t, errors.Is(e, ErrValidation))
	}
}

func TestAPIErrorText(t *testing.T) {
	e := &APIError{Op: "product.Get", Method: "GET", Route: "/api/Product/{partNumber}", StatusCode: 404,
		Message: "not there", RequestID: "r1", Attempts: 1}
	assert.Equal(t, "product.Get: GET /api/Product/{partNumber}: 404 Not Found: not there (request id r1)", e.Error())
	e.Attempts = 3
	assert.Contains(t, e.Error(), "after 3 attempts")
}

func TestValidationError(t *testing.T) {
	var ve *ValidationError
	assert.NoError(t, ve.OrNil())
	ve = &ValidationError{Op: "report.Submit"}
	assert.NoError(t, ve.OrNil())
	ve.Add("pn", "required", "must not be empty")
	ve.Add("root.steps[2].status", "oneof", "")
	err := ve.OrNil()
	assert.ErrorIs(t, err, ErrValidation)
	assert.Equal(t, "report.Submit: invalid input: pn: must not be empty; root.steps[2].status: failed oneof", err.Error())
	one := Invalid("process.ByName", "name", "must not be empty")
	assert.Equal(t, "name", one.Fields[0].Path)
	assert.ErrorIs(t, one, ErrValidation)
}

func TestTransportErrorUnwrapsBoth(t *testing.T) {
	last := &APIError{StatusCode: 503, Method: "GET", Route: "/x"}
	e := &TransportError{Op: "x.Y", Method: "GET", Route: "/x", Err: context.Canceled, Last: last, Attempts: 2, RequestID: "r"}
	assert.ErrorIs(t, e, context.Canceled)
	assert.ErrorIs(t, e, ErrServer)
	assert.Contains(t, e.Error(), "x.Y: GET /x: gave up: context canceled (last attempt: GET /x: 503 Service Unavailable)")
	plain := &TransportError{Method: "GET", Route: "/x", Err: io.ErrUnexpectedEOF}
	assert.ErrorIs(t, plain, io.ErrUnexpectedEOF)
	assert.Equal(t, "GET /x: transport error: unexpected EOF", plain.Error())
}

func TestCircuitOpenError(t *testing.T) {
	e := &CircuitOpenError{Op: "a.B", Method: "GET", Route: "/x", RetryIn: 1500 * time.Millisecond}
	assert.ErrorIs(t, e, ErrCircuitOpen)
	assert.Equal(t, "a.B: GET /x: not sent: circuit breaker open after repeated failures; next probe in 1.5s", e.Error())
}
