package watstest_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/internal/apitest"
	"github.com/watsgo/sdk/wats"
	"github.com/watsgo/sdk/wats/watstest"
)

// effectDoc is a minimal WSJF report of type typ with process code, and,
// for a UUR, one failure with category/code.
func effectDoc(id, typ, pn, sn, rev string, code int, category, failCode string) []byte {
	doc := map[string]any{"type": typ, "id": id, "pn": pn, "sn": sn, "rev": rev, "processCode": code,
		"result": "P", "machineName": "EFX-1", "location": "L", "purpose": "P", "start": "2026-05-01T08:00:00Z"}
	if typ == "T" {
		doc["root"] = map[string]any{"id": 0, "group": "M", "stepType": "SequenceCall", "name": "Main", "status": "P",
			"seqCall": map[string]any{"path": "main.seq", "name": "Main", "version": "1.0"}}
		doc["uut"] = map[string]any{"user": "op"}
	} else {
		doc["uur"] = map[string]any{"user": "tech", "processCode": 50, "confirmDate": "2026-05-01T08:05:00Z",
			"finalizeDate": "2026-05-01T08:06:00Z", "execTime": 60}
		su := map[string]any{"idx": 0, "pn": pn, "rev": rev, "sn": sn}
		if category != "" {
			su["failures"] = []any{map[string]any{"category": category, "code": failCode}}
		}
		doc["subUnits"] = []any{su}
	}
	b, _ := json.Marshal(doc)
	return b
}

func TestSubmitChecksProcessAndFailCodes(t *testing.T) {
	c, srv := apitest.Setup(t)
	ctx := context.Background()
	tests := []struct {
		name    string
		doc     []byte
		wantErr string // "" = stored
	}{
		{"UUT with a test operation", effectDoc("00000000-0000-4000-8000-00000000e001", "T", "EFX-P", "S1", "A", 50, "", ""), ""},
		{"UUT with a repair operation", effectDoc("00000000-0000-4000-8000-00000000e002", "T", "EFX-P", "S2", "A", 500, "", ""), "not a test operation"},
		{"UUT with a WIP operation", effectDoc("00000000-0000-4000-8000-00000000e003", "T", "EFX-P", "S3", "A", 200, "", ""), "not a test operation"},
		{"unknown process", effectDoc("00000000-0000-4000-8000-00000000e004", "T", "EFX-P", "S4", "A", 4242, "", ""), "not defined"},
		{"UUR with a repair operation", effectDoc("00000000-0000-4000-8000-00000000e005", "R", "EFX-P", "S1", "A", 500, "Solder", "short circuit"), ""},
		{"UUR with a test operation", effectDoc("00000000-0000-4000-8000-00000000e006", "R", "EFX-P", "S1", "A", 50, "", ""), "not a repair operation"},
		{"UUR with an unknown fail code", effectDoc("00000000-0000-4000-8000-00000000e007", "R", "EFX-P", "S1", "A", 500, "Solder", "Burned Component"), "fail-code tree"},
		{"UUR with an unknown category", effectDoc("00000000-0000-4000-8000-00000000e008", "R", "EFX-P", "S1", "A", 510, "Software", "Crash"), "fail-code tree"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := len(srv.Reports())
			_, err := c.Report.SubmitJSON(ctx, tt.doc)
			if tt.wantErr == "" {
				require.NoError(t, err)
				assert.Len(t, srv.Reports(), before+1)
				return
			}
			require.ErrorIs(t, err, wats.ErrBadRequest)
			assert.Contains(t, err.Error(), tt.wantErr)
			assert.Len(t, srv.Reports(), before, "a refused report is not stored")
		})
	}
}

func TestSubmitCreatesProductAndUnit(t *testing.T) {
	// Lenient: the check here is the report's effect, not the product
	// domain's answer shapes.
	c, srv := apitest.Setup(t, watstest.WithContract(watstest.Lenient))
	ctx := context.Background()
	_, err := c.Product.Get(ctx, "EFX-NEW")
	require.ErrorIs(t, err, wats.ErrNotFound)

	_, err = c.Report.SubmitJSON(ctx, effectDoc("00000000-0000-4000-8000-00000000e101", "T", "EFX-NEW", "EFX-SN-1", "B", 50, "", ""))
	require.NoError(t, err)
	p, err := c.Product.Get(ctx, "EFX-NEW")
	require.NoError(t, err, "a third-party client reads the product right after submitting")
	require.NotNil(t, p.Revision("B"))
	u, ok := srv.ProductionUnit("EFX-SN-1", "EFX-NEW")
	require.True(t, ok)
	assert.Equal(t, "B", u.Revision)

	// A second revision is added; the existing product is kept as it is.
	_, err = c.Report.SubmitJSON(ctx, effectDoc("00000000-0000-4000-8000-00000000e102", "T", "EFX-NEW", "EFX-SN-2", "C", 50, "", ""))
	require.NoError(t, err)
	p, err = c.Product.Get(ctx, "EFX-NEW")
	require.NoError(t, err)
	assert.NotNil(t, p.Revision("B"))
	assert.NotNil(t, p.Revision("C"))
	assert.Equal(t, p.Revision("B").Revision, "B")

	// A refused report creates nothing.
	_, err = c.Report.SubmitJSON(ctx, effectDoc("00000000-0000-4000-8000-00000000e103", "T", "EFX-NEVER", "EFX-SN-3", "A", 500, "", ""))
	require.ErrorIs(t, err, wats.ErrBadRequest)
	_, err = c.Product.Get(ctx, "EFX-NEVER")
	require.ErrorIs(t, err, wats.ErrNotFound)
	_, ok = srv.ProductionUnit("EFX-SN-3", "EFX-NEVER")
	assert.False(t, ok)
}
