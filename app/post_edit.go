package app

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"

	"hyperboard/models"
	"hyperboard/views"
)

const maxReasonLength = 255

// editablePost loads the post in the path, if the visitor may read it.
func (h *Handler) editablePost(c *fiber.Ctx) (*models.EditablePost, error) {
	id, err := pathID(c, "id")
	if err != nil {
		return nil, err
	}
	p, err := h.store.EditablePost(c.UserContext(), id)
	if err != nil {
		return nil, err
	}
	return p, requireRead(c, p.ForumID)
}

// changeRefusal explains why the visitor may not change a post.
func changeRefusal(c *fiber.Ctx, p *models.EditablePost, own models.Perm) error {
	viewer := visitOf(c).Viewer
	switch {
	case viewer == nil || viewer.ID != p.AuthorID:
		return fiber.NewError(fiber.StatusForbidden, "You can only change your own posts.")
	case p.Closed():
		return fiber.NewError(fiber.StatusForbidden, "This topic is locked: its posts cannot be changed.")
	case !may(c, p.ForumID, own):
		return fiber.NewError(fiber.StatusForbidden, refusals[own])
	}
	return fiber.NewError(fiber.StatusConflict, "Someone has replied after this post, so it can no longer be deleted.")
}

// editPost loads the post in the path and checks that the visitor may edit
// it: a moderator with m_edit, or its author while the topic is open.
func (h *Handler) editPost(c *fiber.Ctx) (*models.EditablePost, error) {
	p, err := h.editablePost(c)
	if err != nil {
		return nil, err
	}
	if !rightsOf(c).MayEditPost(p.ForumID, viewerID(c), p.AuthorID, p.Closed()) {
		return nil, changeRefusal(c, p, models.FEdit)
	}
	return p, nil
}

// postEditShow swaps a post for its edit form (htmx) or shows the form on
// a page of its own.
func (h *Handler) postEditShow(c *fiber.Ctx) error {
	p, err := h.editPost(c)
	if err != nil {
		return err
	}
	form := views.EditForm{PostID: p.ID, FirstPost: p.PostNumber == 1, Title: p.TopicTitle,
		Subject: p.Subject, Message: p.Body, Version: p.EditCount}
	return h.editAnswer(c, fiber.StatusOK, p, form)
}

// postEditSubmit saves an edit; htmx gets the cooked post back in place of
// the form, others go to the post.
func (h *Handler) postEditSubmit(c *fiber.Ctx) error {
	p, err := h.editPost(c)
	if err != nil {
		return err
	}
	version, _ := strconv.Atoi(c.FormValue("version"))
	form := views.EditForm{
		PostID: p.ID, FirstPost: p.PostNumber == 1, Version: version,
		Title:   strings.ToValidUTF8(c.FormValue("title"), "\uFFFD"),
		Subject: strings.ToValidUTF8(c.FormValue("subject"), "\uFFFD"),
		Message: strings.ToValidUTF8(c.FormValue("message"), "\uFFFD"),
		Reason:  strings.ToValidUTF8(c.FormValue("reason"), "\uFFFD"),
	}
	if form.Error, err = h.writeBan(c); err != nil {
		return err
	} else if form.Error != "" {
		return h.editAnswer(c, fiber.StatusUnprocessableEntity, p, form)
	}
	if unstorable(c, "title", "subject", "message", "reason") {
		form.Error = unstorableText
		return h.editAnswer(c, fiber.StatusUnprocessableEntity, p, form)
	}
	if !validateEdit(&form) {
		return h.editAnswer(c, fiber.StatusUnprocessableEntity, p, form)
	}
	message := strings.TrimSpace(form.Message)
	edit := models.PostEdit{
		EditorID: visitOf(c).Viewer.ID, Subject: strings.TrimSpace(form.Subject), Body: message,
		BodyHTML: cookIn(c, p.ForumID, message), Reason: strings.TrimSpace(form.Reason), EditCount: form.Version,
	}
	if form.FirstPost {
		edit.Title, edit.Subject = strings.TrimSpace(form.Title), strings.TrimSpace(form.Title)
	}
	err = h.store.EditPost(c.UserContext(), p.ID, edit)
	if errors.Is(err, models.ErrEdited) {
		form.Error = "This post was changed by someone else while you were editing it. Your text is kept below; reload the post to see theirs."
		return h.editAnswer(c, fiber.StatusConflict, p, form)
	}
	if err != nil {
		return err
	}
	if isFragmentRequest(c) {
		announce(c, "Post saved", "#"+views.PostAnchor(p.ID))
		return h.postFragment(c, p.ID)
	}
	return redirect(c, views.PostPath(p.ID))
}

func validateEdit(f *views.EditForm) bool {
	post := views.PostForm{Subject: f.Subject, Message: f.Message, NewTopic: f.FirstPost}
	if f.FirstPost {
		post.Subject = f.Title
	}
	ok := validate(&post)
	f.MessageError = post.MessageError
	if f.FirstPost {
		f.TitleError = post.SubjectError
	} else if post.SubjectError != "" {
		f.Error = post.SubjectError
	}
	if n := utf8.RuneCountInString(strings.TrimSpace(f.Reason)); n > maxReasonLength {
		f.ReasonError = fmt.Sprintf("Keep the reason to %d characters.", maxReasonLength)
		ok = false
	}
	return ok
}

// editAnswer sends the edit form: alone to htmx, on its page to others.
func (h *Handler) editAnswer(c *fiber.Ctx, status int, p *models.EditablePost, form views.EditForm) error {
	c.Status(status)
	chrome := h.chrome(c, "Edit post", views.Crumb{Title: p.TopicTitle, URL: views.PostPath(p.ID)}, views.Crumb{Title: "Edit"})
	return render(c, views.EditPage(chrome, form), views.PostEditForm(chrome, form))
}

// postFragment renders one post as it appears in its topic, for htmx;
// moderators who may restore posts get deleted ones too.
func (h *Handler) postFragment(c *fiber.Ctx, id int64) error {
	ctx := c.UserContext()
	loc, err := h.store.PostLocationWithDeleted(ctx, id)
	if err != nil {
		return err
	}
	if err := requireRead(c, loc.ForumID); err != nil {
		return err
	}
	seesDeleted := may(c, loc.ForumID, models.MDelete)
	if loc.Deleted && !seesDeleted {
		return models.ErrNotFound
	}
	topic, err := h.store.TopicViewWithDeleted(ctx, loc.TopicID, time.Time{}, 0)
	if err != nil {
		return err
	}
	posts, err := h.store.PostsInTopic(ctx, topic.ID, models.PostRange{First: loc.PostNumber, Last: loc.PostNumber,
		Deleted: seesDeleted, MarkReported: may(c, topic.ForumID, models.MReport)})
	if err != nil || len(posts) != 1 {
		return errors.Join(err, models.ErrNotFound)
	}
	c.Vary(hxRequest)
	return write(c, views.PostItem(h.chrome(c, topic.Title), topic, posts[0]))
}
