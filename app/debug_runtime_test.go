package app

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"hyperboard/internal/dbtest"
)

func TestRuntimeStatsOnlyInSoakMode(t *testing.T) {
	t.Run("normal serving has no debug endpoint", func(t *testing.T) {
		b := newTestBoard(t)
		for _, path := range []string{"/debug/runtime", "/debug/pprof/", "/debug/vars"} {
			if resp, _ := b.get(path); resp.StatusCode != http.StatusNotFound {
				t.Errorf("GET %s: %d, want 404", path, resp.StatusCode)
			}
		}
	})
	t.Run("the soak run reads heap and goroutines", func(t *testing.T) {
		newTestBoard(t) // loads the asset manifest
		log := slog.New(slog.NewTextHandler(io.Discard, nil))
		srv := New(Config{Logger: log, FlushInterval: time.Hour, Password: cheapPassword, RuntimeStats: true}, dbtest.Store(t), manifest)
		t.Cleanup(func() { srv.Shutdown(5 * time.Second) })
		resp, err := srv.Fiber.Test(httptest.NewRequest(http.MethodGet, "/debug/runtime", nil), -1)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var got RuntimeFigures
		if err := json.NewDecoder(resp.Body).Decode(&got); err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("status %d, %v", resp.StatusCode, err)
		}
		if got.Goroutines == 0 || got.HeapAlloc == 0 {
			t.Errorf("figures %+v", got)
		}
	})
}
