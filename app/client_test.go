package app

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"

	"github.com/PuerkitoBio/goquery"

	"hyperboard/models"
)

// client is a browser without JavaScript talking to the test board: it
// keeps cookies, follows no redirects, and sends forms with the CSRF token
// of the last page it read.
type client struct {
	b       *testBoard
	cookies map[string]string
	csrf    string
}

func (b *testBoard) newClient() *client {
	return &client{b: b, cookies: map[string]string{}}
}

func (cl *client) send(req *http.Request, headers []string) (*http.Response, string) {
	cl.b.t.Helper()
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	for name, value := range cl.cookies {
		req.AddCookie(&http.Cookie{Name: name, Value: value})
	}
	resp, body := cl.b.do(req)
	for _, ck := range resp.Cookies() {
		if ck.MaxAge < 0 || ck.Value == "" {
			delete(cl.cookies, ck.Name)
		} else {
			cl.cookies[ck.Name] = ck.Value
		}
	}
	if doc, err := goquery.NewDocumentFromReader(strings.NewReader(body)); err == nil {
		if token, ok := doc.Find(`meta[name=csrf-token]`).Attr("content"); ok {
			cl.csrf = token
		}
	}
	return resp, body
}

// get fetches a page; headers are name, value pairs.
func (cl *client) get(path string, headers ...string) (*http.Response, string) {
	cl.b.t.Helper()
	return cl.send(httptest.NewRequest(http.MethodGet, path, nil), headers)
}

// page fetches a page that must answer 200 and parses it.
func (cl *client) page(path string, headers ...string) (*http.Response, *goquery.Document) {
	cl.b.t.Helper()
	resp, body := cl.get(path, headers...)
	if resp.StatusCode != http.StatusOK {
		cl.b.t.Fatalf("GET %s: status %d, want 200 (Location %q)\n%s", path, resp.StatusCode, resp.Header.Get("Location"), body)
	}
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(body))
	if err != nil {
		cl.b.t.Fatal(err)
	}
	return resp, doc
}

// post sends a form with the CSRF token, reading the login page first if
// the client has none yet: a guest's token is issued only with a form of
// theirs, never on the pages kept for every guest.
func (cl *client) post(path string, form url.Values, headers ...string) (*http.Response, string) {
	cl.b.t.Helper()
	if cl.csrf == "" {
		cl.get("/login")
	}
	if form == nil {
		form = url.Values{}
	}
	if !form.Has(csrfField) {
		form.Set(csrfField, cl.csrf)
	}
	return cl.postRaw(path, form, headers...)
}

// postRaw sends a form exactly as given, token or not.
func (cl *client) postRaw(path string, form url.Values, headers ...string) (*http.Response, string) {
	cl.b.t.Helper()
	req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return cl.send(req, headers)
}

// cheapPassword makes tests' password hashes fast; the production cost is
// measured by the benchmark in models.
var cheapPassword = models.PasswordParams{Memory: 1024, Time: 1, Threads: 1}

// member creates an account that can log in with the password.
func (b *testBoard) member(name, password string) *models.User {
	b.t.Helper()
	u := b.fx.User(name)
	hash, err := models.HashPassword(password, cheapPassword)
	if err != nil {
		b.t.Fatal(err)
	}
	if err := b.store.SetPasswordHash(b.t.Context(), u.ID, hash); err != nil {
		b.t.Fatal(err)
	}
	u.PasswordHash = hash
	return u
}

// memberPassword is the password of the members loggedIn creates.
const memberPassword = "correct horse battery staple"

// loggedIn creates a member and returns a client logged in as them.
func (b *testBoard) loggedIn(name string) (*client, *models.User) {
	b.t.Helper()
	u := b.member(name, memberPassword)
	cl := b.newClient()
	resp, body := cl.post("/login", url.Values{"username": {name}, "password": {memberPassword}})
	if resp.StatusCode != http.StatusSeeOther {
		b.t.Fatalf("log in as %s: status %d\n%s", name, resp.StatusCode, body)
	}
	cl.get("/") // the member's own CSRF token
	return cl, u
}
