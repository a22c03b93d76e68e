package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

// listFixture: two folders, three feeds, 30 articles, some state and badges.
type listFixture struct {
	s                 *Store
	world, asia, wire int64
	ids               map[string]int64 // guid -> id
}

func newListFixture(t *testing.T) listFixture {
	t.Helper()
	ctx := context.Background()
	s := openTemp(t)
	fx := listFixture{s: s, ids: map[string]int64{}}
	fx.world = addFeed(t, s, "https://world.example/feed", "World Desk", "World")
	fx.asia = addFeed(t, s, "https://asia.example/feed", "Asia Desk", "Asia")
	fx.wire = addFeed(t, s, "https://wire.example/feed", "", "World")
	for i, f := range []int64{fx.world, fx.asia, fx.wire} {
		var items []Item
		for n := 0; n < 10; n++ {
			it := item(i*10 + n)
			items = append(items, it)
		}
		r := save(t, s, f, items...)
		for n, id := range r.NewIDs {
			fx.ids[items[n].GUID] = id
		}
	}
	// state: 0-4 read, 5 and 15 starred, 9 and 19 archived
	var read []int64
	for n := 0; n < 5; n++ {
		read = append(read, fx.ids[fmt.Sprintf("guid-%d", n)])
	}
	must(t, s.SetRead(ctx, read, true))
	must(t, s.SetStarred(ctx, fx.ids["guid-5"], true))
	must(t, s.SetStarred(ctx, fx.ids["guid-15"], true))
	must(t, s.SetArchived(ctx, fx.ids["guid-9"], true))
	must(t, s.SetArchived(ctx, fx.ids["guid-19"], true))
	must(t, s.PutAnalysis(ctx, fx.ids["guid-3"], "h3", "v1", []byte(`{}`), []string{"ceasefire:holding", "mediator:Turkey"}))
	must(t, s.PutAnalysis(ctx, fx.ids["guid-13"], "h13", "v1", []byte(`{}`), []string{"ceasefire:collapsed"}))
	must(t, s.PutAnalysis(ctx, fx.ids["guid-23"], "h23", "v1", []byte(`{}`), []string{"ceasefire"}))
	must(t, s.PutAnalysis(ctx, fx.ids["guid-24"], "h24", "v1", []byte(`{}`), []string{"ceasefires:x"}))
	return fx
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// guids lists the guid numbers of rows, via their titles ("Article N").
func nums(rows []Row) []int {
	var out []int
	for _, r := range rows {
		var n int
		fmt.Sscanf(r.Title, "Article %d", &n)
		out = append(out, n)
	}
	return out
}

func seq(from, to int, skip ...int) []int { // descending from..to
	var out []int
	for n := from; n >= to; n-- {
		if !slices.Contains(skip, n) {
			out = append(out, n)
		}
	}
	return out
}

func TestListFilters(t *testing.T) {
	fx := newListFixture(t)
	ctx := context.Background()
	since := t0.Add(25 * time.Minute)
	for _, c := range []struct {
		name string
		q    Query
		want []int
	}{
		{"default: all but archived, newest first", Query{}, seq(29, 0, 19, 9)},
		{"include archived", Query{IncludeArchived: true}, seq(29, 0)},
		{"feed", Query{FeedID: fx.asia}, seq(19, 10, 19)},
		{"folder", Query{Folder: "World"}, append(seq(29, 20), seq(8, 0)...)},
		{"unread", Query{UnreadOnly: true}, seq(29, 5, 19, 9)},
		{"starred", Query{StarredOnly: true}, []int{15, 5}},
		{"since", Query{Since: since}, seq(29, 25)},
		{"fact kind:state", Query{Fact: "ceasefire:holding"}, []int{3}},
		{"fact kind matches bare kind and every state, not a longer kind", Query{Fact: "ceasefire"}, []int{23, 13, 3}},
		{"fact other", Query{Fact: "mediator:Turkey"}, []int{3}},
		{"fact none", Query{Fact: "casualties"}, nil},
		{"search", Query{Search: "article 7"}, []int{7}},
		{"combined", Query{Folder: "World", UnreadOnly: true, Since: t0.Add(3 * time.Minute)}, append(seq(29, 20), seq(8, 5)...)},
		{"limit", Query{Limit: 3}, []int{29, 28, 27}},
		{"limit offset", Query{Limit: 3, Offset: 3}, []int{26, 25, 24}},
		{"offset only", Query{Offset: 26}, []int{1, 0}},
		{"offset past end", Query{Limit: 5, Offset: 100}, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			rows, err := fx.s.List(ctx, c.q)
			if err != nil {
				t.Fatal(err)
			}
			if got := nums(rows); !slices.Equal(got, c.want) {
				t.Errorf("List = %v, want %v", got, c.want)
			}
			n, err := fx.s.Count(ctx, c.q)
			if err != nil {
				t.Fatal(err)
			}
			unpaged := c.q
			unpaged.Limit, unpaged.Offset = 0, 0
			all, _ := fx.s.List(ctx, unpaged)
			if n != len(all) {
				t.Errorf("Count = %d, unpaged List has %d", n, len(all))
			}
		})
	}
}

func TestListRowFields(t *testing.T) {
	fx := newListFixture(t)
	rows, err := fx.s.List(context.Background(), Query{IncludeArchived: true})
	if err != nil {
		t.Fatal(err)
	}
	byNum := map[int]Row{}
	for i, r := range rows {
		byNum[nums(rows)[i]] = r
	}
	r3 := byNum[3]
	if !slices.Equal(r3.Badges, []string{"ceasefire:holding", "mediator:Turkey"}) {
		t.Errorf("badges keep the analyser's order: %v", r3.Badges)
	}
	if !r3.Read || r3.Starred || r3.FeedTitle != "World Desk" || r3.FeedID != fx.world || r3.URL != item(3).URL {
		t.Errorf("row 3: %+v", r3)
	}
	if !byNum[5].Starred || !byNum[9].Archived || byNum[10].Read {
		t.Errorf("state columns wrong: %+v %+v %+v", byNum[5], byNum[9], byNum[10])
	}
	if byNum[25].FeedTitle != "https://wire.example/feed" {
		t.Errorf("untitled feed shows %q, want its URL", byNum[25].FeedTitle)
	}
	if !byNum[12].Published.Equal(item(12).Published) {
		t.Errorf("published %v", byNum[12].Published)
	}
}

func TestListPagingIsStable(t *testing.T) {
	// Equal published times are ordered by id, so pages neither repeat nor skip.
	s := openTemp(t)
	f := addFeed(t, s, "https://x.example/feed", "X", "")
	var items []Item
	for n := 0; n < 25; n++ {
		it := item(n)
		it.Published = t0
		items = append(items, it)
	}
	save(t, s, f, items...)
	seen := map[int64]bool{}
	for off := 0; off < 25; off += 7 {
		rows, err := s.List(context.Background(), Query{Limit: 7, Offset: off})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			if seen[r.ID] {
				t.Fatalf("id %d on two pages", r.ID)
			}
			seen[r.ID] = true
		}
	}
	if len(seen) != 25 {
		t.Fatalf("paged through %d of 25", len(seen))
	}
}

func TestFeedsCounts(t *testing.T) {
	fx := newListFixture(t)
	feeds, err := fx.s.Feeds(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	type c struct {
		title         string
		unread, total int
	}
	var got []c
	for _, f := range feeds {
		got = append(got, c{f.Title, f.Unread, f.Total})
	}
	// Ordered by folder (Asia, World) then title; archived articles are not counted.
	want := []c{{"Asia Desk", 9, 9}, {"https://wire.example/feed", 10, 10}, {"World Desk", 4, 9}}
	if !slices.Equal(got, want) {
		t.Errorf("Feeds = %+v, want %+v", got, want)
	}
	f, err := fx.s.Feed(context.Background(), fx.world)
	if err != nil || f.Unread != 4 || f.Total != 9 || f.Folder != "World" {
		t.Errorf("Feed = %+v, %v", f, err)
	}
}

func TestArticleNotFound(t *testing.T) {
	s := openTemp(t)
	if _, err := s.Article(context.Background(), 99); !errorsIs(err, ErrNotFound) {
		t.Errorf("Article(99) = %v", err)
	}
	if _, err := s.Feed(context.Background(), 99); !errorsIs(err, ErrNotFound) {
		t.Errorf("Feed(99) = %v", err)
	}
}

// Both ways of applying search and fact filters (driven by the matches, or
// walking the list index) give the same pages, and List picks the walk for
// a filter matching most articles.
func TestListPlansAgree(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	f := addFeed(t, s, "https://x.example/feed", "X", "")
	var items []Item
	for n := 0; n < 400; n++ {
		it := item(n)
		if n%3 != 0 {
			it.Text += " common"
		}
		if n%47 == 0 {
			it.Text += " rare"
		}
		items = append(items, it)
	}
	ids := save(t, s, f, items...).NewIDs
	var entries []AnalysisEntry
	for n, id := range ids {
		b := []string{"talks:resumed"}
		if n%25 == 0 {
			b = append(b, "ceasefire:holding")
		}
		entries = append(entries, AnalysisEntry{ArticleID: id, Hash: "h" + fmt.Sprint(n), Version: "v", Badges: b})
	}
	must(t, s.PutAnalyses(ctx, entries))
	var read []int64
	for n, id := range ids {
		if n%4 == 0 {
			read = append(read, id)
		}
	}
	must(t, s.SetRead(ctx, read, true))

	for _, q := range []Query{
		{Search: "common", Limit: 20},
		{Search: "common", Limit: 20, Offset: 200},
		{Search: "common", Limit: 20, UnreadOnly: true, Offset: 100},
		{Search: "rare", Limit: 5},
		{Fact: "talks", Limit: 30, Offset: 10},
		{Fact: "talks:resumed", Limit: 30, Offset: 350},
		{Fact: "ceasefire", Limit: 10},
		{Fact: "talks", Search: "common", Limit: 25, Offset: 40},
		{Fact: "talks", Search: "common", Limit: 25, Folder: "", FeedID: f},
	} {
		var want []int64
		for i, p := range []plan{{}, {searchScan: true, factScan: true}, {searchScan: true}, {factScan: true}} {
			rows, err := s.list(ctx, q, p)
			must(t, err)
			var got []int64
			for _, r := range rows {
				got = append(got, r.ID)
			}
			if i == 0 {
				want = got
				if len(want) == 0 {
					t.Fatalf("%+v: no rows", q)
				}
			} else if !slices.Equal(got, want) {
				t.Errorf("%+v with plan %+v: %v, want %v", q, p, got, want)
			}
		}
		rows, err := s.List(ctx, q)
		must(t, err)
		if len(rows) != len(want) || rows[0].ID != want[0] {
			t.Errorf("List(%+v) differs from both plans", q)
		}
		var counts []int
		for _, p := range []plan{{}, {searchScan: true, factScan: true}} {
			w, args := wherePlan(q, p)
			var n int
			must(t, s.r.QueryRow(`SELECT count(*) FROM articles a`+w, args...).Scan(&n))
			counts = append(counts, n)
		}
		n, err := s.Count(ctx, q)
		must(t, err)
		if counts[0] != counts[1] || n != counts[0] {
			t.Errorf("Count(%+v) = %d, plans count %v", q, n, counts)
		}
	}
	p, err := s.listPlan(ctx, Query{Search: "common", Fact: "talks", Limit: 20})
	must(t, err)
	if !p.searchScan || !p.factScan {
		t.Errorf("common word and badge should walk the index: %+v", p)
	}
	p, err = s.listPlan(ctx, Query{Search: "rare", Fact: "ceasefire", Limit: 20})
	must(t, err)
	if p.searchScan || p.factScan {
		t.Errorf("rare word and badge should drive the query: %+v", p)
	}
}

// Count with Stories counts what List with Stories lists, whatever the filters.
func TestCountStoriesMatchesList(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	a := addFeed(t, s, "https://a.example/feed", "A", "World")
	b := addFeed(t, s, "https://b.example/feed", "B", "Asia")
	var ids []int64
	for i, f := range []int64{a, b} {
		var items []Item
		for n := 0; n < 60; n++ {
			it := item(i*100 + n)
			if n%2 == 0 {
				it.Text += " ceasefire"
			}
			items = append(items, it)
		}
		ids = append(ids, save(t, s, f, items...).NewIDs...)
	}
	rng := rand.New(rand.NewPCG(5, 6))
	for st := int64(1); st <= 15; st++ {
		_, err := s.w.Exec(`INSERT INTO stories(id, title) VALUES (?, 's')`, st)
		must(t, err)
	}
	for _, id := range ids {
		if rng.IntN(3) > 0 {
			_, err := s.w.Exec(`UPDATE articles SET story_id = ? WHERE id = ?`, 1+rng.IntN(15), id)
			must(t, err)
		}
	}
	var read []int64
	for _, id := range ids {
		if rng.IntN(2) == 0 {
			read = append(read, id)
		}
	}
	must(t, s.SetRead(ctx, read, true))
	must(t, s.SetArchived(ctx, ids[3], true))
	for _, q := range []Query{
		{Stories: true},
		{Stories: true, UnreadOnly: true},
		{Stories: true, FeedID: b},
		{Stories: true, Folder: "World", UnreadOnly: true},
		{Stories: true, Search: "ceasefire"},
		{Stories: true, IncludeArchived: true, Since: t0.Add(30 * time.Minute)},
	} {
		rows, err := s.List(ctx, q)
		must(t, err)
		n, err := s.Count(ctx, q)
		must(t, err)
		if n != len(rows) {
			t.Errorf("%+v: Count %d, List %d rows", q, n, len(rows))
		}
	}
}
