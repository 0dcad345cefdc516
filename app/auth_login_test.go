package app

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"hyperboard/models"
)

func TestLogin(t *testing.T) {
	b := newTestBoard(t)
	b.member("stella", "correct horse battery staple")

	t.Run("the right password starts a session", func(t *testing.T) {
		cl := b.newClient()
		resp, _ := cl.post("/login", url.Values{"username": {"Stella"}, "password": {"correct horse battery staple"}, "return": {"/f/1"}})
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/f/1" {
			t.Fatalf("got %d to %q", resp.StatusCode, resp.Header.Get("Location"))
		}
		var cookie *http.Cookie
		for _, ck := range resp.Cookies() {
			if ck.Name == sessionCookie {
				cookie = ck
			}
		}
		if cookie == nil || !cookie.HttpOnly || cookie.SameSite != http.SameSiteLaxMode || cookie.Path != "/" || cookie.MaxAge != 0 {
			t.Fatalf("session cookie = %+v, want HttpOnly, SameSite=Lax, Path=/, a browser session", cookie)
		}
		if len(cookie.Value) < 43 {
			t.Errorf("token %q is shorter than 256 bits", cookie.Value)
		}
		_, doc := cl.page("/")
		if got := strings.TrimSpace(doc.Find("#account .account-name").Text()); got != "stella" {
			t.Errorf("header shows %q, want the member's name", got)
		}
		if n := countRows(t, b, "SELECT count(*) FROM sessions WHERE token_hash = ?", models.HashToken(cookie.Value)); n != 1 {
			t.Error("the session is not stored by its token's hash")
		}
	})
	t.Run("remember me keeps the cookie for 30 days", func(t *testing.T) {
		cl := b.newClient()
		resp, _ := cl.post("/login", url.Values{"username": {"stella"}, "password": {"correct horse battery staple"}, "remember": {"1"}})
		for _, ck := range resp.Cookies() {
			if ck.Name == sessionCookie && ck.MaxAge != 30*24*3600 {
				t.Errorf("Max-Age = %d", ck.MaxAge)
			}
		}
	})
	t.Run("a wrong password and an unknown name get the same answer", func(t *testing.T) {
		for _, name := range []string{"stella", "nobody"} {
			cl := b.newClient()
			resp, body := cl.post("/login", url.Values{"username": {name}, "password": {"wrong password"}})
			if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, errBadLogin) {
				t.Errorf("%s: got %d", name, resp.StatusCode)
			}
			if !strings.Contains(body, `value="`+name+`"`) {
				t.Errorf("%s: the form lost the name", name)
			}
			if len(cl.cookies[sessionCookie]) > 0 {
				t.Errorf("%s: a failed login set a session", name)
			}
		}
	})
	t.Run("an address outside the site is not a return address", func(t *testing.T) {
		for _, ret := range []string{"https://evil.example/", "//evil.example", "/\\evil.example", "javascript:alert(1)"} {
			cl := b.newClient()
			resp, _ := cl.post("/login", url.Values{"username": {"stella"}, "password": {"correct horse battery staple"}, "return": {ret}})
			if resp.Header.Get("Location") != "/" {
				t.Errorf("return %q led to %q", ret, resp.Header.Get("Location"))
			}
		}
	})
}

func TestLoginRotatesTheTokenAndLogoutEndsTheSession(t *testing.T) {
	b := newTestBoard(t)
	b.member("orion", "correct horse battery staple")
	cl := b.newClient()
	cl.cookies[sessionCookie] = "planted-by-an-attacker"
	cl.post("/login", url.Values{"username": {"orion"}, "password": {"correct horse battery staple"}})
	first := cl.cookies[sessionCookie]
	if first == "" || first == "planted-by-an-attacker" {
		t.Fatalf("login kept the planted token")
	}
	cl.get("/")
	if resp, _ := cl.post("/login", url.Values{"username": {"orion"}, "password": {"correct horse battery staple"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("second login: %d", resp.StatusCode)
	}
	second := cl.cookies[sessionCookie]
	if second == first {
		t.Fatal("logging in again kept the same token")
	}
	if n := countRows(t, b, "SELECT count(*) FROM sessions"); n != 1 {
		t.Errorf("%d sessions after logging in twice on one browser, want 1", n)
	}

	cl.get("/")
	resp, _ := cl.post("/logout", nil)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("logout: %d", resp.StatusCode)
	}
	stolen := b.newClient()
	stolen.cookies[sessionCookie] = second
	_, doc := stolen.page("/")
	if doc.Find("#account a[href='/login']").Length() != 1 {
		t.Error("the old cookie still logs in after logout")
	}
	if n := countRows(t, b, "SELECT count(*) FROM sessions"); n != 0 {
		t.Errorf("%d sessions left after logout", n)
	}
}

func TestLoginThrottling(t *testing.T) {
	b := newTestBoard(t)
	b.member("vega", "correct horse battery staple")
	attempt := func(cl *client, name, password string) (*http.Response, string) {
		return cl.post("/login", url.Values{"username": {name}, "password": {password}})
	}

	t.Run("five failures lock the account, even for the right password", func(t *testing.T) {
		cl := b.newClient()
		for range models.LoginsPerAccount.Limit {
			attempt(cl, "vega", "wrong")
		}
		resp, body := attempt(cl, "vega", "correct horse battery staple")
		if resp.StatusCode != http.StatusTooManyRequests || !strings.Contains(body, "Too many failed logins for this account") {
			t.Fatalf("got %d", resp.StatusCode)
		}
		if resp.Header.Get("Retry-After") == "" {
			t.Error("no Retry-After")
		}
	})
	t.Run("twenty failures from one address lock the address", func(t *testing.T) {
		cl := b.newClient()
		if _, err := b.store.DB().ExecContext(t.Context(), "DELETE FROM throttle_events"); err != nil {
			t.Fatal(err)
		}
		for i := range models.LoginsPerIP.Limit {
			attempt(cl, "user"+string(rune('a'+i)), "wrong")
		}
		resp, body := attempt(cl, "vega", "correct horse battery staple")
		if resp.StatusCode != http.StatusTooManyRequests || !strings.Contains(body, "from your network") {
			t.Fatalf("got %d", resp.StatusCode)
		}
	})
	t.Run("a forged X-Forwarded-For does not escape the limit", func(t *testing.T) {
		cl := b.newClient()
		resp, _ := cl.post("/login", url.Values{"username": {"vega"}, "password": {"wrong"}}, "X-Forwarded-For", "203.0.113.9")
		if resp.StatusCode != http.StatusTooManyRequests {
			t.Errorf("got %d; the header was believed", resp.StatusCode)
		}
	})
}

func TestCSRF(t *testing.T) {
	b := newTestBoard(t)
	cl, _ := b.loggedIn("lyra")
	token := cl.csrf

	cases := []struct {
		name    string
		form    url.Values
		headers []string
		want    int
	}{
		{"no token", url.Values{}, nil, http.StatusForbidden},
		{"a wrong token", url.Values{csrfField: {"forged"}}, nil, http.StatusForbidden},
		{"the token from another site", url.Values{csrfField: {token}}, []string{"Origin", "https://evil.example"}, http.StatusForbidden},
		{"a cross-site fetch", url.Values{csrfField: {token}}, []string{"Sec-Fetch-Site", "cross-site"}, http.StatusForbidden},
		{"htmx without the header", url.Values{}, []string{"HX-Request", "true"}, http.StatusForbidden},
	}
	for _, c := range cases {
		t.Run(c.name+" is refused", func(t *testing.T) {
			resp, _ := cl.postRaw("/logout", c.form, c.headers...)
			if resp.StatusCode != c.want {
				t.Errorf("got %d, want %d", resp.StatusCode, c.want)
			}
			if n := countRows(t, b, "SELECT count(*) FROM sessions"); n != 1 {
				t.Fatal("a refused logout still ended the session")
			}
		})
	}
	t.Run("another member's token is refused", func(t *testing.T) {
		other, _ := b.loggedIn("mira")
		resp, _ := cl.postRaw("/logout", url.Values{csrfField: {other.csrf}})
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("got %d", resp.StatusCode)
		}
	})
	t.Run("htmx with the header is accepted", func(t *testing.T) {
		resp, _ := cl.postRaw("/logout", url.Values{}, "HX-Request", "true", csrfHeader, token, "Origin", "http://example.com")
		if resp.StatusCode != http.StatusNoContent || resp.Header.Get("HX-Redirect") != "/" {
			t.Errorf("got %d, HX-Redirect %q", resp.StatusCode, resp.Header.Get("HX-Redirect"))
		}
	})
}

// countRows runs a counting query.
func countRows(t *testing.T, b *testBoard, query string, args ...any) int {
	t.Helper()
	var n int
	if err := b.store.DB().NewRaw(query, args...).Scan(t.Context(), &n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestLoginUpgradesAnOldPasswordHash(t *testing.T) {
	b := newTestBoard(t)
	u := b.fx.User("ursa")
	old := models.PasswordParams{Memory: 2048, Time: 1, Threads: 1}
	hash, err := models.HashPassword("correct horse battery staple", old)
	if err != nil {
		t.Fatal(err)
	}
	if err := b.store.SetPasswordHash(t.Context(), u.ID, hash); err != nil {
		t.Fatal(err)
	}
	cl := b.newClient()
	if resp, _ := cl.post("/login", url.Values{"username": {"ursa"}, "password": {"correct horse battery staple"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("login: %d", resp.StatusCode)
	}
	stored, err := b.store.UserForLogin(t.Context(), "ursa")
	if err != nil {
		t.Fatal(err)
	}
	if models.NeedsRehash(stored.PasswordHash, cheapPassword) {
		t.Errorf("hash %q still has the old parameters", stored.PasswordHash)
	}
	if ok, _ := models.CheckPassword("correct horse battery staple", stored.PasswordHash); !ok {
		t.Error("the upgraded hash does not verify the password")
	}
}
