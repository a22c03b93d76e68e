package config

import _ "embed"

// DefaultYAML is the commented config written on first run: a curated list
// of public regional and world news feeds grouped in folders, and every
// setting at its default.
//
//go:embed default.yaml
var DefaultYAML []byte
