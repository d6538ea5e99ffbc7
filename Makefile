# taizhang — a plain GNU Makefile.  `make run` and `make test` are the
# two commands a new user needs; see README.md.

PKGS	 = libmicrohttpd sqlite3 jansson libsodium
CC	?= cc
CFLAGS	?= -O2 -g
CFLAGS	+= -std=c11 -D_GNU_SOURCE -Wall -Wextra -Wshadow -Wno-unused-parameter \
	   -Wstrict-prototypes -Wmissing-prototypes -Werror=implicit-function-declaration \
	   -MMD -MP -Isrc -Ibuild $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LDLIBS	+= $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lpthread

DB	?= var/taizhang.db
LISTEN	?= 127.0.0.1:8080

SRC	 = $(wildcard src/*.c)
LIBSRC	 = $(filter-out src/main.c,$(SRC))
GEN	 = build/schema_gen.c build/demo_gen.c
OBJ	 = $(patsubst src/%.c,build/%.o,$(LIBSRC)) $(GEN:.c=.o)
TESTS	 = $(patsubst tests/unit/%.c,build/tests/%,$(wildcard tests/unit/test_*.c))

.PHONY: all deps run test check clean fmt

all: taizhang

deps:
	@scripts/deps.sh build

build/schema_gen.c: $(wildcard schema/*.sql) scripts/embed.sh | build
	scripts/embed.sh schema $@ $(sort $(wildcard schema/*.sql))

build/demo_gen.c: data/demo.json scripts/embed.sh | build
	scripts/embed.sh blob $@ demo_json data/demo.json

build:
	mkdir -p build build/tests

build/%.o: src/%.c | build
	@echo "CC $<"
	@$(CC) $(CFLAGS) -c -o $@ $<

build/%.o: build/%.c
	@echo "CC $<"
	@$(CC) $(CFLAGS) -Wno-missing-prototypes -c -o $@ $<

build/libtaizhang.a: $(OBJ)
	$(AR) rcs $@ $^

taizhang: build/main.o build/libtaizhang.a
	$(CC) $(LDFLAGS) -o $@ build/main.o build/libtaizhang.a $(LDLIBS)

build/tests/%: tests/unit/%.c tests/unit/check.h build/libtaizhang.a
	$(CC) $(CFLAGS) -Wno-missing-prototypes -Itests/unit -o $@ $< build/libtaizhang.a $(LDLIBS)

# Create the store with the gazetteer, the demo and an admin, once.
$(DB):
	./taizhang init --db $(DB) </dev/null
	./taizhang places load --db $(DB)
	./taizhang demo --db $(DB)

run: deps
	$(MAKE) taizhang
	@[ -f $(DB) ] || $(MAKE) --no-print-directory $(DB)
	./taizhang serve --db $(DB) --listen $(LISTEN)

test:
	@scripts/deps.sh test
	$(MAKE) taizhang $(TESTS)
	@tests/run.sh

check:
	@scripts/deps.sh test
	$(MAKE) clean
	$(MAKE) CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
		LDFLAGS="-fsanitize=address,undefined" taizhang $(TESTS)
	@ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 tests/run.sh
	$(MAKE) clean

clean:
	rm -rf build taizhang

-include $(wildcard build/*.d)
