package report

import (
	"bytes"
	"fmt"
	"strconv"
)

// Every model type implements json.Marshaler and json.Unmarshaler with the
// same lossless rules as a whole Report, so parts of a report can be
// marshalled on their own or embedded in other JSON.

func marshalObj[T any, P interface {
	*T
	hasMeta
}](x P, t *table[T]) ([]byte, error) {
	w := writer{}
	encodeFrom(&w, x, t)
	return w.buf, nil
}

func unmarshalObj[T any, P interface {
	*T
	hasMeta
}](data []byte, x P, t *table[T], what string) error {
	if string(bytes.TrimSpace(data)) == "null" {
		return nil
	}
	d := decoder{src: string(data)}
	var zero T
	*x = zero
	decodeInto(&d, x, t)
	d.end()
	if d.err != nil {
		return fmt.Errorf("report: parse WSJF %s: %w", what, d.err)
	}
	return nil
}

// MarshalJSON implements json.Marshaler.
func (x *UUTInfo) MarshalJSON() ([]byte, error) { return marshalObj(x, uutTable) }

// UnmarshalJSON implements json.Unmarshaler.
func (x *UUTInfo) UnmarshalJSON(data []byte) error { return unmarshalObj(data, x, uutTable, "UUTInfo") }

// MarshalJSON implements json.Marshaler.
func (x *UURInfo) MarshalJSON() ([]byte, error) { return marshalObj(x, uurTable) }

// UnmarshalJSON implements json.Unmarshaler.
func (x *UURInfo) UnmarshalJSON(data []byte) error { return unmarshalObj(data, x, uurTable, "UURInfo") }

// MarshalJSON implements json.Marshaler.
func (x *RefUUR) MarshalJSON() ([]byte, error) { return marshalObj(x, refUURTable) }

// UnmarshalJSON implements json.Unmarshaler.
func (x *RefUUR) UnmarshalJSON(data []byte) error {
	return unmarshalObj(data, x, refUURTable, "RefUUR")
}

// MarshalJSON implements json.Marshaler.
func (x *MiscInfo) MarshalJSON() ([]byte, error) { return marshalObj(x, miscTable) }

// UnmarshalJSON implements json.Unmarshaler.
func (x *MiscInfo) UnmarshalJSON(data []byte) error {
	return unmarshalObj(data, x, miscTable, "MiscInfo")
}

// MarshalJSON implements json.Marshaler.
func (x *SubUnit) MarshalJSON() ([]byte, error) { return marshalObj(x, subUnitTable) }

// UnmarshalJSON implements json.Unmarshaler.
func (x *SubUnit) UnmarshalJSON(data []byte) error {
	return unmarshalObj(data, x, subUnitTable, "SubUnit")
}

// MarshalJSON implements json.Marshaler.
func (x *Failure) MarshalJSON() ([]byte, error) { return marshalObj(x, failureTable) }

// UnmarshalJSON implements json.Unmarshaler.
func (x *Failure) UnmarshalJSON(data []byte) error {
	return unmarshalObj(data, x, failureTable, "Failure")
}

// MarshalJSON implements json.Marshaler.
func (x *Asset) MarshalJSON() ([]byte, error) { return marshalObj(x, assetTable) }

// UnmarshalJSON implements json.Unmarshaler.
func (x *Asset) UnmarshalJSON(data []byte) error { return unmarshalObj(data, x, assetTable, "Asset") }

// MarshalJSON implements json.Marshaler.
func (x *AssetStats) MarshalJSON() ([]byte, error) { return marshalObj(x, assetStatsTable) }

// UnmarshalJSON implements json.Unmarshaler.
func (x *AssetStats) UnmarshalJSON(data []byte) error {
	return unmarshalObj(data, x, assetStatsTable, "AssetStats")
}

// MarshalJSON implements json.Marshaler.
func (x *BinaryData) MarshalJSON() ([]byte, error) { return marshalObj(x, binaryTable) }

// UnmarshalJSON implements json.Unmarshaler.
func (x *BinaryData) UnmarshalJSON(data []byte) error {
	return unmarshalObj(data, x, binaryTable, "BinaryData")
}

// MarshalJSON implements json.Marshaler.
func (x *AdditionalData) MarshalJSON() ([]byte, error) { return marshalObj(x, additionalTable) }

// UnmarshalJSON implements json.Unmarshaler.
func (x *AdditionalData) UnmarshalJSON(data []byte) error {
	return unmarshalObj(data, x, additionalTable, "AdditionalData")
}

// MarshalJSON implements json.Marshaler.
func (x *Property) MarshalJSON() ([]byte, error) { return marshalObj(x, propertyTable) }

// UnmarshalJSON implements json.Unmarshaler.
func (x *Property) UnmarshalJSON(data []byte) error {
	return unmarshalObj(data, x, propertyTable, "Property")
}

// MarshalJSON implements json.Marshaler.
func (x *PropArray) MarshalJSON() ([]byte, error) { return marshalObj(x, propArrayTable) }

// UnmarshalJSON implements json.Unmarshaler.
func (x *PropArray) UnmarshalJSON(data []byte) error {
	return unmarshalObj(data, x, propArrayTable, "PropArray")
}

// MarshalJSON implements json.Marshaler.
func (x *PropIndex) MarshalJSON() ([]byte, error) { return marshalObj(x, propIndexTable) }

// UnmarshalJSON implements json.Unmarshaler.
func (x *PropIndex) UnmarshalJSON(data []byte) error {
	return unmarshalObj(data, x, propIndexTable, "PropIndex")
}

// MarshalJSON implements json.Marshaler.
func (x *Loop) MarshalJSON() ([]byte, error) { return marshalObj(x, loopTable) }

// UnmarshalJSON implements json.Unmarshaler.
func (x *Loop) UnmarshalJSON(data []byte) error { return unmarshalObj(data, x, loopTable, "Loop") }

// MarshalJSON implements json.Marshaler.
func (x *SeqCall) MarshalJSON() ([]byte, error) { return marshalObj(x, seqCallTable) }

// UnmarshalJSON implements json.Unmarshaler.
func (x *SeqCall) UnmarshalJSON(data []byte) error {
	return unmarshalObj(data, x, seqCallTable, "SeqCall")
}

// MarshalJSON implements json.Marshaler.
func (x *CallExe) MarshalJSON() ([]byte, error) { return marshalObj(x, callExeTable) }

// UnmarshalJSON implements json.Unmarshaler.
func (x *CallExe) UnmarshalJSON(data []byte) error {
	return unmarshalObj(data, x, callExeTable, "CallExe")
}

// MarshalJSON implements json.Marshaler.
func (x *MessagePopup) MarshalJSON() ([]byte, error) { return marshalObj(x, popupTable) }

// UnmarshalJSON implements json.Unmarshaler.
func (x *MessagePopup) UnmarshalJSON(data []byte) error {
	return unmarshalObj(data, x, popupTable, "MessagePopup")
}

// MarshalJSON implements json.Marshaler.
func (x *Chart) MarshalJSON() ([]byte, error) { return marshalObj(x, chartTable) }

// UnmarshalJSON implements json.Unmarshaler.
func (x *Chart) UnmarshalJSON(data []byte) error { return unmarshalObj(data, x, chartTable, "Chart") }

// MarshalJSON implements json.Marshaler.
func (x *Series) MarshalJSON() ([]byte, error) { return marshalObj(x, seriesTable) }

// UnmarshalJSON implements json.Unmarshaler.
func (x *Series) UnmarshalJSON(data []byte) error {
	return unmarshalObj(data, x, seriesTable, "Series")
}

// MarshalJSON implements json.Marshaler.
func (x *Attachment) MarshalJSON() ([]byte, error) { return marshalObj(x, attachmentTable) }

// UnmarshalJSON implements json.Unmarshaler.
func (x *Attachment) UnmarshalJSON(data []byte) error {
	return unmarshalObj(data, x, attachmentTable, "Attachment")
}

// MarshalJSON implements json.Marshaler.
func (x *NumericMeas) MarshalJSON() ([]byte, error) { return marshalObj(x, numericMeasTable) }

// UnmarshalJSON implements json.Unmarshaler.
func (x *NumericMeas) UnmarshalJSON(data []byte) error {
	return unmarshalObj(data, x, numericMeasTable, "NumericMeas")
}

// MarshalJSON implements json.Marshaler.
func (x *StringMeas) MarshalJSON() ([]byte, error) { return marshalObj(x, stringMeasTable) }

// UnmarshalJSON implements json.Unmarshaler.
func (x *StringMeas) UnmarshalJSON(data []byte) error {
	return unmarshalObj(data, x, stringMeasTable, "StringMeas")
}

// MarshalJSON implements json.Marshaler.
func (x *BooleanMeas) MarshalJSON() ([]byte, error) { return marshalObj(x, booleanMeasTable) }

// UnmarshalJSON implements json.Unmarshaler.
func (x *BooleanMeas) UnmarshalJSON(data []byte) error {
	return unmarshalObj(data, x, booleanMeasTable, "BooleanMeas")
}

// JSON for the property types: an absent value has no JSON form of its own
// (the containing object leaves the key out), so it marshals as null.

// MarshalJSON implements json.Marshaler.
func (s Str) MarshalJSON() ([]byte, error) {
	if s.st != Set {
		return []byte("null"), nil
	}
	return appendJSONString(nil, s.v), nil
}

// UnmarshalJSON implements json.Unmarshaler.
func (s *Str) UnmarshalJSON(data []byte) error {
	d := decoder{src: string(data)}
	v := d.readStr()
	d.end()
	if d.err != nil {
		return fmt.Errorf("report: parse string: %w", d.err)
	}
	*s = v
	return nil
}

// MarshalJSON implements json.Marshaler.
func (n Num) MarshalJSON() ([]byte, error) {
	if n.st != Set {
		return []byte("null"), nil
	}
	return []byte(n.Literal()), nil
}

// UnmarshalJSON implements json.Unmarshaler.
func (n *Num) UnmarshalJSON(data []byte) error {
	d := decoder{src: string(data)}
	v := d.readNum()
	d.end()
	if d.err != nil {
		return fmt.Errorf("report: parse number: %w", d.err)
	}
	*n = v
	return nil
}

// MarshalJSON implements json.Marshaler.
func (n Int) MarshalJSON() ([]byte, error) {
	if n.st != Set {
		return []byte("null"), nil
	}
	return []byte(n.Literal()), nil
}

// UnmarshalJSON implements json.Unmarshaler.
func (n *Int) UnmarshalJSON(data []byte) error {
	d := decoder{src: string(data)}
	v := d.readInt()
	d.end()
	if d.err != nil {
		return fmt.Errorf("report: parse integer: %w", d.err)
	}
	*n = v
	return nil
}

// MarshalJSON implements json.Marshaler.
func (b Bool) MarshalJSON() ([]byte, error) {
	if b.st != Set {
		return []byte("null"), nil
	}
	return []byte(strconv.FormatBool(b.v)), nil
}

// UnmarshalJSON implements json.Unmarshaler.
func (b *Bool) UnmarshalJSON(data []byte) error {
	d := decoder{src: string(data)}
	v := d.readBool()
	d.end()
	if d.err != nil {
		return fmt.Errorf("report: parse boolean: %w", d.err)
	}
	*b = v
	return nil
}

// MarshalJSON implements json.Marshaler; new values use the DateTimeOffset
// form ("±hh:mm").
func (t Time) MarshalJSON() ([]byte, error) {
	if t.st != Set {
		return []byte("null"), nil
	}
	w := writer{}
	w.time(t, false)
	return w.buf, nil
}

// UnmarshalJSON implements json.Unmarshaler.
func (t *Time) UnmarshalJSON(data []byte) error {
	d := decoder{src: string(data)}
	v := d.readTime()
	d.end()
	if d.err != nil {
		return fmt.Errorf("report: parse date-time: %w", d.err)
	}
	*t = v
	return nil
}
