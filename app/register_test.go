package app

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"hyperboard/models"
)

const registerPassword = "tulip lantern orbit 42"

// registerValues is a complete registration form; change fields to spoil it.
func registerValues(name, email string) url.Values {
	return url.Values{"username": {name}, "email": {email}, "password": {registerPassword}, "confirm": {registerPassword}}
}

func registerDoc(t *testing.T, body string) *goquery.Document {
	t.Helper()
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestRegisterForm(t *testing.T) {
	b := newTestBoard(t)

	t.Run("the form posts with and without htmx", func(t *testing.T) {
		_, doc := b.newClient().page("/register")
		form := doc.Find("form#register")
		for attr, want := range map[string]string{"action": "/register", "method": "post", "hx-post": "/register", "hx-target": "this", "hx-swap": "outerHTML"} {
			if got, _ := form.Attr(attr); got != want {
				t.Errorf("%s = %q, want %q", attr, got, want)
			}
		}
		if token, _ := form.Find("input[name=_csrf]").Attr("value"); token == "" {
			t.Error("the form has no CSRF token")
		}
		for _, name := range []string{"username", "email", "password", "confirm"} {
			if form.Find("input[name="+name+"]").Length() != 1 {
				t.Errorf("no %s field", name)
			}
		}
	})
	t.Run("a member who is logged in is sent to the board index", func(t *testing.T) {
		cl, _ := b.loggedIn("stella")
		resp, _ := cl.get("/register")
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/" {
			t.Errorf("GET: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
		}
		before := countRows(t, b, "SELECT count(*) FROM users")
		resp, _ = cl.post("/register", registerValues("second_account", "second@example.org"))
		if resp.StatusCode != http.StatusSeeOther || countRows(t, b, "SELECT count(*) FROM users") != before {
			t.Errorf("POST: %d, and an account was created", resp.StatusCode)
		}
	})
}

func TestRegisterSuccess(t *testing.T) {
	b := newTestBoard(t)

	t.Run("a new member is created, joins REGISTERED and is logged in", func(t *testing.T) {
		cl := b.newClient()
		cl.get("/register")
		resp, body := cl.post("/register", registerValues("  Nova Star ", "Nova@Example.org"))
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/" {
			t.Fatalf("got %d to %q\n%s", resp.StatusCode, resp.Header.Get("Location"), body)
		}
		user, err := b.store.UserForLogin(t.Context(), "nova star")
		if err != nil {
			t.Fatal(err)
		}
		if user.Username != "Nova Star" || user.Email != "Nova@Example.org" {
			t.Errorf("stored %q <%s>", user.Username, user.Email)
		}
		if ok, err := models.CheckPassword(registerPassword, user.PasswordHash); err != nil || !ok {
			t.Errorf("the stored hash does not match the password (%v)", err)
		}
		if n := countRows(t, b, `SELECT count(*) FROM group_members m JOIN groups g ON g.id = m.group_id
				WHERE m.user_id = ? AND g.system_key = 'REGISTERED' AND NOT m.pending`, user.ID); n != 1 {
			t.Error("the new member is not in REGISTERED")
		}
		_, doc := cl.page("/")
		if got := strings.TrimSpace(doc.Find("#account .account-name").Text()); got != "Nova Star" {
			t.Errorf("header shows %q, want the new member's name", got)
		}
	})
	t.Run("with htmx the new member is sent on by HX-Redirect", func(t *testing.T) {
		cl := b.newClient()
		cl.get("/register")
		form := registerValues("vega", "vega@example.org")
		resp, _ := cl.postRaw("/register", form, "HX-Request", "true", csrfHeader, cl.csrf)
		if resp.StatusCode != http.StatusNoContent || resp.Header.Get("HX-Redirect") != "/" {
			t.Fatalf("got %d, HX-Redirect %q", resp.StatusCode, resp.Header.Get("HX-Redirect"))
		}
		if cl.cookies[sessionCookie] == "" {
			t.Error("no session cookie")
		}
	})
}

func TestRegisterRefusals(t *testing.T) {
	b := newTestBoard(t)
	b.fx.User("stella")
	b.fx.User("admin")

	long := strings.Repeat("x", 10000)
	cases := []struct {
		why   string
		form  url.Values
		field string // name, email, password or confirm
		want  string
	}{
		{"a username differing only in case from a member's", registerValues("Stella", "new@example.org"), "name", "That username is already taken."},
		{"a full-width copy of a member's name", registerValues("ＳＴＥＬＬＡ", "new@example.org"), "name", "That username is already taken."},
		{"a name with a Cyrillic a among Latin letters", registerValues("\u0430dmin", "new@example.org"), "name", "mixes Cyrillic and Latin"},
		{"a name with a Greek capital alpha among Latin letters", registerValues("\u0391dmin", "new@example.org"), "name", "mixes Greek and Latin"},
		{"an all-Cyrillic look-alike of a member's name", registerValues("\u0430\u0501\u043c\u0456\u043f", "new@example.org"), "name", "That username is already taken."},
		{"a name with a zero-width space", registerValues("ad\u200bmin", "new@example.org"), "name", "invisible"},
		{"a name with a right-to-left override", registerValues("\u202enimda", "new@example.org"), "name", "invisible"},
		{"a name with a NUL byte", registerValues("nova\x00star", "new@example.org"), "name", "invisible"},
		{"a name that is not UTF-8", registerValues("nova\xffstar", "new@example.org"), "name", "not valid text"},
		{"a two-character name", registerValues("ab", "new@example.org"), "name", "at least 3"},
		{"a 31-character name", registerValues(strings.Repeat("n", 31), "new@example.org"), "name", "at most 30"},
		{"a 10,000-character name", registerValues(long, "new@example.org"), "name", "at most 30"},
		{"an address without a domain", registerValues("nova", "nova"), "email", "such as name@example.org"},
		{"a member's address in capitals", registerValues("nova", "STELLA@example.INVALID"), "email", "already belongs to an account"},
		{"a 10,000-character address", registerValues("nova", long+"@example.org"), "email", "too long"},
		{"an address with a NUL byte", registerValues("nova", "nova\x00@example.org"), "email", "cannot be part"},
		{"a short password", registerWith(registerValues("nova", "new@example.org"), "password", "short1", "confirm", "short1"), "password", "at least 10"},
		{"a common password", registerWith(registerValues("nova", "new@example.org"), "password", "Password123", "confirm", "Password123"), "password", "most common"},
		{"a run of digits as password", registerWith(registerValues("nova", "new@example.org"), "password", "1234567890", "confirm", "1234567890"), "password", "sequence"},
		{"a 10,000-character password", registerWith(registerValues("nova", "new@example.org"), "password", long, "confirm", long), "password", "at most 1,024"},
		{"a password with a NUL byte", registerWith(registerValues("nova", "new@example.org"), "password", "tulip\x00lantern orbit", "confirm", "tulip\x00lantern orbit"), "password", "cannot be typed"},
		{"a confirmation that differs", registerWith(registerValues("nova", "new@example.org"), "confirm", registerPassword+"!"), "confirm", "do not match"},
	}
	fields := map[string]string{"name": "username", "email": "email", "password": "password", "confirm": "confirm"}
	for _, c := range cases {
		t.Run(c.why+" is refused beside its field", func(t *testing.T) {
			users := countRows(t, b, "SELECT count(*) FROM users")
			cl := b.newClient()
			resp, body := cl.post("/register", c.form)
			if resp.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("status %d, want 422", resp.StatusCode)
			}
			doc := registerDoc(t, body)
			form := doc.Find("form#register")
			for key, input := range fields {
				field := form.Find("input[name=" + input + "]")
				msg := strings.TrimSpace(form.Find("#register-" + key + "-error").Text())
				invalid, _ := field.Attr("aria-invalid")
				described, _ := field.Attr("aria-describedby")
				if key != c.field {
					if msg != "" || invalid != "" {
						t.Errorf("%s has a message %q too", key, msg)
					}
					continue
				}
				if !strings.Contains(msg, c.want) {
					t.Errorf("%s message %q, want %q", key, msg, c.want)
				}
				if invalid != "true" || !strings.Contains(described, "register-"+key+"-error") {
					t.Errorf("%s is not marked invalid (aria-invalid=%q, aria-describedby=%q)", key, invalid, described)
				}
			}
			for key, input := range map[string]string{"name": "username", "email": "email"} {
				got, _ := form.Find("input[name=" + input + "]").Attr("value")
				if sent := c.form.Get(input); key != c.field && got != sent {
					t.Errorf("%s became %q, want %q kept", input, got, sent)
				}
			}
			for _, input := range []string{"password", "confirm"} {
				if _, has := form.Find("input[name=" + input + "]").Attr("value"); has {
					t.Errorf("the %s was sent back", input)
				}
			}
			if n := countRows(t, b, "SELECT count(*) FROM users"); n != users {
				t.Errorf("%d users after a refusal, %d before", n, users)
			}
			if cl.cookies[sessionCookie] != "" {
				t.Error("a refused registration started a session")
			}
		})
	}
	t.Run("a taken name is reported together with a bad address", func(t *testing.T) {
		resp, body := b.newClient().post("/register", registerValues("Stella", "nope"))
		doc := registerDoc(t, body)
		if resp.StatusCode != http.StatusUnprocessableEntity ||
			!strings.Contains(doc.Find("#register-name-error").Text(), "already taken") ||
			!strings.Contains(doc.Find("#register-email-error").Text(), "such as name@example.org") {
			t.Errorf("status %d, messages %q", resp.StatusCode, texts(doc.Find(".field-error")))
		}
	})
	t.Run("a taken address is reported beside a name with a NUL byte", func(t *testing.T) {
		resp, body := b.newClient().post("/register", registerValues("no\x00va", "stella@example.invalid"))
		doc := registerDoc(t, body)
		if resp.StatusCode != http.StatusUnprocessableEntity ||
			!strings.Contains(doc.Find("#register-name-error").Text(), "invisible") ||
			!strings.Contains(doc.Find("#register-email-error").Text(), "already belongs") {
			t.Errorf("status %d, messages %q", resp.StatusCode, texts(doc.Find(".field-error")))
		}
	})
	t.Run("a refused name is shown again as it was typed", func(t *testing.T) {
		_, body := b.newClient().post("/register", registerValues("Stella", "new@example.org"))
		if got, _ := registerDoc(t, body).Find("input[name=username]").Attr("value"); got != "Stella" {
			t.Errorf("username became %q", got)
		}
	})
	t.Run("a refused 10,000-character name comes back shortened", func(t *testing.T) {
		_, body := b.newClient().post("/register", registerValues(long, "new@example.org"))
		if got, _ := registerDoc(t, body).Find("input[name=username]").Attr("value"); got != long[:maxEcho] {
			t.Errorf("username came back with %d characters", len(got))
		}
	})
	t.Run("without htmx the refusal is a whole page", func(t *testing.T) {
		resp, body := b.newClient().post("/register", registerValues("ab", "new@example.org"))
		doc := registerDoc(t, body)
		if resp.StatusCode != http.StatusUnprocessableEntity || doc.Find("header #account").Length() != 1 || doc.Find("form#register").Length() != 1 {
			t.Errorf("status %d; want the page with the layout and the form", resp.StatusCode)
		}
	})
	t.Run("with htmx the refusal is the form alone", func(t *testing.T) {
		cl := b.newClient()
		cl.get("/register")
		resp, body := cl.postRaw("/register", registerValues("ab", "new@example.org"), "HX-Request", "true", csrfHeader, cl.csrf)
		if resp.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("status %d, want 422", resp.StatusCode)
		}
		if !strings.HasPrefix(strings.TrimSpace(body), `<form id="register"`) || strings.Contains(body, "<header") {
			t.Errorf("want only the form, got:\n%.300s", body)
		}
		if !strings.Contains(resp.Header.Get("Vary"), "HX-Request") {
			t.Error("no Vary: HX-Request")
		}
		if msg := registerDoc(t, body).Find("#register-name-error").Text(); !strings.Contains(msg, "at least 3") {
			t.Errorf("message %q", msg)
		}
	})
	t.Run("a form without the CSRF token is refused and writes nothing", func(t *testing.T) {
		users := countRows(t, b, "SELECT count(*) FROM users")
		cl := b.newClient()
		cl.get("/register")
		resp, _ := cl.postRaw("/register", registerValues("nova", "new@example.org"))
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("status %d, want 403", resp.StatusCode)
		}
		if n := countRows(t, b, "SELECT count(*) FROM users"); n != users {
			t.Error("an account was created without the token")
		}
	})
}

func TestRegisterThrottle(t *testing.T) {
	b := newTestBoard(t)
	register := func(name string) (*http.Response, string) {
		return b.newClient().post("/register", registerValues(name, name+"@example.org"))
	}

	t.Run("refused registrations do not count towards the limit", func(t *testing.T) {
		for range models.SignupsPerIP.Limit + 1 {
			if resp, _ := register("x"); resp.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("status %d, want 422", resp.StatusCode)
			}
		}
	})
	t.Run("registrations beyond the limit wait, keeping what was typed", func(t *testing.T) {
		for i := range models.SignupsPerIP.Limit {
			if resp, body := register("member" + string(rune('a'+i))); resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("registration %d: status %d\n%s", i+1, resp.StatusCode, body)
			}
		}
		users := countRows(t, b, "SELECT count(*) FROM users")
		resp, body := register("one_too_many")
		if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") == "" {
			t.Fatalf("status %d, Retry-After %q; want 429 with Retry-After", resp.StatusCode, resp.Header.Get("Retry-After"))
		}
		doc := registerDoc(t, body)
		if msg := doc.Find("#register-error").Text(); !strings.Contains(msg, "Too many accounts") {
			t.Errorf("message %q", msg)
		}
		if got, _ := doc.Find("input[name=username]").Attr("value"); got != "one_too_many" {
			t.Errorf("username became %q", got)
		}
		if got, _ := doc.Find("input[name=email]").Attr("value"); got != "one_too_many@example.org" {
			t.Errorf("email became %q", got)
		}
		if n := countRows(t, b, "SELECT count(*) FROM users"); n != users {
			t.Error("a throttled registration created an account")
		}
	})
}

func TestBrowserRegister(t *testing.T) {
	b := newTestBoard(t)
	base := b.listen()
	const state = `({url: location.href, errors: Array.from(document.querySelectorAll('.field-error'), e => e.textContent), account: document.querySelector('#account')?.textContent.trim()})`

	for _, c := range []struct {
		mode string
		js   bool
		name string
	}{{"with htmx", true, "swapped_sam"}, {"without JavaScript", false, "plain_pat"}} {
		t.Run(c.mode+" a phone can fix a refused form and register", func(t *testing.T) {
			ctx := browserStart(t)
			browserDo(t, ctx, "open the form on a phone",
				chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
					_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: !c.js})
					return err
				}),
				chromedp.EmulateViewport(360, 800),
				chromedp.Navigate(base+"/register"),
			)
			if c.js {
				browserWaitUntil(t, ctx, browserScriptLoaded, state)
			}
			browserNoSidewaysScroll(t, ctx, "the registration form")
			if h := browserBox(t, ctx, "#register button[type=submit]").Height; h < 40 {
				t.Errorf("the submit button is %.0f px high, too small to tap", h)
			}
			browserEval[chromedp.Void](t, ctx, `window.__marker = 42`)

			browserDo(t, ctx, "fill in a short name",
				chromedp.SetValue(chromedp.CSS("#register-name"), "ab"),
				chromedp.SetValue(chromedp.CSS("#register-email"), c.name+"@example.org"),
				chromedp.SetValue(chromedp.CSS("#register-password"), registerPassword),
				chromedp.SetValue(chromedp.CSS("#register-confirm"), registerPassword),
			)
			submit := chromedp.Click(chromedp.CSS("#register button[type=submit]"))
			if c.js {
				browserDo(t, ctx, "send it", submit)
			} else if resp, err := chromedp.RunResponse(ctx, submit); err != nil || resp.Status != http.StatusUnprocessableEntity {
				t.Fatalf("send it: %v, %+v; want a 422 page", err, resp)
			}
			browserWaitUntil(t, ctx, `document.querySelector('#register-name-error')?.textContent.includes('at least 3')`, state)
			browserNoSidewaysScroll(t, ctx, "the refused form")
			browserScreenshot(t, ctx, "register-refused-"+strings.ReplaceAll(c.mode, " ", "-"))
			if got := browserEval[string](t, ctx, `document.querySelector('#register-email').value`); got != c.name+"@example.org" {
				t.Errorf("the email field holds %q after the refusal", got)
			}
			if got := browserEval[string](t, ctx, `document.querySelector('#register-password').value`); got != "" {
				t.Error("the password came back")
			}
			if kept := browserEval[bool](t, ctx, `window.__marker === 42`); kept != c.js {
				t.Errorf("page kept its state: %v, want %v (htmx swaps in place, a plain form loads a page)", kept, c.js)
			}
			if c.js {
				browserWaitUntil(t, ctx, `document.activeElement?.id === 'register-name'`, `document.activeElement?.id`)
			}

			browserDo(t, ctx, "correct the name",
				chromedp.SetValue(chromedp.CSS("#register-name"), c.name),
				chromedp.SetValue(chromedp.CSS("#register-password"), registerPassword),
				chromedp.SetValue(chromedp.CSS("#register-confirm"), registerPassword),
			)
			// Both ways end in a page load: a 303 or htmx's HX-Redirect.
			if resp, err := chromedp.RunResponse(ctx, submit); err != nil || resp.Status != http.StatusOK {
				t.Fatalf("send it again: %v, %+v; want the board index", err, resp)
			}
			browserWaitUntil(t, ctx, `location.pathname === '/' && document.querySelector('#account .account-name')?.textContent === '`+c.name+`'`, state)
		})
	}
}

// registerWith returns a copy of a form with fields replaced, given as name, value
// pairs.
func registerWith(form url.Values, pairs ...string) url.Values {
	out := url.Values{}
	for k, v := range form {
		out[k] = append([]string(nil), v...)
	}
	for i := 0; i+1 < len(pairs); i += 2 {
		out.Set(pairs[i], pairs[i+1])
	}
	return out
}
