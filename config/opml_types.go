package config

// Skipped is an outline or feed that was not imported, and why.
type Skipped struct {
	Title  string // cleaned title, if any
	URL    string // as given (may be hostile: sanitise before printing)
	Folder string
	Line   int // line in the OPML file, 0 when not from a file
	Reason string
}
