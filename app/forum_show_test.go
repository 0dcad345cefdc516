package app

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"hyperboard/internal/fixture"
	"hyperboard/models"
	"hyperboard/views"
)

func TestForumListsAnnouncementsAndStickiesFirst(t *testing.T) {
	b := newTestBoard(t)
	u := b.fx.User("carol")
	f := b.fx.Forum("Equipment")
	now := time.Now()
	b.fx.Topic(f, u, fixture.TopicSpec{Title: "Old normal", LastAt: now.Add(-72 * time.Hour)})
	b.fx.Topic(f, u, fixture.TopicSpec{Title: "Sticky guide", Kind: models.TopicSticky, LastAt: now.Add(-96 * time.Hour)})
	b.fx.Topic(f, u, fixture.TopicSpec{Title: "Fresh normal", LastAt: now.Add(-time.Hour)})
	b.fx.Topic(f, u, fixture.TopicSpec{Title: "Rules", Kind: models.TopicAnnouncement, LastAt: now.Add(-500 * time.Hour)})
	b.fx.Topic(f, u, fixture.TopicSpec{Title: "Closed thread", Locked: true, LastAt: now.Add(-2 * time.Hour)})

	_, doc := b.page(views.ForumPath(f.ID, f.Title))
	got := texts(doc.Find("#topics .topic-title"))
	want := []string{"Rules", "Sticky guide", "Fresh normal", "Closed thread", "Old normal"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("topic order = %q, want %q", got, want)
	}
	kinds := []string{}
	doc.Find("#topics .topic-row").Each(func(_ int, s *goquery.Selection) { kinds = append(kinds, s.AttrOr("data-kind", "")) })
	if strings.Join(kinds[:2], ",") != "announcement,sticky" {
		t.Errorf("kinds = %v", kinds)
	}
	locked := doc.Find(`#topics .topic-row:has(.locked-marker) .topic-title`)
	if locked.Length() != 1 || locked.Text() != "Closed thread" {
		t.Errorf("locked markers on %q, want only Closed thread", texts(locked))
	}
	if doc.Find(`form[action="/jump"] select[name=f] option[selected]`).AttrOr("value", "") != strconv.FormatInt(f.ID, 10) {
		t.Error("the jump box does not preselect the current forum")
	}
}

func TestForumPagination(t *testing.T) {
	b := newTestBoard(t)
	b.setConfig(func(c *models.BoardConfig) { c.TopicsPerPage = 5 })
	u := b.fx.User("dave")
	f := b.fx.Forum("Reports")
	for i := range 12 {
		b.fx.Topic(f, u, fixture.TopicSpec{Title: fmt.Sprintf("Report %02d", i+1), LastAt: time.Now().Add(-time.Duration(12-i) * time.Hour)})
	}
	path := views.ForumPath(f.ID, f.Title)

	t.Run("pages hold the right topics", func(t *testing.T) {
		_, doc := b.page(path)
		if got := texts(doc.Find("#topics .topic-title")); strings.Join(got, ",") != "Report 12,Report 11,Report 10,Report 09,Report 08" {
			t.Errorf("page 1 = %v", got)
		}
		_, doc = b.page(path + "?page=3")
		if got := texts(doc.Find("#topics .topic-title")); strings.Join(got, ",") != "Report 02,Report 01" {
			t.Errorf("page 3 = %v", got)
		}
		nav := doc.Find(`nav#pagination-top[aria-label=Pagination]`)
		if !strings.Contains(nav.Text(), "Page 3 of 3") {
			t.Errorf("pagination says %q", strings.Join(strings.Fields(nav.Text()), " "))
		}
		if nav.Find("a[rel=prev]").AttrOr("href", "") != path+"?page=2" || nav.Find("a[rel=next]").Length() != 0 {
			t.Error("last page should link prev to page 2 and have no next link")
		}
	})
	t.Run("a page past the end redirects to the last page", func(t *testing.T) {
		resp, _ := b.get(path + "?page=9")
		if resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != path+"?page=3" {
			t.Errorf("got %d to %q", resp.StatusCode, resp.Header.Get("Location"))
		}
	})
	t.Run("a page that is not a number redirects to page 1", func(t *testing.T) {
		resp, _ := b.get(path + "?page=abc")
		if resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != path {
			t.Errorf("got %d to %q", resp.StatusCode, resp.Header.Get("Location"))
		}
	})
	t.Run("htmx gets the list and both pagination bars only", func(t *testing.T) {
		resp, doc := b.page(path+"?page=2", "HX-Request", "true")
		if doc.Find("html > head > link[rel=stylesheet]").Length() != 0 || doc.Find("header#top").Length() != 0 {
			t.Error("fragment carries the page chrome")
		}
		if got := doc.Find("#topics .topic-row").Length(); got != 5 {
			t.Errorf("fragment lists %d topics, want 5", got)
		}
		if doc.Find(`nav#pagination-top[hx-swap-oob=true]`).Length() != 1 || doc.Find(`nav#pagination-bottom[hx-swap-oob=true]`).Length() != 1 {
			t.Error("fragment lacks the out-of-band pagination bars")
		}
		if !strings.Contains(resp.Header.Get("Vary"), "HX-Request") {
			t.Errorf("Vary = %q, want HX-Request in it", resp.Header.Get("Vary"))
		}
	})
	t.Run("pagination links work as plain links and with htmx", func(t *testing.T) {
		_, doc := b.page(path)
		doc.Find("nav#pagination-top a").Each(func(_ int, a *goquery.Selection) {
			if a.AttrOr("href", "") != a.AttrOr("hx-get", "") {
				t.Errorf("link href %q differs from hx-get %q", a.AttrOr("href", ""), a.AttrOr("hx-get", ""))
			}
		})
		nav := doc.Find("nav#pagination-top")
		if nav.AttrOr("hx-target", "") != "#topics" || nav.AttrOr("hx-push-url", "") != "true" {
			t.Error("pagination does not target #topics and push the URL")
		}
	})
}

func TestForumJump(t *testing.T) {
	b := newTestBoard(t)
	f := b.fx.Forum("Astrophotography")
	target := views.ForumPath(f.ID, f.Title)
	t.Run("a plain form is redirected", func(t *testing.T) {
		resp, _ := b.get("/jump?f=" + strconv.FormatInt(f.ID, 10))
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != target {
			t.Errorf("got %d to %q", resp.StatusCode, resp.Header.Get("Location"))
		}
	})
	t.Run("htmx is told where to go", func(t *testing.T) {
		resp, _ := b.get("/jump?f="+strconv.FormatInt(f.ID, 10), "HX-Request", "true")
		if resp.Header.Get("HX-Redirect") != target {
			t.Errorf("HX-Redirect = %q", resp.Header.Get("HX-Redirect"))
		}
	})
	t.Run("nonsense gets a clear 400", func(t *testing.T) {
		resp, body := b.get("/jump?f=x")
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "Choose a forum") {
			t.Errorf("got %d", resp.StatusCode)
		}
	})
	t.Run("an unknown forum is 404", func(t *testing.T) {
		if resp, _ := b.get("/jump?f=99999"); resp.StatusCode != http.StatusNotFound {
			t.Errorf("got %d", resp.StatusCode)
		}
	})
}
