package wats

import "encoding/base64"

// BasicToken builds a WATS token from a user name and password: the
// standard Base64 of "user:password", which New sends as
// "Authorization: Basic <token>". WATS API tokens issued in the web UI
// are already in this form and are passed to New unchanged.
func BasicToken(user, password string) string {
	return base64.StdEncoding.EncodeToString([]byte(user + ":" + password))
}
