package views

import (
	"testing"
	"time"
)

func TestFormatCount(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 7: "7", 999: "999", 1000: "1,000", 1234567: "1,234,567", -4500: "-4,500"} {
		if got := FormatCount(n); got != want {
			t.Errorf("FormatCount(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestClockOffset(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	winter := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	summer := time.Date(2026, 7, 1, 12, 0, 0, 0, time.UTC)
	kolkata, _ := time.LoadLocation("Asia/Kolkata")
	denver, _ := time.LoadLocation("America/Denver")
	cases := []struct {
		loc  *time.Location
		at   time.Time
		want string
	}{
		{time.UTC, winter, "UTC+00:00"},
		{berlin, winter, "UTC+01:00"},
		{berlin, summer, "UTC+02:00"},
		{kolkata, winter, "UTC+05:30"},
		{denver, winter, "UTC-07:00"},
	}
	for _, c := range cases {
		if got := (Clock{Zone: c.loc}).Offset(c.at); got != c.want {
			t.Errorf("Offset(%s, %s) = %q, want %q", c.loc, c.at, got, c.want)
		}
	}
}

func TestSlug(t *testing.T) {
	cases := map[string]string{
		"What did you observe tonight?": "what-did-you-observe-tonight",
		"  M13 -- the Great Cluster!! ": "m13-the-great-cluster",
		"Zoë's 8\" Dob":                 "zo-s-8-dob",
		"???":                           "-",
	}
	for in, want := range cases {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPagerWindow(t *testing.T) {
	p := Pager{Page: 6, Pages: 20}
	got := p.Window()
	want := []int{1, 0, 4, 5, 6, 7, 8, 0, 20}
	if len(got) != len(want) {
		t.Fatalf("Window() = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("Window() = %v, want %v", got, want)
		}
	}
}

func TestNewClockFallsBackToUTC(t *testing.T) {
	for _, name := range []string{"", "Mars/Olympus_Mons", "../../etc/passwd"} {
		if c := NewClock(name, ""); c.ZoneName != "UTC" || c.Zone != time.UTC {
			t.Errorf("NewClock(%q) = %s, want UTC", name, c.ZoneName)
		}
	}
	tokyo := NewClock("Asia/Tokyo", "iso")
	again := NewClock("Asia/Tokyo", "")
	if tokyo.Zone != again.Zone || tokyo.Offset(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)) != "UTC+09:00" {
		t.Errorf("Asia/Tokyo clock: %s %v", tokyo.ZoneName, tokyo.Zone)
	}
}
