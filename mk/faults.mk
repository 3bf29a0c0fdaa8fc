# mk/faults.mk - failure injection (tests/faults/): allocation failures at
# every N, write errors, a full disk, failed renames, GLPK failures, huge
# inputs, runs killed at random moments, and byte-identical reruns.
#
#   make test-faults         (part of make check, so of make test):
#                            allocation N fails for a sample of N (every
#                            40th and the last 20), write errors, full
#                            disk, renames, GLPK, limits, killed runs,
#                            determinism
#   make test-faults-alloc   allocation N fails, for every N (minutes;
#                            FAULTS_FULL=1 for every N under ASan too)
#
# $(BUILD)/faults/siaga is siaga linked with tests/faults/inject.c through
# -Wl,--wrap (works under ASan); $(BUILD)/faults/inject.so replaces malloc
# in the whole process through LD_PRELOAD (libc, libxml2, GLPK too), so it
# is only built without sanitizers.

FAULT_WRAPS := malloc calloc realloc strdup strndup fopen mkdir rename \
	renameat2 fsync fflush fclose opendir solver_simplex solver_intopt \
	openat mkdirat renameat fdopen
FAULTS_FULL ?= 0

.PHONY: test-faults test-faults-alloc

$(BUILD)/faults/siaga: $(BUILD)/main.o $(BUILD)/libsiaga.a tests/faults/inject.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -c -o $(BUILD)/faults/inject.o tests/faults/inject.c
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) $(FAULT_WRAPS:%=-Wl,--wrap=%) -o $@ \
		$(BUILD)/main.o $(BUILD)/faults/inject.o $(BUILD)/libsiaga.a $(LDLIBS)

$(BUILD)/faults/inject.so: tests/faults/inject.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(WARN) -DINJECT_PRELOAD -O2 -fPIC -shared -o $@ $<

ifeq ($(SAN),1)
FAULT_DEPS = $(BUILD)/siaga $(BUILD)/faults/siaga
FAULT_ENV = SIAGA=$(BUILD)/siaga FAULTS=$(BUILD)/faults/siaga PRELOAD= SAN=1 \
	FULL=$(FAULTS_FULL) LSAN_OPTIONS=suppressions=$(CURDIR)/fuzz/lsan.supp
else
FAULT_DEPS = $(BUILD)/siaga $(BUILD)/faults/siaga $(BUILD)/faults/inject.so
FAULT_ENV = SIAGA=$(BUILD)/siaga FAULTS=$(BUILD)/faults/siaga \
	PRELOAD=$(CURDIR)/$(BUILD)/faults/inject.so SAN=0 FULL=1
endif

test-faults: $(FAULT_DEPS)
	@$(FAULT_ENV) ALLOC=sample sh tests/faults/run.sh

test-faults-alloc: $(FAULT_DEPS)
	@$(FAULT_ENV) ALLOC=1 sh tests/faults/run.sh

CHECK_EXTRA += test-faults
