package views

import (
	"strconv"
	"unicode/utf8"

	"hyperboard/models"
)

// initial is the first letter of a name, for avatars.
func initial(name string) string {
	r, size := utf8.DecodeRuneInString(name)
	if size == 0 || r == utf8.RuneError {
		return "?"
	}
	return string(r)
}

func idString(id int64) string { return strconv.FormatInt(id, 10) }

func kindName(k models.TopicKind) string {
	switch k {
	case models.TopicAnnouncement:
		return "announcement"
	case models.TopicSticky:
		return "sticky"
	}
	return "normal"
}

// topicPages is how many pages a topic spans.
func topicPages(t *models.Topic, perPage int) int {
	if perPage <= 0 {
		return 1
	}
	return max(1, (t.LastPostNumber+perPage-1)/perPage)
}

// topicPageLinks is the short page list under a topic title: all pages up to
// four, else the first, a gap and the last three.
func topicPageLinks(pages int) []int {
	if pages <= 4 {
		out := make([]int, pages)
		for i := range out {
			out[i] = i + 1
		}
		return out
	}
	return []int{1, 0, pages - 2, pages - 1, pages}
}

func topicPageURL(t *models.Topic, page int) string {
	return Pager{Path: TopicPath(t.ID, t.Title)}.URL(page)
}

// postSubject is a post's own subject, or "Re: " and the topic title.
func postSubject(t *models.Topic, p *models.Post) string {
	if p.Subject != "" {
		return p.Subject
	}
	if p.PostNumber == 1 {
		return t.Title
	}
	return "Re: " + t.Title
}
