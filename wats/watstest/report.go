package watstest

// SKELETON: the report domain of the emulator. Its issue fills in the state and routes.

type reportState struct{}

func newReportState() *reportState { return &reportState{} }

func (e *Emulator) installReport() {}
