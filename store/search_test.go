package store

import (
	"context"
	"slices"
	"testing"
)

func TestFTSQuery(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", ""},
		{"   ", ""},
		{"iran", `"iran"`},
		{"iran talks", `"iran" AND "talks"`},
		{"durand*", `"durand"*`},
		{"d*", ""},
		{"iran d*", `"iran"`},
		{"du*", `"du"*`},
		{"日*", `"日"*`},
		{`"peace t"*`, `"peace t"*`},
		{"d* OR iran", `"iran"`},
		{`"peace talks"`, `"peace talks"`},
		{`"peace tal"*`, `"peace tal"*`},
		{`"unterminated phrase`, `"unterminated phrase"`},
		{"iran -opinion", `("iran") NOT "opinion"`},
		{"-opinion", ""},
		{"iran OR iraq talks", `("iran" OR "iraq") AND "talks"`},
		{"OR iran", `"iran"`},
		{"iran or iraq", `"iran" AND "or" AND "iraq"`},
		{`say "hi`, `"say" AND "hi"`},
		{`a"b`, `"a b"`},
		{`"`, ""},
		{`""`, ""},
		{"*", ""},
		{"-", ""},
		{"- -- ---", ""},
		{"title:iran", `"title:iran"`},
		{"NEAR(a b)", `"NEAR(a" AND "b)"`},
		{"^start", `"^start"`},
		{"(x) AND y NOT z", `"(x)" AND "AND" AND "y" AND "NOT" AND "z"`},
		{"Erdoğan", `"Erdoğan"`},
		{"Ердоган*", `"Ердоган"*`},
		{"co-operation", `"co-operation"`},
	} {
		if got := FTSQuery(c.in); got != c.want {
			t.Errorf("FTSQuery(%q) = %s, want %s", c.in, got, c.want)
		}
	}
}

func searchFixture(t testing.TB) (*Store, map[string]int64) {
	s := openTemp(t)
	f := addFeed(t, s, "https://x.example/feed", "X", "")
	docs := []Item{
		{GUID: "durand", Title: "Durand line tensions rise", Text: "Clashes near the Durand Line between the two armies."},
		{GUID: "durandal", Title: "A sword", Text: "Durandal is a legendary sword."},
		{GUID: "erdogan", Title: "Erdoğan meets envoy", Text: "President Erdoğan met the UN envoy in Ankara."},
		{GUID: "talks", Title: "Peace talks resume", Text: "Negotiators said the peace talks will resume in Doha."},
		{GUID: "opinion", Title: "Opinion: talks are theatre", Text: "The talks are theatre, writes our columnist."},
		{GUID: "russian", Title: "Переговоры возобновились", Text: "Стороны согласились продолжить переговоры."},
		{GUID: "co-op", Title: "Regional co-operation", Text: "Co-operation agreements were signed."},
		{GUID: "quote", Title: `He said "no"`, Text: `The minister said "no deal" and left.`},
		{GUID: "japanese", Title: "会談", Text: "東京で会談が再開された。"},
	}
	r := save(t, s, f, docs...)
	ids := map[string]int64{}
	for i, id := range r.NewIDs {
		ids[docs[i].GUID] = id
	}
	return s, ids
}

func TestSearch(t *testing.T) {
	s, ids := searchFixture(t)
	ctx := context.Background()
	for _, c := range []struct {
		search string
		want   []string
	}{
		{"durand", []string{"durand"}},
		{"durand*", []string{"durand", "durandal"}},
		{"DURAND", []string{"durand"}},
		{"Erdoğan", []string{"erdogan"}},
		{"erdogan", []string{"erdogan"}}, // diacritics folded
		{"ERDOG*", []string{"erdogan"}},
		{`"peace talks"`, []string{"talks"}},
		{`"talks peace"`, nil},
		{"talks", []string{"talks", "opinion"}},
		{"talks -opinion", []string{"talks"}},
		{"theatre OR doha", []string{"talks", "opinion"}},
		{"переговоры", []string{"russian"}},
		{"Перегов*", []string{"russian"}},
		{"co-operation", []string{"co-op"}},
		{`"no deal"`, []string{"quote"}},
		{`said "no`, []string{"quote"}},
		{"envoy ankara", []string{"erdogan"}}, // title and text both searched
		{"nothing-matches-this", nil},
		{"東京*", []string{"japanese"}},
		{"会談", []string{"japanese"}}, // the whole title run
	} {
		rows, err := s.List(ctx, Query{Search: c.search})
		if err != nil {
			t.Errorf("List(Search %q): %v", c.search, err)
			continue
		}
		var got, want []int64
		for _, r := range rows {
			got = append(got, r.ID)
		}
		for _, g := range c.want {
			want = append(want, ids[g])
		}
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("Search %q = %v, want %v (%v)", c.search, got, want, c.want)
		}
	}
}

// Whatever the user types, search never errors.
func TestSearchOddInputNeverErrors(t *testing.T) {
	s, _ := searchFixture(t)
	for _, in := range []string{
		`"`, `""`, `"""`, `*`, `**`, `-`, `--`, `-"`, `"-"`, `a*b*`, `*a`, `(`, `)`, `()`, `a AND`, `AND`, `OR`, `NOT`,
		`NEAR`, `NEAR(`, `{a b}: c`, `title:`, `:`, `^`, `+`, `a + b`, `'`, `\`, "\x00", "\u200b", "\u202e", "\xff\xfe",
		"🙂", "日本語", "a\tb\nc", `col:"x`, `"a" "b`, `- a`, `a -`, `-a -b`, `OR OR OR`, `a OR`, `OR -a`,
	} {
		if _, err := s.List(context.Background(), Query{Search: in}); err != nil {
			t.Errorf("List(Search %q): %v", in, err)
		}
		if _, err := s.Count(context.Background(), Query{Search: in}); err != nil {
			t.Errorf("Count(Search %q): %v", in, err)
		}
	}
}

func FuzzSearch(f *testing.F) {
	for _, seed := range []string{"iran talks", `"peace talks"`, "durand*", "-x", `a"b`, "OR", "Erdoğan", "\xff"} {
		f.Add(seed)
	}
	s, _ := searchFixture(f)
	f.Fuzz(func(t *testing.T, in string) {
		if _, err := s.Count(context.Background(), Query{Search: in}); err != nil {
			t.Fatalf("Count(Search %q) [%s]: %v", in, FTSQuery(in), err)
		}
	})
}
