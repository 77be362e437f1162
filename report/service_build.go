package report

// The builders on Service are the package builders with the client's
// default station applied first, so an explicit WithStation still wins.

// NewUUT is NewUUT with the client's station as the default machine name,
// location and purpose.
//
// No I/O.
func (s *Service) NewUUT(pn, sn, rev string, processCode int, opts ...Option) (*Report, error) {
	return NewUUT(pn, sn, rev, processCode, s.withStation(opts)...)
}

// NewUUR is NewUUR with the client's station as the default.
//
// No I/O.
func (s *Service) NewUUR(pn, sn, rev string, repairCode, testCode int, opts ...Option) (*Report, error) {
	return NewUUR(pn, sn, rev, repairCode, testCode, s.withStation(opts)...)
}

// NewUURFromUUT is NewUURFromUUT with the client's station as the default.
//
// No I/O.
func (s *Service) NewUURFromUUT(uut *Report, repairCode int, opts ...Option) (*Report, error) {
	return NewUURFromUUT(uut, repairCode, s.withStation(opts)...)
}

func (s *Service) withStation(opts []Option) []Option {
	if s.station == (Station{}) {
		return opts
	}
	return append([]Option{WithStation(s.station)}, opts...)
}
