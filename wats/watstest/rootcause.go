package watstest

// SKELETON: the rootcause domain of the emulator. Its issue fills in the state and routes.

type rootCauseState struct{}

func newRootCauseState() *rootCauseState { return &rootCauseState{} }

func (e *Emulator) installRootCause() {}
