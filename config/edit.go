package config

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// ErrDuplicate is returned by AddFeed when the feed's URL is already listed.
var ErrDuplicate = errors.New("feed already in config")

// ErrFeedNotFound is returned by RemoveFeed when no feed has the URL.
var ErrFeedNotFound = errors.New("no such feed in config")

// NormalizeFeed validates f the way Load would and returns it cleaned up:
// URL trimmed, folder levels trimmed, full_text checked.
func NormalizeFeed(f Feed) (Feed, error) {
	u, err := ValidateFeedURL(f.URL)
	if err != nil {
		return f, fmt.Errorf("feed url: %w", err)
	}
	f.URL = u
	if f.HTMLURL != "" {
		if f.HTMLURL, err = ValidateFeedURL(f.HTMLURL); err != nil {
			return f, fmt.Errorf("feed html_url: %w", err)
		}
	}
	if f.FullText != "" && !slices.Contains(FullTextModes, f.FullText) {
		return f, fmt.Errorf("feed full_text: invalid value %q (allowed: %s)", f.FullText, strings.Join(FullTextModes, ", "))
	}
	if f.Interval != 0 && f.Interval < time.Minute {
		return f, fmt.Errorf("feed interval: %s is too short (allowed: at least 1m)", f.Interval)
	}
	for _, s := range append([]string{f.Title, f.Folder}, f.Tags...) {
		if err := checkPlain(s); err != nil {
			return f, fmt.Errorf("feed %q: %w", short(s), err)
		}
	}
	f.Title = strings.Join(strings.Fields(f.Title), " ")
	f.Folder = normFolder(f.Folder)
	tags := f.Tags[:0:0]
	for _, t := range f.Tags {
		if t = strings.TrimSpace(t); t != "" && !slices.Contains(tags, t) {
			tags = append(tags, t)
		}
	}
	f.Tags = tags
	return f, nil
}

// AddFeed adds f to the config file at path, keeping its comments and order:
// the feed goes after the last feed of the same folder, or at the end. The
// file is created with the default config first if missing. ErrDuplicate if
// the URL is already listed.
func AddFeed(path string, f Feed) error {
	added, skipped, err := AddFeeds(path, []Feed{f})
	if err != nil {
		return err
	}
	if len(added) == 0 && len(skipped) > 0 {
		if skipped[0].Reason == reasonAlreadySubscribed {
			return fmt.Errorf("%s: %w", skipped[0].URL, ErrDuplicate)
		}
		return fmt.Errorf("add %s: %s", skipped[0].URL, skipped[0].Reason)
	}
	return nil
}

const reasonAlreadySubscribed = "already in config"

// AddFeeds adds feeds to the config file at path (see AddFeed). Feeds whose
// URL is already listed, repeated, or invalid are returned in skipped with the
// reason; the file is written once, and only if something was added.
func AddFeeds(path string, feeds []Feed) (added []Feed, skipped []Skipped, err error) {
	err = retryEdit(path, func() error {
		added, skipped, err = addFeeds(path, feeds)
		return err
	})
	return added, skipped, err
}

func addFeeds(path string, feeds []Feed) (added []Feed, skipped []Skipped, err error) {
	if err := ensureFile(path); err != nil {
		return nil, nil, err
	}
	unlock, err := lockConfig(path)
	if err != nil {
		return nil, nil, err
	}
	defer unlock()
	doc, cfg, data, err := loadNode(path)
	if err != nil {
		return nil, nil, err
	}
	seq := feedsSeq(doc)
	have := map[string]bool{}
	for _, f := range cfg.Feeds {
		have[urlKey(f.URL)] = true
	}
	for _, f := range feeds {
		nf, err := NormalizeFeed(f)
		if err != nil {
			reason := err.Error()
			if p := urlProblem(strings.TrimSpace(f.URL)); p != "" {
				reason = p
			}
			skipped = append(skipped, Skipped{Title: f.Title, URL: f.URL, Folder: f.Folder, Reason: reason})
			continue
		}
		if have[urlKey(nf.URL)] {
			skipped = append(skipped, Skipped{Title: nf.Title, URL: nf.URL, Folder: nf.Folder, Reason: reasonAlreadySubscribed})
			continue
		}
		have[urlKey(nf.URL)] = true
		insertFeed(seq, FeedNode(nf), nf.Folder)
		added = append(added, nf)
	}
	if len(added) == 0 {
		return nil, skipped, nil
	}
	want := append(slices.Clone(cfg.Feeds), added...)
	if err := writeNode(path, doc, data, func(c *Config) bool { return sameFeedSet(c.Feeds, want) }); err != nil {
		return nil, skipped, err
	}
	return added, skipped, nil
}

// RemoveFeed removes the feed with url from the config file at path, keeping
// comments and order. ErrFeedNotFound if no feed has that URL.
func RemoveFeed(path, url string) error {
	return retryEdit(path, func() error { return removeFeed(path, url) })
}

func removeFeed(path, url string) error {
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("remove feed: %w", err)
	}
	unlock, err := lockConfig(path)
	if err != nil {
		return err
	}
	defer unlock()
	doc, cfg, data, err := loadNode(path)
	if err != nil {
		return err
	}
	seq := feedsSeq(doc)
	key := urlKey(url)
	idx := -1
	for i, item := range seq.Content {
		if u := mapValue(item, "url"); u != nil && urlKey(u.Value) == key {
			idx = i
			break
		}
	}
	if idx < 0 {
		return fmt.Errorf("%s: %w", short(strings.TrimSpace(url)), ErrFeedNotFound)
	}
	removed := seq.Content[idx]
	// A comment above the removed feed usually heads its folder's group:
	// hand it to the next feed when that one is in the same folder.
	if removed.HeadComment != "" && idx+1 < len(seq.Content) {
		next := seq.Content[idx+1]
		if folderOf(next) == folderOf(removed) {
			next.HeadComment = joinComments(removed.HeadComment, next.HeadComment)
		}
	}
	seq.Content = slices.Delete(seq.Content, idx, idx+1)
	want := slices.DeleteFunc(slices.Clone(cfg.Feeds), func(f Feed) bool { return urlKey(f.URL) == key })
	return writeNode(path, doc, data, func(c *Config) bool { return sameFeedSet(c.Feeds, want) })
}

// Save writes c to path in full, atomically. Comments are not kept: use
// AddFeed and RemoveFeed to edit a commented file.
func Save(path string, c *Config) error {
	doc := ConfigNode(c)
	data, err := encodeNode(doc)
	if err != nil {
		return err
	}
	if _, err := Parse(data, path); err != nil {
		return fmt.Errorf("save config: refusing to write an invalid config: %w", err)
	}
	return WriteFileAtomic(path, data)
}

func ensureFile(path string) error {
	_, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return WriteDefault(path)
	}
	if err != nil {
		return fmt.Errorf("config: %w", err)
	}
	return nil
}

// loadNode reads and validates the config and returns its node tree. A
// broken config is not edited: the user fixes it first.
func loadNode(path string) (*yaml.Node, *Config, []byte, error) {
	data, err := readConfig(path)
	if err != nil {
		return nil, nil, nil, err
	}
	cfg, err := Parse(data, path)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("config has errors; fix them before editing it:\n%w", err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, nil, nil, fmt.Errorf("read config %s: %w", path, err)
	}
	if doc.Kind != yaml.DocumentNode {
		doc = yaml.Node{Kind: yaml.DocumentNode}
	}
	if len(doc.Content) == 0 || isNull(doc.Content[0]) {
		// A file of only comments parses to nothing: keep its comments.
		var comments []string
		for _, l := range strings.Split(string(data), "\n") {
			if l = strings.TrimSpace(l); strings.HasPrefix(l, "#") {
				comments = append(comments, l)
			}
		}
		doc.Content = []*yaml.Node{{Kind: yaml.MappingNode, Tag: "!!map", HeadComment: strings.Join(comments, "\n")}}
	}
	return &doc, cfg, data, nil
}

// feedsSeq returns the feeds sequence of the document, creating it if absent.
func feedsSeq(doc *yaml.Node) *yaml.Node {
	root := doc.Content[0]
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value == "feeds" {
			v := root.Content[i+1]
			if v.Kind != yaml.SequenceNode { // null: "feeds:" with nothing
				comment := v.LineComment
				*v = yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", LineComment: comment}
			}
			v.Style = 0 // block style, so one feed per entry
			return v
		}
	}
	seq := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
	root.Content = append(root.Content, strNode("feeds"), seq)
	return seq
}

func insertFeed(seq, item *yaml.Node, folder string) {
	at := -1
	for i, it := range seq.Content {
		if folderOf(it) == folder {
			at = i
		}
	}
	if at < 0 {
		seq.Content = append(seq.Content, item)
		return
	}
	seq.Content = slices.Insert(seq.Content, at+1, item)
}

func mapValue(m *yaml.Node, key string) *yaml.Node {
	if m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

func folderOf(item *yaml.Node) string {
	if v := mapValue(item, "folder"); v != nil {
		return normFolder(v.Value)
	}
	return ""
}

func joinComments(a, b string) string {
	if b == "" {
		return a
	}
	return a + "\n" + b
}

func strNode(s string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
}

// FeedNode is f as a YAML mapping node, in the config's key order.
func FeedNode(f Feed) *yaml.Node {
	m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	add := func(k string, v *yaml.Node) { m.Content = append(m.Content, strNode(k), v) }
	add("url", strNode(f.URL))
	if f.Title != "" {
		add("title", strNode(f.Title))
	}
	if f.Folder != "" {
		add("folder", strNode(f.Folder))
	}
	if len(f.Tags) > 0 {
		seq := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Style: yaml.FlowStyle}
		for _, t := range f.Tags {
			seq.Content = append(seq.Content, strNode(t))
		}
		add("tags", seq)
	}
	if f.FullText != "" {
		add("full_text", strNode(f.FullText))
	}
	if f.Interval != 0 {
		add("interval", strNode(FormatDuration(f.Interval)))
	}
	if f.HTMLURL != "" {
		add("html_url", strNode(f.HTMLURL))
	}
	return m
}

// ConfigNode is the whole config as a YAML document node.
func ConfigNode(c *Config) *yaml.Node {
	root := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	add := func(m *yaml.Node, k string, v *yaml.Node) { m.Content = append(m.Content, strNode(k), v) }
	scalar := func(tag, v string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: v} }

	feeds := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
	for _, f := range c.Feeds {
		feeds.Content = append(feeds.Content, FeedNode(f))
	}
	add(root, "feeds", feeds)

	d := Default()
	r := c.Refresh
	if r.Concurrency == 0 {
		r.Concurrency = d.Refresh.Concurrency
	}
	if r.PerHost == 0 {
		r.PerHost = d.Refresh.PerHost
	}
	if r.Timeout == 0 {
		r.Timeout = d.Refresh.Timeout
	}
	if r.Interval == 0 {
		r.Interval = d.Refresh.Interval
	}
	refresh := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	add(refresh, "concurrency", scalar("!!int", fmt.Sprint(r.Concurrency)))
	add(refresh, "per_host", scalar("!!int", fmt.Sprint(r.PerHost)))
	add(refresh, "timeout", strNode(FormatDuration(r.Timeout)))
	add(refresh, "interval", strNode(FormatDuration(r.Interval)))
	if r.KeepDays > 0 {
		add(refresh, "keep_days", scalar("!!int", fmt.Sprint(r.KeepDays)))
	}
	add(root, "refresh", refresh)

	ui := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	or := func(v, def string) string {
		if v == "" {
			return def
		}
		return v
	}
	add(ui, "theme", strNode(or(c.UI.Theme, DefaultTheme)))
	add(ui, "layout", strNode(or(c.UI.Layout, DefaultLayout)))
	add(ui, "mouse", scalar("!!bool", fmt.Sprint(c.UI.Mouse)))
	add(ui, "mark_read_on_open", scalar("!!bool", fmt.Sprint(c.UI.MarkRead())))
	if c.UI.Browser != "" {
		add(ui, "browser", strNode(c.UI.Browser))
	}
	add(root, "ui", ui)

	km := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	for _, name := range ActionNames() { // stable, help order
		keys, ok := c.Keymap[name]
		if !ok {
			continue
		}
		seq := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Style: yaml.FlowStyle}
		for _, k := range keys {
			seq.Content = append(seq.Content, strNode(k))
		}
		add(km, name, seq)
	}
	if len(km.Content) == 0 {
		km.Style = yaml.FlowStyle
	}
	add(root, "keymap", km)

	bp := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
	for _, p := range c.Clean.Boilerplate {
		bp.Content = append(bp.Content, strNode(p))
	}
	if len(bp.Content) == 0 {
		bp.Style = yaml.FlowStyle
	}
	cl := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	add(cl, "boilerplate", bp)
	add(root, "clean", cl)

	return &yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{root}}
}

// FormatDuration writes d the short way config files use: "30m", "1h30m", "45s".
func FormatDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

func encodeNode(doc *yaml.Node) ([]byte, error) { return encodeStyled(doc, yamlStyle{indent: 2}) }

// yamlStyle is the indentation a file was written with, so an edit does
// not reformat the whole file.
type yamlStyle struct {
	indent  int  // spaces per level
	compact bool // "key:\n- item": sequence dashes at the key's indentation
}

// detectStyle reads the indentation of the first nested mapping and the
// placement of the first block sequence's dashes.
func detectStyle(data []byte) yamlStyle {
	st := yamlStyle{indent: 2}
	var foundIndent, foundSeq bool
	lines := strings.Split(string(data), "\n")
	lead := func(l string) int { return len(l) - len(strings.TrimLeft(l, " ")) }
	for i := 0; i < len(lines) && !(foundIndent && foundSeq); i++ {
		parent := strings.TrimRight(lines[i], " \r")
		t := strings.TrimSpace(parent)
		if t == "" || t[0] == '#' || !strings.HasSuffix(t, ":") || strings.HasPrefix(t, "- ") {
			continue
		}
		for j := i + 1; j < len(lines); j++ {
			child := strings.TrimRight(lines[j], " \r")
			ct := strings.TrimSpace(child)
			if ct == "" || ct[0] == '#' {
				continue
			}
			d := lead(child) - lead(parent)
			if strings.HasPrefix(ct, "- ") || ct == "-" {
				if !foundSeq {
					foundSeq, st.compact = true, d == 0
				}
			} else if d >= 2 && d <= 8 && !foundIndent {
				foundIndent, st.indent = true, d
			}
			break
		}
	}
	return st
}

func encodeStyled(doc *yaml.Node, st yamlStyle) ([]byte, error) {
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(st.indent)
	if st.compact {
		enc.CompactSeqIndent()
	}
	if err := enc.Encode(doc); err != nil {
		return nil, fmt.Errorf("encode config: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("encode config: %w", err)
	}
	return b.Bytes(), nil
}

// writeNode encodes doc, restores the original file's blank lines and
// comment alignment, checks that the result parses to what the edit meant
// (ok), and writes it atomically.
func writeNode(path string, doc *yaml.Node, orig []byte, ok func(*Config) bool) error {
	out, err := encodeStyled(doc, detectStyle(orig))
	if err != nil {
		return err
	}
	pretty := restoreLayout(orig, out)
	if c, err := Parse(pretty, path); err == nil && ok(c) {
		out = pretty
	} else if c, err := Parse(out, path); err != nil || !ok(c) {
		// Never write a config that does not say what the edit meant.
		return fmt.Errorf("edit config %s: result does not validate (please report this): %v", path, err)
	}
	// Another sitrep (or an editor) may have written the file since we read
	// it: start over from its new content rather than lose that change.
	if now, err := readConfig(path); err != nil || !bytes.Equal(now, orig) {
		return errChanged
	}
	return WriteFileAtomic(path, out)
}

// errChanged means the file changed while being edited; the edit is retried.
var errChanged = errors.New("config changed while editing")

// retryEdit runs edit again when the file changed under it.
func retryEdit(path string, edit func() error) error {
	var err error
	for range 5 {
		if err = edit(); !errors.Is(err, errChanged) {
			return err
		}
	}
	return fmt.Errorf("edit config %s: %w by another program; try again", path, err)
}

// restoreLayout puts back what the YAML encoder drops: blank lines and the
// spacing before line comments. An encoded line that matches an original
// line (ignoring that spacing) is replaced by the original, and gets the
// blank line that preceded it there. Lines are matched as a multiset, so a
// changed file only loses layout around the change.
func restoreLayout(orig, out []byte) []byte {
	type info struct {
		text       string
		blankAbove bool
	}
	pool := map[string][]info{}
	prevBlank := false
	for _, l := range strings.Split(string(orig), "\n") {
		l = strings.TrimRight(l, " \t\r")
		if l == "" {
			prevBlank = true
			continue
		}
		k := layoutKey(l)
		pool[k] = append(pool[k], info{l, prevBlank})
		prevBlank = false
	}
	var b strings.Builder
	lines := strings.Split(strings.TrimRight(string(out), "\n"), "\n")
	lastBlank := true // no blank line at the top
	for _, l := range lines {
		k := layoutKey(l)
		if cands := pool[k]; len(cands) > 0 && l != "" {
			c := cands[0]
			pool[k] = cands[1:]
			if c.blankAbove && !lastBlank {
				b.WriteByte('\n')
			}
			l = c.text
		}
		b.WriteString(l)
		b.WriteByte('\n')
		lastBlank = l == ""
	}
	return []byte(b.String())
}

// layoutKey is a line with the run of spaces before a " #" comment collapsed.
func layoutKey(l string) string {
	l = strings.TrimRight(l, " \t\r")
	if i := strings.Index(l, " #"); i > 0 {
		j := i
		for j > 0 && l[j-1] == ' ' {
			j--
		}
		return l[:j] + l[i:]
	}
	return l
}

func sameFeedSet(a, b []Feed) bool {
	if len(a) != len(b) {
		return false
	}
	key := func(fs []Feed) map[string]Feed {
		m := make(map[string]Feed, len(fs))
		for _, f := range fs {
			if len(f.Tags) == 0 {
				f.Tags = nil
			}
			m[urlKey(f.URL)] = f
		}
		return m
	}
	return reflect.DeepEqual(key(a), key(b))
}

// WriteFileAtomic replaces path with data so that a crash leaves either the
// old or the new file, never half of one: a temp file in the same directory,
// fsync, rename. A symlinked config (dotfile managers) is written through
// the link; the file's permissions are kept.
func WriteFileAtomic(path string, data []byte) error {
	target := path
	if t, err := filepath.EvalSymlinks(path); err == nil {
		target = t
	}
	dir := filepath.Dir(target)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	mode := fs.FileMode(0o644)
	if st, err := os.Stat(target); err == nil {
		mode = st.Mode().Perm()
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(target)+".tmp-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	fail := func(err error) error {
		tmp.Close()
		os.Remove(tmp.Name())
		return fmt.Errorf("write %s: %w", path, err)
	}
	if _, err := tmp.Write(data); err != nil {
		return fail(err)
	}
	if err := tmp.Chmod(mode); err != nil {
		return fail(err)
	}
	if err := tmp.Sync(); err != nil {
		return fail(err)
	}
	if err := tmp.Close(); err != nil {
		return fail(err)
	}
	if err := os.Rename(tmp.Name(), target); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("write %s: %w", path, err)
	}
	if d, err := os.Open(dir); err == nil { // make the rename durable
		d.Sync()
		d.Close()
	}
	return nil
}
