package bbcode

import (
	"strings"
	"testing"
)

// A forum without f_bbcode or f_img shows the switched-off tags as typed.
func TestOptionsSwitchTagsOff(t *testing.T) {
	src := "[b]bold[/b] [img]https://example.com/a.png[/img]\nsee https://example.com"
	cases := []struct {
		name       string
		opts       Options
		want, none []string
	}{
		{"everything on", Options{}, []string{"<strong>bold</strong>", `<img src="https://example.com/a.png"`}, nil},
		{"images off", Options{NoImages: true}, []string{"<strong>bold</strong>", `[img]<a href="https://example.com/a.png"`}, []string{"<img"}},
		{"tags off", Options{NoTags: true}, []string{"[b]bold[/b]", "[img]", `<a href="https://example.com"`, "<br>"}, []string{"<strong>", "<img"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := CookWith(src, c.opts)
			if err := checkHTML(got); err != nil {
				t.Fatal(err)
			}
			for _, w := range c.want {
				if !strings.Contains(got, w) {
					t.Errorf("missing %q in %s", w, got)
				}
			}
			for _, n := range c.none {
				if strings.Contains(got, n) {
					t.Errorf("unexpected %q in %s", n, got)
				}
			}
		})
	}
}
