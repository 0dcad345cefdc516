package app

import (
	"net/http"
	"strings"
	"testing"
)

func TestHealth(t *testing.T) {
	b := newTestBoard(t)
	if resp, _ := b.get("/healthz"); resp.StatusCode != http.StatusOK {
		t.Fatalf("healthy database: %d", resp.StatusCode)
	}
	b.store.Close()
	resp, _ := b.get("/healthz")
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("closed database: %d, want 503", resp.StatusCode)
	}
	resp, body := b.get("/")
	if resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(body, "cannot reach its database") {
		t.Errorf("page without a database: %d, want 503 with an explanation\n%s", resp.StatusCode, body)
	}
}
