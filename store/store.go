package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Errors callers can test with errors.Is to show a clear message. Every
// error the store returns wraps one of these when the cause is known.
var (
	// ErrReadOnly: the database file or its directory cannot be written
	// (permissions, read-only mount). Nothing stored is damaged.
	ErrReadOnly = errors.New("database is read-only")
	// ErrDiskFull: the disk (or quota) is full. The failed transaction was
	// rolled back; nothing stored is damaged.
	ErrDiskFull = errors.New("disk is full")
	// ErrBusy: another process held the write lock longer than busyTimeout.
	ErrBusy = errors.New("database is busy (locked by another sitrep process)")
	// ErrIO: the operating system failed a read or write (disk full on some
	// systems, file size limit, failing or removed disk).
	ErrIO = errors.New("the system refused to read or write the database")
	// ErrTooNew: the database was written by a newer sitrep.
	ErrTooNew = errors.New("database schema is newer than this sitrep")
)

// busyTimeout is how long a connection waits for another process's lock
// before giving up. A `sitrep fetch` from cron commits one transaction per
// feed: milliseconds usually, but a 1,000-item first fetch of a feed on a
// loaded machine can hold the lock for seconds, and a read/star change from
// the TUI should wait that out rather than fail.
const busyTimeout = 30 * time.Second

// maxReaders bounds the read pool: the UI lists, counts and renders
// concurrently, the feed engine reads feeds; more gains nothing on 2 cores.
const maxReaders = 4

// Store is an open sitrep database: one writer connection plus a reader pool.
//
// All writes go through w, a pool of exactly one connection, so writes from
// this process never contend with each other for SQLite's lock; every write
// transaction starts with BEGIN IMMEDIATE so contention with another process
// (a cron `sitrep fetch` next to the TUI) waits in busy_timeout instead of
// failing with a deadlock-style SQLITE_BUSY on lock upgrade. Reads use r,
// whose connections are query_only and, in WAL mode, never block the writer
// nor wait for it.
type Store struct {
	path string
	w    *sql.DB
	r    *sql.DB
}

// openOptions are test hooks; Open uses the zero value.
type openOptions struct {
	readOnlyFile bool  // open the writer with mode=ro, as if the file were read-only
	maxPages     int64 // PRAGMA max_page_count on the writer: simulates a full disk
}

// Open opens (creating and migrating if needed) the database at path.
func Open(path string) (*Store, error) { return open(path, openOptions{}) }

// Path returns the database file path given to Open.
func (s *Store) Path() string { return s.path }

func open(path string, o openOptions) (*Store, error) {
	if path == "" {
		return nil, errors.New("open store: empty database path")
	}
	if path == ":memory:" || strings.HasPrefix(path, "file:") {
		// The writer and every reader are separate connections: they must
		// share a file. Tests and the demo use a temporary file.
		return nil, fmt.Errorf("open store %s: the store needs a database file path (use a temporary file instead)", path)
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o700); err != nil { // reading habits are private
			return nil, wrap("open store "+path, fmt.Errorf("create directory: %w", err))
		}
	}

	w, err := sql.Open("sqlite", dsn(path, true, o))
	if err != nil {
		return nil, wrap("open store "+path, err)
	}
	// One writer connection: SQLite allows one writer at a time anyway, and
	// a single connection makes the per-connection pragmas (synchronous=FULL)
	// and the transaction order in this process obvious.
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxIdleTime(0)
	w.SetConnMaxLifetime(0)

	ctx := context.Background()
	if err := connect(ctx, w); err != nil {
		w.Close()
		return nil, wrap("open store "+path, fmt.Errorf("connect: %w", dirWritable(filepath.Dir(path), err)))
	}
	if o.maxPages > 0 {
		if _, err := w.ExecContext(ctx, fmt.Sprintf("PRAGMA max_page_count = %d", o.maxPages)); err != nil {
			w.Close()
			return nil, wrap("open store "+path, err)
		}
	}
	// Prove we can write now rather than on the user's first keypress: a
	// read-only file or directory, or a full disk, is reported by Open.
	if err := probeWritable(ctx, w); err != nil {
		w.Close()
		return nil, wrap("open store "+path, fmt.Errorf("check write access: %w", err))
	}
	if err := migrate(ctx, w, len(migrations)); err != nil {
		w.Close()
		return nil, wrap("open store "+path, err)
	}

	r, err := sql.Open("sqlite", dsn(path, false, o))
	if err != nil {
		w.Close()
		return nil, wrap("open store "+path, err)
	}
	r.SetMaxOpenConns(maxReaders)
	r.SetMaxIdleConns(maxReaders)
	if err := r.PingContext(ctx); err != nil {
		w.Close()
		r.Close()
		return nil, wrap("open store "+path, err)
	}
	return &Store{path: path, w: w, r: r}, nil
}

// connect opens the writer's connection. Switching a new database to WAL
// needs an exclusive lock, and SQLite reports a conflict there as
// SQLITE_BUSY without consulting busy_timeout: when several processes
// create the database at once (the TUI and a cron fetch on first run), the
// losers retry for up to busyTimeout.
func connect(ctx context.Context, w *sql.DB) error {
	deadline := time.Now().Add(busyTimeout)
	for wait := 5 * time.Millisecond; ; wait = min(2*wait, 200*time.Millisecond) {
		err := w.PingContext(ctx)
		if err == nil || !isBusy(err) || time.Now().After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(wait):
		}
	}
}

func isBusy(err error) bool {
	var se *sqlite.Error
	return errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_BUSY
}

// dsn builds a modernc.org/sqlite DSN. The pragmas are DSN parameters so
// that every connection the pool ever opens gets them, not just the first.
func dsn(path string, writer bool, o openOptions) string {
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busyTimeout.Milliseconds()))
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "cache_size(-16000)") // 16 MB: the list indexes of 100k articles fit
	q.Add("_pragma", "temp_store(MEMORY)") // sorts of search results stay off the disk
	if writer {
		q.Add("_pragma", "journal_mode(WAL)")
		// A checkpoint leaves the WAL at its largest size; past 64 MB
		// (a big first import) it is truncated back.
		q.Add("_pragma", "journal_size_limit(67108864)")
		// synchronous=FULL on the writer: see the durability note in state.go.
		// fullfsync: on macOS plain fsync does not flush the drive's cache
		// (F_FULLFSYNC does); elsewhere the pragma changes nothing.
		q.Add("_pragma", "synchronous(FULL)")
		q.Add("_pragma", "fullfsync(1)")
		q.Set("_txlock", "immediate")
	} else {
		q.Add("_pragma", "query_only(1)")
	}
	if o.readOnlyFile {
		q.Set("mode", "ro")
	}
	// file: URI so that '?', '#' and '%' in the path are escaped, not parsed.
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
}

// dirWritable explains a failure to open: SQLite says only "unable to open
// database file" when the directory refuses the file or its WAL.
func dirWritable(dir string, err error) error {
	f, terr := os.CreateTemp(dir, ".sitrep-write-test-*")
	if terr == nil {
		f.Close()
		os.Remove(f.Name())
		return err
	}
	if errors.Is(terr, os.ErrPermission) || errors.Is(terr, syscall.EROFS) {
		return fmt.Errorf("%w: directory %s is not writable: %w", ErrReadOnly, dir, err)
	}
	return err
}

// probeWritable takes and releases the write lock. On a read-only file
// SQLite opens read-only silently and only fails at the first write.
func probeWritable(ctx context.Context, w *sql.DB) error {
	tx, err := w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	// A no-op write that touches the header: user_version unchanged.
	var v int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		tx.Rollback()
		return err
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", v)); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// Close closes the database. When no other process has it open, SQLite
// folds the WAL back in and the database is a single file again.
func (s *Store) Close() error {
	if s == nil {
		return nil
	}
	var errs []error
	if s.r != nil {
		errs = append(errs, s.r.Close())
	}
	if s.w != nil {
		// Best effort: refresh the planner's statistics where tables changed
		// a lot, without waiting long for another process's write lock.
		// (Closing the last connection checkpoints the WAL and removes it.)
		ctx := context.Background()
		s.w.ExecContext(ctx, "PRAGMA busy_timeout = 200")
		s.w.ExecContext(ctx, "PRAGMA optimize")
		errs = append(errs, s.w.Close())
	}
	if err := errors.Join(errs...); err != nil {
		return wrap("close store", err)
	}
	return nil
}

// wrap adds the operation and, when the SQLite result code says so, one of
// the package's sentinel errors with a hint the user can act on.
func wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, ErrNotFound) || errors.Is(err, ErrReadOnly) || errors.Is(err, ErrDiskFull) ||
		errors.Is(err, ErrBusy) || errors.Is(err, ErrTooNew) || errors.Is(err, ErrIO) ||
		errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("%s: %w", op, err)
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_READONLY:
			return fmt.Errorf("%s: %w (check the permissions of the database file and its directory, which must be writable for the WAL): %w", op, ErrReadOnly, err)
		case sqlite3.SQLITE_CANTOPEN:
			if strings.Contains(op, "open") {
				return fmt.Errorf("%s: cannot open or create the database file (does the directory exist and is it writable?): %w", op, err)
			}
		case sqlite3.SQLITE_FULL:
			return fmt.Errorf("%s: %w (free some space; nothing already stored was changed): %w", op, ErrDiskFull, err)
		case sqlite3.SQLITE_IOERR:
			return fmt.Errorf("%s: %w (is the disk full, over a quota or failing? the transaction was rolled back): %w", op, ErrIO, err)
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			return fmt.Errorf("%s: %w: %w", op, ErrBusy, err)
		}
	}
	if errors.Is(err, os.ErrPermission) {
		return fmt.Errorf("%s: %w: %w", op, ErrReadOnly, err)
	}
	return fmt.Errorf("%s: %w", op, err)
}

// Time is stored as INTEGER microseconds since the Unix epoch (covers the
// years 0 to 9999 that hostile feeds send); 0 stands for the zero time.
func toDB(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMicro()
}

func fromDB(v int64) time.Time {
	if v == 0 {
		return time.Time{}
	}
	return time.UnixMicro(v).UTC()
}

// now is the store's clock, replaceable in tests.
var now = func() time.Time { return time.Now() }
