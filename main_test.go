package main

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestMain lets the tests run this binary as the hyperboard command itself,
// so they exercise the real process: flags, signals, exit codes.
func TestMain(m *testing.M) {
	if os.Getenv("HYPERBOARD_TEST_AS_COMMAND") == "1" {
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// command prepares `hyperboard args...` as a child process using the
// private cluster in dir.
func command(ctx context.Context, dir string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, os.Args[0], append(args, "--data", dir)...)
	cmd.Env = append(os.Environ(), "HYPERBOARD_TEST_AS_COMMAND=1", "DATABASE_URL=")
	return cmd
}

// hyperboard runs a command to completion and returns its combined output.
func hyperboard(t *testing.T, dir string, args ...string) (string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	out, err := command(ctx, dir, args...).CombinedOutput()
	return string(out), err
}

// dataDir is a fresh data folder the postgres user can enter.
func dataDir(t *testing.T) string {
	t.Helper()
	parent, err := os.MkdirTemp("", "hyperboard-cmd-")
	if err != nil {
		t.Fatal(err)
	}
	os.Chmod(parent, 0o755)
	t.Cleanup(func() {
		// Stop a server a failed test may have left, then remove the folder.
		if pid, err := os.ReadFile(filepath.Join(parent, "data", "pg", "postmaster.pid")); err == nil {
			if n, err := strconv.Atoi(strings.SplitN(string(pid), "\n", 2)[0]); err == nil {
				syscall.Kill(n, syscall.SIGQUIT)
			}
		}
		os.RemoveAll(parent)
	})
	return filepath.Join(parent, "data")
}

func TestCommands(t *testing.T) {
	dir := dataDir(t)
	steps := []struct {
		args []string
		ok   bool
		want string
	}{
		{[]string{"migrate"}, true, "migrations applied"},
		{[]string{"seed", "demo"}, true, "demo board created; log in as"},
		{[]string{"seed", "demo"}, true, "nothing seeded"},
		{[]string{"user", "create", "--name", "stella", "--email", "stella@example.org", "--password", "a long passphrase", "--admin"}, true, "created user stella"},
		{[]string{"user", "create", "--name", "STELLA", "--email", "other@example.org", "--password", "another one"}, false, "already exists"},
		{[]string{"user", "create", "--name", "nopass"}, false, "needs --name, --email and --password"},
		{[]string{"user", "create", "--name", "weak", "--email", "weak@example.org", "--password", "password123"}, false, "most common"},
		{[]string{"user", "create", "--name", "ad\u200bmin", "--email", "zw@example.org", "--password", "a long passphrase"}, false, ""},
		{[]string{"check"}, true, "all counters agree"},
		{[]string{"frobnicate"}, false, "unknown command"},
	}
	for _, s := range steps {
		out, err := hyperboard(t, dir, s.args...)
		if (err == nil) != s.ok || !strings.Contains(out, s.want) {
			t.Errorf("hyperboard %s: err %v, output:\n%s\nwant ok=%v and %q", strings.Join(s.args, " "), err, out, s.ok, s.want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "pg", "postmaster.pid")); !os.IsNotExist(err) {
		t.Error("a one-shot command left the cluster running")
	}
}

func TestServeReusesDataAndStopsCleanly(t *testing.T) {
	dir := dataDir(t)
	addr := freeAddr(t)

	serve := func() (*exec.Cmd, *bytes.Buffer) {
		var log bytes.Buffer
		cmd := command(context.Background(), dir, "serve", "--addr", addr)
		cmd.Stdout, cmd.Stderr = &log, &log
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { cmd.Process.Kill() })
		waitHealthy(t, "http://"+addr, &log)
		return cmd, &log
	}
	stop := func(cmd *exec.Cmd, log *bytes.Buffer) {
		if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("serve exited with %v\n%s", err, log)
			}
		case <-time.After(30 * time.Second):
			t.Fatalf("serve did not stop within 30 s of SIGINT\n%s", log)
		}
		if _, err := os.Stat(filepath.Join(dir, "pg", "postmaster.pid")); !os.IsNotExist(err) {
			t.Fatalf("the cluster still runs after serve stopped\n%s", log)
		}
	}

	cmd, log := serve()
	resp, err := http.Get("http://" + addr + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(log.String(), "demo board created") {
		t.Fatalf("first start: status %d\n%s", resp.StatusCode, log)
	}
	// Another command reuses the running cluster and leaves it running.
	if out, err := hyperboard(t, dir, "check"); err != nil || !strings.Contains(out, "reusing") {
		t.Fatalf("check while serving: %v\n%s", err, out)
	}
	waitHealthy(t, "http://"+addr, log)
	stop(cmd, log)

	cmd, log = serve()
	if strings.Contains(log.String(), "demo board created") {
		t.Error("the second start seeded again instead of reusing the data")
	}
	stop(cmd, log)
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// waitHealthy polls /healthz until it answers 200, for at most a minute.
func waitHealthy(t *testing.T, base string, log *bytes.Buffer) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for time.Now().Before(deadline) {
		if resp, err := http.Get(base + "/healthz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("%s never became healthy\n%s", base, log)
}
