# mk/cards.mk - the duty cards end to end (tests/e2e_cards.sh): Kaur's
# cards rendered in headless Chromium, the QR code read back with zbarimg,
# check --card accepting and rejecting.
.PHONY: e2e-cards
CHECK_EXTRA += e2e-cards

e2e-cards: $(BUILD)/siaga
	@SIAGA=$(BUILD)/siaga sh tests/e2e_cards.sh
