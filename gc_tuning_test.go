package main

import (
	"math"
	"runtime"
	"runtime/debug"
	"testing"
)

func TestMemoryLimitFollowsThePageCache(t *testing.T) {
	for _, c := range []struct {
		cacheBytes, want int64
	}{
		{0, 112 << 20},         // the default 64 MiB cache
		{-1, 96 << 20},         // no cache
		{16 << 20, 96 << 20},   // a small cache keeps the floor
		{512 << 20, 560 << 20}, // a large one, and room besides
	} {
		if got := memoryLimit(c.cacheBytes); got != c.want {
			t.Errorf("memoryLimit(%d MiB) = %d MiB, want %d MiB", c.cacheBytes>>20, got>>20, c.want>>20)
		}
	}
}

// The server sets the collector's pace and its threads unless the
// environment does.
func TestRuntimeTuningYieldsToTheEnvironment(t *testing.T) {
	percent := debug.SetGCPercent(100)
	limit := debug.SetMemoryLimit(math.MaxInt64)
	procs := runtime.GOMAXPROCS(0)
	t.Cleanup(func() {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
		runtime.GOMAXPROCS(procs)
	})
	for _, env := range []string{"GOGC", "GOMEMLIMIT", "GOMAXPROCS"} {
		t.Setenv(env, "")
	}
	tuneGC(0)
	tuneProcs()
	if got := debug.SetGCPercent(100); got != serverGCPercent {
		t.Errorf("GC percent %d, want %d", got, serverGCPercent)
	}
	if got := debug.SetMemoryLimit(math.MaxInt64); got != memoryLimit(0) {
		t.Errorf("memory limit %d MiB, want %d MiB", got>>20, memoryLimit(0)>>20)
	}
	if got := runtime.GOMAXPROCS(procs); got != 2*procs {
		t.Errorf("GOMAXPROCS %d, want twice %d", got, procs)
	}

	t.Setenv("GOGC", "150")
	t.Setenv("GOMEMLIMIT", "1GiB")
	t.Setenv("GOMAXPROCS", "1")
	tuneGC(0)
	tuneProcs()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("with GOGC set, the GC percent became %d", got)
	}
	if got := debug.SetMemoryLimit(math.MaxInt64); got != math.MaxInt64 {
		t.Errorf("with GOMEMLIMIT set, the memory limit became %d MiB", got>>20)
	}
	if got := runtime.GOMAXPROCS(procs); got != procs {
		t.Errorf("with GOMAXPROCS set, GOMAXPROCS became %d", got)
	}
}
