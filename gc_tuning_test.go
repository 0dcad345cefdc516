package main

import "testing"

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
