package config

import (
	"slices"
	"strings"
	"testing"
)

func TestDefaultKeymap(t *testing.T) {
	km := DefaultKeymap()
	want := map[string]string{
		"up": "k up", "down": "j down", "top": "g home", "bottom": "G end", "open": "enter l",
		"back": "esc h", "next_pane": "tab", "prev_pane": "shift+tab", "page_down": "space pgdown",
		"page_up": "b pgup", "next_unread": "n", "prev_unread": "N", "toggle_read": "m", "star": "s",
		"archive": "a", "mark_all_read": "A", "open_browser": "o", "copy_link": "y", "refresh": "r",
		"refresh_all": "R", "search": "/", "filter_fact": "f", "toggle_unread": "u", "export": "e",
		"toggle_sidebar": "S", "toggle_feeds": "F", "evidence": "v", "quit": "q ctrl+c", "help": "?",
		"expand": "x", "toggle_stories": "t",
	}
	if len(km) != len(want) {
		t.Fatalf("%d actions, want %d", len(km), len(want))
	}
	for _, a := range km {
		if got := strings.Join(a.Keys, " "); got != want[a.Name] {
			t.Errorf("%s: keys %q, want %q", a.Name, got, want[a.Name])
		}
		if a.Help == "" || a.Group == "" {
			t.Errorf("%s: no help or group", a.Name)
		}
		for _, k := range a.Keys {
			if err := ValidateKey(k); err != nil {
				t.Errorf("default key invalid: %v", err)
			}
		}
	}
	// Returned slices are copies: changing them must not change the defaults.
	km[0].Keys[0] = "X"
	if DefaultKeymap()[0].Keys[0] != "k" {
		t.Error("DefaultKeymap shares its key slices")
	}
}

func TestKeymapOverrides(t *testing.T) {
	km, err := Keymap(map[string][]string{"star": {"*"}, "archive": {"s", "ctrl+a"}})
	if err != nil {
		t.Fatal(err)
	}
	get := func(name string) []string {
		i := slices.IndexFunc(km, func(a Action) bool { return a.Name == name })
		return km[i].Keys
	}
	if !slices.Equal(get("star"), []string{"*"}) || !slices.Equal(get("archive"), []string{"s", "ctrl+a"}) {
		t.Errorf("star %v archive %v", get("star"), get("archive"))
	}
	if !slices.Equal(get("up"), []string{"k", "up"}) {
		t.Errorf("up changed: %v", get("up"))
	}
	// Order is the help order regardless of overrides.
	if km[0].Name != "up" || km[len(km)-1].Name != "help" {
		t.Errorf("order changed: first %s last %s", km[0].Name, km[len(km)-1].Name)
	}
}

func TestKeymapErrors(t *testing.T) {
	cases := []struct {
		over map[string][]string
		want string
	}{
		{map[string][]string{"fly": {"x"}}, `unknown keymap action "fly" (allowed: up, down`},
		{map[string][]string{"star": {}}, `"star" has an empty key list`},
		{map[string][]string{"star": {"a"}}, `key "a" is bound to both "star" and "archive"`},
		{map[string][]string{"quit": {"j"}}, `key "j" is bound to both "down" and "quit"`},
		{map[string][]string{"star": {"Enter"}}, `write "enter"`},
		{map[string][]string{"star": {"ctl+s"}}, `unknown modifier "ctl"`},
		{map[string][]string{"star": {" "}}, `write "space"`},
		{map[string][]string{"star": {"xy"}}, `not a key name`},
	}
	for _, tc := range cases {
		_, err := Keymap(tc.over)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Keymap(%v) = %v, want %q", tc.over, err, tc.want)
		}
	}
}

func TestValidateKey(t *testing.T) {
	for _, k := range []string{"j", "G", "/", "?", "+", "*", "é", "enter", "space", "shift+tab", "ctrl+c", "ctrl+alt+x", "alt++", "f12", "pgdown", "ctrl+shift+up"} {
		if err := ValidateKey(k); err != nil {
			t.Errorf("ValidateKey(%q) = %v", k, err)
		}
	}
	for _, k := range []string{"", " ", "Enter", "PgDown", "ctrl+", "alt+ctrl+x", "ctrl+ctrl+x", "win+x", "jj", "\x1b", "f99"} {
		if err := ValidateKey(k); err == nil {
			t.Errorf("ValidateKey(%q) = nil", k)
		}
	}
}
