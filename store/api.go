// Package store keeps feeds, articles, per-article state and cached analyses
// in SQLite (modernc.org/sqlite: pure Go, WAL, FTS5).
//
// This file is the package's contract with feed/, ui/ and main: the types and
// method set other packages code against. The implementation lives in the
// other files of the package.
package store

import (
	"errors"
	"time"
)

// ErrNotFound is returned when an article or feed does not exist.
var ErrNotFound = errors.New("not found")

// Feed is one subscription and its fetch bookkeeping.
type Feed struct {
	ID           int64
	URL          string // current URL (301/308 update it)
	Title        string // sanitised display title (config title, else the feed's own)
	Folder       string
	SiteURL      string
	ETag         string
	LastModified string
	LastFetch    time.Time // last attempt
	LastSuccess  time.Time
	NextFetch    time.Time // not before: backoff, Retry-After, Cache-Control max-age
	LastError    string    // empty when the last fetch succeeded
	Failures     int       // consecutive failures
	Gone         bool      // HTTP 410: never polled again until re-added
	Unread       int       // filled by Feeds()
	Total        int       // filled by Feeds()
}

// FeedSpec is what the config says about a feed; SyncFeeds mirrors it.
type FeedSpec struct {
	URL    string
	Title  string
	Folder string
}

// FetchResult is what one refresh attempt of one feed learned.
type FetchResult struct {
	FeedID       int64
	NewURL       string // permanent redirect target, "" if unchanged
	Title        string // the feed's own title, "" to keep
	SiteURL      string
	ETag         string
	LastModified string
	NotModified  bool
	Err          error // nil on success (200 or 304)
	Gone         bool
	NextFetch    time.Time
	At           time.Time
}

// Item is one article as the feed engine hands it over: already cleaned and sanitised.
type Item struct {
	GUID      string
	URL       string // canonical link
	Title     string
	Author    string
	Published time.Time // zero: the store uses the first-seen time
	Raw       string    // raw content (HTML) as received
	Markdown  string    // cleaned Markdown for the reader
	Text      string    // cleaned plain text for analysis and search
}

// SaveResult counts what SaveItems did.
type SaveResult struct {
	New     int
	Updated int
	Same    int
	NewIDs  []int64
	// Articles are the new articles as stored (NewIDs' order), with what
	// analysis needs, so it does not read them back.
	Articles []SavedArticle
}

// SavedArticle is a new article as SaveItems stored it.
type SavedArticle struct {
	ID        int64
	Hash      string // ContentHash(Text)
	Title     string
	Text      string
	Published time.Time // as stored: first-seen time when the item had none, clamped, UTC
}

// State is the user's per-article state.
type State struct {
	Read       bool
	Starred    bool
	Archived   bool
	ReadAt     time.Time
	StarredAt  time.Time
	ArchivedAt time.Time
}

// Article is a stored article with its state.
type Article struct {
	ID        int64
	FeedID    int64
	FeedTitle string
	GUID      string
	URL       string
	Title     string
	Author    string
	Published time.Time
	Fetched   time.Time
	Raw       string
	Markdown  string
	Text      string
	Hash      string // content hash (hex sha256 of Text)
	StoryID   int64  // 0 when not clustered
	State
}

// Row is what the article list needs: no bodies.
type Row struct {
	ID        int64
	FeedID    int64
	FeedTitle string
	Title     string
	URL       string
	Published time.Time
	Read      bool
	Starred   bool
	Archived  bool
	Badges    []string // "kind:state" or "kind" fact badges from the stored analysis
	StoryID   int64
	Sources   int // with Query.Stories: how many matching articles the story has (1 if unclustered)
}

// Query selects articles for the list. Zero values mean "no filter".
type Query struct {
	FeedID          int64
	Folder          string
	UnreadOnly      bool
	StarredOnly     bool
	IncludeArchived bool
	Search          string // FTS5 query over title and text; plain words are fine
	Fact            string // "kind:state" or "kind"
	Since           time.Time
	Stories         bool // one row per story (its newest matching article), Row.Sources set
	Limit           int  // 0: no limit
	Offset          int
}
