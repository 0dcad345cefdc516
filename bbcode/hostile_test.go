package bbcode

import (
	"html"
	"strings"
	"testing"
	"time"
)

// Attacks from SECURITY-TESTS.md section 1 and items 19-22: each one shows
// as text (or as a harmless link), with the exact HTML pinned.
func TestHostile(t *testing.T) {
	runGolden(t, []golden{
		{"script tag", "<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"},
		{"event attribute", `<img src=x onerror="alert(1)">`, "<p>&lt;img src=x onerror=&#34;alert(1)&#34;&gt;</p>"},
		{"htmx trigger", `<a hx-get="/logout" hx-trigger="load">x</a>`, "<p>&lt;a hx-get=&#34;/logout&#34; hx-trigger=&#34;load&#34;&gt;x&lt;/a&gt;</p>"},
		{"htmx post", `<div hx-post="/mod/posts/1/delete" hx-trigger="revealed">`, "<p>&lt;div hx-post=&#34;/mod/posts/1/delete&#34; hx-trigger=&#34;revealed&#34;&gt;</p>"},
		{"htmx oob swap", `<div id="site-nav" hx-swap-oob="true">fake</div>`, "<p>&lt;div id=&#34;site-nav&#34; hx-swap-oob=&#34;true&#34;&gt;fake&lt;/div&gt;</p>"},
		{"container breakout", "[/quote][/b]</div></article><p>x", "<p>[/quote][/b]&lt;/div&gt;&lt;/article&gt;&lt;p&gt;x</p>"},

		{"url javascript", "[url=javascript:alert(1)]x[/url]", "<p>[url=javascript:alert(1)]x[/url]</p>"},
		{"url mixed case", "[url=JaVaScRiPt:alert(1)]x[/url]", "<p>[url=JaVaScRiPt:alert(1)]x[/url]</p>"},
		{"url leading space", "[url= javascript:alert(1)]x[/url]", "<p>[url= javascript:alert(1)]x[/url]</p>"},
		{"url leading spaces quoted", `[url="  javascript:alert(1)"]x[/url]`, "<p>[url=&#34;  javascript:alert(1)&#34;]x[/url]</p>"},
		{"url tab in scheme", "[url=java\tscript:alert(1)]x[/url]", "<p>[url=java\tscript:alert(1)]x[/url]</p>"},
		{"url newline in scheme", "[url]java\nscript:alert(1)[/url]", "<p>[url]java<br>script:alert(1)[/url]</p>"},
		{"url entity", "[url=&#106;avascript:alert(1)]x[/url]", "<p>[url=&amp;#106;avascript:alert(1)]x[/url]</p>"},
		{"url hex entity", "[url=&#x6A;avascript:alert(1)]x[/url]", "<p>[url=&amp;#x6A;avascript:alert(1)]x[/url]</p>"},
		{"url named entity colon", "[url=javascript&colon;alert(1)]x[/url]", "<p>[url=javascript&amp;colon;alert(1)]x[/url]</p>"},
		{"url entity in http", "[url=&#104;ttp://x.org]x[/url]", "<p>[url=&amp;#104;ttp://x.org]x[/url]</p>"},
		{"url vbscript", "[url=vbscript:msgbox(1)]x[/url]", "<p>[url=vbscript:msgbox(1)]x[/url]</p>"},
		{"url data", "[url=data:text/html,<script>alert(1)</script>]x[/url]", "<p>[url=data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;]x[/url]</p>"},
		{"url data base64", "[url=data:text/html;base64,PHNjcmlwdD4=]x[/url]", "<p>[url=data:text/html;base64,PHNjcmlwdD4=]x[/url]</p>"},
		{"url atom javascript", "[url]javascript:alert(1)[/url]", "<p>[url]javascript:alert(1)[/url]</p>"},
		{"url atom entity", "[url]&#106;avascript:alert(1)[/url]", "<p>[url]&amp;#106;avascript:alert(1)[/url]</p>"},
		{"url protocol-relative", "[url=//evil.example]x[/url]", "<p>[url=//evil.example]x[/url]</p>"},
		{"url userinfo", "[url=http://bank.example@evil.example]x[/url]", "<p>[url=http://bank.example@evil.example]x[/url]</p>"},
		{"url quote breakout", `[url=http://x.org/"onmouseover="alert(1)]x[/url]`, `<p>[url=<a href="http://x.org/"` + rel + `>http://x.org/</a>&#34;onmouseover=&#34;alert(1)]x[/url]</p>`},
		{"url zero-width space", "[url=java\u200bscript:alert(1)]x[/url]", "<p>[url=java\u200bscript:alert(1)]x[/url]</p>"},
		{"email javascript", "[email=javascript:alert(1)]x[/email]", "<p>[email=javascript:alert(1)]x[/email]</p>"},
		{"url mailto with header", "[url=mailto:a@b.co?bcc=c@d.co]x[/url]", "<p>[url=mailto:a@b.co?bcc=c@d.co]x[/url]</p>"},

		{"img attribute breakout", `[img]https://x/a.png" onerror="alert(1)[/img]`, "<p>[img]https://x/a.png&#34; onerror=&#34;alert(1)[/img]</p>"},
		{"img breakout no space", `[img]https://x.org/a.png"onerror="alert(1)[/img]`, `<p>[img]<a href="https://x.org/a.png"` + rel + `>https://x.org/a.png</a>&#34;onerror=&#34;alert(1)[/img]</p>`},
		{"img javascript", "[img]javascript:alert(1)[/img]", "<p>[img]javascript:alert(1)[/img]</p>"},
		{"img data", "[img]data:image/svg+xml,<svg onload=alert(1)>[/img]", "<p>[img]data:image/svg+xml,&lt;svg onload=alert(1)&gt;[/img]</p>"},

		{"quote attribute injection", `[quote="x" onmouseover="alert(1)"]q[/quote]`, "<p>[quote=&#34;x&#34; onmouseover=&#34;alert(1)&#34;]q[/quote]</p>"},
		{"quote author markup", `[quote="<img src=x onerror=alert(1)>"]q[/quote]`, `<blockquote class="bb-quote"><cite>&lt;img src=x onerror=alert(1)&gt; wrote:</cite><p>q</p></blockquote>`},
		{"quote post injection", `[quote="x" post="1 onclick=alert(1)"]q[/quote]`, "<p>[quote=&#34;x&#34; post=&#34;1 onclick=alert(1)&#34;]q[/quote]</p>"},
		{"quote post path", `[quote="x" post=../../logout]q[/quote]`, "<p>[quote=&#34;x&#34; post=../../logout]q[/quote]</p>"},

		{"color css injection", "[color=red;background:url(javascript:alert(1))]x[/color]", "<p>[color=red;background:url(javascript:alert(1))]x[/color]</p>"},
		{"color expression", "[color=expression(alert(1))]x[/color]", "<p>[color=expression(alert(1))]x[/color]</p>"},
		{"color quote breakout", `[color="red" onclick="alert(1)"]x[/color]`, "<p>[color=&#34;red&#34; onclick=&#34;alert(1)&#34;]x[/color]</p>"},
		{"color class breakout", `[color=red bb-quote]x[/color]`, "<p>[color=red bb-quote]x[/color]</p>"},
		{"size huge", "[size=99999]x[/size]", "<p>[size=99999]x[/size]</p>"},
		{"size negative", "[size=-1]x[/size]", "<p>[size=-1]x[/size]</p>"},
		{"size exponent", "[size=1e9]x[/size]", "<p>[size=1e9]x[/size]</p>"},
		{"size css", "[size=100px;position:fixed]x[/size]", "<p>[size=100px;position:fixed]x[/size]</p>"},

		{"code keeps tags literal", "[code][url=javascript:alert(1)]x[/url][/code]", "<pre><code>[url=javascript:alert(1)]x[/url]</code></pre>"},
		{"code keeps html literal", "[code]</code></pre><script>x</script>[/code]", "<pre><code>&lt;/code&gt;&lt;/pre&gt;&lt;script&gt;x&lt;/script&gt;</code></pre>"},
		{"bare javascript", "javascript:alert(1) data:text/html,x", "<p>javascript:alert(1) data:text/html,x</p>"},

		// NUL goes before lexing, so it cannot hide a tag from a filter
		// that runs after us either.
		{"NUL removed", "a\x00b[b\x00]c[/b]", "<p>ab<strong>c</strong></p>"},
		{"controls removed", "a\x01\x08\x0b\x0c\x1b\x7fb\u0085c", "<p>abc</p>"},
		{"invalid UTF-8", "a\xffb\xc3(c", "<p>a\ufffdb\ufffd(c</p>"},
		{"bidi overrides removed", "a\u202eb\u202dc\u202ad\u202be\u202cf", "<p>abcdef</p>"},
		{"bidi isolates removed", "a\u2066b\u2067c\u2068d\u2069e", "<p>abcde</p>"},
		{"bidi in author", "[quote=\"x\u202e\"]q[/quote]", `<blockquote class="bb-quote"><cite>x wrote:</cite><p>q</p></blockquote>`},
	})
}

func TestQuoteDepth(t *testing.T) {
	src := strings.Repeat("[quote]", 15) + "x" + strings.Repeat("[/quote]", 15)
	want := strings.Repeat(`<blockquote class="bb-quote">`, 10) + "<p>" + strings.Repeat("[quote]", 5) + "x</p>" +
		strings.Repeat("</blockquote>", 10) + "<p>" + strings.Repeat("[/quote]", 5) + "</p>"
	runGolden(t, []golden{{"depth 15", src, want}})
}

func TestNesting(t *testing.T) {
	src := strings.Repeat("[b]", 40) + "x" + strings.Repeat("[/b]", 40)
	want := "<p>" + strings.Repeat("<strong>", MaxNesting) + strings.Repeat("[b]", 40-MaxNesting) + "x" +
		strings.Repeat("</strong>", MaxNesting) + strings.Repeat("[/b]", 40-MaxNesting) + "</p>"
	runGolden(t, []golden{{"40 bold", src, want}})

	// Lists nest too; items count as levels.
	src = strings.Repeat("[list][*]", 20) + "x" + strings.Repeat("[/list]", 20)
	out := Cook(src)
	if err := checkHTML(out); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(out, "<ul>"); n != MaxNesting/2 {
		t.Errorf("%d nested lists, want %d", n, MaxNesting/2)
	}
}

// Ceilings that catch quadratic behaviour, not speed targets: these inputs
// cook in 60-110 ms here (the 200 ms per MiB aim of SECURITY-TESTS.md items
// 15 and 16 is watched by the benchmarks), while anything quadratic in a
// MiB would take minutes. The ceilings are wide so that a loaded CI machine
// cannot fail the test; a run over one is still retried up to three times,
// and under the race detector, which slows code about tenfold, they are
// only logged.
func TestPathologicalInputTime(t *testing.T) {
	const budget, loose = 2 * time.Second, 5 * time.Second
	mib := 1 << 20
	if raceEnabled {
		mib >>= 4 // budgets are not enforced there; keep the run short
	}
	cases := []struct {
		name, src string
		budget    time.Duration
	}{
		{"1 MiB of [b]", strings.Repeat("[b]", mib/3), budget},
		{"1 MiB of unclosed [quote]", strings.Repeat("[quote]", mib/7), budget},
		{"10,000 nested quotes", strings.Repeat("[quote]", 10000) + "x" + strings.Repeat("[/quote]", 10000), budget},
		{"1 MiB of stray closers", strings.Repeat("[/quote]", mib/8), budget},
		{"1 MiB of unclosed [code]", strings.Repeat("[code]", mib/6), budget},
		{"1 MiB of [url] then one closer", strings.Repeat("[url]", mib/5) + "[/url]", budget},
		{"1 MiB of unterminated attributes", strings.Repeat(`[quote="[quote='`, mib/16), budget},
		{"1 MiB of URL starts", strings.Repeat("(http://", mib/8), budget},
		{"1 MiB of newlines in bold", "[b]" + strings.Repeat("\n", mib) + "[/b]", budget},
		{"256 KiB of bold items", "[list]" + strings.Repeat("[b][*]", mib/4/6) + "[/list]", loose},
		{"256 KiB of items", "[list]" + strings.Repeat("[*]", mib/4/3) + "[/list]", loose},
		{"256 KiB of quote pairs", strings.Repeat("[quote=a post=1][b]x[/b][/quote]", mib/4/32), loose},
		{"256 KiB of code in 31 bolds", strings.Repeat("[b]", 31) + strings.Repeat("[code][/code]x", mib/4/14), loose},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var out string
			best := time.Duration(1 << 62)
			for try := 0; try < 3 && best > c.budget; try++ {
				start := time.Now()
				out = Cook(c.src)
				best = min(best, time.Since(start))
			}
			t.Logf("%d bytes in %v", len(c.src), best)
			if best > c.budget && !raceEnabled {
				t.Errorf("took %v, budget %v", best, c.budget)
			}
			if err := checkHTML(out); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestTenThousandQuotesShape(t *testing.T) {
	src := strings.Repeat("[quote]", 10000) + "x" + strings.Repeat("[/quote]", 10000)
	out := Cook(src)
	if n := strings.Count(out, "<blockquote"); n != MaxQuoteDepth {
		t.Errorf("%d blockquotes, want %d", n, MaxQuoteDepth)
	}
	if n := strings.Count(out, "[quote]"); n != 10000-MaxQuoteDepth {
		t.Errorf("%d [quote] shown as text, want %d", n, 10000-MaxQuoteDepth)
	}
}

func TestQuoteHelper(t *testing.T) {
	names := []string{
		"alice", `a"b`, "x]y", `back\slash`, `trailing\`, `\"`, "[/quote]", `" onmouseover="alert(1)`,
		"<script>alert(1)</script>", "[quote]", "名前", "it's", "post=1", `" post=2`,
	}
	for _, name := range names {
		src := Quote(name, 7, "body")
		want := `<blockquote class="bb-quote"><cite><a href="/p/7"` + rel + `>` + html.EscapeString(name) +
			` wrote:</a></cite><p>body</p></blockquote>`
		runGolden(t, []golden{{name, src, want}})
	}
	cases := []struct {
		author string
		post   int64
		body   string
		want   string
	}{
		{"alice", 12, "hi", `[quote="alice" post=12]hi[/quote]`},
		{`a"b\c`, 1, "x", `[quote="a\"b\\c" post=1]x[/quote]`},
		{"", 3, "x", `[quote post=3]x[/quote]`},
		{"bob", 0, "x", `[quote="bob"]x[/quote]`},
		{"", 0, "x", `[quote]x[/quote]`},
		{"two\nlines\u202e", 1, "x", `[quote="two lines" post=1]x[/quote]`},
	}
	for _, c := range cases {
		if got := Quote(c.author, c.post, c.body); got != c.want {
			t.Errorf("Quote(%q, %d, %q) = %q, want %q", c.author, c.post, c.body, got, c.want)
		}
	}
	// A name at the length limit still round-trips.
	long := strings.Repeat(`"\]`, 200)
	out := Cook(Quote(long, 1, "x"))
	if !strings.Contains(out, "<cite>") || strings.Contains(out, "[quote") {
		t.Errorf("long name did not round-trip: %.200s", out)
	}
}

func TestDeterministic(t *testing.T) {
	src := benchPost()
	first := Cook(src)
	for range 5 {
		if Cook(src) != first {
			t.Fatal("Cook is not deterministic")
		}
	}
}

// Every class the writer can emit passes the sanitiser, on every element it
// can appear on.
func TestClassNames(t *testing.T) {
	for _, c := range classNames() {
		var el []string
		switch {
		case c == "bb-quote":
			el = []string{"blockquote"}
		case c == "bb-img":
			continue // checked with the img golden cases
		case strings.HasPrefix(c, "bb-color-") || strings.HasPrefix(c, "bb-size-"):
			el = []string{"span", "div"}
		default:
			el = []string{"div"}
		}
		for _, e := range el {
			h := "<" + e + ` class="` + c + `">x</` + e + ">"
			if got := sanitize(h); got != h {
				t.Errorf("sanitiser turned %s into %s", h, got)
			}
		}
	}
	for name := range namedColors {
		src := "[color=" + name + "]x[/color]"
		if err := checkHTML(Cook(src)); err != nil || !strings.Contains(Cook(src), "bb-color-") {
			t.Errorf("%s: %v %s", src, err, Cook(src))
		}
	}
	if len(namedColors) != 148 {
		t.Errorf("%d named colours, CSS has 148", len(namedColors))
	}
	for _, p := range palette {
		if c, _ := colorClass(p.name); c != "bb-color-"+p.name {
			t.Errorf("palette colour %s maps to %s", p.name, c)
		}
	}
}

// The sanitiser really is a second line: markup the writer never emits is
// removed.
func TestSanitiserBlocks(t *testing.T) {
	cases := map[string]string{
		`<a href="javascript:alert(1)" rel="nofollow ugc noopener">x</a>`: `<a rel="nofollow ugc noopener">x</a>`,
		`<a href="/logout" rel="nofollow ugc noopener">x</a>`:             `<a rel="nofollow ugc noopener">x</a>`,
		`<a href="https://x.org" target="_blank" rel="opener">x</a>`:      `<a href="https://x.org">x</a>`,
		`<p onclick="alert(1)">x</p>`:                                     "<p>x</p>",
		`<span class="evil">x</span>`:                                     "<span>x</span>",
		`<div hx-get="/logout">x</div>`:                                   "<div>x</div>",
		`<script>alert(1)</script>`:                                       "",
		`<img src="data:image/png;base64,AA" alt="">`:                     `<img alt="">`,
		`<p style="color:red">x</p>`:                                      "<p>x</p>",
		`<iframe src="https://x.org"></iframe><form><input></form>`:       "",
	}
	for in, want := range cases {
		if got := sanitize(in); got != want {
			t.Errorf("sanitize(%s) = %s, want %s", in, got, want)
		}
	}
}
