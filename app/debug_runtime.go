package app

import (
	"runtime"

	"github.com/gofiber/fiber/v2"
)

// RuntimeFigures is what GET /debug/runtime reports: the live heap after a
// collection and the number of goroutines.
type RuntimeFigures struct {
	Goroutines  int    `json:"goroutines"`
	HeapAlloc   uint64 `json:"heap_alloc"`
	HeapObjects uint64 `json:"heap_objects"`
	NumGC       uint32 `json:"num_gc"`
}

// runtimeStats answers the soak run's samples. It collects garbage first so
// that successive samples compare live memory, not what the collector has
// yet to reach; that pause is why only the soak run routes here.
func runtimeStats(c *fiber.Ctx) error {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.JSON(RuntimeFigures{
		Goroutines: runtime.NumGoroutine(), HeapAlloc: m.HeapAlloc, HeapObjects: m.HeapObjects, NumGC: m.NumGC,
	})
}
