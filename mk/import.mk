# mk/import.mk - end-to-end checks of `siaga import` (tests/e2e_import.sh):
# exit codes, messages with their lines, --drop-bad, atomic output, and
# the data the project carries (data/) and where the default --wilayah is
# found, and the bundled Kota Tangerang scenario rebuilt byte for byte from
# the real TPS list in data/.

.PHONY: e2e-import
CHECK_EXTRA += e2e-import

e2e-import: $(BUILD)/siaga
	@SIAGA=$(BUILD)/siaga sh tests/e2e_import.sh
