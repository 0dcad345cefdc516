package app

import (
	"encoding/json"

	"github.com/gofiber/fiber/v2"
)

// offlinePath is the page the service worker shows for a page it has not kept.
const offlinePath = "/offline"

// workerShow serves the service worker from the site's root, so that its
// scope is the whole board, with the build's version and the hashed URLs
// it precaches written in front of it. Browsers check it for updates on
// every visit, so it is never cached for long.
func (h *Handler) workerShow(c *fiber.Ctx) error {
	shell, err := json.Marshal([]string{
		h.assets.URL("app.css"), h.assets.URL("bundle.js"),
		h.assets.URL("favicon.svg"), h.assets.URL("icon-192.png"), offlinePath,
	})
	if err != nil {
		return err
	}
	version, err := json.Marshal(h.assets.Version())
	if err != nil {
		return err
	}
	worker, _ := h.assets.Lookup(h.assets.URL("sw.js"))
	c.Set(fiber.HeaderContentType, "text/javascript; charset=utf-8")
	c.Set(fiber.HeaderCacheControl, "no-cache")
	body := make([]byte, 0, len(worker.Raw)+256)
	body = append(body, "var VERSION = "...)
	body = append(body, version...)
	body = append(body, ";\nvar SHELL = "...)
	body = append(body, shell...)
	body = append(body, ";\n"...)
	return c.Send(append(body, worker.Raw...))
}
