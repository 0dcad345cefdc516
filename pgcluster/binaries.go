package pgcluster

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
)

// binaries are the PostgreSQL programs the cluster is driven with.
type binaries struct {
	initdb    string
	pgCtl     string
	psql      string // empty when missing; only needed to create a database
	pgIsReady string // empty when missing; psql is used instead
}

// serverGlob is where Debian and Ubuntu put one bin folder per major version,
// none of which is on PATH by default.
const serverGlob = "/usr/lib/postgresql/*/bin"

// searchBinaries is a variable so tests can simulate a machine without
// PostgreSQL without touching the real PATH.
var searchBinaries = func() (*binaries, error) {
	return findBinaries(os.Getenv("PATH"), serverGlob, "pg_config")
}

// findBinaries looks for a folder holding both initdb and pg_ctl: first on
// pathList, then in the folders matching glob (newest major version first),
// then where pg_config (looked up on pathList; "" = skip) says they live.
func findBinaries(pathList, glob, pgConfig string) (*binaries, error) {
	var dirs []string
	for _, d := range filepath.SplitList(pathList) {
		if d != "" {
			dirs = append(dirs, d)
		}
	}
	if glob != "" {
		matches, _ := filepath.Glob(glob)
		sortNewestFirst(matches)
		dirs = append(dirs, matches...)
	}
	if pgConfig != "" {
		if pc := lookPathIn(pgConfig, pathList); pc != "" {
			if d := pgConfigBindir(pc); d != "" {
				dirs = append(dirs, d)
			}
		}
	}
	for _, d := range dirs {
		initdb, pgCtl := filepath.Join(d, "initdb"), filepath.Join(d, "pg_ctl")
		if !isExecutable(initdb) || !isExecutable(pgCtl) {
			continue
		}
		b := &binaries{initdb: initdb, pgCtl: pgCtl}
		// PATH often holds symlinks (/usr/local/bin/initdb ->
		// /usr/lib/postgresql/15/bin/initdb) while psql on PATH may be a
		// wrapper for another version, so the client tools are taken from
		// the real folder of initdb when they are there.
		near := []string{d}
		if real, err := filepath.EvalSymlinks(initdb); err == nil && filepath.Dir(real) != d {
			near = append([]string{filepath.Dir(real)}, near...)
		}
		b.psql = findTool("psql", near, pathList)
		b.pgIsReady = findTool("pg_isready", near, pathList)
		return b, nil
	}
	where := "on PATH"
	if glob != "" {
		where += " or in " + glob
	}
	return nil, fmt.Errorf("PostgreSQL server binaries (initdb, pg_ctl) not found %s; install them (Debian: apt-get install postgresql) or set DATABASE_URL to use an existing server", where)
}

func findTool(name string, near []string, pathList string) string {
	for _, d := range near {
		if p := filepath.Join(d, name); isExecutable(p) {
			return p
		}
	}
	return lookPathIn(name, pathList)
}

// lookPathIn is exec.LookPath over an explicit list, so tests do not depend
// on the PATH of the machine running them.
func lookPathIn(name, pathList string) string {
	for _, d := range filepath.SplitList(pathList) {
		if d == "" {
			continue
		}
		if p := filepath.Join(d, name); isExecutable(p) {
			return p
		}
	}
	return ""
}

func isExecutable(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.Mode().IsRegular() && fi.Mode().Perm()&0o111 != 0
}

func pgConfigBindir(pgConfig string) string {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, pgConfig, "--bindir").Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}

// sortNewestFirst orders .../<version>/bin folders by numeric version, so
// that 15 beats 9.6 (which a plain string sort would get wrong).
func sortNewestFirst(dirs []string) {
	version := func(d string) []int {
		var v []int
		for _, part := range strings.Split(filepath.Base(filepath.Dir(d)), ".") {
			n, err := strconv.Atoi(part)
			if err != nil {
				return nil
			}
			v = append(v, n)
		}
		return v
	}
	sort.SliceStable(dirs, func(i, j int) bool {
		a, b := version(dirs[i]), version(dirs[j])
		for k := 0; k < len(a) && k < len(b); k++ {
			if a[k] != b[k] {
				return a[k] > b[k]
			}
		}
		return len(a) > len(b)
	})
}
