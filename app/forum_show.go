package app

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"hyperboard/models"
	"hyperboard/views"
)

// forumShow lists one page of a forum's topics; htmx gets the list alone.
func (h *Handler) forumShow(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	ctx := c.UserContext()
	gen := h.pages.generation()
	forum, err := h.keptForum(ctx, id)
	if err != nil {
		return err
	}
	if err := requireRead(c, forum.ID); err != nil {
		return err
	}
	path := views.ForumPath(forum.ID, forum.Title)
	if moved, err := canonical(c, path); moved {
		return err
	}
	chrome := h.chrome(c, forum.Title, categoryCrumb(forum.Category), views.Crumb{Title: forum.Title})
	perPage := chrome.Board.TopicsPerPage
	// "Moved" links take places in the list too.
	pager := views.Pager{Path: path, Pages: pageCount(forum.TopicCount+forum.SignpostCount, perPage)}
	page, ok := pageNumber(c)
	if !ok || page > pager.Pages {
		return c.Redirect(pager.URL(min(page, pager.Pages)), fiber.StatusFound)
	}
	pager.Page = page
	if page > 1 {
		chrome.Title += " - Page " + strconv.Itoa(page)
	}
	topics, err := h.topicsOfPage(ctx, forum.ID, viewerID(c), page, perPage)
	if err != nil {
		return err
	}
	h.reads.Clear(viewerID(c), topics)
	jump, err := h.forumList(ctx)
	if err != nil {
		return err
	}
	keepForGuests(c, 0, func() []models.Tag { return topicsTags(forum.ID, topics) })
	v := views.ForumView{
		Forum:        forum,
		Topics:       topics,
		Pager:        pager,
		PostsPerPage: chrome.Board.PostsPerPage,
		Jump:         views.JumpView{Sections: models.GroupByCategory(listable(c, jump)), Current: forum.ID},
	}
	if chrome.Viewer != nil {
		if v.Rows, err = h.topicRowsOf(ctx, gen, forum.ID, page, perPage, topics, chrome.Clock, v.PostsPerPage); err != nil {
			return err
		}
		if v.RowsDeflated, err = h.deflatedRowsOf(c, gen, page, perPage, v, chrome.Clock); err != nil {
			return err
		}
	}
	return render(c, views.ForumPage(chrome, v), views.TopicListFragment(chrome, v))
}
