# siaga - security-operations planner for Indonesian elections.
#
#   make            build build/siaga
#   make test       unit + end-to-end tests, then again under ASan/UBSan
#   make bench      benchmarks (bench/), never part of the tests
#   make install    PREFIX=/usr/local DESTDIR= (program, data, schemas, man page)
#   make uninstall  the same PREFIX and DESTDIR: removes all of it
#   make clean

PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share/siaga
MANDIR  ?= $(PREFIX)/share/man
BUILD   ?= build

CC      ?= cc
PKG_CONFIG ?= pkg-config
WARN    = -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
          -Wmissing-prototypes -Wwrite-strings
CFLAGS  ?= -O2 -g
# The user's CFLAGS come last and are never replaced.
ALL_CFLAGS = $(WARN) -D_POSIX_C_SOURCE=200809L -MMD -MP $(SAN_FLAGS) $(CFLAGS)
XML_CFLAGS := $(shell $(PKG_CONFIG) --cflags libxml-2.0 2>/dev/null || echo -I/usr/include/libxml2)
XML_LIBS   := $(shell $(PKG_CONFIG) --libs libxml-2.0 2>/dev/null || echo -lxml2)
CMOCKA_CFLAGS := $(shell $(PKG_CONFIG) --cflags cmocka 2>/dev/null)
CMOCKA_LIBS   := $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null || echo -lcmocka)
# Duty cards: QR codes (libqrencode) and the roster hash (Nettle's SHA-256).
CARD_CFLAGS := $(shell $(PKG_CONFIG) --cflags libqrencode nettle 2>/dev/null)
CARD_LIBS   := $(shell $(PKG_CONFIG) --libs libqrencode nettle 2>/dev/null || echo -lqrencode -lnettle)
# GLPK ships no .pc file on Debian.
GLPK_LIBS  ?= -lglpk
# Includes are written from the top of the tree with their layer
# ("model/scenario.h", "io/xml/guard.h"), so -I. is the only one of ours.
CPPFLAGS += -I. $(XML_CFLAGS) $(CARD_CFLAGS)
LDLIBS   += $(XML_LIBS) $(CARD_LIBS) $(GLPK_LIBS) -lmicrohttpd -lm -pthread

ifeq ($(SAN),1)
SAN_FLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
endif

LIB_SRC  := $(sort $(wildcard model/*.c io/*.c io/*/*.c solver/*.c serve/*.c))
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o) $(BUILD)/gen/schemas.o $(BUILD)/gen/web.o
TEST_SRC := $(sort $(wildcard tests/test_*.c))
TEST_BIN := $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)
SCHEMAS  := $(sort $(wildcard schema/*.xsd))

.PHONY: all test check unit e2e test-asan install uninstall clean bench FORCE
all: $(BUILD)/siaga

# Concerns with rules of their own (fuzzing, fault injection, ...) live in
# mk/*.mk; each may add a target to CHECK_EXTRA, which `make check` runs.
CHECK_EXTRA :=
-include $(sort $(wildcard mk/*.mk))

$(BUILD)/libsiaga.a: $(LIB_OBJ)
	@mkdir -p $(@D)
	rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/siaga: $(BUILD)/main.o $(BUILD)/libsiaga.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

# The XML Schemas are compiled into the program, so it never looks for
# them at run time; make install also puts them in $(DATADIR).
$(BUILD)/gen/schemas.c: $(SCHEMAS) tools/embed-schemas.sh
	@mkdir -p $(@D)
	sh tools/embed-schemas.sh $(SCHEMAS) > $@.tmp && mv $@.tmp $@

# Where the program finds the data it carries (data/, see main.c
# find_wilayah): the source tree relative to the executable, and
# $(DATADIR).  Rewritten only when they change, so main.o is rebuilt
# when PREFIX or DATADIR change (make install PREFIX=...) and not otherwise.
SRC_FROM_BUILD := $(shell realpath -m --relative-to=$(BUILD) .)
$(BUILD)/gen/paths.h: FORCE
	@mkdir -p $(@D)
	@printf '#define SIAGA_DATADIR "%s"\n#define SIAGA_SRC_FROM_EXE "%s"\n' \
		'$(DATADIR)' '$(SRC_FROM_BUILD)' > $@.tmp
	@if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi
$(BUILD)/main.o: $(BUILD)/gen/paths.h
$(BUILD)/main.o: CPPFLAGS += -I$(BUILD)
FORCE:

$(BUILD)/gen/schemas.o: $(BUILD)/gen/schemas.c
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/tests/%: tests/%.c $(BUILD)/libsiaga.a
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CMOCKA_CFLAGS) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< \
		$(BUILD)/libsiaga.a $(CMOCKA_LIBS) $(LDLIBS)

unit: $(TEST_BIN)
	@set -e; for t in $(TEST_BIN); do echo "== $$t"; $$t; done

e2e: $(BUILD)/siaga
	@SIAGA=$(BUILD)/siaga sh tests/e2e.sh

check: unit e2e $(CHECK_EXTRA)

# make test: the whole suite, then the whole suite again under sanitizers.
test:
	$(MAKE) check
	$(MAKE) BUILD=build/asan SAN=1 CFLAGS="-O1 -g" check
	@echo "all test suites passed"

$(BUILD)/bench_tool: bench/bench_tool.c $(BUILD)/libsiaga.a
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libsiaga.a $(LDLIBS)

# Benchmarks: never part of the tests; writes bench/RESULTS.md (the
# scales, CBC, the stress shapes) and bench/TIMELIMIT.md (does
# --time-limit hold on a province?), and siaga serve's answer to a change
# in Kota Tangerang (bench/serve_latency.sh).  The time and memory to refuse
# hostile inputs come first (bench/limits.sh).
bench: $(BUILD)/siaga $(BUILD)/bench_tool
	sh bench/limits.sh $(BUILD)
	sh bench/run.sh $(BUILD)
	sh bench/timelimit.sh $(BUILD)
	sh bench/serve_latency.sh $(BUILD)

install: $(BUILD)/siaga
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)
	install -m 755 $(BUILD)/siaga $(DESTDIR)$(BINDIR)/siaga
	install -m 644 $(SCHEMAS) $(DESTDIR)$(DATADIR)/
	install -m 644 data/wilayah-tps-2024.tsv $(DESTDIR)$(DATADIR)/
	install -d $(DESTDIR)$(MANDIR)/man1
	install -m 644 siaga.1 $(DESTDIR)$(MANDIR)/man1/siaga.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/siaga $(DESTDIR)$(MANDIR)/man1/siaga.1
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
