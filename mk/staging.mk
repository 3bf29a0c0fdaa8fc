# mk/staging.mk - the output staging as an attacker sees it
# (tests/e2e_staging.sh): links and folders planted under staging names,
# beside DIR, inside it and nested, for plan and check --report; the
# victim must keep every file; two runs into one DIR (the fault build
# slows their renames so they would interleave) never leave a mix.
.PHONY: e2e-staging
CHECK_EXTRA += e2e-staging

e2e-staging: $(BUILD)/siaga $(BUILD)/faults/siaga
	@SIAGA=$(BUILD)/siaga FAULTS=$(BUILD)/faults/siaga sh tests/e2e_staging.sh
