package store

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestAnalysisCache(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	f := addFeed(t, s, "https://x.example/feed", "X", "")
	id := save(t, s, f, item(1)).NewIDs[0]
	a, _ := s.Article(ctx, id)

	if _, ok, err := s.Analysis(ctx, a.Hash, "v1"); ok || err != nil {
		t.Fatalf("empty cache: ok=%v err=%v", ok, err)
	}
	js := []byte(`{"facts":[{"kind":"ceasefire","state":"holding"}]}`)
	must(t, s.PutAnalysis(ctx, id, a.Hash, "v1", js, []string{"ceasefire:holding", " ", "ceasefire:holding", "talks"}))
	got, ok, err := s.Analysis(ctx, a.Hash, "v1")
	if err != nil || !ok || string(got) != string(js) {
		t.Fatalf("round trip: %s %v %v", got, ok, err)
	}
	if _, ok, _ := s.Analysis(ctx, a.Hash, "v2"); ok {
		t.Errorf("another analyser version must miss")
	}
	rows, _ := s.List(ctx, Query{})
	if !slices.Equal(rows[0].Badges, []string{"ceasefire:holding", "talks"}) {
		t.Errorf("badges %v", rows[0].Badges)
	}
	if ids, _ := s.Unanalyzed(ctx, "v1", 10); len(ids) != 0 {
		t.Errorf("Unanalyzed(v1) = %v", ids)
	}
	if ids, _ := s.Unanalyzed(ctx, "v2", 10); len(ids) != 1 {
		t.Errorf("Unanalyzed(v2) = %v", ids)
	}

	// Overwrite: new JSON, badges replaced.
	must(t, s.PutAnalysis(ctx, id, a.Hash, "v1", []byte(`{}`), []string{"mediator:Qatar"}))
	got, _, _ = s.Analysis(ctx, a.Hash, "v1")
	rows, _ = s.List(ctx, Query{})
	if string(got) != `{}` || !slices.Equal(rows[0].Badges, []string{"mediator:Qatar"}) {
		t.Errorf("overwrite: %s %v", got, rows[0].Badges)
	}

	// Cache only (article 0), and unknown article.
	must(t, s.PutAnalysis(ctx, 0, "other", "v1", []byte(`[]`), nil))
	if got, ok, _ := s.Analysis(ctx, "other", "v1"); !ok || string(got) != `[]` {
		t.Errorf("cache-only put: %s %v", got, ok)
	}
	if err := s.PutAnalysis(ctx, 999, "h", "v1", js, nil); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown article: %v", err)
	}
	if _, ok, _ := s.Analysis(ctx, "h", "v1"); ok {
		t.Errorf("failed PutAnalysis cached anyway")
	}
}

// PutAnalyses is all or nothing: one unknown article stores none of the batch.
func TestPutAnalysesAtomic(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	f := addFeed(t, s, "https://x.example/feed", "X", "")
	ids := save(t, s, f, item(1), item(2)).NewIDs
	err := s.PutAnalyses(ctx, []AnalysisEntry{
		{ArticleID: ids[0], Hash: "a", Version: "v", JSON: []byte(`1`), Badges: []string{"talks"}},
		{ArticleID: 999, Hash: "b", Version: "v", JSON: []byte(`2`)},
	})
	if !errors.Is(err, ErrNotFound) {
		t.Fatalf("err = %v", err)
	}
	if _, ok, _ := s.Analysis(ctx, "a", "v"); ok {
		t.Errorf("first entry stored despite the failed batch")
	}
	must(t, s.PutAnalyses(ctx, []AnalysisEntry{
		{ArticleID: ids[0], Hash: "a", Version: "v", JSON: []byte(`1`), Badges: []string{"talks"}},
		{ArticleID: ids[1], Hash: "b", Version: "v", JSON: []byte(`2`), Badges: []string{"casualties"}},
	}))
	if n, _ := s.Count(ctx, Query{Fact: "casualties"}); n != 1 {
		t.Errorf("fact filter after batch: %d", n)
	}
	must(t, s.PutAnalyses(ctx, nil))
}

// SaveAnalyses writes a batch's analyses and stories together or not at all.
func TestSaveAnalysesAllOrNothing(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	f := addFeed(t, s, "https://x.example/feed", "X", "")
	ids := save(t, s, f, item(1), item(2)).NewIDs
	entry := func(id int64) AnalysisEntry {
		a, err := s.Article(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		return AnalysisEntry{ArticleID: id, Hash: a.Hash, Version: "v1", JSON: []byte(`{}`), Badges: []string{"talks"}}
	}
	as := []StoryAssignment{{ArticleID: ids[0], StoryID: -1, Title: "One", Published: t0, Sig: []byte("s")}, {ArticleID: ids[1], StoryID: -1, Published: t0, Sig: []byte("s")}}

	// An unknown article fails the batch: nothing of it is stored.
	bad := append([]AnalysisEntry{entry(ids[0]), entry(ids[1])}, AnalysisEntry{ArticleID: 999, Hash: "h", Version: "v1"})
	if _, err := s.SaveAnalyses(ctx, bad, as); !errors.Is(err, ErrNotFound) {
		t.Fatalf("SaveAnalyses with an unknown article: %v", err)
	}
	if left, _ := s.Unanalyzed(ctx, "v1", 0); len(left) != 2 {
		t.Errorf("a failed batch marked articles analysed: %d left", len(left))
	}
	for _, id := range ids {
		if a, _ := s.Article(ctx, id); a.StoryID != 0 {
			t.Errorf("a failed batch filed article %d into story %d", id, a.StoryID)
		}
	}

	created, err := s.SaveAnalyses(ctx, []AnalysisEntry{entry(ids[0]), entry(ids[1])}, as)
	if err != nil || len(created) != 1 {
		t.Fatalf("SaveAnalyses: %v %v", created, err)
	}
	if left, _ := s.Unanalyzed(ctx, "v1", 0); len(left) != 0 {
		t.Errorf("%d articles left unanalysed", len(left))
	}
	for _, id := range ids {
		if a, _ := s.Article(ctx, id); a.StoryID != created[-1] {
			t.Errorf("article %d in story %d, want %d", id, a.StoryID, created[-1])
		}
	}
}

// Analyses looks many hashes up at once, across its query chunks.
func TestAnalysesLookup(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	var entries []AnalysisEntry
	var hashes []string
	for i := range inChunk + 20 {
		h := ContentHash(string(rune('a'+i%26)) + strings.Repeat("x", i))
		hashes = append(hashes, h)
		if i%3 != 0 {
			entries = append(entries, AnalysisEntry{Hash: h, Version: "v1", JSON: []byte(h[:8])})
		}
	}
	must(t, s.PutAnalyses(ctx, entries))
	must(t, s.PutAnalyses(ctx, []AnalysisEntry{{Hash: hashes[0], Version: "v2", JSON: []byte("other version")}}))
	got, err := s.Analyses(ctx, hashes, "v1")
	if err != nil || len(got) != len(entries) {
		t.Fatalf("Analyses: %d of %d, %v", len(got), len(entries), err)
	}
	for i, h := range hashes {
		data, ok := got[h]
		if ok != (i%3 != 0) || (ok && string(data) != h[:8]) {
			t.Errorf("hash %d: %q %v", i, data, ok)
		}
	}
	if got, err := s.Analyses(ctx, nil, "v1"); err != nil || len(got) != 0 {
		t.Errorf("no hashes: %v %v", got, err)
	}
}
