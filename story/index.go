package story

import (
	"encoding/binary"
	"hash/fnv"
	"math"
	"math/bits"
	"sort"
	"time"
)

// Options tune clustering; the zero value means the defaults.
type Options struct {
	Window time.Duration // articles further apart never join; default 72h
	// Span bounds a whole story: an article joins only if the story's
	// articles, it included, then fall within Span (default: Window).
	// Without it a story chains from day to day through its newest
	// articles, and a week of an ongoing crisis hides in one row.
	Span      time.Duration
	Threshold float64 // minimum similarity to join; default 0.30
	MaxCands  int     // candidates scored per article; default 64
}

func (o Options) withDefaults() Options {
	if o.Window <= 0 {
		o.Window = 72 * time.Hour
	}
	if o.Span <= 0 {
		o.Span = o.Window
	}
	if o.Threshold <= 0 {
		o.Threshold = 0.30
	}
	if o.MaxCands <= 0 {
		o.MaxCands = 64
	}
	return o
}

// Index assigns articles to stories incrementally. It is not safe for
// concurrent use; callers serialise Add.
type Index struct {
	opt    Options
	docs   []entry
	byID   map[int64]int32
	bands  map[uint64][]int32 // LSH band key -> doc positions
	names  map[uint64][]int32 // name -> doc positions, in insertion order
	df     map[uint64]int     // name and lead-word document frequency, for IDF weights
	spans  map[int64]span     // story -> its articles' earliest and latest publication
	nextID int64
}

// span is the time range of a story's articles.
type span struct{ first, last time.Time }

func (s span) with(t time.Time) span {
	if s.first.IsZero() || t.Before(s.first) {
		s.first = t
	}
	if s.last.IsZero() || t.After(s.last) {
		s.last = t
	}
	return s
}

type entry struct {
	id    int64
	story int64
	sig   Signature
}

// NewIndex returns an empty index.
func NewIndex(opt Options) *Index {
	return &Index{opt: opt.withDefaults(), byID: map[int64]int32{}, bands: map[uint64][]int32{},
		names: map[uint64][]int32{}, df: map[uint64]int{}, spans: map[int64]span{}, nextID: 1}
}

// Len reports how many articles the index holds.
func (ix *Index) Len() int { return len(ix.docs) }

// Restore adds an article whose story is already known (loaded from the
// store at start-up), so later articles can join it.
func (ix *Index) Restore(id, story int64, sig Signature) {
	ix.insert(entry{id: id, story: story, sig: sig})
	if story >= ix.nextID {
		ix.nextID = story + 1
	}
}

// Match is the outcome of Add.
type Match struct {
	Story int64   // the story the article now belongs to
	New   bool    // it started a new story
	With  int64   // the article it matched best (0 when New)
	Score float64 // similarity to With
}

// Add assigns the article to the story of its best match within the window,
// or to a new story numbered by the index itself, and indexes it.
func (ix *Index) Add(id int64, sig Signature) Match {
	m, _ := ix.AddWith(id, sig, func() (int64, error) {
		n := ix.nextID
		ix.nextID++
		return n, nil
	})
	return m
}

// AddWith is Add with new story ids from alloc (the store allocates them, so
// two processes never hand out the same id). On an alloc error the article
// is not indexed.
func (ix *Index) AddWith(id int64, sig Signature, alloc func() (int64, error)) (Match, error) {
	if pos, ok := ix.byID[id]; ok { // already indexed: keep its story
		return Match{Story: ix.docs[pos].story}, nil
	}
	best, bestScore := int32(-1), 0.0
	for _, c := range ix.candidates(sig) {
		d := &ix.docs[c]
		if absDur(d.sig.Published.Sub(sig.Published)) > ix.opt.Window {
			continue
		}
		if sp := ix.spans[d.story].with(sig.Published); sp.last.Sub(sp.first) > ix.opt.Span {
			continue
		}
		if s := ix.similarity(sig, d.sig); s > bestScore {
			best, bestScore = c, s
		}
	}
	var m Match
	if best >= 0 && bestScore >= ix.opt.Threshold {
		m = Match{Story: ix.docs[best].story, With: ix.docs[best].id, Score: bestScore}
	} else {
		story, err := alloc()
		if err != nil {
			return Match{}, err
		}
		m = Match{Story: story, New: true}
		if story >= ix.nextID {
			ix.nextID = story + 1
		}
	}
	ix.insert(entry{id: id, story: m.Story, sig: sig})
	return m, nil
}

// Relabel moves an indexed article to another story id: callers that
// allocate provisional ids in AddWith replace them once the store has given
// the real ones.
func (ix *Index) Relabel(articleID, story int64) {
	if pos, ok := ix.byID[articleID]; ok {
		if old := ix.docs[pos].story; old != story && old < 0 {
			delete(ix.spans, old) // a provisional id: every member is relabelled together
		}
		ix.docs[pos].story = story
		ix.spans[story] = ix.spans[story].with(ix.docs[pos].sig.Published)
		if story >= ix.nextID {
			ix.nextID = story + 1
		}
	}
}

// Has reports whether the article is indexed.
func (ix *Index) Has(id int64) bool {
	_, ok := ix.byID[id]
	return ok
}

func (ix *Index) insert(e entry) {
	pos := int32(len(ix.docs))
	ix.docs = append(ix.docs, e)
	ix.byID[e.id] = pos
	ix.spans[e.story] = ix.spans[e.story].with(e.sig.Published)
	if e.sig.Shingles >= minShingles {
		for b := 0; b < Bands; b++ {
			k := bandKey(b, e.sig.MinHash[b*Rows:(b+1)*Rows])
			ix.bands[k] = append(ix.bands[k], pos)
		}
	}
	for _, n := range e.sig.Names {
		ix.names[n] = append(ix.names[n], pos)
		ix.df[n]++
	}
	for _, w := range e.sig.Lead {
		ix.df[w]++
	}
}

// minShared is how many names two rewrites must share for full credit.
const minShared = 3

// minShingles: shorter texts have too few shingles for MinHash to mean much.
const minShingles = 8

// candidates gathers near-duplicates from LSH buckets and rewritten versions
// from entity postings (most recent first, bounded), ranked by shared weight.
func (ix *Index) candidates(sig Signature) []int32 {
	score := map[int32]float64{}
	if sig.Shingles >= minShingles {
		for b := 0; b < Bands; b++ {
			for _, p := range ix.bands[bandKey(b, sig.MinHash[b*Rows:(b+1)*Rows])] {
				score[p] += 10 // any shared band: very likely a near-duplicate
			}
		}
	}
	const perEntity = 256 // bound work for very common entities
	for _, n := range sig.Names {
		post := ix.names[n]
		w := ix.idf(n)
		for i, n := len(post)-1, 0; i >= 0 && n < perEntity; i, n = i-1, n+1 {
			p := post[i]
			if absDur(ix.docs[p].sig.Published.Sub(sig.Published)) > ix.opt.Window {
				continue
			}
			score[p] += w
		}
	}
	out := make([]int32, 0, len(score))
	for p := range score {
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool {
		if score[out[i]] != score[out[j]] {
			return score[out[i]] > score[out[j]]
		}
		return out[i] > out[j]
	})
	if len(out) > ix.opt.MaxCands {
		out = out[:ix.opt.MaxCands]
	}
	return out
}

func (ix *Index) idf(h uint64) float64 {
	n := float64(len(ix.docs) + 1)
	return math.Log(1 + n/float64(ix.df[h]+1))
}

// similarity blends text overlap (MinHash Jaccard estimate) with what a
// rewrite keeps: rare shared entities, title words and event types.
func (ix *Index) similarity(a, b Signature) float64 {
	text := 0.0
	if a.Shingles >= minShingles && b.Shingles >= minShingles {
		same := 0
		for i := range a.MinHash {
			if a.MinHash[i] == b.MinHash[i] {
				same++
			}
		}
		text = float64(same) / Hashes
	}
	names := ix.weightedOverlap(a.Names, b.Names)
	lead := ix.weightedOverlap(a.Lead, b.Lead)
	title := jaccard64(a.Title, b.Title)
	ev := 0.0
	if u := a.Events | b.Events; u != 0 {
		ev = float64(bits.OnesCount32(a.Events&b.Events)) / float64(bits.OnesCount32(u))
	}
	rewrite := 0.50*names + 0.38*lead + 0.12*title
	if a.Events != 0 && b.Events != 0 {
		// Same places and people but different kinds of event (an attack, a
		// media ban) are usually different stories.
		rewrite *= 0.7 + 0.3*ev
	}
	return math.Max(text*1.2, rewrite)
}

// weightedOverlap is the IDF-weighted overlap coefficient: shared weight over
// the smaller side's weight, so a short rewrite of a long report still scores.
func (ix *Index) weightedOverlap(a, b []uint64) float64 {
	var inter, wa, wb float64
	shared := 0
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j >= len(b) || (i < len(a) && a[i] < b[j]):
			wa += ix.idf(a[i])
			i++
		case i >= len(a) || b[j] < a[i]:
			wb += ix.idf(b[j])
			j++
		default:
			w := ix.idf(a[i])
			inter += w
			wa += w
			wb += w
			shared++
			i++
			j++
		}
	}
	m := math.Min(wa, wb)
	if m == 0 {
		return 0
	}
	// One shared name ("Turkey") is weak evidence however short the text:
	// full credit needs minShared names in common.
	return inter / m * math.Min(1, float64(shared)/minShared)
}

func jaccard64(a, b []uint64) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	inter, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			i++
		case b[j] < a[i]:
			j++
		default:
			inter++
			i++
			j++
		}
	}
	return float64(inter) / float64(len(a)+len(b)-inter)
}

func bandKey(band int, rows []uint32) uint64 {
	h := fnv.New64a()
	var b [4]byte
	binary.LittleEndian.PutUint32(b[:], uint32(band))
	h.Write(b[:])
	for _, r := range rows {
		binary.LittleEndian.PutUint32(b[:], r)
		h.Write(b[:])
	}
	return h.Sum64()
}

func absDur(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}
