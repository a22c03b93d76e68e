package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestInspectURL(t *testing.T) {
	srv := feedMux()
	defer srv.Close()
	flags := fetchEnv(t)
	code, stdout, stderr := runSitrep(t, "", append([]string{"inspect", srv.URL + "/alpha"}, flags...)...)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	for _, want := range []string{"alpha desk", "rss 2.0", "3 items", "1. alpha story 0", "link:   https://alpha.example/0", "date:   2026-03-03 10:00 UTC", "the ceasefire held overnight"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
	// Nothing was written: no database appeared.
	if _, err := os.Stat(flags[3]); err == nil {
		t.Errorf("inspect created the database %s", flags[3])
	}
}

func TestInspectJSONAndHostile(t *testing.T) {
	srv := feedMux()
	defer srv.Close()
	code, stdout, stderr := runSitrep(t, "", "inspect", "--json", srv.URL+"/escape")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	var f inspectFeed
	if err := json.Unmarshal([]byte(stdout), &f); err != nil {
		t.Fatalf("json: %v\n%s", err, stdout)
	}
	if len(f.Items) != 1 || f.Items[0].URL != "" || f.Items[0].Published != nil {
		t.Errorf("javascript: link must be dropped, missing date null: %+v", f.Items)
	}
	if strings.ContainsAny(f.Title+f.Items[0].Title, "\x1b\x07") || strings.Contains(stdout, `\u001b`) {
		t.Errorf("escape sequences survived: %q", stdout)
	}
}

func TestInspectFileAndStdin(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "cut.xml")
	// A truncated feed: the complete item survives.
	body := testFeedXML("gamma", 2)
	body = body[:strings.LastIndex(body, "<item>")+40]
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runSitrep(t, "", "inspect", path)
	if code != 0 || !strings.Contains(stdout, "gamma story 0") || strings.Contains(stdout, "gamma story 1") || !strings.Contains(stdout, "document ends early") {
		t.Errorf("truncated file: exit %d\n%s%s", code, stdout, stderr)
	}
	code, stdout, _ = runSitrep(t, testFeedXML("delta", 1), "inspect", "-n", "1", "-")
	if code != 0 || !strings.Contains(stdout, "delta story 0") {
		t.Errorf("stdin: exit %d\n%s", code, stdout)
	}
}

func TestInspectErrors(t *testing.T) {
	dir := t.TempDir()
	html := filepath.Join(dir, "page.html")
	os.WriteFile(html, []byte("<!doctype html><html><body>hello</body></html>"), 0o644)
	// A failure whose text reads like one of cobra's usage errors (here the
	// file name; a network error can say "connect: invalid argument") is
	// still a failure, not a usage error.
	odd := filepath.Join(dir, "invalid argument.html")
	os.WriteFile(odd, []byte("<!doctype html><html><body>hello</body></html>"), 0o644)
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"inspect"}, 2, "one feed URL or file"},
		{[]string{"inspect", filepath.Join(dir, "nope.xml")}, 2, "no such file"},
		{[]string{"inspect", "file:///etc/passwd"}, 2, "only http and https"},
		{[]string{"inspect", dir}, 2, "directory"},
		{[]string{"inspect", html}, 1, "HTML page, not a feed"},
		{[]string{"inspect", odd}, 1, "HTML page, not a feed"},
	} {
		code, _, stderr := runSitrep(t, "", tc.args...)
		if code != tc.code || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d (want %d), stderr %q (want %q)", tc.args, code, tc.code, stderr, tc.want)
		}
	}
}

// inspect applies the config's boilerplate rules when a config exists,
// fails on a broken rule, and never creates a config.
func TestInspectConfigRules(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.yaml")
	t.Setenv("SITREP_CONFIG", cfg)
	feedXML := testFeedXML("delta", 1)
	code, stdout, stderr := runSitrep(t, feedXML, "inspect", "-")
	if code != 0 || !strings.Contains(stdout, "text:   delta story 0") {
		t.Fatalf("no config: exit %d\n%s%s", code, stdout, stderr)
	}
	if _, err := os.Stat(cfg); err == nil {
		t.Error("inspect created a config file")
	}
	if err := os.WriteFile(cfg, []byte("clean:\n  boilerplate: ['(?i)^delta story 0:.*$']\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr = runSitrep(t, feedXML, "inspect", "-")
	if code != 0 || !strings.Contains(stdout, "delta story 0") || strings.Contains(stdout, "text:   delta story 0") {
		t.Errorf("the config's rule was not applied: exit %d\n%s%s", code, stdout, stderr)
	}
	if err := os.WriteFile(cfg, []byte("clean:\n  boilerplate: ['(unclosed']\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runSitrep(t, feedXML, "inspect", "-"); code != 1 || !strings.Contains(stderr, "clean.boilerplate") {
		t.Errorf("bad rule: exit %d, %q", code, stderr)
	}
}
