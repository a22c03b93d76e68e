package hostile

import (
	"strings"
	"testing"
)

// The checks themselves can fail: every payload, planted in a view or a
// stored string, is caught; the program's own styling and plain text
// (RTL scripts, emoji, tabs) are not.
func TestChecksCatchEveryPayload(t *testing.T) {
	styled := "\x1b[1m\x1b[38;2;200;100;50mTitle\x1b[0m \x1b[4mlink\x1b[m"
	for _, p := range payloads {
		in := styled + " before " + p.raw + p.marker + " after"
		if viewProblem(in) == "" {
			t.Errorf("%s: viewProblem missed %q", p.name, in)
		}
		if textProblem("before "+p.raw+p.marker) == "" {
			t.Errorf("%s: textProblem missed it", p.name)
		}
	}
	for _, ok := range []string{styled, "مرحبا بالعالم\tשלום\n", "👩‍👩‍👧 Kyiv — Київ", strings.Repeat("x", 1000)} {
		if p := viewProblem(ok); p != "" {
			t.Errorf("viewProblem(%q) = %s", ok, p)
		}
		if p := textProblem(ansiless(ok)); p != "" {
			t.Errorf("textProblem(%q) = %s", ok, p)
		}
	}
	if textProblem("bad \xff utf-8") == "" {
		t.Error("invalid UTF-8 passed")
	}
}

func ansiless(s string) string {
	if strings.Contains(s, "\x1b") {
		return "styled"
	}
	return s
}
