# mk/verify_cuts.mk - an independent check of the capacity cuts of the
# posts proof (issue 11): bench/cuts_dump.c writes, per component that
# reaches the set-partitioning proof, its TPS, the cuts of the master and
# the claimed post count; bench/verify_cuts.py recomputes every cut by great
# circle and asks CBC to refute the claim.  Slow on large components, so
# not part of make test.
#
#   make verify-cuts MAP=scenario.xml [KEC=320103] [MIN_N=50] [CBC_SEC=600]
#       KEC: plan that kecamatan only (bench/cut_kecamatan.py); MIN_N: dump
#       components of that many TPS or more; CBC_SEC: CBC's limit per
#       component.  Dumps in $(BUILD)/verify-cuts/; exits 0 when every
#       cut is valid and CBC refuted no claim, 3 when CBC ran out of time.
#   make verify-cuts-selftest   (part of make check: about a second)
#       The verifier on hand-worked 7-TPS cases: true cuts and claims
#       accepted, a cut above ceil(|S|/k) and a claim CBC beats refused.
#       Needs cbc; SIAGA_NO_CBC=1 skips it outside CI (tests/skip.sh).

#   make sat-posts MAP=scenario.xml [KEC=320103] [MIN_N=50] [SAT_SEC=60]
#       The same dumps, and bench/sat_posts.py asks CaDiCaL (Debian package
#       cadical) whether each component fits in one post fewer than found:
#       a refuted bound exits 1; where the component is unproven, "sat"
#       says the search missed a better clustering.
#   make sat-posts-selftest   (part of make check: under a second)
#       The 7-TPS line: 2 posts unsat, 3 sat, a false bound refuted.
#       Without cadical it says SKIPPED, except under CI.

# cuts_dump sees the proof through the linker, as tests/faults does
CUTS_WRAPS := cluster_price_posts cut_list_push cluster_regions_refute
MIN_N ?= 1
CBC_SEC ?= 600
VC_DIR = $(BUILD)/verify-cuts

SAT_SEC ?= 60

.PHONY: verify-cuts verify-cuts-selftest sat-posts sat-posts-selftest
CHECK_EXTRA += verify-cuts-selftest sat-posts-selftest

$(BUILD)/cuts_dump: bench/cuts_dump.c $(BUILD)/libsiaga.a
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(LDFLAGS) $(CUTS_WRAPS:%=-Wl,--wrap=%) -o $@ $< \
		$(BUILD)/libsiaga.a $(LDLIBS)

# The dumps of MAP (or of its kecamatan KEC) into $(VC_DIR)/dumps, then a
# checker on all of them: $(call dump_and_check,TARGET,LIMIT OPTION,CHECKER).
define dump_and_check
	@test -n "$(MAP)" || { echo "usage: make $(1) MAP=scenario.xml [KEC=code] [MIN_N=n] [$(2)]"; exit 2; }
	rm -rf $(VC_DIR) && mkdir -p $(VC_DIR)/dumps
	$(if $(KEC),python3 bench/cut_kecamatan.py $(MAP) $(KEC) $(VC_DIR)/map.xml,cp $(MAP) $(VC_DIR)/map.xml)
	$(BUILD)/cuts_dump $(VC_DIR)/map.xml $(VC_DIR)/dumps $(MIN_N)
	@set -- $(VC_DIR)/dumps/*.txt; test -e "$$1" || { echo "$(1): no component reached the set-partitioning proof"; exit 0; }; \
		$(3) "$$@"
endef

verify-cuts: $(BUILD)/cuts_dump
	$(call dump_and_check,verify-cuts,CBC_SEC=s,python3 bench/verify_cuts.py --cbc-seconds $(CBC_SEC))

verify-cuts-selftest:
	@if ! command -v cbc >/dev/null 2>&1 && [ "$${SIAGA_NO_CBC:-}" = 1 ] && [ -z "$${CI:-}" ]; then \
		echo "verify-cuts-selftest: SKIPPED: 7 checks: cbc is not installed (SIAGA_NO_CBC=1)"; \
	else python3 bench/verify_cuts.py --self-test; fi

sat-posts: $(BUILD)/cuts_dump
	$(call dump_and_check,sat-posts,SAT_SEC=s,python3 bench/sat_posts.py --seconds $(SAT_SEC))

sat-posts-selftest:
	@if ! command -v cadical >/dev/null 2>&1 && [ -z "$${CI:-}" ]; then \
		echo "sat-posts-selftest: SKIPPED: 3 checks: cadical is not installed (tools/install-deps.sh)"; \
	else python3 bench/sat_posts.py --self-test; fi
