// Package config loads and writes sitrep's YAML configuration, resolves XDG
// paths, imports and exports OPML, and holds the keymap and theme settings.
package config

import "time"

// Config is the whole config file.
type Config struct {
	Path    string              `yaml:"-"` // file it was loaded from
	Created bool                `yaml:"-"` // Load wrote the default config first (first run)
	Feeds   []Feed              `yaml:"feeds"`
	Refresh Refresh             `yaml:"refresh"`
	UI      UI                  `yaml:"ui"`
	Keymap  map[string][]string `yaml:"keymap"` // action -> keys, overrides defaults
	Clean   Clean               `yaml:"clean"`
}

// Feed is one subscription.
type Feed struct {
	URL      string        `yaml:"url"`
	Title    string        `yaml:"title,omitempty"`
	Folder   string        `yaml:"folder,omitempty"` // nested folders joined with "/"
	Tags     []string      `yaml:"tags,omitempty"`
	FullText string        `yaml:"full_text,omitempty"` // auto | always | never (default auto)
	Interval time.Duration `yaml:"interval,omitempty"`  // 0: Refresh.Interval
	HTMLURL  string        `yaml:"html_url,omitempty"`  // the site's home page (kept from OPML htmlUrl)
}

// Refresh tunes the feed engine.
type Refresh struct {
	Concurrency int           `yaml:"concurrency"` // default 16
	PerHost     int           `yaml:"per_host"`    // default 2
	Timeout     time.Duration `yaml:"timeout"`     // total per request, default 30s
	Interval    time.Duration `yaml:"interval"`    // default feed refresh interval, default 30m
	KeepDays    int           `yaml:"keep_days"`   // prune unstarred articles older than this; 0 keeps everything
}

// UI settings.
type UI struct {
	Theme          string `yaml:"theme"`             // auto | dark | light
	Mouse          bool   `yaml:"mouse"`             // opt-in
	Layout         string `yaml:"layout"`            // auto | wide | stacked | single
	MarkReadOnOpen *bool  `yaml:"mark_read_on_open"` // default true; Load always sets it
	Browser        string `yaml:"browser,omitempty"` // default: $BROWSER, xdg-open, open
}

// Clean extends the built-in boilerplate rules.
type Clean struct {
	Boilerplate []string `yaml:"boilerplate,omitempty"` // extra block patterns (regexp)
}

// Allowed values of the enumerated settings.
var (
	FullTextModes = []string{"auto", "always", "never"}
	Themes        = []string{"auto", "dark", "light"}
	Layouts       = []string{"auto", "wide", "stacked", "single"}
)

// Defaults.
const (
	DefaultConcurrency = 16
	DefaultPerHost     = 2
	DefaultTimeout     = 30 * time.Second
	DefaultInterval    = 30 * time.Minute
	MaxKeepDays        = 36500 // refresh.keep_days upper bound (100 years)
	DefaultFullText    = "auto"
	DefaultTheme       = "auto"
	DefaultLayout      = "auto"
)

// Default returns a config with every default set and no feeds.
func Default() *Config {
	t := true
	return &Config{
		Refresh: Refresh{
			Concurrency: DefaultConcurrency,
			PerHost:     DefaultPerHost,
			Timeout:     DefaultTimeout,
			Interval:    DefaultInterval,
		},
		UI:     UI{Theme: DefaultTheme, Layout: DefaultLayout, MarkReadOnOpen: &t},
		Keymap: map[string][]string{},
	}
}

// MarkRead reports whether opening an article marks it read (default true).
func (u UI) MarkRead() bool { return u.MarkReadOnOpen == nil || *u.MarkReadOnOpen }

// FeedInterval is how often f is refreshed: its own interval, else the
// config-wide default.
func (c *Config) FeedInterval(f Feed) time.Duration {
	if f.Interval > 0 {
		return f.Interval
	}
	if c.Refresh.Interval > 0 {
		return c.Refresh.Interval
	}
	return DefaultInterval
}

// FullTextMode is f's full_text setting with the default applied.
func (f Feed) FullTextMode() string {
	if f.FullText == "" {
		return DefaultFullText
	}
	return f.FullText
}

// Actions returns the keymap with this config's overrides applied. Load has
// already validated the overrides, so the error is only for hand-built configs.
func (c *Config) Actions() ([]Action, error) { return Keymap(c.Keymap) }
