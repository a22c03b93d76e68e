package config

import (
	"fmt"
	"net/url"
	"strings"
	"unicode"
)

// shellMeta are characters that have no business in a feed URL and that
// would mean something to a shell. sitrep never hands a URL to a shell, but
// newsboat-style configs and hostile OPML use them to smuggle commands, so a
// URL carrying one is refused rather than trusted. RFC 3986 sub-delimiters
// that real feed URLs use ("&", "=", "+", ",", "!", "(", ")", "*") are allowed.
const shellMeta = ";|`$<>\\\"'{}^"

// ValidateFeedURL checks that raw is an absolute http(s) URL with a host and
// nothing that could act as a command. It returns the trimmed URL.
func ValidateFeedURL(raw string) (string, error) {
	s := strings.TrimSpace(raw)
	if problem := urlProblem(s); problem != "" {
		if s == "" {
			return "", fmt.Errorf("empty URL")
		}
		return "", fmt.Errorf("%q %s", short(s), problem)
	}
	return s, nil
}

// urlProblem says what is wrong with a feed URL, as a phrase that follows
// the URL ("is ...", "has ...", "contains ..."), or "" if nothing is.
func urlProblem(s string) string {
	if s == "" {
		return "is empty"
	}
	lower := strings.ToLower(s)
	for _, p := range []string{`"`, "exec:", "filter:", "query:"} {
		if strings.HasPrefix(lower, p) {
			return "is a newsboat-style command (exec:, filter:, query:), not a feed: only http and https URLs are allowed"
		}
	}
	for _, p := range []string{"file:", "javascript:", "data:", "vbscript:"} {
		if strings.HasPrefix(lower, p) {
			return fmt.Sprintf("is a %s URL, not a web feed: only http and https URLs are allowed", p)
		}
	}
	for _, r := range s {
		if unicode.IsSpace(r) || unicode.IsControl(r) {
			return "contains whitespace or a control character"
		}
		if strings.ContainsRune(shellMeta, r) {
			return fmt.Sprintf("contains the shell metacharacter %q", r)
		}
	}
	u, err := url.Parse(s)
	if err != nil {
		return fmt.Sprintf("is not a valid URL: %v", unwrapURLError(err))
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
	case "":
		return "has no scheme: write http:// or https://"
	default:
		return fmt.Sprintf("has scheme %q: only http and https are allowed", u.Scheme)
	}
	if u.Host == "" || u.Hostname() == "" {
		return "has no host"
	}
	return ""
}

// urlKey is the form used to detect duplicate feeds: scheme and host are
// case-insensitive, the rest of a URL is not.
func urlKey(s string) string {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil {
		return strings.TrimSpace(s)
	}
	u.Scheme = strings.ToLower(u.Scheme)
	u.Host = strings.ToLower(u.Host)
	return u.String()
}

func unwrapURLError(err error) error {
	if ue, ok := err.(*url.Error); ok {
		return ue.Err
	}
	return err
}

// short keeps error messages readable when a URL is enormous.
func short(s string) string {
	const max = 200
	if len(s) <= max {
		return s
	}
	for i := max; i > 0; i-- {
		if s[i]&0xC0 != 0x80 {
			return s[:i] + "…"
		}
	}
	return s[:max] + "…"
}
