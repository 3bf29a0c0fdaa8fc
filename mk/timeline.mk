# mk/timeline.mk - end-to-end checks of the timeline (tests/e2e_timeline.sh):
# Kaur with the default timeline plans every phase and `siaga check` finds
# no shift rule broken; a seeded random scenario with a timeline of its own
# keeps the shift rules.
.PHONY: e2e-timeline
CHECK_EXTRA += e2e-timeline

e2e-timeline: $(BUILD)/siaga
	@SIAGA=$(BUILD)/siaga sh tests/e2e_timeline.sh
