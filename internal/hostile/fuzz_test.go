package hostile

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sitrep-news/sitrep/feed"
	"github.com/sitrep-news/sitrep/feed/clean"
	"github.com/sitrep-news/sitrep/store"
)

// memSource is a minimal in-memory ui.Source: the fuzz target below renders
// thousands of documents a second, too many for a database per input. It
// hands the reader what the feed engine would store, unchanged.
type memSource struct {
	mu   sync.Mutex
	arts []store.Article
	an   map[string][]byte
}

func (m *memSource) List(ctx context.Context, q store.Query) ([]store.Row, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []store.Row
	for i, a := range m.arts {
		if i < q.Offset {
			continue
		}
		if q.Limit > 0 && len(out) >= q.Limit {
			break
		}
		out = append(out, store.Row{ID: a.ID, FeedID: a.FeedID, FeedTitle: a.FeedTitle, Title: a.Title, URL: a.URL, Published: a.Published, Read: a.Read, Starred: a.Starred})
	}
	return out, nil
}

func (m *memSource) Count(ctx context.Context, q store.Query) (int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.arts), nil
}

func (m *memSource) Article(ctx context.Context, id int64) (store.Article, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, a := range m.arts {
		if a.ID == id {
			return a, nil
		}
	}
	return store.Article{}, store.ErrNotFound
}

func (m *memSource) SetRead(context.Context, []int64, bool) error          { return nil }
func (m *memSource) SetStarred(context.Context, int64, bool) error         { return nil }
func (m *memSource) SetArchived(context.Context, int64, bool) error        { return nil }
func (m *memSource) StoryArticles(context.Context, int64) ([]int64, error) { return nil, nil }

func (m *memSource) Feeds(ctx context.Context) ([]store.Feed, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if len(m.arts) == 0 {
		return nil, nil
	}
	return []store.Feed{{ID: 1, Title: m.arts[0].FeedTitle, URL: "https://fuzz.example/feed"}}, nil
}

func (m *memSource) Analysis(ctx context.Context, hash, version string) ([]byte, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	d, ok := m.an[hash]
	return d, ok, nil
}

func (m *memSource) PutAnalysis(ctx context.Context, id int64, hash, version string, data []byte, badges []string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.an == nil {
		m.an = map[string][]byte{}
	}
	m.an[hash] = data
	return nil
}

var fuzzCleaner = sync.OnceValue(func() *clean.Cleaner {
	c, err := clean.New(nil)
	if err != nil {
		panic(err)
	}
	return c
})

// FuzzFeedToScreen is the terminal-safety property end to end, for any
// bytes a server sends: the feed pre-pass and parser, the item conversion
// and cleaner, then the reader's list, article and sidebar views. Nothing
// may panic, and no view may carry an escape sequence other than the
// program's own SGR, a C0/C1 control (but newline and tab), DEL or a bidi
// control. The stored strings (what `sitrep extract --json` and the brief
// print) are checked as text.
func FuzzFeedToScreen(f *testing.F) {
	for _, s := range []string{attackRSS(false), attackRSS(true), attackAtom(false), attackAtom(true), attackJSON(),
		rssItems(rssItem("1", "t\u202e\rx", "javascript:alert(1)", "<p>a&#27;]52;c;eA==&#7;b</p>")),
		`{"version":"https://jsonfeed.org/version/1","items":[{"id":"1","title":"\u001b]8;;x\u0007y","content_text":"\u009b2J\r\n"}]}`,
	} {
		f.Add([]byte(s))
	}
	// A sample of feedparser's suite when ../shared is present (about 25 files).
	corpus, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "corpora", "feedparser", "tests", "*", "*.xml"))
	for i, p := range corpus {
		if i%16 == 0 {
			if b, err := os.ReadFile(p); err == nil {
				f.Add(b)
			}
		}
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		p, err := feed.Parse(body, "", "https://fuzz.example/feed")
		if err != nil {
			checkText(t, "parse error", clean.Safe(err.Error()))
			return
		}
		items := feed.Items(p, fuzzCleaner())
		if len(items) == 0 {
			return
		}
		if len(items) > 3 {
			items = items[:3]
		}
		src := &memSource{}
		for i, it := range items {
			a := store.Article{ID: int64(i + 1), FeedID: 1, FeedTitle: clean.Title(p.Feed.Title), GUID: it.GUID, URL: it.URL,
				Title: it.Title, Author: it.Author, Markdown: it.Markdown, Text: it.Text, Hash: store.ContentHash(it.Text),
				Published: time.Date(2026, 3, 3, 10, 0, 0, 0, time.UTC)}
			checkStored(t, a)
			src.arts = append(src.arts, a)
		}
		r := newReader(t, src, 100, 30)
		checkView(t, "list", r.view())
		r.key("enter")
		checkView(t, "reader", r.view())
		r.key("tab")
		checkView(t, "sidebar", r.view())
		if s, _ := r.m.Status(); strings.ContainsAny(s, "\x1b\r") {
			t.Errorf("status %q", s)
		}
	})
}
