package summarize

import (
	"strings"
	"testing"
)

// TestSeedQuotes checks every "must" quote of seed-article.gold.json with
// its speaker and role.
func TestSeedQuotes(t *testing.T) {
	text := readSeed(t)
	quotes := quotesOf(text)
	for _, q := range quotes {
		t.Logf("%q <- %q (%s) partial=%v", q.Text, q.Speaker, q.Role, q.Partial)
		if text[q.Start:q.End] != q.Text {
			t.Errorf("offsets do not slice the quote %q", q.Text)
		}
	}
	must := []struct{ text, speaker, role string }{
		{"We have not violated the ceasefire and have continued to observe it in good faith", "Zabihullah Mujahid", "spokesperson"},
		{"unwillingness to take concrete steps", "Khawaja Muhammad Asif", "Defence Minister"},
		{"as long as no cross-border attacks are launched from Afghan territory.", "Khawaja Muhammad Asif", ""},
		{"deep disappointment", "Recep Tayyip Erdoğan", ""},
		{"Dialogue is the only path to lasting peace and regional stability", "Erdoğan", ""},
		{"capacity or jurisdiction", "Zabihullah Mujahid", ""},
		{"unrealistic", "Zabihullah Mujahid", ""},
		{"impossible demand", "Kabul", ""},
	}
	for _, m := range must {
		found := false
		for _, q := range quotes {
			if strings.Contains(q.Text, m.text) {
				found = true
				if !strings.Contains(q.Speaker, m.speaker) {
					t.Errorf("quote %q: speaker %q, want %q", m.text, q.Speaker, m.speaker)
				}
				if !strings.Contains(q.Role, m.role) {
					t.Errorf("quote %q: role %q, want it to contain %q", m.text, q.Role, m.role)
				}
			}
		}
		if !found {
			t.Errorf("quote %q not found", m.text)
		}
	}
}

// TestSeedEntities checks the gold entity lists.
func TestSeedEntities(t *testing.T) {
	text := readSeed(t)
	ments, ents := findEntities(text, splitSentences(text))
	have := map[string]string{}
	for _, e := range ents {
		have[e.Text] = e.Type
		t.Logf("%s %s %d", e.Type, e.Text, e.Count)
	}
	for _, m := range ments {
		t.Logf("  %q -> %s/%s role=%q actor=%q", text[m.Start:m.End], m.Name, m.Type, m.Role, m.Actor)
	}
	want := map[string]string{}
	for _, p := range []string{"Zabihullah Mujahid", "Khawaja Muhammad Asif", "Recep Tayyip Erdoğan", "Shehbaz Sharif"} {
		want[p] = "person"
	}
	for _, o := range []string{"Taliban", "Tehrik-i-Taliban Pakistan", "Organization of Islamic Cooperation"} {
		want[o] = "organization"
	}
	for _, p := range []string{"Afghanistan", "Pakistan", "Istanbul", "Baku", "Doha", "Durand Line", "Qatar", "Turkey", "Kabul", "Islamabad"} {
		want[p] = "place"
	}
	for name, typ := range want {
		if have[name] != typ {
			t.Errorf("entity %q: type %q, want %q", name, have[name], typ)
		}
	}
	for name, typ := range have {
		if typ == "person" && want[name] == "" {
			t.Errorf("unexpected person %q", name)
		}
	}
}
