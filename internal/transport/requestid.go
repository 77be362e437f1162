package transport

import (
	"encoding/hex"
	"math/rand/v2"
)

// HeaderRequestID carries the per-call correlation id.
const HeaderRequestID = "X-Request-ID"

// newRequestID returns a random RFC 4122 version-4 UUID. It identifies a
// call in logs on both sides; it needs uniqueness, not secrecy, so the
// fast non-cryptographic generator is enough.
func newRequestID() string {
	var b [16]byte
	hi, lo := rand.Uint64(), rand.Uint64()
	for i := 0; i < 8; i++ {
		b[i] = byte(hi >> (8 * i))
		b[8+i] = byte(lo >> (8 * i))
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	var s [36]byte
	hex.Encode(s[0:8], b[0:4])
	s[8] = '-'
	hex.Encode(s[9:13], b[4:6])
	s[13] = '-'
	hex.Encode(s[14:18], b[6:8])
	s[18] = '-'
	hex.Encode(s[19:23], b[8:10])
	s[23] = '-'
	hex.Encode(s[24:], b[10:])
	return string(s[:])
}
