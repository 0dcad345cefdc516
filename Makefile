# Hyperboard: `make run` serves the forum, `make test` runs every test.
# Each target installs what it needs on a fresh machine.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := run

GO        ?= go
BIN       := bin/hyperboard
DIST      := assets/dist
CHROMIUM  ?= /usr/bin/chromium
SUDO      := $(if $(filter 0,$(shell id -u)),,sudo)
APT_INSTALL = $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq
GO_FILES   = $(shell find . -name '*.go' -not -path './node_modules/*' -not -path './data/*')
TEMPL_FILES = $(wildcard views/*.templ)

.PHONY: run test build assets generate chromium postgres vet fuzz audit clean

## run: build everything and serve the forum on http://127.0.0.1:8080 (HYPERBOARD_ADDR to change)
run: build postgres
	exec ./$(BIN) serve

## build: the binary with its assets embedded
build: $(BIN)

$(BIN): generate assets go.mod go.sum $(GO_FILES)
	$(GO) build -o $(BIN) .

## test: vet, then every test (unit, database, HTTP, browser), then a short
## fuzz run of the BBCode renderer beyond its committed corpus (`make fuzz`
## explores longer)
test: build postgres chromium vet
	$(GO) test -count=1 ./...
	$(GO) test ./bbcode -run '^$$' -fuzz FuzzCook -fuzztime 10s

## fuzz: a longer fuzz run of the BBCode renderer (FUZZTIME=5m by default)
FUZZTIME ?= 5m
fuzz: generate
	$(GO) test ./bbcode -run '^$$' -fuzz FuzzCook -fuzztime $(FUZZTIME)

## audit: Lighthouse (from npm) in Debian's chromium on the board index, a
## forum, a 25-post topic, the login page and a member's settings page, with
## the mobile and desktop presets; writes the scores and byte weights into
## the Browser audit section of BENCHMARKS.md
audit: build postgres chromium
	$(GO) run ./tools/audit

vet: generate assets
	$(GO) vet ./...

## generate: Go code from the templ components (committed; CI checks it matches)
generate: .make/templ

.make/templ: $(TEMPL_FILES) go.mod | .make
	$(GO) tool templ generate -log-level warn
	@touch $@

## assets: stylesheet (Tailwind), htmx, our script and service worker, the
## icons (PNGs drawn from their SVG sources), each text file precompressed
ICONS = $(DIST)/favicon.svg $(DIST)/icon-192.png $(DIST)/icon-512.png $(DIST)/icon-maskable-512.png $(DIST)/apple-touch-icon.png
BUILT = $(DIST)/app.css $(DIST)/htmx.min.js $(DIST)/app.js $(DIST)/sw.js $(ICONS)
assets: $(BUILT) .make/precompressed

$(DIST)/app.css: assets/css/app.css tailwind.config.js $(TEMPL_FILES) node_modules/.package-lock.json
	npx --no-install tailwindcss -i assets/css/app.css -o $@ --minify

$(DIST)/htmx.min.js: node_modules/.package-lock.json
	cp node_modules/htmx.org/dist/htmx.min.js $@

$(DIST)/favicon.svg: assets/icons/favicon.svg
	cp $< $@

$(DIST)/app.js: assets/js/app.js
	cp $< $@

$(DIST)/sw.js: assets/js/sw.js
	cp $< $@

$(DIST)/icon-%.png: assets/icons/favicon.svg assets/iconpng/main.go
	$(GO) run ./assets/iconpng $< $* $@

$(DIST)/icon-maskable-512.png: assets/icons/maskable.svg assets/iconpng/main.go
	$(GO) run ./assets/iconpng $< 512 $@

# Apple's home screen rounds the corners itself, so it gets the full-bleed icon.
$(DIST)/apple-touch-icon.png: assets/icons/maskable.svg assets/iconpng/main.go
	$(GO) run ./assets/iconpng $< 180 $@

.make/precompressed: $(BUILT) assets/precompress/main.go | .make
	$(GO) run ./assets/precompress $(DIST)
	@touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

## postgres: the PostgreSQL server binaries for the private cluster, installed when missing
postgres:
	@if ! command -v initdb >/dev/null && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
		echo "installing Debian's PostgreSQL server binaries"; \
		$(APT_INSTALL) postgresql; \
	fi

## chromium: Debian's browser for the browser tests, installed when missing
chromium:
	@if [ ! -x $(CHROMIUM) ]; then \
		echo "installing Debian's chromium for the browser tests"; \
		$(APT_INSTALL) chromium; \
	fi

.make:
	@mkdir -p .make

## clean: remove what the build made (keeps ./data)
clean:
	rm -rf bin .make node_modules $(DIST)/*.css $(DIST)/*.js $(DIST)/*.svg $(DIST)/*.png $(DIST)/*.gz $(DIST)/*.br
