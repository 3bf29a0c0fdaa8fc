# mk/fuzz.mk - libFuzzer targets for every reader (fuzz/fuzz_*.c).
#
#   make fuzz                 build with clang, run each target FUZZ_TIME s
#   make fuzz FUZZ_TIME=1200 FUZZ_TARGETS=fuzz_roster
#   make fuzz-smoke           FUZZ_SMOKE_TIME s per target, a core each:
#                             about a minute in all (CI, after make test)
#   make fuzz-regress         replay seeds and fuzz/regress/ (in make check)
#
# A target fuzz_X is seeded from tests/data/X/ and fuzz/seeds/fuzz_X/; its
# growing corpus and any crash land in build/fuzz/ (never committed).  A
# crash is fixed, then copied to fuzz/regress/fuzz_X/, which make check
# replays with the ordinary compiler and again under ASan/UBSan.

FUZZ_CC      ?= clang
FUZZ_BUILD   ?= build/fuzz
FUZZ_TIME    ?= 600
FUZZ_SMOKE_TIME ?= 12
FUZZ_SRC     := $(sort $(wildcard fuzz/fuzz_*.c))
FUZZ_ALL     := $(filter-out fuzz_input,$(FUZZ_SRC:fuzz/%.c=%))
FUZZ_TARGETS ?= $(FUZZ_ALL)
FUZZ_DEFS    := -DFUZZ_AUDIT_SCENARIO='"$(CURDIR)/tests/data/scenario/spec-example.xml"'

.PHONY: fuzz fuzz-build fuzz-smoke fuzz-regress

# Inside the sub-make BUILD is $(FUZZ_BUILD) and the library is built by
# clang with coverage hooks and ASan/UBSan (SAN=1).
$(BUILD)/fuzz/fuzz_%: fuzz/fuzz_%.c fuzz/fuzz_input.c fuzz/fuzz_input.h $(BUILD)/libsiaga.a
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(FUZZ_DEFS) $(ALL_CFLAGS) -fsanitize=fuzzer \
		$(LDFLAGS) -Wl,--wrap=fsync -o $@ $< fuzz/fuzz_input.c $(BUILD)/libsiaga.a $(LDLIBS)

# The same targets without libFuzzer: replay.c feeds them files.
$(BUILD)/fuzz-replay/fuzz_%: fuzz/fuzz_%.c fuzz/replay.c fuzz/fuzz_input.c fuzz/fuzz_input.h $(BUILD)/libsiaga.a
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(FUZZ_DEFS) $(ALL_CFLAGS) $(LDFLAGS) -Wl,--wrap=fsync -o $@ \
		$< fuzz/replay.c fuzz/fuzz_input.c $(BUILD)/libsiaga.a $(LDLIBS)

fuzz-build:
	$(MAKE) BUILD=$(FUZZ_BUILD) CC=$(FUZZ_CC) SAN=1 \
		CFLAGS="-O1 -g -fsanitize=fuzzer-no-link" \
		$(FUZZ_TARGETS:%=$(FUZZ_BUILD)/fuzz/%)

fuzz: fuzz-build
	FUZZ_BUILD=$(FUZZ_BUILD) sh fuzz/run.sh $(FUZZ_TIME) $(FUZZ_TARGETS)

fuzz-smoke: fuzz-build
	FUZZ_BUILD=$(FUZZ_BUILD) sh fuzz/run.sh $(FUZZ_SMOKE_TIME) $(FUZZ_TARGETS)

fuzz-regress: $(FUZZ_ALL:%=$(BUILD)/fuzz-replay/%)
	@set -e; LSAN_OPTIONS=suppressions=$(CURDIR)/fuzz/lsan.supp; export LSAN_OPTIONS; \
	for t in $(FUZZ_ALL); do \
		d=$${t#fuzz_}; \
		$(BUILD)/fuzz-replay/$$t $$(for x in tests/data/$$d fuzz/seeds/$$t fuzz/regress/$$t; do \
			[ -d $$x ] && echo $$x; done); \
	done

CHECK_EXTRA += fuzz-regress
