package clean

import (
	_ "embed"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"
)

//go:embed boilerplate.txt
var builtinRules string

// maxBuiltinBlock is the longest block a built-in rule may remove: boilerplate
// is short, and a long paragraph that happens to match is story text.
const maxBuiltinBlock = 400

type rule struct {
	re      *regexp.Regexp
	tail    bool // applies only after the end of the article
	head    bool // applies only before the start of the article
	builtin bool
}

// parseRules reads the rules file format (see boilerplate.txt).
func parseRules(src string, builtin bool) ([]rule, error) {
	var rules []rule
	for i, line := range strings.Split(src, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		r := rule{builtin: builtin}
		r, line = rulePosition(r, line)
		re, err := regexp.Compile(line)
		if err != nil {
			return nil, fmt.Errorf("boilerplate rule line %d: %w", i+1, err)
		}
		r.re = re
		rules = append(rules, r)
	}
	return rules, nil
}

// rulePosition reads a "tail: " or "head: " prefix.
func rulePosition(r rule, p string) (rule, string) {
	if rest, ok := strings.CutPrefix(p, "tail: "); ok {
		r.tail, p = true, rest
	} else if rest, ok := strings.CutPrefix(p, "head: "); ok {
		r.head, p = true, rest
	}
	return r, p
}

var builtin = sync.OnceValue(func() []rule {
	rules, err := parseRules(builtinRules, true)
	if err != nil {
		panic(err) // the embedded file is tested
	}
	return rules
})

// BuiltinRules returns the embedded boilerplate rules (for docs and --help).
func BuiltinRules() string { return builtinRules }

// Where a block sits, for rules that only apply before or after the article.
const (
	posBody = iota
	posHead
	posTail
)

// matchRules reports whether a rule removes the block text at position pos.
func matchRules(rules []rule, text string, pos int) bool {
	n := utf8.RuneCountInString(text)
	for _, r := range rules {
		if (r.tail && pos != posTail) || (r.head && pos != posHead) {
			continue
		}
		if r.builtin && n > maxBuiltinBlock {
			continue
		}
		if r.re.MatchString(text) {
			return true
		}
	}
	return false
}

var relatedHeadingRE = regexp.MustCompile(`(?i)^(related( (articles|stories|posts|content|coverage|links|news|topics))?|more (on|about) (this|that) (story|topic)|more from .{1,40}|more stories|read (also|next|more)|see also|recommended( for you| reading| stories)?|you (may|might) also like|most (read|popular|viewed)|popular (now|stories)|trending( now)?|latest (news|stories)|top stories|editor'?s picks)\s*:?$`)

var stubRE = regexp.MustCompile(`(?i)^(continue reading|read more|read the (full|rest of the) (story|article|post)|full story|keep reading)\b|^\[?(…|\.\.\.)\]?$`)

// removeBoilerplate drops the blocks that rules match, the link-only blocks
// after a "Related" heading, and the trailing junk after the article. It
// reports whether a "read more" stub was among the removed blocks.
func (c *Cleaner) removeBoilerplate(blocks []block, title string) (kept []block, stub bool) {
	rules := c.rules
	drop := make([]bool, len(blocks))
	for i := 0; i < len(blocks); i++ {
		bl := blocks[i]
		if bl.text == "" {
			continue
		}
		if matchRules(rules, bl.text, posBody) {
			drop[i] = true
			if stubRE.MatchString(bl.text) {
				stub = true
			}
			if relatedHeadingRE.MatchString(bl.text) {
				// The list of links that follows goes with its heading.
				for j := i + 1; j < len(blocks) && (blocks[j].linkOnly || blocks[j].text == ""); j++ {
					drop[j] = true
					i = j
				}
			}
		}
	}
	// Trailing junk: walk back from the end while blocks are boilerplate
	// (tail rules included) or link-only list items.
	for i := len(blocks) - 1; i >= 0; i-- {
		bl := blocks[i]
		if drop[i] || bl.text == "" {
			continue
		}
		if matchRules(rules, bl.text, posTail) || (bl.linkOnly && bl.kind == kindItem) {
			drop[i] = true
			continue
		}
		break
	}
	// Leading furniture: bylines, datelines, a repeat of the title.
	for i, bl := range blocks {
		if drop[i] || bl.text == "" {
			continue
		}
		if matchRules(rules, bl.text, posHead) || (title != "" && strings.EqualFold(bl.text, title)) {
			drop[i] = true
			continue
		}
		break
	}
	for i, bl := range blocks {
		if !drop[i] {
			kept = append(kept, bl)
		}
	}
	return kept, stub
}
