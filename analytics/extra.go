package analytics

import (
	"encoding/json"
	"reflect"
	"strconv"
	"strings"
	"sync"
)

func itoa(i int) string { return strconv.Itoa(i) }

var knownNames sync.Map // reflect.Type → map[string]bool

// wireNames returns the JSON names of t's fields (struct type).
func wireNames(t reflect.Type) map[string]bool {
	if m, ok := knownNames.Load(t); ok {
		return m.(map[string]bool)
	}
	m := map[string]bool{}
	for i := 0; i < t.NumField(); i++ {
		tag := t.Field(i).Tag.Get("json")
		name, _, _ := strings.Cut(tag, ",")
		if name != "" && name != "-" {
			m[name] = true
		}
	}
	knownNames.Store(t, m)
	return m
}

// decodeKeepingExtra decodes data into dst (a pointer to a struct whose
// aliased type has no UnmarshalJSON) and returns the members dst's fields
// do not name, so members the server adds survive.
func decodeKeepingExtra(data []byte, dst any) (map[string]json.RawMessage, error) {
	if err := json.Unmarshal(data, dst); err != nil {
		return nil, err
	}
	var all map[string]json.RawMessage
	if err := json.Unmarshal(data, &all); err != nil {
		return nil, err
	}
	known := wireNames(reflect.TypeOf(dst).Elem())
	for k := range all {
		if known[k] {
			delete(all, k)
		}
	}
	if len(all) == 0 {
		return nil, nil
	}
	return all, nil
}

// fallback fills *dst from extra[alt] when *dst is still zero, for members
// the server has been seen to spell two ways.
func fallback[T comparable](extra map[string]json.RawMessage, dst *T, alts ...string) {
	var zero T
	for _, alt := range alts {
		if *dst != zero {
			return
		}
		if raw, ok := extra[alt]; ok {
			_ = json.Unmarshal(raw, dst)
		}
	}
}
