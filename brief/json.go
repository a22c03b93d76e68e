package brief

import (
	"encoding/json"
	"io"
	"time"

	"github.com/sitrep-news/sitrep/story"
	"github.com/sitrep-news/sitrep/summarize"
)

type jsonBrief struct {
	Schema    int         `json:"schema"`
	Title     string      `json:"title"`
	Generated time.Time   `json:"generated"`
	Since     time.Time   `json:"since"`
	Stories   []jsonStory `json:"stories"`
}

type jsonStory struct {
	ID       int64               `json:"id"`
	Title    string              `json:"title"`
	Score    float64             `json:"score"`
	Latest   time.Time           `json:"latest"`
	Facts    []jsonFact          `json:"facts"`
	Quotes   []story.MergedQuote `json:"quotes"`
	Articles []jsonArticle       `json:"articles"`
}

type jsonFact struct {
	story.FactGroup
	Label string `json:"label"`
}

// jsonArticle is one source: where it came from plus its analysis in the
// extract schema (../shared/docs/extract-schema.md).
type jsonArticle struct {
	Feed      string    `json:"feed"`
	URL       string    `json:"url"`
	Published time.Time `json:"published"`
	summarize.Analysis
}

// JSON writes the briefing as JSON.
func JSON(w io.Writer, b Brief) error {
	out := jsonBrief{Schema: Schema, Title: line(b.Title), Generated: b.Generated.UTC(), Since: b.Since.UTC(), Stories: []jsonStory{}}
	for _, r := range b.Stories {
		js := jsonStory{ID: r.ID, Title: line(r.Title), Score: r.Score, Latest: r.Latest.UTC(), Facts: []jsonFact{}, Quotes: r.Quotes, Articles: []jsonArticle{}}
		for _, g := range r.Facts {
			js.Facts = append(js.Facts, jsonFact{FactGroup: g, Label: g.Label()})
		}
		for _, s := range r.Sources {
			js.Articles = append(js.Articles, jsonArticle{Feed: s.Feed, URL: safeURL(s.URL), Published: s.Published.UTC(), Analysis: s.Analysis})
		}
		out.Stories = append(out.Stories, js)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
