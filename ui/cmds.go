package ui

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/sitrep-news/sitrep/feed"
	"github.com/sitrep-news/sitrep/store"
	"github.com/sitrep-news/sitrep/summarize"
)

// Messages coming back from commands.
type (
	rowsMsg struct {
		gen    int
		offset int
		rows   []store.Row
		fresh  bool // a (re)load of the query: replaces the window
		err    error
	}
	countMsg struct {
		gen   int
		total int
		err   error
	}
	feedsMsg struct {
		feeds []store.Feed
		err   error
	}
	articleMsg struct {
		id  int64
		art store.Article
		an  *summarize.Analysis // nil: not cached
		err error
	}
	analysedMsg struct {
		id  int64
		an  summarize.Analysis
		err error // from caching it; the analysis is still shown
	}
	// stateMsg reports a state write; on error the optimistic change is undone.
	stateMsg struct {
		what string
		ids  []int64
		undo func(*Model) tea.Cmd // on error: revert the optimistic change
		then func(*Model) tea.Cmd // on success
		err  error
	}
	markAllMsg struct {
		ids []int64
		err error
	}
	statusMsg struct {
		text string
		err  bool
	}
	resizeMsg   struct{ n int }
	searchMsg   struct{ n int }
	progressMsg struct {
		p  Progress
		ch <-chan tea.Msg
	}
	refreshDoneMsg struct{ res RefreshResult }
	autoRefreshMsg struct{}
)

const ioTimeout = 10 * time.Second

func (m Model) loadRows(gen int, q store.Query, offset, limit int, count bool) tea.Cmd {
	src, ctx := m.src, m.ctx
	if src == nil {
		return nil
	}
	list := func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, ioTimeout)
		defer cancel()
		q := q
		q.Offset, q.Limit = offset, limit
		rows, err := src.List(ctx, q)
		if err != nil {
			err = fmt.Errorf("list articles: %w", err)
		}
		return rowsMsg{gen: gen, offset: offset, rows: rows, fresh: count, err: err}
	}
	if !count {
		return list
	}
	// The count runs beside the first page, not before it: the page paints
	// as soon as it is read (a count over 100,000 grouped rows can cost more
	// than the page itself).
	return tea.Batch(list, func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, ioTimeout)
		defer cancel()
		q := q
		n, err := src.Count(ctx, q)
		if err != nil {
			err = fmt.Errorf("count articles: %w", err)
		}
		return countMsg{gen: gen, total: n, err: err}
	})
}

func (m Model) loadFeeds() tea.Cmd {
	src, ctx := m.src, m.ctx
	if src == nil {
		return nil
	}
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, ioTimeout)
		defer cancel()
		fs, err := src.Feeds(ctx)
		if err != nil {
			err = fmt.Errorf("list feeds: %w", err)
		}
		return feedsMsg{feeds: fs, err: err}
	}
}

// loadArticle reads an article and its cached analysis.
func (m Model) loadArticle(id int64) tea.Cmd {
	src, ctx := m.src, m.ctx
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, ioTimeout)
		defer cancel()
		a, err := src.Article(ctx, id)
		if err != nil {
			return articleMsg{id: id, err: fmt.Errorf("open article: %w", err)}
		}
		msg := articleMsg{id: id, art: a}
		if an, ok := cachedAnalysis(ctx, src, a); ok {
			msg.an = &an
		}
		return msg
	}
}

// analyseCmd runs the briefing engine on an article with no cached analysis
// and caches the result with its badges.
func (m Model) analyseCmd(a store.Article) tea.Cmd {
	src, ctx, analyze := m.src, m.ctx, m.analyze
	return func() tea.Msg {
		an := analyze(summarize.Input{Title: a.Title, Text: a.Text, Published: a.Published})
		data, err := json.Marshal(an)
		if err == nil {
			ctx, cancel := context.WithTimeout(ctx, ioTimeout)
			defer cancel()
			err = src.PutAnalysis(ctx, a.ID, a.Hash, summarize.Version, data, an.Badges())
		}
		if err != nil {
			err = fmt.Errorf("cache analysis: %w", err)
		}
		return analysedMsg{id: a.ID, an: an, err: err}
	}
}

// writeState runs a state write; undo reverts the optimistic change on error.
func (m Model) writeState(what string, ids []int64, undo func(*Model) tea.Cmd, write func(ctx context.Context) error) tea.Cmd {
	ctx := m.ctx
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, ioTimeout)
		defer cancel()
		err := write(ctx)
		if err != nil {
			err = fmt.Errorf("%s: %w", what, err)
		}
		return stateMsg{what: what, ids: ids, undo: undo, err: err}
	}
}

// markAllRead marks every article of the current query read.
func (m Model) markAllRead() tea.Cmd {
	src, ctx, q := m.src, m.ctx, m.q
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, 4*ioTimeout)
		defer cancel()
		q.Limit, q.Offset = 0, 0
		q.UnreadOnly = true
		q.Stories = false // every article, not one per story
		rows, err := src.List(ctx, q)
		if err != nil {
			return markAllMsg{err: fmt.Errorf("mark all read: %w", err)}
		}
		ids := make([]int64, len(rows))
		for i, r := range rows {
			ids[i] = r.ID
		}
		if len(ids) > 0 {
			if err := src.SetRead(ctx, ids, true); err != nil {
				return markAllMsg{err: fmt.Errorf("mark all read: %w", err)}
			}
		}
		return markAllMsg{ids: ids}
	}
}

// startRefresh runs the feed engine in a goroutine and streams its progress
// back through a channel, one message per command, so Update stays IO-free.
func (m Model) startRefresh(feeds []store.Feed) tea.Cmd {
	refresh, ctx := m.refresh, m.ctx
	return func() tea.Msg {
		ch := make(chan tea.Msg, 64)
		go func() {
			res := refresh(ctx, feeds, func(p Progress) {
				select { // progress may be dropped when the UI lags; the final result never is
				case ch <- progressMsg{p: p, ch: ch}:
				default:
				}
			})
			ch <- refreshDoneMsg{res: res}
			close(ch)
		}()
		return waitRefresh(ch)()
	}
}

func waitRefresh(ch <-chan tea.Msg) tea.Cmd {
	return func() tea.Msg {
		msg, ok := <-ch
		if !ok {
			return nil
		}
		return msg
	}
}

// safeURL returns u when it is an absolute http(s) URL; links open and copy
// only for those.
func safeURL(u string) (string, error) {
	if w := feed.WebURL(u); w != "" { // the feed engine's own link rule
		return w, nil
	}
	return "", errors.New("article has no http(s) link")
}

// browserCommand picks the browser: config ui.browser, then $BROWSER (its
// first entry), then xdg-open or open.
func browserCommand(configured string) string {
	if configured != "" {
		return configured
	}
	if b := os.Getenv("BROWSER"); b != "" {
		return strings.Split(b, string(os.PathListSeparator))[0]
	}
	if runtime.GOOS == "darwin" {
		return "open"
	}
	return "xdg-open"
}

// openBrowser starts the browser on u through an argument list, never a shell.
var startBrowser = func(browser, u string) error {
	cmd := exec.Command(browser, u)
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait() //nolint:errcheck // reap the child; its exit status is not ours to report
	return nil
}

func openBrowserCmd(browser, u string) tea.Cmd {
	return func() tea.Msg {
		if err := startBrowser(browser, u); err != nil {
			return statusMsg{text: fmt.Sprintf("open in browser: %v", err), err: true}
		}
		return statusMsg{text: "opened in " + browser}
	}
}

func tick(d time.Duration, msg tea.Msg) tea.Cmd {
	return tea.Tick(d, func(time.Time) tea.Msg { return msg })
}
