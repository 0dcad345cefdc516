package app

import (
	"context"
	"log/slog"
	"time"
)

// periodic runs a job every interval in the background and once more when
// stopped, so that buffered writes are not lost at shutdown.
type periodic struct {
	stop chan struct{}
	done chan struct{}
	job  func(context.Context) error
	name string
	log  *slog.Logger
}

func startPeriodic(name string, every time.Duration, log *slog.Logger, job func(context.Context) error) *periodic {
	p := &periodic{stop: make(chan struct{}), done: make(chan struct{}), job: job, name: name, log: log}
	go p.run(every)
	return p
}

func (p *periodic) run(every time.Duration) {
	defer close(p.done)
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		select {
		case <-tick.C:
			ctx, cancel := context.WithTimeout(context.Background(), every)
			if err := p.job(ctx); err != nil {
				p.log.Warn(p.name, "err", err)
			}
			cancel()
		case <-p.stop:
			return
		}
	}
}

// Stop ends the schedule and runs the job a last time.
func (p *periodic) Stop(ctx context.Context) error {
	close(p.stop)
	<-p.done
	return p.job(ctx)
}
