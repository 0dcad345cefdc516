package views

import (
	"fmt"
	"strconv"
	"time"
)

// formatTime shows a moment the way phpBB boards do: "Thu Nov 26, 2026 5:03 pm".
func formatTime(loc *time.Location, t time.Time) string {
	return t.In(loc).Format("Mon Jan 2, 2006 3:04 pm")
}

// formatDate shows a day, e.g. a join date: "Nov 26, 2026".
func formatDate(loc *time.Location, t time.Time) string {
	return t.In(loc).Format("Jan 2, 2006")
}

// isoTime is the machine-readable form for <time datetime>.
func isoTime(t time.Time) string {
	return t.UTC().Format(time.RFC3339)
}

// UTCOffset names the zone's current offset the way the footer shows it: "UTC+01:00".
func UTCOffset(loc *time.Location, now time.Time) string {
	_, offset := now.In(loc).Zone()
	sign := '+'
	if offset < 0 {
		sign, offset = '-', -offset
	}
	return fmt.Sprintf("UTC%c%02d:%02d", sign, offset/3600, offset%3600/60)
}

// formatCount writes a count with thousands separators: 1,234,567.
func formatCount[N int | int64](n N) string {
	s := strconv.FormatInt(int64(n), 10)
	neg := s[0] == '-'
	if neg {
		s = s[1:]
	}
	out := make([]byte, 0, len(s)+len(s)/3+1)
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	if neg {
		return "-" + string(out)
	}
	return string(out)
}

// plural picks the singular or plural noun for a count: "1 reply", "2 replies".
func plural[N int | int64](n N, one, many string) string {
	if n == 1 {
		return formatCount(n) + " " + one
	}
	return formatCount(n) + " " + many
}

func pageTitle(c Chrome) string {
	if c.Title == "" {
		return c.Board.Title
	}
	return c.Title + " - " + c.Board.Title
}
