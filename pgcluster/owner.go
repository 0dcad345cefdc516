package pgcluster

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// account is the OS user the PostgreSQL programs run as when this process is
// root, because initdb, pg_ctl and postgres refuse to run as root. A nil
// *account means "run as ourselves".
type account struct {
	name     string
	uid, gid uint32
	groups   []uint32
	home     string
}

// serverAccount returns nil for a normal user and the postgres account for
// root.
func serverAccount() (*account, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	u, err := user.Lookup("postgres")
	if err != nil {
		var unknown user.UnknownUserError
		if errors.As(err, &unknown) {
			return nil, errors.New(`running as root, but there is no "postgres" OS user to run PostgreSQL as (initdb and postgres refuse to run as root); create it (Debian: apt-get install postgresql, or adduser --system --group --home /var/lib/postgresql postgres) or run as a normal user`)
		}
		return nil, fmt.Errorf("look up the postgres OS user: %w", err)
	}
	a := &account{name: u.Username, home: u.HomeDir}
	uid, err1 := strconv.ParseUint(u.Uid, 10, 32)
	gid, err2 := strconv.ParseUint(u.Gid, 10, 32)
	if err := errors.Join(err1, err2); err != nil {
		return nil, fmt.Errorf("postgres OS user has a non-numeric id: %w", err)
	}
	a.uid, a.gid = uint32(uid), uint32(gid)
	// Without the supplementary groups the children would silently lose
	// access granted through them (e.g. ssl-cert on Debian).
	if ids, err := u.GroupIds(); err == nil {
		for _, s := range ids {
			if g, err := strconv.ParseUint(s, 10, 32); err == nil {
				a.groups = append(a.groups, uint32(g))
			}
		}
	}
	return a, nil
}

// sysProcAttr puts every child in its own process group: a Ctrl-C in the
// terminal signals the whole foreground group, and the server must not die
// before the application has drained its connections and stopped it itself.
func (a *account) sysProcAttr() *syscall.SysProcAttr {
	attr := &syscall.SysProcAttr{Setpgid: true}
	if a != nil {
		attr.Credential = &syscall.Credential{Uid: a.uid, Gid: a.gid, Groups: a.groups}
	}
	return attr
}

// env is the children's environment. PG* variables are dropped because
// PGDATA, PGHOST, PGPORT and friends from the user's shell would silently
// redirect initdb, pg_ctl or psql to another cluster.
func (a *account) env() []string {
	var env []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "PG") {
			continue
		}
		if a != nil && (strings.HasPrefix(kv, "HOME=") || strings.HasPrefix(kv, "USER=") || strings.HasPrefix(kv, "LOGNAME=")) {
			continue
		}
		env = append(env, kv)
	}
	if a != nil {
		env = append(env, "HOME="+a.home, "USER="+a.name, "LOGNAME="+a.name)
	}
	return env
}

// chown hands a folder we created over to the server account; a no-op when
// not root.
func (a *account) chown(path string) error {
	if a == nil {
		return nil
	}
	return os.Lchown(path, int(a.uid), int(a.gid))
}

// mkdirAll is os.MkdirAll that sets the exact mode on every folder it
// creates, because a restrictive umask (077 is common for root) would
// otherwise lock the postgres user out of them.
func mkdirAll(path string, mode fs.FileMode) error {
	var missing []string
	for p := path; ; p = filepath.Dir(p) {
		if _, err := os.Lstat(p); err == nil {
			break
		}
		missing = append(missing, p)
		if filepath.Dir(p) == p {
			break
		}
	}
	if err := os.MkdirAll(path, mode); err != nil {
		return err
	}
	for _, p := range missing {
		if err := os.Chmod(p, mode); err != nil {
			return err
		}
	}
	return nil
}

// dirInfo is the part of a stat result that decides whether a user may
// enter a folder.
type dirInfo struct {
	mode     fs.FileMode
	uid, gid uint32
}

func statDir(path string) (dirInfo, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return dirInfo{}, err
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return dirInfo{}, fmt.Errorf("stat %s: no owner information", path)
	}
	return dirInfo{mode: fi.Mode(), uid: st.Uid, gid: st.Gid}, nil
}

// checkTraversable fails early, with a fix in the message, when the server
// account could not reach dir: postgres would otherwise fail much later with
// an opaque "permission denied" in a log the user cannot find. It checks dir
// and every ancestor using the classic owner/group/other rule (ACLs are not
// considered). stat is injectable so the rule can be tested without root.
func checkTraversable(dir string, a *account, stat func(string) (dirInfo, error)) error {
	if a == nil {
		return nil
	}
	var chain []string
	for p := filepath.Clean(dir); ; p = filepath.Dir(p) {
		chain = append(chain, p)
		if filepath.Dir(p) == p {
			break
		}
	}
	for i := len(chain) - 1; i >= 0; i-- {
		p := chain[i]
		di, err := stat(p)
		if err != nil {
			return fmt.Errorf("check access of the %s user to %s: %w", a.name, p, err)
		}
		if !a.canEnter(di) {
			return fmt.Errorf("the %s user cannot enter %s (mode %04o); put the data folder somewhere it can reach, e.g. HYPERBOARD_DATA=/var/lib/hyperboard, or chmod o+x %s", a.name, p, uint32(di.mode.Perm()), p)
		}
	}
	return nil
}

func (a *account) canEnter(di dirInfo) bool {
	perm := di.mode.Perm()
	switch {
	case a.uid == 0:
		return true
	case di.uid == a.uid:
		return perm&0o100 != 0
	case a.inGroup(di.gid):
		return perm&0o010 != 0
	default:
		return perm&0o001 != 0
	}
}

func (a *account) inGroup(gid uint32) bool {
	if gid == a.gid {
		return true
	}
	for _, g := range a.groups {
		if g == gid {
			return true
		}
	}
	return false
}
