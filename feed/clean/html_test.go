package clean

import (
	"strings"
	"testing"
)

func mustNew(t testing.TB, extra ...string) *Cleaner {
	t.Helper()
	c, err := New(extra)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestTitle(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Rock &amp;amp; Roll", "Rock & Roll"},
		{"Rock &amp; Roll", "Rock & Roll"},
		{"Rock & Roll", "Rock & Roll"},
		{"AT&T profits", "AT&T profits"},
		{"<b>Breaking</b>: talks  collapse\n in Istanbul", "Breaking: talks collapse in Istanbul"},
		{"Talks<br>collapse <!-- c --><script>x</script>", "Talks collapse"},
		{"&lt;script&gt; is text", "<script> is text"},
		{"ErdoÄŸan visits Baku", "Erdoğan visits Baku"},
		{"It&#8217;s &#8220;over&#8221;", "It’s “over”"},
		{"It&amp;#8217;s over", "It’s over"},
		{"&#27;]0;pwned&#7; title", "title"},
		{"\x1b[31mred\x1b[0m", "red"},
		{"*URGENT*", "*URGENT*"},
		{strings.Repeat("long ", 5_000_000), strings.Repeat("long ", 99) + "long…"},
	}
	for _, c := range cases {
		if got := Title(c.in); got != c.want {
			t.Errorf("Title(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestHTML(t *testing.T) {
	c := mustNew(t)
	cases := []struct {
		name, in       string
		text, md       string
		notText, notMD []string
	}{
		{name: "paragraphs", in: "<p>One  two</p>\n<p>Three</p>", text: "One two\n\nThree", md: "One two\n\nThree"},
		{name: "script style iframe gone", in: `<p>a<script>alert(1)</script>b</p><style>p{}</style><iframe src="https://x"></iframe><p onclick="x()">c</p>`,
			text: "ab\n\nc", notMD: []string{"alert", "onclick", "iframe"}},
		{name: "javascript and data links dropped", in: `<p><a href="javascript:alert(1)">j</a> <a href="data:text/html,x">d</a></p>`,
			text: "j d", md: "j d"},
		{name: "relative link resolved", in: `<p>See <a href="/news/2?a=1&amp;b=2">the report</a>.</p>`,
			text: "See the report.", md: "See [the report](https://example.com/news/2?a=1&b=2)."},
		{name: "emphasis", in: "<p>An <em>important </em>and <strong>bold</strong> claim</p>",
			text: "An important and bold claim", md: "An *important* and **bold** claim"},
		{name: "specials escaped", in: "<p>*URGENT* call</p><p># hashtag</p><p>1. not a list</p><p>a_b [x] `c` &lt;b&gt; &amp;#27;</p>",
			text: "*URGENT* call\n\n# hashtag\n\n1. not a list\n\na_b [x] `c` <b>",
			md:   "\\*URGENT\\* call\n\n\\# hashtag\n\n1\\. not a list\n\na\\_b \\[x\\] \\`c\\` &lt;b>"},
		{name: "headings lists quotes", in: "<h2>Head</h2><ul><li>one</li><li>two</li></ul><ol start=3><li>three</li></ol><blockquote><p>quoted</p></blockquote>",
			text: "Head\n\none\n\ntwo\n\nthree\n\nquoted", md: "## Head\n\n- one\n- two\n\n3. three\n\n> quoted"},
		{name: "image alt and url", in: `<p>Before</p><figure><img src="/i.jpg" alt="Talks in Istanbul" onerror="x"></figure><p>After</p>`,
			text: "Before\n\nAfter", md: "Before\n\n[Image: Talks in Istanbul](https://example.com/i.jpg)\n\nAfter"},
		{name: "nbsp-only lines dropped", in: "<p>One</p><p>&nbsp;</p><p>\u00a0 \u00a0</p><p>Two</p>", text: "One\n\nTwo"},
		{name: "plain text with blank lines", in: "First para.\n\nSecond para.", text: "First para.\n\nSecond para."},
		{name: "double-escaped body", in: "<p>Rock &amp;amp; Roll &amp;#8217;</p>", text: "Rock & Roll ’"},
		{name: "br splits", in: "<p>line one<br>line two</p>", text: "line one\n\nline two"},
		{name: "pre kept", in: "<pre>a  b\n  c &lt;x&gt;</pre>", text: "a  b\n  c <x>", md: "```\na  b\n  c &lt;x>\n```"},
		{name: "pre blank lines", in: "<pre>\n\na\n\n\n\nb  \n \n\t\nc\n\n</pre>", text: "a\n\nb\n\nc"},
		{name: "entity escape decoded then made safe", in: "<p>x&#27;]52;c;aGk=&#7;y</p>", text: "xy"},
		{name: "boilerplate blocks", in: "<p>The story.</p><p>Share this article</p><p>Advertisement</p><p>The post Talks fail appeared first on Example News.</p><p>Subscribe to our newsletter for daily updates</p>",
			text: "The story."},
		{name: "related links list", in: "<p>The story.</p><h3>Related</h3><ul><li><a href='/a'>Other story</a></li><li><a href='/b'>More</a></li></ul><p>Final paragraph of the story.</p>",
			text: "The story.\n\nFinal paragraph of the story."},
		{name: "story sentence with keyword kept", in: "<p>Officials said they would share this article of the treaty with the press.</p>",
			text: "Officials said they would share this article of the treaty with the press."},
	}
	for _, tc := range cases {
		a := c.HTML("", tc.in, "https://example.com/news/1")
		if tc.text != "" && a.Text != tc.text {
			t.Errorf("%s: text = %q, want %q", tc.name, a.Text, tc.text)
		}
		if tc.md != "" && a.Markdown != tc.md {
			t.Errorf("%s: md = %q, want %q", tc.name, a.Markdown, tc.md)
		}
		for _, s := range tc.notMD {
			if strings.Contains(a.Markdown, s) {
				t.Errorf("%s: md contains %q: %q", tc.name, s, a.Markdown)
			}
		}
	}
}

func TestTextTitle(t *testing.T) {
	c := mustNew(t)
	a := c.Text("", "\n\n  Use &lt;b&gt; for AT&amp;T  \r\nBody line one.\r\n")
	if a.Title != "Use <b> for AT&T" || a.Text != "Body line one." {
		t.Errorf("got %q / %q", a.Title, a.Text)
	}
	a = c.Text("Given *title*", "First line is body.\n\nSecond.")
	if a.Title != "Given *title*" || a.Text != "First line is body.\n\nSecond." {
		t.Errorf("got %q / %q", a.Title, a.Text)
	}
	if a.Markdown != "First line is body.\n\nSecond." {
		t.Errorf("markdown %q", a.Markdown)
	}
}

func TestTextLines(t *testing.T) {
	c := mustNew(t)
	in := "Opposition reaction\nThe federal member states rejected the amendments, saying they had not been\nconsulted at any point. Puntland withdrew recognition.\nAnalysts warned of a dispute\nthat could distract from the fight against al-Shabab."
	want := "Opposition reaction\n\nThe federal member states rejected the amendments, saying they had not been consulted at any point. Puntland withdrew recognition.\n\nAnalysts warned of a dispute that could distract from the fight against al-Shabab."
	if a := c.Text("T", in); a.Text != want {
		t.Errorf("got  %q\nwant %q", a.Text, want)
	}
}

func TestNewBadPattern(t *testing.T) {
	if _, err := New([]string{"ok", "(unclosed"}); err == nil || !strings.Contains(err.Error(), "clean.boilerplate[1]") {
		t.Fatalf("err = %v", err)
	}
}

func TestUserRules(t *testing.T) {
	c := mustNew(t, `(?i)^brought to you by .*$`, `tail: ^-- *$`)
	a := c.Text("T", "Story one.\n\nBrought to you by Acme\n\nStory two.\n\n--")
	if a.Text != "Story one.\n\nStory two." {
		t.Errorf("text = %q", a.Text)
	}
	// A tail rule does not apply in the middle of the article.
	a = c.Text("T", "Story one.\n\n--\n\nStory two.")
	if a.Text != "Story one.\n\n--\n\nStory two." {
		t.Errorf("text = %q", a.Text)
	}
}

func TestAnchoredMaxLen(t *testing.T) {
	for p, want := range map[string]int{
		`^abc$`:               3,
		`(?i)^(ab|cde)\s*!?$`: -1,
		`^(ab|cde)\s?!?$`:     5,
		`^a.{0,10}$`:          11,
		`^abc`:                -1,
		`abc$`:                -1,
		`^a|b$`:               -1,
		`^a.*$`:               -1,
	} {
		r, err := newRule(rule{}, p)
		if err != nil {
			t.Fatal(err)
		}
		if r.maxLen != want {
			t.Errorf("%s: maxLen %d, want %d", p, r.maxLen, want)
		}
	}
}

func TestBuiltinRulesCompile(t *testing.T) {
	rules, err := parseRules(builtinRules, true)
	if err != nil || len(rules) < 20 {
		t.Fatalf("%d rules, err %v", len(rules), err)
	}
}

func TestNeedsFullText(t *testing.T) {
	c := mustNew(t)
	long := strings.Repeat("The talks went on for hours and nobody agreed on anything at all. ", 12)
	cases := []struct {
		name string
		a    Article
		want bool
	}{
		{"short", c.HTML("", "<p>Short teaser.</p>", ""), true},
		{"long", c.HTML("", "<p>"+long+"</p>", ""), false},
		{"long with read more", c.HTML("", "<p>"+long+"</p><p><a href='https://x.example/a'>Continue reading →</a></p>", ""), true},
		{"long ending in [...]", c.HTML("", "<p>"+long+" [&hellip;]</p>", ""), true},
		{"long ending in ellipsis", c.HTML("", "<p>"+long+" and then…</p>", ""), true},
		{"rebuilt from stored fields", Article{Text: long + " The talks went on…"}, true},
		{"rebuilt long article", Article{Text: long}, false},
	}
	for _, tc := range cases {
		if got := NeedsFullText(tc.a); got != tc.want {
			t.Errorf("%s: NeedsFullText = %v, want %v (text %q)", tc.name, got, tc.want, tc.a.Text)
		}
	}
}

// TestStorySentencesKept: sentences of a story that share words with
// boilerplate must never be removed.
func TestStorySentencesKept(t *testing.T) {
	c := mustNew(t)
	story := []string{
		"Subscribers to the state broadcaster's newsletter received the announcement first, officials said.",
		"Share prices fell 4% in Karachi after the announcement.",
		"Continue reading the report, the minister urged lawmakers.",
		"Accept the terms or leave, the commander told the delegation.",
		"Advertisements for the rally appeared across Kabul on Friday.",
		"The photo, taken by a local journalist, shows the damaged bridge.",
		"Related talks in Doha are expected to resume next week.",
		"Our website uses a new layout, the ministry said in a statement about its relaunch, which it described as part of a wider effort to make government information easier to find for citizens in the provinces and abroad, and to reduce the number of requests its offices receive by telephone and in person each month.",
		"By Tuesday the ceasefire had collapsed.",
		"Reporting by state media was restricted, the committee said.",
		"Cookies and sweets were handed out to children at the crossing.",
		"Learn more about the new visa rules, the embassy told applicants in a notice published on its website.",
		"اشترك في المحادثات ممثلون عن الحكومة والمعارضة.",
		"Reklam panoları gece boyunca söküldü, dedi belediye.",
		"Читайте также заявление министерства, сказал он журналистам.",
		"Assine o acordo, disse o ministro aos negociadores em Brasília.",
	}
	text := strings.Join(story, "\n\n")
	for name, a := range map[string]Article{
		"Text": c.Text("Title", text),
		"HTML": c.HTML("Title", "<p>"+strings.Join(story, "</p><p>")+"</p>", ""),
	} {
		got := strings.Split(a.Text, "\n\n")
		if len(got) != len(story) {
			t.Errorf("%s: kept %d of %d story paragraphs:\n%s", name, len(got), len(story), a.Text)
		}
	}
}

// TestConcurrentUse: one Cleaner serves every feed worker at once (run with
// -race).
func TestConcurrentUse(t *testing.T) {
	c := mustNew(t, `(?i)^brought to you by .*$`)
	in := item5K()
	want := c.HTML("T", in, "https://news.example/").Text
	done := make(chan string)
	for i := 0; i < 4; i++ {
		go func() {
			var got string
			for j := 0; j < 5; j++ {
				got = c.HTML("T", in, "https://news.example/").Text
				Title("ErdoÄŸan &amp;amp; co")
			}
			done <- got
		}()
	}
	for i := 0; i < 4; i++ {
		if got := <-done; got != want {
			t.Error("concurrent result differs")
		}
	}
}
