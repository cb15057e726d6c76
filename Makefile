# The two commands of the README, and the steps they are made of.
#   make demo   install what is missing, build the page, serve it on http://127.0.0.1:$(PORT)/
#   make test   install what is missing, build everything, run every test
PORT ?= 8000
SITE := build/web/site

.PHONY: all demo test setup native asan web test-native test-asan test-browser bench format clean

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

web:
	@scripts/setup.sh web
	NODE_PATH=/usr/share/nodejs emcmake cmake --preset web
	cmake --build --preset web

test-native: native
	ctest --preset native

test-asan: asan
	ctest --preset asan

test-browser: native web
	@scripts/setup.sh browser
	node --test --test-concurrency=1 --test-timeout=180000 tests/browser/ tests/wasm/

test: setup
	$(MAKE) --no-print-directory test-native test-asan test-browser
	@echo "make test: all tests passed"

demo: web
	@node scripts/serve.mjs $(SITE) $(PORT)

bench: native web
	@scripts/setup.sh browser
	node scripts/bench.mjs

format:
	clang-format -i $$(git ls-files 'src/*.cpp' 'src/*.hpp' 'tests/*.cpp' 'tests/*.hpp' 'bench/*.cpp')

clean:
	rm -rf build
