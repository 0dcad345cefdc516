package app

import (
	"encoding/base64"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"hyperboard/models"
)

// SECURITY-TESTS.md items 35-48: logins, sessions and their cookies.

func TestLockoutAbuseCannotLockTheOwnerOut(t *testing.T) {
	b := newTestBoardWith(t, behindProxy)
	b.member("victim", memberPassword)
	attacker := b.newClient()
	for range models.LoginsPerAccount.Limit + 2 {
		attacker.post("/login", url.Values{"username": {"victim"}, "password": {"guess"}}, "X-Forwarded-For", "203.0.113.66")
	}
	resp, body := attacker.post("/login", url.Values{"username": {"victim"}, "password": {memberPassword}}, "X-Forwarded-For", "203.0.113.66")
	if resp.StatusCode != http.StatusTooManyRequests || !strings.Contains(body, "for this account") {
		t.Fatalf("the guesser's address is not locked out of the account: %d", resp.StatusCode)
	}
	// The owner, from their own address, is not stopped by failures made
	// elsewhere; their success does not unlock the guesser.
	owner := b.newClient()
	if resp, _ := owner.post("/login", url.Values{"username": {"victim"}, "password": {memberPassword}}, "X-Forwarded-For", "198.51.100.20"); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("the owner, from another address, got %d", resp.StatusCode)
	}
	if resp, _ := attacker.post("/login", url.Values{"username": {"victim"}, "password": {"guess"}}, "X-Forwarded-For", "203.0.113.66"); resp.StatusCode != http.StatusTooManyRequests {
		t.Errorf("the guesser was let go on with %d", resp.StatusCode)
	}
	t.Run("guessing spread over many addresses still stops", func(t *testing.T) {
		// The failures of many addresses, written directly rather than by
		// a hundred slow logins.
		for range models.LoginsPerAccountAnywhere.Limit {
			if _, err := b.store.DB().ExecContext(t.Context(), "INSERT INTO throttle_events (kind, key) VALUES (?, ?)",
				models.LoginsPerAccountAnywhere.Kind, models.UsernameKey("victim")); err != nil {
				t.Fatal(err)
			}
		}
		resp, _ := b.newClient().post("/login", url.Values{"username": {"victim"}, "password": {"guess"}}, "X-Forwarded-For", "198.51.100.99")
		if resp.StatusCode != http.StatusTooManyRequests {
			t.Errorf("after %d failures from many addresses: %d", models.LoginsPerAccountAnywhere.Limit, resp.StatusCode)
		}
	})
}

func TestUnknownNameAndWrongPasswordLookAlike(t *testing.T) {
	b := newTestBoardWith(t, func(c *Config) { c.Password = models.PasswordParams{Memory: 4 * 1024, Time: 1, Threads: 1} })
	u := b.fx.User("known")
	hash, err := models.HashPassword(memberPassword, b.srv.handler.password)
	if err != nil {
		t.Fatal(err)
	}
	if err := b.store.SetPasswordHash(t.Context(), u.ID, hash); err != nil {
		t.Fatal(err)
	}
	timed := func(name string) (time.Duration, int, string) {
		var took []time.Duration
		var status int
		var msg string
		for range 7 {
			if _, err := b.store.DB().ExecContext(t.Context(), "DELETE FROM throttle_events"); err != nil {
				t.Fatal(err)
			}
			cl := b.newClient()
			cl.get("/login")
			start := time.Now()
			resp, body := cl.post("/login", url.Values{"username": {name}, "password": {"wrong password"}})
			took = append(took, time.Since(start))
			status = resp.StatusCode
			msg = strings.TrimSpace(parse(t, body).Find("#login-error").Text())
		}
		slices.Sort(took)
		return took[len(took)/2], status, msg
	}
	known, knownStatus, knownMsg := timed("known")
	unknown, unknownStatus, unknownMsg := timed("nobody-here")
	t.Logf("median refusal: wrong password %v, unknown name %v", known, unknown)
	if knownStatus != unknownStatus || knownMsg != unknownMsg {
		t.Errorf("answers differ: %d %q vs %d %q", knownStatus, knownMsg, unknownStatus, unknownMsg)
	}
	// Both check one hash of the board's cost: the hash an unknown name is
	// checked against is one the board would not upgrade. (Timings vary
	// with the machine's load, so they are logged rather than compared.)
	if dummy := b.srv.handler.dummyHash(); models.NeedsRehash(dummy, b.srv.handler.password) {
		t.Errorf("unknown names are checked against a hash of another cost: %s", dummy)
	}
}

func TestTokensAreStrongAndUnique(t *testing.T) {
	seen := make(map[string]bool, 10000)
	for range 10000 {
		tok := models.NewToken()
		raw, err := base64.RawURLEncoding.DecodeString(tok)
		if err != nil || len(raw) < 16 {
			t.Fatalf("token %q carries %d bytes, want at least 16 (128 bits)", tok, len(raw))
		}
		if strings.Trim(string(raw), "\x00") == "" {
			t.Fatalf("an all-zero token")
		}
		if seen[tok] {
			t.Fatalf("token %q issued twice", tok)
		}
		seen[tok] = true
	}
}

func TestLongPasswordsAreVerifiedExactly(t *testing.T) {
	b := newTestBoard(t)
	long := strings.Repeat("Kx9!", 16)               // 64 characters
	wide := strings.Repeat("пароль", 8) + "ok" + "!" // 100 bytes, non-ASCII
	if len(long) != 64 || len(wide) != 99 {
		wide += "x"
	}
	for _, pw := range []string{long, wide} {
		name := "long" + itoa(int64(len(pw)))
		b.member(name, pw)
		cl := b.newClient()
		if resp, _ := cl.post("/login", url.Values{"username": {name}, "password": {pw}}); resp.StatusCode != http.StatusSeeOther {
			t.Errorf("%d-byte password refused: %d", len(pw), resp.StatusCode)
		}
		// A password differing only after byte 72 is a different password
		// (bcrypt would have cut it off there).
		other := pw[:len(pw)-1] + "#"
		if resp, _ := b.newClient().post("/login", url.Values{"username": {name}, "password": {other}}); resp.StatusCode == http.StatusSeeOther {
			t.Errorf("%d-byte password: a different last byte logged in", len(pw))
		}
	}
	if !strings.HasPrefix(b.member("plain", "x"+long).PasswordHash, "$argon2id$") {
		t.Error("new hashes are not argon2id")
	}
}

func TestSessionCookieOverHTTPS(t *testing.T) {
	b := newTestBoardWith(t, behindProxy)
	b.member("secure", memberPassword)
	cl := b.newClient()
	resp, _ := cl.post("/login", url.Values{"username": {"secure"}, "password": {memberPassword}}, "X-Forwarded-Proto", "https")
	var cookie *http.Cookie
	for _, ck := range resp.Cookies() {
		if ck.Name == secureSessionCookie {
			cookie = ck
		}
	}
	if cookie == nil {
		t.Fatalf("no %s cookie over HTTPS: %v", secureSessionCookie, resp.Header.Values("Set-Cookie"))
	}
	if !cookie.Secure || !cookie.HttpOnly || cookie.SameSite != http.SameSiteLaxMode || cookie.Path != "/" || cookie.Domain != "" {
		t.Errorf("cookie %+v: want Secure, HttpOnly, SameSite=Lax, Path=/, no Domain", cookie)
	}
	if loc := resp.Header.Get("Location"); strings.Contains(loc, cookie.Value) {
		t.Error("the session token is in a URL")
	}
	_, body := cl.get("/", "X-Forwarded-Proto", "https")
	if strings.Contains(body, cookie.Value) {
		t.Error("the session token is in the page")
	}
	if sts := resp.Header.Get("Strict-Transport-Security"); !strings.Contains(sts, "max-age=31536000") {
		t.Errorf("HSTS %q over HTTPS", sts)
	}
}

func TestLoginPageKeepsReturnOnSite(t *testing.T) {
	b := newTestBoard(t)
	for _, ret := range []string{"https://evil.example/", "//evil.example", "/\\evil.example", "javascript:alert(1)", "\t//evil.example"} {
		_, doc := b.page("/login?return=" + url.QueryEscape(ret))
		if got := doc.Find(`input[name=return]`).AttrOr("value", "/"); got != "/" {
			t.Errorf("return %q kept in the form as %q", ret, got)
		}
	}
	b.member("rover", memberPassword)
	cl, _ := b.loggedIn("wanderer")
	if resp, _ := cl.get("/login?return=" + url.QueryEscape("//evil.example")); resp.Header.Get("Location") != "/" {
		t.Errorf("a logged-in member was sent to %q", resp.Header.Get("Location"))
	}
}

// Item 35's last clause: a success clears the account's failures, so the
// owner's own typos do not add up across logins.
func TestLoginFailuresResetOnSuccess(t *testing.T) {
	b := newTestBoard(t)
	b.member("typo", memberPassword)
	for round := range 3 {
		cl := b.newClient()
		for range models.LoginsPerAccount.Limit - 1 {
			if resp, _ := cl.post("/login", url.Values{"username": {"typo"}, "password": {"wrong"}}); resp.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("round %d: a wrong password got %d", round, resp.StatusCode)
			}
		}
		if resp, _ := cl.post("/login", url.Values{"username": {"typo"}, "password": {memberPassword}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("round %d: the right password got %d", round, resp.StatusCode)
		}
	}
}
