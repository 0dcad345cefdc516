// Package soak drives a mixed load of readers and writers against one
// Hyperboard server on the loopback interface and keeps the evidence the
// soak test judges: statuses, latencies, acknowledged replies and runtime
// samples from the server's /debug/runtime.
package soak

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Member is an account the driver logs in with.
type Member struct {
	Name, Password string
}

// Plan is what one run does: where, for how long, at most how many
// requests, with which accounts and topics.
type Plan struct {
	BaseURL     string
	Duration    time.Duration
	Workers     int
	MaxRequests int64
	// WarmUp is the part of Duration after which samples must stay flat.
	WarmUp time.Duration
	// SampleEvery is how often /debug/runtime is read.
	SampleEvery time.Duration
	Members     []Member
	Topics      []int64
	Forums      []int64
	Words       []string
}

// Op names one kind of request in the mix.
type Op string

// The operations in the mix.
const (
	GuestRead  Op = "guest read"
	MemberRead Op = "member read"
	Reply      Op = "reply"
	Edit       Op = "edit"
	PM         Op = "pm"
	Search     Op = "search"
	Login      Op = "login"
)

// mix is each operation's share of the load, in percent.
var mix = []struct {
	op     Op
	weight int
}{
	{GuestRead, 38}, {MemberRead, 26}, {Reply, 12}, {Edit, 6}, {PM, 4}, {Search, 6}, {Login, 8},
}

// Sample is one reading of the server's runtime figures.
type Sample struct {
	At          time.Duration `json:"-"`
	Goroutines  int           `json:"goroutines"`
	HeapAlloc   uint64        `json:"heap_alloc"`
	HeapObjects uint64        `json:"heap_objects"`
}

// Result is the evidence of a run.
type Result struct {
	Requests int64
	// Statuses counts answers by status code; 0 counts transport errors.
	Statuses map[int]int64
	ByOp     map[Op]int64
	// Unexpected counts answers outside those an operation expects (a 5xx
	// is both a server error and unexpected); Failures keeps the first few.
	Unexpected int64
	Failures   []string
	// Acknowledged maps each reply's marker to the post the server named.
	Acknowledged map[string]int64
	Latency      *Histogram
	Samples      []Sample
	Elapsed      time.Duration
}

// ServerErrors is the number of 5xx answers and transport errors.
func (r *Result) ServerErrors() int64 {
	var n int64
	for code, count := range r.Statuses {
		if code == 0 || code >= 500 {
			n += count
		}
	}
	return n
}

// Run drives the plan until its time or request budget is spent.
func Run(ctx context.Context, p Plan) (*Result, error) {
	if err := loopbackOnly(p.BaseURL); err != nil {
		return nil, err
	}
	if p.Workers <= 0 || len(p.Members) < p.Workers || len(p.Topics) == 0 {
		return nil, errors.New("soak: a plan needs workers, at least one member per worker, and topics")
	}
	ctx, cancel := context.WithTimeout(ctx, p.Duration)
	defer cancel()
	transport := &http.Transport{
		DialContext:         (&net.Dialer{Timeout: 5 * time.Second}).DialContext,
		MaxIdleConnsPerHost: 4 * p.Workers,
		IdleConnTimeout:     30 * time.Second,
	}
	defer transport.CloseIdleConnections()

	res := &Result{Statuses: map[int]int64{}, ByOp: map[Op]int64{}, Acknowledged: map[string]int64{}, Latency: NewHistogram()}
	var mu sync.Mutex
	var budget = p.MaxRequests
	failingInARow := 0
	start := time.Now()

	sampler := make(chan struct{})
	go func() {
		defer close(sampler)
		sample := func() {
			if s, err := readRuntime(transport, p.BaseURL); err == nil {
				s.At = time.Since(start)
				mu.Lock()
				res.Samples = append(res.Samples, s)
				mu.Unlock()
			}
		}
		sample()
		tick := time.NewTicker(p.SampleEvery)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
				sample()
			}
		}
	}()

	var wg sync.WaitGroup
	per := len(p.Members) / p.Workers
	for w := range p.Workers {
		wk := &worker{
			id: w, plan: &p, transport: transport, rng: rand.New(rand.NewPCG(uint64(w), 7)),
			members: p.Members[w*per : (w+1)*per], sessions: map[string]*session{},
			record: func(op Op, status int, took time.Duration) bool {
				mu.Lock()
				defer mu.Unlock()
				res.Requests++
				res.Statuses[status]++
				res.ByOp[op]++
				res.Latency.Add(took)
				if status == 0 || status >= 500 {
					failingInARow++
				} else {
					failingInARow = 0
				}
				return (budget <= 0 || res.Requests < budget) && failingInARow < maxFailingInARow
			},
			fail: func(failure string) {
				mu.Lock()
				defer mu.Unlock()
				res.Unexpected++
				if len(res.Failures) < 20 {
					res.Failures = append(res.Failures, failure)
				}
			},
			acknowledge: func(marker string, postID int64) {
				mu.Lock()
				res.Acknowledged[marker] = postID
				mu.Unlock()
			},
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			wk.loop(ctx, cancel)
		}()
	}
	wg.Wait()
	cancel()
	<-sampler
	// One last sample once the load has stopped.
	if s, err := readRuntime(transport, p.BaseURL); err == nil {
		s.At = time.Since(start)
		res.Samples = append(res.Samples, s)
	}
	res.Elapsed = time.Since(start)
	return res, nil
}

// loopbackOnly keeps the driver from ever loading a machine other than
// this one.
func loopbackOnly(base string) error {
	u, err := url.Parse(base)
	if err != nil {
		return err
	}
	ip := net.ParseIP(u.Hostname())
	if u.Scheme != "http" || ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("soak: %q is not a loopback address; the driver loads this machine only", base)
	}
	return nil
}

func readRuntime(transport http.RoundTripper, base string) (Sample, error) {
	var s Sample
	client := &http.Client{Transport: transport, Timeout: 30 * time.Second}
	resp, err := client.Get(base + "/debug/runtime")
	if err != nil {
		return s, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return s, fmt.Errorf("/debug/runtime: %s", resp.Status)
	}
	return s, json.NewDecoder(resp.Body).Decode(&s)
}

// session is a logged-in member's browser: cookies, CSRF token and the
// posts they wrote with the version each is at.
type session struct {
	name   string
	client *http.Client
	csrf   string
	posts  []ownPost
	pms    int
}

type ownPost struct {
	id      int64
	marker  string
	version int
}

type worker struct {
	id          int
	plan        *Plan
	transport   http.RoundTripper
	rng         *rand.Rand
	members     []Member
	sessions    map[string]*session
	guest       *http.Client
	canonical   map[string]string // path -> the URL it redirects to for good
	replies     int
	record      func(op Op, status int, took time.Duration) bool
	fail        func(failure string)
	acknowledge func(marker string, postID int64)
}

// maxFailingInARow ends a run early when the server has stopped working
// (the test then fails on its server errors) rather than hammering it.
const maxFailingInARow = 500

// pmsPerMember stays under the board's hourly limit of private messages.
const pmsPerMember = 15

func (w *worker) loop(ctx context.Context, stop context.CancelFunc) {
	w.guest = w.newClient()
	w.canonical = map[string]string{}
	for ctx.Err() == nil {
		op := w.pick()
		var more bool
		switch op {
		case GuestRead:
			more = w.read(ctx, op, w.guest)
		case MemberRead:
			more = w.read(ctx, op, w.member(ctx).client)
		case Reply:
			more = w.reply(ctx)
		case Edit:
			more = w.edit(ctx)
		case PM:
			more = w.pm(ctx)
		case Search:
			// Members search (a guest's limit is per address, and every
			// guest here shares one); the board's search limit may answer 429.
			q := w.plan.Words[w.rng.IntN(len(w.plan.Words))]
			more = w.expect(ctx, op, w.member(ctx).client, http.MethodGet, "/search?q="+url.QueryEscape(q), nil, http.StatusOK, http.StatusTooManyRequests)
		case Login:
			more = w.login(ctx)
		}
		if !more {
			stop()
		}
	}
}

func (w *worker) pick() Op {
	n := w.rng.IntN(100)
	for _, m := range mix {
		if n < m.weight {
			return m.op
		}
		n -= m.weight
	}
	return GuestRead
}

func (w *worker) newClient() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{
		Transport: w.transport, Jar: jar, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// member is a logged-in session of one of the worker's members, logging
// in the first time.
func (w *worker) member(ctx context.Context) *session {
	m := w.members[w.rng.IntN(len(w.members))]
	if s := w.sessions[m.Name]; s != nil {
		return s
	}
	s := &session{name: m.Name, client: w.newClient()}
	if w.logIn(ctx, s, m) {
		w.sessions[m.Name] = s
	}
	return s
}

func (w *worker) read(ctx context.Context, op Op, client *http.Client) bool {
	var path string
	switch n := w.rng.IntN(10); {
	case n < 2:
		path = "/"
	case n < 4:
		path = "/f/" + strconv.FormatInt(w.plan.Forums[w.rng.IntN(len(w.plan.Forums))], 10)
	default:
		path = "/t/" + strconv.FormatInt(w.plan.Topics[w.rng.IntN(len(w.plan.Topics))], 10)
		if n == 9 {
			path += "?page=2"
		}
	}
	// The board redirects to the URL with the slug once; readers follow it
	// and use that URL from then on, as links on its pages would.
	if known, ok := w.canonical[path]; ok {
		path = known
	}
	status, _, loc := w.do(ctx, op, client, http.MethodGet, path, nil)
	if status == http.StatusMovedPermanently || status == http.StatusFound || status == http.StatusSeeOther {
		if status == http.StatusMovedPermanently {
			w.canonical[path] = loc
		}
		status, _, _ = w.do(ctx, op, client, http.MethodGet, loc, nil)
	}
	return w.judge(op, path, status, http.StatusOK, http.StatusNotFound)
}

func (w *worker) reply(ctx context.Context) bool {
	s := w.member(ctx)
	if s.csrf == "" {
		return true
	}
	w.replies++
	marker := fmt.Sprintf("soak-w%d-r%d", w.id, w.replies)
	topic := w.plan.Topics[w.rng.IntN(len(w.plan.Topics))]
	form := url.Values{"message": {"Reply " + marker + " about " + w.plan.Words[w.rng.IntN(len(w.plan.Words))]},
		"key": {marker}, "_csrf": {s.csrf}}
	status, _, loc := w.do(ctx, Reply, s.client, http.MethodPost, "/t/"+strconv.FormatInt(topic, 10)+"/reply", form)
	if status == http.StatusSeeOther {
		if id, ok := postIDFrom(loc); ok {
			w.acknowledge(marker, id)
			s.posts = append(s.posts, ownPost{id: id, marker: marker})
		}
	}
	return w.judge(Reply, marker, status, http.StatusSeeOther)
}

func (w *worker) edit(ctx context.Context) bool {
	s := w.member(ctx)
	if len(s.posts) == 0 || s.csrf == "" {
		return w.reply(ctx)
	}
	i := w.rng.IntN(len(s.posts))
	p := &s.posts[i]
	// The marker stays, so the stored replies can still be told apart.
	form := url.Values{"message": {fmt.Sprintf("Reply %s edited %d times about %s", p.marker, p.version+1, w.plan.Words[w.rng.IntN(len(w.plan.Words))])},
		"version": {strconv.Itoa(p.version)}, "reason": {"soak"}, "_csrf": {s.csrf}}
	status, _, _ := w.do(ctx, Edit, s.client, http.MethodPost, "/p/"+strconv.FormatInt(p.id, 10)+"/edit", form)
	if status == http.StatusSeeOther {
		p.version++
	}
	return w.judge(Edit, strconv.FormatInt(p.id, 10), status, http.StatusSeeOther)
}

func (w *worker) pm(ctx context.Context) bool {
	s := w.member(ctx)
	if s.csrf == "" || s.pms >= pmsPerMember {
		return w.read(ctx, MemberRead, s.client)
	}
	s.pms++
	to := w.plan.Members[w.rng.IntN(len(w.plan.Members))].Name
	if to == s.name {
		to = w.plan.Members[(w.id+1)*len(w.members)%len(w.plan.Members)].Name
	}
	key := fmt.Sprintf("soak-w%d-pm%d-%d", w.id, s.pms, w.rng.Uint32())
	form := url.Values{"to": {to}, "subject": {"Soak " + key}, "message": {"A message " + key}, "key": {key}, "_csrf": {s.csrf}}
	status, _, loc := w.do(ctx, PM, s.client, http.MethodPost, "/pm/new", form)
	if !w.judge(PM, key, status, http.StatusSeeOther) {
		return false
	}
	if status == http.StatusSeeOther {
		status, _, _ = w.do(ctx, PM, s.client, http.MethodGet, loc, nil)
		return w.judge(PM, loc, status, http.StatusOK)
	}
	return true
}

// login logs one of the worker's members in on a fresh browser and out
// again, leaving their usual session alone.
func (w *worker) login(ctx context.Context) bool {
	m := w.members[w.rng.IntN(len(w.members))]
	s := &session{client: w.newClient()}
	if !w.logIn(ctx, s, m) {
		return !w.stopped(ctx)
	}
	status, _, _ := w.do(ctx, Login, s.client, http.MethodPost, "/logout", url.Values{"_csrf": {s.csrf}})
	return w.judge(Login, "logout", status, http.StatusSeeOther)
}

var csrfMeta = regexp.MustCompile(`<meta name="csrf-token" content="([^"]+)"`)

func (w *worker) logIn(ctx context.Context, s *session, m Member) bool {
	status, body, _ := w.do(ctx, Login, s.client, http.MethodGet, "/login", nil)
	if !w.judge(Login, "/login", status, http.StatusOK) {
		return false
	}
	token := csrfMeta.FindStringSubmatch(body)
	if token == nil {
		w.fail("no CSRF token on /login")
		return false
	}
	form := url.Values{"username": {m.Name}, "password": {m.Password}, "_csrf": {token[1]}}
	status, _, _ = w.do(ctx, Login, s.client, http.MethodPost, "/login", form)
	if !w.judge(Login, "login "+m.Name, status, http.StatusSeeOther) || status != http.StatusSeeOther {
		return false
	}
	status, body, _ = w.do(ctx, Login, s.client, http.MethodGet, "/", nil)
	if token = csrfMeta.FindStringSubmatch(body); status != http.StatusOK || token == nil {
		w.judge(Login, "index after login", status, http.StatusOK)
		return false
	}
	s.csrf = token[1]
	return true
}

func (w *worker) stopped(ctx context.Context) bool { return ctx.Err() != nil }

// expect makes one request and judges its status.
func (w *worker) expect(ctx context.Context, op Op, client *http.Client, method, path string, form url.Values, want ...int) bool {
	status, _, _ := w.do(ctx, op, client, method, path, form)
	return w.judge(op, path, status, want...)
}

// judge notes an answer outside the expected ones as a failure; it says
// whether the run goes on.
func (w *worker) judge(op Op, what string, status int, want ...int) bool {
	for _, s := range want {
		if status == s {
			return true
		}
	}
	if status == -1 { // the run ended while the request was in flight
		return false
	}
	w.fail(fmt.Sprintf("%s %s: status %d, want %v", op, what, status, want))
	return true
}

// do sends one request and records its status and latency; status 0 is a
// transport error, -1 a request cut short by the end of the run.
func (w *worker) do(ctx context.Context, op Op, client *http.Client, method, path string, form url.Values) (int, string, string) {
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequestWithContext(ctx, method, w.plan.BaseURL+path, body)
	if err != nil {
		return 0, "", ""
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	start := time.Now()
	resp, err := client.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return -1, "", ""
		}
		w.record(op, 0, time.Since(start))
		w.fail(fmt.Sprintf("%s %s %s: %v", op, method, path, err))
		return 0, "", ""
	}
	text, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	took := time.Since(start)
	if err != nil && ctx.Err() != nil {
		return -1, "", ""
	}
	if !w.record(op, resp.StatusCode, took) {
		return -1, "", ""
	}
	return resp.StatusCode, string(text), resp.Header.Get("Location")
}

func postIDFrom(location string) (int64, bool) {
	rest, ok := strings.CutPrefix(location, "/p/")
	if !ok {
		return 0, false
	}
	id, err := strconv.ParseInt(rest, 10, 64)
	return id, err == nil
}

// Histogram keeps latencies in buckets 5% wide, so a run of any length
// holds the same small array and the percentiles are within 5%.
type Histogram struct {
	counts []int64
	total  int64
	max    time.Duration
}

const (
	histogramBase   = 1.05
	histogramFloor  = time.Microsecond
	histogramBucket = 400 // 1µs * 1.05^400 is about 3 hours
)

// NewHistogram makes an empty histogram.
func NewHistogram() *Histogram { return &Histogram{counts: make([]int64, histogramBucket)} }

// Add counts one latency.
func (h *Histogram) Add(d time.Duration) {
	i := 0
	if d > histogramFloor {
		i = min(int(math.Log(float64(d)/float64(histogramFloor))/math.Log(histogramBase))+1, histogramBucket-1)
	}
	h.counts[i]++
	h.total++
	h.max = max(h.max, d)
}

// Quantile is the upper edge of the bucket holding the q-th latency.
func (h *Histogram) Quantile(q float64) time.Duration {
	rank := int64(math.Ceil(q * float64(h.total)))
	var seen int64
	for i, n := range h.counts {
		seen += n
		if seen >= rank && n > 0 {
			return min(time.Duration(float64(histogramFloor)*math.Pow(histogramBase, float64(i))), h.max)
		}
	}
	return h.max
}

// Max is the slowest latency seen.
func (h *Histogram) Max() time.Duration { return h.max }
