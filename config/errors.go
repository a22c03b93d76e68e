package config

import (
	"fmt"
	"strings"
)

// Error is one problem in a config file, located by file and line.
type Error struct {
	File    string   // path of the config file ("" for in-memory input)
	Line    int      // 1-based; 0 when unknown
	Column  int      // 1-based; 0 when unknown
	Key     string   // dotted key path, e.g. "feeds[2].full_text"
	Msg     string   // what is wrong
	Allowed []string // allowed keys or values, when there is a fixed set
}

func (e *Error) Error() string {
	var b strings.Builder
	if e.File != "" {
		b.WriteString(e.File)
	} else {
		b.WriteString("config")
	}
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
		if e.Column > 0 {
			fmt.Fprintf(&b, ":%d", e.Column)
		}
	}
	b.WriteString(": ")
	if e.Key != "" {
		b.WriteString(e.Key)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	if len(e.Allowed) > 0 {
		b.WriteString(" (allowed: ")
		b.WriteString(strings.Join(e.Allowed, ", "))
		b.WriteString(")")
	}
	return b.String()
}

// Errors is every problem found in one config file. Load reports them all
// at once so a user fixes the file in one pass.
type Errors []*Error

func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Unwrap lets errors.As find the individual *Error values.
func (es Errors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}
