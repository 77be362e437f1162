package report

// Every WSJF object type is described once by a table of its properties in
// the server's key order. The same table drives parsing and
// serialisation, so the two can never disagree on names, order or the
// absent/null/value rules.

// extraKV is a property the model does not know, kept verbatim with the
// index of the known property it followed in the input (-1: before all).
type extraKV struct {
	after int
	key   string
	raw   string
}

// meta is embedded in every model object: unknown properties and the
// explicit-null marks of object and array properties (bit = table index).
type meta struct {
	extra []extraKV
	nulls uint32
	// parsed marks objects read from JSON: their absent properties stay
	// absent. Objects built in Go get the server's emit rule instead.
	parsed bool
}

// Extra returns the raw JSON of a property this version of the SDK does
// not model, and whether the object carried it.
func (m *meta) Extra(key string) (string, bool) {
	for _, e := range m.extra {
		if e.key == key {
			return e.raw, true
		}
	}
	return "", false
}

func (m *meta) isNull(bit int) bool { return m.nulls&(1<<bit) != 0 }
func (m *meta) setNull(bit int, null bool) {
	if null {
		m.nulls |= 1 << bit
	} else {
		m.nulls &^= 1 << bit
	}
}

type hasMeta interface{ metaPtr() *meta }

func (m *meta) metaPtr() *meta { return m }

type field[T any] struct {
	name string
	dec  func(d *decoder, x *T, bit int)
	enc  func(w *writer, x *T, bit int, name string)
	// absent reports whether the property is neither set nor null.
	absent func(x *T, m *meta, bit int) bool
	// always: the server writes this nullable property even when it is
	// null (the server's "always" emit rule); a built object writes null for it
	// when it was never set. "if set" and non-nullable properties stay out.
	always bool
}

type table[T any] struct {
	fields []field[T]
	index  map[string]int
	// fast, when set, writes the members of an object without unknown
	// keys (same output as the field loop, see encode_fast.go).
	fast func(w *writer, x *T)
}

func newTable[T any](fields ...field[T]) *table[T] {
	t := &table[T]{fields: fields, index: make(map[string]int, len(fields))}
	for i, f := range fields {
		t.index[f.name] = i
	}
	return t
}

// alwaysNull marks the nullable properties the server always writes.
func (t *table[T]) alwaysNull(names ...string) *table[T] {
	for _, n := range names {
		i, ok := t.index[n]
		if !ok {
			panic("report: alwaysNull: unknown property " + n)
		}
		t.fields[i].always = true
	}
	return t
}

// decodeInto reads one JSON object into x. Keys match exactly (case
// sensitive); unknown keys are kept with their position.
func decodeInto[T any, P interface {
	*T
	hasMeta
}](d *decoder, x P, t *table[T]) {
	if !d.beginObject() {
		return
	}
	m := x.metaPtr()
	m.parsed = true
	next, last := 0, -1
	for first := true; d.nextKey(first); first = false {
		k := d.key
		i := -1
		if next < len(t.fields) && t.fields[next].name == k {
			i = next
		} else if j, ok := t.index[k]; ok {
			i = j
		}
		if i < 0 {
			m.extra = append(m.extra, extraKV{after: last, key: k, raw: d.raw()})
			continue
		}
		d.push(k)
		t.fields[i].dec(d, (*T)(x), i)
		d.pop()
		last, next = i, i+1
	}
}

// encodeFrom writes x as one JSON object in table order, unknown keys at
// their recorded positions.
func encodeFrom[T any, P interface {
	*T
	hasMeta
}](w *writer, x P, t *table[T]) {
	if x == nil { // a nil element a caller put in a list
		w.buf = append(w.buf, "null"...)
		w.first = false
		return
	}
	w.buf = append(w.buf, '{')
	w.first = true
	ex := x.metaPtr().extra
	if t.fast != nil && len(ex) == 0 {
		t.fast(w, (*T)(x))
		w.buf = append(w.buf, '}')
		w.first = false
		return
	}
	if len(ex) > 0 {
		writeExtras(w, ex, -1)
	}
	m := x.metaPtr()
	for i := range t.fields {
		f := &t.fields[i]
		f.enc(w, (*T)(x), i, f.name)
		if f.always && !m.parsed && f.absent((*T)(x), m, i) {
			w.key(f.name)
			w.null()
		}
		if len(ex) > 0 {
			writeExtras(w, ex, i)
		}
	}
	w.buf = append(w.buf, '}')
	w.first = false
}

func writeExtras(w *writer, ex []extraKV, after int) {
	for _, e := range ex {
		if e.after == after {
			if !w.first {
				w.buf = append(w.buf, ',')
			}
			w.first = false
			// Unknown keys come from the input and may need escaping.
			w.buf = appendJSONString(w.buf, e.key)
			w.buf = append(w.buf, ':')
			w.buf = append(w.buf, e.raw...)
		}
	}
}

// Field constructors. get returns a pointer to the property inside x.

func fStr[T any](name string, get func(*T) *Str) field[T] {
	return field[T]{name: name,
		absent: func(x *T, _ *meta, _ int) bool { return get(x).st == Absent },
		dec:    func(d *decoder, x *T, _ int) { *get(x) = d.readStr() },
		enc: func(w *writer, x *T, _ int, name string) {
			if v := get(x); v.st != Absent {
				w.key(name)
				w.str(*v)
			}
		}}
}

func fNum[T any](name string, get func(*T) *Num) field[T] {
	return field[T]{name: name,
		absent: func(x *T, _ *meta, _ int) bool { return get(x).st == Absent },
		dec:    func(d *decoder, x *T, _ int) { *get(x) = d.readNum() },
		enc: func(w *writer, x *T, _ int, name string) {
			if v := get(x); v.st != Absent {
				w.key(name)
				w.num(*v)
			}
		}}
}

func fInt[T any](name string, get func(*T) *Int) field[T] {
	return field[T]{name: name,
		absent: func(x *T, _ *meta, _ int) bool { return get(x).st == Absent },
		dec:    func(d *decoder, x *T, _ int) { *get(x) = d.readInt() },
		enc: func(w *writer, x *T, _ int, name string) {
			if v := get(x); v.st != Absent {
				w.key(name)
				w.int(*v)
			}
		}}
}

func fBool[T any](name string, get func(*T) *Bool) field[T] {
	return field[T]{name: name,
		absent: func(x *T, _ *meta, _ int) bool { return get(x).st == Absent },
		dec:    func(d *decoder, x *T, _ int) { *get(x) = d.readBool() },
		enc: func(w *writer, x *T, _ int, name string) {
			if v := get(x); v.st != Absent {
				w.key(name)
				w.bool(*v)
			}
		}}
}

// fTime: utc selects the "Z" layout for newly formatted values.
func fTime[T any](name string, utc bool, get func(*T) *Time) field[T] {
	return field[T]{name: name,
		absent: func(x *T, _ *meta, _ int) bool { return get(x).st == Absent },
		dec:    func(d *decoder, x *T, _ int) { *get(x) = d.readTime() },
		enc: func(w *writer, x *T, _ int, name string) {
			if v := get(x); v.st != Absent {
				w.key(name)
				w.time(*v, utc)
			}
		}}
}

// fObj is an object-valued property; nil plus the null mark encodes null.
func fObj[T any, U any, PT interface {
	*T
	hasMeta
}, PU interface {
	*U
	hasMeta
}](name string, get func(*T) **U, tu func() *table[U]) field[T] {
	return field[T]{name: name,
		absent: func(x *T, m *meta, bit int) bool { return *get(x) == nil && !m.isNull(bit) },
		dec: func(d *decoder, x *T, bit int) {
			m := PT(x).metaPtr()
			if d.null() {
				*get(x) = nil
				m.setNull(bit, true)
				return
			}
			u := new(U)
			decodeInto(d, PU(u), tu())
			*get(x) = u
			m.setNull(bit, false)
		},
		enc: func(w *writer, x *T, bit int, name string) {
			if u := *get(x); u != nil {
				w.key(name)
				encodeFrom(w, PU(u), tu())
			} else if PT(x).metaPtr().isNull(bit) {
				w.key(name)
				w.null()
			}
		}}
}

// fList is an array of objects; a nil slice plus the null mark is null, a
// nil slice without it is absent, an empty non-nil slice is [].
func fList[T any, U any, PT interface {
	*T
	hasMeta
}, PU interface {
	*U
	hasMeta
}](name string, get func(*T) *[]*U, tu func() *table[U]) field[T] {
	return fArray[T, *U, PT](name, get,
		func(d *decoder) *U {
			u := new(U)
			decodeInto(d, PU(u), tu())
			return u
		},
		func(w *writer, u *U) { encodeFrom(w, PU(u), tu()) })
}

// fStrList is an array of strings (null elements allowed), e.g. uur.children.
func fStrList[T any, PT interface {
	*T
	hasMeta
}](name string, get func(*T) *[]Str) field[T] {
	return fArray[T, Str, PT](name, get, (*decoder).readStr, func(w *writer, s Str) {
		if s.st == Absent {
			s.st = Null
		}
		w.str(s)
	})
}

// fIntList is an array of integers (additional-data array indexes).
func fIntList[T any, PT interface {
	*T
	hasMeta
}](name string, get func(*T) *[]Int) field[T] {
	return fArray[T, Int, PT](name, get, (*decoder).readInt, func(w *writer, n Int) {
		if n.st == Absent {
			n.st = Null
		}
		w.int(n)
	})
}

// fArray is the array property behind fList, fStrList and fIntList: a nil
// slice plus the null mark is null, a nil slice without it is absent, an
// empty non-nil slice is []. read and write handle one element.
func fArray[T any, E any, PT interface {
	*T
	hasMeta
}](name string, get func(*T) *[]E, read func(*decoder) E, write func(*writer, E)) field[T] {
	return field[T]{name: name,
		absent: func(x *T, m *meta, bit int) bool { return *get(x) == nil && !m.isNull(bit) },
		dec: func(d *decoder, x *T, bit int) {
			m := PT(x).metaPtr()
			if d.null() {
				*get(x) = nil
				m.setNull(bit, true)
				return
			}
			m.setNull(bit, false)
			if !d.beginArray() {
				return
			}
			list := make([]E, 0)
			for i := 0; d.nextElem(i == 0); i++ {
				d.pushIdx(i)
				list = append(list, read(d))
				d.pop()
			}
			*get(x) = list
		},
		enc: func(w *writer, x *T, bit int, name string) {
			list := *get(x)
			if list == nil {
				if PT(x).metaPtr().isNull(bit) {
					w.key(name)
					w.null()
				}
				return
			}
			w.key(name)
			w.buf = append(w.buf, '[')
			for i, e := range list {
				if i > 0 {
					w.buf = append(w.buf, ',')
				}
				write(w, e)
			}
			w.buf = append(w.buf, ']')
		}}
}
