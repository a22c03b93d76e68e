package story

import (
	"time"

	"github.com/sitrep-news/sitrep/summarize"
)

// DocFromAnalysis builds the clustering input from an article's analysis:
// its text, its people, organisations and places, and its event types.
func DocFromAnalysis(id int64, published time.Time, an summarize.Analysis) Doc {
	d := Doc{ID: id, Title: an.Title, Text: an.Text, Published: published}
	for _, e := range an.Entities {
		d.Entities = append(d.Entities, e.Text)
	}
	for _, ev := range an.Events {
		if !ev.Negated {
			d.Events = append(d.Events, ev.Type)
		}
	}
	return d
}
