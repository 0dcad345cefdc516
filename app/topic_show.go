package app

import (
	"net/url"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"hyperboard/models"
	"hyperboard/views"
)

// topicShow shows one page of a topic's posts, optionally only those of the
// last days and newest first; htmx gets the post list alone.
func (h *Handler) topicShow(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	filter := topicFilter(c)
	var since time.Time
	if filter.Days > 0 {
		since = time.Now().AddDate(0, 0, -filter.Days)
	}
	ctx := c.UserContext()
	viewer := visitOf(c).Viewer
	gen := h.pages.generation()
	// Moderators who may restore posts see deleted topics and posts, found
	// by the same queries.
	var topic *models.Topic
	if rightsOf(c).ModeratesAny(models.MDelete) {
		topic, err = h.store.TopicViewWithDeleted(ctx, id, since, viewerID(c))
	} else {
		topic, err = h.topicOfPage(ctx, id, since, visitOf(c))
	}
	if err != nil {
		return err
	}
	if err := requireRead(c, topic.ForumID); err != nil {
		return err
	}
	seesDeleted := may(c, topic.ForumID, models.MDelete)
	if !topic.DeletedAt.IsZero() && !seesDeleted {
		return models.ErrNotFound
	}
	if topic.MovedToID != 0 {
		return c.Redirect("/t/"+strconv.FormatInt(topic.MovedToID, 10), fiber.StatusMovedPermanently)
	}
	path := views.TopicPath(topic.ID, topic.Title)
	if moved, err := canonical(c, path); moved {
		return err
	}
	chrome := h.chrome(c, topic.Title,
		categoryCrumb(topic.Forum.Category),
		views.Crumb{Title: topic.Forum.Title, URL: views.ForumPath(topic.Forum.ID, topic.Forum.Title)},
		views.Crumb{Title: topic.Title})

	// Posts are numbered without gaps, so a page is a range of numbers; a
	// period is the numbers from the first post inside it to the last.
	first, last := 1, topic.LastPostNumber
	if filter.Days > 0 {
		first = topic.FirstNumberSince
	}
	if filter.Newest {
		if filter.From == 0 || filter.From > last {
			filter.From = last
		}
		last = filter.From
	}
	perPage := chrome.Board.PostsPerPage
	pager := views.Pager{Path: path, Query: filterQuery(filter), Pages: pageCount(last-first+1, perPage)}
	page, ok := pageNumber(c)
	if !ok || page > pager.Pages {
		return c.Redirect(pager.URL(min(page, pager.Pages)), fiber.StatusFound)
	}
	pager.Page = page
	if page > 1 {
		chrome.Title += " - Page " + strconv.Itoa(page)
	}
	r := models.PostRange{First: first + (page-1)*perPage, Last: first + page*perPage - 1}
	if filter.Newest {
		r = models.PostRange{First: max(first, last-page*perPage+1), Last: last - (page-1)*perPage, Newest: true}
	}
	r.MarkReported = may(c, topic.ForumID, models.MReport)
	r.Deleted = seesDeleted
	posts, err := h.postsOfPage(ctx, topic.ID, r)
	if err != nil {
		return err
	}
	jump, err := h.forumList(ctx)
	if err != nil {
		return err
	}
	var viewed int64
	if !isFragmentRequest(c) {
		viewed = topic.ID
		h.views.Add(topic.ID)
	}
	// A page of the last days changes as time passes; it is not kept.
	if filter.Days == 0 {
		keepForGuests(c, viewed, func() []models.Tag { return postsTags(topic.ID, posts) })
	}
	if viewer != nil && len(posts) > 0 {
		// Every post numbered up to the end of this page was shown, or is
		// deleted; either way nothing up to there is left to read.
		h.reads.Add(viewer.ID, topic.ID, min(r.Last, topic.LastPostNumber))
	}
	v := views.TopicView{
		Topic:    topic,
		Posts:    posts,
		Pager:    pager,
		Filter:   filter,
		Jump:     views.JumpView{Sections: models.GroupByCategory(listable(c, jump)), Current: topic.ForumID},
		LoginURL: "/login?return=" + url.QueryEscape(pager.URL(page)),
		Mod:      modToolsFor(c, topic, jump),
	}
	if viewer != nil {
		if v.Kept, err = h.keptPostsOf(ctx, gen, topic, r, posts, chrome.Clock); err != nil {
			return err
		}
	}
	if viewer != nil && topic.DeletedAt.IsZero() && rightsOf(c).MayReply(topic.ForumID, topic.Closed()) {
		v.Reply = &views.PostForm{Action: views.ReplyPath(topic.ID), Key: models.NewToken(),
			Message: topic.Draft, DraftURL: views.DraftPath(topic.ID)}
		// Replies made here are appended in place only where they land:
		// the last page, read in order.
		if filter == (views.TopicFilter{}) && page == pager.Pages {
			v.Reply.Page = page
		}
	}
	return render(c, views.TopicPage(chrome, v), views.PostListFragment(chrome, v))
}

// topicFilter reads ?days= and ?order=; values it does not know mean the default.
func topicFilter(c *fiber.Ctx) views.TopicFilter {
	var f views.TopicFilter
	if days, err := strconv.Atoi(c.Query("days")); err == nil && days > 0 && days <= 36500 {
		f.Days = days
	}
	f.Newest = c.Query("order") == "desc"
	if from, err := strconv.Atoi(c.Query("from")); err == nil && from > 0 && f.Newest {
		f.From = from
	}
	return f
}

func filterQuery(f views.TopicFilter) url.Values {
	q := url.Values{}
	if f.Days > 0 {
		q.Set("days", strconv.Itoa(f.Days))
	}
	if f.Newest {
		q.Set("order", "desc")
		if f.From > 0 {
			q.Set("from", strconv.Itoa(f.From))
		}
	}
	return q
}
