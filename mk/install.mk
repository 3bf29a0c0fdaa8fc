# mk/install.mk - an installed siaga (tests/e2e_install.sh): the man page
# renders with every command and option; make install into a prefix and a
# DESTDIR stage puts program, data, schemas and man page in place, the
# installed program imports from any folder, make uninstall removes all.
# It builds a copy of its own, so it runs in the plain pass of make test
# only.
.PHONY: e2e-install
ifneq ($(SAN),1)
CHECK_EXTRA += e2e-install
endif

e2e-install: $(BUILD)/siaga
	@sh tests/e2e_install.sh
