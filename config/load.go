package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// MaxConfigSize bounds the config file read by Load (a config is a few KiB).
const MaxConfigSize = 8 << 20

// Load reads and validates the config at path. If the file does not exist it
// first writes the commented default config there (first run). Every unknown
// key and bad value is reported as an *Error (in an Errors list) naming the
// file, the line and the allowed keys or values.
func Load(path string) (*Config, error) {
	data, err := readConfig(path)
	created := false
	if errors.Is(err, fs.ErrNotExist) {
		if werr := WriteDefault(path); werr != nil {
			return nil, werr
		}
		created = true
		data, err = readConfig(path)
	}
	if err != nil {
		return nil, err
	}
	c, err := Parse(data, path)
	if err != nil {
		return nil, err
	}
	c.Created = created
	return c, nil
}

func readConfig(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read config: %w", err)
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return nil, fmt.Errorf("read config: %s is a directory, not a file", path)
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxConfigSize+1))
	if err != nil {
		return nil, fmt.Errorf("read config %s: %w", path, err)
	}
	if len(data) > MaxConfigSize {
		return nil, fmt.Errorf("read config %s: larger than %d MiB; is this the right file?", path, MaxConfigSize>>20)
	}
	return data, nil
}

// WriteDefault writes the commented default config to path (creating its
// directory) unless a file is already there.
func WriteDefault(path string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("create config directory: %w", err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return nil // someone else wrote it first; keep theirs
	}
	if err != nil {
		return fmt.Errorf("write default config: %w", err)
	}
	if _, err := f.Write(DefaultYAML); err != nil {
		f.Close()
		os.Remove(path)
		return fmt.Errorf("write default config %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		os.Remove(path)
		return fmt.Errorf("write default config %s: %w", path, err)
	}
	return nil
}

// Parse validates config data; file names the source in error messages.
func Parse(data []byte, file string) (*Config, error) {
	d := &decoder{file: file}
	c := Default()
	c.Path = file

	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return c, nil // empty file: all defaults, no feeds
		}
		return nil, d.syntaxError(err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		d.add(&extra, "", nil, "a config file holds one YAML document; remove the extra \"---\" document")
	} else if !errors.Is(err, io.EOF) {
		return nil, d.syntaxError(err)
	}
	root := &doc
	if root.Kind == yaml.DocumentNode && len(root.Content) > 0 {
		root = root.Content[0]
	}
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return c, nil
	}
	d.config(root, c)
	if len(d.errs) > 0 {
		return nil, d.errs
	}
	return c, nil
}

// yamlLine finds "line N" in yaml.v3's syntax errors.
var yamlLine = regexp.MustCompile(`line (\d+)`)

func (d *decoder) syntaxError(err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	e := &Error{File: d.file, Msg: "invalid YAML: " + msg}
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		e.Line, _ = strconv.Atoi(m[1])
		e.Msg = "invalid YAML: " + strings.TrimSpace(yamlLine.ReplaceAllString(msg, ""))
		e.Msg = strings.TrimSuffix(strings.ReplaceAll(e.Msg, ":  ", ": "), ":")
	}
	return Errors{e}
}

type decoder struct {
	file string
	errs Errors
}

func (d *decoder) add(n *yaml.Node, key string, allowed []string, format string, a ...any) {
	e := &Error{File: d.file, Key: key, Msg: fmt.Sprintf(format, a...), Allowed: allowed}
	if n != nil {
		e.Line, e.Column = n.Line, n.Column
	}
	d.errs = append(d.errs, e)
}

// field is one allowed key of a mapping and what to do with its value.
type field struct {
	name string
	set  func(v *yaml.Node, key string)
}

// mapping walks a YAML mapping, calling each known field's setter and
// reporting unknown and repeated keys.
func (d *decoder) mapping(n *yaml.Node, path string, fields []field) {
	if !d.checkKind(n, path, yaml.MappingNode, "a mapping of keys") {
		return
	}
	names := make([]string, len(fields))
	for i, f := range fields {
		names[i] = f.name
	}
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		full := joinKey(path, k.Value)
		if k.Kind != yaml.ScalarNode {
			d.add(k, path, names, "keys must be plain names")
			continue
		}
		idx := slices.Index(names, k.Value)
		if idx < 0 {
			where := "at the top level"
			if path != "" {
				where = "in " + path
			}
			d.add(k, "", names, "unknown key %q %s", k.Value, where)
			continue
		}
		if line, dup := seen[k.Value]; dup {
			d.add(k, full, nil, "key repeated (first set on line %d)", line)
			continue
		}
		seen[k.Value] = k.Line
		if v.Kind == yaml.AliasNode {
			d.add(v, full, nil, "YAML aliases (*%s) are not supported in the config", v.Value)
			continue
		}
		fields[idx].set(v, full)
	}
}

func joinKey(path, k string) string {
	if path == "" {
		return k
	}
	return path + "." + k
}

var kindNames = map[yaml.Kind]string{
	yaml.DocumentNode: "a document", yaml.SequenceNode: "a list", yaml.MappingNode: "a mapping",
	yaml.ScalarNode: "a single value", yaml.AliasNode: "an alias",
}

func (d *decoder) checkKind(n *yaml.Node, key string, want yaml.Kind, what string) bool {
	if n.Kind == want {
		return true
	}
	if n.Kind == yaml.AliasNode {
		d.add(n, key, nil, "YAML aliases (*%s) are not supported in the config", n.Value)
		return false
	}
	d.add(n, key, nil, "must be %s, not %s", what, kindNames[n.Kind])
	return false
}

func isNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.Tag == "!!null" }

func (d *decoder) str(n *yaml.Node, key string, dst *string) {
	if isNull(n) {
		return
	}
	if !d.checkKind(n, key, yaml.ScalarNode, "a string") {
		return
	}
	*dst = n.Value
}

// plain reports text that could act on a terminal or break a line: a
// title in the config is typed by the user, and never needs these.
func (d *decoder) plain(n *yaml.Node, key, s string) {
	if err := checkPlain(s); err != nil {
		d.add(n, key, []string{"one line of text without control or bidi-override characters"}, "%v", err)
	}
}

// checkPlain rejects C0 and C1 controls (so also newlines and escape
// sequences), DEL, and bidi embeddings, overrides and isolates.
func checkPlain(s string) error {
	for _, r := range s {
		switch {
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f):
			return fmt.Errorf("contains the control character %U", r)
		case (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069):
			return fmt.Errorf("contains the bidi control %U", r)
		}
	}
	return nil
}

func (d *decoder) enum(n *yaml.Node, key string, allowed []string, dst *string) {
	if !d.checkKind(n, key, yaml.ScalarNode, "one of "+strings.Join(allowed, ", ")) {
		return
	}
	if !slices.Contains(allowed, n.Value) {
		d.add(n, key, allowed, "invalid value %q", n.Value)
		return
	}
	*dst = n.Value
}

func (d *decoder) boolean(n *yaml.Node, key string, dst *bool) {
	if !d.checkKind(n, key, yaml.ScalarNode, "true or false") {
		return
	}
	if n.Tag != "!!bool" {
		d.add(n, key, []string{"true", "false"}, "invalid value %q", n.Value)
		return
	}
	b, err := strconv.ParseBool(strings.ToLower(n.Value))
	if err != nil {
		d.add(n, key, []string{"true", "false"}, "invalid value %q", n.Value)
		return
	}
	*dst = b
}

func (d *decoder) posInt(n *yaml.Node, key string, max int, dst *int) {
	d.intRange(n, key, 1, max, dst)
}

// intRange decodes a whole number from min to max into dst.
func (d *decoder) intRange(n *yaml.Node, key string, min, max int, dst *int) {
	if !d.checkKind(n, key, yaml.ScalarNode, "a whole number") {
		return
	}
	allowed := []string{fmt.Sprintf("a whole number from %d to %d", min, max)}
	v, err := strconv.Atoi(n.Value)
	if n.Tag != "!!int" || err != nil {
		d.add(n, key, allowed, "invalid value %q", n.Value)
		return
	}
	if v < min || v > max {
		d.add(n, key, allowed, "%d is out of range", v)
		return
	}
	*dst = v
}

func (d *decoder) duration(n *yaml.Node, key string, min time.Duration, dst *time.Duration) {
	allowed := []string{fmt.Sprintf(`a Go duration of at least %s such as "30s", "15m", "1h30m"`, min)}
	if !d.checkKind(n, key, yaml.ScalarNode, "a duration") {
		return
	}
	if n.Tag == "!!int" || n.Tag == "!!float" {
		d.add(n, key, allowed, "%q has no unit: write e.g. %q", n.Value, n.Value+"s")
		return
	}
	v, err := time.ParseDuration(n.Value)
	if err != nil {
		d.add(n, key, allowed, "invalid duration %q", n.Value)
		return
	}
	if v < min {
		d.add(n, key, allowed, "%s is too short", n.Value)
		return
	}
	*dst = v
}

func (d *decoder) strList(n *yaml.Node, key string, dst *[]string) {
	if isNull(n) {
		return
	}
	if n.Kind == yaml.ScalarNode {
		*dst = []string{n.Value} // "tags: world" is a list of one
		return
	}
	if !d.checkKind(n, key, yaml.SequenceNode, "a list of strings") {
		return
	}
	out := make([]string, 0, len(n.Content))
	for i, item := range n.Content {
		if !d.checkKind(item, fmt.Sprintf("%s[%d]", key, i), yaml.ScalarNode, "a string") {
			continue
		}
		out = append(out, item.Value)
	}
	*dst = out
}

func (d *decoder) config(root *yaml.Node, c *Config) {
	d.mapping(root, "", []field{
		{"feeds", func(v *yaml.Node, key string) { d.feeds(v, key, c) }},
		{"refresh", func(v *yaml.Node, key string) { d.refresh(v, key, &c.Refresh) }},
		{"ui", func(v *yaml.Node, key string) { d.ui(v, key, &c.UI) }},
		{"keymap", func(v *yaml.Node, key string) { d.keymap(v, key, c) }},
		{"clean", func(v *yaml.Node, key string) { d.clean(v, key, &c.Clean) }},
	})
}

func (d *decoder) feeds(n *yaml.Node, key string, c *Config) {
	if isNull(n) {
		return
	}
	if !d.checkKind(n, key, yaml.SequenceNode, "a list of feeds") {
		return
	}
	firstLine := map[string]int{}
	for i, item := range n.Content {
		ik := fmt.Sprintf("%s[%d]", key, i)
		var f Feed
		var urlNode *yaml.Node
		d.mapping(item, ik, []field{
			{"url", func(v *yaml.Node, k string) { urlNode = v; d.str(v, k, &f.URL) }},
			{"title", func(v *yaml.Node, k string) { d.str(v, k, &f.Title); d.plain(v, k, f.Title) }},
			{"folder", func(v *yaml.Node, k string) { d.str(v, k, &f.Folder); d.plain(v, k, f.Folder) }},
			{"tags", func(v *yaml.Node, k string) {
				d.strList(v, k, &f.Tags)
				for _, t := range f.Tags {
					d.plain(v, k, t)
				}
			}},
			{"full_text", func(v *yaml.Node, k string) { d.enum(v, k, FullTextModes, &f.FullText) }},
			{"interval", func(v *yaml.Node, k string) { d.duration(v, k, time.Minute, &f.Interval) }},
			{"html_url", func(v *yaml.Node, k string) { d.str(v, k, &f.HTMLURL) }},
		})
		if item.Kind != yaml.MappingNode {
			continue
		}
		if urlNode == nil {
			d.add(item, ik, nil, "feed has no url: every feed needs \"url: https://...\"")
			continue
		}
		u, err := ValidateFeedURL(f.URL)
		if err != nil {
			d.add(urlNode, ik+".url", []string{"http:// or https:// URLs"}, "%v", err)
			continue
		}
		f.URL = u
		if f.HTMLURL != "" {
			if _, err := ValidateFeedURL(f.HTMLURL); err != nil {
				d.add(item, ik+".html_url", []string{"http:// or https:// URLs"}, "%v", err)
			}
		}
		f.Folder = normFolder(f.Folder)
		if line, dup := firstLine[urlKey(u)]; dup {
			d.add(urlNode, ik+".url", nil, "duplicate feed %s (already listed on line %d)", short(u), line)
			continue
		}
		firstLine[urlKey(u)] = urlNode.Line
		c.Feeds = append(c.Feeds, f)
	}
}

// normFolder trims each level of a "/"-separated folder path and drops
// empty levels, so " World / Africa/" and "World/Africa" are one folder.
func normFolder(s string) string {
	parts := strings.Split(s, "/")
	out := parts[:0]
	for _, p := range parts {
		if p = strings.Join(strings.Fields(p), " "); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, "/")
}

func (d *decoder) refresh(n *yaml.Node, key string, r *Refresh) {
	if isNull(n) {
		return
	}
	d.mapping(n, key, []field{
		{"concurrency", func(v *yaml.Node, k string) { d.posInt(v, k, 256, &r.Concurrency) }},
		{"per_host", func(v *yaml.Node, k string) { d.posInt(v, k, 64, &r.PerHost) }},
		{"timeout", func(v *yaml.Node, k string) { d.duration(v, k, time.Second, &r.Timeout) }},
		{"interval", func(v *yaml.Node, k string) { d.duration(v, k, time.Minute, &r.Interval) }},
		{"keep_days", func(v *yaml.Node, k string) { d.intRange(v, k, 0, MaxKeepDays, &r.KeepDays) }},
	})
}

func (d *decoder) ui(n *yaml.Node, key string, u *UI) {
	if isNull(n) {
		return
	}
	d.mapping(n, key, []field{
		{"theme", func(v *yaml.Node, k string) { d.enum(v, k, Themes, &u.Theme) }},
		{"mouse", func(v *yaml.Node, k string) { d.boolean(v, k, &u.Mouse) }},
		{"layout", func(v *yaml.Node, k string) { d.enum(v, k, Layouts, &u.Layout) }},
		{"mark_read_on_open", func(v *yaml.Node, k string) {
			var b bool
			before := len(d.errs)
			d.boolean(v, k, &b)
			if len(d.errs) == before {
				u.MarkReadOnOpen = &b
			}
		}},
		{"browser", func(v *yaml.Node, k string) { d.str(v, k, &u.Browser) }},
	})
}

func (d *decoder) keymap(n *yaml.Node, key string, c *Config) {
	if isNull(n) {
		return
	}
	if !d.checkKind(n, key, yaml.MappingNode, "a mapping of action: [keys]") {
		return
	}
	names := ActionNames()
	lines := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		ak := joinKey(key, k.Value)
		if !slices.Contains(names, k.Value) {
			d.add(k, key, names, "unknown keymap action %q", k.Value)
			continue
		}
		if _, dup := lines[k.Value]; dup {
			d.add(k, ak, nil, "action repeated (first set on line %d)", lines[k.Value].Line)
			continue
		}
		var keys []string
		before := len(d.errs)
		d.strList(v, ak, &keys)
		if len(d.errs) > before {
			continue
		}
		if len(keys) == 0 {
			d.add(v, ak, nil, "empty key list: give at least one key, e.g. [%q]", DefaultKeysFor(k.Value)[0])
			continue
		}
		bad := false
		for _, kk := range keys {
			if err := ValidateKey(kk); err != nil {
				d.add(v, ak, nil, "%v", err)
				bad = true
			}
		}
		if bad {
			continue
		}
		lines[k.Value] = k
		c.Keymap[k.Value] = keys
	}
	// Conflicts: a key bound to two actions once the overrides are applied.
	actions, _ := Keymap(c.Keymap)
	owner := map[string]string{}
	for _, a := range actions {
		for _, kk := range a.Keys {
			prev, dup := owner[kk]
			if !dup {
				owner[kk] = a.Name
				continue
			}
			at := lines[a.Name]
			if at == nil {
				at = lines[prev]
			}
			d.add(at, key, nil, "key %q is bound to both %q and %q: rebind one of them", kk, prev, a.Name)
		}
	}
}

// DefaultKeysFor returns the default keys of an action (nil if unknown).
func DefaultKeysFor(action string) []string {
	for _, a := range defaultActions {
		if a.Name == action {
			return slices.Clone(a.Keys)
		}
	}
	return nil
}

func (d *decoder) clean(n *yaml.Node, key string, cl *Clean) {
	if isNull(n) {
		return
	}
	d.mapping(n, key, []field{
		{"boilerplate", func(v *yaml.Node, k string) {
			d.strList(v, k, &cl.Boilerplate)
			if v.Kind != yaml.SequenceNode {
				return
			}
			for i, item := range v.Content {
				if item.Kind != yaml.ScalarNode {
					continue
				}
				if _, err := regexp.Compile(item.Value); err != nil {
					d.add(item, fmt.Sprintf("%s[%d]", k, i), []string{"Go regular expressions (RE2 syntax)"}, "invalid pattern: %v", err)
				}
			}
		}},
	})
}
