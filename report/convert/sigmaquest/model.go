package sigmaquest

import "encoding/xml"

// The UnitReport document, as far as the converter reads it. Namespaces are
// ignored: files are written with and without urn:unitreport-schema.

type unitReport struct {
	XMLName         xml.Name
	Start           string     `xml:"start-time,attr"`
	End             string     `xml:"end-time,attr"`
	Mode            string     `xml:"mode,attr"`
	SoftwareVersion string     `xml:"software-version,attr"`
	Station         station    `xml:"Station"`
	Operator        named      `xml:"Operator"`
	Categories      []category `xml:"Category"`
	Props           []property `xml:"Property"`
	Runs            []testRun  `xml:"TestRun"`
}

type station struct {
	GUID  string     `xml:"guid,attr"`
	Name  string     `xml:"name,attr"`
	Props []property `xml:"Property"`
}

type named struct {
	Name  string     `xml:"name,attr"`
	Props []property `xml:"Property"`
}

type category struct {
	Name       string     `xml:"name,attr"`
	Products   []product  `xml:"Product"`
	Categories []category `xml:"Category"`
	Props      []property `xml:"Property"`
}

type product struct {
	PartNo     string     `xml:"part-no,attr"`
	SerialNo   string     `xml:"serial-no,attr"`
	Name       string     `xml:"name,attr"`
	Version    string     `xml:"version,attr"`
	Products   []product  `xml:"Product"`
	Categories []category `xml:"Category"`
	Props      []property `xml:"Property"`
}

type property struct {
	Values []value `xml:",any"`
}

// value is any Value* element (and, inside Result and SetUp, a Property
// holding more of them).
type value struct {
	XMLName xml.Name
	Name    string  `xml:"name,attr"`
	LSL     *string `xml:"lsl,attr"`
	USL     *string `xml:"usl,attr"`
	UOM     string  `xml:"uom,attr"`
	Grade   string  `xml:"grade,attr"`
	Type    string  `xml:"type,attr"`
	FQN     string  `xml:"fqn,attr"`
	Text    string  `xml:",chardata"`
	Inner   []value `xml:",any"`
}

type testRun struct {
	Name    string      `xml:"name,attr"`
	Start   string      `xml:"start-time,attr"`
	End     string      `xml:"end-time,attr"`
	Grade   string      `xml:"grade,attr"`
	Runs    []testRun   `xml:"TestRun"`
	Results []container `xml:"Result"`
	SetUps  []container `xml:"SetUp"`
	Props   []property  `xml:"Property"`
	Errors  []errorMsg  `xml:"Error"`
}

// container is a Result or SetUp: values, and a Property holding more.
type container struct {
	Values []value `xml:",any"`
}

type errorMsg struct {
	Messages []struct {
		Name string `xml:"name,attr"`
		Text string `xml:",chardata"`
	} `xml:"Message"`
}
