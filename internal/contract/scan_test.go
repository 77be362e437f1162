package contract

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
)

// The scanner accepts exactly the JSON texts encoding/json accepts.
func FuzzScanAgreesWithEncodingJSON(f *testing.F) {
	for _, s := range []string{`{}`, `[1,2.5e-3,-0,"a\u00e9\n",true,false,null]`, `{"a":{"b":[{}]}}`, `01`, `1.`, `"\x"`, `[1,]`, `{"a" 1}`, ` 7 `, `"` + "\xff" + `"`, `nul`, `{"a":1}{}`} {
		f.Add([]byte(s))
	}
	ticket := &Schema{Ref: "Virinco.WATS.Web.Models.RootCause.Ticket"}
	f.Fuzz(func(t *testing.T, b []byte) {
		v := &validator{doc: Load(), dir: inAnswer}
		err := v.check("answer", nil, b)
		if json.Valid(b) != (err == nil) {
			t.Fatalf("json.Valid=%v, scanner error %v for %q", json.Valid(b), err, b)
		}
		// A schema changes violations, never syntax.
		v2 := &validator{doc: Load(), dir: inRequest}
		err2 := v2.check("body", ticket, b)
		if (err == nil) != (err2 == nil) {
			t.Fatalf("schema changed the syntax verdict for %q: %v vs %v", b, err, err2)
		}
	})
}

func TestScanEscapedStrings(t *testing.T) {
	v := &validator{doc: Load(), dir: inAnswer, op: "op"}
	s := &Schema{Ref: "Virinco.WATS.Web.Models.RootCause.Ticket"}
	assert.NoError(t, v.check("answer", s, []byte(`{"subject":"a\"b\\c\u00e9","ticketId":"3f2504e0-4f89-11d3-9a0c-0305e82c3301"}`)))
	assert.Empty(t, v.out)
	assert.NoError(t, v.check("answer", s, []byte(`{"tick\u0065tId":"X"}`)))
	if assert.Len(t, v.out, 1) {
		assert.Equal(t, "answer.ticketId", v.out[0].Where, "escaped member names are decoded")
	}
}
