package app

import (
	"errors"
	"net/http"
	"net/url"

	"github.com/gofiber/fiber/v2"

	"hyperboard/models"
	"hyperboard/views"
)

// handleError turns every error a handler returns into a status and a page
// (or, for htmx, the message alone). Only unexpected errors are logged.
func (h *Handler) handleError(c *fiber.Ctx, err error) error {
	if errors.Is(err, errLoginRequired) && c.Method() == fiber.MethodGet {
		return redirect(c, "/login?return="+url.QueryEscape(c.OriginalURL()))
	}
	status := fiber.StatusInternalServerError
	var fe *fiber.Error
	switch {
	case errors.Is(err, errLoginRequired):
		status = fiber.StatusForbidden
	case errors.Is(err, models.ErrNotFound):
		status = fiber.StatusNotFound
	case errors.Is(err, models.ErrForbidden):
		status = fiber.StatusForbidden
	case errors.Is(err, models.ErrInvalid):
		status = fiber.StatusUnprocessableEntity
	case errors.Is(err, models.ErrConflict):
		status = fiber.StatusConflict
	case errors.As(err, &fe):
		status = fe.Code
	case models.IsUnavailable(err):
		status = fiber.StatusServiceUnavailable
	}
	if status == fiber.StatusServiceUnavailable {
		c.Set(fiber.HeaderRetryAfter, "5")
	}
	if status >= 500 {
		h.log.Error("request failed", "method", c.Method(), "path", c.Path(), "err", err)
	}
	msg := messageFor(status)
	if fe != nil && status < 500 && fe.Message != http.StatusText(status) {
		msg.Text = fe.Message
	}
	if errors.Is(err, errLoginRequired) {
		msg.Text = "Log in to do that."
	}
	c.Response().ResetBody()
	c.Status(status)
	if visitOf(c) == nil || isFragmentRequest(c) {
		// Without the board settings (the database may be down) the message
		// still goes out, just without the page around it.
		return write(c, views.Message(msg))
	}
	return write(c, views.MessagePage(h.chrome(c, msg.Heading), msg))
}

func messageFor(status int) views.MessageView {
	v := views.MessageView{Status: status, Heading: http.StatusText(status), Back: views.Crumb{Title: "Return to the board index", URL: "/"}}
	switch status {
	case fiber.StatusNotFound:
		v.Heading = "Page not found"
		v.Text = "The page you asked for does not exist. It may have been moved or deleted."
	case fiber.StatusForbidden:
		v.Text = "You are not allowed to do that."
	case fiber.StatusServiceUnavailable:
		v.Heading = "Temporarily unavailable"
		v.Text = "The board cannot reach its database right now. Please try again in a moment."
	case fiber.StatusRequestEntityTooLarge:
		v.Text = "What you sent is larger than the board accepts."
	default:
		if status >= 500 {
			v.Heading = "Something went wrong"
			v.Text = "The board could not complete your request. Please try again; if it keeps happening, tell an administrator."
		} else {
			v.Text = "The board could not understand that request."
		}
	}
	return v
}

// notFound answers every URL that no route claims.
func (h *Handler) notFound(c *fiber.Ctx) error {
	return models.ErrNotFound
}
