# mk/formula.mk - no CSV siaga writes holds a cell a spreadsheet would run
# (tests/e2e_formula.sh; the rule is csv_write_text in io/formats/csv.h), read back
# by Python's csv module and opened in LibreOffice (soffice --headless).
.PHONY: e2e-formula
CHECK_EXTRA += e2e-formula

e2e-formula: $(BUILD)/siaga
	@SIAGA=$(BUILD)/siaga sh tests/e2e_formula.sh
