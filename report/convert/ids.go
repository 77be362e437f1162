package convert

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"hash"
	"time"
)

// identity is what makes one input file unique for report-id purposes.
type identity struct {
	converter string
	name      string
	size      int64
	modTime   time.Time
	content   []byte // SHA-256 of the whole file
}

// stableID derives the id of the index-th report of a file that carries no id of its
// own. The same file (same name, size, mod time and content) always yields the same
// ids, so a file converted again after a crash or a failed hand-over re-submits the
// same reports, which the offline queue and the server de-duplicate by id. A copy of
// the file under another name yields other ids: it is treated as another test run.
func stableID(id identity, index int) string {
	h := sha256.New()
	var n [8]byte
	field := func(b []byte) {
		binary.BigEndian.PutUint64(n[:], uint64(len(b)))
		h.Write(n[:])
		h.Write(b)
	}
	field([]byte("watsgo/convert report id v1"))
	field([]byte(id.converter))
	field([]byte(id.name))
	binary.BigEndian.PutUint64(n[:], uint64(id.size))
	h.Write(n[:])
	binary.BigEndian.PutUint64(n[:], uint64(id.modTime.UnixNano()))
	h.Write(n[:])
	field(id.content)
	binary.BigEndian.PutUint64(n[:], uint64(index))
	h.Write(n[:])
	b := h.Sum(nil)[:16]
	b[6] = b[6]&0x0f | 0x50 // name-based (version 5 layout)
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// newContentHash returns the hash fed with a file's bytes while it is converted.
func newContentHash() hash.Hash { return sha256.New() }
