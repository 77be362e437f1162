package watstest

// SKELETON: the asset domain of the emulator. Its issue fills in the state and routes.

type assetState struct{}

func newAssetState() *assetState { return &assetState{} }

func (e *Emulator) installAsset() {}
