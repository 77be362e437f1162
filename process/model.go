package process

import "encoding/json"

// Process is one operation type as the public route returns it.
type Process struct {
	// Code identifies the process, e.g. 100 "End of line test", 500 "Repair".
	Code int `json:"code"`
	// Name is the display name; lookups by name ignore case.
	Name string `json:"name"`
	// Description is free text (null on the wire becomes "").
	Description string `json:"description,omitempty"`
	// IsTestOperation: usable as a UUT report's processCode.
	IsTestOperation bool `json:"isTestOperation"`
	// IsRepairOperation: usable as a UUR report's top-level processCode.
	IsRepairOperation bool `json:"isRepairOperation"`
	// IsWIPOperation: a production (work in progress) step. Wire name
	// "isWipOperation" (the internal routes spell it IsWIPOperation).
	IsWIPOperation bool `json:"isWipOperation"`
	// ProcessIndex orders processes; nil when the server omits it.
	ProcessIndex *int `json:"processIndex,omitempty"`
	// State is 1 for active processes; other values are passed through.
	State *int `json:"state,omitempty"`
}

// Active reports whether the process is active: State 1, or no State sent.
func (p Process) Active() bool { return p.State == nil || *p.State == 1 }

// InternalProcess is a process as the internal routes return it (PascalCase),
// with the process GUID used by the other internal calls.
type InternalProcess struct {
	// Code is the process code (public "code").
	Code int `json:"Code"`
	// Name is the display name.
	Name string `json:"Name"`
	// Description is free text.
	Description string `json:"Description,omitempty"`
	// ProcessID is the process GUID ("" for a process not yet created).
	ProcessID string `json:"ProcessID,omitempty"`
	// ProcessIndex orders processes.
	ProcessIndex *int `json:"ProcessIndex,omitempty"`
	// State is 1 for active processes.
	State *int `json:"State,omitempty"`
	// Properties is the process's property text (null on the wire becomes "").
	Properties string `json:"Properties,omitempty"`
	// IsTestOperation: usable as a UUT report's processCode.
	IsTestOperation bool `json:"IsTestOperation"`
	// IsRepairOperation: usable as a UUR report's top-level processCode.
	IsRepairOperation bool `json:"IsRepairOperation"`
	// IsWIPOperation: a production step (wire spelling "IsWIPOperation").
	IsWIPOperation bool `json:"IsWIPOperation"`
}

// RepairOperationConfig is the configuration of one repair operation: the
// fail-code tree and the rules for UUR forms.
type RepairOperationConfig struct {
	// Description names the repair operation.
	Description string `json:"Description"`
	// UUTRequired says whether a referenced UUT is needed; the value
	// (0/1/2) is passed through as an int. Default 1.
	UUTRequired int `json:"UUTRequired"`
	// CompRefMask is a regular expression component references must match.
	CompRefMask *string `json:"CompRefMask,omitempty"`
	// CompRefMaskDescription explains CompRefMask in words.
	CompRefMaskDescription *string `json:"CompRefMaskDescription,omitempty"`
	// BomConstraint is a BOM rule, passed through as text.
	BomConstraint *string `json:"BomConstraint,omitempty"`
	// BOMRequired says whether a BOM is needed (passed through as an int). Default 1.
	BOMRequired int `json:"BOMRequired"`
	// VendorRequired says whether a vendor is needed (passed through as an int). Default 2.
	VendorRequired int `json:"VendorRequired"`
	// Categories are the top-level fail-code categories.
	Categories []RepairCategory `json:"Categories"`
	// MiscInfos are the misc-info fields a UUR form asks for.
	MiscInfos []RepairMiscInfo `json:"MiscInfos,omitempty"`
}

// RepairMiscInfo is one misc-info field of a repair operation's UUR form.
type RepairMiscInfo struct {
	// GUID identifies the field ("" for a new one).
	GUID string `json:"GUID,omitempty"`
	// Description is the field's label, the description a UUR misc info carries.
	Description string `json:"Description"`
	// InputMask is the input mask shown to the operator.
	InputMask string `json:"InputMask,omitempty"`
	// ValidRegex is a regular expression valid values match.
	ValidRegex string `json:"ValidRegex,omitempty"`
	// Status is 1 for active fields.
	Status int `json:"Status"`
	// SortOrder orders the fields.
	SortOrder int `json:"SortOrder"`
	// AllowedValues lists the values the field accepts (empty: any). The
	// server computes it; UpdateRepairOperation does not send it.
	AllowedValues []string `json:"AllowedValues,omitempty"`
}

// RepairCategory is a fail-code category or, one level down, a fail code.
type RepairCategory struct {
	// GUID identifies the category or fail code ("" for a new one).
	GUID string `json:"GUID,omitempty"`
	// Description is the text a UUR failure uses to name it.
	Description string `json:"Description"`
	// Selectable: only selectable fail codes may be used. Default true.
	Selectable bool `json:"Selectable"`
	// SortOrder orders siblings.
	SortOrder int `json:"SortOrder"`
	// FailureType is an enum, passed through as an int.
	FailureType int `json:"FailureType"`
	// ImageConstraint is an image rule, passed through as text.
	ImageConstraint *string `json:"ImageConstraint,omitempty"`
	// Status is 1 for active entries; other values are passed through. Default 1.
	Status int `json:"Status"`
	// Failcodes holds the fail codes of a category (wire spelling "Failcodes").
	Failcodes []RepairCategory `json:"Failcodes"`
}

// FailCode is one selectable fail code with its category, as a UUR failure
// names them (by description text).
type FailCode struct {
	// Category is the category description (a UUR failure's "category").
	Category string
	// Code is the fail-code description (a UUR failure's "code").
	Code string
	// GUID identifies the fail code.
	GUID string
	// CategoryGUID identifies the category.
	CategoryGUID string
}

// FailCodes flattens the category tree into the selectable fail codes, in
// category and sort order as received.
func (c RepairOperationConfig) FailCodes() []FailCode {
	var out []FailCode
	for _, cat := range c.Categories {
		for _, fc := range cat.Failcodes {
			if !fc.Selectable {
				continue
			}
			out = append(out, FailCode{Category: cat.Description, Code: fc.Description, GUID: fc.GUID, CategoryGUID: cat.GUID})
		}
	}
	return out
}

// UnmarshalJSON applies the defaults pyWATS assumes for absent fields
// (UUTRequired 1, BOMRequired 1, VendorRequired 2).
func (c *RepairOperationConfig) UnmarshalJSON(b []byte) error {
	type plain RepairOperationConfig
	p := plain{UUTRequired: 1, BOMRequired: 1, VendorRequired: 2}
	if err := json.Unmarshal(b, &p); err != nil {
		return err
	}
	*c = RepairOperationConfig(p)
	return nil
}

// UnmarshalJSON applies the defaults pyWATS assumes for absent fields
// (Selectable true, Status 1), so a terse server answer does not hide
// every fail code.
func (c *RepairCategory) UnmarshalJSON(b []byte) error {
	type plain RepairCategory
	p := plain{Selectable: true, Status: 1}
	if err := json.Unmarshal(b, &p); err != nil {
		return err
	}
	*c = RepairCategory(p)
	return nil
}
