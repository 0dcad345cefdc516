package app

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"

	"hyperboard/models"
	"hyperboard/views"
)

// Answers to a member who reports a post.
const (
	reportThanks   = "Thank you, the moderators will look at it."
	reportRepeated = "You have already reported this post; the moderators will look at it."
)

// reportShow opens the report form: under the post for htmx, on a page of
// its own for others. A member who reported the post already is told so.
func (h *Handler) reportShow(c *fiber.Ctx) error {
	p, err := h.reportablePost(c)
	if err != nil {
		return err
	}
	if isFragmentRequest(c) && c.Query("cancel") != "" {
		// Cancel on the inline form: nothing takes its place.
		c.Vary(hxRequest)
		return c.Type("html", "utf-8").SendString("")
	}
	reported, err := h.store.HasOpenReport(c.UserContext(), p.ID, viewerID(c))
	if err != nil {
		return err
	}
	form := views.ReportForm{PostID: p.ID, Inline: isFragmentRequest(c)}
	if reported {
		return h.reportAnswer(c, fiber.StatusOK, p, form, reportRepeated)
	}
	return h.reportAnswer(c, fiber.StatusOK, p, form, "")
}

// reportSubmit records the report; htmx gets the thanks in place of the
// form, others go back to the post.
func (h *Handler) reportSubmit(c *fiber.Ctx) error {
	p, err := h.reportablePost(c)
	if err != nil {
		return err
	}
	form := views.ReportForm{
		PostID: p.ID,
		Reason: models.ReportReason(c.FormValue("reason")),
		Note:   strings.ToValidUTF8(c.FormValue("note"), "\uFFFD"),
		Inline: c.FormValue("inline") != "",
	}
	if !validateReport(&form) || unstorable(c, "note") {
		if form.NoteError == "" {
			form.NoteError = unstorableText
		}
		return h.reportAnswer(c, fiber.StatusUnprocessableEntity, p, form, "")
	}
	err = h.store.CreateReport(c.UserContext(), p.ID, viewerID(c), form.Reason, strings.TrimSpace(form.Note))
	var limit *models.ReportLimitError
	switch {
	case errors.Is(err, models.ErrAlreadyReported):
		form.Error = reportRepeated
		return h.reportAnswer(c, fiber.StatusUnprocessableEntity, p, form, "")
	case errors.As(err, &limit):
		form.Error = fmt.Sprintf("You have reported %d posts in the last hour, the most allowed. Please wait %s before reporting another; your note is kept.",
			models.ReportsPerHour, waitText(limit.Wait))
		retryAfter(c, limit.Wait)
		return h.reportAnswer(c, fiber.StatusTooManyRequests, p, form, "")
	case err != nil:
		return err
	}
	if isFragmentRequest(c) {
		c.Vary(hxRequest)
		return write(c, views.ReportDone(p.ID, reportThanks))
	}
	return redirect(c, views.PostPath(p.ID))
}

// reportablePost loads the post in the path if the visitor may report it:
// a member who may read its forum, and not its author.
func (h *Handler) reportablePost(c *fiber.Ctx) (*models.EditablePost, error) {
	id, err := pathID(c, "id")
	if err != nil {
		return nil, err
	}
	viewer := visitOf(c).Viewer
	if viewer == nil {
		return nil, errLoginRequired
	}
	p, err := h.store.EditablePost(c.UserContext(), id)
	if err != nil {
		return nil, err
	}
	if !may(c, p.ForumID, models.FList|models.FRead) {
		return nil, models.ErrNotFound
	}
	if p.AuthorID == viewer.ID {
		return nil, fiber.NewError(fiber.StatusForbidden, "You cannot report your own post. Edit or delete it instead.")
	}
	return p, nil
}

// validateReport checks a report and puts a message on each field that
// cannot be used.
func validateReport(f *views.ReportForm) bool {
	note := strings.TrimSpace(f.Note)
	if !f.Reason.Valid() {
		f.ReasonError = "Choose why you are reporting the post."
	}
	switch n := utf8.RuneCountInString(note); {
	case n > models.MaxReportNoteLength:
		f.NoteError = fmt.Sprintf("Your note has %s characters; keep it to %s.", views.FormatCount(n), views.FormatCount(models.MaxReportNoteLength))
	case strings.ContainsRune(note, 0):
		f.NoteError = "Your note contains a character that cannot be stored (NUL)."
	case n == 0 && f.Reason == models.ReportOther:
		f.NoteError = "Tell the moderators what is wrong with the post: a note is needed when the reason is Other."
	}
	return f.ReasonError == "" && f.NoteError == ""
}

// reportAnswer sends the form, or done in its place when the member has
// reported the post already: alone to htmx, on the report page to others.
func (h *Handler) reportAnswer(c *fiber.Ctx, status int, p *models.EditablePost, form views.ReportForm, done string) error {
	c.Status(status)
	chrome := h.chrome(c, "Report a post", views.Crumb{Title: p.TopicTitle, URL: views.PostPath(p.ID)}, views.Crumb{Title: "Report"})
	pageForm := form
	pageForm.Inline = false
	page := views.ReportPage(chrome, views.ReportPageView{Form: pageForm, TopicTitle: p.TopicTitle, PostNumber: p.PostNumber, Done: done})
	if done != "" {
		return render(c, page, views.ReportDone(p.ID, done))
	}
	return render(c, page, views.ReportBox(chrome, form))
}
