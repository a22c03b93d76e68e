package demo

import (
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// content holds the feed templates, the article bodies and the seed article.
//
//go:embed feeds
var content embed.FS

// seedFile is the canonical scraped article (../shared/fixtures/seed-article.txt),
// copied byte for byte: mojibake and cookie banner are part of the fixture.
const seedFile = "feeds/seed-article.txt"

// SeedSlug is the article slug (and page path suffix) of the seed article.
const SeedSlug = "afghanistan-pakistan-talks-collapse"

// Feed keys: the three embedded feeds, one per format.
const (
	FeedWire     = "wire"     // RSS 2.0
	FeedDispatch = "dispatch" // Atom 1.0
	FeedMonitor  = "monitor"  // JSON Feed 1.1
)

// Article is one sample article: front matter from its file plus its body.
type Article struct {
	Slug      string    `yaml:"-"`
	Title     string    `yaml:"title"`
	Author    string    `yaml:"author"`
	Published time.Time `yaml:"published"`
	Feed      string    `yaml:"feed"`
	Lang      string    `yaml:"lang"`    // BCP 47; default "en"
	Stub      bool      `yaml:"stub"`    // the feed carries only Summary and a "Read more" link
	Summary   string    `yaml:"summary"` // one paragraph, plain text
	Tags      []string  `yaml:"tags"`

	// HTML is the body as HTML paragraphs (empty for the seed).
	HTML string `yaml:"-"`
	// Text is the body as plain text; set only for the seed, whose feed item
	// carries the fixture as content_text, untouched.
	Text string `yaml:"-"`
}

// RTL reports whether the article's language is written right to left.
func (a Article) RTL() bool {
	switch strings.SplitN(a.Lang, "-", 2)[0] {
	case "ar", "fa", "ur", "he", "ps":
		return true
	}
	return false
}

// seedArticle describes the fixture. Its title is its first line, as the
// scraper delivered it; the date is the Saturday the fixture speaks of.
func seedArticle() (Article, error) {
	b, err := content.ReadFile(seedFile)
	if err != nil {
		return Article{}, fmt.Errorf("demo: read seed: %w", err)
	}
	text := string(b)
	title, _, _ := strings.Cut(text, "\n")
	return Article{
		Slug:      SeedSlug,
		Title:     title,
		Author:    "Crisis Monitor desk",
		Published: time.Date(2026, 11, 21, 14, 5, 0, 0, time.UTC),
		Feed:      FeedMonitor,
		Lang:      "en",
		Tags:      []string{"Afghanistan", "Pakistan", "Turkey", "talks"},
		Text:      text,
	}, nil
}

// loadArticles reads every embedded article plus the seed, newest first.
func loadArticles() ([]Article, error) {
	entries, err := fs.ReadDir(content, "feeds/articles")
	if err != nil {
		return nil, fmt.Errorf("demo: list articles: %w", err)
	}
	var out []Article
	for _, e := range entries {
		if e.IsDir() || path.Ext(e.Name()) != ".html" {
			continue
		}
		name := "feeds/articles/" + e.Name()
		b, err := content.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("demo: read %s: %w", name, err)
		}
		a, err := parseArticle(b)
		if err != nil {
			return nil, fmt.Errorf("demo: %s: %w", name, err)
		}
		a.Slug = strings.TrimSuffix(e.Name(), ".html")
		out = append(out, a)
	}
	seed, err := seedArticle()
	if err != nil {
		return nil, err
	}
	out = append(out, seed)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Published.After(out[j].Published) })
	return out, nil
}

// parseArticle splits "---\n<yaml>\n---\n<html>" and checks the front matter.
func parseArticle(b []byte) (Article, error) {
	const sep = "---\n"
	if !bytes.HasPrefix(b, []byte(sep)) {
		return Article{}, fmt.Errorf("missing front matter")
	}
	head, body, ok := bytes.Cut(b[len(sep):], []byte("\n"+sep))
	if !ok {
		return Article{}, fmt.Errorf("unterminated front matter")
	}
	var a Article
	dec := yaml.NewDecoder(bytes.NewReader(head))
	dec.KnownFields(true)
	if err := dec.Decode(&a); err != nil {
		return Article{}, fmt.Errorf("front matter: %w", err)
	}
	a.HTML = strings.TrimSpace(string(body))
	switch {
	case a.Title == "":
		return Article{}, fmt.Errorf("front matter: title is empty")
	case a.Published.IsZero():
		return Article{}, fmt.Errorf("front matter: published is empty")
	case a.Feed != FeedWire && a.Feed != FeedDispatch && a.Feed != FeedMonitor:
		return Article{}, fmt.Errorf("front matter: feed %q is not one of %s, %s, %s", a.Feed, FeedWire, FeedDispatch, FeedMonitor)
	case a.Stub && a.Summary == "":
		return Article{}, fmt.Errorf("front matter: a stub needs a summary")
	case a.HTML == "":
		return Article{}, fmt.Errorf("empty body")
	}
	if a.Lang == "" {
		a.Lang = "en"
	}
	if a.Tags == nil {
		a.Tags = []string{}
	}
	return a, nil
}
