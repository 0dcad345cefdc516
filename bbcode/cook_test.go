package bbcode

import "testing"

type golden struct{ name, src, want string }

// runGolden checks the exact HTML for each case, that Cook returns it, that
// it satisfies every safety property, and that the sanitiser finds nothing
// to remove (the renderer only emits allowlisted markup).
func runGolden(t *testing.T, cases []golden) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := render(c.src)
			if got != c.want {
				t.Fatalf("render(%q)\n got %s\nwant %s", c.src, got, c.want)
			}
			if cooked := Cook(c.src); cooked != c.want {
				t.Fatalf("Cook(%q) = %s, sanitiser changed the renderer's %s", c.src, cooked, c.want)
			}
			if err := checkHTML(got); err != nil {
				t.Fatalf("Cook(%q): %v", c.src, err)
			}
		})
	}
}

// Plain text: the behaviour Cook had before BBCode, unchanged.
func TestCook(t *testing.T) {
	runGolden(t, []golden{
		{"empty", "", ""},
		{"one paragraph", "Clear skies tonight.", "<p>Clear skies tonight.</p>"},
		{"paragraphs and line breaks", "First\nline two\n\nSecond", "<p>First<br>line two</p><p>Second</p>"},
		{"windows newlines", "a\r\n\r\nb", "<p>a</p><p>b</p>"},
		{"blank paragraphs dropped", "a\n\n\n\n  \n\nb", "<p>a</p><p>b</p>"},
		{"markup escaped", `<script>alert("x")</script> & <a href="javascript:1">`, "<p>&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &lt;a href=&#34;javascript:1&#34;&gt;</p>"},
		{"only whitespace", " \n\t\n ", ""},
		{"lone CR", "a\rb", "<p>a<br>b</p>"},
		{"line of spaces is blank", "a\n   \nb", "<p>a</p><p>b</p>"},
		{"indent kept", "a\n  b", "<p>a<br>  b</p>"},
		{"apostrophe", "it's", "<p>it&#39;s</p>"},
		{"brackets that are not tags", "[x] [b [/] [b=1] a[", "<p>[x] [b [/] [b=1] a[</p>"},
	})
}

const rel = ` rel="nofollow ugc noopener"`

func TestTags(t *testing.T) {
	runGolden(t, []golden{
		{"bold", "[b]x[/b]", "<p><strong>x</strong></p>"},
		{"italic", "[i]x[/i]", "<p><em>x</em></p>"},
		{"underline", "[u]x[/u]", "<p><u>x</u></p>"},
		{"strike", "[s]x[/s]", "<p><s>x</s></p>"},
		{"any case", "[B]x[/b] [I]y[/I]", "<p><strong>x</strong> <em>y</em></p>"},
		{"nested inline", "[b][i][u]x[/u][/i][/b]", "<p><strong><em><u>x</u></em></strong></p>"},
		{"empty tag", "[b][/b]", "<p><strong></strong></p>"},

		{"quote", "[quote]x[/quote]", `<blockquote class="bb-quote"><p>x</p></blockquote>`},
		{"quote name quoted", `[quote="alice"]x[/quote]`, `<blockquote class="bb-quote"><cite>alice wrote:</cite><p>x</p></blockquote>`},
		{"quote name bare", `[quote=alice]x[/quote]`, `<blockquote class="bb-quote"><cite>alice wrote:</cite><p>x</p></blockquote>`},
		{"quote name with space", `[quote=Alice Smith]x[/quote]`, `<blockquote class="bb-quote"><cite>Alice Smith wrote:</cite><p>x</p></blockquote>`},
		{"quote single quotes", `[quote='al "ice"']x[/quote]`, `<blockquote class="bb-quote"><cite>al &#34;ice&#34; wrote:</cite><p>x</p></blockquote>`},
		{"quote post", `[quote="alice" post=12]x[/quote]`, `<blockquote class="bb-quote"><cite><a href="/p/12"` + rel + `>alice wrote:</a></cite><p>x</p></blockquote>`},
		{"quote bare name post", `[quote=Alice Smith post=12]x[/quote]`, `<blockquote class="bb-quote"><cite><a href="/p/12"` + rel + `>Alice Smith wrote:</a></cite><p>x</p></blockquote>`},
		{"quote phpBB attributes", `[quote="alice" post_id=12 time=1500000000 user_id=2]x[/quote]`, `<blockquote class="bb-quote"><cite><a href="/p/12"` + rel + `>alice wrote:</a></cite><p>x</p></blockquote>`},
		{"quote post only", `[quote post=12]x[/quote]`, `<blockquote class="bb-quote"><cite><a href="/p/12"` + rel + `>Quote:</a></cite><p>x</p></blockquote>`},
		{"quote empty name", `[quote=""]x[/quote]`, `<blockquote class="bb-quote"><p>x</p></blockquote>`},
		{"quote layout newlines", "Hi\n[quote=bob]\nline 1\nline 2\n\npara 2\n[/quote]\nBye", `<p>Hi</p><blockquote class="bb-quote"><cite>bob wrote:</cite><p>line 1<br>line 2</p><p>para 2</p></blockquote><p>Bye</p>`},
		{"quote nested", "[quote=a][quote=b]inner[/quote]outer[/quote]", `<blockquote class="bb-quote"><cite>a wrote:</cite><blockquote class="bb-quote"><cite>b wrote:</cite><p>inner</p></blockquote><p>outer</p></blockquote>`},
		{"quote escaped author", `[quote="a\"b]c\\" post=5]hi[/quote]`, `<blockquote class="bb-quote"><cite><a href="/p/5"` + rel + `>a&#34;b]c\ wrote:</a></cite><p>hi</p></blockquote>`},
		{"quote brackets in author", `[quote="[test]test"]x[/quote]`, `<blockquote class="bb-quote"><cite>[test]test wrote:</cite><p>x</p></blockquote>`},

		{"code", "[code]x[/code]", "<pre><code>x</code></pre>"},
		{"code literal", "[code]\n<b>&amp;</b>\n  [b]x[/b]\n\n\tend\n[/code]", "<pre><code>&lt;b&gt;&amp;amp;&lt;/b&gt;\n  [b]x[/b]\n\n\tend</code></pre>"},
		{"code language", "[code=php]echo 1;[/code]", "<pre><code>echo 1;</code></pre>"},
		{"code between text", "a\n[code]x[/code]\nb", "<p>a</p><pre><code>x</code></pre><p>b</p>"},
		{"code any case", "[CODE]x[/Code]", "<pre><code>x</code></pre>"},
		{"code first closer ends it", "[code][code]x[/code][/code]", "<pre><code>[code]x</code></pre><p>[/code]</p>"},

		{"url bare", "[url]http://example.com/[/url]", `<p><a href="http://example.com/"` + rel + `>http://example.com/</a></p>`},
		{"url www", "[url]www.example.com[/url]", `<p><a href="http://www.example.com"` + rel + `>www.example.com</a></p>`},
		{"url with text", "[url=https://example.com/a?b=1&c=2]the text[/url]", `<p><a href="https://example.com/a?b=1&amp;c=2"` + rel + `>the text</a></p>`},
		{"url quoted", `[url="https://example.com/"]x[/url]`, `<p><a href="https://example.com/"` + rel + `>x</a></p>`},
		{"url formatted text", "[url=http://x.com]a [b]b[/b][/url]", `<p><a href="http://x.com"` + rel + `>a <strong>b</strong></a></p>`},
		{"url empty text", "[url=http://x.com][/url]", `<p><a href="http://x.com"` + rel + `>http://x.com</a></p>`},
		{"url blank text", "[url=http://x.com]\n[/url]", `<p><a href="http://x.com"` + rel + `>http://x.com</a></p>`},
		{"email empty text", "[email=a@b.co][/email]", `<p><a href="mailto:a@b.co"` + rel + `>a@b.co</a></p>`},
		{"url scheme case", "[url=HTTPS://Example.com/A]x[/url]", `<p><a href="https://Example.com/A"` + rel + `>x</a></p>`},
		{"url mailto", "[url=mailto:a@b.co]x[/url]", `<p><a href="mailto:a@b.co"` + rel + `>x</a></p>`},
		{"url percent-encodes", "[url]http://例え.jp/パス[/url]", `<p><a href="http://%E4%BE%8B%E3%81%88.jp/%E3%83%91%E3%82%B9"` + rel + `>http://例え.jp/パス</a></p>`},
		{"url image inside", "[url=http://x.com][img]https://x.com/a.png[/img][/url]", `<p><a href="http://x.com"` + rel + `><img src="https://x.com/a.png" alt="" loading="lazy" decoding="async" referrerpolicy="no-referrer" class="bb-img"></a></p>`},

		{"email", "[email]a@b.co[/email]", `<p><a href="mailto:a@b.co"` + rel + `>a@b.co</a></p>`},
		{"email with text", "[email=a.b+c@d-e.co.uk]mail me[/email]", `<p><a href="mailto:a.b+c@d-e.co.uk"` + rel + `>mail me</a></p>`},

		{"img", "[img]https://x.org/a.png[/img]", `<p><img src="https://x.org/a.png" alt="" loading="lazy" decoding="async" referrerpolicy="no-referrer" class="bb-img"></p>`},
		{"img http", "[img]http://x.org/a.png?s=1&t=2[/img]", `<p><img src="http://x.org/a.png?s=1&amp;t=2" alt="" loading="lazy" decoding="async" referrerpolicy="no-referrer" class="bb-img"></p>`},

		{"list", "[list][*]a[*]b[/list]", "<ul><li>a</li><li>b</li></ul>"},
		{"list numbered", "[list=1][*]a[*]b[/list]", "<ol><li>a</li><li>b</li></ol>"},
		{"list alpha", "[list=a][*]a[/list]", `<ol type="a"><li>a</li></ol>`},
		{"list ALPHA", "[list=A][*]a[/list]", `<ol type="A"><li>a</li></ol>`},
		{"list roman", "[list=i][*]a[/list]", `<ol type="i"><li>a</li></ol>`},
		{"list ROMAN", "[list=I][*]a[/list]", `<ol type="I"><li>a</li></ol>`},
		{"list layout", "Items:\n[list]\n[*]one\n[*]two\nstill two\n\nmore two\n[/list]\nafter", "<p>Items:</p><ul><li>one</li><li>two<br>still two<br><br>more two</li></ul><p>after</p>"},
		{"list explicit item close", "[list][*]a[/*][*]b[/*][/list]", "<ul><li>a</li><li>b</li></ul>"},
		{"list text before first item", "[list]intro[*]a[/list]", "<ul><li>intro</li><li>a</li></ul>"},
		{"list nested", "[list][*]a[list=1][*]b[/list]c[/list]", "<ul><li>a<ol><li>b</li></ol>c</li></ul>"},
		{"list formatted item", "[list][*][b]a[/b] b[/list]", "<ul><li><strong>a</strong> b</li></ul>"},
		{"list empty", "[list][/list]", "<ul></ul>"},
		{"list with quote", "[list][*]a[quote]q[/quote][/list]", `<ul><li>a<blockquote class="bb-quote"><p>q</p></blockquote></li></ul>`},

		{"color name", "[color=red]x[/color]", `<p><span class="bb-color-red">x</span></p>`},
		{"color name any case", "[color=DarkGreen]x[/color]", `<p><span class="bb-color-darkgreen">x</span></p>`},
		{"color extended name", "[color=tomato]x[/color]", `<p><span class="bb-color-orangered">x</span></p>`},
		{"color synonym", "[color=cyan]x[/color]", `<p><span class="bb-color-aqua">x</span></p>`},
		{"color short hex", "[color=#f00]x[/color]", `<p><span class="bb-color-red">x</span></p>`},
		{"color long hex", "[color=#FF0000]x[/color]", `<p><span class="bb-color-red">x</span></p>`},
		{"color hex nearest", "[color=#00BF00]x[/color]", `<p><span class="bb-color-green">x</span></p>`},
		{"color hex nearest blue", "[color=#1010a0]x[/color]", `<p><span class="bb-color-navy">x</span></p>`},
		{"color quoted", `[color="blue"]x[/color]`, `<p><span class="bb-color-blue">x</span></p>`},

		{"size", "[size=150]x[/size]", `<p><span class="bb-size-150">x</span></p>`},
		{"size min", "[size=50]x[/size]", `<p><span class="bb-size-50">x</span></p>`},
		{"size max", "[size=200]x[/size]", `<p><span class="bb-size-200">x</span></p>`},
		{"size rounds", "[size=90]a[/size][size=120]b[/size][size=176]c[/size]", `<p><span class="bb-size-85">a</span><span class="bb-size-100">b</span><span class="bb-size-200">c</span></p>`},
		{"size tie rounds up", "[size=125]x[/size]", `<p><span class="bb-size-150">x</span></p>`},
		{"size nested stays absolute", "[size=200][size=200]x[/size][/size]", `<p><span class="bb-size-200"><span class="bb-size-200">x</span></span></p>`},

		{"bare url", "see http://example.com/a now", `<p>see <a href="http://example.com/a"` + rel + `>http://example.com/a</a> now</p>`},
		{"bare https", "https://example.com", `<p><a href="https://example.com"` + rel + `>https://example.com</a></p>`},
		{"bare www", "www.example.com/x", `<p><a href="http://www.example.com/x"` + rel + `>www.example.com/x</a></p>`},
		{"bare trailing punctuation", "Go to http://x.org/a. Or http://x.org/b, http://x.org/c; http://x.org/d! http://x.org/e? http://x.org/f:", `<p>Go to <a href="http://x.org/a"` + rel + `>http://x.org/a</a>. Or <a href="http://x.org/b"` + rel + `>http://x.org/b</a>, <a href="http://x.org/c"` + rel + `>http://x.org/c</a>; <a href="http://x.org/d"` + rel + `>http://x.org/d</a>! <a href="http://x.org/e"` + rel + `>http://x.org/e</a>? <a href="http://x.org/f"` + rel + `>http://x.org/f</a>:</p>`},
		{"bare in parentheses", "(see http://x.org/a)", `<p>(see <a href="http://x.org/a"` + rel + `>http://x.org/a</a>)</p>`},
		{"bare balanced parentheses", "(http://x.org/a_(b)).", `<p>(<a href="http://x.org/a_(b)"` + rel + `>http://x.org/a_(b)</a>).</p>`},
		{"bare query and fragment", "http://x.org/?q=1&r=2#frag", `<p><a href="http://x.org/?q=1&amp;r=2#frag"` + rel + `>http://x.org/?q=1&amp;r=2#frag</a></p>`},
		{"bare in formatting", "[b]http://x.org[/b]", `<p><strong><a href="http://x.org"` + rel + `>http://x.org</a></strong></p>`},
		{"bare not in word", "xhttp://x.org a@www.x.org", "<p>xhttp://x.org a@www.x.org</p>"},
		{"bare needs a dotted host", "http:// and http://localhost and www.x", "<p>http:// and http://localhost and www.x</p>"},
		{"bare not inside link", "[url=http://a.org]http://b.org[/url]", `<p><a href="http://a.org"` + rel + `>http://b.org</a></p>`},
		{"bare not inside code", "[code]http://b.org[/code]", "<pre><code>http://b.org</code></pre>"},
		{"bare CJK punctuation", "http://x.jp/a。次", `<p><a href="http://x.jp/a"` + rel + `>http://x.jp/a</a>。次</p>`},
		{"bare stops at quote and angle", `http://x.org/a"b <http://x.org/c>`, `<p><a href="http://x.org/a"` + rel + `>http://x.org/a</a>&#34;b &lt;<a href="http://x.org/c"` + rel + `>http://x.org/c</a>&gt;</p>`},
	})
}

// Blocks inside inline tags: the inline tag becomes a wrapper so the HTML
// stays valid (no <div> or <blockquote> inside <strong> or <p>).
func TestWrappers(t *testing.T) {
	runGolden(t, []golden{
		{"bold around quote", "[b]a[quote]q[/quote]b[/b]", `<div class="bb-b"><p>a</p><blockquote class="bb-quote"><p>q</p></blockquote><p>b</p></div>`},
		{"color around list", "[color=red][list][*]a[/list][/color]", `<div class="bb-color-red"><ul><li>a</li></ul></div>`},
		{"size around code", "[size=150]x[code]c[/code][/size]", `<div class="bb-size-150"><p>x</p><pre><code>c</code></pre></div>`},
		{"nested wrappers", "[i][s]a[code]c[/code][/s][/i]", `<div class="bb-i"><div class="bb-s"><p>a</p><pre><code>c</code></pre></div></div>`},
		{"underline wrapper in item", "[list][*][u]a[code]c[/code]b[/u][/list]", `<ul><li><div class="bb-u">a<pre><code>c</code></pre>b</div></li></ul>`},
		{"link around quote", "[url=http://a.org][quote=x post=3]q[/quote][/url]", `<a href="http://a.org"` + rel + `><blockquote class="bb-quote"><cite>x wrote:</cite><p>q</p></blockquote></a>`},
		{"inline outside stays inline", "[b]a[/b][quote]q[/quote]", `<p><strong>a</strong></p><blockquote class="bb-quote"><p>q</p></blockquote>`},
		{"blank line in inline", "[b]a\n\nb[/b]", "<p><strong>a<br><br>b</strong></p>"},
		{"blank line after inline", "[b]a[/b]\n\nb", "<p><strong>a</strong></p><p>b</p>"},
	})
}

// Tags that cannot be honoured are shown as typed.
func TestShownAsText(t *testing.T) {
	runGolden(t, []golden{
		{"unknown tag", "[foo]x[/foo]", "<p>[foo]x[/foo]</p>"},
		{"unknown attribute", "[b=1]x[/b]", "<p>[b=1]x[/b]</p>"},
		{"unclosed", "[b]x", "<p>[b]x</p>"},
		{"unclosed quote", "[quote]x", "<p>[quote]x</p>"},
		{"unclosed code", "[code]x", "<p>[code]x</p>"},
		{"unclosed url", "[url]http://x.org", `<p>[url]<a href="http://x.org"` + rel + `>http://x.org</a></p>`},
		{"stray closers", "[/quote][/b]</div></article>", "<p>[/quote][/b]&lt;/div&gt;&lt;/article&gt;</p>"},
		{"stray closer after pair", "[b]x[/b][/b]", "<p><strong>x</strong>[/b]</p>"},
		{"misnested", "[b]a[i]b[/b]c[/i]", "<p><strong>a[i]b</strong>c[/i]</p>"},
		{"misnested across quote", "[quote]a[b]b[/quote]c[/b]", `<blockquote class="bb-quote"><p>a[b]b</p></blockquote><p>c[/b]</p>`},
		{"bold closing over quote", "[b]x[quote]y[/b]", "<p><strong>x[quote]y</strong></p>"},
		{"item outside list", "[*]item", "<p>[*]item</p>"},
		{"item inside quote in list", "[list][*]x[quote][*]y[/quote][/list]", `<ul><li>x<blockquote class="bb-quote"><p>[*]y</p></blockquote></li></ul>`},
		{"unclosed list", "[list][*]a[*]b", "<p>[list][*]a[*]b</p>"},
		{"list closed inside quote", "[quote][list][*]a[/quote][/list]", `<blockquote class="bb-quote"><p>[list][*]a</p></blockquote><p>[/list]</p>`},
		{"bad list type", "[list=disc][*]a[/list]", "<p>[list=disc][*]a[/list]</p>"},
		{"stray item closer", "[list][*]a[/*]b[/*][/list]", "<ul><li>a</li><li>b[/*]</li></ul>"},
		{"link in link", "[url=http://a.org]x[url=http://b.org]y[/url][/url]", `<p><a href="http://a.org"` + rel + `>x[url=http://b.org]y</a>[/url]</p>`},
		{"url atom in link", "[url=http://a.org][url]http://b.org[/url][/url]", `<p><a href="http://a.org"` + rel + `>[url]http://b.org[/url]</a></p>`},
		{"email bad", "[email]not-an-address[/email]", "<p>[email]not-an-address[/email]</p>"},
		{"img with attribute", "[img=100x100]https://x.org/a.png[/img]", `<p>[img=100x100]<a href="https://x.org/a.png"` + rel + `>https://x.org/a.png</a>[/img]</p>`},
		{"img relative", "[img]/a.png[/img]", "<p>[img]/a.png[/img]</p>"},
		{"img mailto", "[img]mailto:a@b.co[/img]", "<p>[img]mailto:a@b.co[/img]</p>"},
		{"quoted value unterminated", `[quote="a]x[/quote]`, "<p>[quote=&#34;a]x[/quote]</p>"},
		{"quoted value junk after", `[quote="a"b]x[/quote]`, "<p>[quote=&#34;a&#34;b]x[/quote]</p>"},
		{"quote post not digits", `[quote="a" post=1x]x[/quote]`, "<p>[quote=&#34;a&#34; post=1x]x[/quote]</p>"},
		{"quote post negative", `[quote post=-1]x[/quote]`, "<p>[quote post=-1]x[/quote]</p>"},
		{"tag across lines", "[url=http://x.org\n]y[/url]", `<p>[url=<a href="http://x.org"` + rel + `>http://x.org</a><br>]y[/url]</p>`},
		{"size out of range", "[size=49]a[/size][size=201]b[/size]", "<p>[size=49]a[/size][size=201]b[/size]</p>"},
		{"size not a number", "[size=big]a[/size][size=1.5]b[/size][size=150%]c[/size]", "<p>[size=big]a[/size][size=1.5]b[/size][size=150%]c[/size]</p>"},
		{"color unknown", "[color=reddish]a[/color][color=#ff00]b[/color][color=rgb(1,2,3)]c[/color]", "<p>[color=reddish]a[/color][color=#ff00]b[/color][color=rgb(1,2,3)]c[/color]</p>"},
	})
}
