package feed

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"
	"github.com/sitrep-news/sitrep/feed/clean"
	"github.com/sitrep-news/sitrep/store"
)

// Bounds on what one feed can make sitrep keep.
const (
	MaxItems    = 1000 // items kept per fetch: the first ones in the document
	maxTitleLen = 2048 // bytes of raw title handed to the cleaner
	// maxContentLen bounds an item's HTML before cleaning: the cleaner needs
	// ~35x its input at peak, and a real article is well under 1 MiB, so
	// 2 MiB keeps any single feed far below the 256 MB heap bound.
	maxContentLen = 2 << 20
	maxGUIDLen    = 2048
)

// earliestDate: anything before is a placeholder (year 0, 1900...) and is
// treated as missing, so the store uses the first-seen time. Dates in the
// future are clamped by the store.
var earliestDate = time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC)

// Items turns a parsed feed into the items the store keeps: cleaned titles,
// Markdown and text through c, links only when http/https, dates in UTC or
// zero, duplicate GUIDs dropped (first wins), at most MaxItems.
func Items(p *Parsed, c *clean.Cleaner) []store.Item {
	items, _ := ItemsSince(p, c, time.Time{})
	return items
}

// ItemsSince is Items without the items the feed dates before cutoff (the
// retention cutoff: without it an old item still in a feed would be pruned
// and come back as a new unread article at every fetch); old counts them.
// Items without a date are kept: the store gives them their first-seen
// time. An old item is not cleaned (cleaning is most of a refresh's CPU)
// unless only cleaning can tell whether it is empty; it still counts
// towards MaxItems and claims its GUID, as if dropped after cleaning.
func ItemsSince(p *Parsed, c *clean.Cleaner, cutoff time.Time) (items []store.Item, old int) {
	items, _, old = itemsSince(p, c, cutoff)
	return items, old
}

// itemsSince is ItemsSince; stubs[i] also says whether items[i]'s content
// is only a stub (clean.NeedsFullText), which the cleaned Article knows
// and the store.Item no longer does (a removed "Continue reading" block).
func itemsSince(p *Parsed, c *clean.Cleaner, cutoff time.Time) (items []store.Item, stubs []bool, old int) {
	if p == nil || p.Feed == nil {
		return nil, nil, 0
	}
	base := p.Base
	if base == "" {
		base = WebURL(p.Feed.Link)
	}
	seen := map[string]bool{}
	out := make([]store.Item, 0, min(len(p.Feed.Items), MaxItems))
	for _, it := range p.Feed.Items {
		if len(out)+old >= MaxItems {
			break
		}
		if it == nil {
			continue
		}
		if pub := itemDate(it); !pub.IsZero() && pub.Before(cutoff) {
			if guid := itemGUID(it); guid != "" {
				if !seen[guid] {
					seen[guid] = true
					old++
				}
				continue
			}
			if itemURL(it) != "" {
				old++
				continue
			}
			// Neither GUID nor link: Item decides whether it is empty.
		}
		si, stub := item(it, base, c)
		if si.GUID != "" {
			if seen[si.GUID] {
				continue
			}
			seen[si.GUID] = true
		}
		if si.GUID == "" && si.URL == "" && si.Title == "" && si.Text == "" {
			continue
		}
		if !si.Published.IsZero() && si.Published.Before(cutoff) {
			old++
			continue
		}
		out = append(out, si)
		stubs = append(stubs, stub)
	}
	return out, stubs, old
}

// item converts one gofeed item, and says whether its content is only a
// stub (clean.NeedsFullText).
func item(it *gofeed.Item, base string, c *clean.Cleaner) (store.Item, bool) {
	raw := it.Content
	if strings.TrimSpace(raw) == "" {
		raw = it.Description
	}
	raw = truncate(raw, maxContentLen)
	link := WebURL(it.Link) // Parse chose it among the item's links
	pageBase := link
	if pageBase == "" {
		pageBase = base
	}
	a := c.HTML(truncate(it.Title, maxTitleLen), raw, pageBase)
	title := a.Title
	if title == "" {
		title = clean.Title(firstWords(a.Text, 12))
	}
	var author string
	for _, p := range it.Authors {
		if p != nil && strings.TrimSpace(p.Name) != "" {
			author = clean.Title(truncate(p.Name, 256))
			break
		}
	}
	return store.Item{
		GUID:      itemGUID(it),
		URL:       clean.Safe(link),
		Title:     title,
		Author:    author,
		Published: itemDate(it),
		Raw:       raw,
		Markdown:  a.Markdown,
		Text:      a.Text,
	}, clean.NeedsFullText(a)
}

// itemDate is the item's publication (else update) time in UTC, zero when
// missing or a placeholder.
func itemDate(it *gofeed.Item) time.Time {
	pub := it.PublishedParsed
	if pub == nil {
		pub = it.UpdatedParsed
	}
	if pub == nil || pub.Before(earliestDate) {
		return time.Time{}
	}
	return pub.UTC()
}

func itemGUID(it *gofeed.Item) string {
	return clean.Safe(truncate(strings.TrimSpace(it.GUID), maxGUIDLen))
}

func itemURL(it *gofeed.Item) string { return clean.Safe(WebURL(it.Link)) }

// WebURL returns s trimmed if it is an absolute http(s) URL, else "":
// javascript:, data:, file: and relative leftovers never become links.
func WebURL(s string) string {
	s = strings.TrimSpace(s)
	if isWebURL(s) {
		return s
	}
	return ""
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	s = s[:n]
	for i := 0; i < utf8.UTFMax && len(s) > 0; i++ { // drop a rune cut in half
		if r, size := utf8.DecodeLastRuneInString(s); r != utf8.RuneError || size != 1 {
			break
		}
		s = s[:len(s)-1]
	}
	return s
}

func firstWords(s string, n int) string {
	f := strings.Fields(truncate(s, 1024))
	if len(f) > n {
		return strings.Join(f[:n], " ") + "…"
	}
	return strings.Join(f, " ")
}

// Cutoff is the retention cutoff at now: items published before it are not
// saved, and the store prunes the articles published before it. The zero
// time when Refresh.KeepDays is 0 (keep everything).
func (o Options) Cutoff(now time.Time) time.Time {
	if o.Refresh.KeepDays <= 0 {
		return time.Time{}
	}
	return now.Add(-time.Duration(o.Refresh.KeepDays) * 24 * time.Hour)
}
