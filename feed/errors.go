// Package feed fetches and parses RSS, Atom and JSON feeds and refreshes the
// stored subscriptions: a polite HTTP client with global and per-host limits,
// a pre-pass that repairs real-world feeds before gofeed sees them, and the
// refresh engine that records every outcome in the store.
package feed

import (
	"errors"
	"fmt"
	"net/http"
	"time"
)

// ErrTooLarge is returned when a response body, after decompression, exceeds
// the size limit (15 MiB by default): a gzip bomb or a runaway feed.
var ErrTooLarge = errors.New("response body too large")

// ErrScheme is returned for a URL, or a redirect target, that is not http or https.
var ErrScheme = errors.New("only http and https URLs can be fetched")

// ErrTooManyRedirects is returned after more than MaxRedirects redirects (a loop).
var ErrTooManyRedirects = errors.New("too many redirects")

// HTTPError is a response with a status sitrep does not treat as success.
type HTTPError struct {
	Status     int
	RetryAfter time.Duration // from Retry-After on 429/503; 0 when absent
}

func (e *HTTPError) Error() string {
	msg := fmt.Sprintf("HTTP %d %s", e.Status, http.StatusText(e.Status))
	switch {
	case e.Status == http.StatusGone:
		msg += ": the feed is gone and will not be polled again"
	case e.RetryAfter > 0:
		msg += fmt.Sprintf(" (retry after %s)", e.RetryAfter.Round(time.Second))
	}
	return msg
}

// ParseError is returned when a document cannot be read as a feed even after
// the repair pre-pass.
type ParseError struct {
	Reason string // what is wrong, for the user
	Err    error  // underlying parser error, if any
}

func (e *ParseError) Error() string {
	if e.Err != nil {
		return "not a usable feed: " + e.Reason + ": " + e.Err.Error()
	}
	return "not a usable feed: " + e.Reason
}

func (e *ParseError) Unwrap() error { return e.Err }

// IsGone reports whether err means the feed answered 410 Gone.
func IsGone(err error) bool {
	var he *HTTPError
	return errors.As(err, &he) && he.Status == http.StatusGone
}
