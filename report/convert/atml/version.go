package atml

import "encoding/xml"

// version holds the namespaces of one TestStand ATML flavour.
type version struct {
	name string // "2.02", "5.00", "6.01"
	root string // local name of the root element
	rootNS,
	tr, c, ts string
}

// versions are the flavours NI TestStand writes. 2.02 has one TestResults
// root; 5.00 and 6.01 wrap TestResults elements in a collection.
var versions = [...]version{
	{name: "2.02", root: "TestResults", rootNS: "http://www.ieee.org/ATML/2007/TestResults",
		tr: "http://www.ieee.org/ATML/2007/TestResults", c: "http://www.ieee.org/ATML/2006/Common",
		ts: "www.ni.com/TestStand/ATMLTestResults/1.0"},
	{name: "5.00", root: "TestResultsCollection", rootNS: "urn:IEEE-1636.1:2011:01:TestResultsCollection",
		tr: "urn:IEEE-1636.1:2011:01:TestResults", c: "urn:IEEE-1671:2010:Common",
		ts: "www.ni.com/TestStand/ATMLTestResults/2.0"},
	{name: "6.01", root: "TestResultsCollection", rootNS: "urn:IEEE-1636.1:2013:TestResultsCollection",
		tr: "urn:IEEE-1636.1:2013:TestResults", c: "urn:IEEE-1671:2010:Common",
		ts: "www.ni.com/TestStand/ATMLTestResults/3.0"},
}

// versionOf returns the flavour whose root element is n.
func versionOf(n xml.Name) *version {
	for i := range versions {
		if v := &versions[i]; v.root == n.Local && v.rootNS == n.Space {
			return v
		}
	}
	return nil
}

// collection reports whether the root wraps several TestResults.
func (v *version) collection() bool { return v.root == "TestResultsCollection" }
