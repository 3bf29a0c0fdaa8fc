# mk/khusus.mk - end-to-end checks of TPS khusus and the rule presets
# (tests/e2e_khusus.sh): import of a TPS 901, plan, check and reports of
# a khusus post; every scenarios/pola-*.xml preset plans Kaur and passes
# check.

.PHONY: e2e-khusus
CHECK_EXTRA += e2e-khusus

e2e-khusus: $(BUILD)/siaga
	@SIAGA=$(BUILD)/siaga sh tests/e2e_khusus.sh
