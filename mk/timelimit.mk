# mk/timelimit.mk - a time limit that holds (tests/e2e_timelimit.sh): plans
# stopped by --time-limit, or by GLPK's time limit injected in each phase,
# still write a complete roster that `siaga check` passes on every rule,
# with a status that claims nothing unproven.  Times are measured by
# bench/timelimit.sh (make bench), never asserted here.
.PHONY: e2e-timelimit
CHECK_EXTRA += e2e-timelimit

e2e-timelimit: $(BUILD)/siaga $(BUILD)/faults/siaga
	@SIAGA=$(BUILD)/siaga FAULTS=$(BUILD)/faults/siaga sh tests/e2e_timelimit.sh
