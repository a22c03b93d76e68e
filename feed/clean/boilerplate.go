package clean

import (
	_ "embed"
	"fmt"
	"regexp"
	"regexp/syntax"
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
	links   bool // applies only to blocks that are mostly link text
	related bool // a "Related" heading: the link-only blocks after it go too
	builtin bool
	maxLen  int // longest block (in runes) the rule can match whole; -1: unbounded
}

// newRule compiles a rule and works out the longest block it can match.
func newRule(r rule, pattern string) (rule, error) {
	re, err := regexp.Compile(pattern)
	if err != nil {
		return r, err
	}
	r.re, r.maxLen = re, -1
	if tree, err := syntax.Parse(pattern, syntax.Perl); err == nil {
		r.maxLen = anchoredMaxLen(tree.Simplify())
	}
	return r, nil
}

// anchoredMaxLen returns the longest text that a pattern anchored at both
// ends (^...$) can match, or -1 when it is not anchored or unbounded. Blocks
// longer than that are skipped without running the regexp: most rules are
// for short lines, and most blocks are long paragraphs.
func anchoredMaxLen(re *syntax.Regexp) int {
	if re.Op != syntax.OpConcat || len(re.Sub) < 2 {
		return -1
	}
	first, last := re.Sub[0], re.Sub[len(re.Sub)-1]
	if (first.Op != syntax.OpBeginText && first.Op != syntax.OpBeginLine) ||
		(last.Op != syntax.OpEndText && last.Op != syntax.OpEndLine) {
		return -1
	}
	return maxLen(re)
}

func maxLen(re *syntax.Regexp) int {
	switch re.Op {
	case syntax.OpLiteral:
		return len(re.Rune)
	case syntax.OpCharClass, syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return 1
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText,
		syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return 0
	case syntax.OpCapture, syntax.OpQuest:
		return maxLen(re.Sub[0])
	case syntax.OpRepeat:
		m := maxLen(re.Sub[0])
		if re.Max < 0 || m < 0 {
			return -1
		}
		return m * re.Max
	case syntax.OpConcat:
		sum := 0
		for _, s := range re.Sub {
			m := maxLen(s)
			if m < 0 {
				return -1
			}
			sum += m
		}
		return sum
	case syntax.OpAlternate:
		best := 0
		for _, s := range re.Sub {
			m := maxLen(s)
			if m < 0 {
				return -1
			}
			best = max(best, m)
		}
		return best
	}
	return -1 // star, plus, no match
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
		r, err := newRule(r, line)
		if err != nil {
			return nil, fmt.Errorf("boilerplate rule line %d: %w", i+1, err)
		}
		rules = append(rules, r)
	}
	return rules, nil
}

// rulePosition reads a "tail: ", "head: ", "links: " or "related: " prefix.
func rulePosition(r rule, p string) (rule, string) {
	if rest, ok := strings.CutPrefix(p, "tail: "); ok {
		r.tail, p = true, rest
	} else if rest, ok := strings.CutPrefix(p, "head: "); ok {
		r.head, p = true, rest
	} else if rest, ok := strings.CutPrefix(p, "links: "); ok {
		r.links, p = true, rest
	} else if rest, ok := strings.CutPrefix(p, "related: "); ok {
		r.related, p = true, rest
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

// matchRules reports whether a rule removes the block text at position pos;
// links is the share of the block's text that is link text.
func matchRules(rules []rule, text string, pos int, links float64) bool {
	return matchRule(rules, text, pos, links) != nil
}

// matchRule returns the first rule that removes the block, or nil.
func matchRule(rules []rule, text string, pos int, links float64) *rule {
	n := utf8.RuneCountInString(text)
	for _, r := range rules {
		if (r.tail && pos != posTail) || (r.head && pos != posHead) || (r.links && links < 0.5) {
			continue
		}
		if (r.builtin && n > maxBuiltinBlock) || (r.maxLen >= 0 && n > r.maxLen) {
			continue
		}
		if r.re.MatchString(text) {
			return &r
		}
	}
	return nil
}

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
		if r := matchRule(rules, bl.text, posBody, bl.links); r != nil {
			drop[i] = true
			if stubRE.MatchString(bl.text) {
				stub = true
			}
			if r.related {
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
		if matchRules(rules, bl.text, posTail, bl.links) || (bl.linkOnly && bl.kind == kindItem) {
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
		if matchRules(rules, bl.text, posHead, bl.links) || (title != "" && strings.EqualFold(bl.text, title)) {
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
