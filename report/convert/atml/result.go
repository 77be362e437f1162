package atml

import (
	"encoding/xml"
	"errors"
	"math"
	"strings"
)

// limKind is what a TestResult's Limits element holds.
type limKind uint8

const (
	limNone     limKind = iota
	limPair             // c:LimitPair with two c:Limit
	limSingle           // c:SingleLimit
	limExpected         // c:Expected
)

// result is one tr:TestResult as written.
type result struct {
	name, id     string
	isReportText bool
	hasLimits    bool // tr:TestLimits present
	isLog        bool // ts:IsComparisonTypeLog present
	outcome      string
	hasOutcome   bool
	value        string // TestData/Datum@value
	hasValue     bool
	unit         string // TestData/Datum@nonStandardUnit
	text         string // TestData/Datum/Value (strings), or the ReportText value
	hasText      bool
	limKind      limKind
	comp         [2]string
	lim          [2]string
	nlim         int
	expText      string // Expected/Datum/Value (string limit)
	thrType      string // ts:ThresholdType
	nominal      string
	low, high    string
}

// testResult reads the TestResult element just opened.
func (p *parser) testResult(r *result, se xml.StartElement) error {
	r.name, _ = attr(se, "name")
	if r.name == "" {
		r.name, _ = attr(se, "Name")
	}
	r.id, _ = attr(se, "ID")
	r.isReportText = r.name == "ReportText"
	d := p.c.depth()
	for {
		ce, ok, err := p.c.child(d)
		if err != nil || !ok {
			return err
		}
		if ce.Name.Space != p.v.tr {
			continue
		}
		switch ce.Name.Local {
		case "TestData":
			if err := p.testData(r); err != nil {
				return err
			}
		case "TestLimits":
			r.hasLimits = true
			if err := p.testLimits(r); err != nil {
				return err
			}
		case "Outcome":
			r.outcome, r.hasOutcome = outcomeOf(ce), true
		case "Extension":
			if err := p.limitProps(r); err != nil {
				return err
			}
		}
	}
}

func (p *parser) testData(r *result) error {
	return p.c.children(func(se xml.StartElement) error {
		if !is(se, p.v.c, "Datum") || r.hasValue || r.hasText {
			return nil
		}
		if v, ok := attr(se, "value"); ok {
			r.value, r.hasValue = v, true
		}
		if u, ok := attr(se, "nonStandardUnit"); ok {
			r.unit = strings.TrimSpace(u)
		}
		return p.c.children(func(ve xml.StartElement) error {
			if !is(ve, p.v.c, "Value") || r.hasText {
				return nil
			}
			text, err := p.rawText()
			if err != nil {
				return err
			}
			r.text, r.hasText = text, true
			return nil
		})
	})
}

// testLimits reads TestLimits/Limits.
func (p *parser) testLimits(r *result) error {
	return p.c.children(func(se xml.StartElement) error {
		if !is(se, p.v.tr, "Limits") {
			return nil
		}
		return p.c.children(func(le xml.StartElement) error {
			switch {
			case is(le, p.v.c, "LimitPair") && r.limKind == limNone:
				r.limKind = limPair
				return p.limitPair(r)
			case is(le, p.v.c, "SingleLimit") && r.limKind == limNone:
				r.limKind = limSingle
				return p.singleLimit(r, le)
			case is(le, p.v.c, "Expected") && r.limKind == limNone:
				r.limKind = limExpected
				return p.singleLimit(r, le)
			case is(le, p.v.c, "Extension"):
				return p.limitProps(r)
			}
			return nil
		})
	})
}

// singleLimit reads a SingleLimit or Expected element: one comparator and
// its datum.
func (p *parser) singleLimit(r *result, le xml.StartElement) error {
	r.comp[0], _ = attr(le, "comparator")
	if err := p.limitDatum(r, 0); err != nil {
		return err
	}
	r.nlim = 1
	return nil
}

func (p *parser) limitPair(r *result) error {
	d := p.c.depth()
	for {
		se, ok, err := p.c.child(d)
		if err != nil || !ok {
			return err
		}
		if !is(se, p.v.c, "Limit") {
			continue
		}
		if r.nlim == 2 {
			return p.c.failf("a LimitPair with more than two limits")
		}
		r.comp[r.nlim], _ = attr(se, "comparator")
		if err := p.limitDatum(r, r.nlim); err != nil {
			return err
		}
		r.nlim++
	}
}

// limitDatum reads the c:Datum of the limit element just opened into lim[i];
// an Expected limit of a string test keeps its c:Value text too.
func (p *parser) limitDatum(r *result, i int) error {
	return p.c.children(func(se xml.StartElement) error {
		if !is(se, p.v.c, "Datum") {
			return nil
		}
		r.lim[i], _ = attr(se, "value")
		return p.c.children(func(ve xml.StartElement) error {
			if !is(ve, p.v.c, "Value") {
				return nil
			}
			text, err := p.rawText()
			if err != nil {
				return err
			}
			r.expText = text
			return nil
		})
	})
}

// limitProps reads an Extension holding ts:TSLimitProperties: the LOG flag and
// the EQT threshold (5.00/6.01 put it under Limits, 2.02 under TestResult).
func (p *parser) limitProps(r *result) error {
	d := p.c.depth()
	for {
		se, ok, err := p.c.child(d)
		if err != nil || !ok {
			return err
		}
		if !is(se, p.v.ts, "TSLimitProperties") {
			continue
		}
		d2 := p.c.depth()
		for {
			le, ok, err := p.c.child(d2)
			if err != nil {
				return err
			}
			if !ok {
				break
			}
			if le.Name.Space != p.v.ts {
				continue
			}
			switch le.Name.Local {
			case "IsComparisonTypeLog":
				r.isLog = true
			case "ThresholdType":
				v, ok := attr(le, "value")
				if !ok {
					if v, err = p.c.textOf(); err != nil {
						return err
					}
				}
				r.thrType = strings.TrimSpace(v)
			case "RawLimits":
				if err := p.rawLimits(r); err != nil {
					return err
				}
			}
		}
	}
}

func (p *parser) rawLimits(r *result) error {
	d := p.c.depth()
	for {
		se, ok, err := p.c.child(d)
		if err != nil || !ok {
			return err
		}
		if se.Name.Space != p.v.ts {
			continue
		}
		v, _ := attr(se, "value")
		switch se.Name.Local {
		case "Nominal":
			r.nominal = v
		case "Low":
			r.low = v
		case "High":
			r.high = v
		}
	}
}

// threshold computes EQT limits from nominal and the raw thresholds; ok is
// false for a threshold type other than percentage, ppm or delta.
func (r *result) threshold() (lo, hi float64, ok bool, err error) {
	var scale float64
	switch strings.ToLower(r.thrType) {
	case "percentage":
		scale = 100
	case "ppm":
		scale = 1e6
	case "delta":
		scale = 0
	default:
		return 0, 0, false, nil
	}
	num := func(s string) (float64, error) {
		if strings.TrimSpace(s) == "" {
			return 0, nil
		}
		f, err := parseNumber(s)
		if err != nil {
			return 0, errors.New(s)
		}
		if math.IsNaN(f) {
			return 0, nil // a NaN side stays 0
		}
		return f, nil
	}
	nom, err := num(r.nominal)
	if err != nil {
		return 0, 0, false, err
	}
	low, err := num(r.low)
	if err != nil {
		return 0, 0, false, err
	}
	high, err := num(r.high)
	if err != nil {
		return 0, 0, false, err
	}
	if scale == 0 {
		return nom - low, nom + high, true, nil
	}
	a := math.Abs(nom)
	return nom - a*low/scale, nom + a*high/scale, true, nil
}
