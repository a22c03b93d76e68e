package ui

import (
	"strings"

	"charm.land/lipgloss/v2"
)

// styles are rebuilt when the theme changes (BackgroundColorMsg, config).
// Colour is downsampled by bubbletea on output, so NO_COLOR only needs the
// program's colour profile; marks that must survive without colour (cursor
// row, quotes) also use bold or reverse.
type styles struct {
	dark bool

	title, dim, header, headerFocus, sep        lipgloss.Style
	cursor, cursorDim, unread, read, star       lipgloss.Style
	badge, good, bad, neutral, section, speaker lipgloss.Style
	quote, selected, mark, status, statusErr    lipgloss.Style
	spinner                                     lipgloss.Style
}

func newStyles(dark bool) styles {
	ld := lipgloss.LightDark(dark)
	fg := ld(lipgloss.Color("235"), lipgloss.Color("252"))
	dim := ld(lipgloss.Color("244"), lipgloss.Color("245"))
	accent := ld(lipgloss.Color("25"), lipgloss.Color("75"))
	amber := ld(lipgloss.Color("130"), lipgloss.Color("214"))
	selBg := ld(lipgloss.Color("254"), lipgloss.Color("237"))
	s := styles{dark: dark}
	s.title = lipgloss.NewStyle().Bold(true).Foreground(fg)
	s.dim = lipgloss.NewStyle().Foreground(dim)
	s.header = lipgloss.NewStyle().Bold(true).Foreground(dim)
	s.headerFocus = lipgloss.NewStyle().Bold(true).Foreground(accent).Underline(true)
	s.sep = lipgloss.NewStyle().Foreground(ld(lipgloss.Color("250"), lipgloss.Color("238")))
	s.cursor = lipgloss.NewStyle().Reverse(true).Bold(true)
	s.cursorDim = lipgloss.NewStyle().Background(selBg)
	s.unread = lipgloss.NewStyle().Bold(true).Foreground(fg)
	s.read = lipgloss.NewStyle().Foreground(dim)
	s.star = lipgloss.NewStyle().Foreground(amber)
	s.badge = lipgloss.NewStyle().Foreground(ld(lipgloss.Color("97"), lipgloss.Color("141")))
	s.good = lipgloss.NewStyle().Bold(true).Foreground(ld(lipgloss.Color("28"), lipgloss.Color("78")))
	s.bad = lipgloss.NewStyle().Bold(true).Foreground(ld(lipgloss.Color("160"), lipgloss.Color("203")))
	s.neutral = lipgloss.NewStyle().Bold(true).Foreground(amber)
	s.section = lipgloss.NewStyle().Bold(true).Foreground(accent)
	s.speaker = lipgloss.NewStyle().Italic(true).Foreground(dim)
	s.quote = lipgloss.NewStyle().Foreground(amber)
	s.selected = lipgloss.NewStyle().Reverse(true)
	s.mark = lipgloss.NewStyle().Bold(true).Foreground(amber)
	s.status = lipgloss.NewStyle().Foreground(dim)
	s.statusErr = lipgloss.NewStyle().Bold(true).Foreground(ld(lipgloss.Color("160"), lipgloss.Color("203")))
	s.spinner = lipgloss.NewStyle().Foreground(accent)
	return s
}

// stateStyle colours a fact state: green when things hold, red when they
// broke, amber otherwise.
func (s styles) stateStyle(state string) lipgloss.Style {
	switch strings.ToLower(state) {
	case "holding", "agreed", "signed", "resumed", "ongoing", "extended", "reached", "accepted", "released":
		return s.good
	case "collapsed", "failed", "violated", "broken", "clash", "airstrike", "rejected", "suspended",
		"ended", "attack", "killed", "stalled":
		return s.bad
	}
	return s.neutral
}
