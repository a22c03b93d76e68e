package clean

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// pruneChrome removes page furniture before readability scores the page:
// navigation, forms, dialogs and elements whose class, id or data label names
// a known kind of chrome (cookie banners, newsletter and paywall prompts,
// share bars, related links, comments, ads, bylines). Readability alone
// keeps much of this when it sits inside the article container (measured on
// testdata/pages). An element holding most of the page's text is never
// removed, so a site that names its article container oddly keeps it.
func pruneChrome(doc *html.Node) {
	total := textLen(doc)
	var drop []*html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && isChrome(n) && textLen(n)*2 < total {
			drop = append(drop, n)
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	for _, n := range drop {
		if n.Parent != nil {
			n.Parent.RemoveChild(n)
		}
	}
}

// chromeRE matches one word of a class, id or data label.
var chromeRE = regexp.MustCompile(`^(cookies?|consent|gdpr|cmp|cc-banner|fc-consent-root|newsletter|subscribe|subscription|paywall|share|sharing|sharedaddy|social|related|relatedposts|jp-relatedposts|comments?|respond|advert|advertisement|ads?|promo|sidebar|widget|widget-area|breadcrumbs?|byline|author|sign-off|signoff|trust|tags|tags-links|cat-links|topic-list|links-block|most-read|popular|trending|read-next|more-on|modal|popup|overlay|dateline|skip|masthead)$`)

var chromeRoles = map[string]bool{"dialog": true, "alertdialog": true, "navigation": true, "banner": true, "contentinfo": true, "complementary": true}

func isChrome(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Html, atom.Body, atom.Main, atom.Article:
		return false
	case atom.Nav, atom.Footer, atom.Aside, atom.Form, atom.Button, atom.Dialog, atom.Noscript, atom.Script, atom.Style, atom.Template:
		return true
	}
	for _, a := range n.Attr {
		switch a.Key {
		case "role":
			if chromeRoles[strings.ToLower(a.Val)] {
				return true
			}
		case "aria-modal":
			return a.Val == "true"
		case "class", "id", "data-component", "data-testid":
			for _, w := range strings.FieldsFunc(strings.ToLower(a.Val), func(r rune) bool { return r == ' ' || r == '_' }) {
				if chromeRE.MatchString(w) {
					return true
				}
				for _, part := range strings.Split(w, "-") {
					if chromeRE.MatchString(part) {
						return true
					}
				}
			}
		}
	}
	return false
}

// textLen is the number of bytes of text under n.
func textLen(n *html.Node) int {
	if n.Type == html.TextNode {
		return len(strings.TrimSpace(n.Data))
	}
	sum := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		sum += textLen(c)
	}
	return sum
}
