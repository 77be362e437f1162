package convert

import (
	"errors"
	"fmt"
	"strings"
)

var (
	// ErrUnknownFormat means no converter recognised the file.
	ErrUnknownFormat = errors.New("convert: unknown file format")
	// ErrUnknownProcess means the file names a process that has no code.
	ErrUnknownProcess = errors.New("convert: unknown process")
	// ErrMissingAttachment means the file refers to an attachment that cannot be read.
	ErrMissingAttachment = errors.New("convert: missing attachment")
	// ErrMalformed matches every *MalformedError.
	ErrMalformed = errors.New("convert: malformed input")
)

// MalformedError says where in a file the input could not be understood: a line
// (text formats) or an element path (XML formats), or both.
type MalformedError struct {
	// Converter is the name of the converter that refused the file.
	Converter string
	// File is the input's name.
	File string
	// Line is the 1-based line number (0 when unknown).
	Line int
	// Path is the element path in XML formats ("/TestResults/ResultSet/Test[3]").
	Path string
	// Msg says what is wrong.
	Msg string
	// Err is the underlying cause, if any.
	Err error
}

func (e *MalformedError) Error() string {
	var b strings.Builder
	b.WriteString(e.Converter)
	b.WriteString(": ")
	if e.File != "" {
		b.WriteString(e.File)
		if e.Line > 0 {
			fmt.Fprintf(&b, ":%d", e.Line)
		}
		b.WriteString(": ")
	} else if e.Line > 0 {
		fmt.Fprintf(&b, "line %d: ", e.Line)
	}
	if e.Path != "" {
		b.WriteString(e.Path)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// Is makes errors.Is(err, ErrMalformed) true for every *MalformedError.
func (e *MalformedError) Is(target error) bool { return target == ErrMalformed }

// Unwrap returns the underlying cause.
func (e *MalformedError) Unwrap() error { return e.Err }
