// Package convkit holds the small pieces the standard converters share: adding
// numeric measurements exactly as a file states them, truncating text to the
// WSJF limits, decoding the single-byte code pages test equipment writes, and
// reading ISO 8601 times with or without a zone.
package convkit
