// Package config loads and writes sitrep's YAML configuration, resolves XDG
// paths, imports and exports OPML, and holds the keymap and theme settings.
package config

import "time"

// Config is the whole config file.
type Config struct {
	Path    string              `yaml:"-"` // file it was loaded from
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
	Folder   string        `yaml:"folder,omitempty"`
	Tags     []string      `yaml:"tags,omitempty"`
	FullText string        `yaml:"full_text,omitempty"` // auto | always | never (default auto)
	Interval time.Duration `yaml:"interval,omitempty"`  // 0: Refresh.Interval
}

// Refresh tunes the feed engine.
type Refresh struct {
	Concurrency int           `yaml:"concurrency"` // default 16
	PerHost     int           `yaml:"per_host"`    // default 2
	Timeout     time.Duration `yaml:"timeout"`     // total per request, default 30s
	Interval    time.Duration `yaml:"interval"`    // default feed refresh interval, default 30m
}

// UI settings.
type UI struct {
	Theme          string `yaml:"theme"`             // auto | dark | light
	Mouse          bool   `yaml:"mouse"`             // opt-in
	Layout         string `yaml:"layout"`            // auto | wide | stacked | single
	MarkReadOnOpen *bool  `yaml:"mark_read_on_open"` // default true
	Browser        string `yaml:"browser,omitempty"` // default: $BROWSER, xdg-open, open
}

// Clean extends the built-in boilerplate rules.
type Clean struct {
	Boilerplate []string `yaml:"boilerplate,omitempty"` // extra block patterns (regexp)
}
