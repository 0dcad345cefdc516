// Package assets holds the built stylesheet and scripts, embedded into the
// binary and addressed by content-hashed URLs so browsers may cache them
// forever.
package assets

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"maps"
	"mime"
	"path"
	"slices"
	"strings"
)

//go:embed all:dist
var dist embed.FS

// Prefix is the URL path under which assets are served.
const Prefix = "/assets/"

// Asset is one built file with its precompressed forms, when the build made them.
type Asset struct {
	URL         string
	ContentType string
	ETag        string
	Raw         []byte
	Gzip        []byte
	Brotli      []byte
}

// Manifest maps build names ("app.css") to hashed URLs and back.
type Manifest struct {
	byName  map[string]*Asset
	byURL   map[string]*Asset
	version string
}

// Required are the build names every page or the service worker refers to.
var Required = []string{
	"app.css", "bundle.js", "sw.js",
	"favicon.svg", "icon-192.png", "icon-512.png", "icon-maskable-512.png", "apple-touch-icon.png",
}

// Load indexes the embedded build. It fails when the build is missing, so a
// binary built without `make` says so at start-up rather than serving pages
// without styles.
func Load() (*Manifest, error) {
	m := &Manifest{byName: map[string]*Asset{}, byURL: map[string]*Asset{}}
	err := fs.WalkDir(dist, "dist", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		name := strings.TrimPrefix(p, "dist/")
		if strings.HasPrefix(path.Base(name), ".") || strings.HasSuffix(name, ".gz") || strings.HasSuffix(name, ".br") {
			return nil
		}
		raw, err := dist.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(raw)
		hash := hex.EncodeToString(sum[:])[:12]
		ext := path.Ext(name)
		a := &Asset{
			URL:         Prefix + strings.TrimSuffix(name, ext) + "." + hash + ext,
			ContentType: mime.TypeByExtension(ext),
			ETag:        `"` + hash + `"`,
			Raw:         raw,
		}
		a.Gzip, _ = dist.ReadFile(p + ".gz")
		a.Brotli, _ = dist.ReadFile(p + ".br")
		m.byName[name] = a
		m.byURL[a.URL] = a
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, required := range Required {
		if m.byName[required] == nil {
			return nil, fmt.Errorf("assets: %s is missing from the build; run `make build`", required)
		}
	}
	urls := slices.Sorted(maps.Keys(m.byURL))
	all := sha256.Sum256([]byte(strings.Join(urls, "\n")))
	m.version = hex.EncodeToString(all[:])[:12]
	return m, nil
}

// Version names the whole build: it changes whenever any asset does, and
// the service worker keys its caches by it.
func (m *Manifest) Version() string { return m.version }

// URL returns the hashed URL of a build name; it panics on a name the build
// lacks, which is a programming error caught by any test that renders a page.
func (m *Manifest) URL(name string) string {
	a, ok := m.byName[name]
	if !ok {
		panic("assets: unknown asset " + name)
	}
	return a.URL
}

// Lookup finds the asset served at a URL path.
func (m *Manifest) Lookup(urlPath string) (*Asset, bool) {
	a, ok := m.byURL[urlPath]
	return a, ok
}
