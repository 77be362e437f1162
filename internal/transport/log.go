package transport

import (
	"context"
	"log/slog"
)

// discardHandler drops every record; slog.DiscardHandler needs Go 1.24.
type discardHandler struct{}

// Enabled reports false for every level.
func (discardHandler) Enabled(context.Context, slog.Level) bool { return false }

// Handle drops the record.
func (discardHandler) Handle(context.Context, slog.Record) error { return nil }

// WithAttrs returns the same handler.
func (d discardHandler) WithAttrs([]slog.Attr) slog.Handler { return d }

// WithGroup returns the same handler.
func (d discardHandler) WithGroup(string) slog.Handler { return d }

// The transport logs only these attributes: route templates, never filled
// paths, query strings, headers or bodies, so no secret or user data can
// reach a log record.
const (
	logOp        = "op"
	logMethod    = "method"
	logRoute     = "route"
	logStatus    = "status"
	logAttempt   = "attempt"
	logRequestID = "request_id"
	logDuration  = "duration"
	logError     = "error"
	logWait      = "wait"
)
