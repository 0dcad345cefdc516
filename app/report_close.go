package app

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"

	"hyperboard/models"
	"hyperboard/views"
)

// reportClose closes a report with the moderator's note, if they handle
// reports in the forum of its post. htmx gets the closed report in place
// of the open one; a plain form goes back to the queue.
func (h *Handler) reportClose(c *fiber.Ctx) error {
	if err := requireModerator(c, models.MReport); err != nil {
		return err
	}
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	ctx := c.UserContext()
	r, err := h.store.Report(ctx, id)
	if err != nil {
		return err
	}
	switch {
	case !may(c, r.ForumID, models.FList):
		return models.ErrNotFound
	case !may(c, r.ForumID, models.FRead|models.MReport):
		return fiber.NewError(fiber.StatusForbidden, "You do not handle reports in the forum of this post.")
	}
	rc := views.ReportClose{Report: r, Note: strings.ToValidUTF8(c.FormValue("note"), "\uFFFD")}
	note := strings.TrimSpace(rc.Note)
	switch n := utf8.RuneCountInString(note); {
	case n > models.MaxReportNoteLength:
		rc.Error = fmt.Sprintf("Your note has %s characters; keep it to %s.", views.FormatCount(n), views.FormatCount(models.MaxReportNoteLength))
	case strings.ContainsRune(note, 0):
		rc.Error = "Your note contains a character that cannot be stored (NUL)."
	}
	if rc.Error != "" {
		return h.reportCloseAnswer(c, fiber.StatusUnprocessableEntity, rc)
	}
	viewer := visitOf(c).Viewer
	err = h.store.CloseReport(ctx, id, viewer.ID, note)
	if errors.Is(err, models.ErrConflict) {
		// Someone closed it first: show theirs.
		if rc.Report, err = h.store.Report(ctx, id); err != nil {
			return err
		}
		return h.reportCloseAnswer(c, fiber.StatusConflict, rc)
	}
	if err != nil {
		return err
	}
	if !isFragmentRequest(c) {
		return redirect(c, views.ReportQueuePath)
	}
	r.ClosedAt, r.CloserName, r.CloseNote = time.Now(), viewer.Username, note
	rc.Done = true
	c.Vary(hxRequest)
	return write(c, views.ReportItem(h.chrome(c, ""), rc))
}

// reportCloseAnswer sends a report that was not closed as asked: alone to
// htmx, on a page of its own to others.
func (h *Handler) reportCloseAnswer(c *fiber.Ctx, status int, rc views.ReportClose) error {
	c.Status(status)
	chrome := h.chrome(c, "Close a report", views.Crumb{Title: "Reported posts", URL: views.ReportQueuePath}, views.Crumb{Title: "Close a report"})
	return render(c, views.ReportClosePage(chrome, rc), views.ReportItem(chrome, rc))
}
