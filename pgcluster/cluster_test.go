package pgcluster

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// testDir returns a not yet existing data folder inside a fresh temp folder
// the postgres user can enter (t.TempDir makes 0700 folders, which lock it
// out when the tests run as root). Cleanup kills any server left in it.
func testDir(t *testing.T, name string) string {
	t.Helper()
	parent, err := os.MkdirTemp("", "pgcluster-")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(parent, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.RemoveAll(parent) })
	dir := filepath.Join(parent, name)
	t.Cleanup(func() { forceStop(t, dir) })
	return dir
}

// forceStop is the safety net behind Cluster.Stop: no test may leave a
// server running, even when it fails half-way.
func forceStop(t *testing.T, dir string) {
	pgData := filepath.Join(dir, "pg")
	if _, err := os.Stat(filepath.Join(pgData, "postmaster.pid")); err != nil {
		return
	}
	c := testCluster(t, dir)
	if running, _ := c.running(context.Background()); running {
		t.Logf("stopping leftover server in %s", pgData)
		out, err := c.run(context.Background(), true, c.bins.pgCtl, "-D", pgData, "-m", "immediate", "-w", "stop")
		if err != nil {
			t.Errorf("stop leftover server: %v: %s", err, out)
		}
	}
}

// testCluster builds a Cluster for inspecting dir without starting anything.
func testCluster(t *testing.T, dir string) *Cluster {
	t.Helper()
	bins, err := searchBinaries()
	if err != nil {
		t.Fatal(err)
	}
	acct, err := serverAccount()
	if err != nil {
		t.Fatal(err)
	}
	abs, _ := filepath.Abs(dir)
	return &Cluster{dir: abs, pgData: filepath.Join(abs, "pg"), bins: bins, acct: acct}
}

func mustStart(ctx context.Context, t *testing.T, opts Options) *Cluster {
	t.Helper()
	began := time.Now()
	c, err := Start(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("Start(%s) took %v, started=%v", filepath.Base(opts.Dir), time.Since(began).Round(time.Millisecond), c.Started())
	t.Cleanup(func() {
		if err := c.Stop(); err != nil {
			t.Error(err)
		}
	})
	return c
}

func connect(ctx context.Context, t *testing.T, dsn string) *pgx.Conn {
	t.Helper()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatalf("connect %q: %v", dsn, err)
	}
	t.Cleanup(func() { _ = conn.Close(context.Background()) })
	return conn
}

func queryString(ctx context.Context, t *testing.T, conn *pgx.Conn, sql string) string {
	t.Helper()
	var s string
	if err := conn.QueryRow(ctx, sql).Scan(&s); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return s
}

func testContext(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	t.Cleanup(cancel)
	return ctx
}

func TestLifecycle(t *testing.T) {
	ctx := testContext(t)
	dir := testDir(t, "data")
	var log bytes.Buffer

	c1 := mustStart(ctx, t, Options{Dir: dir, Database: "probe", Ephemeral: true, Log: &log})
	if !c1.Started() {
		t.Fatal("first Start did not start the server")
	}
	if want := "postgres: initialising cluster in " + filepath.Join(dir, "pg"); !strings.Contains(log.String(), want) {
		t.Errorf("log %q lacks %q", log.String(), want)
	}
	if want := filepath.Join(dir, "run"); c1.SocketDir() != want || c1.Port() != 5432 {
		t.Errorf("socket %s:%d, want %s:5432", c1.SocketDir(), c1.Port(), want)
	}
	conn := connect(ctx, t, c1.DSN("probe"))
	if got := queryString(ctx, t, conn, "SELECT 1::text"); got != "1" {
		t.Fatalf("SELECT 1 = %q", got)
	}
	if got := queryString(ctx, t, conn, "SHOW fsync"); got != "off" {
		t.Errorf("ephemeral cluster has fsync=%s", got)
	}
	if got := queryString(ctx, t, conn, "SHOW listen_addresses"); got != "" {
		t.Errorf("listen_addresses = %q, want no TCP", got)
	}
	if got := queryString(ctx, t, conn, "SELECT pg_encoding_to_char(encoding) FROM pg_database WHERE datname = 'probe'"); got != "UTF8" {
		t.Errorf("encoding %s", got)
	}
	if _, err := conn.Exec(ctx, "CREATE TABLE survivors (name text); INSERT INTO survivors VALUES ('alice')"); err != nil {
		t.Fatal(err)
	}

	// A Ctrl-C in the terminal must not reach the server.
	pf, err := c1.pidFile()
	if err != nil {
		t.Fatal(err)
	}
	pgid, err := syscall.Getpgid(pf.pid)
	if err != nil {
		t.Fatal(err)
	}
	if pgid == syscall.Getpgrp() {
		t.Errorf("postmaster %d is in our process group %d", pf.pid, pgid)
	}

	c2 := mustStart(ctx, t, Options{Dir: dir, Database: "probe"})
	if c2.Started() {
		t.Fatal("second Start started a server instead of reusing the running one")
	}
	if c2.DSN("probe") != c1.DSN("probe") {
		t.Errorf("DSNs differ: %q vs %q", c2.DSN("probe"), c1.DSN("probe"))
	}
	conn2 := connect(ctx, t, c2.DSN("probe"))
	if got := queryString(ctx, t, conn2, "SELECT name FROM survivors"); got != "alice" {
		t.Fatalf("reused cluster sees %q", got)
	}
	if err := c2.Stop(); err != nil {
		t.Fatal(err)
	}
	if running, err := c1.running(ctx); err != nil || !running {
		t.Fatalf("Stop of a reused cluster stopped the server (running=%v, %v)", running, err)
	}
	_ = conn.Close(ctx)
	_ = conn2.Close(ctx)

	if err := c1.Stop(); err != nil {
		t.Fatal(err)
	}
	if running, err := c1.running(ctx); err != nil || running {
		t.Fatalf("after Stop running=%v, %v", running, err)
	}
	if conn, err := pgx.Connect(ctx, c1.DSN("probe")); err == nil {
		_ = conn.Close(ctx)
		t.Fatal("connected to a stopped server")
	}
	if err := c1.Stop(); err != nil {
		t.Fatalf("second Stop: %v", err)
	}

	c3 := mustStart(ctx, t, Options{Dir: dir, Database: "probe"})
	if !c3.Started() {
		t.Fatal("Start after Stop did not start the server")
	}
	conn3 := connect(ctx, t, c3.DSN("probe"))
	if got := queryString(ctx, t, conn3, "SELECT name FROM survivors"); got != "alice" {
		t.Fatalf("after restart the table holds %q", got)
	}
	if got := queryString(ctx, t, conn3, "SHOW fsync"); got != "on" {
		t.Errorf("durable cluster has fsync=%s", got)
	}
}

func TestStalePidFile(t *testing.T) {
	ctx := testContext(t)
	dir := testDir(t, "data")
	c := mustStart(ctx, t, Options{Dir: dir, Ephemeral: true})
	pidPath := filepath.Join(dir, "pg", "postmaster.pid")
	old, err := os.ReadFile(pidPath)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Stop(); err != nil {
		t.Fatal(err)
	}
	tc := testCluster(t, dir)
	owner := tc.acct
	restartWith := func(pid int, wantLog string) {
		t.Helper()
		lines := strings.SplitN(string(old), "\n", 2)
		writePidFile(t, pidPath, []byte(strconv.Itoa(pid)+"\n"+lines[1]), owner)
		var log bytes.Buffer
		c := mustStart(ctx, t, Options{Dir: dir, Ephemeral: true, Log: &log})
		if !c.Started() {
			t.Fatalf("stale pid %d in postmaster.pid was taken for a running server", pid)
		}
		if !strings.Contains(log.String(), wantLog) {
			t.Errorf("log %q lacks %q", log.String(), wantLog)
		}
		connect(ctx, t, c.DSN("postgres")).Close(ctx)
		if err := c.Stop(); err != nil {
			t.Fatal(err)
		}
	}

	// As after a crash: the file names a pid that is gone.
	gone := exec.Command("true")
	if err := gone.Run(); err != nil {
		t.Fatal(err)
	}
	restartWith(gone.Process.Pid, "")

	// As after a container restart: the pid is alive but is something else,
	// running as the same user as the server would.
	sleep := exec.Command("sleep", "120")
	sleep.SysProcAttr = owner.sysProcAttr()
	if err := sleep.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = sleep.Process.Kill(); _ = sleep.Wait() })
	restartWith(sleep.Process.Pid, `removing stale postmaster.pid (pid `+strconv.Itoa(sleep.Process.Pid)+` is "sleep", not postgres)`)

	// A crashed postmaster whose parent has not reaped it yet: kill(pid, 0)
	// still succeeds on the zombie.
	postgres := exec.Command(filepath.Join(filepath.Dir(tc.bins.pgCtl), "postgres"), "--version")
	postgres.SysProcAttr = owner.sysProcAttr()
	if err := postgres.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = postgres.Wait() })
	statPath := "/proc/" + strconv.Itoa(postgres.Process.Pid) + "/stat"
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		if b, err := os.ReadFile(statPath); err == nil && strings.Contains(string(b), "(postgres) Z") {
			break
		} else if time.Now().After(deadline) {
			t.Fatalf("postgres --version did not become a zombie: %s %v", b, err)
		}
	}
	restartWith(postgres.Process.Pid, "is a dead postmaster")
}

func writePidFile(t *testing.T, path string, content []byte, owner *account) {
	t.Helper()
	if err := os.WriteFile(path, content, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := owner.chown(path); err != nil {
		t.Fatal(err)
	}
}

func TestConcurrentStart(t *testing.T) {
	ctx := testContext(t)
	// The space also checks the quoting of paths for pg_ctl, the socket
	// option and the DSN.
	dir := testDir(t, "data with space")
	var wg sync.WaitGroup
	clusters := make([]*Cluster, 2)
	errs := make([]error, 2)
	for i := range clusters {
		wg.Add(1)
		go func() {
			defer wg.Done()
			clusters[i], errs[i] = Start(ctx, Options{Dir: dir, Database: "probe", Ephemeral: true})
		}()
	}
	wg.Wait()
	started := 0
	for i, c := range clusters {
		if errs[i] != nil {
			t.Fatalf("Start %d: %v", i, errs[i])
		}
		t.Cleanup(func() {
			if err := c.Stop(); err != nil {
				t.Error(err)
			}
		})
		if c.Started() {
			started++
		}
	}
	if started != 1 {
		t.Fatalf("%d of 2 concurrent Starts started a server, want 1", started)
	}
	for _, c := range clusters {
		conn := connect(ctx, t, c.DSN("probe"))
		if got := queryString(ctx, t, conn, "SELECT current_database()"); got != "probe" {
			t.Errorf("current_database() = %q", got)
		}
	}
}

func TestLongPathSocketFallback(t *testing.T) {
	ctx := testContext(t)
	dir := testDir(t, strings.Repeat("d", 110))
	if len(dir) <= 110 {
		t.Fatalf("test dir %s is not long", dir)
	}
	want := socketDirFor(dir)
	t.Cleanup(func() { _ = os.RemoveAll(want) })
	if !strings.HasPrefix(want, filepath.Join(os.TempDir(), "hyperboard-pg-")) || len(want) != len(filepath.Join(os.TempDir(), "hyperboard-pg-"))+12 {
		t.Fatalf("fallback socket dir %s", want)
	}
	if socketDirFor(dir) != want {
		t.Fatal("fallback socket dir is not deterministic")
	}
	c := mustStart(ctx, t, Options{Dir: dir, Ephemeral: true})
	if c.SocketDir() != want {
		t.Fatalf("SocketDir() = %s, want %s", c.SocketDir(), want)
	}
	conn := connect(ctx, t, c.DSN("postgres"))
	if got := queryString(ctx, t, conn, "SHOW unix_socket_directories"); got != want {
		t.Errorf("unix_socket_directories = %q", got)
	}
	c2 := mustStart(ctx, t, Options{Dir: dir})
	if c2.Started() || c2.SocketDir() != want {
		t.Errorf("second Start: started=%v socket=%s", c2.Started(), c2.SocketDir())
	}
}

func TestMissingBinaries(t *testing.T) {
	empty := t.TempDir()
	_, err := findBinaries(empty, filepath.Join(empty, "*", "bin"), "pg_config")
	if err == nil {
		t.Fatal("found binaries in an empty folder")
	}
	for _, want := range []string{"initdb, pg_ctl", "not found", "apt-get install postgresql", "DATABASE_URL"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}

	saved := searchBinaries
	t.Cleanup(func() { searchBinaries = saved })
	searchBinaries = func() (*binaries, error) {
		return findBinaries(empty, "/nonexistent/postgresql/*/bin", "")
	}
	_, err = Start(context.Background(), Options{Dir: filepath.Join(empty, "data")})
	if err == nil || !strings.HasPrefix(err.Error(), "pgcluster: start: PostgreSQL server binaries (initdb, pg_ctl) not found on PATH or in /nonexistent/postgresql/*/bin;") {
		t.Fatalf("Start error: %v", err)
	}
}

func TestBinaryLookupOrder(t *testing.T) {
	root := t.TempDir()
	fake := func(dir string, names ...string) {
		t.Helper()
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		for _, n := range names {
			if err := os.WriteFile(filepath.Join(dir, n), []byte("#!/bin/sh\n"), 0o755); err != nil {
				t.Fatal(err)
			}
		}
	}
	glob := filepath.Join(root, "lib", "*", "bin")
	for _, v := range []string{"9.6", "10", "15"} {
		fake(filepath.Join(root, "lib", v, "bin"), "initdb", "pg_ctl", "psql")
	}
	fake(filepath.Join(root, "lib", "16", "bin"), "initdb") // incomplete: skipped

	b, err := findBinaries("", glob, "")
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(root, "lib", "15", "bin", "initdb"); b.initdb != want {
		t.Errorf("initdb = %s, want %s (newest complete version)", b.initdb, want)
	}

	// PATH wins, and its symlinks lead to the client tools of the same version.
	path := filepath.Join(root, "path")
	fake(path, "psql", "pg_isready")
	for _, n := range []string{"initdb", "pg_ctl"} {
		if err := os.Symlink(filepath.Join(root, "lib", "10", "bin", n), filepath.Join(path, n)); err != nil {
			t.Fatal(err)
		}
	}
	b, err = findBinaries(path, glob, "")
	if err != nil {
		t.Fatal(err)
	}
	if b.initdb != filepath.Join(path, "initdb") || b.psql != filepath.Join(root, "lib", "10", "bin", "psql") || b.pgIsReady != filepath.Join(path, "pg_isready") {
		t.Errorf("PATH lookup gave %+v", *b)
	}

	// pg_config is the last resort.
	cfg := filepath.Join(root, "cfg")
	fake(cfg)
	script := "#!/bin/sh\necho " + filepath.Join(root, "lib", "9.6", "bin") + "\n"
	if err := os.WriteFile(filepath.Join(cfg, "pg_config"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	b, err = findBinaries(cfg, "", "pg_config")
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(root, "lib", "9.6", "bin", "pg_ctl"); b.pgCtl != want {
		t.Errorf("pg_config lookup: pg_ctl = %s, want %s", b.pgCtl, want)
	}
}

func TestTraversalCheck(t *testing.T) {
	pg := &account{name: "postgres", uid: 101, gid: 104, groups: []uint32{104, 110}}
	tree := map[string]dirInfo{
		"/":                 {mode: fs.ModeDir | 0o755},
		"/root":             {mode: fs.ModeDir | 0o700},
		"/root/data":        {mode: fs.ModeDir | 0o755},
		"/srv":              {mode: fs.ModeDir | 0o755},
		"/srv/own":          {mode: fs.ModeDir | 0o700, uid: 101},
		"/srv/group":        {mode: fs.ModeDir | 0o750, gid: 110},
		"/srv/groupdenied":  {mode: fs.ModeDir | 0o705, gid: 104},
		"/srv/other":        {mode: fs.ModeDir | 0o711},
		"/srv/ownerdenied":  {mode: fs.ModeDir | 0o077, uid: 101},
		"/srv/other/nested": {mode: fs.ModeDir | 0o700, uid: 101},
	}
	stat := func(p string) (dirInfo, error) {
		if di, ok := tree[p]; ok {
			return di, nil
		}
		return dirInfo{}, fs.ErrNotExist
	}
	for path, wantBad := range map[string]string{
		"/root/data":        "/root",
		"/srv/own":          "",
		"/srv/group":        "",
		"/srv/groupdenied":  "/srv/groupdenied",
		"/srv/other/nested": "",
		"/srv/ownerdenied":  "/srv/ownerdenied",
	} {
		err := checkTraversable(path, pg, stat)
		switch {
		case wantBad == "" && err != nil:
			t.Errorf("%s: %v", path, err)
		case wantBad != "" && (err == nil || !strings.Contains(err.Error(), "cannot enter "+wantBad+" (mode ")):
			t.Errorf("%s: error %v, want one naming %s", path, err, wantBad)
		}
	}
	err := checkTraversable("/root/data", pg, stat)
	want := "the postgres user cannot enter /root (mode 0700); put the data folder somewhere it can reach, e.g. HYPERBOARD_DATA=/var/lib/hyperboard, or chmod o+x /root"
	if err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
	if err := checkTraversable("/root/data", nil, stat); err != nil {
		t.Errorf("a normal user needs no check: %v", err)
	}

	if os.Geteuid() != 0 {
		return
	}
	// As root, the real check runs before anything is created inside.
	parent, err := os.MkdirTemp("", "pgcluster-closed-") // 0700, owned by root
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.RemoveAll(parent) })
	_, err = Start(testContext(t), Options{Dir: filepath.Join(parent, "data")})
	if err == nil || !strings.Contains(err.Error(), "cannot enter "+parent+" (mode 0700)") {
		t.Fatalf("Start under a 0700 folder: %v", err)
	}
	if _, err := os.Stat(filepath.Join(parent, "data", "pg")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Start created the cluster despite the failed check: %v", err)
	}
}

func TestInvalidDatabaseName(t *testing.T) {
	for _, name := range []string{"Bad", "has-dash", "1st", `x"; DROP`, strings.Repeat("a", 64)} {
		_, err := Start(context.Background(), Options{Dir: filepath.Join(t.TempDir(), "data"), Database: name})
		if err == nil || !strings.Contains(err.Error(), "invalid database name") {
			t.Errorf("%q: %v", name, err)
		}
	}
}

func TestDSNQuoting(t *testing.T) {
	c := &Cluster{sockDir: "/tmp/a b/it's", port: 5432}
	want := `host='/tmp/a b/it\'s' port=5432 user=postgres dbname=hyperboard sslmode=disable`
	if got := c.DSN("hyperboard"); got != want {
		t.Errorf("DSN = %s, want %s", got, want)
	}
}
