// Command seed fills a sitrep database with synthetic articles for the
// reader's benchmarks (bench/ui/run.sh): go run ./bench/ui/seed -db x.db
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/sitrep-news/sitrep/store"
	"github.com/sitrep-news/sitrep/store/storetest"
)

func main() {
	db := flag.String("db", "", "database to create or extend")
	feeds := flag.Int("feeds", 20, "feeds")
	per := flag.Int("per", 5000, "articles per feed")
	config := flag.String("config", "", "also write a config listing the seeded feeds here")
	flag.Parse()
	if *db == "" {
		fmt.Fprintln(os.Stderr, "seed: -db is required")
		os.Exit(2)
	}
	start := time.Now()
	st, err := store.Open(*db)
	if err == nil {
		err = storetest.Seed(context.Background(), st, *feeds, *per)
		if cerr := st.Close(); err == nil {
			err = cerr
		}
	}
	if err == nil && *config != "" {
		// The reader mirrors the config's feed list into the store, so the
		// config must list the seeded feeds or they would be removed.
		cfg := "feeds:\n"
		for i := 0; i < *feeds; i++ {
			cfg += fmt.Sprintf("  - url: %s\n    title: Seed Desk %d\n    folder: %s\n", storetest.FeedURL(i), i, storetest.Folders[i%len(storetest.Folders)])
		}
		err = os.WriteFile(*config, []byte(cfg), 0o600)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "seed:", err)
		os.Exit(1)
	}
	fmt.Printf("seeded %d articles in %s\n", *feeds**per, time.Since(start).Round(time.Millisecond))
}
