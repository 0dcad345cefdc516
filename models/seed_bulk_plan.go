package models

import (
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The shape of the synthetic board: who posts what, where and when.

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
	lastPost           int32 // index in bulkPlan.posts, -1 while the forum is empty
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
	// The opening and latest posts, as indexes in bulkPlan.posts.
	firstPost, lastPost int32
}

// bulkPost is one post of the load order, which is the order of time.
type bulkPost struct {
	at     int64
	topic  int32
	author int32
	number int32 // in the topic, from 1
	// replyTo is the author of the topic's post before this one (whom a
	// reply may quote), -1 for an opening post.
	replyTo int32
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
			p.forums = append(p.forums, bulkForum{category: c, position: i + 1, title: f.title, description: f.description, lastPost: -1})
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
	numbers := make([]int32, T)
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
		numbers[bp.topic]++
		bp.number, bp.replyTo = numbers[bp.topic], -1
		if bp.number == 1 {
			t.created, t.author, t.firstPost = bp.at, bp.author, int32(i)
		} else {
			bp.replyTo = p.posts[t.lastPost].author
		}
		t.last, t.lastPost = bp.at, int32(i)
	}
	for i := range p.users {
		u := &p.users[i]
		since := max(u.joined, u.lastVisit)
		u.lastVisit = since + int64(rng.Float64()*float64(span-since))
	}
	// Times only grow along the load order, so a forum's latest post is
	// the one loaded last.
	for i := range p.topics {
		t := &p.topics[i]
		f := &p.forums[t.forum]
		f.topics++
		f.posts += t.posts
		f.lastPost = max(f.lastPost, t.lastPost)
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
