# mk/certs.mk - end-to-end checks of the shortage certificates
# (tests/e2e_certs.sh): kekurangan.csv of short-staffed generated
# scenarios verified by an independent reader (tests/tools/certs.py) and
# by check --certificates, tampered files rejected, Kaur short-staffed.

.PHONY: e2e-certs
CHECK_EXTRA += e2e-certs

e2e-certs: $(BUILD)/siaga
	@SIAGA=$(BUILD)/siaga sh tests/e2e_certs.sh
