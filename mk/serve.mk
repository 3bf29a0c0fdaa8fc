# mk/serve.mk - siaga serve (issue 13): its page compiled into the
# program, and its tests (tests/e2e_serve.sh: the HTTP API with curl;
# tests/browser/serve.mjs: the page in headless Chromium driven by
# playwright-core).  Leaflet and playwright-core come from npm, pinned by
# package-lock.json and installed with `npm ci`.

WEB_FILES := index.html=web/index.html app.js=web/app.js app.css=web/app.css \
	leaflet.js=node_modules/leaflet/dist/leaflet.js \
	leaflet.css=node_modules/leaflet/dist/leaflet.css
WEB_SRC := $(foreach f,$(WEB_FILES),$(word 2,$(subst =, ,$(f))))

# npm ci when the lock file is newer than the installed tree (npm writes
# node_modules/.package-lock.json on every install).
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@
node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css: node_modules/.package-lock.json

$(BUILD)/gen/web.c: $(WEB_SRC) tools/embed-web.py
	@mkdir -p $(@D)
	python3 tools/embed-web.py $(WEB_FILES) > $@.tmp && mv $@.tmp $@

$(BUILD)/gen/web.o: $(BUILD)/gen/web.c
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

.PHONY: e2e-serve browser-serve
CHECK_EXTRA += e2e-serve browser-serve

e2e-serve: $(BUILD)/siaga
	@SIAGA=$(BUILD)/siaga sh tests/e2e_serve.sh

browser-serve: $(BUILD)/siaga node_modules/.package-lock.json
	@SIAGA=$(BUILD)/siaga sh tests/browser/run.sh
