package convert

import (
	"crypto/rand"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// syncDir makes a rename or create in dir durable (a no-op where directories cannot
// be opened for sync).
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	d.Close()
	if err != nil && (errors.Is(err, os.ErrInvalid) || errors.Is(err, errors.ErrUnsupported)) {
		return nil
	}
	return err
}

const suffixAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789"

// withSuffix returns name as <stem>.<8 random [a-z0-9]><ext>, the collision name.
func withSuffix(name string) string {
	ext := filepath.Ext(name)
	stem := strings.TrimSuffix(name, ext)
	var b [8]byte
	_, _ = rand.Read(b[:])
	for i := range b {
		b[i] = suffixAlphabet[int(b[i])%len(suffixAlphabet)]
	}
	return stem + "." + string(b[:]) + ext
}

// freeName returns dir/name, or a collision name in dir when that exists.
func freeName(dir, name string) string {
	p := filepath.Join(dir, name)
	for {
		if _, err := os.Lstat(p); errors.Is(err, fs.ErrNotExist) {
			return p
		}
		p = filepath.Join(dir, withSuffix(name))
	}
}

// moveNoReplace moves src into dir under its name or a collision name, creating
// dir, and returns the new path. Only this process writes into the SDK's folders, so
// checking for a free name before the rename is enough.
func moveNoReplace(src, dir, name string) (string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	dst := freeName(dir, name)
	if err := os.Rename(src, dst); err != nil {
		return "", err
	}
	return dst, syncDir(dir)
}
