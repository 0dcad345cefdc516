package app

import (
	"context"
	"errors"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/recover"

	"hyperboard/assets"
	"hyperboard/internal/stitch"
	"hyperboard/models"
)

// Server is the assembled HTTP application.
type Server struct {
	Fiber   *fiber.App
	handler *Handler
	jobs    []*periodic

	stopListening context.CancelFunc
	listening     chan struct{} // closed when the change listener has stopped
}

// New assembles the Fiber app: middleware, error handling and routes, and
// starts the background jobs that write buffered counts.
func New(cfg Config, store *models.Store, manifest *assets.Manifest) *Server {
	if cfg.FlushInterval == 0 {
		cfg.FlushInterval = 5 * time.Second
	}
	if cfg.Password == (models.PasswordParams{}) {
		cfg.Password = models.DefaultPasswordParams
	}
	if cfg.PageCacheBytes == 0 {
		cfg.PageCacheBytes = DefaultPageCacheBytes
	}
	h := &Handler{
		store:           store,
		assets:          manifest,
		log:             cfg.Logger,
		views:           newViewCounter(store),
		presence:        newPresence(store),
		reads:           newReadTracker(store),
		pages:           newPageCache(cfg.PageCacheBytes - segmentBytes(cfg.PageCacheBytes)),
		segments:        stitch.NewSegments(int(segmentBytes(cfg.PageCacheBytes))),
		trustedProxies:  cfg.TrustedProxies,
		password:        cfg.Password,
		unlimitedSearch: cfg.Bench,
	}
	f := fiber.New(fiber.Config{
		AppName:               "Hyperboard",
		ErrorHandler:          h.handleError,
		DisableStartupMessage: true,
		ReadTimeout:           10 * time.Second,
		WriteTimeout:          30 * time.Second,
		IdleTimeout:           2 * time.Minute,
		BodyLimit:             1 << 20,
		// A page leaves with its header in one write, not in 4 KB pieces.
		WriteBufferSize: 64 << 10,
	})
	f.Use(recover.New())
	f.Use(securityHeaders)
	if cfg.Bench {
		benchRoutes(f, h)
	}
	// Assets are precompressed; they are routed before the compressor so it
	// never sees them. The health check needs no visitor.
	f.Get(assets.Prefix+"*", h.serveAsset)
	f.Get("/healthz", h.health)
	if cfg.RuntimeStats {
		f.Get("/debug/runtime", runtimeStats)
	}
	if !cfg.Starting {
		h.availability.state.Store(stateServing)
	}
	f.Use(h.gate, requestBudget(cfg.RequestTimeout))
	// Guests' kept pages go out from here, before the database is asked
	// anything; everything else is compressed here.
	f.Use(h.guestPages)
	if cfg.CountQueries {
		f.Use(countQueries)
	}
	f.Use(h.loadVisit, h.checkCSRF)
	routes(f, h)
	store.OnChange(h.changed)
	listenCtx, stopListening := context.WithCancel(context.Background())
	listening := make(chan struct{})
	go func() {
		defer close(listening)
		h.listenForChanges(listenCtx)
	}()
	return &Server{Fiber: f, handler: h, stopListening: stopListening, listening: listening, jobs: []*periodic{
		startPeriodic("writing topic views", cfg.FlushInterval, cfg.Logger, h.views.Flush),
		startPeriodic("writing presence", cfg.FlushInterval, cfg.Logger, h.writePresence),
		startPeriodic("writing topic reads", cfg.FlushInterval, cfg.Logger, h.reads.Flush),
		startPeriodic("pruning expired rows", 10*time.Minute, cfg.Logger, store.Prune),
	}}
}

// Ready opens a server made with Config.Starting to requests.
func (s *Server) Ready() { s.handler.availability.state.Store(stateServing) }

// Shutdown fails the health check at once, stops accepting requests, waits
// for those in flight, then writes what the background jobs still hold.
func (s *Server) Shutdown(timeout time.Duration) error {
	s.handler.availability.state.Store(stateDraining)
	deadline := time.Now().Add(timeout)
	err := s.Fiber.ShutdownWithTimeout(timeout)
	ctx, cancel := context.WithDeadline(context.Background(), deadline)
	defer cancel()
	s.stopListening()
	<-s.listening
	for _, job := range s.jobs {
		err = errors.Join(err, job.Stop(ctx))
	}
	return err
}
