package report_test

import (
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/watsgo/sdk/internal/errs"
	"github.com/watsgo/sdk/report"
)

// Build a test report the way a test station does: header, steps, finalise
// (ids, statuses), validate, serialise.
func ExampleNewUUT() {
	r, err := report.NewUUT("PCBA-100", "SN0001", "B", 10,
		report.WithStation(report.Station{Name: "FCT-01", Location: "Line 2", Purpose: "Production"}),
		report.WithOperator("op1"),
		report.WithID("5f0c2b8e-3d6a-4c1e-9a57-2b1f0e4d7c31"),
		report.WithStart(time.Date(2026, 3, 2, 9, 15, 30, 0, time.FixedZone("", 3600))))
	if err != nil {
		fmt.Println(err)
		return
	}
	rails, _ := r.Root.AddSequence("Rails")
	_, _ = rails.AddNumericStep("3V3", 3.31, "V", report.Lim(report.GELE, 3.2, 3.4))
	_, _ = rails.AddNumericStep("5V", 5.3, "V", report.Lim(report.LT, 5.25))
	_, _ = r.Root.AddPassFailStep("Self test", true)

	if err := r.Finalize(); err != nil {
		fmt.Println(err)
		return
	}
	if err := r.Validate(); err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range r.Steps() {
		fmt.Println(s.ID.Int64(), s.Name.Value(), s.Status.Value(), s.CausedUUTFailure.Value())
	}
	fmt.Println("result:", r.Result())
	// Output:
	// 1 MainSequence Callback F false
	// 2 Rails F false
	// 3 3V3 P false
	// 4 5V F true
	// 5 Self test P false
	// result: F
}

// Parse a report exported by the server and write it back unchanged.
func ExampleParse() {
	data, err := os.ReadFile("testdata/uut-server-export.json")
	if err != nil {
		fmt.Println(err)
		return
	}
	r, err := report.Parse(data)
	if err != nil {
		fmt.Println(err)
		return
	}
	out, _ := r.Marshal()
	fmt.Println(r.Type(), r.SerialNumber(), r.Result(), len(r.Steps()), "steps")
	fmt.Println("byte-identical:", string(out) == string(data))
	fmt.Println("caused the failure:", r.StepByID(int(r.UUT.StepIDCausedUUTFailure.Int64())).Name.Value())
	// Output:
	// T FATTest-325 F 186 steps
	// byte-identical: true
	// caused the failure: SingleEQFail
}

// Validation names every violation by its JSON path.
func ExampleReport_Validate() {
	data, _ := os.ReadFile("testdata/uut-server-export.json")
	r, _ := report.Parse(data)
	r.Header.Result = report.StrOf("Passed")
	r.StepByID(4).NumericMeas[0].LowLimit = report.NullNum()

	err := r.Validate()
	var ve *errs.ValidationError
	if errors.As(err, &ve) {
		for _, f := range ve.Fields {
			fmt.Println(f.Path, "-", f.Rule)
		}
	}
	fmt.Println(errors.Is(err, errs.ErrValidation))
	// Output:
	// result - oneof=P F E T
	// root.steps[0].steps[1].numericMeas[0].lowLimit - required
	// true
}

// Bad input is refused at the call that brings it, naming the field.
func ExampleStep_AddNumericStep() {
	r, _ := report.NewUUT("P", "S", "R", 10,
		report.WithStation(report.Station{Name: "FCT-01", Location: "Line 2", Purpose: "Production"}),
		report.WithOperator("op1"))
	_, err := r.Root.AddNumericStep("Vout", 5.01, "V", report.Lim(report.GELE, 4.9))
	fmt.Println(err)
	_, err = r.Root.AddNumericStep("Vout", 5.01, "V", report.Lim(report.GELE, 4.9, 5.1))
	fmt.Println(err, r.Root.Steps[0].Status.Value())
	// Output:
	// report.AddNumericStep: invalid input: numericMeas[0].highLimit: GELE needs 2 limit(s), got 1
	// <nil> P
}

// Evaluate a comparison operator; single limits live in the low limit.
func ExampleCompOp_EvalNumeric() {
	op, _ := report.ParseCompOp("le")
	fmt.Println(op, op.Limits(), op.EvalNumeric(0.42, 0.5, 0))
	fmt.Println(report.LTGE.EvalNumeric(20, 10, 20))
	// Output:
	// LE 1 true
	// true
}

// A repair report for a failed unit, linked to the UUT and its failing step.
func ExampleNewUURFromUUT() {
	data, _ := os.ReadFile("testdata/uut-server-export.json")
	uut, _ := report.Parse(data)

	uur, err := report.NewUURFromUUT(uut, 500,
		report.WithStation(report.Station{Name: "REPAIR-01", Location: "Line 2", Purpose: "Repair"}),
		report.WithOperator("tech1"))
	if err != nil {
		fmt.Println(err)
		return
	}
	failed := uut.FailedSteps()[0]
	_, err = uur.AddFailure(0, "Component", "Burned Component", report.FailureStep(failed), report.FailureComRef("U7"))
	fmt.Println(err)
	fmt.Println(uur.Type(), uur.SerialNumber(), uur.UUR.RefUUT.Value(), uur.SubUnits[0].Failures[0].RefStepID.Int64())
	fmt.Println(uur.Validate())
	// Output:
	// <nil>
	// R FATTest-325 33a2d408-3fc8-480b-b554-6866c77fd91c 5
	// <nil>
}
