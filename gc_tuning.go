package main

import (
	"os"
	"runtime/debug"

	"hyperboard/app"
)

// A board's live heap is small next to what serving it allocates: the page
// cache holds tens of MB while rendering members' pages allocates hundreds
// of MB a second. Go's default collects each time the heap doubles, which
// on such a heap means dozens of collections a second, each taking one of
// a small machine's cores for milliseconds; the slowest requests are the
// ones that wait on them. So the server lets the heap grow to five times
// what is live before collecting, under a soft ceiling drawn from the page
// cache's budget. GOGC and GOMEMLIMIT, when set, are left to rule.
const serverGCPercent = 400

// tuneGC sets the collector's pace for a server whose page cache may hold
// cacheBytes (as parsePageCache gives it).
func tuneGC(cacheBytes int64) {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(serverGCPercent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit(cacheBytes))
	}
}

// memoryLimit is the memory the collector works to stay under: the page
// cache's budget and room for the requests in flight, password hashing
// included. (Twice the budget let a benchmark run reach 184 MB resident.)
func memoryLimit(cacheBytes int64) int64 {
	switch {
	case cacheBytes == 0:
		cacheBytes = app.DefaultPageCacheBytes
	case cacheBytes < 0:
		cacheBytes = 0
	}
	return max(96<<20, cacheBytes+48<<20)
}
