package watstest

// SKELETON: analytics are computed from the report store; its issue adds the routes.

func (e *Emulator) installAnalytics() {}
