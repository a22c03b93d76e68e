package feed

import (
	"context"
	"sync"

	"github.com/sitrep-news/sitrep/feed/clean"
	"github.com/sitrep-news/sitrep/store"
	"golang.org/x/net/html/charset"
)

// MaxPagesPerRefresh caps full-text page fetches per feed and refresh, so
// subscribing to a large stub-only feed does not hammer its site at once.
const MaxPagesPerRefresh = 30

// FetchPage fetches an article page through the engine's client (same
// limits, same hostile-server guards) and extracts its main text.
func (e *Engine) FetchPage(ctx context.Context, pageURL string) (clean.Article, error) {
	resp, err := e.client.Fetch(ctx, Request{URL: pageURL, Accept: "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"})
	if err != nil {
		return clean.Article{}, err
	}
	enc, _, _ := charset.DetermineEncoding(resp.Body, resp.ContentType)
	body, err := enc.NewDecoder().Bytes(resp.Body)
	if err != nil {
		body = resp.Body
	}
	return e.opts.Cleaner.Page(body, resp.URL)
}

// fullText replaces stub content with the article page's text, in place.
// An article already stored with the same feed content keeps its stored
// full text, so pages are fetched once. A page that cannot be fetched or
// extracted leaves the feed's content and becomes a warning. stubs[i] says
// whether items[i] is only a stub (from itemsSince).
func (e *Engine) fullText(ctx context.Context, f store.Feed, items []store.Item, stubs []bool, mode string) []FeedError {
	var need []int
	for i, it := range items {
		if it.URL == "" {
			continue
		}
		if mode == FullTextAlways || stubs[i] {
			need = append(need, i)
		}
	}
	if len(need) == 0 {
		return nil
	}
	stored := map[string]int64{}
	if rows, err := e.st.List(ctx, store.Query{FeedID: f.ID, IncludeArchived: true}); err == nil {
		for _, r := range rows {
			stored[store.CanonicalURL(r.URL)] = r.ID
		}
	}
	var (
		mu       sync.Mutex
		warnings []FeedError
		wg       sync.WaitGroup
	)
	fetched := 0
	for _, i := range need {
		it := &items[i]
		if id, ok := stored[store.CanonicalURL(it.URL)]; ok {
			if a, err := e.st.Article(ctx, id); err == nil && a.Raw == it.Raw && a.Text != it.Text && a.Text != "" {
				it.Markdown, it.Text = a.Markdown, a.Text
				continue
			}
		}
		if fetched >= MaxPagesPerRefresh {
			continue // politeness: the rest keep their stub and are fetched next time
		}
		fetched++
		wg.Add(1)
		go func() {
			defer wg.Done()
			a, err := e.FetchPage(ctx, it.URL) // clean.ErrNoArticle when the page has no text
			if err != nil {
				mu.Lock()
				warnings = append(warnings, FeedError{Feed: f, URL: it.URL, Err: err})
				mu.Unlock()
				return
			}
			if len(a.Text) > len(it.Text) {
				it.Markdown, it.Text = a.Markdown, a.Text
			}
		}()
	}
	wg.Wait()
	return warnings
}
