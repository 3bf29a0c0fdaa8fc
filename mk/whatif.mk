# mk/whatif.mk - end-to-end checks of the what-if commands
# (tests/e2e_whatif.sh): plan --with overlays, validate --with, bad
# overlays with their lines, bko.csv and its minimality on the Kaur
# overlays, and compare.

.PHONY: e2e-whatif
CHECK_EXTRA += e2e-whatif

e2e-whatif: $(BUILD)/siaga
	@SIAGA=$(BUILD)/siaga sh tests/e2e_whatif.sh
