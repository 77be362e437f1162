package main

import (
	"context"
	"errors"
	"io"
)

// watch is the folder-watching mode.
func watch(ctx context.Context, cfg *config, stdout, stderr io.Writer) error {
	return errors.New("-watch is not available in this build")
}
