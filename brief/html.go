package brief

import (
	_ "embed"
	"html/template"
	"io"

	"github.com/sitrep-news/sitrep/story"
)

//go:embed brief.html.tmpl
var htmlTemplate string

var page = template.Must(template.New("brief").Funcs(template.FuncMap{
	"safe":    line,
	"url":     safeURL,
	"quotes":  quotes,
	"sources": func(r story.Report) string { return plural(sourceCount(r), "source") },
	"period":  period,
	"add1":    func(i int) int { return i + 1 },
	"label":   func(g story.FactGroup) string { return g.Label() },
	"state": func(g story.FactGroup) string {
		if g.Conflict {
			return "conflict"
		}
		return "agree"
	},
}).Parse(htmlTemplate))

// HTML writes the briefing as one self-contained HTML page: inline CSS, no
// scripts, no external resources, light and dark colour schemes.
func HTML(w io.Writer, b Brief) error {
	return page.Execute(w, b)
}
