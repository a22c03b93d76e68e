package ui

// pane identifies a focusable part of the screen.
type pane int

const (
	paneFeeds pane = iota
	paneList
	paneReader
	paneSide
)

func (p pane) String() string {
	return [...]string{"feeds", "list", "reader", "sidebar"}[p]
}

// layout modes, chosen from the width (config ui.layout may force one).
const (
	modeWide    = "wide"    // ≥120 columns: list | reader | sidebar
	modeStacked = "stacked" // 80–119: list | reader over sidebar
	modeSingle  = "single"  // <80: one pane at a time
)

// layout is the geometry of one frame, computed in Update on resize and on
// toggles so View only draws.
type layout struct {
	mode           string
	w, h           int // terminal
	bodyH          int // h minus the status line
	feedsW         int // 0 when the feed column is hidden
	listW, readerW int
	sideW          int // wide mode; 0 when hidden
	readerH, sideH int // stacked mode: reader above sidebar (sideH 0 when hidden)
}

func clamp(v, lo, hi int) int { return max(lo, min(v, hi)) }

// computeLayout splits w×h. feeds and side are the user's toggles (nil: the
// default for the width). Separators are one column ("│") between columns.
func computeLayout(w, h int, forced string, feeds, side *bool) layout {
	l := layout{w: w, h: h, bodyH: max(h-1, 1)}
	l.mode = forced
	if l.mode == "" || l.mode == "auto" {
		switch {
		case w >= 120:
			l.mode = modeWide
		case w >= 80:
			l.mode = modeStacked
		default:
			l.mode = modeSingle
		}
	}
	// A forced layout still has to fit: wide needs ~100 columns, stacked ~70.
	if l.mode == modeWide && w < 100 {
		l.mode = modeStacked
	}
	if l.mode == modeStacked && w < 70 {
		l.mode = modeSingle
	}
	showFeeds := w >= 160
	if feeds != nil {
		showFeeds = *feeds
	}
	showSide := true
	if side != nil {
		showSide = *side
	}
	switch l.mode {
	case modeWide:
		rest := w
		if showFeeds {
			l.feedsW = clamp(w/8, 16, 26)
			rest -= l.feedsW + 1
		}
		l.listW = clamp(rest*34/100, 30, 64)
		rest -= l.listW + 1
		if showSide {
			l.sideW = clamp(rest*36/100, 26, 46)
			rest -= l.sideW + 1
		}
		l.readerW = rest
		l.readerH = l.bodyH
	case modeStacked:
		rest := w
		if showFeeds {
			l.feedsW = clamp(w/6, 14, 20)
			rest -= l.feedsW + 1
		}
		l.listW = clamp(rest*40/100, 28, 44)
		rest -= l.listW + 1
		l.readerW = rest
		l.readerH = l.bodyH
		if showSide {
			l.sideH = clamp(l.bodyH*40/100, 5, l.bodyH-5)
			l.readerH = l.bodyH - l.sideH
		}
	default:
		l.listW, l.readerW, l.feedsW = w, w, w
		l.sideW = w
		l.readerH, l.sideH = l.bodyH, l.bodyH
	}
	return l
}

// readerTextW is the glamour wrap width for the reader pane: one column is
// kept for the evidence gutter.
func (l layout) readerTextW() int {
	return max(l.readerW-1, 10)
}

// sideWidth is the sidebar's width in the current mode.
func (l layout) sideWidth() int {
	if l.mode == modeStacked {
		return l.readerW
	}
	return l.sideW
}

// sideShown reports whether the sidebar is on screen next to the reader.
func (l layout) sideShown() bool {
	switch l.mode {
	case modeWide:
		return l.sideW > 0
	case modeStacked:
		return l.sideH > 0
	}
	return true
}
