package scim_test

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/watsgo/sdk/wats/scim"
)

// FuzzUserRoundTrip checks that a user the server sends survives a round
// trip: whatever decodes, encodes, and decodes again to the same user
// (Extra members included).
func FuzzUserRoundTrip(f *testing.F) {
	for _, s := range []string{
		`{"id":"0f8fad5b-d9cb-469f-a165-70867728950e","userName":"ann","active":true,"name":{"givenName":"A"},"emails":[{"value":"a@b","primary":true}]}`,
		`{"userName":"x","roles":[{"value":"Operator"}],"meta":{"created":"2025-01-02T03:04:05.1234567Z","location":"/u"}}`,
		`{"userName":"x","urn:ext":{"levels":["PCBA"]},"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"]}`,
		`{}`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		var u scim.User
		if json.Unmarshal([]byte(in), &u) != nil {
			return
		}
		out, err := json.Marshal(u)
		if err != nil {
			t.Fatalf("decoded %q but cannot encode it: %v", in, err)
		}
		var back scim.User
		if err := json.Unmarshal(out, &back); err != nil {
			t.Fatalf("cannot decode own output %s: %v", out, err)
		}
		if !reflect.DeepEqual(normal(u), normal(back)) {
			t.Fatalf("round trip changed the user:\n in  %s\n out %s", in, out)
		}
	})
}

// normal re-encodes the Extra members so that equal JSON compares equal,
// and takes an empty list for no list (omitempty drops "emails": []).
func normal(u scim.User) scim.User {
	if len(u.Emails) == 0 {
		u.Emails = nil
	}
	if len(u.Schemas) == 0 {
		u.Schemas = nil
	}
	for k, v := range u.Extra {
		var x any
		if json.Unmarshal(v, &x) == nil {
			b, _ := json.Marshal(x)
			u.Extra[k] = b
		}
	}
	if len(u.Extra) == 0 {
		u.Extra = nil
	}
	return u
}
