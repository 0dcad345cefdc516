package views

import (
	"fmt"
	"sync"
	"time"
)

// DateFormat is one of the ways a member may choose to see times.
type DateFormat struct {
	Key        string // stored in the member's settings; "" is the default
	Layout     string // a moment, in Go's layout notation
	DateLayout string // a day
}

// DateFormats are the choices offered in the settings, the default first.
var DateFormats = []DateFormat{
	{Key: "", Layout: "Mon Jan 2, 2006 3:04 pm", DateLayout: "Jan 2, 2006"},
	{Key: "day-month", Layout: "Mon 2 Jan 2006, 15:04", DateLayout: "2 Jan 2006"},
	{Key: "iso", Layout: "2006-01-02 15:04", DateLayout: "2006-01-02"},
	{Key: "us", Layout: "01/02/2006 3:04 pm", DateLayout: "01/02/2006"},
}

// DateFormatByKey finds a format; ok is false for a key that is not offered.
func DateFormatByKey(key string) (DateFormat, bool) {
	for _, f := range DateFormats {
		if f.Key == key {
			return f, true
		}
	}
	return DateFormats[0], false
}

// Clock shows times in the viewer's zone and format.
type Clock struct {
	Zone     *time.Location
	ZoneName string
	Format   DateFormat
}

// zones keeps loaded locations: every page builds a clock, and loading a
// zone reads and parses its tzdata file each time.
var zones sync.Map // name -> *time.Location

func loadZone(name string) (*time.Location, bool) {
	if zone, ok := zones.Load(name); ok {
		return zone.(*time.Location), true
	}
	zone, err := time.LoadLocation(name)
	if err != nil || name == "" {
		return nil, false
	}
	zones.Store(name, zone)
	return zone, true
}

// NewClock makes the clock for a zone name and format key, falling back to
// UTC and the default format for values it does not know.
func NewClock(zoneName, formatKey string) Clock {
	zone, ok := loadZone(zoneName)
	if !ok {
		zone, zoneName = time.UTC, "UTC"
	}
	format, _ := DateFormatByKey(formatKey)
	return Clock{Zone: zone, ZoneName: zoneName, Format: format}
}

// Key names the clock's zone and format, which are all that tell its
// output apart.
func (c Clock) Key() string { return c.ZoneName + "|" + c.Format.Key }

// Time shows a moment: "Thu Nov 26, 2026 5:03 pm" in the default format.
func (c Clock) Time(t time.Time) string { return t.In(c.zone()).Format(c.Format.Layout) }

// Date shows a day: "Nov 26, 2026" in the default format.
func (c Clock) Date(t time.Time) string { return t.In(c.zone()).Format(c.Format.DateLayout) }

// Offset names the zone's offset at a moment the way the footer shows it: "UTC+01:00".
func (c Clock) Offset(at time.Time) string {
	_, offset := at.In(c.zone()).Zone()
	sign := '+'
	if offset < 0 {
		sign, offset = '-', -offset
	}
	return fmt.Sprintf("UTC%c%02d:%02d", sign, offset/3600, offset%3600/60)
}

func (c Clock) zone() *time.Location {
	if c.Zone == nil {
		return time.UTC
	}
	return c.Zone
}

// isoTime is the machine-readable form for <time datetime>, to the minute
// like every time shown: seconds would say more than the page does, in
// bytes every post repeats.
func isoTime(t time.Time) string {
	return t.UTC().Format(isoMinute)
}

// isoMinute is RFC 3339 without seconds, which HTML's <time> accepts.
const isoMinute = "2006-01-02T15:04Z07:00"
