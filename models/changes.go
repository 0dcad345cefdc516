package models

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect/pgdialect"
)

// Tag names something that pages show, so that a write can say what it
// changed and a cache can drop exactly the pages that showed it.
type Tag string

// Tags of what pages show. A page carries the tags of everything it shows;
// a write announces the tags of everything it changed.
const (
	// TagAll is everything: board settings, the forum tree, permissions,
	// groups and ranks, and writes made outside the Store.
	TagAll Tag = "*"
	// TagStats is the board's totals and its newest member.
	TagStats Tag = "stats"
	// TagMembers is the member list: names, ranks, post counts.
	TagMembers Tag = "members"
	// TagSearch is every search result: any post or title may match.
	TagSearch Tag = "search"
)

// TopicTag is a topic: its title, state, counters and posts.
func TopicTag(id int64) Tag { return Tag("t" + strconv.FormatInt(id, 10)) }

// ForumTag is a forum's list of topics, its counters and last post.
func ForumTag(id int64) Tag { return Tag("f" + strconv.FormatInt(id, 10)) }

// UserTag is a member's name, wherever it is shown.
func UserTag(id int64) Tag { return Tag("u" + strconv.FormatInt(id, 10)) }

// ViewerTag is what a member's own visits read of them besides their name
// and author panel: their sessions, settings, groups, unread messages,
// drafts, and how far they have read.
func ViewerTag(id int64) Tag { return Tag("v" + strconv.FormatInt(id, 10)) }

// changedViewers notes, as changed does, that what each member's own visits
// read of them changed (ViewerTag).
func changedViewers(ctx context.Context, ids []int64) {
	for _, id := range ids {
		changed(ctx, ViewerTag(id))
	}
}

// AuthorTag is a member's author panel beside their posts: post count,
// rank, joining date and signature.
func AuthorTag(id int64) Tag { return Tag("a" + strconv.FormatInt(id, 10)) }

// changesChannel is the PostgreSQL channel that carries the tags of every
// committed write to every app server.
const changesChannel = "hyperboard_changes"

// maxNotifyPayload keeps a notice under PostgreSQL's 8,000-byte limit; a
// write that changed more than fits sends several, and one that would need
// more than maxNotices announces TagAll instead.
const (
	maxNotifyPayload = 7000
	maxNotices       = 16
)

// changeHub hands the tags of this server's committed writes to its
// listeners; other servers hear them through LISTEN. The zero value is
// ready to use.
type changeHub struct {
	once      sync.Once
	origin    string // tells this Store's own notices apart from other servers'
	mu        sync.RWMutex
	listeners []func([]Tag)
}

func (h *changeHub) id() string {
	h.once.Do(func() { h.origin = NewToken()[:16] })
	return h.origin
}

func (h *changeHub) deliver(tags []Tag) {
	h.mu.RLock()
	defer h.mu.RUnlock()
	for _, fn := range h.listeners {
		fn(tags)
	}
}

// OnChange registers fn to hear the tags of every write this Store commits,
// as soon as it has committed and before the write returns. Writes that
// roll back are never heard.
func (s *Store) OnChange(fn func(tags []Tag)) {
	s.changes.mu.Lock()
	s.changes.listeners = append(s.changes.listeners, fn)
	s.changes.mu.Unlock()
}

// changeSet collects what one transaction changed.
type changeSet struct {
	mu   sync.Mutex
	tags map[Tag]struct{}
}

type changeSetKey struct{}

// changed notes, inside a transaction begun by Store.write, what the write
// changes. It is announced only if the transaction commits.
func changed(ctx context.Context, tags ...Tag) {
	set, ok := ctx.Value(changeSetKey{}).(*changeSet)
	if !ok {
		panic("models: changed called outside Store.write")
	}
	set.mu.Lock()
	for _, t := range tags {
		set.tags[t] = struct{}{}
	}
	set.mu.Unlock()
}

func (c *changeSet) list() []Tag {
	if _, all := c.tags[TagAll]; all {
		return []Tag{TagAll}
	}
	out := make([]Tag, 0, len(c.tags))
	for t := range c.tags {
		out = append(out, t)
	}
	return out
}

// write runs fn in a transaction that announces what fn noted with changed:
// the notice rides in the transaction, so PostgreSQL delivers it to the
// other servers when (and only if) the write commits, and this server's
// listeners hear it right after the commit, before write returns.
func (s *Store) write(ctx context.Context, fn func(ctx context.Context, tx bun.Tx) error) error {
	set := &changeSet{tags: map[Tag]struct{}{}}
	ctx = context.WithValue(ctx, changeSetKey{}, set)
	err := s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		if err := fn(ctx, tx); err != nil {
			return err
		}
		if len(set.tags) == 0 {
			return nil
		}
		_, err := tx.ExecContext(ctx, "SELECT pg_notify(?, n) FROM unnest(?::text[]) AS n",
			changesChannel, pgdialect.Array(notices(s.changes.id(), set.list())))
		return err
	})
	if err == nil && len(set.tags) > 0 {
		s.changes.deliver(set.list())
	}
	return err
}

// notices are the payloads of the change notices for tags: each the origin,
// then as many of the tags as fit.
func notices(origin string, tags []Tag) []string {
	var out []string
	var b strings.Builder
	for _, t := range tags {
		if b.Len() > 0 && b.Len()+1+len(t) > maxNotifyPayload {
			out = append(out, b.String())
			b.Reset()
		}
		if b.Len() == 0 {
			b.WriteString(origin)
		}
		b.WriteByte(' ')
		b.WriteString(string(t))
	}
	out = append(out, b.String())
	if len(out) > maxNotices {
		return []string{origin + " " + string(TagAll)}
	}
	return out
}

// Announce tells every server, this one included, that what the tags name
// has changed, for writes made outside the Store: fixtures, repairs and
// seeding. An operator's own SQL can do the same with
// NOTIFY hyperboard_changes, 'sql *'.
func (s *Store) Announce(ctx context.Context, tags ...Tag) error {
	return s.write(ctx, func(ctx context.Context, tx bun.Tx) error {
		changed(ctx, tags...)
		return nil
	})
}

// ChangeListener is told what other servers' writes changed.
type ChangeListener struct {
	// Listening is called with true once notices are being received (any
	// sent before may have been missed) and with false when the connection
	// is lost (notices may go unheard until it is back).
	Listening func(bool)
	// Changed receives the tags of another server's committed write.
	Changed func([]Tag)
}

// ListenChanges hears the change notices of the other servers on one
// connection of the pool until ctx ends, reconnecting when it drops.
func (s *Store) ListenChanges(ctx context.Context, l ChangeListener) {
	backoff := 100 * time.Millisecond
	for ctx.Err() == nil {
		if s.listenOnce(ctx, l) {
			backoff = 100 * time.Millisecond
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(backoff):
		}
		backoff = min(2*backoff, 5*time.Second)
	}
}

// listenOnce listens on one connection until it fails or ctx ends, and
// reports whether it got as far as listening.
func (s *Store) listenOnce(ctx context.Context, l ChangeListener) (listened bool) {
	// A connection of its own, outside the pool: it is busy for as long as
	// the server runs, and the pool's budget belongs to requests.
	conn, err := pgx.ConnectConfig(ctx, s.cfg)
	if err != nil {
		return false
	}
	defer conn.Close(context.WithoutCancel(ctx))
	if _, err := conn.Exec(ctx, "LISTEN "+changesChannel); err != nil {
		return false
	}
	origin := s.changes.id()
	l.Listening(true)
	defer l.Listening(false)
	for {
		n, err := conn.WaitForNotification(ctx)
		if err != nil {
			return true
		}
		from, rest, _ := strings.Cut(n.Payload, " ")
		if from == origin || rest == "" {
			continue
		}
		fields := strings.Fields(rest)
		tags := make([]Tag, len(fields))
		for i, f := range fields {
			tags[i] = Tag(f)
		}
		l.Changed(tags)
	}
}

// writeBoard is write for changes that show on every page: settings, the
// forum tree (every page's jump box lists it), permissions, groups.
func (s *Store) writeBoard(ctx context.Context, fn func(ctx context.Context, tx bun.Tx) error) error {
	return s.write(ctx, func(ctx context.Context, tx bun.Tx) error {
		changed(ctx, TagAll)
		return fn(ctx, tx)
	})
}
