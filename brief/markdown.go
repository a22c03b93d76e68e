package brief

import (
	"fmt"
	"io"
	"strings"
)

// mdEscaper escapes what Markdown would read as syntax in feed text, and &
// and < so glamour cannot decode an entity into a control character.
var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`, "#", `\#`,
	"~", `\~`, "|", `\|`, "&", "&amp;", "<", "&lt;", ">", "&gt;",
)

// mdURL percent-encodes what would end a Markdown <link destination>.
var mdURL = strings.NewReplacer("<", "%3C", ">", "%3E", " ", "%20")

func md(s string) string {
	return mdEscaper.Replace(line(s))
}

// Markdown writes the briefing as Markdown.
func Markdown(w io.Writer, b Brief) error {
	var sb strings.Builder
	fmt.Fprintf(&sb, "# %s\n\n", md(b.Title))
	fmt.Fprintf(&sb, "_%s · generated %s_\n\n", period(b), b.Generated.UTC().Format("2006-01-02 15:04 MST"))
	for i, r := range b.Stories {
		fmt.Fprintf(&sb, "## %d. %s\n\n", i+1, md(r.Title))
		fmt.Fprintf(&sb, "%s · latest %s\n\n", plural(sourceCount(r), "source"), r.Latest.UTC().Format("Mon 2 Jan 15:04 MST"))
		for _, g := range r.Facts {
			fmt.Fprintf(&sb, "- **%s**\n", md(g.Label()))
		}
		if len(r.Facts) > 0 {
			sb.WriteString("\n")
		}
		for _, q := range quotes(r) {
			who := md(q.Speaker)
			switch {
			case who == "":
				who = "unattributed" // a role without a name says nothing on its own, as in the HTML
			case q.Role != "":
				who += ", " + md(q.Role)
			}
			fmt.Fprintf(&sb, "> “%s” — %s\n\n", md(q.Text), who)
		}
		sb.WriteString("Sources:\n")
		for _, s := range r.Sources {
			title := md(s.Title)
			if u := safeURL(s.URL); u != "" {
				fmt.Fprintf(&sb, "- %s: [%s](<%s>)\n", md(s.Feed), title, mdURL.Replace(u))
			} else {
				fmt.Fprintf(&sb, "- %s: %s\n", md(s.Feed), title)
			}
		}
		sb.WriteString("\n")
	}
	_, err := io.WriteString(w, sb.String())
	return err
}
