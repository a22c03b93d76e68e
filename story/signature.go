// Package story groups articles that report the same news from different
// sources. Near-duplicates are found with MinHash over word shingles (LSH
// banding gives candidates in constant time); rewritten versions of the same
// news, which share few shingles, are found through shared rare entities,
// title words and event types within a time window. A story is bounded in
// time too (Options.Span, 72 h): it does not chain from day to day through
// its newest articles, so a week of an ongoing crisis shows as several
// stories, each a few days of developments, not one row hiding them all.
package story

import (
	"encoding/binary"
	"errors"
	"sort"
	"strings"
	"time"
	"unicode"
)

// Hashes is the MinHash signature length; Bands×Rows == Hashes.
const (
	Hashes = 64
	Bands  = 16
	Rows   = Hashes / Bands
)

// Doc is what clustering reads of an article.
type Doc struct {
	ID        int64
	Title     string
	Text      string
	Published time.Time
	Entities  []string // canonical names of people, organisations and places
	Events    []string // PLOVER event types of the article's sentences
}

// Signature is the compact, storable summary of a Doc.
type Signature struct {
	MinHash   [Hashes]uint32
	Names     []uint64 // hashed entity names and capitalised words, sorted, unique
	Lead      []uint64 // hashed content words of the title and lead, sorted, unique
	Title     []uint64 // hashed content words of the title, sorted, unique
	Events    uint32   // bit set of event types
	Published time.Time
	Shingles  int // number of distinct shingles (0: too short to compare by text)
}

var eventBits = map[string]uint32{}

func init() {
	for i, t := range []string{"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
		"DEMAND", "DISAPPROVE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE",
		"ASSAULT", "FIGHT", "INVESTIGATE"} {
		eventBits[t] = 1 << i
	}
}

// Sign computes a Doc's signature.
func Sign(d Doc) Signature {
	s := Signature{Published: d.Published}
	for i := range s.MinHash {
		s.MinHash[i] = ^uint32(0)
	}
	words := contentWords(d.Title + "\n" + d.Text)
	wh := make([]uint64, len(words))
	for i, w := range words {
		wh[i] = hashWord(w)
	}
	const k = 3 // word 3-shingles
	seen := make(map[uint64]struct{}, len(wh))
	for i := 0; i+k <= len(wh); i++ {
		x := mix(wh[i] ^ mix(wh[i+1]^mix(wh[i+2])))
		if _, dup := seen[x]; dup {
			continue
		}
		seen[x] = struct{}{}
		for j := range s.MinHash {
			if v := uint32(mix(x ^ seeds[j])); v < s.MinHash[j] {
				s.MinHash[j] = v
			}
		}
	}
	s.Shingles = len(seen)
	s.Names = nameSet(d)
	s.Lead = hashSet(words[:min(len(words), leadLen)])
	s.Title = hashSet(contentWords(d.Title))
	for _, e := range d.Events {
		s.Events |= eventBits[e]
	}
	return s
}

// seeds are fixed so signatures are stable across runs and stored safely.
var seeds = func() [Hashes]uint64 {
	var out [Hashes]uint64
	x := uint64(0x9e3779b97f4a7c15)
	for i := range out {
		x = mix(x + uint64(i))
		out[i] = x
	}
	return out
}()

// mix is splitmix64's finaliser: a cheap, well-distributed 64-bit hash.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// contentWords lowercases, splits on non-letters/digits and drops stop words.
func contentWords(s string) []string {
	f := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	out := f[:0]
	for _, w := range f {
		if len(w) < 2 || stop[w] {
			continue
		}
		out = append(out, stem(w))
	}
	return out
}

// stem folds the commonest English inflections (protests/protest,
// arrested/arrest, killing/kill) so rewrites that change a word's form
// still share it. It is deliberately crude: both sides get the same cut.
func stem(w string) string {
	for _, suf := range []string{"ing", "ed", "es", "s"} {
		if len(w) > len(suf)+3 && strings.HasSuffix(w, suf) {
			return w[:len(w)-len(suf)]
		}
	}
	return w
}

// leadLen bounds how many content words of the lead a signature keeps:
// rewrites of one story agree most in their first paragraph.
const leadLen = 80

// nameSet joins the analysis's entities with every run of capitalised words
// in the title and text ("International Monetary Fund", "Kharkiv"): names
// survive rewriting even when the entity recogniser misses them. A run is one
// name, so a long official name does not count as several shared names.
func nameSet(d Doc) []uint64 {
	var names []string
	for _, e := range d.Entities {
		names = append(names, strings.ToLower(strings.TrimSpace(e)))
	}
	var run []string
	flush := func() {
		if len(run) > 0 {
			names = append(names, strings.Join(run, " "))
			run = run[:0]
		}
	}
	for _, w := range strings.FieldsFunc(d.Title+"\n"+d.Text, func(r rune) bool {
		return unicode.IsSpace(r) || r == '"' || r == '“' || r == '”'
	}) {
		core := strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		core = strings.TrimSuffix(strings.TrimSuffix(core, "'s"), "’s")
		r := []rune(core)
		lw := strings.ToLower(core)
		if len(r) < 2 || !unicode.IsUpper(r[0]) || stop[lw] || common[lw] {
			flush()
			continue
		}
		run = append(run, lw)
		// Punctuation after the word ends the name: "Kabul, Islamabad".
		if last := w[len(w)-1]; last == ',' || last == '.' || last == ':' || last == ';' || last == ')' {
			flush()
		}
	}
	flush()
	return hashSet(names)
}

// hashWord is FNV-1a without the allocation of hash/fnv's interface.
func hashWord(w string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(w); i++ {
		h ^= uint64(w[i])
		h *= 1099511628211
	}
	return h
}

func hashSet(words []string) []uint64 {
	out := make([]uint64, 0, len(words))
	for _, w := range words {
		out = append(out, hashWord(w))
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return uniq(out)
}

func uniq(s []uint64) []uint64 {
	if len(s) == 0 {
		return s
	}
	j := 1
	for i := 1; i < len(s); i++ {
		if s[i] != s[j-1] {
			s[j] = s[i]
			j++
		}
	}
	return s[:j]
}

// MarshalBinary encodes a signature for the store.
func (s Signature) MarshalBinary() ([]byte, error) {
	b := make([]byte, 0, Hashes*4+64)
	b = binary.AppendUvarint(b, 1) // format version
	for _, v := range s.MinHash {
		b = binary.LittleEndian.AppendUint32(b, v)
	}
	b = binary.AppendVarint(b, s.Published.Unix())
	b = binary.AppendUvarint(b, uint64(s.Events))
	b = binary.AppendUvarint(b, uint64(s.Shingles))
	for _, set := range [][]uint64{s.Title, s.Names, s.Lead} {
		b = binary.AppendUvarint(b, uint64(len(set)))
		for _, t := range set {
			b = binary.LittleEndian.AppendUint64(b, t)
		}
	}
	return b, nil
}

var errBadSig = errors.New("story: corrupt signature")

// UnmarshalBinary decodes a signature written by MarshalBinary.
func (s *Signature) UnmarshalBinary(b []byte) error {
	r := reader{b: b}
	if r.uvarint() != 1 {
		return errBadSig
	}
	for i := range s.MinHash {
		s.MinHash[i] = r.u32()
	}
	s.Published = time.Unix(r.varint(), 0).UTC()
	s.Events = uint32(r.uvarint())
	s.Shingles = int(r.uvarint())
	for _, set := range []*[]uint64{&s.Title, &s.Names, &s.Lead} {
		n := r.uvarint()
		if n > uint64(len(b))/8 {
			return errBadSig
		}
		*set = make([]uint64, 0, n)
		for i := uint64(0); i < n; i++ {
			*set = append(*set, r.u64())
		}
	}
	if r.err {
		return errBadSig
	}
	return nil
}

type reader struct {
	b   []byte
	err bool
}

func (r *reader) uvarint() uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.err = true
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) varint() int64 {
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.err = true
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) u32() uint32 {
	if len(r.b) < 4 {
		r.err = true
		return 0
	}
	v := binary.LittleEndian.Uint32(r.b)
	r.b = r.b[4:]
	return v
}

func (r *reader) u64() uint64 {
	if len(r.b) < 8 {
		r.err = true
		return 0
	}
	v := binary.LittleEndian.Uint64(r.b)
	r.b = r.b[8:]
	return v
}
