# mk/polres.mk - end-to-end checks of Polres jurisdictions
# (tests/e2e_polres.sh): totals per Polres in ringkasan.txt and
# laporan.html, split --by polres and merge, BKO formations per Polres,
# bad jurisdictions with their lines.

.PHONY: e2e-polres
CHECK_EXTRA += e2e-polres

e2e-polres: $(BUILD)/siaga
	@SIAGA=$(BUILD)/siaga sh tests/e2e_polres.sh
