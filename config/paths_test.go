package config

import (
	"path/filepath"
	"testing"
)

func TestPaths(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", "/xdg/config")
	t.Setenv("XDG_DATA_HOME", "/xdg/data")
	t.Setenv(EnvConfig, "")
	if got := ConfigPath(""); got != "/xdg/config/sitrep/config.yaml" {
		t.Errorf("ConfigPath = %q", got)
	}
	t.Setenv(EnvConfig, "/env/c.yaml")
	if got := ConfigPath(""); got != "/env/c.yaml" {
		t.Errorf("ConfigPath with env = %q", got)
	}
	if got := ConfigPath("/flag/c.yaml"); got != "/flag/c.yaml" {
		t.Errorf("ConfigPath with flag = %q", got)
	}
	if got := DBPath(""); got != "/xdg/data/sitrep/sitrep.db" {
		t.Errorf("DBPath = %q", got)
	}
	if got := DBPath("x.db"); got != "x.db" {
		t.Errorf("DBPath flag = %q", got)
	}
	if got := PacksDir("/xdg/config/sitrep/config.yaml"); got != filepath.FromSlash("/xdg/config/sitrep/packs") {
		t.Errorf("PacksDir = %q", got)
	}
	// A relative XDG value is invalid per the spec and falls back to the default.
	t.Setenv("XDG_DATA_HOME", "relative")
	t.Setenv(EnvConfig, "")
	if got := DBPath(""); !filepath.IsAbs(got) {
		t.Errorf("DBPath with relative XDG_DATA_HOME = %q", got)
	}
}
