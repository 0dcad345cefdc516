package app

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/uptrace/bun"

	"hyperboard/models"
	"hyperboard/views"
)

// queryRecorder keeps the SQL of every query while it is on.
type queryRecorder struct {
	mu      sync.Mutex
	on      bool
	queries []string
}

func (r *queryRecorder) BeforeQuery(ctx context.Context, e *bun.QueryEvent) context.Context {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.on {
		r.queries = append(r.queries, e.Query)
	}
	return ctx
}

func (r *queryRecorder) AfterQuery(context.Context, *bun.QueryEvent) {}

// record returns the queries that fn ran.
func (r *queryRecorder) record(fn func()) []string {
	r.mu.Lock()
	r.on, r.queries = true, nil
	r.mu.Unlock()
	fn()
	r.mu.Lock()
	defer r.mu.Unlock()
	r.on = false
	return r.queries
}

// planNode is the part of EXPLAIN (FORMAT JSON) that names scans.
type planNode struct {
	NodeType string     `json:"Node Type"`
	Relation string     `json:"Relation Name"`
	Plans    []planNode `json:"Plans"`
}

// seqScans lists the tables a plan reads from end to end.
func (n planNode) seqScans() []string {
	var out []string
	if n.NodeType == "Seq Scan" {
		out = append(out, n.Relation)
	}
	for _, p := range n.Plans {
		out = append(out, p.seqScans()...)
	}
	return out
}

// TestHotQueriesUseIndexes explains every query that the hot pages run,
// for a guest and for a member, on a board big enough (10,000 topics, 30,000 posts) for
// the planner to prefer an index wherever one serves: none of them may
// read posts or topics from end to end. The planner decides on its own
// (enable_seqscan stays on), so a missing index shows as a failure here.
// The deep forum page is a third of the way in: near the very end of a
// forum this small, counting off nearly all its topics, a scan and a top-25
// sort costs less than the index and the planner rightly takes it; on the
// million-post board page 1,000 is an index-only scan of topics_forum_listing.
func TestHotQueriesUseIndexes(t *testing.T) {
	b := newTestBoard(t)
	ctx := t.Context()
	if err := b.store.SeedBulk(ctx, models.BulkOptions{Users: 500, Topics: 10000, Posts: 30000}); err != nil {
		t.Fatal(err)
	}
	var forum, deep, giant struct {
		ID    int64
		Title string
		N     int
	}
	db := b.store.DB()
	if err := db.NewRaw("SELECT id, title, topic_count AS n FROM forums ORDER BY topic_count DESC LIMIT 1").Scan(ctx, &forum); err != nil {
		t.Fatal(err)
	}
	if err := db.NewRaw("SELECT id, title, reply_count + 1 AS n FROM topics ORDER BY reply_count DESC LIMIT 1").Scan(ctx, &giant); err != nil {
		t.Fatal(err)
	}
	if err := db.NewRaw("SELECT max(id) AS id FROM posts").Scan(ctx, &deep.ID); err != nil {
		t.Fatal(err)
	}
	forumPath := views.ForumPath(forum.ID, forum.Title)
	topicPath := views.TopicPath(giant.ID, giant.Title)
	pages := map[string]string{
		"board index":          "/",
		"forum page 1":         forumPath,
		"forum, a deep page":   forumPath + "?page=" + strconv.Itoa(forum.N/25/3),
		"topic page 1":         topicPath,
		"topic, its last page": topicPath + "?page=" + strconv.Itoa((giant.N+24)/25),
		"post redirect":        "/p/" + strconv.Itoa(int(deep.ID)),
		"member list":          "/members",
	}
	rec := &queryRecorder{}
	db.AddQueryHook(rec)
	member, _ := b.loggedIn("reader")
	// Pages are explained as they are rendered, not kept.
	b.waitListening()
	b.srv.handler.pages.listening.Store(false)
	for name, path := range pages {
		for who, get := range map[string]func(string, ...string) (*http.Response, string){"guest": b.get, "member": member.get} {
			t.Run(name+" for a "+who, func(t *testing.T) {
				var status int
				queries := rec.record(func() {
					resp, _ := get(path)
					status = resp.StatusCode
				})
				if status != http.StatusOK && status != http.StatusFound {
					t.Fatalf("GET %s: status %d", path, status)
				}
				for _, q := range queries {
					if !strings.HasPrefix(q, "SELECT") && !strings.HasPrefix(q, "WITH") {
						continue
					}
					var plan []struct{ Plan planNode }
					var raw string
					if err := db.NewRaw("EXPLAIN (FORMAT JSON) "+q).Scan(ctx, &raw); err != nil {
						t.Fatalf("explain %s: %v", q, err)
					}
					if err := json.Unmarshal([]byte(raw), &plan); err != nil {
						t.Fatal(err)
					}
					for _, table := range plan[0].Plan.seqScans() {
						if table == "posts" || table == "topics" {
							t.Errorf("sequential scan on %s:\n%s\n%s", table, q, raw)
						}
					}
				}
			})
		}
	}
}
