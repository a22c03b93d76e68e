package store_test

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/sitrep-news/sitrep/store"
	"github.com/sitrep-news/sitrep/store/storetest"
)

// BenchmarkPrune10kOf100k prunes the oldest 10,000 of 100,000 seeded
// articles (storetest.Seed: one article every 3 minutes, 1 in 200 starred,
// 1 in 10 analysed). Each iteration works on a fresh copy of a database
// seeded once; the copy is not timed.
//
//	go test ./store -run '^$' -bench Prune -benchtime 3x
func BenchmarkPrune10kOf100k(b *testing.B) {
	const total, prune = 100_000, 10_000
	ctx := context.Background()
	dir := b.TempDir()
	tmpl := filepath.Join(dir, "template.db")
	s, err := store.Open(tmpl)
	if err != nil {
		b.Fatal(err)
	}
	if err := storetest.Seed(ctx, s, 20, total/20); err != nil {
		b.Fatal(err)
	}
	var oldest time.Time
	if err := s.Close(); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	deleted := 0
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		path := filepath.Join(dir, "run.db")
		for _, sfx := range []string{"", "-wal", "-shm"} {
			os.Remove(path + sfx)
		}
		if err := copyFile(tmpl, path); err != nil {
			b.Fatal(err)
		}
		s, err := store.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		if oldest.IsZero() {
			rows, err := s.List(ctx, store.Query{Limit: 1, Offset: total - prune, IncludeArchived: true})
			if err != nil || len(rows) != 1 {
				b.Fatalf("find cutoff: %v (%d rows)", err, len(rows))
			}
			oldest = rows[0].Published.Add(time.Microsecond)
		}
		b.StartTimer()
		n, err := s.Prune(ctx, oldest)
		b.StopTimer()
		if err != nil {
			b.Fatal(err)
		}
		deleted = n
		s.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(deleted), "deleted/op")
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
