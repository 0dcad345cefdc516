// Command bench measures the server on a seeded board with wrk, as
// `make bench` runs it: every hot page for a guest and for a member, plain
// and compressed, against the same bytes served from memory (the ceiling),
// and writes the table into BENCHMARKS.md.
package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"time"

	"golang.org/x/net/html"

	"hyperboard/internal/benchdoc"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// options are the flags of one run.
type options struct {
	bin, data, out    string
	smoke             bool
	users, topics     int
	posts             int
	duration, warm    time.Duration
	threads, conns    int
	profile           string
	memberName, email string
}

const benchPassword = "bench password of the reader"

func run() error {
	var o options
	flag.StringVar(&o.bin, "bin", "bin/hyperboard", "the server binary")
	flag.StringVar(&o.data, "data", "data-bench", "folder of the benchmark board's PostgreSQL cluster, kept between runs")
	flag.StringVar(&o.out, "out", "BENCHMARKS.md", "file to write the table into (empty: print only)")
	flag.BoolVar(&o.smoke, "smoke", false, "a small board and short runs, to check that the harness works")
	flag.StringVar(&o.profile, "profile", "", "file to save a CPU profile of the member topic page run into")
	seedOnly := flag.Bool("seed-only", false, "seed the board if needed, then stop")
	flag.Parse()
	o.threads, o.conns = 2, 32
	o.users, o.topics, o.posts = 50000, 100000, 1000000
	o.duration, o.warm = 20*time.Second, 3*time.Second
	if o.smoke {
		o.users, o.topics, o.posts = 500, 1000, 10000
		o.duration, o.warm = time.Second, 0
	}
	o.memberName, o.email = "benchreader", "benchreader@example.invalid"

	seeded, err := ensureBoard(o)
	if err != nil || *seedOnly {
		return err
	}
	srv, err := startServer(o)
	if err != nil {
		return err
	}
	defer srv.stop()

	targets, err := srv.targets()
	if err != nil {
		return err
	}
	cookie, err := srv.login(o)
	if err != nil {
		return err
	}
	pages := pagesOf(targets)

	// The ceiling: the topic page's exact bytes, plain and compressed,
	// from memory through the same Fiber stack.
	topic := pages[3]
	raw, err := srv.fetch(topic.path, "", "")
	if err != nil {
		return err
	}
	brotli, err := srv.fetch(topic.path, "", "br")
	if err != nil {
		return err
	}
	ceilings := map[bool]*result{}
	for _, compressed := range []bool{false, true} {
		body, enc := raw, ""
		if compressed {
			body, enc = brotli, "br"
		}
		if err := srv.setCeiling(body, enc); err != nil {
			return err
		}
		r, err := srv.measure(o, row{page: "ceiling (topic page 1 bytes)", who: "-", path: "/bench/ceiling", compressed: compressed})
		if err != nil {
			return err
		}
		ceilings[compressed] = r
	}

	var results []*result
	for i, p := range pages {
		for _, who := range []string{"guest", "member"} {
			for _, compressed := range []bool{false, true} {
				if o.smoke && compressed && who == "member" {
					continue
				}
				cookieHeader := ""
				if who == "member" {
					cookieHeader = cookie
				}
				rw := row{page: p.name, who: who, path: p.path, cookie: cookieHeader, compressed: compressed}
				var prof chan error
				if o.profile != "" && i == 3 && who == "member" && !compressed {
					prof = srv.profile(o.profile, o.duration/2)
				}
				r, err := srv.measure(o, rw)
				if err != nil {
					return err
				}
				if prof != nil {
					if err := <-prof; err != nil {
						fmt.Fprintln(os.Stderr, "bench: profile:", err)
					}
				}
				r.ratio = r.rps / ceilings[compressed].rps
				results = append(results, r)
			}
		}
	}
	rss, err := srv.peakRSS()
	if err != nil {
		return err
	}
	report := format(o, seeded, ceilings, results, rss, targets)
	fmt.Print(report)
	if problems := failures(ceilings, results); len(problems) > 0 {
		return errors.New(strings.Join(problems, "; "))
	}
	if o.out == "" || o.smoke {
		return nil
	}
	return writeSection(o.out, report)
}

// page is one URL to measure.
type page struct{ name, path string }

// boardTargets is what the server's bench mode says about the board.
type boardTargets struct {
	Targets struct {
		ForumTopics int   `json:"forum_topics"`
		TopicPosts  int   `json:"topic_posts"`
		PostID      int64 `json:"post_id"`
	} `json:"targets"`
	ForumPath string `json:"forum_path"`
	TopicPath string `json:"topic_path"`
}

func pagesOf(t *boardTargets) []page {
	forumPages := max(1, (t.Targets.ForumTopics+24)/25)
	topicPages := max(1, (t.Targets.TopicPosts+24)/25)
	return []page{
		{"board index", "/"},
		{"forum page 1", t.ForumPath},
		{fmt.Sprintf("forum page %d", min(1000, forumPages)), t.ForumPath + "?page=" + strconv.Itoa(min(1000, forumPages))},
		{"topic page 1 (25 posts)", t.TopicPath},
		{fmt.Sprintf("topic page %d (last)", topicPages), t.TopicPath + "?page=" + strconv.Itoa(topicPages)},
		{"/p/{id} redirect", "/p/" + strconv.FormatInt(t.Targets.PostID, 10)},
		{"member list", "/members"},
		{"search", "/search?q=oscilloscope+overheating"},
	}
}

// ensureBoard seeds the board once and remembers that it did; it returns
// how long seeding took now, or zero when the board was already there.
func ensureBoard(o options) (time.Duration, error) {
	marker := filepath.Join(o.data, fmt.Sprintf("bench-seeded-%d-posts", o.posts))
	if _, err := os.Stat(marker); err == nil {
		fmt.Printf("bench: reusing the board in %s\n", o.data)
		return 0, nil
	}
	if _, err := os.Stat(o.data); err == nil {
		return 0, fmt.Errorf("%s holds a board that was not seeded completely for this size; remove it to seed again", o.data)
	}
	fmt.Printf("bench: seeding %d users, %d topics, %d posts into %s\n", o.users, o.topics, o.posts, o.data)
	start := time.Now()
	cmd := exec.Command(o.bin, "seed", "bulk", "--data", o.data,
		"--users", strconv.Itoa(o.users), "--topics", strconv.Itoa(o.topics), "--posts", strconv.Itoa(o.posts))
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		return 0, fmt.Errorf("seed bulk: %w", err)
	}
	took := time.Since(start)
	cmd = exec.Command(o.bin, "user", "create", "--data", o.data, "--name", o.memberName, "--email", o.email, "--password", benchPassword)
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		return 0, fmt.Errorf("create the bench member: %w", err)
	}
	return took, os.WriteFile(marker, []byte(took.String()+"\n"), 0o644)
}

// server is the hyperboard process under test.
type server struct {
	cmd  *exec.Cmd
	base string
	http *http.Client
}

func startServer(o options) (*server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	addr := ln.Addr().String()
	ln.Close()
	cmd := exec.Command(o.bin, "serve", "--data", o.data, "--addr", addr)
	cmd.Env = append(os.Environ(), "HYPERBOARD_BENCH=1")
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	s := &server{cmd: cmd, base: "http://" + addr, http: &http.Client{
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		Transport:     &http.Transport{DisableCompression: true},
	}}
	deadline := time.Now().Add(60 * time.Second)
	for {
		resp, err := s.http.Get(s.base + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return s, nil
			}
		}
		if time.Now().After(deadline) {
			s.stop()
			return nil, fmt.Errorf("the server did not answer /healthz within a minute: %v", err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func (s *server) stop() {
	s.cmd.Process.Signal(os.Interrupt)
	done := make(chan struct{})
	go func() { s.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		s.cmd.Process.Kill()
		<-done
	}
}

func (s *server) getJSON(path string, v any) error {
	resp, err := s.http.Get(s.base + path)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s (is the server in bench mode?)", path, resp.Status)
	}
	return json.NewDecoder(resp.Body).Decode(v)
}

func (s *server) targets() (*boardTargets, error) {
	t := new(boardTargets)
	return t, s.getJSON("/bench/targets", t)
}

// login logs the bench member in as a browser would and returns the
// Cookie header of their session.
func (s *server) login(o options) (string, error) {
	jar, _ := cookiejar.New(nil)
	cl := &http.Client{Jar: jar, CheckRedirect: s.http.CheckRedirect}
	resp, err := cl.Get(s.base + "/login")
	if err != nil {
		return "", err
	}
	token, err := formToken(resp.Body)
	resp.Body.Close()
	if err != nil {
		return "", err
	}
	resp, err = cl.PostForm(s.base+"/login", url.Values{"_csrf": {token}, "username": {o.memberName}, "password": {benchPassword}})
	if err != nil {
		return "", err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		return "", fmt.Errorf("log in as %s: %s", o.memberName, resp.Status)
	}
	u, _ := url.Parse(s.base)
	var parts []string
	for _, c := range jar.Cookies(u) {
		parts = append(parts, c.Name+"="+c.Value)
	}
	return strings.Join(parts, "; "), nil
}

// formToken finds the CSRF field of a form page.
func formToken(r io.Reader) (string, error) {
	doc, err := html.Parse(r)
	if err != nil {
		return "", err
	}
	var token string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "input" {
			var name, value string
			for _, a := range n.Attr {
				switch a.Key {
				case "name":
					name = a.Val
				case "value":
					value = a.Val
				}
			}
			if name == "_csrf" {
				token = value
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if token == "" {
		return "", errors.New("no CSRF field on the login page")
	}
	return token, nil
}

// fetch returns a page's body as sent, with the cookie and encoding given.
func (s *server) fetch(path, cookie, encoding string) ([]byte, error) {
	req, _ := http.NewRequest(http.MethodGet, s.base+path, nil)
	if cookie != "" {
		req.Header.Set("Cookie", cookie)
	}
	if encoding != "" {
		req.Header.Set("Accept-Encoding", encoding)
	}
	resp, err := s.http.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 400 {
		return nil, fmt.Errorf("GET %s: %s", path, resp.Status)
	}
	if encoding != "" && resp.Header.Get("Content-Encoding") != encoding && resp.ContentLength != 0 && resp.StatusCode == http.StatusOK {
		return nil, fmt.Errorf("GET %s with Accept-Encoding %s came back as %q", path, encoding, resp.Header.Get("Content-Encoding"))
	}
	return io.ReadAll(resp.Body)
}

func (s *server) setCeiling(body []byte, encoding string) error {
	req, _ := http.NewRequest(http.MethodPut, s.base+"/bench/ceiling", bytes.NewReader(body))
	req.Header.Set("X-Bench-Encoding", encoding)
	resp, err := s.http.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNoContent {
		return fmt.Errorf("set the ceiling's bytes: %s", resp.Status)
	}
	return nil
}

// stats are the server's counters.
type stats struct {
	Queries int64 `json:"queries"`
}

// profile saves a CPU profile of the next seconds into file.
func (s *server) profile(file string, d time.Duration) chan error {
	done := make(chan error, 1)
	go func() {
		resp, err := s.http.Get(fmt.Sprintf("%s/debug/pprof/profile?seconds=%d", s.base, int(d.Seconds())))
		if err != nil {
			done <- err
			return
		}
		defer resp.Body.Close()
		f, err := os.Create(file)
		if err != nil {
			done <- err
			return
		}
		_, err = io.Copy(f, resp.Body)
		done <- errors.Join(err, f.Close())
	}()
	return done
}

// peakRSS is the server's high-water mark of resident memory, in bytes.
func (s *server) peakRSS() (int64, error) {
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", s.cmd.Process.Pid))
	if err != nil {
		return 0, err
	}
	m := regexp.MustCompile(`VmHWM:\s+(\d+) kB`).FindSubmatch(status)
	if m == nil {
		return 0, errors.New("no VmHWM in /proc status")
	}
	kb, _ := strconv.ParseInt(string(m[1]), 10, 64)
	return kb << 10, nil
}

// row is one measurement to make.
type row struct {
	page, who, path, cookie string
	compressed              bool
}

// result is what wrk and the server's counters said about a row.
type result struct {
	row
	rps                   float64
	p50, p90, p99         time.Duration
	requests, bad, errors int64
	rawBytes, gzipBytes   int
	queries               float64
	ratio                 float64
}

// measure warms a page up, then drives it with wrk.
func (s *server) measure(o options, rw row) (*result, error) {
	r := &result{row: rw}
	raw, err := s.fetch(rw.path, rw.cookie, "")
	if err != nil {
		return nil, err
	}
	r.rawBytes = len(raw)
	var gz bytes.Buffer
	w, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	w.Write(raw)
	w.Close()
	r.gzipBytes = gz.Len()

	args := []string{"-t", strconv.Itoa(o.threads), "-c", strconv.Itoa(o.conns), "--latency"}
	if rw.cookie != "" {
		args = append(args, "-H", "Cookie: "+rw.cookie)
	}
	if rw.compressed {
		args = append(args, "-H", "Accept-Encoding: br, gzip")
	}
	if o.warm > 0 {
		if _, err := wrk(append(args, "-d", fmt.Sprintf("%ds", int(o.warm.Seconds())), s.base+rw.path)); err != nil {
			return nil, err
		}
	}
	var before, after stats
	if err := s.getJSON("/bench/stats", &before); err != nil {
		return nil, err
	}
	out, err := wrk(append(args, "-d", fmt.Sprintf("%ds", int(o.duration.Seconds())), s.base+rw.path))
	if err != nil {
		return nil, err
	}
	if err := s.getJSON("/bench/stats", &after); err != nil {
		return nil, err
	}
	if err := parseWrk(out, r); err != nil {
		return nil, fmt.Errorf("%s: %w\n%s", rw.path, err, out)
	}
	if r.requests > 0 {
		r.queries = float64(after.Queries-before.Queries) / float64(r.requests)
	}
	return r, nil
}

func wrk(args []string) (string, error) {
	out, err := exec.Command("wrk", args...).CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("wrk %s: %w\n%s", strings.Join(args, " "), err, out)
	}
	return string(out), nil
}

var (
	wrkRate     = regexp.MustCompile(`Requests/sec:\s+([\d.]+)`)
	wrkTotal    = regexp.MustCompile(`(\d+) requests in`)
	wrkBad      = regexp.MustCompile(`Non-2xx or 3xx responses: (\d+)`)
	wrkErrors   = regexp.MustCompile(`Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)`)
	wrkQuantile = regexp.MustCompile(`(?m)^\s+(50|90|99)%\s+([\d.]+)(us|ms|s)\s*$`)
)

func parseWrk(out string, r *result) error {
	m := wrkRate.FindStringSubmatch(out)
	t := wrkTotal.FindStringSubmatch(out)
	if m == nil || t == nil {
		return errors.New("no rate in wrk's output")
	}
	r.rps, _ = strconv.ParseFloat(m[1], 64)
	r.requests, _ = strconv.ParseInt(t[1], 10, 64)
	if b := wrkBad.FindStringSubmatch(out); b != nil {
		r.bad, _ = strconv.ParseInt(b[1], 10, 64)
	}
	if e := wrkErrors.FindStringSubmatch(out); e != nil {
		for _, n := range e[1:] {
			v, _ := strconv.ParseInt(n, 10, 64)
			r.errors += v
		}
	}
	for _, q := range wrkQuantile.FindAllStringSubmatch(out, -1) {
		v, _ := strconv.ParseFloat(q[2], 64)
		unit := map[string]time.Duration{"us": time.Microsecond, "ms": time.Millisecond, "s": time.Second}[q[3]]
		d := time.Duration(v * float64(unit))
		switch q[1] {
		case "50":
			r.p50 = d
		case "90":
			r.p90 = d
		case "99":
			r.p99 = d
		}
	}
	return nil
}

// failures are the runs that must not pass: errors or bad statuses.
func failures(ceilings map[bool]*result, results []*result) []string {
	var out []string
	for _, r := range append([]*result{ceilings[false], ceilings[true]}, results...) {
		if r.bad > 0 || r.errors > 0 || r.requests == 0 {
			out = append(out, fmt.Sprintf("%s (%s): %d requests, %d non-2xx/3xx, %d socket errors", r.page, r.who, r.requests, r.bad, r.errors))
		}
	}
	return out
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2f", float64(d)/float64(time.Millisecond)) }

func kb(n int) string { return fmt.Sprintf("%.1f", float64(n)/1024) }

// format makes the report: the machine, the table and the targets.
func format(o options, seeded time.Duration, ceilings map[bool]*result, results []*result, rss int64, t *boardTargets) string {
	var b strings.Builder
	cpu := cpuModel()
	fmt.Fprintf(&b, "### %s\n\n", time.Now().UTC().Format("2006-01-02 15:04 UTC"))
	fmt.Fprintf(&b, "Machine: %d cores (`nproc` %s), %s; %s. wrk -t%d -c%d -d%s per row after a %s warm-up, on the same machine.\n",
		runtime.NumCPU(), nproc(), cpu, runtime.Version(), o.threads, o.conns, o.duration, o.warm)
	fmt.Fprintf(&b, "Board: %d users, %d topics, %d posts; the longest topic has %d posts, the busiest forum %d topics.",
		o.users, o.topics, o.posts, t.Targets.TopicPosts, t.Targets.ForumTopics)
	if seeded > 0 {
		fmt.Fprintf(&b, " `seed bulk` took %s.", seeded.Round(time.Second))
	} else {
		b.WriteString(" The board was seeded by an earlier run.")
	}
	fmt.Fprintf(&b, "\nServer peak RSS: %.0f MB.\n\n", float64(rss)/(1<<20))
	b.WriteString("| page | who | encoding | req/s | p50 ms | p90 ms | p99 ms | raw KB | gzip KB | SQL/req | × ceiling |\n")
	b.WriteString("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	line := func(r *result) {
		enc := "none"
		if r.compressed {
			enc = "br, gzip"
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %.0f | %s | %s | %s | %s | %s | %.2f | %.2f |\n",
			r.page, r.who, enc, r.rps, ms(r.p50), ms(r.p90), ms(r.p99), kb(r.rawBytes), kb(r.gzipBytes), r.queries, r.ratio)
	}
	for _, c := range []bool{false, true} {
		ceilings[c].ratio = 1
		line(ceilings[c])
	}
	for _, r := range results {
		line(r)
	}
	b.WriteString("\n")
	return b.String()
}

func nproc() string {
	out, err := exec.Command("nproc").Output()
	if err != nil {
		return "?"
	}
	return strings.TrimSpace(string(out))
}

func cpuModel() string {
	info, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return "unknown CPU"
	}
	if m := regexp.MustCompile(`(?m)^model name\s*:\s*(.+)$`).FindSubmatch(info); m != nil {
		return string(m[1])
	}
	return "unknown CPU"
}

// sectionHeading is BENCHMARKS.md's part for these runs; other sections of
// the file are left as they are.
const sectionHeading = "## Server benchmarks"

// writeSection puts the report at the top of the server benchmarks section,
// above the earlier runs.
func writeSection(file, report string) error {
	text, err := benchdoc.Read(file)
	if err != nil {
		return err
	}
	start, end, ok := benchdoc.Section(text, sectionHeading)
	if !ok {
		text = strings.TrimRight(text, "\n") + "\n\n" + sectionHeading + "\n\n" + sectionIntro + "\n"
		start, end, _ = benchdoc.Section(text, sectionHeading)
	}
	// Runs go after the section's introduction, newest first.
	body := start + len(sectionHeading) + 1
	at := strings.Index(text[body:end], "\n### ")
	if at >= 0 {
		at = body + at + 1
	} else {
		at = end
		if end == len(text) && !strings.HasSuffix(text, "\n\n") {
			report = "\n" + report
		}
	}
	text = text[:at] + report + text[at:]
	return os.WriteFile(file, []byte(text), 0o644)
}

const sectionIntro = "`make bench` on a seeded board (see the README). Each run is added here, newest first. " +
	"The load generator shares the machine with the server, so figures move with whatever else runs there."
