package ui

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// sitrepBinary builds the sitrep binary once for the end-to-end tests, or
// uses $SITREP_BIN.
func sitrepBinary(t *testing.T) string {
	if b := os.Getenv("SITREP_BIN"); b != "" {
		return b
	}
	bin := filepath.Join(t.TempDir(), "sitrep")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	cmd.Dir = ".."
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("build sitrep: %v\n%s", err, out)
	}
	return bin
}

// hostileFeeds serves a JSON Feed and an RSS feed whose titles, authors,
// links and content carry terminal payloads (raw, and as entities in HTML).
func hostileFeeds() http.Handler {
	mux := http.NewServeMux()
	esc := func(s string) string { // JSON string escaping of control characters
		var b strings.Builder
		for _, r := range s {
			switch {
			case r == '"' || r == '\\':
				b.WriteString(`\` + string(r))
			case r < 0x20 || (r >= 0x7f && r <= 0x9f) || (r >= 0x2000 && r <= 0x206f):
				fmt.Fprintf(&b, `\u%04x`, r)
			default:
				b.WriteRune(r)
			}
		}
		return b.String()
	}
	var title strings.Builder
	for _, h := range hostile[:8] {
		title.WriteString(h.payload + " ")
	}
	body := hostileText()
	mux.HandleFunc("/evil.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/feed+json")
		fmt.Fprintf(w, `{"version":"https://jsonfeed.org/version/1.1","title":"%s","items":[
{"id":"1","url":"https://evil.example/a","title":"%s","content_text":"%s","authors":[{"name":"%s"}],"date_published":"2026-11-20T10:00:00Z"},
{"id":"2","url":"javascript:alert(1)","title":"%s second","content_html":"<p>%s</p><p><a href=\"http://evil.example/\">link</a></p>","date_published":"2026-11-20T09:00:00Z"}]}`,
			esc("Evil\x1b]52;c;SGVsbG8=\x07Feed"), esc(title.String()), esc(body), esc("\x1b]0;pwned\x07Author"),
			esc(strings.Repeat(hostile[8].payload, 2)), esc(strings.ReplaceAll(body, "\n\n", "</p><p>")))
	})
	mux.HandleFunc("/evil.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Entity &amp;#27;]52;c;SGVsbG8=&amp;#7;feed</title>
<item><guid>e1</guid><link>https://evil.example/e</link><title>ENTITYTITLE &amp;#27;]52;c;SGVsbG8=&amp;#7;ENTMARK &amp;#x1b;[2JCLEARMARK</title>
<description>&lt;p&gt;Body &amp;#27;]8;;http://evil.example/&amp;#7;LINKMARK &amp;#27;[38;2;1;2;3mSGRMARK &amp;#x202e;BIDIMARK&lt;/p&gt;</description>
<pubDate>Fri, 20 Nov 2026 08:00:00 GMT</pubDate></item></channel></rss>`)
	})
	return mux
}

// ptyRun runs the real sitrep under a pseudo-terminal (script(1)) at w×h and
// lets the test drive it; out collects every byte the program wrote.
type ptyRun struct {
	cmd *exec.Cmd
	in  io.WriteCloser
	mu  sync.Mutex
	out bytes.Buffer
}

func (p *ptyRun) bytes() []byte {
	p.mu.Lock()
	defer p.mu.Unlock()
	return bytes.Clone(p.out.Bytes())
}

func (p *ptyRun) waitFor(t *testing.T, want string, d time.Duration) bool {
	t.Helper()
	for deadline := time.Now().Add(d); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if bytes.Contains(p.bytes(), []byte(want)) {
			return true
		}
	}
	t.Errorf("terminal never showed %q", want)
	return false
}

func (p *ptyRun) send(s string) {
	_, _ = io.WriteString(p.in, s)
	time.Sleep(150 * time.Millisecond) // keys arrive as separate reads, like typing
}

func startPTY(t *testing.T, w, h int, args ...string) *ptyRun {
	script, err := exec.LookPath("script")
	if err != nil {
		t.Skip("script(1) not installed: no pseudo-terminal for the end-to-end test")
	}
	bin := sitrepBinary(t)
	home := t.TempDir()
	q := func(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }
	line := fmt.Sprintf("stty cols %d rows %d; exec %s", w, h, q(bin))
	for _, a := range args {
		line += " " + q(a)
	}
	p := &ptyRun{cmd: exec.Command(script, "-qfec", line, "/dev/null")}
	p.cmd.Env = append(os.Environ(), "HOME="+home, "XDG_CONFIG_HOME="+home, "XDG_DATA_HOME="+home,
		"TERM=xterm-256color", "COLORTERM=truecolor", "NO_COLOR=", "BROWSER=true")
	p.in, _ = p.cmd.StdinPipe()
	stdout, _ := p.cmd.StdoutPipe()
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		buf := make([]byte, 32<<10)
		for {
			n, err := stdout.Read(buf)
			p.mu.Lock()
			p.out.Write(buf[:n])
			p.mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	t.Cleanup(func() {
		if p.cmd.ProcessState == nil {
			_ = p.cmd.Process.Kill()
			_ = p.cmd.Wait()
		}
	})
	return p
}

func (p *ptyRun) quit(t *testing.T) {
	t.Helper()
	p.send("q")
	done := make(chan error, 1)
	go func() { done <- p.cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("sitrep exited: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Error("sitrep did not quit on q")
	}
}

// The issue-9 end-to-end check: the real binary, real feed engine, cleaner,
// store and analysis, on hostile feeds, under a pseudo-terminal; the raw
// bytes written must hold no sequence the program did not emit itself.
func TestPTYHostileFeedEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	srv := httptest.NewServer(hostileFeeds())
	defer srv.Close()
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.yaml")
	yaml := fmt.Sprintf("feeds:\n  - url: %s/evil.json\n    full_text: never\n  - url: %s/evil.xml\n    full_text: never\nui:\n  mouse: true\n", srv.URL, srv.URL)
	if err := os.WriteFile(cfg, []byte(yaml), 0o600); err != nil {
		t.Fatal(err)
	}
	p := startPTY(t, 120, 40, "--config", cfg, "--db", filepath.Join(dir, "sitrep.db"))
	if !p.waitFor(t, "CLIPMARK", 30*time.Second) {
		t.Fatalf("output so far: %q", p.bytes())
	}
	p.waitFor(t, "ENTMARK", 10*time.Second)
	// Make sure the selection is on the first row, the newest (the JSON
	// story), whatever order the two feeds landed in.
	p.send("g")
	p.send("\r") // open the newest
	p.waitFor(t, "KEY FACTS", 10*time.Second)
	p.send("v")
	p.send("\t")
	p.send("j")
	p.send("j")
	p.send("?")
	p.waitFor(t, "Keys", 5*time.Second)
	p.send("?")
	p.send("\x1b")
	p.send("\x1b")
	p.send("G") // the RSS item with entity-encoded payloads
	p.send("\r")
	p.waitFor(t, "LINKMARK", 5*time.Second)
	p.quit(t)
	checkTerminalBytes(t, p.bytes())
}
