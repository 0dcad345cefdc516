package app

import (
	"context"
	"errors"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/compress"
	"github.com/gofiber/fiber/v2/middleware/recover"

	"hyperboard/assets"
	"hyperboard/models"
)

// Server is the assembled HTTP application.
type Server struct {
	Fiber   *fiber.App
	handler *Handler
}

// New assembles the Fiber app: middleware, error handling and routes.
func New(cfg Config, store *models.Store, manifest *assets.Manifest) *Server {
	if cfg.ViewFlushInterval == 0 {
		cfg.ViewFlushInterval = 5 * time.Second
	}
	h := &Handler{
		store:  store,
		assets: manifest,
		log:    cfg.Logger,
		views:  newViewCounter(store, cfg.Logger, cfg.ViewFlushInterval),
	}
	f := fiber.New(fiber.Config{
		AppName:               "Hyperboard",
		ErrorHandler:          h.handleError,
		DisableStartupMessage: true,
		ReadTimeout:           10 * time.Second,
		WriteTimeout:          30 * time.Second,
		IdleTimeout:           2 * time.Minute,
		BodyLimit:             1 << 20,
	})
	f.Use(recover.New())
	f.Use(securityHeaders)
	// Assets are precompressed; they are routed before the compressor so it
	// never sees them.
	f.Get(assets.Prefix+"*", h.serveAsset)
	f.Use(compress.New())
	if cfg.CountQueries {
		f.Use(countQueries)
	}
	routes(f, h)
	return &Server{Fiber: f, handler: h}
}

// Shutdown stops accepting requests, waits for those in flight, and writes
// the view counts still buffered.
func (s *Server) Shutdown(timeout time.Duration) error {
	err := s.Fiber.ShutdownWithTimeout(timeout)
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	return errors.Join(err, s.handler.views.Close(ctx))
}
