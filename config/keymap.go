package config

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Action is one thing a key can do in the reader. The UI builds its key
// bindings from Keymap's result, so this vocabulary is the single list of
// bindable actions.
type Action struct {
	Name  string   // stable name used in config (keymap: {star: [s]})
	Keys  []string // bubbletea v2 msg.String() names: "j", "enter", "ctrl+c", "shift+tab"
	Help  string   // short description for the help screen
	Group string   // help-screen section: "navigate", "articles", "view", "app"
}

// defaultActions is the action vocabulary in help order with default keys.
// All actions share one context (the reader's normal mode), so no key may be
// bound to two of them.
var defaultActions = []Action{
	{"up", []string{"k", "up"}, "move up", "navigate"},
	{"down", []string{"j", "down"}, "move down", "navigate"},
	{"top", []string{"g", "home"}, "go to top", "navigate"},
	{"bottom", []string{"G", "end"}, "go to bottom", "navigate"},
	{"open", []string{"enter", "l"}, "open", "navigate"},
	{"back", []string{"esc", "h"}, "back", "navigate"},
	{"next_pane", []string{"tab"}, "next pane", "navigate"},
	{"prev_pane", []string{"shift+tab"}, "previous pane", "navigate"},
	{"page_down", []string{"space", "pgdown"}, "page down", "navigate"},
	{"page_up", []string{"b", "pgup"}, "page up", "navigate"},
	{"next_unread", []string{"n"}, "next unread", "navigate"},
	{"prev_unread", []string{"N"}, "previous unread", "navigate"},
	{"expand", []string{"x"}, "expand/collapse story", "navigate"},
	{"toggle_read", []string{"m"}, "toggle read", "articles"},
	{"star", []string{"s"}, "star", "articles"},
	{"archive", []string{"a"}, "archive", "articles"},
	{"mark_all_read", []string{"A"}, "mark all read", "articles"},
	{"open_browser", []string{"o"}, "open in browser", "articles"},
	{"copy_link", []string{"y"}, "copy link", "articles"},
	{"refresh", []string{"r"}, "refresh feed", "articles"},
	{"refresh_all", []string{"R"}, "refresh all", "articles"},
	{"search", []string{"/"}, "search", "view"},
	{"filter_fact", []string{"f"}, "filter by fact", "view"},
	{"toggle_unread", []string{"u"}, "unread only", "view"},
	{"toggle_stories", []string{"t"}, "group by story", "view"},
	{"export", []string{"e"}, "export briefing", "view"},
	{"toggle_sidebar", []string{"S"}, "toggle facts sidebar", "view"},
	{"toggle_feeds", []string{"F"}, "toggle feed list", "view"},
	{"evidence", []string{"v"}, "show evidence", "view"},
	{"quit", []string{"q", "ctrl+c"}, "quit", "app"},
	{"help", []string{"?"}, "help", "app"},
}

// ActionNames lists every bindable action in help order.
func ActionNames() []string {
	names := make([]string, len(defaultActions))
	for i, a := range defaultActions {
		names[i] = a.Name
	}
	return names
}

// DefaultKeymap returns the actions with their default keys.
func DefaultKeymap() []Action {
	km, _ := Keymap(nil)
	return km
}

// Keymap returns every action in help order, with the keys of overrides
// (action -> keys) replacing the defaults of that action. It reports unknown
// action names, empty key lists, key names bubbletea never produces and keys
// bound to two actions.
func Keymap(overrides map[string][]string) ([]Action, error) {
	var errs []string
	known := ActionNames()
	// Sorted so error messages are stable.
	names := make([]string, 0, len(overrides))
	for n := range overrides {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		if !slices.Contains(known, n) {
			errs = append(errs, fmt.Sprintf("unknown keymap action %q (allowed: %s)", n, strings.Join(known, ", ")))
			continue
		}
		keys := overrides[n]
		if len(keys) == 0 {
			errs = append(errs, fmt.Sprintf("keymap action %q has an empty key list: give at least one key", n))
		}
		for _, k := range keys {
			if err := ValidateKey(k); err != nil {
				errs = append(errs, fmt.Sprintf("keymap action %q: %v", n, err))
			}
		}
	}
	out := make([]Action, len(defaultActions))
	owner := map[string]string{}
	for i, a := range defaultActions {
		a.Keys = slices.Clone(a.Keys)
		if keys, ok := overrides[a.Name]; ok && len(keys) > 0 {
			a.Keys = slices.Clone(keys)
		}
		out[i] = a
		for _, k := range a.Keys {
			if prev, dup := owner[k]; dup && prev != a.Name {
				errs = append(errs, fmt.Sprintf("key %q is bound to both %q and %q: rebind one of them in keymap", k, prev, a.Name))
				continue
			}
			owner[k] = a.Name
		}
	}
	if len(errs) > 0 {
		return out, fmt.Errorf("%s", strings.Join(errs, "; "))
	}
	return out, nil
}

// modifiers in the order bubbletea v2 prints them ("ctrl+alt+shift+x").
var modifiers = []string{"ctrl", "alt", "shift", "meta", "hyper", "super"}

// namedKeys are the non-character key names of bubbletea v2's Key.String().
var namedKeys = func() map[string]bool {
	m := map[string]bool{}
	for _, k := range []string{"enter", "tab", "backspace", "esc", "space", "up", "down", "left", "right",
		"begin", "find", "insert", "delete", "select", "pgup", "pgdown", "home", "end"} {
		m[k] = true
	}
	for i := 1; i <= 20; i++ {
		m[fmt.Sprintf("f%d", i)] = true
	}
	return m
}()

// ValidateKey checks that k is a key name bubbletea v2 can report: a single
// printable character ("j", "G", "/", "?") or a named key ("enter", "pgdown",
// "f5"), optionally after modifiers in bubbletea's order ("ctrl+c",
// "ctrl+alt+x", "shift+tab").
func ValidateKey(k string) error {
	if k == "" {
		return fmt.Errorf("empty key name")
	}
	if k == " " {
		return fmt.Errorf("key %q: write \"space\"", k)
	}
	base, mods := k, []string(nil)
	// "+" alone and "ctrl++" are the plus key, so split only before the last "+".
	for {
		i := strings.Index(base, "+")
		if i <= 0 || i == len(base)-1 {
			break
		}
		mods = append(mods, base[:i])
		base = base[i+1:]
	}
	last := -1
	for _, m := range mods {
		idx := slices.Index(modifiers, m)
		if idx < 0 {
			return fmt.Errorf("key %q: unknown modifier %q (allowed: %s)", k, m, strings.Join(modifiers, ", "))
		}
		if idx <= last {
			return fmt.Errorf("key %q: modifiers must appear once each, in the order %s", k, strings.Join(modifiers, "+"))
		}
		last = idx
	}
	if namedKeys[base] {
		return nil
	}
	if utf8.RuneCountInString(base) == 1 {
		r, _ := utf8.DecodeRuneInString(base)
		if r != utf8.RuneError && unicode.IsPrint(r) && !unicode.IsSpace(r) {
			return nil
		}
	}
	lower := strings.ToLower(base)
	if namedKeys[lower] {
		return fmt.Errorf("key %q: key names are lower case: write %q", k, strings.Replace(k, base, lower, 1))
	}
	return fmt.Errorf("key %q: not a key name (a single character, or one of: %s)", k, strings.Join(namedKeyList(), ", "))
}

func namedKeyList() []string {
	var out []string
	for k := range namedKeys {
		if !strings.HasPrefix(k, "f") || k == "find" {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return append(out, "f1…f20")
}
