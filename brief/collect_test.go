package brief

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-news/sitrep/store"
	"github.com/sitrep-news/sitrep/summarize"
)

// fakeReader serves articles from memory and fails where told to.
type fakeReader struct {
	arts                      []store.Article
	cache                     map[string][]byte // hash -> cached analysis JSON
	listErr, artErr, cacheErr error
	query                     store.Query // the last List query
}

func (f *fakeReader) List(_ context.Context, q store.Query) ([]store.Row, error) {
	f.query = q
	var rows []store.Row
	for _, a := range f.arts {
		rows = append(rows, store.Row{ID: a.ID, Published: a.Published})
	}
	return rows, f.listErr
}

func (f *fakeReader) Article(_ context.Context, id int64) (store.Article, error) {
	for _, a := range f.arts {
		if a.ID == id {
			return a, f.artErr
		}
	}
	return store.Article{}, errors.New("no such article")
}

func (f *fakeReader) Analysis(_ context.Context, hash, version string) ([]byte, bool, error) {
	if version != summarize.Version {
		return nil, false, nil
	}
	b, ok := f.cache[hash]
	return b, ok, f.cacheErr
}

func collectFixture() *fakeReader {
	text := "Pakistani and Afghan negotiators failed to reach a deal in Istanbul on Friday, Turkey's foreign ministry said. The ceasefire is holding."
	return &fakeReader{arts: []store.Article{
		{ID: 2, FeedTitle: "Tolo", Title: "Istanbul talks fail", Text: text, Hash: "h2", Published: now.Add(-time.Hour)},
		{ID: 1, FeedTitle: "Dawn", Title: "Istanbul talks collapse", Text: text, Hash: "h1", Published: now.Add(-2 * time.Hour)},
	}}
}

func TestCollectClustersAndReadsTheWholePeriod(t *testing.T) {
	st := collectFixture()
	b, err := Collect(context.Background(), st, store.Query{Limit: 5, Offset: 10, Stories: true}, "t", now)
	if err != nil {
		t.Fatal(err)
	}
	if st.query.Limit != 0 || st.query.Offset != 0 || st.query.Stories {
		t.Errorf("Collect must list every article of the period, asked %+v", st.query)
	}
	if len(b.Stories) != 1 || len(b.Stories[0].Sources) != 2 || b.Stories[0].Title != "Istanbul talks collapse" {
		t.Fatalf("the same text from two feeds must be one story, oldest title first: %+v", b.Stories)
	}
}

func TestCollectUsesCacheAndFallsBackOnBadJSON(t *testing.T) {
	st := collectFixture()
	cached, _ := json.Marshal(summarize.Analysis{Schema: 1, Title: "from cache", Facts: []summarize.Fact{{Kind: "mediator", Value: "Qatar"}}})
	st.cache = map[string][]byte{"h1": cached, "h2": []byte("{not json")}
	b, err := Collect(context.Background(), st, store.Query{}, "t", now)
	if err != nil {
		t.Fatal(err)
	}
	titles := map[string]bool{}
	for _, r := range b.Stories {
		for _, s := range r.Sources {
			titles[s.Analysis.Title] = true
		}
	}
	if !titles["from cache"] || !titles["Istanbul talks fail"] {
		t.Errorf("want the cached analysis for h1 and a fresh one for the corrupt h2, got titles %v", titles)
	}
}

func TestCollectErrors(t *testing.T) {
	boom := errors.New("disk on fire")
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	for _, c := range []struct {
		name string
		ctx  context.Context
		set  func(*fakeReader)
		want string
	}{
		{"list", context.Background(), func(f *fakeReader) { f.listErr = boom }, "brief: list articles: disk on fire"},
		{"article", context.Background(), func(f *fakeReader) { f.artErr = boom }, "brief: article 1: disk on fire"},
		{"analysis", context.Background(), func(f *fakeReader) { f.cacheErr = boom }, "brief: analysis of article 1: disk on fire"},
		{"cancelled", cancelled, func(*fakeReader) {}, context.Canceled.Error()},
	} {
		t.Run(c.name, func(t *testing.T) {
			st := collectFixture()
			c.set(st)
			_, err := Collect(c.ctx, st, store.Query{}, "t", now)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("got %v, want %q", err, c.want)
			}
			if c.name != "cancelled" && !errors.Is(err, boom) {
				t.Errorf("%v must wrap the store error", err)
			}
		})
	}
}
