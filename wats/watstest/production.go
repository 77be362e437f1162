package watstest

// SKELETON: the production domain of the emulator. Its issue fills in the state and routes.

type productionState struct{}

func newProductionState() *productionState { return &productionState{} }

func (e *Emulator) installProduction() {}
