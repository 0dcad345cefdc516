package app

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"
	"github.com/valyala/fasthttp"

	"hyperboard/models"
	"hyperboard/views"
)

// withRequest runs fn on a Fiber context for a request with the given query
// string and urlencoded body, as a guest, without a database.
func withRequest(query, body string, fn func(c *fiber.Ctx)) {
	app := fiber.New()
	var rc fasthttp.RequestCtx
	rc.Request.Header.SetMethod(fiber.MethodPost)
	rc.Request.SetRequestURI("/x?" + query)
	rc.Request.Header.SetContentType(fiber.MIMEApplicationForm)
	rc.Request.SetBodyString(body)
	c := app.AcquireCtx(&rc)
	defer app.ReleaseCtx(c)
	c.Locals(visitKey, &models.Visit{Board: &models.Board{Config: &models.BoardConfig{}}})
	fn(c)
}

// storable is text the database accepts: valid UTF-8 without NUL.
func storable(s string) bool { return utf8.ValidString(s) && !strings.ContainsRune(s, 0) }

// FuzzFormDecoders sends any body to the post and registration forms'
// decoders: whatever they accept is within the limits and storable, and
// whatever they return for the database is storable too.
func FuzzFormDecoders(f *testing.F) {
	f.Add("subject=Hello&message=%5Bb%5Dhi%5B%2Fb%5D&key=abc&page=2")
	f.Add("message=%00&subject=%FF%FE")
	f.Add("message=++%0D%0A++&subject=a%07b")
	f.Add("username=stella&email=stella%40example.org&password=a+long+passphrase&confirm=a+long+passphrase")
	f.Add("username=ad%E2%80%8Bmin&email=x%40%00.org&password=%FF&confirm=%FF")
	f.Add("message=" + strings.Repeat("x", 300) + "&message=twice&page=99999999999999999999")
	f.Fuzz(func(t *testing.T, body string) {
		withRequest("", body, func(c *fiber.Ctx) {
			form := readPostForm(c, "/t/1/reply")
			if !utf8.ValidString(form.Subject) || !utf8.ValidString(form.Message) {
				t.Fatalf("decoded post is not UTF-8: %q", body)
			}
			form.NewTopic = true
			if validate(&form) {
				message := strings.TrimSpace(form.Message)
				subject := strings.TrimSpace(form.Subject)
				switch {
				case message == "" || utf8.RuneCountInString(message) > maxMessageLength || !storable(message):
					t.Fatalf("accepted message %q", form.Message)
				case subject == "" || utf8.RuneCountInString(subject) > maxSubjectLength || strings.ContainsFunc(subject, isControl):
					t.Fatalf("accepted subject %q", form.Subject)
				}
			} else if form.SubjectError == "" && form.MessageError == "" {
				t.Fatalf("refused %q without a reason", body)
			}

			var reg views.RegisterForm
			name, email, _ := checkRegistration(c, &reg)
			if !storable(name) || !storable(email) {
				t.Fatalf("registration returned unstorable name %q or email %q", name, email)
			}
			if (name == "") != (reg.NameError != "") && c.FormValue("username") != "" {
				t.Fatalf("name %q with error %q", name, reg.NameError)
			}
		})
	})
}

// FuzzSearchParams sends any query string to the search form's decoder:
// the words and author are storable, the filters take only values the form
// offers, and forum ids are positive and distinct.
func FuzzSearchParams(f *testing.F) {
	f.Add("q=%22saturn+rings%22+-moon+OR+jupiter&author=kim&forum=1&forum=2&days=7&show=topics&sort=date&titles=1")
	f.Add("q=%00%FF&forum=-1&forum=0&forum=1&forum=1&days=8&show=%00")
	f.Add("q=&author=&forum=99999999999999999999&days=-7")
	f.Add("q=%E2%80%8B&&&=&q=two")
	f.Fuzz(func(t *testing.T, query string) {
		withRequest(query, "", func(c *fiber.Ctx) {
			q := searchQuery(c)
			if !storable(q.Text) || !storable(q.Author) || q.Text != strings.TrimSpace(q.Text) {
				t.Fatalf("%q: text %q, author %q", query, q.Text, q.Author)
			}
			if q.Show != models.SearchPosts && q.Show != models.SearchTopics {
				t.Fatalf("%q: show %q", query, q.Show)
			}
			if q.Sort != models.SearchByRelevance && q.Sort != models.SearchByDate || q.Text == "" && q.Sort != models.SearchByDate {
				t.Fatalf("%q: sort %q", query, q.Sort)
			}
			if q.Days != 0 && !slices.Contains(searchDays, q.Days) {
				t.Fatalf("%q: days %d", query, q.Days)
			}
			for i, id := range q.ForumIDs {
				if id <= 0 || slices.Contains(q.ForumIDs[:i], id) {
					t.Fatalf("%q: forums %v", query, q.ForumIDs)
				}
			}
		})
	})
}
