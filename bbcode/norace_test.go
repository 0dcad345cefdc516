//go:build !race

package bbcode

const raceEnabled = false
