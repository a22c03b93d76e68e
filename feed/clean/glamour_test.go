package clean

import (
	"strings"
	"testing"

	"charm.land/glamour/v2"
	"charm.land/glamour/v2/styles"
	"github.com/charmbracelet/x/ansi"
)

// TestGlamourPipeline pushes cleaned Markdown through glamour and KeepSGR,
// the UI's pipeline: payloads must not come back to life, and content that
// looks like Markdown must render literally.
func TestGlamourPipeline(t *testing.T) {
	tr, err := glamour.NewTermRenderer(glamour.WithStandardStyle(styles.DarkStyle), glamour.WithWordWrap(80))
	if err != nil {
		t.Fatal(err)
	}
	c := mustNew(t)
	in := `<p>*URGENT* ceasefire</p><p># hashtag line</p><p>Code <code>&amp;#27;]0;title&amp;#7;</code> and <del>&amp;#27;[5m</del> ~~&amp;#27;[31m~~ &lt;script&gt;</p>` +
		`<p>Entity text &amp;amp;#27; stays text; AT&amp;T</p><p><a href="https://example.com/a?x=1&amp;y=2">link</a> <a href="javascript:alert(1)">js</a></p>` +
		"<p>raw \x1b]52;c;aGk=\x07 and \u009b2J and \u202eevil</p>"
	a := c.HTML("", in, "")
	out, err := tr.Render(a.Markdown)
	if err != nil {
		t.Fatal(err)
	}
	safe := KeepSGR(out)
	plain := ansi.Strip(safe)
	for _, want := range []string{"*URGENT* ceasefire", "# hashtag line", "AT&T", "<script>", "~~~~ <script>", "https://example.com/a?x=1&y=2"} {
		if !strings.Contains(plain, want) {
			t.Errorf("rendered text lacks %q:\n%s", want, plain)
		}
	}
	// Every ESC left must start an SGR sequence.
	for i := 0; i < len(safe); i++ {
		if safe[i] == 0x1b {
			j := skipCSI(safe, i+2)
			if i+1 >= len(safe) || safe[i+1] != '[' || !isSGR(safe[i:j]) {
				t.Fatalf("non-SGR escape at %d: %q", i, safe[i:min(len(safe), i+20)])
			}
		}
	}
	checkTerminalSafe(t, "pipeline", in, plain)
	if strings.Contains(plain, "javascript") {
		t.Errorf("javascript: link survived:\n%s", plain)
	}
}
