package summarize

import (
	"encoding/json"
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzAnalyze checks that Analyze never panics, that every offset is
// valid and slices the text to the reported quote or evidence, that all
// strings are valid UTF-8 and that the result survives a JSON round trip.
// Run longer with: go test ./summarize -run '^$' -fuzz FuzzAnalyze -fuzztime 60s
func FuzzAnalyze(f *testing.F) {
	for _, c := range eventCases {
		f.Add(c.text, int64(0))
	}
	for _, c := range factCases {
		f.Add(c.text, datePub.Unix())
	}
	f.Add("“Quote ”\n\nsaid X. \"unterminated", int64(1))
	f.Add("on Monday in May 31 February 2025 \x00\x1b[31m", int64(-1))
	f.Add("Talks between \xff\xfe and ’s collapsed; no", int64(1e9))
	f.Fuzz(func(t *testing.T, text string, pub int64) {
		var published time.Time
		if pub != 0 {
			published = time.Unix(pub%(1<<40), 0).UTC()
		}
		a := Analyze(Input{Title: text[:len(text)/3], Text: text, Published: published})
		checkAnalysis(t, a)
	})
}

func checkAnalysis(t *testing.T, a Analysis) {
	t.Helper()
	n := len(a.Text)
	if !utf8.ValidString(a.Text) || !utf8.ValidString(a.Title) {
		t.Fatalf("invalid UTF-8 in text or title")
	}
	for _, f := range a.Facts {
		e := f.Evidence
		if e.Start < 0 || e.End > n || e.Start > e.End {
			t.Fatalf("fact %+v: evidence out of range (len %d)", f, n)
		}
		if a.Text[e.Start:e.End] != e.Text {
			t.Fatalf("fact %+v: evidence text does not match its span", f)
		}
		if !utf8.ValidString(f.Value) {
			t.Fatalf("fact value not UTF-8: %q", f.Value)
		}
	}
	for _, q := range a.Quotes {
		if q.Start < 0 || q.End > n || q.Start > q.End {
			t.Fatalf("quote %+v out of range (len %d)", q, n)
		}
		if a.Text[q.Start:q.End] != q.Text {
			t.Fatalf("quote %+v: text does not match its span", q)
		}
	}
	for _, e := range a.Events {
		if !ploverTypes[e.Type] {
			t.Fatalf("event type %q", e.Type)
		}
	}
	for _, d := range a.Dates {
		if d.Date != "" && len(d.Date) != 7 && len(d.Date) != 10 {
			t.Fatalf("date %+v", d)
		}
	}
	if len(a.Summary) > 3 {
		t.Fatalf("summary has %d sentences", len(a.Summary))
	}
	if a.Facts == nil || a.Quotes == nil || a.Entities == nil || a.Events == nil || a.Dates == nil || a.Summary == nil {
		t.Fatalf("nil slice in analysis (would be null in JSON)")
	}
	b, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	var back Analysis
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if back.Text != a.Text {
		t.Fatalf("text changed in a JSON round trip")
	}
}

func TestAnalyzeEmptyAndJSON(t *testing.T) {
	a := Analyze(Input{})
	b, _ := json.Marshal(a)
	for _, k := range []string{`"summary":[]`, `"facts":[]`, `"quotes":[]`, `"entities":[]`, `"events":[]`, `"dates":[]`} {
		if !json.Valid(b) || !contains(string(b), k) {
			t.Errorf("empty analysis JSON %s lacks %s", b, k)
		}
	}
	// Unsafe input is made safe before any offset is computed.
	a = Analyze(Input{Title: "T\x1b[2J", Text: "Police arrested \x1b]0;x\x07 12 people in Lagos.\xff"})
	checkAnalysis(t, a)
	if contains(a.Text, "\x1b") || contains(a.Title, "\x1b") {
		t.Errorf("escape sequence survived: %q", a.Text)
	}
}

func TestAnalyzeDeterministic(t *testing.T) {
	in, _ := loadSeed(t)
	a, _ := json.Marshal(Analyze(in))
	for i := 0; i < 3; i++ {
		b, _ := json.Marshal(Analyze(in))
		if string(a) != string(b) {
			t.Fatal("Analyze is not deterministic")
		}
	}
}

func contains(s, sub string) bool {
	return len(sub) <= len(s) && (s == sub || len(s) > 0 && indexOf(s, sub) >= 0)
}

func indexOf(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}
