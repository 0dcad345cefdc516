package app

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"

	"hyperboard/bbcode"
	"hyperboard/models"
	"hyperboard/views"
)

// Limits of what one post may hold.
const (
	maxSubjectLength = 120
	maxMessageLength = 60000
)

// keepsTextPaths are the forms whose handlers answer a failed CSRF check
// themselves, by giving the writer back their text with the reason, rather
// than losing it to an error page (the usual cause is a session that ended
// while they were writing).
var keepsTextPaths = regexp.MustCompile(`^/(t/\d+/reply|f/\d+/new)$`)

const csrfFailedKey = "csrf-failed"

// csrfFailed reports whether checkCSRF let this request through only so
// that its handler could keep the text.
func csrfFailed(c *fiber.Ctx) bool {
	failed, _ := c.Locals(csrfFailedKey).(bool)
	return failed
}

// readPostForm takes the writer's input, as typed.
func readPostForm(c *fiber.Ctx, action string) views.PostForm {
	page, _ := strconv.Atoi(c.FormValue("page"))
	return views.PostForm{
		Action:  action,
		Subject: strings.ToValidUTF8(c.FormValue("subject"), "\uFFFD"),
		Message: strings.ToValidUTF8(c.FormValue("message"), "\uFFFD"),
		Key:     c.FormValue("key"),
		Page:    page,
	}
}

// validate checks a post and reports whether it may be saved; the form
// carries the messages.
func validate(f *views.PostForm) bool {
	f.SubjectError = subjectError(f.Subject, f.NewTopic)
	message := strings.TrimSpace(f.Message)
	switch n := utf8.RuneCountInString(message); {
	case n == 0:
		f.MessageError = "Write a message before you submit."
	case n > maxMessageLength:
		f.MessageError = fmt.Sprintf("Your message has %s characters; the limit is %s.", views.FormatCount(n), views.FormatCount(maxMessageLength))
	case strings.ContainsRune(message, 0):
		f.MessageError = "Your message contains a character that cannot be stored (NUL)."
	}
	return f.SubjectError == "" && f.MessageError == ""
}

// subjectError says what is wrong with a subject or topic title, "" when
// nothing is; a topic's title is required.
func subjectError(subject string, required bool) string {
	subject = strings.TrimSpace(subject)
	switch {
	case required && subject == "":
		return "Give your topic a subject."
	case utf8.RuneCountInString(subject) > maxSubjectLength:
		return fmt.Sprintf("Keep the subject to %d characters.", maxSubjectLength)
	case strings.ContainsFunc(subject, isControl):
		return "The subject contains characters that cannot be shown."
	}
	return ""
}

func isControl(r rune) bool { return r < 0x20 || r == 0x7f }

// newPost turns a valid form into what the store writes in a forum, with
// the writer's rights there: moderators who may lock write in locked
// topics, and f_noflood lifts the flood interval.
func (h *Handler) newPost(c *fiber.Ctx, forumID int64, f views.PostForm) models.NewPost {
	v := visitOf(c)
	message := strings.TrimSpace(f.Message)
	flood := time.Duration(v.Config.FloodIntervalSeconds) * time.Second
	if may(c, forumID, models.FNoFlood) {
		flood = 0
	}
	return models.NewPost{
		AuthorID:      v.Viewer.ID,
		Subject:       strings.TrimSpace(f.Subject),
		Body:          message,
		BodyHTML:      cookIn(c, forumID, message),
		IP:            h.clientIP(c),
		SubmissionKey: f.Key,
		FloodInterval: flood,
		WriteLocked:   may(c, forumID, models.MLock),
	}
}

// cookIn cooks a post's text with the BBCode the writer may use in the
// forum: without f_bbcode tags stay text, without f_img [img] does.
func cookIn(c *fiber.Ctx, forumID int64, text string) string {
	return bbcode.CookWith(text, bbcode.Options{
		NoTags:   !may(c, forumID, models.FBBCode),
		NoImages: !may(c, forumID, models.FImg),
	})
}

// refusal explains a write the store refused, in the form, with the status
// to send; ok is false for errors that are not the writer's to fix.
func refusal(c *fiber.Ctx, f *views.PostForm, err error) (int, bool) {
	var flood *models.FloodError
	switch {
	case errors.As(err, &flood):
		secs := int(math.Ceil(flood.Wait.Seconds()))
		f.Error = fmt.Sprintf("You posted a moment ago. Please wait %d second%s before posting again; your text is kept.", secs, pluralS(secs))
		retryAfter(c, flood.Wait)
		return fiber.StatusTooManyRequests, true
	case errors.Is(err, models.ErrLocked):
		f.Error = "This topic is locked: you cannot reply to it."
		return fiber.StatusUnprocessableEntity, true
	case errors.Is(err, models.ErrForbidden):
		f.Error = "You cannot post here."
		return fiber.StatusUnprocessableEntity, true
	}
	return 0, false
}

// mayWrite checks what every posting form needs before anything else: a
// valid token and a member. The form is filled with the reason otherwise.
func mayWrite(c *fiber.Ctx, f *views.PostForm) bool {
	switch {
	case csrfFailed(c):
		f.Error = "Your session has ended or this form is too old, so nothing was posted. Your text is below: log in again if you need to, then submit it again."
	case visitOf(c).Viewer == nil:
		f.Error = "Log in to post; your text is kept below."
	case unstorable(c, "subject", "message"):
		f.Error = unstorableText
	default:
		return true
	}
	return false
}
