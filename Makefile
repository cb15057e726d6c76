# The two commands of the README, and the steps they are made of.
#   make demo   install what is missing, build the page, serve it on http://127.0.0.1:$(PORT)/
#   make test   install what is missing, build everything, run every test
PORT ?= 8000
SITE := build/web/site

.PHONY: all demo test setup native asan web dist fuzz test-native test-asan test-browser bench format clean

# Seconds each fuzz target runs in `make fuzz`: FUZZ_SECONDS=600 make fuzz for a longer run.
# New inputs go to build/fuzz/corpus/, crashes to build/fuzz/crash-*. `make test` does not
# search: its native and ASan runs replay the corpus and a fixed set of mutations of it
# (tests/fuzz/replay_main.cpp), with no clang build.
FUZZ_SECONDS ?= 20
FUZZ_TARGETS := query json csv script expr

all: native web

setup:
	@scripts/setup.sh all

native:
	@scripts/setup.sh native
	cmake --preset native
	cmake --build --preset native

asan:
	@scripts/setup.sh native
	cmake --preset asan
	cmake --build --preset asan

fuzz:
	@scripts/setup.sh native
	cmake --preset fuzz
	cmake --build --preset fuzz
	@for t in $(FUZZ_TARGETS); do \
	  mkdir -p build/fuzz/corpus/$$t || exit 1; \
	  echo "fuzz_$$t: $(FUZZ_SECONDS) s"; \
	  build/fuzz/tests/fuzz/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=2048 \
	    -print_final_stats=0 -artifact_prefix=build/fuzz/crash-$$t- \
	    build/fuzz/corpus/$$t tests/fuzz/corpus/$$t 2>build/fuzz/fuzz_$$t.log \
	    || { tail -n 40 build/fuzz/fuzz_$$t.log; echo "fuzz_$$t failed: see build/fuzz/fuzz_$$t.log"; exit 1; }; \
	  grep -h "^Done" build/fuzz/fuzz_$$t.log; \
	done

web:
	@scripts/setup.sh web
	cmake --preset web
	cmake --build --preset web

# build/dist/: the site plus backprop.html, the whole page in one file (scripts/dist.mjs; a
# second or so). The browser tests make their own copy (tests/browser/dist.test.mjs).
dist: web
	node scripts/dist.mjs $(SITE) build/dist

test-native: native
	ctest --preset native

test-asan: asan
	ctest --preset asan

# tests/browser/all.mjs runs every browser test file in one process, which node --test counts as
# one test: its timeout bounds the whole suite; all.mjs gives each file 10 minutes.
test-browser: native web
	@scripts/setup.sh browser
	node --test --test-concurrency=1 --test-timeout=2400000 tests/browser/all.mjs tests/wasm/

# Each step's wall time is printed, so that a slow step shows in the log (no test asserts a time).
test: setup
	@start=$$(date +%s); \
	for step in test-native test-asan test-browser; do \
	  began=$$(date +%s); \
	  $(MAKE) --no-print-directory $$step || exit 1; \
	  echo "make test: $$step took $$(( $$(date +%s) - began )) s"; \
	done; \
	echo "make test: all tests passed in $$(( $$(date +%s) - start )) s"

demo: web
	@node scripts/serve.mjs $(SITE) $(PORT)

bench: native web
	@scripts/setup.sh browser
	cmake --build --preset native --target bp_bench_baseline
	node scripts/bench.mjs

format:
	clang-format -i $$(git ls-files 'src/*.cpp' 'src/*.hpp' 'tests/*.cpp' 'tests/*.hpp' 'bench/*.cpp')

clean:
	rm -rf build
