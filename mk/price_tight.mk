# mk/price_tight.mk - the posts proof (solver/cluster_price.c) on small
# cases with its working limits made tiny, so that paths the small cases
# of the tests never reach at the real sizes run on every case: the LP
# trimmed past 8 columns (lp_trim; at the real sizes past 4 a TPS and
# 2,000), the pricing under cuts cut short after 1 node and redone
# deeper.  The same tests, the same expectations: a limit may make the
# proof slower, never different.

TIGHT_DEFS := -DLP_KEEP_MIN=4 -DLP_KEEP_PER_TPS=0 -DPRICE_NODES=1
TIGHT_TESTS := test_posts_bound test_crosscheck

.PHONY: unit-tight
CHECK_EXTRA += unit-tight

$(BUILD)/tight/cluster_price.o: solver/cluster_price.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(TIGHT_DEFS) -c -o $@ $<

# the object comes before the library, so the linker takes its
# cluster_price_posts and never pulls the library's copy
$(BUILD)/tight/%: tests/%.c $(BUILD)/tight/cluster_price.o $(BUILD)/libsiaga.a
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CMOCKA_CFLAGS) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< \
		$(BUILD)/tight/cluster_price.o $(BUILD)/libsiaga.a $(CMOCKA_LIBS) $(LDLIBS)

unit-tight: $(TIGHT_TESTS:%=$(BUILD)/tight/%)
	@set -e; for t in $^; do echo "== $$t"; $$t; done
