# Re-planning against a baseline roster (issue 7, item 2).
CHECK_EXTRA += e2e-baseline
.PHONY: e2e-baseline
e2e-baseline: $(BUILD)/siaga
	@SIAGA=$(BUILD)/siaga sh tests/e2e_baseline.sh
