# mk/staging.mk - the output staging as an attacker sees it
# (tests/e2e_staging.sh): links and folders planted under staging names,
# beside DIR, inside it and nested, for plan and check --report; the
# victim must keep every file.
.PHONY: e2e-staging
CHECK_EXTRA += e2e-staging

e2e-staging: $(BUILD)/siaga
	@SIAGA=$(BUILD)/siaga sh tests/e2e_staging.sh
