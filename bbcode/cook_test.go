package bbcode

import "testing"

func TestCook(t *testing.T) {
	cases := []struct{ name, src, want string }{
		{"empty", "", ""},
		{"one paragraph", "Clear skies tonight.", "<p>Clear skies tonight.</p>"},
		{"paragraphs and line breaks", "First\nline two\n\nSecond", "<p>First<br>line two</p><p>Second</p>"},
		{"windows newlines", "a\r\n\r\nb", "<p>a</p><p>b</p>"},
		{"blank paragraphs dropped", "a\n\n\n\n  \n\nb", "<p>a</p><p>b</p>"},
		{"markup escaped", `<script>alert("x")</script> & <a href="javascript:1">`, "<p>&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &lt;a href=&#34;javascript:1&#34;&gt;</p>"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := Cook(c.src); got != c.want {
				t.Errorf("Cook(%q) = %q, want %q", c.src, got, c.want)
			}
		})
	}
}
