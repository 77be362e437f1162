package convert

import (
	"context"
	"log/slog"
	"time"
)

// convLogger turns state changes into slog records and OnEvent calls.
type convLogger struct {
	l       *slog.Logger
	onEvent func(Event)
}

func (c *convLogger) event(e Event) {
	if e.Time.IsZero() {
		e.Time = time.Now()
	}
	// Logged before OnEvent, so whoever reacts to the event finds the record.
	if c.onEvent != nil {
		defer c.onEvent(e)
	}
	level := slog.LevelDebug
	switch e.State {
	case StateDone:
		level = slog.LevelInfo
	case StateError, StateSuspended:
		level = slog.LevelWarn
	case StatePending:
		if e.Err != nil {
			level = slog.LevelWarn
		}
	}
	if !c.l.Enabled(context.Background(), level) {
		return
	}
	attrs := []slog.Attr{
		slog.String("file", e.File),
		slog.String("state", string(e.State)),
		slog.String("converter", e.Converter),
		slog.Int("attempt", e.Attempt),
	}
	if len(e.Reports) > 0 {
		attrs = append(attrs, slog.Any("reports", e.Reports))
	}
	if e.Dest != "" {
		attrs = append(attrs, slog.String("dest", e.Dest))
	}
	if !e.RetryAt.IsZero() {
		attrs = append(attrs, slog.Time("retry_at", e.RetryAt))
	}
	if e.Err != nil {
		attrs = append(attrs, slog.String("err", e.Err.Error()))
	}
	c.l.LogAttrs(context.Background(), level, "convert: file "+string(e.State), attrs...)
}
