# mk/formations.mk - end-to-end checks of formed reserves and BKO in
# formations (tests/e2e_formations.sh): a cadangan platoon on Kaur, the
# BKO request in platoons of 30 checked by adding them and re-planning,
# bad <bko> and role with their lines.

.PHONY: e2e-formations
CHECK_EXTRA += e2e-formations

e2e-formations: $(BUILD)/siaga
	@SIAGA=$(BUILD)/siaga sh tests/e2e_formations.sh
