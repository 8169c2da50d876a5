# daam — build, run, test, benchmark.  `make run` and `make check` are the two
# commands a new developer needs; see README.md.
SANITIZE ?=
BUILD    := build$(if $(SANITIZE),-san)
PKGS     := libevent libevent_pthreads sqlite3 libsodium jansson libdeflate libutf8proc zlib xlsxwriter
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
DEPS_OK  := build/.deps-ok

.PHONY: FORCE all run check check-unit check-http check-e2e check-crash sanitize bench fuzz deps pot clean
all: $(BUILD)/daam

deps $(DEPS_OK): deps/debian.txt
	@tools/install-deps.sh
	@mkdir -p build && touch $(DEPS_OK)

$(BUILD)/daam: $(OBJ) | $(DEPS_OK)
	$(CC) $(LDFLAGS) -o $@ $(OBJ) $(LDLIBS)

$(BUILD)/obj/%.o: %.c $(wildcard src/*/*.h src/*.h) | $(DEPS_OK) $(BUILD)/gen/embedded.h
	@mkdir -p $(dir $@)
	@echo CC $<
	@$(CC) $(CFLAGS) -MMD -c -o $@ $<

# Migrations, assets and compiled catalogs are embedded in the binary.
$(BUILD)/embed: tools/embed.c | $(DEPS_OK)
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
$(BUILD)/po/%.mo: po/%.po | $(DEPS_OK)
	@mkdir -p $(dir $@)
	msgfmt --check -o $@ $<

# Regenerate po/daam.pot and merge it into the catalogs after adding strings.
pot:
	xgettext --from-code=UTF-8 -k_ -kN_ -o po/daam.pot $(SRC)
	for p in po/*.po; do msgmerge -q -N -U --backup=none $$p po/daam.pot; done

$(BUILD)/tests/unit/%: tests/unit/%.c $(LIBOBJ)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LIBOBJ) $(LDLIBS) -lcmocka
$(BUILD)/tests/http/%: tests/http/%.c tests/http/harness.c tests/http/harness.h $(BUILD)/daam
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -Itests/http -o $@ $< tests/http/harness.c $(LDLIBS) -lcurl -lcmocka

run: $(BUILD)/daam
	@mkdir -p data
	$(BUILD)/daam demo --scale small --if-empty
	$(BUILD)/daam serve --listen 127.0.0.1:8080

check: $(BUILD)/daam $(UNIT) $(HTTPT)
	@BUILD=$(BUILD) tests/run-all.sh

sanitize:
	$(MAKE) check SANITIZE=1

bench: $(BUILD)/daam
	DAAM_BIN=$(CURDIR)/$(BUILD)/daam bench/run.sh

fuzz:
	tests/fuzz/run.sh

clean:
	rm -rf build build-san

-include $(OBJ:.o=.d)

# After adding strings: `make pot`, then translate po/ar.po (tools/po-fill.py
# helps) and run `msgen` for po/en.po; `make check` fails on any untranslated.
