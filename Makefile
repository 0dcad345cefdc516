# Hyperboard: `make run` serves the forum, `make test` runs every test.
# Each target installs what it needs on a fresh machine.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := run

GO        ?= go
# go.mod's toolchain line names the Go release with the latest security
# fixes; the go command fetches it from the module proxy when the installed
# Go is older (a machine default of GOTOOLCHAIN=local would ignore it).
export GOTOOLCHAIN := auto
BIN       := bin/hyperboard
DIST      := assets/dist
CHROMIUM  ?= /usr/bin/chromium
SUDO      := $(if $(filter 0,$(shell id -u)),,sudo)
APT_INSTALL = $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq
GO_FILES   = $(shell find . -name '*.go' -not -path './node_modules/*' -not -path './data/*')
TEMPL_FILES = $(wildcard views/*.templ)

.PHONY: run test build assets generate chromium postgres vet fuzz soak security vulncheck audit clean bench wrk

## run: build everything and serve the forum on http://127.0.0.1:8080 (HYPERBOARD_ADDR to change)
run: build postgres
	exec ./$(BIN) serve

## build: the binary with its assets embedded
build: $(BIN)

$(BIN): generate assets go.mod go.sum $(GO_FILES)
	$(GO) build -o $(BIN) .

## test: vet, then every test (unit, database, HTTP, browser, a 30-second
## soak), then a short run of each fuzz target beyond its committed corpus
## (`make fuzz` explores longer), then the benchmark harness on a small board
test: build postgres chromium vet
	SOAK_DURATION=30s $(GO) test -count=1 -timeout 20m ./...
	$(MAKE) --no-print-directory fuzz FUZZTIME=10000x
	$(MAKE) --no-print-directory bench BENCH_SMOKE=1

## fuzz: each fuzz target in turn, FUZZTIME each (5m by default); inputs
## that fail are saved under testdata/fuzz and belong in the commit. `make
## test` gives each a count of inputs rather than a time: with a time, Go
## 1.26's fuzzing coordinator now and then reports its own deadline as a
## failure, with no failing input (Go issue 75804, fixed in 1.27).
FUZZTIME ?= 5m
FUZZ_TARGETS := ./bbcode:FuzzCook ./app:FuzzFormDecoders ./app:FuzzSearchParams \
	./models:FuzzHighlights ./models:FuzzSearch
fuzz: generate assets
	@for t in $(FUZZ_TARGETS); do \
		echo "fuzz $${t#*:} ($(FUZZTIME))"; \
		$(GO) test $${t%%:*} -run '^$$' -fuzz "^$${t#*:}$$" -fuzztime $(FUZZTIME) || exit 1; \
	done

## security: known vulnerabilities in the Go modules and standard library
## (govulncheck) and in the npm packages (npm audit)
security: vulncheck
	.ci/npm-audit

## vulncheck: govulncheck against a local copy of the Go vulnerability
## database, built from the golang.org/x/vulndb module (the newest on the
## module proxy), so it needs no other network access
GOVULNCHECK := golang.org/x/vuln/cmd/govulncheck@v1.9.0
vulncheck: | .make
	@v=$$($(GO) list -m -f '{{.Version}}' golang.org/x/vulndb@$${VULNDB_VERSION:-latest}); \
	db=.make/vulndb-$$v; \
	if [ ! -d $$db ]; then \
		src=$$($(GO) mod download -json golang.org/x/vulndb@$$v | sed -n 's/^\t"Dir": "\(.*\)",$$/\1/p'); \
		rm -rf $$db.tmp; \
		$(GO) run golang.org/x/vulndb/cmd/indexdb@$$v -vulns $$src/data/osv -out $$db.tmp; \
		mv $$db.tmp $$db; \
	fi; \
	echo "govulncheck with the vulnerability database $$v"; \
	$(GO) run $(GOVULNCHECK) -db file://$(CURDIR)/$$db ./...

## soak: mixed load against one server on loopback for SOAK_DURATION (10m)
SOAK_DURATION ?= 10m
soak: build postgres
	SOAK_DURATION=$(SOAK_DURATION) $(GO) test -count=1 -timeout 0 -v -run '^TestSoak$$' ./internal/soak

## audit: Lighthouse (from npm) in Debian's chromium on the board index, a
## forum, a 25-post topic, the login page and a member's settings page, with
## the mobile and desktop presets; writes the scores and byte weights into
## the Browser audit section of BENCHMARKS.md: the median of five runs of each
## (AUDIT_FLAGS="-runs 1" for one); -pages 'topic|settings' audits and prints
## only those; -keep DIR keeps each run's Lighthouse report and trace
AUDIT_FLAGS ?=
audit: build postgres chromium
	$(GO) run ./tools/audit $(AUDIT_FLAGS)

vet: generate assets
	$(GO) vet ./...

## generate: Go code from the templ components (committed; CI checks it matches)
generate: .make/templ

.make/templ: $(TEMPL_FILES) go.mod | .make
	$(GO) tool templ generate -log-level warn
	@touch $@

## assets: stylesheet (Tailwind), one script bundle (htmx, then our own
## script), the service worker, the icons (PNGs drawn from their SVG
## sources), each text file precompressed
ICONS = $(DIST)/favicon.svg $(DIST)/icon-192.png $(DIST)/icon-512.png $(DIST)/icon-maskable-512.png $(DIST)/apple-touch-icon.png
BUILT = $(DIST)/app.css $(DIST)/bundle.js $(DIST)/sw.js $(ICONS)
assets: $(BUILT) .make/precompressed

$(DIST)/app.css: assets/css/app.css tailwind.config.js $(TEMPL_FILES) node_modules/.package-lock.json
	npx --no-install tailwindcss -i assets/css/app.css -o $@ --minify

# One file, so a first visit costs one script request. htmx and our script
# that listens to its events are wrapped in startHtmx, which start.js calls
# on the reader's first act, so a page being read never evaluates them. The
# separate files of earlier builds are removed so that they are not
# embedded as well.
$(DIST)/bundle.js: node_modules/.package-lock.json assets/js/app.js assets/js/start.js
	rm -f $(DIST)/htmx.min.js* $(DIST)/app.js*
	{ echo 'function startHtmx() {'; cat node_modules/htmx.org/dist/htmx.min.js; echo; echo 'window.htmx = htmx;'; cat assets/js/app.js; echo '}'; cat assets/js/start.js; } > $@

$(DIST)/favicon.svg: assets/icons/favicon.svg
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

## bench: wrk against every hot page on a 1,000,000-post board, seeded once into
## .bench/board and reused; the table goes into BENCHMARKS.md. BENCH_SMOKE=1
## runs the same harness on a 10,000-post board for a second per row, printing only.
BENCH_SMOKE ?=
bench: build postgres wrk
	$(GO) run ./bench -bin $(BIN) $(if $(BENCH_SMOKE),-smoke -data .bench/smoke,-data .bench/board -profile .bench/cpu-member-topic.pprof)

## wrk: Debian's HTTP load generator for `make bench`, installed when missing
wrk:
	@if ! command -v wrk >/dev/null; then \
		echo "installing Debian's wrk for make bench"; \
		$(APT_INSTALL) wrk; \
	fi

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
