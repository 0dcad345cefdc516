package app

import "github.com/gofiber/fiber/v2"

// routes is the one place that lists every URL the board answers.
func routes(f *fiber.App, h *Handler) {
	f.Get("/", h.boardIndex)
	f.Get("/f/:id/:slug?", h.forumShow)
	f.Get("/t/:id/:slug/previous", h.topicPrevious)
	f.Get("/t/:id/:slug/next", h.topicNext)
	f.Get("/t/:id/:slug?", h.topicShow)
	f.Get("/p/:id", h.postShow)
	f.Get("/jump", h.jump)

	f.Get("/login", h.loginShow)
	f.Post("/login", h.loginSubmit)
	f.Post("/logout", h.logout)
	f.Use(h.notFound)
}
