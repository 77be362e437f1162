package watstest

// SKELETON: the process domain of the emulator. Its issue fills in the state and routes.

type processState struct{}

func newProcessState() *processState { return &processState{} }

func (e *Emulator) installProcess() {}
