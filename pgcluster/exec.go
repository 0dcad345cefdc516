package pgcluster

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// run executes a PostgreSQL program with combined output. asServer runs it
// as the server account when we are root.
func (c *Cluster) run(ctx context.Context, asServer bool, name string, args ...string) (string, error) {
	var acct *account
	if asServer {
		acct = c.acct
	}
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = "/" // our working folder may be closed to the postgres user
	cmd.Env = acct.env()
	cmd.SysProcAttr = acct.sysProcAttr()
	var buf bytes.Buffer
	cmd.Stdout, cmd.Stderr = &buf, &buf
	// Should a forked postmaster ever keep our output pipe open, do not
	// hang waiting for it.
	cmd.WaitDelay = 5 * time.Second
	err := cmd.Run()
	if errors.Is(err, exec.ErrWaitDelay) {
		err = nil
	}
	return buf.String(), err
}

// pidInfo is what postmaster.pid says about a running server.
type pidInfo struct {
	pid     int
	port    int
	sockDir string
	status  string
}

func (c *Cluster) pidFile() (pidInfo, error) {
	b, err := os.ReadFile(filepath.Join(c.pgData, "postmaster.pid"))
	if err != nil {
		return pidInfo{}, err
	}
	lines := strings.Split(string(b), "\n")
	line := func(i int) string {
		if i < len(lines) {
			return strings.TrimSpace(lines[i])
		}
		return ""
	}
	var pf pidInfo
	pf.pid, _ = strconv.Atoi(line(0))
	if pf.port, err = strconv.Atoi(line(3)); err != nil {
		pf.port = defaultPort
	}
	pf.sockDir = line(4)
	pf.status = line(7)
	return pf, nil
}

// lockFile takes an exclusive flock, polling so that ctx can cancel the
// wait. The file is opened read-only because flock needs no write access,
// which lets a different user share a lock file created by root.
func lockFile(ctx context.Context, path string) (func(), error) {
	f, err := os.OpenFile(path, os.O_RDONLY|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			return func() {
				_ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
				_ = f.Close()
			}, nil
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) && !errors.Is(err, syscall.EINTR) {
			_ = f.Close()
			return nil, err
		}
		select {
		case <-ctx.Done():
			_ = f.Close()
			return nil, ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// shellQuote quotes for the /bin/sh command line pg_ctl builds from -o.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// dsnValue quotes a libpq key/value DSN value when needed.
func dsnValue(s string) string {
	if s != "" && !strings.ContainsAny(s, " \t\n'\\") {
		return s
	}
	s = strings.ReplaceAll(s, `\`, `\\`)
	s = strings.ReplaceAll(s, `'`, `\'`)
	return "'" + s + "'"
}

func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

func tailFile(path string, n int) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return "(" + err.Error() + ")"
	}
	return tail(string(b), n)
}
