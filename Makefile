# copydesk: one Makefile, no configure step.  See STYLE §8 and README.md.
include config.mk

VERSION := $(shell cat VERSION)
WARN = -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
       -Wmissing-prototypes -Wwrite-strings -Wformat=2 -Wvla -Wundef
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null || echo -larchive -lutf8proc -lxxhash -lz -lxml2 -lisal)
ALL_CPPFLAGS = -D_GNU_SOURCE -DCD_VERSION='"$(VERSION)"' \
	-DCD_DATADIR='"$(DATADIR)"' -Isrc/lib $(PKG_CFLAGS) -pthread $(CPPFLAGS)
ALL_LDLIBS = $(PKG_LIBS) -lm -pthread $(LDLIBS)

# VARIANT selects the object directory and the flags: release objects live in
# build/release and link into bin/; sanitizer objects in build/asan and link
# into build/asan/bin; portable ones (the release flags and CD_NO_SIMD: no
# SSE2, the code other processors run, bytes.h) in build/portable and link
# into build/portable/bin, so none mix.
# BUILD and BINOUT may be overridden to build a private copy elsewhere
# (make BUILD=/tmp/b BINOUT=/tmp/b/bin).
VARIANT ?= release
BUILD ?= build
ifeq ($(VARIANT),asan)
  VFLAGS = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
	   -fno-sanitize-recover=all -Werror
  BINOUT ?= $(BUILD)/asan/bin
else ifeq ($(VARIANT),portable)
  VFLAGS = $(CFLAGS) -DCD_NO_SIMD
  BINOUT ?= $(BUILD)/portable/bin
else
  VFLAGS = $(CFLAGS)
  BINOUT ?= bin
endif
OBJ = $(BUILD)/$(VARIANT)

LIBSRC := $(sort $(wildcard src/lib/*.c))
LIBOBJ := $(LIBSRC:src/lib/%.c=$(OBJ)/lib/%.o)
LIBA := $(OBJ)/libcopydesk.a
VERBS := $(sort $(filter-out copydesk,$(basename $(notdir $(wildcard src/*.c)))))
PROGS := $(BINOUT)/copydesk $(VERBS:%=$(BINOUT)/copydesk-%)
UNITSRC := $(sort $(wildcard tests/unit/test_*.c))
UNITS := $(UNITSRC:tests/unit/%.c=$(OBJ)/unit/%)

# Keep the program objects: they are intermediates of pattern rules, which
# make would otherwise delete after each link and rebuild next time.
.SECONDARY:

.PHONY: all test unit bats check check-portable fuzz fuzz-replay bench eval \
	demo install uninstall man-lint clean deps
all: $(PROGS)

$(OBJ)/lib/%.o: src/lib/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(WARN) $(VFLAGS) -MMD -MP -c -o $@ $<

# The data files of an uninstalled program are those of its build tree
# (datapath.h); an installed one reads only DATADIR.
$(OBJ)/lib/datapath.o: ALL_CPPFLAGS += -DCD_BUILD_BINDIR='"$(abspath $(BINOUT))"' \
	-DCD_BUILD_DATADIR='"$(CURDIR)/data"'

$(OBJ)/%.o: src/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(WARN) $(VFLAGS) -MMD -MP -c -o $@ $<

$(LIBA): $(LIBOBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(BINOUT)/copydesk: $(OBJ)/copydesk.o $(LIBA)
	@mkdir -p $(@D)
	$(CC) $(VFLAGS) $(LDFLAGS) -o $@ $^ $(ALL_LDLIBS)

$(BINOUT)/copydesk-%: $(OBJ)/%.o $(LIBA)
	@mkdir -p $(@D)
	$(CC) $(VFLAGS) $(LDFLAGS) -o $@ $^ $(ALL_LDLIBS)

$(OBJ)/unit/%: tests/unit/%.c $(LIBA)
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(WARN) $(VFLAGS) -Itests/unit -o $@ $< $(LIBA) $(ALL_LDLIBS)

# The tests run the programs in CD_BIN (bin/ by default), and the unit
# tests wherever BUILD puts them, with the data files of this tree.
unit: $(UNITS)
	@set -e; for t in $(UNITS); do COPYDESK_DATADIR=$(CURDIR)/data $$t; done

bats: all
	CD_BIN=$(abspath $(BINOUT)) bats tests/

# The README's commands: both install missing packages first, then build
# in a fresh make so the package configuration is read after the install.
test: deps
	$(MAKE) all
	$(MAKE) unit bats

# check: no include cycle among the library's modules, a clean sanitizer
# build, every test under it, the fuzz corpora replayed, and the man pages
# linted.
check: man-lint
	scripts/include-cycles
	rm -rf $(BUILD)/asan
	$(MAKE) VARIANT=asan all unit
	$(MAKE) VARIANT=asan fuzz-replay
	CD_BIN=$(abspath $(BUILD)/asan/bin) bats tests/

# check-portable: no SIMD path tests the processor but through bytes.h's
# CD_SSE2 (which CD_NO_SIMD turns off), the portable build (VARIANT=
# portable) passes the unit tests, and its programs write byte for byte
# what the release build's do on examples/, the tests' data and
# ../shared's eval sets when present.
check-portable:
	@if grep -nE '__(SSE[0-9_]*|SSSE3|AVX[0-9A-Z_]*|x86_64|i386|amd64)__' \
	    src/*.c src/lib/*.[ch] tests/unit/*.[ch] | grep -v '^src/lib/bytes.h:'; then \
	  echo 'check-portable: the lines above test the processor: test CD_SSE2 (bytes.h)' >&2; \
	  exit 1; fi
	$(MAKE) all
	$(MAKE) VARIANT=portable BINOUT=$(BUILD)/portable/bin all unit
	scripts/compare-bins $(abspath $(BINOUT)) $(abspath $(BUILD)/portable/bin)

FUZZSRC := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_SECONDS ?= 60
fuzz-replay: $(LIBA)
	@mkdir -p $(OBJ)/fuzz
	@set -e; for f in $(FUZZSRC); do \
	  n=$$(basename $$f .c); \
	  $(CC) $(ALL_CPPFLAGS) $(VFLAGS) -o $(OBJ)/fuzz/$$n-replay $$f tests/fuzz/replay.c $(LIBA) $(ALL_LDLIBS); \
	  $(OBJ)/fuzz/$$n-replay tests/fuzz/corpus/$${n#fuzz_}; \
	done

fuzz:
	$(MAKE) -f tests/fuzz/fuzz.mk FUZZ_SECONDS=$(FUZZ_SECONDS)

bench: all
	scripts/bench

eval: all
	scripts/eval

demo: deps
	$(MAKE) all
	scripts/demo

deps:
	scripts/install-deps

MANPAGES := $(sort $(wildcard man/*.1 man/*.7))
man-lint:
	@set -e; if command -v mandoc >/dev/null; then \
	  mandoc -Tlint -Wwarning $(MANPAGES); \
	else for m in $(MANPAGES); do groff -mandoc -ww -z $$m; done; fi

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
	  $(DESTDIR)$(MANDIR)/man7 $(DESTDIR)$(DATADIR)
	install -m 755 $(PROGS) $(DESTDIR)$(BINDIR)
	install -m 755 scripts/copydesk-job $(DESTDIR)$(BINDIR)
	install -m 644 $(wildcard man/*.1) $(DESTDIR)$(MANDIR)/man1
	install -m 644 $(wildcard man/*.7) $(DESTDIR)$(MANDIR)/man7
	install -m 644 $(wildcard data/*) $(DESTDIR)$(DATADIR)

uninstall:
	rm -f $(PROGS:$(BINOUT)/%=$(DESTDIR)$(BINDIR)/%) $(DESTDIR)$(BINDIR)/copydesk-job
	rm -f $(addprefix $(DESTDIR)$(MANDIR)/man1/,$(notdir $(wildcard man/*.1)))
	rm -f $(addprefix $(DESTDIR)$(MANDIR)/man7/,$(notdir $(wildcard man/*.7)))
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build bin

-include $(wildcard $(OBJ)/lib/*.d $(OBJ)/*.d)
