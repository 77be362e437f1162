package report

// AdditionalData is a named free-form property tree, used for the
// report's additionalData and a step's additionalResults.
type AdditionalData struct {
	meta
	Name  Str         `json:"name" validate:"required,min=1,max=200,xmlsafe"` // name of the tree (name)
	Props []*Property `json:"props" validate:"-"`                             // top-level properties (props)
}

// Property is one node of an additional-data tree.
type Property struct {
	meta
	Name      Str         `json:"name"`      // property name (name)
	Type      Str         `json:"type"`      // value type: Number, String, Bool, Obj or Array; other values are kept as sent (type)
	Flags     Int         `json:"flags"`     // bit flags, passed through as sent (flags)
	Value     Str         `json:"value"`     // value as text for Number, String and Bool (value)
	NumFormat Str         `json:"numFormat"` // number format when Type is Number (numFormat)
	Comment   Str         `json:"comment"`   // comment (comment)
	Props     []*Property `json:"props"`     // children when Type is Obj (props)
	Array     *PropArray  `json:"array"`     // payload when Type is Array (array)
}

// PropArray is the array payload of a Property of type "Array".
type PropArray struct {
	meta
	Dimension Int          `json:"dimension"` // number of dimensions (dimension)
	Type      Str          `json:"type"`      // element type (type)
	Indexes   []*PropIndex `json:"indexes"`   // the elements (indexes)
}

// PropIndex is one element of a PropArray.
type PropIndex struct {
	meta
	Text    Str       `json:"text"`    // index as text, e.g. "[0][1]" (text)
	Indexes []Int     `json:"indexes"` // one index per dimension (indexes)
	Value   *Property `json:"value"`   // element value (value)
}
