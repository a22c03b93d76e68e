package ui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
)

var sizes = []struct{ w, h int }{{60, 20}, {80, 24}, {120, 40}, {200, 50}}

// checkFrame asserts the frame is exactly w×h cells: nothing wraps or overflows.
func checkFrame(t *testing.T, m Model, w, h int) string {
	t.Helper()
	c := m.View().Content
	lines := strings.Split(c, "\n")
	if len(lines) != h {
		t.Errorf("%dx%d: frame has %d lines", w, h, len(lines))
	}
	for i, l := range lines {
		if got := ansi.StringWidth(l); got != w {
			t.Errorf("%dx%d: line %d is %d cells wide: %q", w, h, i, got, ansi.Strip(l))
		}
	}
	return ansi.Strip(c)
}

// screens are the main screens, each reached by keys from the start.
var screens = []struct {
	name string
	keys []string
}{
	{"list", nil},
	{"reader", []string{"enter"}},
	{"sidebar", []string{"enter", "tab", "j"}},
	{"help", []string{"?"}},
	{"facts", []string{"f"}},
}

func TestGoldenScreens(t *testing.T) {
	for _, sc := range screens {
		for _, sz := range sizes {
			t.Run(fmt.Sprintf("%s_%dx%d", sc.name, sz.w, sz.h), func(t *testing.T) {
				m := start(t, newTestModel(t, newFake(t)), sz.w, sz.h)
				m, _ = drive(t, m, keys(sc.keys...)...)
				golden.RequireEqual(t, checkFrame(t, m, sz.w, sz.h))
			})
		}
	}
}

// Every size from 60x20 up, including odd ones, keeps every line inside the
// terminal, on every screen, with CJK and RTL titles in the list.
func TestNoOverflowAtAnySize(t *testing.T) {
	src := newFake(t)
	for w := 60; w <= 210; w += 10 {
		for _, h := range []int{20, 33} {
			for _, sc := range screens {
				m := start(t, newTestModel(t, src), w, h)
				m, _ = drive(t, m, keys(sc.keys...)...)
				checkFrame(t, m, w, h)
			}
		}
	}
}

func TestResizeKeepsFrameExact(t *testing.T) {
	m := start(t, newTestModel(t, newFake(t)), 120, 40)
	m, _ = drive(t, m, press("enter"))
	for _, sz := range []struct{ w, h int }{{61, 20}, {99, 30}, {150, 45}, {60, 20}} {
		m, _ = drive(t, m, tea.WindowSizeMsg{Width: sz.w, Height: sz.h})
		checkFrame(t, m, sz.w, sz.h) // stale rendering, before the debounce
		m, _ = drive(t, m, resizeMsg{m.resizeN})
		if m.docKey.width != m.lay.readerTextW() {
			t.Errorf("%dx%d: rendering for width %d, want %d", sz.w, sz.h, m.docKey.width, m.lay.readerTextW())
		}
		checkFrame(t, m, sz.w, sz.h)
	}
}
