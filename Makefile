# kabar -- GNU Makefile.  Builds into build/ (build/asan/ for `make check`).
#
#   make          library build/libkabar.a and command build/kabar
#   make test     installs missing Debian packages, builds, runs every test
#   make check    the same tests under AddressSanitizer + UBSan
#   make tsan     the threaded tests (-j N) under ThreadSanitizer
#   make hostile-big  the hostile-input suite with 1 GB streamed files
#   make demo     installs, builds, runs kabar on examples/
#   make deps     installs missing Debian packages (apt-get)
#   make eval     scores kabar against ../shared (skips when absent)
#   make bench    throughput benchmarks on ../shared/corpus
#   make fuzz     every fuzz target for FUZZ_SECONDS (default 30) each
#   make format   clang-format the sources; make cppcheck (or lint);
#                 make tidy: clang-tidy (.clang-tidy)
#
# WERROR=1 turns warnings into errors (CI sets it).

BUILD    ?= build
CC       ?= cc
SHARED   ?= ../shared
PKGS     := jansson zlib libutf8proc sqlite3 libxml-2.0 libzstd libpq
CFLAGS   ?= -O2 -g
# kabar serve (libmicrohttpd)
PKGS     += libmicrohttpd
WARN     := -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
            -Wmissing-prototypes -Wno-missing-field-initializers
ifeq ($(WERROR),1)
WARN     += -Werror
endif
ifeq ($(SAN),1)
CFLAGS   := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
            -fno-sanitize-recover=undefined
LDFLAGS  += -fsanitize=address,undefined
endif
ifeq ($(TSAN),1)
CFLAGS   := -O1 -g -fsanitize=thread -fno-omit-frame-pointer
LDFLAGS  += -fsanitize=thread
endif
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null || echo -ljansson -lz -lutf8proc -lsqlite3 -lxml2 -lzstd -lpq)
ifeq ($(findstring microhttpd,$(PKG_LIBS)),)
PKG_LIBS   += -lmicrohttpd
endif
ALL_CFLAGS := $(WARN) -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
              -Iinclude -Isrc -I$(BUILD)/gen $(PKG_CFLAGS) $(CFLAGS)
LIBS       := $(PKG_LIBS) -lpthread

LIB_SRC  := $(sort $(wildcard src/*.c src/util/*.c))
CLI_SRC  := $(sort $(wildcard src/cli/*.c))
DATA     := $(sort $(shell find data -name '*.txt' 2>/dev/null))
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/gen/data.o \
            $(BUILD)/obj/gen/web.o
CLI_OBJ  := $(CLI_SRC:%.c=$(BUILD)/obj/%.o)
TEST_SRC := $(sort $(wildcard tests/unit/test_*.c))
TEST_BIN := $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)
BENCH_SRC:= $(sort $(wildcard bench/bench_*.c))
BENCH_BIN:= $(BENCH_SRC:bench/%.c=$(BUILD)/bench/%)
# Evaluation and measurement programs (tools/*.c but the build's embed.c).
TOOL_SRC := $(filter-out tools/embed.c,$(sort $(wildcard tools/*.c)))
TOOL_BIN := $(TOOL_SRC:tools/%.c=$(BUILD)/tools/%)
FUZZ_SRC := $(sort $(wildcard fuzz/fuzz_*.c))
# The fuzz targets built with $(CC) and fuzz/standalone.c: `make test`
# replays fuzz/corpus/ through them (tests/cli/test_fuzz_corpus.sh).
REPLAY_BIN := $(FUZZ_SRC:fuzz/%.c=$(BUILD)/fuzz-replay/%)

# Debian packages kabar needs to build, test and run.
DEB_PKGS := gcc make pkg-config zlib1g-dev libjansson-dev libutf8proc-dev hunspell-id python3 \
            libsqlite3-dev sqlite3 libxml2-dev libzstd-dev zstd \
            libpq-dev postgresql

.PHONY: all tidy test check tsan demo deps eval bench format lint cppcheck clean run-tests \
        golden fuzz fuzz-deps hostile-big

all: $(BUILD)/libkabar.a $(BUILD)/kabar

$(BUILD)/obj/%.o: %.c include/kabar.h $(wildcard src/*.h src/util/*.h src/cli/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/tools/embed: tools/embed.c
	@mkdir -p $(dir $@)
	$(CC) -O1 -o $@ $<

$(BUILD)/gen/data.c: $(BUILD)/tools/embed $(DATA)
	@mkdir -p $(dir $@)
	$(BUILD)/tools/embed $@ data $(DATA:data/%=%)

$(BUILD)/obj/gen/data.o: $(BUILD)/gen/data.c src/kabar_int.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

# The dashboard (kabar serve): web/ and the npm libraries pinned in
# package-lock.json, embedded into the library as build/gen/web.c.
# node_modules comes from `npm ci` (tools/web_deps.sh), run when missing or
# older than package-lock.json.
WEB_SRC  := $(sort $(wildcard web/*.html web/*.js web/*.css))
WEB_LIBS := node_modules/uplot/dist/uPlot.iife.min.js \
            node_modules/uplot/dist/uPlot.min.css \
            node_modules/cytoscape/dist/cytoscape.min.js \
            node_modules/topojson-client/dist/topojson-client.min.js \
            node_modules/world-atlas/land-110m.json

node_modules/.package-lock.json: package.json package-lock.json
	@sh tools/web_deps.sh

$(BUILD)/gen/web.c: $(BUILD)/tools/embed $(WEB_SRC) node_modules/.package-lock.json
	@rm -rf $(BUILD)/web && mkdir -p $(BUILD)/web/vendor
	@cp $(WEB_SRC) $(BUILD)/web/ && cp $(WEB_LIBS) $(BUILD)/web/vendor/
	$(BUILD)/tools/embed -n web $@ $(BUILD)/web $(notdir $(WEB_SRC)) \
	  $(addprefix vendor/,$(notdir $(WEB_LIBS)))

$(BUILD)/obj/gen/web.o: $(BUILD)/gen/web.c src/kabar_int.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/libkabar.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/kabar: $(CLI_OBJ) $(BUILD)/libkabar.a
	$(CC) $(LDFLAGS) -o $@ $(CLI_OBJ) $(BUILD)/libkabar.a $(LIBS)

$(BUILD)/tests/%: tests/unit/%.c $(wildcard tests/*.h) $(BUILD)/libkabar.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Itests $(LDFLAGS) -o $@ $< $(BUILD)/libkabar.a $(LIBS)

$(BUILD)/bench/%: bench/%.c bench/bench.h $(BUILD)/libkabar.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libkabar.a $(LIBS)

$(BUILD)/tools/%: tools/%.c $(BUILD)/libkabar.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libkabar.a $(LIBS)

$(BUILD)/fuzz-replay/%: fuzz/%.c fuzz/fuzz.h fuzz/standalone.c $(BUILD)/libkabar.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< fuzz/standalone.c $(BUILD)/libkabar.a $(LIBS)

# kabar serve: its HTTP library; curl for its tests (tests/cli/test_serve.sh)
DEB_PKGS += libmicrohttpd-dev curl

deps:
	@sh tools/deps.sh $(DEB_PKGS)

run-tests: all $(TEST_BIN) $(REPLAY_BIN) $(BENCH_BIN)
	@sh tests/run.sh $(BUILD)

test: deps
	@$(MAKE) --no-print-directory run-tests

check: deps
	@$(MAKE) --no-print-directory BUILD=build/asan SAN=1 run-tests

# The hostile-input suite with its streamed files at 1 GB, not 16 MB
# (KABAR_LONG_TESTS=1; ~2 GB of scratch under TMPDIR, minutes): not part
# of `make test` (docs/TESTING.md, "Hostile input").
hostile-big: all
	@KABAR_LONG_TESTS=1 sh tests/cli/test_hostile.sh $(BUILD)

# ThreadSanitizer on what runs threads: one dict shared by threads
# (test_threads) and the -j N pool of code and ingest (test_jobs.sh).
tsan: deps
	@$(MAKE) --no-print-directory BUILD=build/tsan TSAN=1 all \
	  build/tsan/tests/test_threads
	@TSAN_OPTIONS=halt_on_error=1 build/tsan/tests/test_threads
	@TSAN_OPTIONS=halt_on_error=1 sh tests/cli/test_jobs.sh build/tsan

demo: deps
	@$(MAKE) --no-print-directory all
	@echo "== kabar code examples/   (one event per line; see docs/FORMATS.md)"
	@$(BUILD)/kabar code examples/
	@rm -f $(BUILD)/demo.db $(BUILD)/demo.db-wal $(BUILD)/demo.db-shm
	@$(BUILD)/kabar ingest -q --db $(BUILD)/demo.db examples/ \
	  $(wildcard $(SHARED)/seeds/*.txt)
	@echo "== the dashboard: $(BUILD)/demo.db holds examples/$(if $(wildcard $(SHARED)/seeds/*.txt), and $(SHARED)/seeds/,)"
	@echo "   $(BUILD)/kabar serve --db $(BUILD)/demo.db"
	@echo "   then open http://127.0.0.1:8080/ (Ctrl-C stops the server)"

eval: all $(TOOL_BIN)
	@sh tools/eval.sh $(BUILD) $(SHARED)

bench: all $(BENCH_BIN)
	@sh bench/run.sh $(BUILD) $(SHARED)

# Fuzzing: each fuzz/fuzz_*.c is built with clang's libFuzzer and ASan +
# UBSan (the library compiled once more with clang into $(BUILD)/fuzz/obj,
# not linked from a gcc build) and run for FUZZ_SECONDS, seeded from
# fuzz/corpus/<target>/; new inputs go to $(BUILD)/fuzz/corpus/<target>/,
# a crashing input to $(BUILD)/fuzz/crash-*.  FUZZ_TARGETS picks some
# ("fuzz_jsonl fuzz_code").  clang and its runtimes are installed here,
# not by `make deps`: `make test` needs no clang.  docs/TESTING.md.
FUZZ_SECONDS ?= 30
# libFuzzer 14's entropic schedule keeps every feature seen < 255 times in
# a list it searches linearly on each run: on the larger targets that was
# 60% of the time.  Features seen 8 times are abundant enough (3-4x the
# execs/s, same coverage; docs/TESTING.md).
FUZZ_OPTS    ?= -entropic_feature_frequency_threshold=8
FUZZ_CC      ?= clang
FUZZ_DEB_PKGS:= clang libclang-rt-14-dev
FUZZ_TARGETS ?= $(FUZZ_SRC:fuzz/%.c=%)
FUZZ_BIN     := $(FUZZ_TARGETS:%=$(BUILD)/fuzz/%)
# -fno-sanitize-recover: an undefined-behaviour report stops the run and
# leaves a crash-* input, as an AddressSanitizer one does (recoverable, it
# was printed once and the run went on, counted as clean).
# -fno-sanitize-coverage=trace-cmp: no hook on every integer comparison
# (40 % of fuzz_code's time); memcmp/strcmp still guide the mutations.
# At equal CPU time: 1.4-3.7x the executions and more edges and features
# on fuzz_code, _dates, _clean, _html and _jsonl (docs/TESTING.md).
# -O2: fuzz_code runs its inputs in a quarter less time than at -O1.
FUZZ_FLAGS   := -std=c11 -g -O2 -fno-omit-frame-pointer \
                -fno-sanitize-recover=undefined \
                -fno-sanitize-coverage=trace-cmp \
                -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Iinclude -Isrc \
                -I$(BUILD)/gen $(PKG_CFLAGS)
FUZZ_OBJ     := $(LIB_SRC:%.c=$(BUILD)/fuzz/obj/%.o) $(BUILD)/fuzz/obj/gen/data.o \
                $(BUILD)/fuzz/obj/gen/web.o

.SECONDARY: $(FUZZ_OBJ)

$(BUILD)/fuzz/obj/%.o: %.c include/kabar.h $(wildcard src/*.h src/util/*.h)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link,address,undefined \
	  -c $< -o $@

$(BUILD)/fuzz/obj/gen/data.o: $(BUILD)/gen/data.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_FLAGS) -c $< -o $@

$(BUILD)/fuzz/obj/gen/web.o: $(BUILD)/gen/web.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_FLAGS) -c $< -o $@

$(BUILD)/fuzz/%: fuzz/%.c fuzz/fuzz.h $(FUZZ_OBJ)
	$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer,address,undefined -o $@ $< \
	  $(FUZZ_OBJ) $(LIBS)

fuzz-deps:
	@sh tools/deps.sh $(FUZZ_DEB_PKGS)

fuzz: fuzz-deps
	@$(MAKE) --no-print-directory $(FUZZ_BIN)
	@for f in $(FUZZ_BIN); do \
	  name=$$(basename $$f); \
	  mkdir -p $(BUILD)/fuzz/corpus/$$name fuzz/corpus/$$name; \
	  echo "== $$name ($(FUZZ_SECONDS) s)"; \
	  $$f -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 $(FUZZ_OPTS) \
	    -artifact_prefix=$(BUILD)/fuzz/ \
	    $(BUILD)/fuzz/corpus/$$name fuzz/corpus/$$name \
	    >$(BUILD)/fuzz/$$name.log 2>&1; rc=$$?; \
	  grep -E '^(stat::|Done)' $(BUILD)/fuzz/$$name.log; \
	  grep -E '^#[0-9]+[[:space:]]+DONE' $(BUILD)/fuzz/$$name.log | tail -n 1; \
	  [ $$rc = 0 ] || { tail -n 40 $(BUILD)/fuzz/$$name.log; exit 1; }; \
	done

golden: all
	@sh tests/golden/update.sh $(BUILD)

format:
	clang-format -i include/*.h src/*.c src/*.h src/util/*.[ch] src/cli/*.[ch] \
	  tests/*.h tests/unit/*.c bench/*.c tools/*.c

# Static checks, not part of `make test`: each installs its Debian package.
tidy: all
	@sh tools/deps.sh clang-tidy
	@TIDY_CFLAGS="$(PKG_CFLAGS)" sh tools/tidy.sh $(BUILD)

DEB_PKGS += cppcheck
# cppcheck: jansson's foreach macros from tools/cppcheck/jansson.cfg;
# tools/cppcheck/suppressions.txt holds documented false positives only.
cppcheck lint:
	@sh tools/deps.sh cppcheck
	cppcheck --quiet --error-exitcode=1 --enable=warning,portability \
	  --std=c11 --inline-suppr --library=tools/cppcheck/jansson.cfg \
	  --suppressions-list=tools/cppcheck/suppressions.txt -Iinclude -Isrc src

clean:
	rm -rf build
