package views

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func TestTimezones(t *testing.T) {
	t.Run("every zone offered loads", func(t *testing.T) {
		for _, r := range Timezones {
			for _, name := range r.Zones {
				if _, err := time.LoadLocation(name); err != nil {
					t.Errorf("%s: %v", name, err)
				}
			}
		}
	})
	t.Run("each region holds its own zones in sorted order", func(t *testing.T) {
		for _, r := range Timezones {
			if !slices.IsSorted(r.Zones) {
				t.Errorf("%s is not sorted, so IsTimezone cannot search it", r.Name)
			}
			for _, name := range r.Zones {
				if !strings.HasPrefix(name, r.Name+"/") {
					t.Errorf("%s is filed under %s", name, r.Name)
				}
			}
		}
	})
	t.Run("only offered zones are accepted", func(t *testing.T) {
		for name, want := range map[string]bool{
			"UTC": true, "Asia/Tokyo": true, "Europe/Amsterdam": true, "America/Argentina/Buenos_Aires": true,
			"": false, "Local": false, "Asia/Atlantis": false, "asia/tokyo": false, "Europe/": false, "EST": false,
		} {
			if got := IsTimezone(name); got != want {
				t.Errorf("IsTimezone(%q) = %v, want %v", name, got, want)
			}
		}
	})
}

func TestZoneLabel(t *testing.T) {
	for name, want := range map[string]string{
		"Asia/Tokyo": "Tokyo", "America/Argentina/Buenos_Aires": "Argentina/Buenos Aires", "UTC": "UTC",
	} {
		if got := zoneLabel(name); got != want {
			t.Errorf("zoneLabel(%q) = %q, want %q", name, got, want)
		}
	}
}
