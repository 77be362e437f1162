// Package vendorsniff holds the cross-check that the equipment converters'
// sniffing picks the right converter for every equipment sample and stays
// out of the way of the standard formats. It has no code of its own.
package vendorsniff
