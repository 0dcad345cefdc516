// Package pgcluster runs a private PostgreSQL cluster from the PostgreSQL
// binaries installed on the machine, so that the forum works out of the box
// without a database administrator, and tests get a throwaway server.
package pgcluster

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// defaultPort needs no configuration: the server listens on a unix socket
// in a private folder only, so the number cannot clash with other servers.
const defaultPort = 5432

// maxSocketPath keeps a margin below the kernel's 107-byte limit for unix
// socket paths (sun_path), which postgres enforces at start.
const maxSocketPath = 100

// readyTimeout bounds the wait for a reused server that is still starting.
const readyTimeout = 15 * time.Second

var validDatabase = regexp.MustCompile(`^[a-z_][a-z0-9_]*$`)

// Options configures a cluster.
type Options struct {
	// Dir is the data folder; the cluster lives in Dir/pg and its unix
	// socket in Dir/run, or in a short folder under os.TempDir() when
	// Dir/run would make the socket path too long for the kernel.
	Dir string
	// Database is created after start when it does not exist yet, so the
	// caller can connect to it straight away; empty means none.
	Database string
	// Ephemeral trades crash safety for speed (fsync, synchronous_commit
	// and full_page_writes off); meant for test clusters whose data is
	// thrown away. It only applies when this process starts the server.
	Ephemeral bool
	// Log receives progress lines, because a first start runs initdb and
	// takes a few seconds the user should know about; nil discards them.
	Log io.Writer
}

// Cluster is a running private cluster, either started by this process or
// reused because it was already running (e.g. `hyperboard serve` runs while
// `hyperboard migrate` is called from another shell).
type Cluster struct {
	dir     string // absolute Options.Dir
	shown   string // Options.Dir as the user wrote it, for messages
	pgData  string
	sockDir string
	port    int
	started bool
	pid     int // postmaster pid when started, to never stop someone else's server
	bins    *binaries
	acct    *account
	log     io.Writer

	mu      sync.Mutex
	stopped bool
}

// Start initialises the cluster on first use (initdb), starts it when it is
// down, or reuses it when it is already running, and creates
// Options.Database when missing. Concurrent calls on the same Dir, also from
// other processes, are serialised by a lock file so they cannot run initdb or
// start the server twice.
func Start(ctx context.Context, opts Options) (*Cluster, error) {
	c, err := start(ctx, opts)
	if err != nil {
		return nil, fmt.Errorf("pgcluster: start: %w", err)
	}
	return c, nil
}

func start(ctx context.Context, opts Options) (*Cluster, error) {
	if opts.Dir == "" {
		return nil, errors.New("no data folder given")
	}
	if opts.Database != "" && (!validDatabase.MatchString(opts.Database) || len(opts.Database) > 63) {
		return nil, fmt.Errorf("invalid database name %q: use lower-case letters, digits and _ (at most 63, not starting with a digit)", opts.Database)
	}
	abs, err := filepath.Abs(opts.Dir)
	if err != nil {
		return nil, err
	}
	// pg_ctl pastes the paths into a /bin/sh command line inside double
	// quotes, where these characters would be interpreted.
	if strings.ContainsAny(abs, "\"$`\\\n") {
		return nil, fmt.Errorf("data folder %q contains a character pg_ctl cannot handle (\" $ ` \\ or newline)", abs)
	}
	c := &Cluster{
		dir:    abs,
		shown:  opts.Dir,
		pgData: filepath.Join(abs, "pg"),
		log:    opts.Log,
	}
	if c.log == nil {
		c.log = io.Discard
	}
	if c.bins, err = searchBinaries(); err != nil {
		return nil, err
	}
	if c.acct, err = serverAccount(); err != nil {
		return nil, err
	}
	if err := mkdirAll(abs, 0o755); err != nil {
		return nil, err
	}
	if c.acct != nil {
		real, err := filepath.EvalSymlinks(abs)
		if err != nil {
			return nil, err
		}
		if err := checkTraversable(real, c.acct, statDir); err != nil {
			return nil, err
		}
	}

	unlock, err := lockFile(ctx, filepath.Join(abs, ".lock"))
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", filepath.Join(abs, ".lock"), err)
	}
	defer unlock()

	if _, err := os.Stat(filepath.Join(c.pgData, "PG_VERSION")); errors.Is(err, fs.ErrNotExist) {
		if err := c.initdb(ctx, opts.Ephemeral); err != nil {
			return nil, err
		}
	} else if err != nil {
		return nil, err
	}

	running, err := c.running(ctx)
	if err != nil {
		return nil, err
	}
	if running && c.removeStalePidFile() {
		running = false
	}
	if running {
		if err := c.adopt(ctx); err != nil {
			return nil, err
		}
	} else if err := c.startServer(ctx, opts.Ephemeral); err != nil {
		return nil, err
	}

	if opts.Database != "" {
		if err := c.ensureDatabase(ctx, opts.Database); err != nil {
			if c.started {
				// Nobody would own a server we started but do not hand out.
				_ = c.stop(context.Background())
			}
			return nil, fmt.Errorf("create database %s: %w", opts.Database, err)
		}
	}
	return c, nil
}

// DSN returns a libpq key/value DSN for database on this cluster's socket,
// e.g. "host=/abs/dir/run port=5432 user=postgres dbname=hyperboard sslmode=disable".
func (c *Cluster) DSN(database string) string {
	return fmt.Sprintf("host=%s port=%d user=postgres dbname=%s sslmode=disable",
		dsnValue(c.sockDir), c.port, dsnValue(database))
}

// Started reports whether this process started the server, and so whether
// Stop will stop it; false when it reused a running one.
func (c *Cluster) Started() bool { return c.started }

// SocketDir is the folder holding the server's unix socket, for tools that
// take a host option (psql -h, pg_dump -h).
func (c *Cluster) SocketDir() string { return c.sockDir }

// Port is the port number that names the socket file (.s.PGSQL.<port>);
// no TCP port is opened.
func (c *Cluster) Port() int { return c.port }

// Stop stops the server with pg_ctl stop -m fast, waiting until it is down,
// if this process started it. It is a no-op for a reused server, which
// belongs to the process that started it, and when called again.
func (c *Cluster) Stop() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.started || c.stopped {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	unlock, err := lockFile(ctx, filepath.Join(c.dir, ".lock"))
	if err != nil {
		return fmt.Errorf("pgcluster: stop: lock: %w", err)
	}
	defer unlock()
	if err := c.stop(ctx); err != nil {
		return fmt.Errorf("pgcluster: stop: %w", err)
	}
	c.stopped = true
	return nil
}

func (c *Cluster) stop(ctx context.Context) error {
	// After a crash another process may have started a new server in the
	// same folder; that one is not ours to stop.
	if pf, _ := c.pidFile(); pf.pid != c.pid {
		return nil
	}
	fmt.Fprintf(c.log, "postgres: stopping server in %s\n", filepath.Join(c.shown, "pg"))
	out, err := c.run(ctx, true, c.bins.pgCtl, "-D", c.pgData, "-m", "fast", "-w", "-t", "60", "stop")
	if err == nil {
		return nil
	}
	if running, serr := c.running(ctx); serr == nil && !running {
		return nil
	}
	return fmt.Errorf("pg_ctl stop: %w: %s", err, strings.TrimSpace(out))
}

// initdb creates the cluster in a scratch folder and renames it into place,
// so that an interrupted first run leaves no half-made Dir/pg behind that
// would make every later start fail.
func (c *Cluster) initdb(ctx context.Context, ephemeral bool) error {
	if entries, err := os.ReadDir(c.pgData); err == nil && len(entries) > 0 {
		return fmt.Errorf("%s exists but holds no PostgreSQL cluster (no PG_VERSION); move it away or delete it", c.pgData)
	}
	fmt.Fprintf(c.log, "postgres: initialising cluster in %s\n", filepath.Join(c.shown, "pg"))
	tmp := filepath.Join(c.dir, ".pg-initdb")
	var out string
	var err error
	// C.UTF-8 sorts like C but keeps UTF-8 character classes; plain C is
	// the fallback for systems that lack that locale.
	for _, locale := range []string{"C.UTF-8", "C"} {
		if err := os.RemoveAll(tmp); err != nil {
			return err
		}
		if err := os.Mkdir(tmp, 0o700); err != nil {
			return err
		}
		if err := os.Chmod(tmp, 0o700); err != nil {
			return err
		}
		if err := c.acct.chown(tmp); err != nil {
			return err
		}
		out, err = c.run(ctx, true, c.bins.initdb, "-D", tmp, "-U", "postgres", "--auth=trust",
			"--no-sync", "-E", "UTF8", "--locale="+locale)
		if err == nil || ctx.Err() != nil || !strings.Contains(out, "invalid locale") {
			break
		}
	}
	if err != nil {
		fmt.Fprintf(c.log, "postgres: initdb failed:\n%s", out)
		_ = os.RemoveAll(tmp)
		return fmt.Errorf("initdb: %w: %s", err, tail(out, 20))
	}
	if !ephemeral {
		// --no-sync skipped initdb's own flush; do it once here so a power
		// loss right after the first run cannot corrupt the real database.
		syscall.Sync()
	}
	_ = os.Remove(c.pgData) // an empty folder someone made in advance
	if err := os.Rename(tmp, c.pgData); err != nil {
		return err
	}
	return nil
}

// running asks pg_ctl whether a postmaster is alive for the data folder.
func (c *Cluster) running(ctx context.Context) (bool, error) {
	out, err := c.run(ctx, true, c.bins.pgCtl, "-D", c.pgData, "status")
	if err == nil {
		return true, nil
	}
	var ee *exec.ExitError
	if errors.As(err, &ee) && ee.ExitCode() == 3 {
		return false, nil
	}
	return false, fmt.Errorf("pg_ctl status: %w: %s", err, strings.TrimSpace(out))
}

// removeStalePidFile handles a postmaster.pid whose pid is alive for
// kill(pid, 0) but is no running postmaster: pg_ctl then reports "running"
// and postgres refuses to start, so the cluster could never come back. Two
// real cases: in containers pids restart at 1, so after a crash the pid may
// belong to an unrelated process; and a dead postmaster stays a zombie until
// its parent reaps it, which an init that reaps lazily (or our own process as
// PID 1 in a container) does late or never. It reports whether it removed
// the file.
func (c *Cluster) removeStalePidFile() bool {
	pf, err := c.pidFile()
	if err != nil || pf.pid <= 0 {
		return false
	}
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pf.pid))
	if err != nil {
		return false // no /proc, or the process just ended: let pg_ctl decide
	}
	// Format: "pid (comm) state ...", where comm may itself hold parentheses.
	s := string(stat)
	open, end := strings.IndexByte(s, '('), strings.LastIndexByte(s, ')')
	if open < 0 || end < open || end+2 >= len(s) {
		return false
	}
	name, state := s[open+1:end], s[end+2]
	var why string
	switch {
	case state == 'Z' || state == 'X':
		why = fmt.Sprintf("pid %d is a dead postmaster", pf.pid)
	case name != "postgres" && name != "postmaster":
		why = fmt.Sprintf("pid %d is %q, not postgres", pf.pid, name)
	default:
		return false
	}
	fmt.Fprintf(c.log, "postgres: removing stale postmaster.pid (%s)\n", why)
	return os.Remove(filepath.Join(c.pgData, "postmaster.pid")) == nil
}

// adopt takes over the connection details of a server that is already
// running. They come from its postmaster.pid rather than being recomputed,
// because the process that started it may have chosen another socket folder
// (e.g. a different TMPDIR).
func (c *Cluster) adopt(ctx context.Context) error {
	fmt.Fprintf(c.log, "postgres: reusing the server running in %s\n", filepath.Join(c.shown, "pg"))
	pf, err := c.pidFile()
	if err != nil {
		return err
	}
	if pf.sockDir == "" {
		return fmt.Errorf("the server running in %s has no unix socket; stop it (pg_ctl -D %s stop) and try again", c.pgData, c.pgData)
	}
	c.sockDir, c.port = pf.sockDir, pf.port
	return c.waitReady(ctx)
}

func (c *Cluster) startServer(ctx context.Context, ephemeral bool) error {
	c.sockDir = socketDirFor(c.dir)
	c.port = defaultPort
	if err := c.prepareSocketDir(); err != nil {
		return err
	}
	fmt.Fprintf(c.log, "postgres: starting server in %s\n", filepath.Join(c.shown, "pg"))
	k := c.sockDir
	if strings.ContainsAny(k, " \t,") {
		k = `"` + k + `"` // unix_socket_directories is a comma/space separated list
	}
	o := fmt.Sprintf("-k %s -p %d -c listen_addresses=''", shellQuote(k), c.port)
	if ephemeral {
		o += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
	}
	logFile := filepath.Join(c.pgData, "server.log")
	out, err := c.run(ctx, true, c.bins.pgCtl, "-D", c.pgData, "-w", "-t", "60", "-l", logFile, "-o", o, "start")
	if err != nil {
		if running, serr := c.running(context.Background()); serr == nil && running {
			// Cancelled half-way: do not leave an unowned server behind.
			_, _ = c.run(context.Background(), true, c.bins.pgCtl, "-D", c.pgData, "-m", "immediate", "-w", "stop")
		}
		return fmt.Errorf("pg_ctl start: %w: %s\nlast lines of %s:\n%s", err, strings.TrimSpace(out), logFile, tailFile(logFile, 20))
	}
	pf, err := c.pidFile()
	if err != nil {
		return err
	}
	c.pid = pf.pid
	c.started = true
	return nil
}

// socketDirFor picks the socket folder deterministically from the data
// folder alone, so that a second process computes the same one.
func socketDirFor(absDir string) string {
	d := filepath.Join(absDir, "run")
	if len(d)+len(fmt.Sprintf("/.s.PGSQL.%d", defaultPort)) <= maxSocketPath {
		return d
	}
	sum := sha256.Sum256([]byte(absDir))
	return filepath.Join(os.TempDir(), "hyperboard-pg-"+hex.EncodeToString(sum[:])[:12])
}

// prepareSocketDir creates the socket folder for the server account. The
// fallback lives in the world-writable temp folder, where a folder made in
// advance by another user could be used to intercept connections, so a
// foreign owner there is an error rather than something to fix silently.
func (c *Cluster) prepareSocketDir() error {
	dir := c.sockDir
	if len(dir)+len(fmt.Sprintf("/.s.PGSQL.%d", c.port)) > maxSocketPath {
		return fmt.Errorf("socket folder %s is too long for a unix socket path; use a shorter TMPDIR", dir)
	}
	if err := os.Mkdir(dir, 0o755); err == nil {
		if err := os.Chmod(dir, 0o755); err != nil {
			return err
		}
		return c.acct.chown(dir)
	} else if !errors.Is(err, fs.ErrExist) {
		return err
	}
	fi, err := os.Lstat(dir)
	if err != nil {
		return err
	}
	if !fi.IsDir() {
		return fmt.Errorf("socket folder %s exists but is not a folder", dir)
	}
	st, _ := fi.Sys().(*syscall.Stat_t)
	want := uint32(os.Geteuid())
	if c.acct != nil {
		want = c.acct.uid
	}
	shared := filepath.Dir(dir) != c.dir
	if st != nil && st.Uid != want {
		if c.acct == nil || (shared && st.Uid != 0) {
			return fmt.Errorf("socket folder %s belongs to uid %d, not %d; remove it", dir, st.Uid, want)
		}
		if err := c.acct.chown(dir); err != nil {
			return err
		}
	}
	if fi.Mode().Perm()&0o022 != 0 {
		return os.Chmod(dir, 0o755)
	}
	return nil
}

// waitReady covers a reused server that pg_ctl reports as running while it
// is still starting up (or recovering) and not yet accepting connections.
func (c *Cluster) waitReady(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, readyTimeout)
	defer cancel()
	for {
		var err error
		if c.bins.pgIsReady != "" {
			var out string
			out, err = c.run(ctx, false, c.bins.pgIsReady, "-q", "-h", c.sockDir, "-p", strconv.Itoa(c.port),
				"-U", "postgres", "-d", "postgres", "-t", "2")
			if err != nil {
				err = fmt.Errorf("pg_isready: %w %s", err, strings.TrimSpace(out))
			}
		} else if pf, perr := c.pidFile(); perr != nil {
			err = perr
		} else if pf.status != "ready" {
			err = fmt.Errorf("server status is %q", pf.status)
		}
		if err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("server in %s is running but not accepting connections: %w\nlast lines of %s:\n%s",
				c.pgData, err, filepath.Join(c.pgData, "server.log"), tailFile(filepath.Join(c.pgData, "server.log"), 20))
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// ensureDatabase goes through psql so that the package needs no Go SQL
// driver; the name was validated, so quoting it is enough.
func (c *Cluster) ensureDatabase(ctx context.Context, name string) error {
	exists, err := c.databaseExists(ctx, name)
	if err != nil || exists {
		return err
	}
	fmt.Fprintf(c.log, "postgres: creating database %s\n", name)
	if _, err := c.psql(ctx, `CREATE DATABASE "`+name+`"`); err != nil {
		// Someone outside our lock (e.g. a manual createdb) may have won.
		if exists, _ := c.databaseExists(ctx, name); exists {
			return nil
		}
		return err
	}
	return nil
}

func (c *Cluster) databaseExists(ctx context.Context, name string) (bool, error) {
	out, err := c.psql(ctx, "SELECT 1 FROM pg_database WHERE datname='"+name+"'")
	if err != nil {
		return false, err
	}
	return strings.TrimSpace(out) == "1", nil
}

func (c *Cluster) psql(ctx context.Context, sql string) (string, error) {
	if c.bins.psql == "" {
		return "", errors.New("psql not found next to initdb or on PATH (Debian: apt-get install postgresql-client)")
	}
	// -X: a user's ~/.psqlrc must not change the output we parse.
	out, err := c.run(ctx, false, c.bins.psql, "-X", "-q", "-v", "ON_ERROR_STOP=1",
		"-h", c.sockDir, "-p", strconv.Itoa(c.port), "-U", "postgres", "-d", "postgres", "-tAc", sql)
	if err != nil {
		return "", fmt.Errorf("psql: %w: %s", err, strings.TrimSpace(out))
	}
	return out, nil
}
