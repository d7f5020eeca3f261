# cbdest: build, test and run the terminal client and its local API server.
#
# Layout conventions (no Makefile edit needed to add a file):
#   src/*.c            core library (no ncurses); src/main.c is cbdest's entry point
#   src/server/*.c     cbdest-server; src/server/main.c is its entry point
#   src/common/*.c     small pieces linked into both programs (no curses, no curl)
#   ui/*.c             the ncurses screen manager
#   tests/unit/test_core_*.c    Check suites linked with the core
#   tests/unit/test_server_*.c  Check suites linked with the server objects
#   tests/unit/test_ui_*.c      Check suites linked with ui + core
#   tests/{contract,cli,e2e}/test_*.py  pytest suites against real binaries

CC      ?= cc
BUILD   ?= build
OPT     ?= -O2 -g
WARN    := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
           -Wformat=2 -Wwrite-strings -Werror
CSTD    := -std=c11
CPPFLAGS += -D_GNU_SOURCE -Isrc -Isrc/common -Iui
SAN     ?=
VERSION := $(shell cat VERSION 2>/dev/null || echo 0.1.0)
CPPFLAGS += -DCBDEST_VERSION=\"$(VERSION)\"

PKG_CORE   := libcurl libcjson
PKG_UI     := ncursesw
PKG_SERVER := libmicrohttpd sqlite3 libcjson libcurl
PKG_TEST   := check

pkg_cflags = $(shell pkg-config --cflags $(1) 2>/dev/null)
pkg_libs   = $(shell pkg-config --libs $(1) 2>/dev/null)

CFLAGS  += $(CSTD) $(OPT) $(WARN) $(SAN)
LDFLAGS += $(SAN)

COMMON_SRC := $(wildcard src/common/*.c)
CORE_SRC   := $(filter-out src/main.c,$(wildcard src/*.c)) $(COMMON_SRC)
SERVER_SRC := $(filter-out src/server/main.c,$(wildcard src/server/*.c)) $(COMMON_SRC)
UI_SRC     := $(wildcard ui/*.c)

CORE_OBJ   := $(CORE_SRC:%.c=$(BUILD)/obj/%.o)
SERVER_OBJ := $(SERVER_SRC:%.c=$(BUILD)/obj/%.o)
UI_OBJ     := $(UI_SRC:%.c=$(BUILD)/obj/%.o)

UNIT_CORE   := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(wildcard tests/unit/test_core_*.c))
UNIT_SERVER := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(wildcard tests/unit/test_server_*.c))
UNIT_UI     := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(wildcard tests/unit/test_ui_*.c))
UNIT_BINS   := $(UNIT_CORE) $(UNIT_SERVER) $(UNIT_UI)

PREFIX  ?= /usr/local
DESTDIR ?=

.SECONDARY:

.PHONY: all deps build test unit check-tests asan valgrind run bench clean install help

all: build

build: $(BUILD)/cbdest-server $(BUILD)/cbdest

help:
	@echo "make run      install deps, build, start a seeded local server and the TUI"
	@echo "make test     install deps, build, run every test suite"
	@echo "make deps     install missing Debian packages (apt-get)"
	@echo "make asan     tests under AddressSanitizer + UBSan"
	@echo "make valgrind unit suites, and the server contract suites, under valgrind"
	@echo "make bench    benchmarks side by side with baselines"

deps:
	@scripts/deps.sh

# --- objects -----------------------------------------------------------------
$(BUILD)/obj/src/server/%.o: src/server/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(call pkg_cflags,$(PKG_SERVER)) -MMD -MP -c $< -o $@

$(BUILD)/obj/src/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(call pkg_cflags,$(PKG_CORE)) -MMD -MP -c $< -o $@

$(BUILD)/obj/ui/%.o: ui/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(call pkg_cflags,$(PKG_UI) $(PKG_CORE)) -MMD -MP -c $< -o $@

$(BUILD)/obj/tests/unit/%.o: tests/unit/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -Itests/unit $(CFLAGS) $(call pkg_cflags,$(PKG_TEST) $(PKG_CORE) $(PKG_UI) $(PKG_SERVER)) -MMD -MP -c $< -o $@

# --- programs ----------------------------------------------------------------
$(BUILD)/cbdest-server: $(BUILD)/obj/src/server/main.o $(SERVER_OBJ)
	$(CC) $(LDFLAGS) $^ -o $@ $(call pkg_libs,$(PKG_SERVER)) -lpthread -lm

$(BUILD)/cbdest: $(BUILD)/obj/src/main.o $(UI_OBJ) $(CORE_OBJ)
	$(CC) $(LDFLAGS) $^ -o $@ $(call pkg_libs,$(PKG_UI) $(PKG_CORE)) -lpthread -lm

# --- unit tests --------------------------------------------------------------
$(BUILD)/tests/test_core_%: $(BUILD)/obj/tests/unit/test_core_%.o $(CORE_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) $^ -o $@ $(call pkg_libs,$(PKG_TEST) $(PKG_CORE)) -lpthread -lm

$(BUILD)/tests/test_server_%: $(BUILD)/obj/tests/unit/test_server_%.o $(SERVER_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) $^ -o $@ $(call pkg_libs,$(PKG_TEST) $(PKG_SERVER)) -lpthread -lm

$(BUILD)/tests/test_ui_%: $(BUILD)/obj/tests/unit/test_ui_%.o $(UI_OBJ) $(CORE_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) $^ -o $@ $(call pkg_libs,$(PKG_TEST) $(PKG_UI) $(PKG_CORE)) -lpthread -lm

check-tests: $(UNIT_BINS)

# --- test entry points -------------------------------------------------------
test: deps
	@$(MAKE) --no-print-directory build check-tests
	@tests/run.sh $(BUILD)

unit: build check-tests
	@tests/run.sh $(BUILD) unit

asan: deps
	@$(MAKE) --no-print-directory BUILD=build-asan OPT="-O1 -g -fno-omit-frame-pointer" \
	  SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined" build check-tests
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 \
	  tests/run.sh build-asan

valgrind: deps
	@$(MAKE) --no-print-directory BUILD=build-vg OPT="-O0 -g" build check-tests
	@CBDEST_VALGRIND=1 tests/run.sh build-vg unit
	@echo "contract suites with cbdest-server under valgrind (a few minutes):"
	@CBDEST_VALGRIND_SERVER=1 CBDEST_BUILD=$(CURDIR)/build-vg /usr/bin/python3 -m pytest -q \
	  -p no:cacheprovider tests/contract/test_server_crud.py tests/contract/test_server_errors.py \
	  tests/contract/test_server_pagination.py tests/contract/test_server_edges.py

run: deps
	@$(MAKE) --no-print-directory build
	@scripts/run.sh $(BUILD)

bench: deps
	@$(MAKE) --no-print-directory BUILD=build-release OPT="-O2 -DNDEBUG" build
	@bench/run.sh build-release

install: build
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(BUILD)/cbdest $(BUILD)/cbdest-server $(DESTDIR)$(PREFIX)/bin/
	install -m 644 docs/cbdest.1 $(DESTDIR)$(PREFIX)/share/man/man1/

clean:
	rm -rf build build-asan build-vg build-release

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)
