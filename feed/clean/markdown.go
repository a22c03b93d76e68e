package clean

import (
	"strings"
)

// markdownEscaper escapes what would otherwise be Markdown syntax inside a
// text run, plus & and < (MarkdownText) so glamour shows entities and tags
// literally instead of decoding them.
var markdownEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`, `|`, `\|`,
	// glamour (goldmark) does not honour \~; an entity is never a
	// strikethrough delimiter and shows as a plain tilde.
	`~`, `&#126;`,
	`&`, `&amp;`, `<`, `&lt;`,
)

// escapeMarkdown escapes a text run taken from content.
func escapeMarkdown(s string) string { return markdownEscaper.Replace(s) }

// EscapeMarkdown escapes plain text for use as Markdown content (for glamour):
// inline specials, & and <, and block syntax at line starts (#, >, -, +, =,
// "1."), so a title like "*URGENT*" or a "# hashtag" line renders literally.
func EscapeMarkdown(s string) string {
	lines := strings.Split(escapeMarkdown(s), "\n")
	for i, l := range lines {
		lines[i] = escapeLineStart(l)
	}
	return strings.Join(lines, "\n")
}

// escapeLineStart escapes block syntax at the start of a Markdown line.
func escapeLineStart(md string) string {
	if md == "" {
		return md
	}
	switch md[0] {
	case '#', '>', '-', '+', '=':
		return `\` + md
	}
	i := 0
	for i < len(md) && i < 10 && md[i] >= '0' && md[i] <= '9' {
		i++
	}
	if i > 0 && i < len(md) && (md[i] == '.' || md[i] == ')') {
		return md[:i] + `\` + md[i:]
	}
	return md
}

// markdownURL writes a URL as a Markdown link destination: characters that
// would end or confuse the destination are percent-encoded, and so is an &
// that would start an entity reference (glamour prints destinations as they
// are, so &amp; cannot be used).
func markdownURL(u string) string {
	var b strings.Builder
	for i, r := range u {
		if r == '&' && entityRE.MatchString(u[i:min(len(u), i+40)]) && entityRE.FindStringIndex(u[i:min(len(u), i+40)])[0] == 0 {
			b.WriteString("%26")
			continue
		}
		switch r {
		case '(':
			b.WriteString("%28")
		case ')':
			b.WriteString("%29")
		case ' ':
			b.WriteString("%20")
		case '<':
			b.WriteString("%3C")
		case '>':
			b.WriteString("%3E")
		case '\\':
			b.WriteString("%5C")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// render turns the kept blocks into the article's Markdown and plain text.
func render(title string, blocks []block) Article {
	var md, text strings.Builder
	size := 0
	for _, bl := range blocks {
		size += len(bl.text) + 2
	}
	md.Grow(size + size/8)
	text.Grow(size)
	prevList := 0
	for _, bl := range blocks {
		m := blockMarkdown(bl)
		if m != "" {
			if md.Len() > 0 {
				if bl.kind == kindItem && prevList != 0 && (bl.list == prevList || bl.level > 1) {
					md.WriteString("\n")
				} else {
					md.WriteString("\n\n")
				}
			}
			md.WriteString(m)
			prevList = 0
			if bl.kind == kindItem {
				prevList = bl.list
			}
		}
		if bl.text != "" {
			if text.Len() > 0 {
				text.WriteString("\n\n")
			}
			text.WriteString(bl.text)
		}
	}
	return Article{Title: title, Markdown: md.String(), Text: text.String()}
}

func blockMarkdown(bl block) string {
	var m string
	switch bl.kind {
	case kindHeading:
		m = strings.Repeat("#", bl.level) + " " + escapeLineStart(bl.md)
	case kindItem:
		m = strings.Repeat("  ", bl.level-1) + bl.marker + " " + escapeLineStart(bl.md)
	case kindPre:
		body := MarkdownText(bl.md)
		fence := "```"
		for strings.Contains(body, fence) {
			fence += "`"
		}
		m = fence + "\n" + body + "\n" + fence
	default:
		m = escapeLineStart(bl.md)
	}
	if bl.quote {
		m = "> " + strings.ReplaceAll(m, "\n", "\n> ")
	}
	return m
}
