# daam — build, run, test, benchmark.  `make run` and `make check` are the two
# commands a new developer needs; see README.md.
SANITIZE ?=
BUILD    := build$(if $(SANITIZE),-san)
PKGS     := libevent libevent_pthreads sqlite3 libsodium jansson libdeflate libutf8proc zlib xlsxwriter libzip expat liboath libqrencode pangocairo fontconfig libical
CC       ?= cc
CFLAGS   ?= -O2 -g
CFLAGS   += -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -Wno-unused-parameter \
            -Isrc -I$(BUILD)/gen $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LDLIBS   += $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcsv -lpthread -lm
ifneq ($(SANITIZE),)
CFLAGS   += -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer -DDAAM_DEBUG
LDFLAGS  += -fsanitize=address,undefined
endif

SRC      := $(sort $(wildcard src/*.c src/*/*.c))
OBJ      := $(SRC:%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/embedded.o
LIBOBJ   := $(filter-out $(BUILD)/obj/src/main.o,$(OBJ))
EMBED    := $(sort $(wildcard migrations/*.sql assets/*)) $(BUILD)/po/ar.mo $(BUILD)/po/en.mo
UNIT     := $(patsubst tests/unit/%.c,$(BUILD)/tests/unit/%,$(wildcard tests/unit/test_*.c))
HTTPT    := $(patsubst tests/http/%.c,$(BUILD)/tests/http/%,$(wildcard tests/http/test_*.c))
# One stamp per section of deps/debian.txt, made the first time a target needs it.
DEPS_RUN   := build/.deps-run
DEPS_CHECK := build/.deps-check
DEPS_BENCH := build/.deps-bench

.PHONY: FORCE all run check check-unit check-http check-e2e check-crash sanitize bench fuzz deps pot clean
all: $(BUILD)/daam

# make run needs [run]; make check [run] and [check]; make bench [run] and
# [bench].  One apt-get at a time (its lock): a section after [run].
$(DEPS_RUN): deps/debian.txt tools/install-deps.sh
	@tools/install-deps.sh run
	@mkdir -p build && touch $@
$(DEPS_CHECK): deps/debian.txt tools/install-deps.sh | $(DEPS_RUN)
	@tools/install-deps.sh check
	@mkdir -p build && touch $@
$(DEPS_BENCH): deps/debian.txt tools/install-deps.sh | $(DEPS_RUN)
	@tools/install-deps.sh bench
	@mkdir -p build && touch $@
deps:
	@tools/install-deps.sh run check bench
	@mkdir -p build && touch $(DEPS_RUN) $(DEPS_CHECK) $(DEPS_BENCH)

$(BUILD)/daam: $(OBJ) | $(DEPS_RUN)
	$(CC) $(LDFLAGS) -o $@ $(OBJ) $(LDLIBS)

$(BUILD)/obj/%.o: %.c $(wildcard src/*/*.h src/*.h) | $(DEPS_RUN) $(BUILD)/gen/embedded.h
	@mkdir -p $(dir $@)
	@echo CC $<
	@$(CC) $(CFLAGS) -MMD -MP -c -o $@ $<

# Migrations, assets and compiled catalogs are embedded in the binary.
$(BUILD)/embed: tools/embed.c | $(DEPS_RUN)
	@mkdir -p $(BUILD)
	$(CC) -O2 -Wall -o $@ $<
# The list of embedded files is a prerequisite too, so removing a migration
# or an asset regenerates the table (the file is rewritten only on change).
$(BUILD)/gen/embed.list: FORCE
	@mkdir -p $(BUILD)/gen
	@echo '$(EMBED)' | cmp -s - $@ || echo '$(EMBED)' > $@
$(BUILD)/gen/embedded.c $(BUILD)/gen/embedded.h: $(BUILD)/embed $(EMBED) $(BUILD)/gen/embed.list
	@mkdir -p $(BUILD)/gen
	$(BUILD)/embed $(BUILD)/gen/embedded $(EMBED)
$(BUILD)/obj/embedded.o: $(BUILD)/gen/embedded.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c -o $@ $<
$(BUILD)/po/%.mo: po/%.po | $(DEPS_RUN)
	@mkdir -p $(dir $@)
	msgfmt --check -o $@ $<

# Regenerate po/daam.pot and merge it into the catalogs after adding strings.
pot:
	xgettext --from-code=UTF-8 -k_ -kN_ -ki18n_ngettext:1,2 -o po/daam.pot $(SRC)
	for p in po/*.po; do msgmerge -q -N -U --backup=none $$p po/daam.pot; done

$(BUILD)/tests/unit/%: tests/unit/%.c $(LIBOBJ) | $(DEPS_CHECK)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LIBOBJ) $(LDLIBS) -lcmocka
$(BUILD)/tests/http/%: tests/http/%.c tests/http/harness.c tests/http/harness.h $(BUILD)/daam $(BUILD)/daam-probe | $(DEPS_CHECK)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -Itests/http -o $@ $< tests/http/harness.c $(LDLIBS) -lcurl -lcmocka

# daam with one more module, for the access walk (tests/http/probe_module.c)
# and a SQLite VFS that fails the Nth write when asked (tests/http/fault_vfs.c)
PROBE_SRC := tests/http/probe_module.c tests/http/fault_vfs.c
$(BUILD)/daam-probe: $(OBJ) $(PROBE_SRC) tests/http/fault_plan.h
	$(CC) $(CFLAGS) $(LDFLAGS) -Itests/http -o $@ $(PROBE_SRC) $(OBJ) $(LDLIBS)

run: $(BUILD)/daam
	@mkdir -p data
	$(BUILD)/daam demo --scale small --if-empty
	$(BUILD)/daam serve --listen 127.0.0.1:8080

check: $(BUILD)/daam $(BUILD)/daam-probe $(UNIT) $(HTTPT) | $(DEPS_CHECK)
	@BUILD=$(BUILD) tests/run-all.sh

sanitize:
	$(MAKE) check SANITIZE=1

bench: $(BUILD)/daam | $(DEPS_BENCH)
	DAAM_BIN=$(CURDIR)/$(BUILD)/daam bench/run.sh

fuzz: | $(DEPS_CHECK)
	tests/fuzz/run.sh

clean:
	rm -rf build build-san

-include $(OBJ:.o=.d)

# After adding strings: `make pot`, then translate po/ar.po (tools/po-fill.py
# helps) and run `msgen` for po/en.po; `make check` fails on any untranslated.
