package views

import "strconv"

// FormatCount writes a count with thousands separators: 1,234,567.
func FormatCount[N int | int64](n N) string {
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
		return FormatCount(n) + " " + one
	}
	return FormatCount(n) + " " + many
}

func pageTitle(c Chrome) string {
	if c.Title == "" {
		return c.Board.Title
	}
	return c.Title + " - " + c.Board.Title
}
