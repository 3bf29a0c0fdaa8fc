# mk/report.mk - the browser test of the map and print outputs
# (tests/e2e_report.sh): headless Chromium renders laporan.html and
# cakupan.html.  It skips, saying so, only when Chromium is not installed.
.PHONY: e2e-report
CHECK_EXTRA += e2e-report

e2e-report: $(BUILD)/siaga
	@SIAGA=$(BUILD)/siaga sh tests/e2e_report.sh
