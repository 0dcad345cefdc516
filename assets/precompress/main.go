// Command precompress writes a .gz and a .br beside every built text asset,
// at the highest levels, so the server never compresses them at request
// time. PNGs are compressed already and are left alone.
package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/andybalholm/brotli"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: precompress DIR")
		os.Exit(2)
	}
	err := filepath.WalkDir(os.Args[1], func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), ".") ||
			strings.HasSuffix(p, ".gz") || strings.HasSuffix(p, ".br") || strings.HasSuffix(p, ".png") {
			return err
		}
		raw, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		var gz, br bytes.Buffer
		gw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
		gw.Write(raw)
		if err := gw.Close(); err != nil {
			return err
		}
		bw := brotli.NewWriterLevel(&br, brotli.BestCompression)
		bw.Write(raw)
		if err := bw.Close(); err != nil {
			return err
		}
		if err := os.WriteFile(p+".gz", gz.Bytes(), 0o644); err != nil {
			return err
		}
		return os.WriteFile(p+".br", br.Bytes(), 0o644)
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "precompress:", err)
		os.Exit(1)
	}
}
