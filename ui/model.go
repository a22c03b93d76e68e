package ui

import (
	"context"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/spinner"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/sitrep-news/sitrep/config"
	"github.com/sitrep-news/sitrep/store"
	"github.com/sitrep-news/sitrep/summarize"
)

// Options configure the reader.
type Options struct {
	Source  Source
	Refresh RefreshFunc      // nil: r/R report that refresh is unavailable
	Config  *config.Config   // nil: defaults
	Actions []config.Action  // nil: from Config's keymap
	Context context.Context  // cancels commands in flight; nil: Background
	Now     func() time.Time // clock for relative times (tests fix it)
	// Analyze runs the briefing engine when no cached analysis exists
	// (default summarize.Analyze).
	Analyze func(summarize.Input) summarize.Analysis
	// RefreshOnStart refreshes every feed in the background at start (--demo).
	RefreshOnStart bool
	// AutoRefresh starts a background refresh this often while the reader
	// is open (0: never); the feed engine fetches only the feeds that are due.
	AutoRefresh time.Duration
	// Status is shown in the status line at start.
	Status string
}

type overlay int

const (
	overlayNone overlay = iota
	overlayHelp
	overlayFacts
)

// Model is the root model of the reader.
type Model struct {
	ctx     context.Context
	src     Source
	refresh RefreshFunc
	cfg     *config.Config
	keys    keyMap
	help    help.Model
	st      styles
	now     func() time.Time
	analyze func(summarize.Input) summarize.Analysis
	rends   *renderers

	themeFixed bool // config theme dark|light: ignore the terminal's answer
	width      int
	height     int
	lay        layout
	focus      pane
	feedsOn    *bool // user's toggle; nil: default for the width
	sideOn     *bool
	overlay    overlay
	helpOff    int
	helpBody   []string // the help overlay's packed columns (rebuildHelp)

	// list
	q        store.Query
	rp       rowPages // loaded pages of the query's result (rows.go)
	total    int
	counted  int // gen+1 when total is the store's count for this gen
	freshGen int // gen+1 once this gen's first rows arrived
	// a count that arrived before its query's first rows (applied with them)
	pendingTotal, pendingGen int
	wantBottom               bool // G pressed before the count came
	gen                      int  // bumps on every reload; stale rowsMsgs are dropped
	loaded                   bool
	cursor                   int
	top                      int
	keepID                   int64      // after a reload, put the cursor back on this article
	seek                     unreadSeek // an n/N waiting for a page (unread.go)
	feeds                    []store.Feed
	feedItems                []feedItem
	feedCursor               int
	feedTop                  int
	feedLabel                string

	// reader
	openID   int64
	art      *store.Article
	an       *summarize.Analysis
	cache    map[renderKey]rendered
	order    []renderKey // cache eviction order
	inflight map[renderKey]bool
	doc      *rendered // rendering on screen (may be for a stale width until the debounce fires)
	docKey   renderKey
	offset   int
	markFrom int
	markTo   int // -1: no mark
	resizeN  int

	side sidebar
	sto  storyState // expanded story in the list, merged story in the sidebar

	// search and fact filter
	search    textinput.Model
	searching bool
	searchN   int
	picks     []badgeCount
	pickAt    int

	// status line
	spin       spinner.Model
	refreshing bool
	prog       Progress
	refreshNew int // new articles in the running refresh: after the last feed they are being analysed
	status     string
	statusErr  bool
	lastReload time.Time
	autoEvery  time.Duration
	unshown    int // new articles from refresh progress not yet reloaded
}

// New builds the reader. Run it with tea.NewProgram(m).
func New(o Options) Model {
	cfg := o.Config
	if cfg == nil {
		cfg = config.Default()
	}
	acts := o.Actions
	if acts == nil {
		acts, _ = config.Keymap(cfg.Keymap) // Load validated it; errors fall back per action
	}
	ctx := o.Context
	if ctx == nil {
		ctx = context.Background()
	}
	now := o.Now
	if now == nil {
		now = time.Now
	}
	an := o.Analyze
	if an == nil {
		an = summarize.Analyze
	}
	dark := cfg.UI.Theme != "light"
	ti := textinput.New()
	ti.Prompt = "/"
	ti.Placeholder = "search title and text"
	ti.CharLimit = 200
	ti.SetStyles(textinput.DefaultStyles(dark))
	h := help.New()
	h.ShowAll = true
	h.Styles = help.DefaultStyles(dark)
	m := Model{
		ctx: ctx, src: o.Source, refresh: o.Refresh, cfg: cfg,
		keys: newKeyMap(acts), help: h, st: newStyles(dark), now: now, analyze: an,
		rends:      newRenderers(),
		themeFixed: cfg.UI.Theme == "dark" || cfg.UI.Theme == "light",
		focus:      paneList,
		cache:      map[renderKey]rendered{},
		inflight:   map[renderKey]bool{},
		markTo:     -1,
		search:     ti,
		spin:       spinner.New(spinner.WithSpinner(spinner.MiniDot)),
		status:     o.Status,
		feedLabel:  "All articles",
		rp:         newRowPages(),
	}
	m.refreshing = o.RefreshOnStart && o.Refresh != nil
	if o.Refresh != nil {
		m.autoEvery = o.AutoRefresh
	}
	m.q.Stories = true // one row per story; toggle_stories lists every article
	return m
}

// Init loads the feeds and the first page of the list, asks the terminal
// for its background colour, and starts the first refresh if asked.
func (m Model) Init() tea.Cmd {
	cmds := []tea.Cmd{m.loadRows(m.gen, m.q, 0, pageSize, true), m.loadFeeds()}
	if !m.themeFixed {
		cmds = append(cmds, tea.RequestBackgroundColor)
	}
	if m.refreshing {
		cmds = append(cmds, m.startRefresh(nil), m.spin.Tick)
	}
	if m.autoEvery > 0 {
		cmds = append(cmds, tick(m.autoEvery, autoRefreshMsg{}))
	}
	return tea.Batch(cmds...)
}

// Cursor and focus accessors for tests and callers.

// Focus returns the focused pane's name.
func (m Model) Focus() string { return m.focus.String() }

// Selected returns the article under the list cursor, if any.
func (m Model) Selected() (store.Row, bool) {
	if r, ok := m.row(m.selIndex()); ok {
		return *r, true
	}
	return store.Row{}, false
}

// Opened returns the article in the reader, if any.
func (m Model) Opened() (store.Article, bool) {
	if m.art == nil {
		return store.Article{}, false
	}
	return *m.art, true
}

// Status returns the status-line message and whether it is an error.
func (m Model) Status() (string, bool) { return m.status, m.statusErr }
