package app

import (
	"github.com/a-h/templ"
	"github.com/gofiber/fiber/v2"
)

// render writes the fragment for htmx's partial requests and the full page
// for everyone else. Both come from one URL, so caches must key on HX-Request.
func render(c *fiber.Ctx, page, fragment templ.Component) error {
	c.Vary(hxRequest)
	if fragment != nil && isFragmentRequest(c) {
		return write(c, fragment)
	}
	return write(c, page)
}

// write renders a component straight into the response body.
func write(c *fiber.Ctx, component templ.Component) error {
	c.Type("html", "utf-8")
	return component.Render(recordKeptParts(c), c.Response().BodyWriter())
}
