package app

import (
	"strings"

	"github.com/gofiber/fiber/v2"

	"hyperboard/views"
)

// adminCategoryEditShow is the form to rename a category.
func (h *Handler) adminCategoryEditShow(c *fiber.Ctx) error {
	if err := requireAdmin(c); err != nil {
		return err
	}
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	cat, err := h.store.Category(c.UserContext(), id)
	if err != nil {
		return err
	}
	return h.renderCategoryForm(c, views.CategoryForm{ID: cat.ID, Title: cat.Title})
}

// adminCategoryEditSubmit renames a category.
func (h *Handler) adminCategoryEditSubmit(c *fiber.Ctx) error {
	if err := requireAdmin(c); err != nil {
		return err
	}
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	f := views.CategoryForm{ID: id, Title: strings.TrimSpace(c.FormValue("title"))}
	if f.Error = checkTitle("The title", f.Title, views.MaxCategoryTitle); f.Error != "" {
		c.Status(fiber.StatusUnprocessableEntity)
		return h.renderCategoryForm(c, f)
	}
	if err := h.store.RenameCategory(c.UserContext(), id, f.Title); err != nil {
		return err
	}
	return redirect(c, views.AdminForumsPath)
}
