package watstest

// SKELETON: the product domain of the emulator. Its issue fills in the state and routes.

type productState struct{}

func newProductState() *productState { return &productState{} }

func (e *Emulator) installProduct() {}
