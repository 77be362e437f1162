package transport

import (
	"net/url"
	"strings"
	"testing"
	"time"
)

// FuzzBuildPath checks that any value survives as exactly one path segment.
func FuzzBuildPath(f *testing.F) {
	for _, s := range []string{"SN/001", "a#b", "q?x", "100%", "a b", "a+b", "ÆØÅ", "..", "", "%2F", "\x00\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		p, err := BuildPath("/api/X/{v}/y", map[string]string{"v": v})
		if err != nil {
			t.Fatal(err)
		}
		seg := strings.TrimSuffix(strings.TrimPrefix(p, "/api/X/"), "/y")
		if strings.ContainsAny(seg, "/?# +") {
			t.Fatalf("segment %q of %q has a raw delimiter", seg, v)
		}
		got, err := url.PathUnescape(seg)
		if err != nil || got != v {
			t.Fatalf("%q -> %q -> %q (%v)", v, seg, got, err)
		}
	})
}

// FuzzParseErrorBody checks that no body makes the parser panic.
func FuzzParseErrorBody(f *testing.F) {
	for _, s := range []string{`{"Message":"x"}`, `{"errors":{}}`, `"x"`, `<html>`, ``, `{"message":1}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		ParseErrorBody([]byte(body))
		ParseRetryAfter(body, time.Now())
	})
}
