package app

import (
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"hyperboard/assets"
	"hyperboard/internal/dbtest"
	"hyperboard/internal/fixture"
	"hyperboard/models"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

var (
	manifestOnce sync.Once
	manifest     *assets.Manifest
	manifestErr  error
)

// testBoard is an app on a fresh database, with a fixture writer for it.
type testBoard struct {
	t     *testing.T
	srv   *Server
	store *models.Store
	fx    *fixture.Board
}

func newTestBoard(t *testing.T) *testBoard {
	t.Helper()
	return boardOn(t, dbtest.Store(t))
}

// boardOn is an app server on the given store, as one of several serving
// one database would be.
func boardOn(t *testing.T, store *models.Store, options ...func(*Config)) *testBoard {
	t.Helper()
	manifestOnce.Do(func() { manifest, manifestErr = assets.Load() })
	if manifestErr != nil {
		t.Fatalf("assets: %v (run `make test`, which builds them)", manifestErr)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	cfg := Config{CountQueries: true, Logger: log, FlushInterval: time.Hour, Password: cheapPassword}
	for _, option := range options {
		option(&cfg)
	}
	srv := New(cfg, store, manifest)
	t.Cleanup(func() { srv.Shutdown(5 * time.Second) })
	return &testBoard{t: t, srv: srv, store: store, fx: fixture.New(t, store)}
}

// do sends a request through the app in process and returns the response
// with its body read.
func (b *testBoard) do(req *http.Request) (*http.Response, string) {
	b.t.Helper()
	resp, err := b.srv.Fiber.Test(req, -1)
	if err != nil {
		b.t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		b.t.Fatalf("%s %s: read body: %v", req.Method, req.URL, err)
	}
	return resp, string(body)
}

// get fetches a page as a browser without JavaScript would (no redirects
// followed), with extra headers given as name, value pairs.
func (b *testBoard) get(path string, headers ...string) (*http.Response, string) {
	b.t.Helper()
	req := httptest.NewRequest(http.MethodGet, path, nil)
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	return b.do(req)
}

// page fetches a page that must answer 200 and parses it.
func (b *testBoard) page(path string, headers ...string) (*http.Response, *goquery.Document) {
	b.t.Helper()
	resp, body := b.get(path, headers...)
	if resp.StatusCode != http.StatusOK {
		b.t.Fatalf("GET %s: status %d, want 200 (Location %q)\n%s", path, resp.StatusCode, resp.Header.Get("Location"), body)
	}
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(body))
	if err != nil {
		b.t.Fatalf("GET %s: parse: %v", path, err)
	}
	return resp, doc
}

// setConfig changes the board settings for one test.
func (b *testBoard) setConfig(change func(*models.BoardConfig)) {
	b.t.Helper()
	cfg, err := b.store.BoardConfig(b.t.Context())
	if err != nil {
		b.t.Fatal(err)
	}
	change(cfg)
	if err := b.store.UpdateBoardConfig(b.t.Context(), cfg); err != nil {
		b.t.Fatal(err)
	}
}

// texts returns the trimmed text of every match.
func texts(sel *goquery.Selection) []string {
	var out []string
	sel.Each(func(_ int, s *goquery.Selection) { out = append(out, strings.TrimSpace(s.Text())) })
	return out
}

// listen serves the app on a free loopback port for a real browser and
// returns its base URL.
func (b *testBoard) listen() string {
	b.t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.t.Fatal(err)
	}
	go b.srv.Fiber.Listener(ln)
	return "http://" + ln.Addr().String()
}
