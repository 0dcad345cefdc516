package dbtest

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"hyperboard/pgcluster"
)

// Cluster is a private PostgreSQL cluster for one test, holding one migrated
// database. The test may stop and start it (a database outage) without
// disturbing the tests that share the package's cluster.
type Cluster struct {
	t       testing.TB
	dir     string
	running *pgcluster.Cluster
	dsn     string
}

// OwnCluster starts a cluster of the test's own, stopped and removed when the
// test ends. It takes a few seconds (initdb), so only fault tests use it.
func OwnCluster(t testing.TB) *Cluster {
	t.Helper()
	parent, err := os.MkdirTemp("", "hyperboard-fault-")
	if err != nil {
		t.Fatal(err)
	}
	// The postgres user must be able to enter the folder when we run as root.
	if err := os.Chmod(parent, 0o755); err != nil {
		t.Fatal(err)
	}
	c := &Cluster{t: t, dir: filepath.Join(parent, "data")}
	t.Cleanup(func() {
		if c.running != nil {
			if err := c.running.Stop(); err != nil {
				t.Errorf("dbtest: stop own cluster: %v", err)
			}
		}
		os.RemoveAll(parent)
	})
	c.Start()
	if err := migrateTemplate(context.Background(), c.dsn); err != nil {
		t.Fatalf("dbtest: migrate own cluster: %v", err)
	}
	return c
}

// DSN is the address of the cluster's database; it stays the same across a
// stop and a start.
func (c *Cluster) DSN() string { return c.dsn }

// Stop shuts the server down the way an operator's restart does (pg_ctl
// stop -m fast): sessions are ended, transactions in flight roll back.
func (c *Cluster) Stop() {
	c.t.Helper()
	if err := c.running.Stop(); err != nil {
		c.t.Fatalf("dbtest: stop own cluster: %v", err)
	}
	c.running = nil
}

// Start starts the server (again).
func (c *Cluster) Start() {
	c.t.Helper()
	running, err := pgcluster.Start(context.Background(), pgcluster.Options{Dir: c.dir, Database: "hyperboard", Ephemeral: true})
	if err != nil {
		c.t.Fatalf("dbtest: start own cluster: %v", err)
	}
	c.running, c.dsn = running, running.DSN("hyperboard")
}
