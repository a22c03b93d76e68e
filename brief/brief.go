// Package brief turns a period's stories into a briefing: Markdown that reads
// well in glamour and on GitHub, one self-contained HTML file, or JSON that
// extends the extract schema with a stories level.
package brief

import (
	"fmt"
	"strings"
	"time"

	"github.com/sitrep-news/sitrep/feed/clean"
	"github.com/sitrep-news/sitrep/story"
)

// Schema versions the JSON briefing; its articles use the extract schema.
const Schema = 1

// Brief is one briefing.
type Brief struct {
	Title     string
	Generated time.Time
	Since     time.Time
	Stories   []story.Report // most important first
}

// maxQuotes is how many quotes a story shows: enough to hear both sides.
const maxQuotes = 2

// safeURL returns u when clean.IsSafeURL accepts it (an absolute http(s)
// URL with a host, nothing to sanitise), else "": briefings never link to
// javascript:, data: or file: targets.
func safeURL(u string) string {
	if !clean.IsSafeURL(u) {
		return ""
	}
	return u
}

func quotes(r story.Report) []story.MergedQuote {
	if len(r.Quotes) > maxQuotes {
		return r.Quotes[:maxQuotes]
	}
	return r.Quotes
}

func sourceCount(r story.Report) int {
	seen := map[string]bool{}
	for _, s := range r.Sources {
		seen[s.Feed] = true
	}
	return len(seen)
}

// plural formats a count with its noun: "1 source", "3 sources".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	if strings.HasSuffix(noun, "y") {
		return fmt.Sprintf("%d %sies", n, strings.TrimSuffix(noun, "y"))
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// line makes untrusted text one safe line: the single boundary every
// briefing string crosses before any output format.
func line(s string) string { return strings.Join(strings.Fields(clean.Safe(s)), " ") }

// period says how many stories and since when; a view without a start time
// (the reader's export) says only how many.
func period(b Brief) string {
	n := plural(len(b.Stories), "story")
	if b.Since.IsZero() {
		return n
	}
	return n + " since " + b.Since.UTC().Format("2006-01-02 15:04 MST")
}
