package app

import (
	"strings"

	"github.com/gofiber/fiber/v2"

	"hyperboard/models"
	"hyperboard/views"
)

// pmNames completes the last name typed in the To field: a datalist whose
// options are the whole field with that name finished, so choosing one
// keeps the names before it.
func (h *Handler) pmNames(c *fiber.Ctx) error {
	if viewer, err := pmMember(c); viewer == nil {
		return err
	}
	field := strings.ReplaceAll(strings.ToValidUTF8(c.Query("to"), ""), "\x00", "") // PostgreSQL refuses NUL
	head, last := "", strings.TrimSpace(field)
	if i := strings.LastIndex(field, ","); i >= 0 {
		head, last = field[:i+1]+" ", strings.TrimSpace(field[i+1:])
	}
	var options []string
	if last != "" && len(last) <= 100 {
		members, err := h.store.Members(c.UserContext(), models.MemberQuery{Prefix: last, Sort: models.MemberSortName}, 1, 8)
		if err != nil {
			return err
		}
		for _, m := range members {
			options = append(options, head+m.Username)
		}
	}
	c.Vary(hxRequest)
	return write(c, views.PMNames(options))
}
