package report

// AdditionalData is a named free-form property tree (spec §10), used for the
// report's additionalData and a step's additionalResults.
type AdditionalData struct {
	meta
	Name  Str         `json:"name" validate:"required,min=1,max=200,xmlsafe"`
	Props []*Property `json:"props" validate:"-"`
}

// Property is one node of an additional-data tree.
type Property struct {
	meta
	Name      Str         `json:"name"`
	Type      Str         `json:"type"`
	Flags     Int         `json:"flags"`
	Value     Str         `json:"value"`
	NumFormat Str         `json:"numFormat"`
	Comment   Str         `json:"comment"`
	Props     []*Property `json:"props"`
	Array     *PropArray  `json:"array"`
}

// PropArray is the array payload of a Property of type "Array".
type PropArray struct {
	meta
	Dimension Int          `json:"dimension"`
	Type      Str          `json:"type"`
	Indexes   []*PropIndex `json:"indexes"`
}

// PropIndex is one element of a PropArray.
type PropIndex struct {
	meta
	Text    Str       `json:"text"`
	Indexes []Int     `json:"indexes"`
	Value   *Property `json:"value"`
}
