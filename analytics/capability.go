package analytics

import (
	"errors"
	"fmt"
	"math"
)

// ErrCapability is returned when Cpk cannot be computed from the data.
var ErrCapability = errors.New("analytics: process capability undefined")

// Capability is the process-capability summary of a series of values.
// Cp, Cpu, Cpl are NaN where a limit they need is missing.
type Capability struct {
	N      int      // number of values
	Mean   float64  // arithmetic mean
	StdDev float64  // sample standard deviation (n−1)
	Low    *float64 // low limit, nil if none
	High   *float64 // high limit, nil if none
	Cp     float64  // (high−low)/6s; NaN without both limits
	Cpu    float64  // (high−μ)/3s; NaN without a high limit
	Cpl    float64  // (μ−low)/3s; NaN without a low limit
	Cpk    float64  // min of the defined Cpu and Cpl
}

// ComputeCapability computes Cp and Cpk from values and the limits:
// Cpu = (high−μ)/3s, Cpl = (μ−low)/3s, Cpk = min of the defined ones,
// Cp = (high−low)/6s, with μ the mean and s the sample standard deviation.
// It needs at least two values, some spread, and at least one limit.
func ComputeCapability(values []float64, low, high *float64) (Capability, error) {
	c := Capability{N: len(values), Low: low, High: high, Cp: math.NaN(), Cpu: math.NaN(), Cpl: math.NaN(), Cpk: math.NaN()}
	if len(values) < 2 {
		return c, fmt.Errorf("%w: need at least 2 values, got %d", ErrCapability, len(values))
	}
	if low == nil && high == nil {
		return c, fmt.Errorf("%w: no limits", ErrCapability)
	}
	if low != nil && high != nil && *high <= *low {
		return c, fmt.Errorf("%w: high limit %g is not above low limit %g", ErrCapability, *high, *low)
	}
	var sum float64
	allEqual := true
	for _, v := range values {
		sum += v
		allEqual = allEqual && v == values[0]
	}
	c.Mean = sum / float64(len(values))
	var ss float64
	for _, v := range values {
		d := v - c.Mean
		ss += d * d
	}
	c.StdDev = math.Sqrt(ss / float64(len(values)-1))
	if allEqual || c.StdDev == 0 {
		return c, fmt.Errorf("%w: all %d values are equal (zero spread)", ErrCapability, len(values))
	}
	c.Cpk = math.Inf(1)
	if high != nil {
		c.Cpu = (*high - c.Mean) / (3 * c.StdDev)
		c.Cpk = c.Cpu
	}
	if low != nil {
		c.Cpl = (c.Mean - *low) / (3 * c.StdDev)
		c.Cpk = math.Min(c.Cpk, c.Cpl)
	}
	if low != nil && high != nil {
		c.Cp = (*high - *low) / (6 * c.StdDev)
	}
	return c, nil
}
