package feed

import (
	"bytes"

	"github.com/mmcdole/gofeed"
	"github.com/mmcdole/gofeed/atom"
)

// Drafts of Atom (Echo, Necho, Pie) used their own namespaces before
// settling on purl.org/atom/ns# (0.3). gofeed's Atom parser knows only 0.3
// and 1.0, so a feed in a draft namespace parses as an Atom feed whose
// every element is a foreign extension: no title, no entries.
var draftAtomNS = []string{
	"http://example.com/newformat#",
	"http://example.com/necho",
	"http://purl.org/echo/",
	"uri/of/echo/namespace#",
	"http://purl.org/pie/",
}

// fromDraftAtom returns doc with a draft namespace declared as the default
// replaced by Atom 0.3's, when f (its parse) shows gofeed read the elements
// as extensions of that namespace.
func fromDraftAtom(doc []byte, f *gofeed.Feed) ([]byte, bool) {
	a, ok := f.OriginalFeed().(*atom.Feed)
	if !ok || a.Title != "" || len(a.Entries) > 0 {
		return nil, false
	}
	for _, ns := range draftAtomNS {
		if a.Extensions[ns] == nil {
			continue
		}
		for _, q := range []string{`"`, `'`} {
			decl := []byte(`xmlns=` + q + ns + q)
			if i := bytes.Index(doc, decl); i >= 0 {
				out := make([]byte, 0, len(doc))
				out = append(out, doc[:i]...)
				out = append(out, `xmlns="`+nsAtom03+`"`...)
				return append(out, doc[i+len(decl):]...), true
			}
		}
	}
	return nil, false
}
