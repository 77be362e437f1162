package report

import (
	"testing"
	"time"
)

func TestQuickBuild(t *testing.T) {
	r, err := NewUUT("PCBA-100", "SN0001", "B", 10, WithStation(Station{Name: "FCT-01", Location: "Line 2", Purpose: "Production"}), WithOperator("op1"), WithStart(time.Date(2026, 3, 2, 9, 15, 30, 250000000, time.FixedZone("", 3600))), WithID("5f0c2b8e-3d6a-4c1e-9a57-2b1f0e4d7c31"))
	if err != nil {
		t.Fatal(err)
	}
	root := r.Root
	if _, err := root.AddActionStep("Power on", StepGroup("S")); err != nil {
		t.Fatal(err)
	}
	rails, _ := root.AddSequence("Rails")
	rails.AddNumericStep("3V3", 3.31, "V", Lim(GELE, 3.2, 3.4))
	rails.AddNumericStep("5V", 5.3, "V", Lim(LT, 5.25))
	cur, _ := rails.AddMultiNumericStep("Currents")
	cur.AddNumericMeasurement("I_3V3", 0.42, "A", Lim(LE, 0.5))
	cur.AddNumericMeasurement("I_5V", 0.88, "A", Lim(LOG))
	root.AddPassFailStep("Self test", true)
	root.AddStringStep("FW version", "v1.2.0", IgnoreCase, "V1.2.0")
	ch, _ := root.AddChartStep("Ripple", ChartSpec{Label: "Ripple", XLabel: "Time", XUnit: "ms", YLabel: "Ripple", YUnit: "mV"})
	ch.AddNumericMeasurement("ripple", 12, "mV", Lim(LE, 20))
	ch.AddSeries("5V ripple", []float64{0, 1, 2, 3}, []float64{11.5, 12, 11.8, 12})
	lp, _ := root.AddLoop("Loop")
	root.AddNumericStep("Loop", 1, "V", Lim(GE, 0), LoopIteration(lp))
	root.AddNumericStep("Loop", -1, "V", Lim(GE, 0), LoopIteration(lp))
	if err := r.Finalize(); err != nil {
		t.Fatal(err)
	}
	b, _ := r.MarshalIndent("", " ")
	t.Log(string(b))
	t.Log(r.Validate())
	t.Log(r.Warnings())
	_, err = rails.AddNumericStep("", 1e-5, "V", Lim(GELE, 3))
	t.Log(err)
}
