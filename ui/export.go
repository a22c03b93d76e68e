package ui

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/sitrep-news/sitrep/brief"
	"github.com/sitrep-news/sitrep/config"
)

// exportTimeout bounds a briefing export: it reads (and, without a cached
// analysis, analyses) every article of the view.
const exportTimeout = 2 * time.Minute

// exportDir is where briefings go: $XDG_DATA_HOME/sitrep/briefs, next to
// the default database.
func exportDir() string {
	return filepath.Join(filepath.Dir(config.DBPath("")), "briefs")
}

// export writes the current view (its feed, folder, search, fact and
// unread filters, every matching article) as a Markdown briefing in a
// command; the status line shows the file's path or the error.
func (m *Model) export() tea.Cmd {
	if m.src == nil {
		return nil
	}
	src, ctx, q, now := m.src, m.ctx, m.q, m.now()
	q.Limit, q.Offset = 0, 0
	title := "sitrep briefing — " + line(m.feedLabel)
	dir := exportDir()
	m.setStatus("writing briefing…")
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, exportTimeout)
		defer cancel()
		b, err := brief.Collect(ctx, src, q, title, now)
		if err != nil {
			return statusMsg{text: fmt.Sprintf("export briefing: %v", err), err: true}
		}
		var buf bytes.Buffer
		if err := brief.Markdown(&buf, b); err != nil {
			return statusMsg{text: fmt.Sprintf("export briefing: %v", err), err: true}
		}
		path, err := writeBrief(dir, now, buf.Bytes())
		if err != nil {
			return statusMsg{text: fmt.Sprintf("export briefing: %v", err), err: true}
		}
		n := fmt.Sprintf("%d stories", len(b.Stories))
		if len(b.Stories) == 1 {
			n = "1 story"
		}
		return statusMsg{text: fmt.Sprintf("briefing written to %s (%s)", path, n)}
	}
}

// writeBrief writes data to dir/brief-YYYYMMDD-HHMMSS.md atomically
// (config.WriteFileAtomic: a temporary file renamed into place), next to
// and never over an earlier briefing of the same second.
func writeBrief(dir string, now time.Time, data []byte) (string, error) {
	base := "brief-" + now.Format("20060102-150405")
	for n := 1; n < 100; n++ {
		name := base + ".md"
		if n > 1 {
			name = fmt.Sprintf("%s-%d.md", base, n)
		}
		path := filepath.Join(dir, name)
		if _, err := os.Lstat(path); err == nil {
			continue
		} else if !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, syscall.ENOTDIR) {
			return "", fmt.Errorf("write %s: %w", path, err)
		}
		return path, config.WriteFileAtomic(path, data)
	}
	return "", fmt.Errorf("write briefing: too many briefings named %s-*.md in %s", base, dir)
}
