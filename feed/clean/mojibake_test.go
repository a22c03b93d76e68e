package clean

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

const sharedDir = "../../../shared"

// ftfyCase is one of python-ftfy's test cases (../shared/corpora/ftfy-dev.json).
type ftfyCase struct {
	Label    string `json:"label"`
	Original string `json:"original"`
	Fixed    string `json:"fixed-encoding"`
	Expect   string `json:"expect"` // "fail": a known failure of ftfy itself
}

func loadFtfy(t testing.TB) []ftfyCase {
	t.Helper()
	path := filepath.Join(sharedDir, "corpora", "ftfy-dev.json")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("ftfy corpus absent (%v): skipping the mojibake measurement", err)
	}
	var doc struct {
		Cases []ftfyCase `json:"cases"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if len(doc.Cases) == 0 {
		t.Fatalf("%s: no cases", path)
	}
	return doc.Cases
}

// TestRepairFtfyCorpus measures Repair on ftfy's own cases. Floors: the rates
// measured when this was written; raise them when Repair improves, never lower.
func TestRepairFtfyCorpus(t *testing.T) {
	const (
		minPositiveRate = 0.953 // share of positive cases fixed exactly
		maxNegativeFail = 0     // negatives must all come out unchanged
	)
	cases := loadFtfy(t)
	var pos, posOK, neg, negFail, known, knownOK int
	for _, c := range cases {
		got := Repair(c.Original)
		switch {
		case c.Fixed == c.Original:
			neg++
			if got != c.Original {
				negFail++
				t.Errorf("negative %q changed:\n in  %q\n out %q", c.Label, c.Original, got)
			}
		default:
			pos++
			if c.Expect == "fail" {
				known++
			}
			if got == c.Fixed {
				posOK++
				if c.Expect == "fail" {
					knownOK++
				}
			} else {
				t.Logf("positive not fixed (%s) %q:\n in   %q\n out  %q\n want %q", c.Expect, c.Label, c.Original, got, c.Fixed)
			}
		}
	}
	rate := float64(posOK) / float64(pos)
	t.Logf("ftfy-dev: positives fixed %d/%d (%.1f%%; %d of them ftfy's own known failures, %d fixed), negatives unchanged %d/%d",
		posOK, pos, 100*rate, known, knownOK, neg-negFail, neg)
	if rate < minPositiveRate {
		t.Errorf("positive rate %.3f below floor %.3f", rate, minPositiveRate)
	}
	if negFail > maxNegativeFail {
		t.Errorf("%d negatives changed", negFail)
	}
}

func TestRepairTable(t *testing.T) {
	cases := []struct{ in, want string }{
		{"", ""},
		{"plain ASCII stays", "plain ASCII stays"},
		{"Recep Tayyip ErdoÄŸan said “no”.", "Recep Tayyip Erdoğan said “no”."},
		{"“Quotes” stay — and so do dashes…", "“Quotes” stay — and so do dashes…"},
		{"cafÃ© and naÃ¯ve", "café and naïve"},
		{"The Mona Lisa doesnÃƒÂ¢Ã¢â€šÂ¬Ã¢â€žÂ¢t have eyebrows.", "The Mona Lisa doesn’t have eyebrows."},
		{"Ø±Ø³Ø§Ù„Ø©", "رسالة"},
		{"عيد سعيد", "عيد سعيد"},
		{"Zürich, São Paulo, Kraków", "Zürich, São Paulo, Kraków"},
		{"PoznaÅ„ and ÅšwiÄ™tokrzyskie", "Poznań and Świętokrzyskie"},
	}
	for _, c := range cases {
		if got := Repair(c.in); got != c.want {
			t.Errorf("Repair(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestRepairSynthetic: sentences in 24 languages and scripts turned into
// mojibake with Python's codecs (windows-1252, Latin-1, windows-1251,
// windows-1250, MacRoman, and windows-1252 twice), plus correct text in
// many scripts that must stay unchanged (testdata/mojibake-synthetic.json).
func TestRepairSynthetic(t *testing.T) {
	const minFixed = 137 // of 144, measured when written; raise, never lower
	data, err := os.ReadFile(filepath.Join("testdata", "mojibake-synthetic.json"))
	if err != nil {
		t.Fatal(err)
	}
	var d struct {
		Positives []struct{ Enc, In, Want string }
		Negatives []string
	}
	if err := json.Unmarshal(data, &d); err != nil {
		t.Fatal(err)
	}
	fixed := 0
	byEnc := map[string][2]int{}
	for _, c := range d.Positives {
		n := byEnc[c.Enc]
		n[1]++
		if Repair(c.In) == c.Want {
			fixed++
			n[0]++
		}
		byEnc[c.Enc] = n
	}
	t.Logf("synthetic: fixed %d/%d; by encoding (fixed, total): %v", fixed, len(d.Positives), byEnc)
	if fixed < minFixed {
		t.Errorf("fixed %d, floor %d", fixed, minFixed)
	}
	for _, n := range d.Negatives {
		if got := Repair(n); got != n {
			t.Errorf("correct text changed: %q -> %q", n, got)
		}
	}
}
