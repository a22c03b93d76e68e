package ui

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/sitrep-news/sitrep/config"
	"github.com/sitrep-news/sitrep/store"
	"github.com/sitrep-news/sitrep/summarize"
)

// hostile payloads: each escape is followed by a marker word, so the check
// can tell the program's own sequences from ones smuggled in by content.
var hostile = []struct{ name, payload, forged string }{
	{"osc52", "\x1b]52;c;SGVsbG8=\x07CLIPMARK", `\x1b\]52|\x{9d}52`},
	{"osc52-st", "\x1b]52;c;SGVsbG8=\x1b\\CLIPMARK2", `\x1b\]52`},
	{"osc8", "\x1b]8;;http://evil.example/\x07LINKMARK\x1b]8;;\x07", `\x1b\]8;`},
	{"sgr-truecolor", "\x1b[38;2;1;2;3mSGRMARK", `\x1b\[[0-9;]*38;2;1;2;3[0-9;]*m`},
	{"sgr-conceal", "\x1b[8mHIDEMARK", `\x1b\[([0-9;]*;)?8(;[0-9;]*)?m`},
	{"cr", "\rCRMARK", `\rCRMARK`},
	{"clear", "\x1b[2JCLEARMARK", `\x1b\[2JCLEARMARK`},
	{"move", "\x1b[5;5HMOVEMARK", `\x1b\[5;5HMOVEMARK`},
	{"title", "\x1b]0;pwned\x07TITLEMARK", `\x1b\][02];[^\x07]*pwned`},
	{"dcs", "\x1bPqDCS\x1b\\DCSMARK", `\x1bP`},
	{"c1-csi", "\u009b31mCONEMARK", `\x{9b}`},
	{"c1-osc", "\u009d52;c;SGVsbG8=\u009cCONE2MARK", `\x{9d}|\x{9c}`},
	{"bidi", "\u202eBIDIMARK\u202c", `[\x{202a}-\x{202e}]`},
	{"isolate", "\u2066ISOMARK\u2069", `[\x{2066}-\x{2069}]`},
	{"bel", "\x07BELMARK", `\x07BELMARK`},
	{"entity", "&#27;]52;c;SGVsbG8=&#7;ENTMARK", `\x1b\]52`},
}

func hostileText() string {
	var b strings.Builder
	for i, h := range hostile {
		if i%4 == 0 && i > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString("Word " + h.payload + " more ")
	}
	b.WriteString("\n\n“" + hostile[0].payload + " we will not stop " + hostile[3].payload + "” said Evil" + hostile[5].payload + " Person, the hostile spokesperson.")
	return b.String()
}

// checkTerminalBytes fails when the bytes written to the terminal carry any
// escape sequence or control that content smuggled in.
func checkTerminalBytes(t *testing.T, out []byte) {
	t.Helper()
	s := string(out)
	for _, h := range hostile {
		if loc := regexp.MustCompile(h.forged).FindStringIndex(s); loc != nil {
			t.Errorf("%s: forged sequence reached the terminal: %q", h.name, s[max(0, loc[0]-40):min(len(s), loc[1]+40)])
		}
	}
	for _, r := range []rune{0x9b, 0x9d, 0x90, 0x9c, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x200e, 0x200f, 0x061c} {
		if strings.ContainsRune(s, r) {
			t.Errorf("control %U reached the terminal", r)
		}
	}
	// Every OSC the program writes is its own: the window title (sanitised)
	// or a terminal query; never a clipboard write or a hyperlink.
	for _, m := range oscRe.FindAllStringSubmatch(s, -1) {
		switch m[1] {
		case "0", "2":
			if strings.ContainsAny(m[2], "\x1b\x07") || strings.Contains(m[2], "pwned") {
				t.Errorf("window title %q", m[2])
			}
		case "10", "11", "12":
			if m[2] != "?" {
				t.Errorf("colour set OSC %s;%s", m[1], m[2])
			}
		default:
			t.Errorf("unexpected OSC %s;%q", m[1], m[2])
		}
	}
	// Markers prove the hostile content was drawn (sanitised), not dropped.
	for _, w := range []string{"CLIPMARK", "SGRMARK", "CRMARK"} {
		if !strings.Contains(s, w) {
			t.Errorf("marker %s never drawn: the test did not exercise the content", w)
		}
	}
}

var oscRe = regexp.MustCompile("\x1b\\]([0-9]*);([^\x07\x1b]*)(?:\x07|\x1b\\\\)")

// hostileArticles are the hostile feed's items, raw as a broken or malicious
// feed engine might hand them over.
func hostileArticles() []store.Article {
	var title strings.Builder
	for _, h := range hostile[:8] {
		title.WriteString(h.payload + " ")
	}
	text := hostileText()
	return []store.Article{
		{GUID: "1", URL: "https://evil.example/\x1b]8;;x\x07", Title: title.String(), Author: "\x1b]0;pwned\x07Author",
			FeedTitle: "Evil\x1b]52;c;SGVsbG8=\x07Feed\u202e", Text: text, Markdown: text, Published: time.Now().Add(-time.Hour)},
		{GUID: "2", URL: "javascript:alert(1)", Title: strings.Repeat(hostile[8].payload, 3) + " second",
			FeedTitle: "Evil\x1b]52;c;SGVsbG8=\x07Feed\u202e", Text: "plain", Published: time.Now().Add(-2 * time.Hour)},
	}
}

// hostileAnalysis is the engine's analysis plus facts, entities and badges
// whose strings carry payloads.
func hostileAnalysis(a store.Article) (summarize.Analysis, []string) {
	an := summarize.Analyze(summarize.Input{Title: a.Title, Text: a.Text})
	an.Text = a.Text // as if the engine kept the raw text
	q := strings.Index(a.Text, "“")
	if q >= 0 {
		an.Quotes = append(an.Quotes, summarize.Quote{Text: a.Text[q+3 : q+60], Speaker: "Evil" + hostile[5].payload, Role: hostile[3].payload, Start: q + 3, End: q + 60})
	}
	an.Facts = append(an.Facts, summarize.Fact{Kind: "talks\x1b[8m", State: "collapsed\rCRMARK", Value: hostile[2].payload,
		Evidence: summarize.Span{Text: hostile[0].payload}})
	an.Entities = append(an.Entities, summarize.Entity{Text: hostile[12].payload, Type: "person"})
	an.Dates = append(an.Dates, summarize.Date{Text: hostile[4].payload, What: hostile[9].payload})
	an.Summary = append(an.Summary, hostile[6].payload)
	return an, append(an.Badges(), "evil\x1b]52;c;eA==\x07:badge")
}

// driveHostile runs the real program over src and returns every byte written.
func driveHostile(t *testing.T, src Source) []byte {
	cfg := config.Default()
	cfg.UI.Mouse = true
	tm := teatest.NewTestModel(t, New(Options{Source: src, Config: cfg}), teatest.WithInitialTermSize(200, 50),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.TrueColor)))
	var all bytes.Buffer
	// Not teatest.WaitFor: a timeout must still check the bytes written so far.
	wait := func(want string) {
		from := all.Len()
		for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
			_, _ = io.Copy(&all, tm.Output())
			if bytes.Contains(all.Bytes()[from:], []byte(want)) {
				return
			}
		}
		t.Errorf("screen never showed %q", want)
	}
	wait("CLIPMARK")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	wait("KEY FACTS")
	tm.Type("v")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyTab})
	tm.Type("jjjj")
	tm.Type("?")
	wait("Keys")
	tm.Type("?")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEscape})
	tm.Type("jf")
	wait("esc: cancel")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEscape})
	tm.Type("o")
	tm.Type("q")
	out, _ := io.ReadAll(tm.FinalOutput(t, teatest.WithFinalTimeout(5*time.Second)))
	all.Write(out)
	return all.Bytes()
}

// The UI's own boundary: a source handing over raw hostile strings (titles,
// feed names, authors, links, text, analysis) never gets a sequence onto the
// terminal, because every feed string passes clean.Safe (and the reader's
// glamour output KeepSGR) in the UI itself.
func TestHostileFeedThroughProgram(t *testing.T) {
	f := &fakeSource{analyses: map[string][]byte{}, badges: map[int64][]string{}}
	f.feeds = []store.Feed{{ID: 1, Title: "Evil\x1b]52;c;SGVsbG8=\x07Feed\u202e", Folder: "\x1b[2JFolder", URL: "http://127.0.0.1:1/evil.xml"}}
	for i, a := range hostileArticles() {
		a.ID, a.FeedID, a.Hash = int64(i+1), 1, fmt.Sprint("h", i)
		f.arts = append(f.arts, a)
		an, badges := hostileAnalysis(a)
		data, _ := json.Marshal(an)
		f.analyses[a.Hash] = data
		f.badges[a.ID] = badges
	}
	checkTerminalBytes(t, driveHostile(t, f))
}

// The same feed through the real store.
func TestHostileFeedThroughStore(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(filepath.Join(t.TempDir(), "hostile.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	feeds, err := st.SyncFeeds(ctx, []store.FeedSpec{{URL: "http://127.0.0.1:1/evil.xml", Title: "Evil\x1b]52;c;SGVsbG8=\x07Feed\u202e", Folder: "\x1b[2JFolder"}})
	if err != nil {
		t.Fatal(err)
	}
	var items []store.Item
	for _, a := range hostileArticles() {
		items = append(items, store.Item{GUID: a.GUID, URL: a.URL, Title: a.Title, Author: a.Author, Text: a.Text, Markdown: a.Markdown, Published: a.Published})
	}
	res, err := st.SaveItems(ctx, feeds[0].ID, items)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range res.NewIDs {
		a, _ := st.Article(ctx, id)
		an, badges := hostileAnalysis(a)
		data, _ := json.Marshal(an)
		if err := st.PutAnalysis(ctx, id, a.Hash, summarize.Version, data, badges); err != nil {
			t.Fatal(err)
		}
	}
	checkTerminalBytes(t, driveHostile(t, st))
}
