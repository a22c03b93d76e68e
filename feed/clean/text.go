package clean

import (
	"html"
	"strings"
	"unicode"
	"unicode/utf8"
)

// blocksFromText splits scraped plain text into blocks. Blank lines (also
// lines holding only spaces or NBSP) separate blocks. Inside a block, a line
// that ends a sentence also ends its paragraph, and so does a short line
// followed by a capitalised one (a subheading); other line breaks are hard
// wraps and are joined with a space. Boilerplate is matched per line first,
// so a cookie banner glued under the last paragraph goes without taking the
// paragraph with it.
func (c *Cleaner) blocksFromText(text string) []block {
	var blocks []block
	var para []string
	flush := func() {
		if len(para) == 0 {
			return
		}
		t := strings.Join(para, " ")
		blocks = append(blocks, block{kind: kindPara, text: t, md: escapeMarkdown(t)})
		para = para[:0]
	}
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(collapseSpace(line, true))
		if line == "" {
			flush()
			continue
		}
		if matchRules(c.rules, line, posBody, 0) {
			flush()
			blocks = append(blocks, block{kind: kindPara, text: line, md: escapeMarkdown(line)})
			flush()
			continue
		}
		if n := len(para); n > 0 && utf8.RuneCountInString(para[n-1]) < 50 && startsUpper(line) {
			flush()
		}
		para = append(para, line)
		if endsSentence(line) {
			flush()
		}
	}
	flush()
	return blocks
}

// endsSentence reports whether a line ends with sentence punctuation,
// possibly followed by closing quotes or brackets.
func endsSentence(line string) bool {
	line = strings.TrimRightFunc(line, func(r rune) bool {
		return strings.ContainsRune("\"'”’»)]", r)
	})
	r, _ := utf8.DecodeLastRuneInString(line)
	return strings.ContainsRune(".!?…:;。؟۔", r) || unicode.Is(unicode.Po, r) && r != ',' && r != '-'
}

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(strings.TrimLeft(s, "\"'“‘«(["))
	return unicode.IsUpper(r)
}

// splitTitle takes the first non-empty line as the title.
func splitTitle(text string) (title, body string) {
	for {
		line, rest, found := strings.Cut(text, "\n")
		if strings.TrimSpace(collapseSpace(line, true)) != "" {
			return line, rest
		}
		if !found {
			return "", ""
		}
		text = rest
	}
}

// prepareText decodes, repairs and secures plain scraped text: entities once,
// mojibake, Safe (which also turns CR LF into LF).
func prepareText(text string) string {
	text = Safe(text)
	if strings.IndexByte(text, '&') >= 0 {
		text = html.UnescapeString(text)
	}
	return Safe(Repair(text))
}
