# mk/browser.mk: `make test-browser`, the demo and the loader's node tests in
# a real browser: Debian's chromium driven by playwright-core,
# against pages served by python3 -m http.server on a free loopback port.
# Included by the top-level Makefile (NODE, site); `make test` runs it.
#   make test-browser                     the demo, then tests/node/ in chromium
#   make test-browser CHROMIUM=/path      another chromium binary
# The demo test leaves a screenshot in tests/out/demo.png.

CHROMIUM ?= /usr/bin/chromium
BROWSER_PACKAGES := chromium chromium-driver

.PHONY: test-browser demo-screenshot

test-browser:
	./scripts/install-deps.sh $(BROWSER_PACKAGES)
	$(MAKE) site
	CHROMIUM=$(CHROMIUM) $(NODE) --test --test-concurrency=3 tests/browser/*.test.mjs

# Re-takes docs/demo.png (the README's picture) at a human pace: objects
# created, dropped and collected over half a minute, so the chart shows it.
demo-screenshot:
	./scripts/install-deps.sh $(BROWSER_PACKAGES)
	$(MAKE) site
	CHROMIUM=$(CHROMIUM) $(NODE) tests/browser/screenshot.mjs docs/demo.png
