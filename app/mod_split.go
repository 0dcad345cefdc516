package app

import (
	"errors"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"hyperboard/models"
	"hyperboard/views"
)

// maxSplitPosts bounds how many posts one split may name.
const maxSplitPosts = 5000

// topicSplitShow lists a page of a topic's posts to choose from, with the
// form that takes them into a new topic.
func (h *Handler) topicSplitShow(c *fiber.Ctx) error {
	topic, err := h.liveTopic(c, models.MSplit)
	if err != nil {
		return err
	}
	form, err := h.splitForm(c, topic)
	if err != nil {
		return err
	}
	page, _ := pageNumber(c)
	if err := h.splitChoices(c, &form, page); err != nil {
		return err
	}
	return h.splitAnswer(c, fiber.StatusOK, form)
}

// topicSplitSubmit takes the chosen posts out into a new topic. It needs
// m_split in the topic's forum and reading the forum the new topic goes to.
func (h *Handler) topicSplitSubmit(c *fiber.Ctx) error {
	topic, err := h.liveTopic(c, models.MSplit)
	if err != nil {
		return err
	}
	form, err := h.splitForm(c, topic)
	if err != nil {
		return err
	}
	form.Title = strings.ToValidUTF8(c.FormValue("title"), "\uFFFD")
	form.ForumID, _ = strconv.ParseInt(c.FormValue("forum"), 10, 64)
	for _, raw := range c.Request().PostArgs().PeekMulti("post") {
		if id, err := strconv.ParseInt(string(raw), 10, 64); err == nil && id > 0 {
			form.Chosen = append(form.Chosen, id)
		}
	}
	// A refusal without JavaScript, or of the split page's own form (which
	// sends its page number), lists the posts again; htmx on the topic page
	// keeps the posts' own boxes.
	if page, err := strconv.Atoi(c.FormValue("page")); err == nil || !isFragmentRequest(c) {
		if err := h.splitChoices(c, &form, page); err != nil {
			return err
		}
	}
	m, problem := moderation(c)
	form.Reason = m.Reason
	form.TitleError = subjectError(form.Title, true)
	switch {
	case problem != "":
		form.Error = problem
	case len(form.Chosen) == 0:
		form.Error = "Choose the posts to take out of this topic."
	case len(form.Chosen) > maxSplitPosts:
		form.Error = "Choose fewer posts at a time."
	case !may(c, form.ForumID, models.FList|models.FRead):
		form.Error = "You cannot put the new topic in that forum."
	}
	if form.Error != "" || form.TitleError != "" {
		return h.splitAnswer(c, fiber.StatusUnprocessableEntity, form)
	}
	title := strings.TrimSpace(form.Title)
	newID, err := h.store.SplitTopic(c.UserContext(), models.Split{TopicID: topic.ID, ForumID: topic.ForumID,
		PostIDs: form.Chosen, Title: title, ToForumID: form.ForumID}, m)
	switch {
	case errors.Is(err, models.ErrSplitNone):
		form.Error = "Choose at least one post that is not deleted."
	case errors.Is(err, models.ErrSplitAll):
		form.Error = "Leave at least one post in this topic. To move all of it, use Move topic."
	case errors.Is(err, models.ErrSplitForeign):
		form.Error = "A chosen post is no longer in this topic. Reload the page and choose again."
	case err != nil:
		return err
	default:
		return redirect(c, views.TopicPath(newID, title))
	}
	return h.splitAnswer(c, fiber.StatusUnprocessableEntity, form)
}

func (h *Handler) splitForm(c *fiber.Ctx, topic *models.Topic) (views.SplitForm, error) {
	forums, err := h.store.ForumList(c.UserContext())
	return views.SplitForm{Topic: topic, Forums: destinations(c, forums), ForumID: topic.ForumID}, err
}

// splitChoices loads a page of the topic's posts into the form, deleted
// ones too for moderators who see them.
func (h *Handler) splitChoices(c *fiber.Ctx, form *views.SplitForm, page int) error {
	perPage := visitOf(c).Config.PostsPerPage
	t := form.Topic
	form.Pager = views.Pager{Path: views.SplitPath(t.ID), Pages: pageCount(t.LastPostNumber, perPage)}
	form.Pager.Page = min(max(page, 1), form.Pager.Pages)
	first := (form.Pager.Page-1)*perPage + 1
	posts, err := h.store.PostsInTopic(c.UserContext(), t.ID, models.PostRange{First: first, Last: first + perPage - 1,
		Deleted: may(c, t.ForumID, models.MDelete)})
	form.Posts = posts
	if form.Posts == nil {
		form.Posts = []*models.Post{}
	}
	return err
}

// splitAnswer sends the split form: alone to htmx, on its page to others.
func (h *Handler) splitAnswer(c *fiber.Ctx, status int, form views.SplitForm) error {
	c.Status(status)
	chrome := h.chrome(c, "Split “"+form.Topic.Title+"”", topicCrumbs(form.Topic, "Split")...)
	return render(c, views.SplitPage(chrome, form), views.SplitFormFragment(chrome, form))
}
