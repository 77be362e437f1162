package wsxf

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/report/convert"
)

// TestSeveralReports: one <Reports> document yields one report per <Report>, in
// order; a bad second report fails the whole file.
func TestSeveralReports(t *testing.T) {
	one := `<Report type="UUT" SN="%s" PN="P" Rev="A" Start="2024-01-01T10:00:00Z"><UUT UserLoginName="op"/><Process Code="10"/><Step Name="Main" Status="Passed"><SequenceCall/></Step></Report>`
	doc := `<Reports xmlns="` + NamespaceWSXF + `">` + strings.Replace(one, "%s", "A1", 1) + strings.Replace(one, "%s", "A2", 1) + `</Reports>`
	reps, err := convertText(New(), doc)
	require.NoError(t, err)
	require.Len(t, reps, 2)
	assert.Equal(t, "A1", reps[0].SerialNumber())
	assert.Equal(t, "A2", reps[1].SerialNumber())
	assert.False(t, reps[0].Header.ID.IsSet(), "no ID in the file: left to the registry's stable id or Finalize")
	for _, r := range reps {
		require.NoError(t, r.Finalize())
		require.NoError(t, r.Validate())
	}
	assert.NotEqual(t, reps[0].Header.ID.Value(), reps[1].Header.ID.Value())

	bad := `<Reports xmlns="` + NamespaceWSXF + `">` + strings.Replace(one, "%s", "A1", 1) + strings.Replace(one, "%s", "", 1) + `</Reports>`
	reps, err = convertText(New(), bad)
	assert.Nil(t, reps)
	var me *convert.MalformedError
	require.ErrorAs(t, err, &me)
	assert.Equal(t, "/Reports/Report[2]/@SN", me.Path)
}

// TestUTF16 converts the synthetic fixture re-encoded as UTF-16 with a BOM.
func TestUTF16(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "synthetic-uut-wsxf.xml"))
	require.NoError(t, err)
	text := strings.Replace(string(data), `encoding="utf-8"`, `encoding="utf-16"`, 1)
	u := utf16.Encode([]rune(text))
	enc := []byte{0xFF, 0xFE}
	for _, c := range u {
		enc = append(enc, byte(c), byte(c>>8))
	}
	assert.Equal(t, convert.Certain, New().Sniff(enc))
	reps, err := convertText(New(), string(enc))
	require.NoError(t, err)
	require.Len(t, reps, 1)
	assert.Equal(t, "SYN-0001", reps[0].SerialNumber())
	require.NoError(t, reps[0].Finalize())
	require.NoError(t, reps[0].Validate())
	assert.Len(t, reps[0].Steps(), 16)
}
