package convkit

// Truncate cuts s to at most max runes and reports whether it did, the way
// the WATS client's auto-truncating validation shortens over-long fields.
func Truncate(s string, max int) (string, bool) {
	if len(s) <= max {
		return s, false
	}
	n := 0
	for i := range s {
		if n == max {
			return s[:i], true
		}
		n++
	}
	return s, false
}
