package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/sitrep-news/sitrep/internal/version"
)

// execRoot runs a fresh command tree with stdout and stderr captured and
// returns run's exit code semantics: 0 ok, 2 usage, 1 other failure.
func execRoot(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	root := newRootCmd()
	var out, errb bytes.Buffer
	root.SetOut(&out)
	root.SetErr(&errb)
	root.SetArgs(args)
	_, err := root.ExecuteC()
	var ue usageError
	switch {
	case err == nil:
		code = exitOK
	case errors.As(err, &ue) || isCobraUsageError(err):
		code = exitUsage
	default:
		code = exitFailure
	}
	return code, out.String(), errb.String()
}

// visibleCommands lists every user-facing command path below root.
func visibleCommands(c *cobra.Command) []*cobra.Command {
	var out []*cobra.Command
	for _, sub := range c.Commands() {
		if !sub.IsAvailableCommand() || sub.IsAdditionalHelpTopicCommand() {
			continue
		}
		out = append(out, sub)
		out = append(out, visibleCommands(sub)...)
	}
	return out
}

func TestVersionPlain(t *testing.T) {
	code, out, _ := execRoot(t, "version")
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	v := version.Get()
	for _, want := range []string{"sitrep " + v.Version, "commit:", "built:", v.GoVersion, v.Platform} {
		if !strings.Contains(out, want) {
			t.Errorf("version output lacks %q:\n%s", want, out)
		}
	}
}

func TestVersionJSON(t *testing.T) {
	code, out, _ := execRoot(t, "version", "--json")
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	var got version.Info
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if got != version.Get() {
		t.Errorf("got %+v, want %+v", got, version.Get())
	}
	if code, _, _ := execRoot(t, "version", "extra"); code != exitUsage {
		t.Errorf("version extra: exit %d, want %d", code, exitUsage)
	}
}

func TestVersionFromLdflags(t *testing.T) {
	old := [3]string{version.Version, version.Commit, version.Date}
	defer func() { version.Version, version.Commit, version.Date = old[0], old[1], old[2] }()
	version.Version, version.Commit, version.Date = "1.2.3", "abc1234", "2026-11-26T00:00:00Z"
	_, out, _ := execRoot(t, "version")
	for _, want := range []string{"sitrep 1.2.3", "commit:   abc1234", "built:    2026-11-26T00:00:00Z"} {
		if !strings.Contains(out, want) {
			t.Errorf("version output lacks %q:\n%s", want, out)
		}
	}
}

func TestCompletionScripts(t *testing.T) {
	for _, shell := range completionShells {
		t.Run(shell, func(t *testing.T) {
			code, out, errOut := execRoot(t, "completion", shell)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			if len(out) < 500 || !strings.Contains(out, "sitrep") || !strings.Contains(out, "__complete") {
				t.Fatalf("%s script is not a sitrep completion script:\n%.300s", shell, out)
			}
			if shell == "bash" {
				if _, err := exec.LookPath("bash"); err == nil {
					f := filepath.Join(t.TempDir(), "sitrep.bash")
					if err := os.WriteFile(f, []byte(out), 0o644); err != nil {
						t.Fatal(err)
					}
					if b, err := exec.Command("bash", "-n", f).CombinedOutput(); err != nil {
						t.Errorf("bash -n: %v\n%s", err, b)
					}
				}
			}
		})
	}
}

func TestCompletionUsageErrors(t *testing.T) {
	for _, args := range [][]string{{"completion"}, {"completion", "tcsh"}, {"completion", "bash", "zsh"}} {
		if code, _, _ := execRoot(t, args...); code != exitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, exitUsage)
		}
	}
}

// The scripts ask `sitrep __complete` at run time: it must offer every
// top-level command and the shells.
func TestCompletionOffersEveryCommand(t *testing.T) {
	code, out, _ := execRoot(t, "__complete", "")
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	for _, c := range newRootCmd().Commands() {
		if c.IsAvailableCommand() && !strings.Contains(out, "\n"+c.Name()+"\t") && !strings.HasPrefix(out, c.Name()+"\t") {
			t.Errorf("__complete does not offer %q:\n%s", c.Name(), out)
		}
	}
	_, out, _ = execRoot(t, "__complete", "completion", "")
	for _, s := range completionShells {
		if !strings.Contains(out, s) {
			t.Errorf("completion does not offer shell %q:\n%s", s, out)
		}
	}
}

func TestManPageToStdout(t *testing.T) {
	code, out, _ := execRoot(t, "man")
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{`.TH "SITREP" "1"`, ".SH NAME", ".SH SYNOPSIS", ".SH DESCRIPTION", ".SH OPTIONS", "\\-\\-demo"} {
		if !strings.Contains(out, want) && !strings.Contains(out, strings.ReplaceAll(want, "\\-", "-")) {
			t.Errorf("man page lacks %q", want)
		}
	}
	for _, c := range newRootCmd().Commands() {
		if c.IsAvailableCommand() && !strings.Contains(out, "sitrep-"+c.Name()+"(1)") {
			t.Errorf("man page SEE ALSO lacks sitrep-%s(1)", c.Name())
		}
	}
	if strings.Contains(out, "Auto generated") {
		t.Error("man page carries a build-date footer")
	}
}

func TestManPageTree(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "man", "man1")
	code, _, errOut := execRoot(t, "man", "-o", dir)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	root := newRootCmd()
	cmds := append([]*cobra.Command{root}, visibleCommands(root)...)
	for _, c := range cmds {
		name := strings.ReplaceAll(c.CommandPath(), " ", "-") + ".1"
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Errorf("no page for %q: %v", c.CommandPath(), err)
			continue
		}
		page := string(b)
		if !strings.Contains(page, ".SH NAME") || !strings.Contains(page, ".SH SYNOPSIS") {
			t.Errorf("%s lacks NAME or SYNOPSIS", name)
		}
		if c.Example != "" && !strings.Contains(page, ".SH EXAMPLE") {
			t.Errorf("%s lacks the command's example", name)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != len(cmds) {
		t.Errorf("%d pages for %d commands", len(entries), len(cmds))
	}
}

func TestManOutputError(t *testing.T) {
	f := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(f, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, _ := execRoot(t, "man", "-o", filepath.Join(f, "sub")); code != exitFailure {
		t.Errorf("man -o under a file: exit %d, want %d", code, exitFailure)
	}
}
