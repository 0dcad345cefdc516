package app

import (
	"strings"

	"github.com/gofiber/fiber/v2"

	"hyperboard/bbcode"
	"hyperboard/views"
)

// faqShow is the board's FAQ. The BBCode examples are cooked on every
// request by the renderer that cooks posts, so the table can never show
// something the board does not do.
func (h *Handler) faqShow(c *fiber.Ctx) error {
	// An image on this board, as an absolute address, because [img] only
	// takes http and https addresses; https behind a trusted proxy, so the
	// page has no mixed content.
	scheme := "http://"
	if h.isHTTPS(c) {
		scheme = "https://"
	}
	image := scheme + string(c.Request().Host()) + h.assets.URL("favicon.svg")
	examples := make([]views.BBCodeExample, len(views.BBCodeSamples))
	for i, ex := range views.BBCodeSamples {
		ex.Source = strings.ReplaceAll(ex.Source, views.FAQImageSource, image)
		ex.HTML = bbcode.Cook(ex.Source)
		examples[i] = ex
	}
	v := views.FAQView{FloodSeconds: visitOf(c).Config.FloodIntervalSeconds, BBCode: examples}
	return render(c, views.FAQPage(h.chrome(c, "FAQ", views.Crumb{Title: "FAQ"}), v), nil)
}
