# fuzz.mk - `make fuzz`: build every tests/fuzz/fuzz_*.c with libFuzzer and
# run each for FUZZ_SECONDS on its corpus (tests/fuzz/corpus/NAME).
#
# The library is compiled again with clang and coverage instrumentation
# (-fsanitize=fuzzer-no-link) into $(BUILD)/fuzz, apart from the release
# and asan objects.  New inputs libFuzzer finds go to $(BUILD)/fuzz/new/NAME
# (the checked-in seeds stay as they are); crashes to $(BUILD)/fuzz/crash/.
#
#   make fuzz FUZZ_SECONDS=600            every target, ten minutes each
#   make -f tests/fuzz/fuzz.mk run-json   one target
#
# Targets that need extra flags or libraries (the jansson oracle of
# fuzz_json) get them from FUZZ_EXTRA_<name>.
include config.mk

BUILD ?= build
FUZZ_SECONDS ?= 60
FUZZ_CC ?= clang
FUZZ_FLAGS = -g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined \
	-fno-sanitize-recover=all
VERSION := $(shell cat VERSION)
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null || echo -larchive -lutf8proc -lxxhash -lz -lxml2 -lisal)
FUZZ_CPPFLAGS = -D_GNU_SOURCE -DCD_VERSION='"$(VERSION)"' \
	-DCD_DATADIR='"$(DATADIR)"' -Isrc/lib $(PKG_CFLAGS)
FUZZ_EXTRA_json = -DCD_FUZZ_ORACLE $(shell pkg-config --libs jansson 2>/dev/null || echo -ljansson)

F = $(BUILD)/fuzz
LIBSRC := $(sort $(wildcard src/lib/*.c))
LIBOBJ := $(LIBSRC:src/lib/%.c=$(F)/lib/%.o)
NAMES := $(patsubst tests/fuzz/fuzz_%.c,%,$(sort $(wildcard tests/fuzz/fuzz_*.c)))

.PHONY: fuzz build $(NAMES:%=run-%)
.SECONDARY: $(LIBOBJ)
fuzz: $(NAMES:%=run-%)
build: $(NAMES:%=$(F)/fuzz_%)

$(F)/lib/%.o: src/lib/%.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CPPFLAGS) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link \
		-MMD -MP -c -o $@ $<

$(F)/fuzz_%: tests/fuzz/fuzz_%.c $(LIBOBJ)
	$(FUZZ_CC) $(FUZZ_CPPFLAGS) $(FUZZ_FLAGS) -fsanitize=fuzzer -o $@ \
		$< $(LIBOBJ) $(PKG_LIBS) -lm -pthread $(FUZZ_EXTRA_$*)

# One target at a time, one process (the machine is shared): the corpus directory first for new inputs, then
# the seeds, which libFuzzer only reads.
$(NAMES:%=run-%): run-%: $(F)/fuzz_%
	@mkdir -p $(F)/new/$* $(F)/crash
	$< -max_total_time=$(FUZZ_SECONDS) \
		-print_final_stats=1 -artifact_prefix=$(F)/crash/$*- \
		$(F)/new/$* tests/fuzz/corpus/$*

-include $(wildcard $(F)/lib/*.d)
