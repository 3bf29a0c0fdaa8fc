# mk/faults.mk - failure injection (tests/faults/): allocation failures,
# write errors, a full disk, failed renames, GLPK failures, huge inputs,
# runs killed at random moments, and byte-identical reruns.
#
#   make test-faults         (part of make check, so of make test): each
#                            command with allocation N failing for the
#                            first N of each distinct call site (the
#                            allocator's caller and 3 callers above it,
#                            found by a traced clean run), write errors,
#                            full disk, renames, GLPK, limits, killed
#                            runs, determinism
#   make test-faults-canary  (part of make check) the test of that test: a
#                            siaga whose planner leaves one allocation
#                            unchecked must make the allocation sweep fail
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

.PHONY: test-faults test-faults-alloc test-faults-canary

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

# The canary: solver/planner.c with the NULL check after the allocation
# of the reserve list removed (the bug of issue 18, which a sampled sweep
# once let through).  Made by sed at build time so that no test code
# ships in the program; the build fails if the line is no longer there.
$(BUILD)/faults/canary/planner.c: solver/planner.c
	@mkdir -p $(@D)
	sed '/p->reserve == NULL/,/goto done;/d' $< > $@.tmp
	@if cmp -s $< $@.tmp; then echo "canary: the reserve NULL check is not in solver/planner.c any more; update mk/faults.mk"; exit 1; fi
	mv $@.tmp $@

$(BUILD)/faults/canary/planner.o: $(BUILD)/faults/canary/planner.c
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/faults/canary/siaga: $(BUILD)/main.o $(BUILD)/faults/canary/planner.o $(BUILD)/libsiaga.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/faults/canary/siaga-wrap: $(BUILD)/main.o $(BUILD)/faults/canary/planner.o $(BUILD)/faults/siaga $(BUILD)/libsiaga.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) $(FAULT_WRAPS:%=-Wl,--wrap=%) -o $@ \
		$(BUILD)/main.o $(BUILD)/faults/canary/planner.o $(BUILD)/faults/inject.o $(BUILD)/libsiaga.a $(LDLIBS)

ifeq ($(SAN),1)
CANARY_BIN = $(BUILD)/faults/canary/siaga-wrap
else
CANARY_BIN = $(BUILD)/faults/canary/siaga
endif

test-faults-canary: $(FAULT_DEPS) $(CANARY_BIN)
	@$(FAULT_ENV) CANARY=$(CANARY_BIN) sh tests/faults/run.sh

CHECK_EXTRA += test-faults-canary

test-faults: $(FAULT_DEPS)
	@$(FAULT_ENV) ALLOC=sites sh tests/faults/run.sh

test-faults-alloc: $(FAULT_DEPS)
	@$(FAULT_ENV) ALLOC=1 sh tests/faults/run.sh

CHECK_EXTRA += test-faults
