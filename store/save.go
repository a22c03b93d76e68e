package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// futureSlack is how far in the future a published date may be before the
// store replaces it with the first-seen time: a feed dated 9999 would
// otherwise sit on top of the list forever.
const futureSlack = 48 * time.Hour

// hashDedupMinText: two items of a feed with the same text but different
// titles count as one article only when the text is this long. Short texts
// ("Read more…", a stock teaser) are shared by genuinely different articles.
const hashDedupMinText = 500

// ContentHash is the article content hash: hex sha256 of the cleaned text.
// The analysis cache is keyed by it.
func ContentHash(text string) string {
	sum := sha256.Sum256([]byte(text))
	return hex.EncodeToString(sum[:])
}

// signature hashes every stored field: equal signatures mean "nothing changed".
func signature(it Item) string {
	h := sha256.New()
	for _, s := range []string{it.URL, it.Title, it.Author, it.Raw, it.Markdown, it.Text} {
		fmt.Fprintf(h, "%d:", len(s))
		h.Write([]byte(s))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// trackingParams are query parameters that identify a campaign, not a page.
var trackingParams = map[string]bool{
	"fbclid": true, "gclid": true, "dclid": true, "msclkid": true, "mc_cid": true, "mc_eid": true,
	"_hsenc": true, "_hsmi": true, "igshid": true, "ocid": true, "cmpid": true, "at_medium": true, "at_campaign": true,
}

// CanonicalURL is the dedup key of an article link: scheme and host
// lowercased, http folded into https, default port, fragment, utm_* and
// other tracking parameters dropped, remaining parameters sorted, trailing
// slash removed. "" when u is not an absolute http(s) URL.
func CanonicalURL(u string) string {
	p, err := url.Parse(strings.TrimSpace(u))
	if err != nil || p.Host == "" {
		return ""
	}
	scheme := strings.ToLower(p.Scheme)
	if scheme != "http" && scheme != "https" {
		return ""
	}
	host := strings.ToLower(p.Hostname())
	if host == "" {
		return ""
	}
	if strings.Contains(host, ":") {
		host = "[" + host + "]" // IPv6 literal
	}
	if port := p.Port(); port != "" && port != "80" && port != "443" {
		host += ":" + port
	}
	q := p.Query()
	for k := range q {
		if strings.HasPrefix(strings.ToLower(k), "utm_") || trackingParams[strings.ToLower(k)] {
			q.Del(k)
		}
	}
	path := strings.TrimRight(p.EscapedPath(), "/")
	out := "https://" + host + path
	if len(q) > 0 {
		out += "?" + q.Encode()
	}
	return out
}

// isHomepage reports whether a canonical URL is a site's front page: feeds
// that link every item to it must not have their items merged.
func isHomepage(canon string) bool {
	p, err := url.Parse(canon)
	return err == nil && (p.Path == "" || p.Path == "/") && p.RawQuery == ""
}

type saveStmts struct {
	byGUID, byURL, byHash  *sql.Stmt
	insArticle, updArticle *sql.Stmt
	fillGUID, clearFacts   *sql.Stmt
}

func prepareSave(ctx context.Context, tx *sql.Tx) (*saveStmts, error) {
	var st saveStmts
	var err error
	prep := func(dst **sql.Stmt, q string) {
		if err == nil {
			*dst, err = tx.PrepareContext(ctx, q)
		}
	}
	prep(&st.byGUID, `SELECT id, sig, hash, title FROM articles WHERE feed_id = ? AND guid = ? AND guid <> ''`)
	prep(&st.byURL, `SELECT id, sig, hash, title FROM articles WHERE feed_id = ? AND canonical_url = ? AND canonical_url <> '' ORDER BY id DESC LIMIT 2`)
	prep(&st.byHash, `SELECT id, sig, hash, title FROM articles WHERE feed_id = ? AND hash = ? AND hash <> '' ORDER BY id DESC LIMIT 1`)
	prep(&st.insArticle, `INSERT INTO articles(feed_id, guid, url, canonical_url, title, author, published, fetched, updated, hash, sig)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	prep(&st.updArticle, `UPDATE articles SET url = ?, canonical_url = ?, title = ?, author = ?,
		published = CASE WHEN ? <> 0 THEN ? ELSE published END, updated = ?, hash = ?, sig = ? WHERE id = ?`)
	prep(&st.fillGUID, `UPDATE articles SET guid = ? WHERE id = ? AND guid = ''`)
	prep(&st.clearFacts, `DELETE FROM article_facts WHERE article_id = ?`)
	return &st, err
}

type bodyRow struct {
	id                 int64
	raw, markdown, txt string
}

// bodyChunk rows per statement: 4 parameters each, far below SQLite's
// 32,766-parameter limit, and a refresh's 1,000-item maximum is 10 statements.
const bodyChunk = 100

// writeBodies upserts the batch's bodies with as few statements as
// possible, after every article row of the batch is written. Why: the
// bodies' triggers write the FTS5 index, and FTS5 flushes its pending terms
// into a new on-disk segment at every statement savepoint once it is part
// of a transaction. One body per statement made one segment per article
// (plus the merges to undo that); one statement per 100 bodies makes one
// per chunk. A body written twice in the batch keeps its last version.
func writeBodies(ctx context.Context, tx *sql.Tx, rows []bodyRow) error {
	last := make(map[int64]int, len(rows))
	for i, r := range rows {
		last[r.id] = i
	}
	uniq := rows[:0:0]
	for i, r := range rows {
		if last[r.id] == i {
			uniq = append(uniq, r)
		}
	}
	for len(uniq) > 0 {
		n := min(bodyChunk, len(uniq))
		q := `INSERT INTO article_bodies(article_id, raw, markdown, text) VALUES ` +
			strings.Repeat("(?, ?, ?, ?), ", n-1) + `(?, ?, ?, ?)
		ON CONFLICT(article_id) DO UPDATE SET raw = excluded.raw, markdown = excluded.markdown, text = excluded.text`
		args := make([]any, 0, 4*n)
		for _, r := range uniq[:n] {
			args = append(args, r.id, r.raw, r.markdown, r.txt)
		}
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			return err
		}
		uniq = uniq[n:]
	}
	return nil
}

type existing struct {
	id               int64
	sig, hash, title string
}

func lookup(ctx context.Context, stmt *sql.Stmt, args ...any) (existing, bool, error) {
	var e existing
	err := stmt.QueryRowContext(ctx, args...).Scan(&e.id, &e.sig, &e.hash, &e.title)
	if errors.Is(err, sql.ErrNoRows) {
		return e, false, nil
	}
	return e, err == nil, err
}

// lookupURL returns the newest article with the link and how many there
// are (0, 1, or 2 meaning "more than one").
func lookupURL(ctx context.Context, stmt *sql.Stmt, feedID int64, canon string) (existing, int, error) {
	rows, err := stmt.QueryContext(ctx, feedID, canon)
	if err != nil {
		return existing{}, 0, err
	}
	defer rows.Close()
	var first existing
	n := 0
	for rows.Next() {
		var e existing
		if err := rows.Scan(&e.id, &e.sig, &e.hash, &e.title); err != nil {
			return existing{}, 0, err
		}
		if n == 0 {
			first = e
		}
		n++
	}
	return first, n, rows.Err()
}

// SaveItems upserts items of a feed in one transaction. Dedup by (feed,
// guid), then canonical URL, then content hash, all within the feed; an
// updated article (same identity, new content) is rewritten in place and
// keeps its read/star/archive state.
//
// Guards against feeds that would otherwise merge distinct articles: a URL
// shared by items with different GUIDs in the same batch, or by two stored
// articles, or a site's front page, is not used as identity; a text hash identifies only non-empty text,
// and short texts only together with the same title.
func (s *Store) SaveItems(ctx context.Context, feedID int64, items []Item) (SaveResult, error) {
	return s.save(ctx, feedID, items, nil)
}

// SaveFetch is SaveItems followed by RecordFetch(rec) in the same
// transaction: the validators (ETag...) become durable exactly when the
// items do, so a crash can never turn the next fetch into a 304 that loses
// them, and a refresh costs one commit (one fsync) per feed instead of two.
// rec.FeedID must be feedID.
func (s *Store) SaveFetch(ctx context.Context, feedID int64, items []Item, rec FetchResult) (SaveResult, error) {
	if err := checkRecord(feedID, rec); err != nil {
		return SaveResult{}, err
	}
	return s.save(ctx, feedID, items, &rec)
}

func (s *Store) save(ctx context.Context, feedID int64, items []Item, rec *FetchResult) (SaveResult, error) {
	op := fmt.Sprintf("save items of feed %d", feedID)
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return SaveResult{}, wrap(op, err)
	}
	defer tx.Rollback()
	st, err := prepareSave(ctx, tx)
	if err != nil {
		return SaveResult{}, wrap(op, err)
	}
	res, err := s.saveTx(ctx, tx, st, feedID, items, rec)
	if err != nil {
		return SaveResult{}, wrap(op, err)
	}
	if err := tx.Commit(); err != nil {
		return SaveResult{}, wrap(op, err)
	}
	return res, nil
}

// FeedSave is one feed's refresh for SaveFetches.
type FeedSave struct {
	FeedID int64
	Items  []Item
	Fetch  FetchResult // Fetch.FeedID must be FeedID
}

// SaveFetches is SaveFetch for several feeds in one transaction: one commit
// (one fsync, one full-text index flush) for the lot, which is what a
// refresh saving many feeds at once wants. A feed that fails (unknown feed,
// a constraint) must not take the others down: the group is then rolled
// back and each feed saved on its own (SaveFetch), so only that feed gets
// its error. If the commit fails (disk full, cancelled), every feed gets
// that error and nothing is stored. Results and errors are per feed, in
// the order given.
//
// Why not a savepoint per feed: FTS5 flushes its pending terms into a new
// segment at every savepoint release, which costs a third of a cold save.
func (s *Store) SaveFetches(ctx context.Context, saves []FeedSave) ([]SaveResult, []error) {
	res := make([]SaveResult, len(saves))
	errs := make([]error, len(saves))
	failAll := func(err error) ([]SaveResult, []error) {
		for i, fs := range saves {
			res[i] = SaveResult{}
			errs[i] = wrap(fmt.Sprintf("save items of feed %d", fs.FeedID), err)
		}
		return res, errs
	}
	if len(saves) == 0 {
		return res, errs
	}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return failAll(err)
	}
	defer tx.Rollback()
	st, err := prepareSave(ctx, tx)
	if err != nil {
		return failAll(err)
	}
	for i, fs := range saves {
		var r SaveResult
		err := checkRecord(fs.FeedID, fs.Fetch)
		if err == nil {
			r, err = s.saveTx(ctx, tx, st, fs.FeedID, fs.Items, &fs.Fetch)
		}
		if err != nil {
			tx.Rollback()
			if ctx.Err() != nil {
				return failAll(ctx.Err())
			}
			for i, fs := range saves {
				res[i], errs[i] = s.SaveFetch(ctx, fs.FeedID, fs.Items, fs.Fetch)
			}
			return res, errs
		}
		res[i] = r
	}
	if err := tx.Commit(); err != nil {
		return failAll(err)
	}
	return res, errs
}

func checkRecord(feedID int64, rec FetchResult) error {
	if rec.FeedID != feedID {
		return fmt.Errorf("save items of feed %d: fetch result is for feed %d", feedID, rec.FeedID)
	}
	return nil
}

// saveTx saves one feed's items (and its fetch record, when rec is not nil)
// inside tx.
func (s *Store) saveTx(ctx context.Context, tx *sql.Tx, st *saveStmts, feedID int64, items []Item, rec *FetchResult) (SaveResult, error) {
	var res SaveResult
	var one int
	if err := tx.QueryRowContext(ctx, `SELECT 1 FROM feeds WHERE id = ?`, feedID).Scan(&one); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			err = ErrNotFound
		}
		return res, err
	}

	canon := make([]string, len(items))
	guidsByURL := map[string]map[string]bool{}
	for i, it := range items {
		canon[i] = CanonicalURL(it.URL)
		if canon[i] == "" || it.GUID == "" {
			continue
		}
		if guidsByURL[canon[i]] == nil {
			guidsByURL[canon[i]] = map[string]bool{}
		}
		guidsByURL[canon[i]][it.GUID] = true
	}

	seenAt := now()
	var bodies []bodyRow
	for i, it := range items {
		if err := ctx.Err(); err != nil {
			return SaveResult{}, err
		}
		hash := ContentHash(it.Text)
		sig := signature(it)
		e, found, err := s.findExisting(ctx, st, feedID, it, canon[i], hash, len(guidsByURL[canon[i]]) > 1)
		if err != nil {
			return SaveResult{}, err
		}
		pub := it.Published
		if !pub.IsZero() && pub.After(seenAt.Add(futureSlack)) {
			pub = seenAt
		}
		if !found {
			if pub.IsZero() {
				pub = seenAt
			}
			r, err := st.insArticle.ExecContext(ctx, feedID, it.GUID, it.URL, canon[i], it.Title, it.Author,
				toDB(pub), toDB(seenAt), toDB(seenAt), hash, sig)
			if err != nil {
				return SaveResult{}, err
			}
			id, err := r.LastInsertId()
			if err != nil {
				return SaveResult{}, err
			}
			bodies = append(bodies, bodyRow{id, it.Raw, it.Markdown, it.Text})
			res.New++
			res.NewIDs = append(res.NewIDs, id)
			// As Article would read it back: the stored (clamped, UTC) date.
			res.Articles = append(res.Articles, SavedArticle{ID: id, Hash: hash, Title: it.Title, Text: it.Text, Published: fromDB(toDB(pub))})
			continue
		}
		if it.GUID != "" {
			if _, err := st.fillGUID.ExecContext(ctx, it.GUID, e.id); err != nil {
				return SaveResult{}, err
			}
		}
		if e.sig == sig {
			res.Same++
			continue
		}
		p := toDB(pub)
		if _, err := st.updArticle.ExecContext(ctx, it.URL, canon[i], it.Title, it.Author, p, p, toDB(seenAt), hash, sig, e.id); err != nil {
			return SaveResult{}, err
		}
		bodies = append(bodies, bodyRow{e.id, it.Raw, it.Markdown, it.Text})
		if e.hash != hash {
			// The badges described the old text.
			if _, err := st.clearFacts.ExecContext(ctx, e.id); err != nil {
				return SaveResult{}, err
			}
		}
		res.Updated++
	}
	if err := writeBodies(ctx, tx, bodies); err != nil {
		return SaveResult{}, err
	}
	if rec != nil {
		if err := recordFetch(ctx, tx, *rec); err != nil {
			return SaveResult{}, err
		}
	}
	return res, nil
}

func (s *Store) findExisting(ctx context.Context, st *saveStmts, feedID int64, it Item, canon, hash string, urlShared bool) (existing, bool, error) {
	if it.GUID != "" {
		if e, ok, err := lookup(ctx, st.byGUID, feedID, it.GUID); ok || err != nil {
			return e, ok, err
		}
	}
	if canon != "" && !urlShared && !isHomepage(canon) {
		e, n, err := lookupURL(ctx, st.byURL, feedID, canon)
		if err != nil {
			return e, false, err
		}
		// Two stored articles already share this link: the feed reuses
		// links for distinct items (a live page), so a link is no identity.
		if n == 1 {
			return e, true, nil
		}
	}
	if strings.TrimSpace(it.Text) != "" {
		e, ok, err := lookup(ctx, st.byHash, feedID, hash)
		if err != nil || !ok {
			return e, false, err
		}
		if len(it.Text) >= hashDedupMinText || e.title == it.Title {
			return e, true, nil
		}
	}
	return existing{}, false, nil
}
