package app

import (
	"strings"

	"github.com/gofiber/fiber/v2"

	"hyperboard/models"
	"hyperboard/views"
)

// adminForumNewShow is the form for a new forum; ?category= chooses its
// category.
func (h *Handler) adminForumNewShow(c *fiber.Ctx) error {
	if err := requireAdmin(c); err != nil {
		return err
	}
	f := views.ForumForm{CategoryID: int64(c.QueryInt("category"))}
	return h.renderForumForm(c, f)
}

// adminForumNewSubmit creates a forum at the end of its category, with the
// board's default permissions or those of the forum chosen to copy.
func (h *Handler) adminForumNewSubmit(c *fiber.Ctx) error {
	if err := requireAdmin(c); err != nil {
		return err
	}
	f := readForumForm(c)
	f.CopyFrom = formID(c, "copy_from")
	tree, err := h.forumChoices(c, &f)
	if err != nil {
		return err
	}
	checkForumForm(&f, tree)
	if f.CopyFrom != 0 && findForum(tree, f.CopyFrom) == nil {
		f.Errors.CopyFrom = "Choose a forum from the list, or none."
	}
	if f.Errors.Any() {
		c.Status(fiber.StatusUnprocessableEntity)
		return h.renderForumForm(c, f)
	}
	forum := &models.Forum{CategoryID: f.CategoryID, Title: f.Title, Description: f.Description, Locked: f.Locked}
	if err := h.store.CreateForum(c.UserContext(), forum, f.CopyFrom); err != nil {
		return err
	}
	return redirect(c, views.AdminForumsPath)
}

// readForumForm reads the fields a new forum and an edited one share.
func readForumForm(c *fiber.Ctx) views.ForumForm {
	return views.ForumForm{
		CategoryID:  formID(c, "category"),
		Title:       strings.TrimSpace(c.FormValue("title")),
		Description: formLines(c, "description"),
		Locked:      c.FormValue("locked") == "1",
	}
}

// checkForumForm puts a message on each field that cannot be saved.
func checkForumForm(f *views.ForumForm, tree []models.CategoryForums) {
	f.Errors.Title = checkTitle("The title", f.Title, views.MaxForumTitle)
	f.Errors.Description = checkText("The description", f.Description, views.MaxForumDescription, true)
	found := false
	for _, section := range tree {
		found = found || section.Category.ID == f.CategoryID
	}
	if !found {
		f.Errors.Category = "Choose a category from the list."
	}
}

// forumChoices loads the categories and forums the form offers.
func (h *Handler) forumChoices(c *fiber.Ctx, f *views.ForumForm) ([]models.CategoryForums, error) {
	tree, err := h.store.ForumTree(c.UserContext())
	if err != nil {
		return nil, err
	}
	f.Categories, f.Forums = nil, nil
	for _, section := range tree {
		f.Categories = append(f.Categories, section.Category)
		if len(section.Forums) > 0 {
			f.Forums = append(f.Forums, section)
		}
	}
	return tree, nil
}

// findForum finds a forum in the tree by id.
func findForum(tree []models.CategoryForums, id int64) *models.Forum {
	for _, section := range tree {
		for _, f := range section.Forums {
			if f.ID == id {
				return f
			}
		}
	}
	return nil
}

// renderForumForm writes the forum form's page, or the form alone for
// htmx, with the categories and forums it offers.
func (h *Handler) renderForumForm(c *fiber.Ctx, f views.ForumForm) error {
	if f.Categories == nil {
		if _, err := h.forumChoices(c, &f); err != nil {
			return err
		}
	}
	title := "New forum"
	if f.ID != 0 {
		title = "Edit forum"
	}
	chrome := h.adminChrome(c, title, views.Crumb{Title: "Forums", URL: views.AdminForumsPath}, views.Crumb{Title: title})
	return render(c, views.ForumFormPage(chrome, f), views.ForumFormBody(chrome, f))
}
