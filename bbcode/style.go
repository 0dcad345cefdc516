package bbcode

import "strings"

// Colour and size become class names, never style attributes: the site's
// Content-Security-Policy has no 'unsafe-inline' for styles, so inline styles
// would not apply, and a class from a fixed table cannot carry CSS syntax
// (url(), expression(), ';') into the page.
//
// Colours: [color=NAME] accepts every CSS named colour and [color=#rgb] /
// [color=#rrggbb] any hex colour. Each maps to the nearest colour of a small
// fixed palette, emitted as class="bb-color-<palette name>". Mapping hex to
// the palette was preferred over dropping hex: phpBB's colour picker writes
// hex, so imported and habitual posts keep (nearly) their colour, while the
// stylesheet stays small and can restyle every palette colour, for instance
// to keep contrast in a dark theme. Anything else (rgb(), hsl(), unknown
// names, anything with ';' or '(') leaves the tag as text.
//
// Sizes: [size=N] with N a whole number of percent from 50 to 200 becomes
// class="bb-size-<S>", S the nearest of 50, 85, 100, 150, 200 (ties go up).
// Anything else (out of range, signs, decimals, exponents, units) leaves the
// tag as text, so the author sees it was not accepted. The classes are
// absolute sizes (relative to the post's base size, not to the parent), so
// nested [size] tags replace each other and never compound beyond 200%.

// palette is the set of colours with a class. The order breaks ties.
var palette = []struct {
	name    string
	r, g, b int
}{
	{"black", 0x00, 0x00, 0x00},
	{"gray", 0x80, 0x80, 0x80},
	{"silver", 0xc0, 0xc0, 0xc0},
	{"white", 0xff, 0xff, 0xff},
	{"maroon", 0x80, 0x00, 0x00},
	{"red", 0xff, 0x00, 0x00},
	{"crimson", 0xdc, 0x14, 0x3c},
	{"orangered", 0xff, 0x45, 0x00},
	{"brown", 0xa5, 0x2a, 0x2a},
	{"orange", 0xff, 0xa5, 0x00},
	{"gold", 0xff, 0xd7, 0x00},
	{"yellow", 0xff, 0xff, 0x00},
	{"olive", 0x80, 0x80, 0x00},
	{"lime", 0x00, 0xff, 0x00},
	{"green", 0x00, 0x80, 0x00},
	{"darkgreen", 0x00, 0x64, 0x00},
	{"teal", 0x00, 0x80, 0x80},
	{"aqua", 0x00, 0xff, 0xff},
	{"lightblue", 0xad, 0xd8, 0xe6},
	{"skyblue", 0x87, 0xce, 0xeb},
	{"royalblue", 0x41, 0x69, 0xe1},
	{"blue", 0x00, 0x00, 0xff},
	{"navy", 0x00, 0x00, 0x80},
	{"indigo", 0x4b, 0x00, 0x82},
	{"purple", 0x80, 0x00, 0x80},
	{"violet", 0xee, 0x82, 0xee},
	{"fuchsia", 0xff, 0x00, 0xff},
	{"deeppink", 0xff, 0x14, 0x93},
	{"pink", 0xff, 0xc0, 0xcb},
}

// namedColors holds the CSS Color Module named colours as 0xRRGGBB.
var namedColors = map[string]uint32{
	"aliceblue": 0xf0f8ff, "antiquewhite": 0xfaebd7, "aqua": 0x00ffff,
	"aquamarine": 0x7fffd4, "azure": 0xf0ffff, "beige": 0xf5f5dc,
	"bisque": 0xffe4c4, "black": 0x000000, "blanchedalmond": 0xffebcd,
	"blue": 0x0000ff, "blueviolet": 0x8a2be2, "brown": 0xa52a2a,
	"burlywood": 0xdeb887, "cadetblue": 0x5f9ea0, "chartreuse": 0x7fff00,
	"chocolate": 0xd2691e, "coral": 0xff7f50, "cornflowerblue": 0x6495ed,
	"cornsilk": 0xfff8dc, "crimson": 0xdc143c, "cyan": 0x00ffff,
	"darkblue": 0x00008b, "darkcyan": 0x008b8b, "darkgoldenrod": 0xb8860b,
	"darkgray": 0xa9a9a9, "darkgreen": 0x006400, "darkgrey": 0xa9a9a9,
	"darkkhaki": 0xbdb76b, "darkmagenta": 0x8b008b, "darkolivegreen": 0x556b2f,
	"darkorange": 0xff8c00, "darkorchid": 0x9932cc, "darkred": 0x8b0000,
	"darksalmon": 0xe9967a, "darkseagreen": 0x8fbc8f, "darkslateblue": 0x483d8b,
	"darkslategray": 0x2f4f4f, "darkslategrey": 0x2f4f4f, "darkturquoise": 0x00ced1,
	"darkviolet": 0x9400d3, "deeppink": 0xff1493, "deepskyblue": 0x00bfff,
	"dimgray": 0x696969, "dimgrey": 0x696969, "dodgerblue": 0x1e90ff,
	"firebrick": 0xb22222, "floralwhite": 0xfffaf0, "forestgreen": 0x228b22,
	"fuchsia": 0xff00ff, "gainsboro": 0xdcdcdc, "ghostwhite": 0xf8f8ff,
	"gold": 0xffd700, "goldenrod": 0xdaa520, "gray": 0x808080,
	"green": 0x008000, "greenyellow": 0xadff2f, "grey": 0x808080,
	"honeydew": 0xf0fff0, "hotpink": 0xff69b4, "indianred": 0xcd5c5c,
	"indigo": 0x4b0082, "ivory": 0xfffff0, "khaki": 0xf0e68c,
	"lavender": 0xe6e6fa, "lavenderblush": 0xfff0f5, "lawngreen": 0x7cfc00,
	"lemonchiffon": 0xfffacd, "lightblue": 0xadd8e6, "lightcoral": 0xf08080,
	"lightcyan": 0xe0ffff, "lightgoldenrodyellow": 0xfafad2, "lightgray": 0xd3d3d3,
	"lightgreen": 0x90ee90, "lightgrey": 0xd3d3d3, "lightpink": 0xffb6c1,
	"lightsalmon": 0xffa07a, "lightseagreen": 0x20b2aa, "lightskyblue": 0x87cefa,
	"lightslategray": 0x778899, "lightslategrey": 0x778899, "lightsteelblue": 0xb0c4de,
	"lightyellow": 0xffffe0, "lime": 0x00ff00, "limegreen": 0x32cd32,
	"linen": 0xfaf0e6, "magenta": 0xff00ff, "maroon": 0x800000,
	"mediumaquamarine": 0x66cdaa, "mediumblue": 0x0000cd, "mediumorchid": 0xba55d3,
	"mediumpurple": 0x9370db, "mediumseagreen": 0x3cb371, "mediumslateblue": 0x7b68ee,
	"mediumspringgreen": 0x00fa9a, "mediumturquoise": 0x48d1cc, "mediumvioletred": 0xc71585,
	"midnightblue": 0x191970, "mintcream": 0xf5fffa, "mistyrose": 0xffe4e1,
	"moccasin": 0xffe4b5, "navajowhite": 0xffdead, "navy": 0x000080,
	"oldlace": 0xfdf5e6, "olive": 0x808000, "olivedrab": 0x6b8e23,
	"orange": 0xffa500, "orangered": 0xff4500, "orchid": 0xda70d6,
	"palegoldenrod": 0xeee8aa, "palegreen": 0x98fb98, "paleturquoise": 0xafeeee,
	"palevioletred": 0xdb7093, "papayawhip": 0xffefd5, "peachpuff": 0xffdab9,
	"peru": 0xcd853f, "pink": 0xffc0cb, "plum": 0xdda0dd,
	"powderblue": 0xb0e0e6, "purple": 0x800080, "rebeccapurple": 0x663399,
	"red": 0xff0000, "rosybrown": 0xbc8f8f, "royalblue": 0x4169e1,
	"saddlebrown": 0x8b4513, "salmon": 0xfa8072, "sandybrown": 0xf4a460,
	"seagreen": 0x2e8b57, "seashell": 0xfff5ee, "sienna": 0xa0522d,
	"silver": 0xc0c0c0, "skyblue": 0x87ceeb, "slateblue": 0x6a5acd,
	"slategray": 0x708090, "slategrey": 0x708090, "snow": 0xfffafa,
	"springgreen": 0x00ff7f, "steelblue": 0x4682b4, "tan": 0xd2b48c,
	"teal": 0x008080, "thistle": 0xd8bfd8, "tomato": 0xff6347,
	"turquoise": 0x40e0d0, "violet": 0xee82ee, "wheat": 0xf5deb3,
	"white": 0xffffff, "whitesmoke": 0xf5f5f5, "yellow": 0xffff00,
	"yellowgreen": 0x9acd32,
}

// colorClass maps a [color=...] value to its class name.
func colorClass(v string) (string, bool) {
	if len(v) == 0 || len(v) > 20 {
		return "", false
	}
	var rgb uint32
	if v[0] == '#' {
		h := v[1:]
		if len(h) != 3 && len(h) != 6 {
			return "", false
		}
		for i := 0; i < len(h); i++ {
			d, ok := hexDigit(h[i])
			if !ok {
				return "", false
			}
			if len(h) == 3 {
				rgb = rgb<<8 | d<<4 | d
			} else {
				rgb = rgb<<4 | d
			}
		}
	} else {
		c, ok := namedColors[strings.ToLower(v)]
		if !ok {
			return "", false
		}
		rgb = c
	}
	return "bb-color-" + nearestColor(int(rgb>>16), int(rgb>>8&0xff), int(rgb&0xff)), true
}

func hexDigit(c byte) (uint32, bool) {
	switch {
	case '0' <= c && c <= '9':
		return uint32(c - '0'), true
	case 'a' <= c|0x20 && c|0x20 <= 'f':
		return uint32(c|0x20-'a') + 10, true
	}
	return 0, false
}

// nearestColor picks the palette colour closest to r,g,b by the "redmean"
// weighted distance, a cheap approximation of perceived difference that
// beats plain RGB distance on reds and blues.
func nearestColor(r, g, b int) string {
	best, bestD := "", -1
	for _, p := range palette {
		rm := (r + p.r) / 2
		dr, dg, db := r-p.r, g-p.g, b-p.b
		d := (512+rm)*dr*dr>>8 + 4*dg*dg + (767-rm)*db*db>>8
		if bestD < 0 || d < bestD {
			best, bestD = p.name, d
		}
	}
	return best
}

// sizes are the size classes; sizeClass rounds to the nearest.
var sizes = []int{50, 85, 100, 150, 200}

const minSize, maxSize = 50, 200

// sizeClass maps a [size=...] value to its class name.
func sizeClass(v string) (string, bool) {
	if len(v) == 0 || len(v) > 3 {
		return "", false
	}
	n := 0
	for i := 0; i < len(v); i++ {
		if v[i] < '0' || v[i] > '9' {
			return "", false
		}
		n = n*10 + int(v[i]-'0')
	}
	if n < minSize || n > maxSize {
		return "", false
	}
	best := sizes[0]
	for _, s := range sizes[1:] {
		// Ties go up: n is at least as close to s as to best.
		if abs(n-s) <= abs(n-best) {
			best = s
		}
	}
	return sizeClassNames[best], true
}

var sizeClassNames = map[int]string{
	50: "bb-size-50", 85: "bb-size-85", 100: "bb-size-100", 150: "bb-size-150", 200: "bb-size-200",
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
