package wsjfcmp

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestDiff(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		path string // "" when equal
	}{
		{"identical", `{"a":1}`, `{"a":1}`, ""},
		{"key order ignored", `{"a":1,"b":2}`, `{"b":2,"a":1}`, ""},
		{"white space ignored", `{"a": [1, 2]}`, "{\"a\":[1,2]}\n", ""},
		{"number forms", `{"v":500.0,"w":4.89E-05,"x":1e3}`, `{"v":500,"w":0.0000489,"x":1000}`, ""},
		{"big numbers exact", `{"v":12345678901234567890}`, `{"v":12345678901234567891}`, "v: 12345678901234567890 vs 12345678901234567891"},
		{"number differs", `{"root":{"steps":[{"numericMeas":[{"lowLimit":1.5}]}]}}`, `{"root":{"steps":[{"numericMeas":[{"lowLimit":1.6}]}]}}`, "root.steps[0].numericMeas[0].lowLimit: 1.5 vs 1.6"},
		{"absent vs null", `{"a":null}`, `{}`, "a: present in first, absent in second"},
		{"null vs absent", `{}`, `{"a":null}`, "a: absent in first, present in second"},
		{"null vs value", `{"a":null}`, `{"a":""}`, "a: null vs string"},
		{"string differs", `{"s":"a "}`, `{"s":"a"}`, `s: "a " vs "a"`},
		{"same instant and offset", `{"t":"2026-01-30T21:01:41.4707353Z"}`, `{"t":"2026-01-30T21:01:41.470735300+00:00"}`, ""},
		{"same instant, other offset", `{"t":"2026-01-30T22:01:41+01:00"}`, `{"t":"2026-01-30T21:01:41+00:00"}`, `t: "2026-01-30T22:01:41+01:00" vs "2026-01-30T21:01:41+00:00"`},
		{"other instant", `{"t":"2026-01-30T21:01:41Z"}`, `{"t":"2026-01-30T21:01:42Z"}`, `t: "2026-01-30T21:01:41Z" vs "2026-01-30T21:01:42Z"`},
		{"array length", `{"a":[1,2]}`, `{"a":[1]}`, "a: 2 elements vs 1"},
		{"type change", `{"a":[1]}`, `{"a":{}}`, "a: array vs object"},
		{"bool", `{"a":true}`, `{"a":false}`, "a: true vs false"},
		{"top level", `[1]`, `{"a":1}`, "$: array vs object"},
		{"invalid first", `{`, `{}`, "$: first document: unexpected EOF"},
		{"trailing data", `{} {}`, `{}`, "$: first document: data after the document"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path, ok := Diff([]byte(tc.a), []byte(tc.b))
			assert.Equal(t, tc.path == "", ok)
			assert.Equal(t, tc.path, path)
			assert.Equal(t, ok, Equal([]byte(tc.a), []byte(tc.b)))
		})
	}
}
