package app

import (
	"strings"

	"github.com/gofiber/fiber/v2"

	"hyperboard/views"
)

// adminCategoryNewShow is the form for a new category.
func (h *Handler) adminCategoryNewShow(c *fiber.Ctx) error {
	if err := requireAdmin(c); err != nil {
		return err
	}
	return h.renderCategoryForm(c, views.CategoryForm{})
}

// adminCategoryNewSubmit adds a category below the others.
func (h *Handler) adminCategoryNewSubmit(c *fiber.Ctx) error {
	if err := requireAdmin(c); err != nil {
		return err
	}
	f := views.CategoryForm{Title: strings.TrimSpace(c.FormValue("title"))}
	if f.Error = checkTitle("The title", f.Title, views.MaxCategoryTitle); f.Error != "" {
		c.Status(fiber.StatusUnprocessableEntity)
		return h.renderCategoryForm(c, f)
	}
	if _, err := h.store.CreateCategory(c.UserContext(), f.Title); err != nil {
		return err
	}
	return redirect(c, views.AdminForumsPath)
}

// renderCategoryForm writes the category form's page, or the form alone
// for htmx.
func (h *Handler) renderCategoryForm(c *fiber.Ctx, f views.CategoryForm) error {
	title := "New category"
	if f.ID != 0 {
		title = "Edit category"
	}
	chrome := h.adminChrome(c, title, views.Crumb{Title: "Forums", URL: views.AdminForumsPath}, views.Crumb{Title: title})
	return render(c, views.CategoryPage(chrome, f), views.CategoryFormBody(chrome, f))
}
