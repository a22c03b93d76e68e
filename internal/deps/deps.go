// Package deps pins the project's chosen dependencies in go.mod while the
// packages that use them are being written in parallel, so no two writers
// edit go.mod at once. Delete it once every module here is imported for real.
package deps

import (
	_ "charm.land/bubbles/v2/help"
	_ "charm.land/bubbles/v2/key"
	_ "charm.land/bubbles/v2/spinner"
	_ "charm.land/bubbles/v2/textinput"
	_ "charm.land/bubbles/v2/viewport"
	_ "charm.land/bubbletea/v2"
	_ "charm.land/glamour/v2"
	_ "charm.land/lipgloss/v2"
	_ "codeberg.org/readeck/go-readability/v2"
	_ "github.com/PuerkitoBio/goquery"
	_ "github.com/adrg/xdg"
	_ "github.com/charmbracelet/colorprofile"
	_ "github.com/charmbracelet/x/ansi"
	_ "github.com/charmbracelet/x/exp/golden"
	_ "github.com/charmbracelet/x/exp/teatest/v2"
	_ "github.com/microcosm-cc/bluemonday"
	_ "github.com/mmcdole/gofeed"
	_ "go.yaml.in/yaml/v3"
	_ "golang.org/x/net/html"
	_ "golang.org/x/net/html/charset"
	_ "golang.org/x/sync/errgroup"
	_ "golang.org/x/text/encoding/charmap"
	_ "modernc.org/sqlite"
)
