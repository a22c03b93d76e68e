package config

import (
	"bytes"
	"fmt"
	"testing"
)

func BenchmarkParseDefault(b *testing.B) {
	b.SetBytes(int64(len(DefaultYAML)))
	for b.Loop() {
		if _, err := Parse(DefaultYAML, "d"); err != nil {
			b.Fatal(err)
		}
	}
}

// A large subscription list: 5,000 feeds in 50 folders.
func bigOPML() []byte {
	feeds := make([]Feed, 5000)
	for i := range feeds {
		feeds[i] = Feed{URL: fmt.Sprintf("https://site%d.example/feed.xml", i), Title: fmt.Sprintf("Site %d news", i), Folder: fmt.Sprintf("Region %d/Sub", i%50), Tags: []string{"a", "b"}}
	}
	var buf bytes.Buffer
	ExportOPML(&buf, feeds)
	return buf.Bytes()
}

func BenchmarkImportOPML5000(b *testing.B) {
	data := bigOPML()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		feeds, _, err := ImportOPML(bytes.NewReader(data))
		if err != nil || len(feeds) != 5000 {
			b.Fatal(err, len(feeds))
		}
	}
}
