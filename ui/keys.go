package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/sitrep-news/sitrep/config"
)

// keyMap holds one binding per config action, built from the live keymap
// (defaults plus the user's overrides), so help always shows real keys.
type keyMap struct {
	byName map[string]key.Binding
	order  []string
	groups map[string][]string // help group -> action names
	gorder []string
}

func newKeyMap(actions []config.Action) keyMap {
	if len(actions) == 0 {
		actions = config.DefaultKeymap()
	}
	k := keyMap{byName: map[string]key.Binding{}, groups: map[string][]string{}}
	for _, a := range actions {
		k.byName[a.Name] = key.NewBinding(key.WithKeys(a.Keys...), key.WithHelp(keyLabel(a.Keys), a.Help))
		k.order = append(k.order, a.Name)
		g := a.Group
		if g == "" {
			g = "other"
		}
		if _, ok := k.groups[g]; !ok {
			k.gorder = append(k.gorder, g)
		}
		k.groups[g] = append(k.groups[g], a.Name)
	}
	return k
}

// keyLabel shows keys the way help does: "j/↓".
func keyLabel(keys []string) string {
	out := make([]string, 0, len(keys))
	for _, k := range keys {
		switch k {
		case "up":
			k = "↑"
		case "down":
			k = "↓"
		}
		out = append(out, k)
	}
	return strings.Join(out, "/")
}

// action returns the name of the action msg triggers, or "".
func (k keyMap) action(msg tea.KeyPressMsg) string {
	for _, n := range k.order {
		if key.Matches(msg, k.byName[n]) {
			return n
		}
	}
	return ""
}

// first returns the first key of an action for hints ("? help").
func (k keyMap) first(name string) string {
	if b, ok := k.byName[name]; ok && len(b.Keys()) > 0 {
		return b.Keys()[0]
	}
	return ""
}

// FullHelp is the keymap as bubbles/help columns: one per help group.
func (k keyMap) FullHelp() [][]key.Binding {
	var out [][]key.Binding
	for _, g := range k.gorder {
		var col []key.Binding
		for _, n := range k.groups[g] {
			col = append(col, k.byName[n])
		}
		out = append(out, col)
	}
	return out
}
