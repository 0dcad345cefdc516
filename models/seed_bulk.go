package models

import (
	"context"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"hyperboard/bbcode"
)

// BulkOptions sizes the synthetic board made by SeedBulk.
type BulkOptions struct {
	Users, Topics, Posts int       // Posts counts each topic's first post too, so Posts >= Topics
	Log                  io.Writer // one line per step with its duration; nil discards them
}

func (o BulkOptions) validate() error {
	switch {
	case o.Users < 0 || o.Topics < 0 || o.Posts < 0:
		return fmt.Errorf("%w: bulk sizes must not be negative", ErrInvalid)
	case o.Posts < o.Topics:
		return fmt.Errorf("%w: %d posts cannot give each of %d topics a first post", ErrInvalid, o.Posts, o.Topics)
	case o.Posts > 0 && o.Topics == 0:
		return fmt.Errorf("%w: posts need at least one topic", ErrInvalid)
	case o.Topics > 0 && o.Users == 0:
		return fmt.Errorf("%w: topics need at least one user to write them", ErrInvalid)
	case o.Users > math.MaxInt32 || o.Posts > math.MaxInt32:
		return fmt.Errorf("%w: bulk sizes must fit in 32 bits", ErrInvalid)
	}
	return nil
}

// SeedBulk fills an empty board (one without categories) with a large
// synthetic one: members, three categories of forums, topics and posts,
// streamed in with COPY so that a million posts load in minutes. The rows
// are loaded in one transaction, so a failure while loading leaves nothing
// behind; the last-post pointers are then filled by Recount, which is the
// one place that knows how they derive from the posts (topics cannot point
// at posts that are loaded after them).
//
// The board is the same on every run apart from its timestamps, which end
// at the present. Members get ids after any that already exist, are named
// "member00001" and so on, and have no password.
func (s *Store) SeedBulk(ctx context.Context, opts BulkOptions) error {
	if err := opts.validate(); err != nil {
		return err
	}
	log := opts.Log
	if log == nil {
		log = io.Discard
	}
	start := time.Now()
	step := func(name string, f func() error) error {
		t := time.Now()
		if err := f(); err != nil {
			return fmt.Errorf("seed bulk: %s: %w", name, err)
		}
		fmt.Fprintf(log, "seed bulk: %-16s %v\n", name, time.Since(t).Round(time.Millisecond))
		return nil
	}

	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	err = conn.Raw(func(dc any) error {
		return bulkLoad(ctx, dc.(*stdlib.Conn).Conn(), opts, log, step)
	})
	conn.Close()
	if err != nil {
		return err
	}

	tables := "users, group_members, categories, forums, topics, posts"
	if err := step("analyze", func() error {
		_, err := s.db.ExecContext(ctx, "ANALYZE "+tables)
		return err
	}); err != nil {
		return err
	}
	if err := step("recount", func() error {
		drift, err := s.Recount(ctx, true)
		for _, d := range drift {
			fmt.Fprintf(log, "seed bulk:   recount set %d %s\n", d.Rows, d.Table)
		}
		return err
	}); err != nil {
		return err
	}
	// Recount rewrote every topic, and until a vacuum marks their pages
	// all-visible the forum listing cannot use its index-only scan.
	if err := step("vacuum analyze", func() error {
		_, err := s.db.ExecContext(ctx, "VACUUM (ANALYZE) "+tables)
		return err
	}); err != nil {
		return err
	}
	fmt.Fprintf(log, "seed bulk: %-16s %v\n", "total", time.Since(start).Round(time.Millisecond))
	return nil
}

// errBoardNotEmpty is returned when SeedBulk finds categories already there.
var errBoardNotEmpty = fmt.Errorf("%w: the board already has categories; bulk seeding needs an empty board", ErrConflict)

func bulkLoad(ctx context.Context, pc *pgx.Conn, opts BulkOptions, log io.Writer, step func(string, func() error) error) (err error) {
	tx, err := pc.Begin(ctx)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tx.Rollback(context.WithoutCancel(ctx))
		}
	}()
	// SET LOCAL rather than SET: the connection goes back to the pool, and
	// this commit is the only one worth not waiting for. The lock conflicts
	// with itself, so of two loads started together the second waits and
	// then finds the first one's categories.
	_, err = tx.Exec(ctx, `SET LOCAL synchronous_commit = off;
		LOCK TABLE categories IN SHARE ROW EXCLUSIVE MODE`)
	if err != nil {
		return err
	}
	var nonEmpty bool
	var registered, userBase int64
	err = tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM categories),
		(SELECT id FROM groups WHERE system_key = $1),
		(SELECT coalesce(max(id), 0) FROM users)`, GroupRegistered).Scan(&nonEmpty, &registered, &userBase)
	if err != nil {
		return err
	}
	if nonEmpty {
		return errBoardNotEmpty
	}

	var p *bulkPlan
	if err = step("plan", func() error {
		p = planBulk(opts, time.Now())
		return nil
	}); err != nil {
		return err
	}
	copyRows := func(name, table string, cols []string, n int, row func(i int) []any) error {
		return step(name, func() error {
			i := 0
			got, err := tx.CopyFrom(ctx, pgx.Identifier{table}, cols, pgx.CopyFromFunc(func() ([]any, error) {
				if i == n {
					return nil, nil
				}
				i++
				return row(i - 1), nil
			}))
			if err == nil && got != int64(n) {
				err = fmt.Errorf("copied %d rows of %d", got, n)
			}
			return err
		})
	}

	userID := func(u int32) int64 { return userBase + int64(u) + 1 }
	text := newBulkText(rand.New(rand.NewPCG(bulkSeed, 3)))
	if err = copyRows("users", "users",
		[]string{"id", "username", "email", "password_hash", "joined_at", "last_visit_at", "post_count", "signature", "signature_html"},
		len(p.users), func(i int) []any {
			u := &p.users[i]
			name := bulkUserName(i+1, len(p.users))
			sig := text.signature()
			return []any{userID(int32(i)), name, name + "@example.invalid", "", p.time(u.joined), p.time(u.lastVisit),
				u.posts, sig, bbcode.Cook(sig)}
		}); err != nil {
		return err
	}
	if err = copyRows("group members", "group_members", []string{"group_id", "user_id", "joined_at"},
		len(p.users), func(i int) []any {
			return []any{registered, userID(int32(i)), p.time(p.users[i].joined)}
		}); err != nil {
		return err
	}
	if err = copyRows("categories", "categories", []string{"id", "title", "position"},
		len(bulkCategories), func(i int) []any {
			return []any{int64(i + 1), bulkCategories[i].title, int32(i + 1)}
		}); err != nil {
		return err
	}
	if err = copyRows("forums", "forums", []string{"id", "category_id", "title", "description", "position", "topic_count", "post_count"},
		len(p.forums), func(i int) []any {
			f := &p.forums[i]
			return []any{int64(i + 1), int64(f.category + 1), f.title, f.description, int32(f.position), f.topics, f.posts}
		}); err != nil {
		return err
	}
	if err = copyRows("topics", "topics",
		[]string{"id", "forum_id", "author_id", "title", "kind", "locked", "reply_count", "view_count", "last_post_number", "last_post_at", "created_at"},
		len(p.topics), func(i int) []any {
			t := &p.topics[i]
			return []any{int64(i + 1), int64(t.forum + 1), userID(t.author), t.title, int16(t.kind), t.locked,
				t.posts - 1, t.views, t.posts, p.time(t.last), p.time(t.created)}
		}); err != nil {
		return err
	}

	// The indexes of posts stay in place: dropping the one secondary index
	// and rebuilding it afterwards measured no faster, as the foreign key
	// checks and the heap writes dominate the load.
	numbers := make([]int32, len(p.topics))
	row := make([]any, 11)
	if err = copyRows("posts", "posts",
		[]string{"id", "topic_id", "author_id", "post_number", "subject", "body", "body_html", "created_at", "edited_at", "edit_count", "edited_by"},
		len(p.posts), func(i int) []any {
			bp := &p.posts[i]
			numbers[bp.topic]++
			subject := ""
			if numbers[bp.topic] == 1 {
				subject = p.topics[bp.topic].title
			}
			body := text.body()
			row[0], row[1], row[2], row[3] = int64(i+1), int64(bp.topic+1), userID(bp.author), numbers[bp.topic]
			row[4], row[5], row[6], row[7] = subject, body, bbcode.Cook(body), p.time(bp.at)
			row[8], row[9], row[10] = nil, int32(0), nil
			// A few posts were edited by their author soon after writing.
			if text.rng.IntN(40) == 0 {
				edited := bp.at + text.rng.Int64N(int64(3*time.Hour/time.Microsecond))
				row[8] = p.time(min(edited, int64(bulkSpan/time.Microsecond)))
				row[9], row[10] = int32(1+text.rng.IntN(2)), userID(bp.author)
			}
			if (i+1)%250_000 == 0 {
				fmt.Fprintf(log, "seed bulk:   %d posts\n", i+1)
			}
			return row
		}); err != nil {
		return err
	}
	if err = step("commit", func() error {
		// Explicit ids leave the identity sequences behind; later inserts
		// would collide with the loaded rows.
		for _, t := range []string{"users", "categories", "forums", "topics", "posts"} {
			if _, err := tx.Exec(ctx, "SELECT setval(pg_get_serial_sequence('"+t+"', 'id'), max(id)) FROM "+t); err != nil {
				return err
			}
		}
		return tx.Commit(ctx)
	}); err != nil {
		return err
	}
	return nil
}

// bulkSeed fixes the random streams so that every run makes the same board.
const bulkSeed = 0x48797065_72626f61

// bulkSpan is how long the synthetic board has been running; a fixed length
// rather than a calendar date keeps every offset, and so every draw that
// depends on one, the same from run to run.
const bulkSpan = 43830 * time.Hour // five years of 365.25 days

type bulkUser struct {
	joined, lastVisit int64 // microseconds after the board opened
	posts             int32
}

type bulkForum struct {
	category, position int
	title, description string
	topics, posts      int32
}

type bulkTopic struct {
	title         string
	forum         int32
	author        int32
	kind          TopicKind
	locked        bool
	posts         int32
	views         int64
	created, last int64
}

// bulkPost is one post of the load order, which is the order of time; its
// number in the topic follows from that order, so it is not stored.
type bulkPost struct {
	at     int64
	topic  int32
	author int32
}

// bulkPlan is the shape of the whole board except the post text, which is
// made while streaming so that a million bodies are never held at once.
type bulkPlan struct {
	opened time.Time
	users  []bulkUser
	forums []bulkForum
	topics []bulkTopic
	posts  []bulkPost
}

func (p *bulkPlan) time(us int64) time.Time {
	return p.opened.Add(time.Duration(us) * time.Microsecond)
}

type bulkCategory struct {
	title  string
	forums []bulkForumSpec
}

type bulkForumSpec struct {
	title, description string
	weight             int // share of the topics, in percent
}

// The first forum takes 40% of the topics so that a board of 100,000 has a
// forum whose listing runs past page 1,000.
var bulkCategories = []bulkCategory{
	{"Community", []bulkForumSpec{
		{"General Discussion", "Anything about making things that doesn't fit elsewhere.", 40},
		{"Introductions", "New here? Say hello and tell us what you build.", 8},
		{"Off-Topic Lounge", "Music, films, food, the weather and everything else.", 12},
	}},
	{"Workshop", []bulkForumSpec{
		{"Help & Support", "Stuck on a build or a broken tool? Ask here.", 15},
		{"Projects & Showcase", "Show off what you've made, finished or not.", 7},
		{"Tools & Materials", "Reviews, comparisons and buying advice.", 5},
		{"Tutorials & Guides", "Step-by-step write-ups from members.", 3},
	}},
	{"Marketplace & Meta", []bulkForumSpec{
		{"Buy, Sell & Trade", "Private sales between members. Read the rules first.", 5},
		{"Events & Meetups", "Maker fairs, club nights and open workshops.", 3},
		{"Site Feedback", "Bugs, ideas and questions about the board itself.", 2},
	}},
}

func bulkUserName(n, users int) string {
	width := max(5, len(strconv.Itoa(users)))
	s := strconv.Itoa(n)
	return "member" + strings.Repeat("0", width-len(s)) + s
}

// planBulk decides everything but the post bodies. Times are offsets from
// the opening, five years before now; members join evenly over that time,
// topics more often as the board grows, and every post is written by a
// member who had joined by then.
func planBulk(opts BulkOptions, now time.Time) *bulkPlan {
	rng := rand.New(rand.NewPCG(bulkSeed, 1))
	titles := newBulkText(rand.New(rand.NewPCG(bulkSeed, 2)))
	us := func(d time.Duration) int64 { return int64(d / time.Microsecond) }
	span := us(bulkSpan)
	p := &bulkPlan{opened: now.Truncate(time.Second).Add(-bulkSpan)}

	p.users = make([]bulkUser, opts.Users)
	for i := range p.users {
		p.users[i].joined = int64((float64(i) + rng.Float64()) / float64(opts.Users) * float64(span))
	}
	if opts.Users > 0 {
		p.users[0].joined = 0 // so the first post has an author
	}

	// Forum sizes are fixed shares (largest remainder) dealt out at random.
	var specs []bulkForumSpec
	for c, cat := range bulkCategories {
		for i, f := range cat.forums {
			specs = append(specs, f)
			p.forums = append(p.forums, bulkForum{category: c, position: i + 1, title: f.title, description: f.description})
		}
	}
	sizes := apportion(opts.Topics, specs)
	forumOf := make([]int32, 0, opts.Topics)
	for f, n := range sizes {
		for range n {
			forumOf = append(forumOf, int32(f))
		}
	}
	rng.Shuffle(len(forumOf), func(i, j int) { forumOf[i], forumOf[j] = forumOf[j], forumOf[i] })

	T := opts.Topics
	p.topics = make([]bulkTopic, T)
	if T == 0 {
		return p
	}
	byForum := make([][]int, len(p.forums))
	for i := range p.topics {
		p.topics[i].forum = forumOf[i]
		byForum[forumOf[i]] = append(byForum[forumOf[i]], i)
	}

	// One long-running topic in the biggest forum gets 1,000 posts.
	big := byForum[0]
	if len(big) == 0 {
		big = byForum[slices.IndexFunc(byForum, func(ts []int) bool { return len(ts) > 0 })]
	}
	giant := big[min(max(3, len(big)/10), len(big)-1)]
	giantPosts := min(1000, opts.Posts-T+1)
	if T == 1 {
		giantPosts = opts.Posts
	}

	// A handful of stickies and announcements open each forum's history.
	for f, ts := range byForum {
		for n, t := range ts {
			if t == giant || n > 2 || len(ts) < 5 {
				continue
			}
			switch {
			case n == 0:
				p.topics[t].kind, p.topics[t].locked = TopicSticky, true
				p.topics[t].title = titles.stickyTitle(p.forums[f].title)
			case n == 1 && f < 2:
				p.topics[t].kind, p.topics[t].locked = TopicAnnouncement, true
				p.topics[t].title = titles.announcementTitle()
			case n == 2 && f == 0:
				p.topics[t].kind = TopicSticky
				p.topics[t].title = titles.stickyTitle(p.forums[f].title)
			}
		}
	}
	for i := range p.topics {
		t := &p.topics[i]
		if t.title == "" {
			t.title = titles.topicTitle()
			t.locked = i != giant && rng.IntN(200) == 0
		}
	}

	// Replies are shared out in proportion to log-normal weights: most
	// topics get a few, some get dozens, a rare one hundreds.
	p.topics[giant].posts = int32(giantPosts)
	replies := opts.Posts - T - (giantPosts - 1)
	if T > 1 {
		limit := max(998, (replies+T-2)/(T-1)) // only the giant reaches 1,000 if it can
		weights := make([]float64, T)
		var sum float64
		for i := range weights {
			if i != giant {
				weights[i] = math.Exp(1.1 * rng.NormFloat64())
				sum += weights[i]
			}
		}
		left := replies
		for i, w := range weights {
			if i != giant {
				n := min(int(float64(replies)*w/sum), limit)
				p.topics[i].posts = int32(1 + n)
				left -= n
			}
		}
		for tries := 0; left > 0; tries++ {
			i := rng.IntN(T)
			if tries > 8*T { // a board too small for random picks to find room
				i = tries % T
			}
			if i != giant && int(p.topics[i].posts) <= limit {
				p.topics[i].posts++
				left--
			}
		}
	}

	// Topics start more often as the board grows (density rising linearly)
	// and stay active for a while that grows with their length.
	end := span - us(time.Hour)
	p.posts = make([]bulkPost, 0, opts.Posts)
	for i := range p.topics {
		t := &p.topics[i]
		created := int64(math.Sqrt((float64(i)+rng.Float64())/float64(T)) * float64(end))
		life := float64(us(24*time.Hour)) * (1 + float64(t.posts)/2) * math.Exp(0.8*rng.NormFloat64())
		if i == giant {
			life = float64(span)
		}
		life = min(life, float64(span-created-us(time.Second)))
		p.posts = append(p.posts, bulkPost{at: created, topic: int32(i)})
		for range t.posts - 1 {
			at := created + 1000 + int64(math.Pow(rng.Float64(), 1.5)*(life-1000))
			p.posts = append(p.posts, bulkPost{at: at, topic: int32(i)})
		}
		t.views = int64(t.posts)*int64(3+rng.IntN(25)) + int64(rng.IntN(60))
	}
	slices.SortFunc(p.posts, func(a, b bulkPost) int {
		if a.at != b.at {
			return int(min(max(a.at-b.at, -1), 1))
		}
		return int(a.topic - b.topic)
	})

	// Make times strictly increasing (which keeps the order) and pick each
	// author from the members who had joined by then, four in ten of them
	// from the regulars (every twentieth member).
	joined := 0
	seen := make([]bool, T)
	for i := range p.posts {
		bp := &p.posts[i]
		if i > 0 && bp.at <= p.posts[i-1].at {
			bp.at = p.posts[i-1].at + 1
		}
		for joined < len(p.users) && p.users[joined].joined <= bp.at {
			joined++
		}
		if joined >= 20 && rng.IntN(10) < 4 {
			bp.author = int32(rng.IntN(joined/20) * 20)
		} else {
			bp.author = int32(rng.IntN(joined))
		}
		u := &p.users[bp.author]
		u.posts++
		u.lastVisit = bp.at
		t := &p.topics[bp.topic]
		if !seen[bp.topic] {
			seen[bp.topic] = true
			t.created, t.author = bp.at, bp.author
		}
		t.last = bp.at
	}
	for i := range p.users {
		u := &p.users[i]
		since := max(u.joined, u.lastVisit)
		u.lastVisit = since + int64(rng.Float64()*float64(span-since))
	}
	for i := range p.topics {
		t := &p.topics[i]
		p.forums[t.forum].topics++
		p.forums[t.forum].posts += t.posts
	}
	return p
}

// apportion splits n by the specs' weights, giving the rounding remainders
// to the largest fractions so the parts add up to n exactly.
func apportion(n int, specs []bulkForumSpec) []int {
	total := 0
	for _, s := range specs {
		total += s.weight
	}
	parts := make([]int, len(specs))
	rem := make([]int, len(specs))
	left := n
	for i, s := range specs {
		parts[i] = n * s.weight / total
		rem[i] = n * s.weight % total
		left -= parts[i]
	}
	order := make([]int, len(specs))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return rem[b] - rem[a] })
	for _, i := range order[:left] {
		parts[i]++
	}
	return parts
}

// bulkText makes titles, bodies and signatures from word lists. Bodies are
// word salad in sentences, readable enough to judge a page layout by.
type bulkText struct {
	rng *rand.Rand
	buf []byte
}

func newBulkText(rng *rand.Rand) *bulkText { return &bulkText{rng: rng} }

func (x *bulkText) pick(list []string) string { return list[x.rng.IntN(len(list))] }

var (
	bulkTools = []string{
		"bandsaw", "soldering iron", "router table", "PLA filament", "oscilloscope", "dovetail jig",
		"workbench", "dust collector", "stepper motor", "hand plane", "bench power supply", "chisel set",
		"wood lathe", "resin printer", "multimeter", "table saw fence", "spray booth", "drill press",
		"hot air station", "laser cutter", "spokeshave", "mitre saw", "CNC spindle", "belt sander",
		"parallel clamps", "logic analyser", "marking gauge", "heat-set inserts", "sharpening stone", "reflow oven",
	}
	bulkProjects = []string{
		"bookshelf", "guitar pedal", "weather station", "shaker table", "cutting board", "LED matrix clock",
		"tool chest", "bird feeder", "grinder stand", "drone frame", "step stool", "synth module",
		"picture frame", "plant monitor", "jewellery box", "spice rack", "keyboard case", "garden bench",
	}
	bulkAdjectives = []string{
		"cheap", "second-hand", "vintage", "noisy", "wobbly", "budget", "homemade", "cordless",
		"tiny", "oversized", "refurbished", "inherited", "rusty", "brand new", "Japanese", "hand-built",
	}
	bulkProblems = []string{
		"overheating", "slipping", "buzzing", "drifting out of square", "tripping the breaker", "jamming",
		"leaving burn marks", "skipping steps", "chattering", "losing calibration", "smoking", "wandering",
	}
	bulkTasks = []string{
		"flatten a warped board", "store filament", "sharpen a chisel", "desolder SMD parts", "finish oak",
		"cut acrylic cleanly", "ground a workshop", "level a print bed", "glue up a tabletop", "tune a hand plane",
		"label a parts drawer", "heat a cold garage", "remove rust", "wire a limit switch",
	}
	bulkPlaces = []string{"the UK", "Berlin", "Ontario", "Melbourne", "Texas", "Lyon", "Oslo", "Dublin", "Osaka"}
	bulkWords  = strings.Fields(`the a my your this that our some every old new small big first last
		board joint glue clamp blade fence bit motor wire fuse board part case frame shelf drawer lid edge
		grain finish oil wax varnish screw bolt nut washer spring bearing belt pulley gear shaft spindle
		bench vice jig template sketch drawing plan measurement tolerance gap angle corner face end side
		cut sand drill solder print fit tighten loosen check measure mark plane turn wire test flash mount
		works fails cracks slips holds binds wobbles hums clicks rattles shines dries cures warps
		quickly slowly carefully roughly nearly barely finally again still already almost really
		because although when after before while until unless so but and or then also
		oak pine maple walnut birch plywood aluminium steel brass copper acrylic PETG resin epoxy
		weekend evening morning garage shed workshop kitchen table`)
	bulkPhrases = []string{
		"Thanks for the help, everyone.", "Has anyone else seen this?", "I'll post pictures tomorrow.",
		"Don't over-tighten it.", "Measure twice, cut once.", "That's exactly what I needed.",
		"Any ideas?", "It's not perfect, but it works.", "Same here & it drove me mad.",
		"Update: fixed it, it was the \"obvious\" thing.", "Good luck with the build!", "+1 to what they said.",
	}
	bulkSignatures = []string{
		"Measure twice, cut once, swear three times.",
		"Currently building: a workbench to build workbenches on.",
		"Three 3D printers, zero working.",
		"If it's stupid but it works, it isn't stupid.",
		"Sawdust is man glitter.\nShop tour: see my profile.",
		"Ten fingers and counting.",
		"Hobbyist since 1998 <still learning>",
		"All my projects are 90% done.",
	}
)

func (x *bulkText) topicTitle() string {
	var t string
	switch x.rng.IntN(12) {
	case 0:
		t = "Which " + x.pick(bulkTools) + " should I buy?"
	case 1:
		t = x.pick(bulkAdjectives) + " " + x.pick(bulkTools) + " vs " + x.pick(bulkTools) + ": worth the upgrade?"
	case 2:
		t = "Help: my " + x.pick(bulkTools) + " keeps " + x.pick(bulkProblems)
	case 3:
		t = "First attempt at a " + x.pick(bulkProjects) + ", feedback welcome"
	case 4:
		t = "Restoring a " + x.pick(bulkAdjectives) + " " + x.pick(bulkTools)
	case 5:
		t = "Best way to " + x.pick(bulkTasks) + "?"
	case 6:
		t = "Anyone tried the new " + x.pick(bulkTools) + "?"
	case 7:
		t = "Show us your " + x.pick(bulkProjects) + "s"
	case 8:
		t = x.pick(bulkTools) + ": tips for beginners"
	case 9:
		t = "Finally finished my " + x.pick(bulkProjects) + "!"
	case 10:
		t = "Is a " + x.pick(bulkAdjectives) + " " + x.pick(bulkTools) + " worth it?"
	default:
		t = "Where to buy a " + x.pick(bulkTools) + " in " + x.pick(bulkPlaces) + "?"
	}
	switch x.rng.IntN(20) {
	case 0:
		t += " [solved]"
	case 1:
		t += " (update)"
	}
	return strings.ToUpper(t[:1]) + t[1:]
}

func (x *bulkText) stickyTitle(forum string) string {
	if x.rng.IntN(2) == 0 {
		return "Read this first: getting good answers in " + forum
	}
	return forum + " FAQ and useful links"
}

func (x *bulkText) announcementTitle() string {
	return x.pick([]string{"Board rules (updated)", "Scheduled maintenance this weekend", "New: signatures and ranks", "Welcome to the new forum software"})
}

// signature returns "" for three members in four.
func (x *bulkText) signature() string {
	if x.rng.IntN(4) != 0 {
		return ""
	}
	return x.pick(bulkSignatures)
}

// body returns paragraphs of 200 to 2,000 characters in all, most of them
// short. Sentences stay under about 200 characters, so a body stops within
// that of its target and the target stops short of the limit by as much.
func (x *bulkText) body() string {
	u := x.rng.Float64()
	target := 200 + int(u*u*1560)
	b := x.buf[:0]
	para := 0
	paraTarget := 150 + x.rng.IntN(500)
	for len(b) < target {
		if para >= paraTarget {
			b = append(b, "\n\n"...)
			para, paraTarget = 0, 150+x.rng.IntN(500)
		} else if para > 0 {
			b = append(b, ' ')
		}
		n := len(b)
		b = x.sentence(b)
		para += len(b) - n
	}
	x.buf = b
	return string(b)
}

func (x *bulkText) sentence(b []byte) []byte {
	if x.rng.IntN(6) == 0 {
		return append(b, x.pick(bulkPhrases)...)
	}
	words := 5 + x.rng.IntN(14)
	for i := range words {
		w := x.pick(bulkWords)
		if i == 0 {
			b = append(b, strings.ToUpper(w[:1])...)
			w = w[1:]
		} else {
			b = append(b, ' ')
		}
		b = append(b, w...)
	}
	return append(b, ".....?!"[x.rng.IntN(7)])
}
