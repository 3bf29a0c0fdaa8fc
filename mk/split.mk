# mk/split.mk - end-to-end checks of `siaga split` and `siaga merge`
# (tests/e2e_split.sh): split -> plan each part -> merge must give the
# one-shot roster byte for byte and pass `siaga check` as it does; the
# refusals (scope-less unit, overlapping rosters) name file and line.
.PHONY: e2e-split
CHECK_EXTRA += e2e-split

e2e-split: $(BUILD)/siaga
	@SIAGA=$(BUILD)/siaga sh tests/e2e_split.sh
