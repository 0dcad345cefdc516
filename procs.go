package main

import (
	"os"
	"runtime"
)

// The server shares its cores: with PostgreSQL on a one-machine board, and
// with whatever else the machine runs. Go runs one thread per core by
// default, and a thread the kernel preempts holds the requests queued to it
// until it runs again; under load on two shared cores a tenth of the
// requests waited eight times as long as the median. With twice as many
// threads as cores, the others take those requests meanwhile: the 99th
// percentile halved for the same throughput. GOMAXPROCS, when set, rules.
func tuneProcs() {
	if os.Getenv("GOMAXPROCS") == "" {
		runtime.GOMAXPROCS(2 * runtime.GOMAXPROCS(0))
	}
}
