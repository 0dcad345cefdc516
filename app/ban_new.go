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

// banNewShow is the form for a new ban; ?user=NAME fills it in for a
// member, as the Ban link on profiles does.
func (h *Handler) banNewShow(c *fiber.Ctx) error {
	if err := requireModerator(c, models.MBan); err != nil {
		return err
	}
	form := views.BanForm{Kind: models.BanUser, Duration: views.BanDurationDefault,
		Target: strings.ToValidUTF8(c.Query("user"), "\uFFFD")}
	return h.banFormAnswer(c, fiber.StatusOK, form)
}

// banNewSubmit checks and records a ban, then shows the list. The store
// refuses bans on administrators and on the moderator themselves.
func (h *Handler) banNewSubmit(c *fiber.Ctx) error {
	if err := requireModerator(c, models.MBan); err != nil {
		return err
	}
	form := views.BanForm{
		Kind:     models.BanKind(c.FormValue("kind")),
		Target:   strings.ToValidUTF8(c.FormValue("target"), "\uFFFD"),
		Duration: c.FormValue("duration"),
		Until:    strings.ToValidUTF8(c.FormValue("until"), "\uFFFD"),
		Reason:   strings.ToValidUTF8(c.FormValue("reason"), "\uFFFD"),
		Note:     strings.ToValidUTF8(c.FormValue("note"), "\uFFFD"),
	}
	endsAt := banEnd(&form, clockOf(c).Zone, time.Now())
	if unstorable(c, "target", "until", "reason", "note") {
		form.Error = unstorableText
		return h.banFormAnswer(c, fiber.StatusUnprocessableEntity, form)
	}
	if !validateBan(&form) {
		return h.banFormAnswer(c, fiber.StatusUnprocessableEntity, form)
	}
	_, err := h.store.CreateBan(c.UserContext(), models.NewBan{
		Kind: form.Kind, Target: form.Target, EndsAt: endsAt,
		Reason: strings.TrimSpace(form.Reason), Note: strings.TrimSpace(form.Note),
		By: visitOf(c).Viewer.ID, ByIP: h.clientIP(c),
	})
	var refusal *models.BanRefusal
	if errors.As(err, &refusal) {
		form.TargetError = refusal.Reason
		return h.banFormAnswer(c, fiber.StatusUnprocessableEntity, form)
	}
	if err != nil {
		return err
	}
	return redirect(c, views.BanListPath)
}

// banEnd reads the ban's length: its end, zero for a permanent ban. A
// date is the start of that day in the moderator's zone.
func banEnd(f *views.BanForm, zone *time.Location, now time.Time) time.Time {
	switch f.Duration {
	case views.BanPermanent:
		return time.Time{}
	case views.BanUntil:
		if zone == nil {
			zone = time.UTC
		}
		day, err := time.ParseInLocation(time.DateOnly, strings.TrimSpace(f.Until), zone)
		switch {
		case strings.TrimSpace(f.Until) == "":
			f.DurationError = "Enter the date the ban ends, or choose another length."
		case err != nil:
			f.DurationError = "The end date is not a date; write it as year-month-day, e.g. 2027-01-31."
		case !day.After(now):
			f.DurationError = "The end date has passed; choose a day in the future."
		}
		return day
	}
	for _, d := range views.BanDurations {
		if d.Key == f.Duration && d.Length > 0 {
			return now.Add(d.Length)
		}
	}
	f.DurationError = "Choose how long the ban lasts."
	return time.Time{}
}

// validateBan checks what the form can check by itself; the store checks
// the target against the accounts and the bans in force.
func validateBan(f *views.BanForm) bool {
	var err error
	switch f.Kind {
	case models.BanUser:
		if strings.TrimSpace(f.Target) == "" {
			f.TargetError = "Enter the username of the member to ban."
		}
	case models.BanEmail:
		_, err = models.CheckEmailPattern(f.Target)
	case models.BanIP:
		_, err = models.CheckBanRange(f.Target)
	default:
		f.Error = "Choose what to ban: a member, email addresses or an IP address."
	}
	if err != nil {
		f.TargetError = err.Error()
	}
	switch reason := strings.TrimSpace(f.Reason); {
	case reason == "":
		f.ReasonError = "Give a reason; the banned see it when they are refused."
	case utf8.RuneCountInString(reason) > models.MaxBanReasonLength:
		f.ReasonError = fmt.Sprintf("Keep the reason to %d characters.", models.MaxBanReasonLength)
	case strings.ContainsFunc(reason, isControl):
		f.ReasonError = "The reason contains characters that cannot be shown."
	}
	switch note := strings.TrimSpace(f.Note); {
	case utf8.RuneCountInString(note) > models.MaxBanNoteLength:
		f.NoteError = fmt.Sprintf("Keep the note to %s characters.", views.FormatCount(models.MaxBanNoteLength))
	case strings.ContainsRune(note, 0):
		f.NoteError = "The note contains a character that cannot be stored (NUL)."
	}
	return f.Error == "" && f.TargetError == "" && f.DurationError == "" && f.ReasonError == "" && f.NoteError == ""
}

// banFormAnswer shows the ban form.
func (h *Handler) banFormAnswer(c *fiber.Ctx, status int, form views.BanForm) error {
	c.Status(status)
	c.Set(fiber.HeaderCacheControl, "private, no-store")
	chrome := h.chrome(c, "Add a ban", views.Crumb{Title: "Bans", URL: views.BanListPath}, views.Crumb{Title: "Add a ban"})
	return render(c, views.BanFormPage(chrome, form), nil)
}
