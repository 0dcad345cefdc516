package models

import (
	"math/rand/v2"
	"strings"
)

// Words for the synthetic board: titles, signatures and bodies.

type bulkText struct {
	rng *rand.Rand
	buf []byte
}

func newBulkText(rng *rand.Rand) *bulkText { return &bulkText{rng: rng} }

func (x *bulkText) pick(list []string) string { return list[x.rng.IntN(len(list))] }

var (
	bulkTools = []string{
		"bandsaw", "soldering iron", "router table", "PLA filament", "oscilloscope", "dovetail jig",
		"workbench", "dust collector", "stepper motor", "hand plane", "bench power supply", "chisel set",
		"wood lathe", "resin printer", "multimeter", "table saw fence", "spray booth", "drill press",
		"hot air station", "laser cutter", "spokeshave", "mitre saw", "CNC spindle", "belt sander",
		"parallel clamps", "logic analyser", "marking gauge", "heat-set inserts", "sharpening stone", "reflow oven",
	}
	bulkProjects = []string{
		"bookshelf", "guitar pedal", "weather station", "shaker table", "cutting board", "LED matrix clock",
		"tool chest", "bird feeder", "grinder stand", "drone frame", "step stool", "synth module",
		"picture frame", "plant monitor", "jewellery box", "spice rack", "keyboard case", "garden bench",
	}
	bulkAdjectives = []string{
		"cheap", "second-hand", "vintage", "noisy", "wobbly", "budget", "homemade", "cordless",
		"tiny", "oversized", "refurbished", "inherited", "rusty", "brand new", "Japanese", "hand-built",
	}
	bulkProblems = []string{
		"overheating", "slipping", "buzzing", "drifting out of square", "tripping the breaker", "jamming",
		"leaving burn marks", "skipping steps", "chattering", "losing calibration", "smoking", "wandering",
	}
	bulkTasks = []string{
		"flatten a warped board", "store filament", "sharpen a chisel", "desolder SMD parts", "finish oak",
		"cut acrylic cleanly", "ground a workshop", "level a print bed", "glue up a tabletop", "tune a hand plane",
		"label a parts drawer", "heat a cold garage", "remove rust", "wire a limit switch",
	}
	bulkPlaces = []string{"the UK", "Berlin", "Ontario", "Melbourne", "Texas", "Lyon", "Oslo", "Dublin", "Osaka"}
	bulkWords  = strings.Fields(`the a my your this that our some every old new small big first last
		board joint glue clamp blade fence bit motor wire fuse board part case frame shelf drawer lid edge
		grain finish oil wax varnish screw bolt nut washer spring bearing belt pulley gear shaft spindle
		bench vice jig template sketch drawing plan measurement tolerance gap angle corner face end side
		cut sand drill solder print fit tighten loosen check measure mark plane turn wire test flash mount
		works fails cracks slips holds binds wobbles hums clicks rattles shines dries cures warps
		quickly slowly carefully roughly nearly barely finally again still already almost really
		because although when after before while until unless so but and or then also
		oak pine maple walnut birch plywood aluminium steel brass copper acrylic PETG resin epoxy
		weekend evening morning garage shed workshop kitchen table`)
	bulkPhrases = []string{
		"Thanks for the help, everyone.", "Has anyone else seen this?", "I'll post pictures tomorrow.",
		"Don't over-tighten it.", "Measure twice, cut once.", "That's exactly what I needed.",
		"Any ideas?", "It's not perfect, but it works.", "Same here & it drove me mad.",
		"Update: fixed it, it was the \"obvious\" thing.", "Good luck with the build!", "+1 to what they said.",
	}
	// Links in posts go to the domains reserved for examples.
	bulkLinks = []string{
		"There's a good write-up on this at [url=https://example.com/guides/flattening-boards]example.com[/url].",
		"The manual is here: [url]https://example.net/manuals/drill-press.pdf[/url]",
		"This video helped me a lot: https://video.example.org/watch?v=plane-tuning",
		"I followed [url=https://example.org/wiki/Dovetail_joint]the wiki page on dovetails[/url] step by step.",
		"Datasheet, for anyone curious: https://example.com/parts/a4988-stepper-driver.pdf",
		"Full build log on [url=https://blog.example.net/2024/05/workbench]my blog[/url], part one.",
	}
	bulkSignatures = []string{
		"Measure twice, cut once, swear three times.",
		"Currently building: a workbench to build workbenches on.",
		"Three 3D printers, zero working.",
		"If it's stupid but it works, it isn't stupid.",
		"Sawdust is man glitter.\nShop tour: see my profile.",
		"Ten fingers and counting.",
		"Hobbyist since 1998 <still learning>",
		"All my projects are 90% done.",
	}
)

func (x *bulkText) topicTitle() string {
	var t string
	switch x.rng.IntN(12) {
	case 0:
		t = "Which " + x.pick(bulkTools) + " should I buy?"
	case 1:
		t = x.pick(bulkAdjectives) + " " + x.pick(bulkTools) + " vs " + x.pick(bulkTools) + ": worth the upgrade?"
	case 2:
		t = "Help: my " + x.pick(bulkTools) + " keeps " + x.pick(bulkProblems)
	case 3:
		t = "First attempt at a " + x.pick(bulkProjects) + ", feedback welcome"
	case 4:
		t = "Restoring a " + x.pick(bulkAdjectives) + " " + x.pick(bulkTools)
	case 5:
		t = "Best way to " + x.pick(bulkTasks) + "?"
	case 6:
		t = "Anyone tried the new " + x.pick(bulkTools) + "?"
	case 7:
		t = "Show us your " + x.pick(bulkProjects) + "s"
	case 8:
		t = x.pick(bulkTools) + ": tips for beginners"
	case 9:
		t = "Finally finished my " + x.pick(bulkProjects) + "!"
	case 10:
		t = "Is a " + x.pick(bulkAdjectives) + " " + x.pick(bulkTools) + " worth it?"
	default:
		t = "Where to buy a " + x.pick(bulkTools) + " in " + x.pick(bulkPlaces) + "?"
	}
	switch x.rng.IntN(20) {
	case 0:
		t += " [solved]"
	case 1:
		t += " (update)"
	}
	return strings.ToUpper(t[:1]) + t[1:]
}

func (x *bulkText) stickyTitle(forum string) string {
	if x.rng.IntN(2) == 0 {
		return "Read this first: getting good answers in " + forum
	}
	return forum + " FAQ and useful links"
}

func (x *bulkText) announcementTitle() string {
	return x.pick([]string{"Board rules (updated)", "Scheduled maintenance this weekend", "New: signatures and ranks", "Welcome to the new forum software"})
}

// signature returns "" for three members in four.
func (x *bulkText) signature() string {
	if x.rng.IntN(4) != 0 {
		return ""
	}
	return x.pick(bulkSignatures)
}

// body returns a post of 200 to 2,000 characters of BBCode, most of them
// short: paragraphs of sentences with now and then a word in bold or
// italics, a link or a list, and, when quote names someone, a quote of
// that member first. Sentences stay under about 230 characters and a list
// is only started where it fits, so a body stops within that of its target
// and the target stops short of the limit by as much.
func (x *bulkText) body(quote string) string {
	u := x.rng.Float64()
	target := 200 + int(u*u*1560)
	b := x.buf[:0]
	if quote != "" {
		b = append(b, `[quote="`...)
		b = append(b, quote...)
		b = append(b, "\"]\n"...)
		b = x.sentence(b)
		if x.rng.IntN(2) == 0 {
			b = x.sentence(append(b, ' '))
		}
		b = append(b, "\n[/quote]\n"...)
	}
	para := 0
	paraTarget := 150 + x.rng.IntN(500)
	for first := true; first || len(b) < target; first = false {
		switch {
		case para >= paraTarget && target-len(b) > bulkListMax && x.rng.IntN(4) == 0:
			b = x.list(b)
			para, paraTarget = 0, 150+x.rng.IntN(500)
		case para >= paraTarget:
			b = append(b, "\n\n"...)
			para, paraTarget = 0, 150+x.rng.IntN(500)
		default:
			if para > 0 {
				b = append(b, ' ')
			}
			n := len(b)
			if x.rng.IntN(40) == 0 {
				b = append(b, x.pick(bulkLinks)...)
			} else {
				b = x.sentence(b)
			}
			para += len(b) - n
		}
	}
	x.buf = b
	return string(b)
}

// bulkListMax bounds what list adds: five items of at most six words.
const bulkListMax = 450

// list appends a list of two to five items on lines of their own, after the
// sentence before it.
func (x *bulkText) list(b []byte) []byte {
	if x.rng.IntN(3) == 0 {
		b = append(b, "\n[list=1]\n"...)
	} else {
		b = append(b, "\n[list]\n"...)
	}
	for range 2 + x.rng.IntN(4) {
		b = append(b, "[*]"...)
		b = x.words(b, 1+x.rng.IntN(6), -1)
		b = append(b, '\n')
	}
	return append(b, "[/list]\n"...)
}

func (x *bulkText) sentence(b []byte) []byte {
	if x.rng.IntN(6) == 0 {
		return append(b, x.pick(bulkPhrases)...)
	}
	n := 5 + x.rng.IntN(14)
	marked := -1
	if x.rng.IntN(8) == 0 {
		marked = 1 + x.rng.IntN(n-2) // never the first word or the last, which carries the stop
	}
	b = x.words(b, n, marked)
	return append(b, ".....?!"[x.rng.IntN(7)])
}

// words appends n words, the first capitalised, the one at marked (if any)
// in bold or italics.
func (x *bulkText) words(b []byte, n, marked int) []byte {
	for i := range n {
		w := x.pick(bulkWords)
		if i > 0 {
			b = append(b, ' ')
		}
		tag := ""
		if i == marked {
			tag = "b"
			if x.rng.IntN(2) == 0 {
				tag = "i"
			}
			b = append(b, '[')
			b = append(b, tag...)
			b = append(b, ']')
		}
		if i == 0 {
			b = append(b, strings.ToUpper(w[:1])...)
			w = w[1:]
		}
		b = append(b, w...)
		if tag != "" {
			b = append(b, "[/"...)
			b = append(b, tag...)
			b = append(b, ']')
		}
	}
	return b
}
