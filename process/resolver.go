package process

import (
	"context"
	"errors"
	"fmt"
)

// ErrNotTestOperation and ErrNotRepairOperation are returned by
// TestOperationCode and RepairOperationCode when the process named exists
// but is of the other kind.
var (
	ErrNotTestOperation   = errors.New("process: not a test operation")
	ErrNotRepairOperation = errors.New("process: not a repair operation")
)

// TestOperationCode returns the code of the test operation called name
// (case-insensitive), from the cache. With it and RepairOperationCode the
// Service resolves the process names that converted files carry (it is a
// report/convert ProcessResolver).
//
// WATS API: GET /api/App/Processes
func (s *Service) TestOperationCode(ctx context.Context, name string) (int, error) {
	p, err := s.ByName(ctx, name)
	if err != nil {
		return 0, err
	}
	if !p.IsTestOperation {
		return 0, fmt.Errorf("process %q (%d): %w", p.Name, p.Code, ErrNotTestOperation)
	}
	return p.Code, nil
}

// RepairOperationCode returns the code of the repair operation called name
// (case-insensitive), from the cache.
//
// WATS API: GET /api/App/Processes
func (s *Service) RepairOperationCode(ctx context.Context, name string) (int, error) {
	p, err := s.ByName(ctx, name)
	if err != nil {
		return 0, err
	}
	if !p.IsRepairOperation {
		return 0, fmt.Errorf("process %q (%d): %w", p.Name, p.Code, ErrNotRepairOperation)
	}
	return p.Code, nil
}
