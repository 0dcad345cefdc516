// Command iconpng draws an SVG icon into a square PNG of the size asked
// for, so that the icons browsers want as bitmaps (the web app manifest's,
// Apple's home-screen icon) come from the same source as the SVG favicon.
package main

import (
	"fmt"
	"image"
	"image/png"
	"os"
	"strconv"

	"github.com/srwiley/oksvg"
	"github.com/srwiley/rasterx"
)

func main() {
	if len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: iconpng SOURCE.svg SIZE OUT.png")
		os.Exit(2)
	}
	if err := draw(os.Args[1], os.Args[2], os.Args[3]); err != nil {
		fmt.Fprintln(os.Stderr, "iconpng:", err)
		os.Exit(1)
	}
}

func draw(source, sizeArg, out string) error {
	size, err := strconv.Atoi(sizeArg)
	if err != nil || size < 16 || size > 2048 {
		return fmt.Errorf("size %q: want a number of pixels from 16 to 2048", sizeArg)
	}
	in, err := os.Open(source)
	if err != nil {
		return err
	}
	defer in.Close()
	// Strict: an SVG feature the rasteriser does not know is an error,
	// not a silently different icon.
	icon, err := oksvg.ReadIconStream(in, oksvg.StrictErrorMode)
	if err != nil {
		return fmt.Errorf("%s: %w", source, err)
	}
	icon.SetTarget(0, 0, float64(size), float64(size))
	img := image.NewRGBA(image.Rect(0, 0, size, size))
	scanner := rasterx.NewScannerGV(size, size, img, img.Bounds())
	icon.Draw(rasterx.NewDasher(size, size, scanner), 1)
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(f, img); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
