package watstest

// SKELETON: the software domain of the emulator. Its issue fills in the state and routes.

type softwareState struct{}

func newSoftwareState() *softwareState { return &softwareState{} }

func (e *Emulator) installSoftware() {}
