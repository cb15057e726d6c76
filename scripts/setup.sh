#!/usr/bin/env bash
# Installs what the project needs on a Debian 12 machine, and nothing by hand:
# Debian packages, the Dear ImGui sources (from Debian's source package, into .deps/),
# and the npm packages pinned by package-lock.json. Idempotent and quick when all is there.
#
# Usage: scripts/setup.sh [native|web|browser|all]   (default: all)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
what=${1:-all}
imgui_version=1.86
deps="$root/.deps"

native_pkgs=(build-essential cmake ninja-build libeigen3-dev doctest-dev nlohmann-json3-dev
             python3 python3-numpy clang-format clang libclang-rt-14-dev)
web_pkgs=(emscripten node-acorn xz-utils)
browser_pkgs=(chromium)
# Node.js and npm: Debian's packages only where none is installed (a NodeSource nodejs
# already ships npm, and Debian's npm package would conflict with it).
command -v node >/dev/null 2>&1 || browser_pkgs+=(nodejs)
command -v npm >/dev/null 2>&1 || browser_pkgs+=(npm)

case "$what" in
  native) pkgs=("${native_pkgs[@]}") ;;
  web) pkgs=("${native_pkgs[@]}" "${web_pkgs[@]}") ;;
  browser | all) pkgs=("${native_pkgs[@]}" "${web_pkgs[@]}" "${browser_pkgs[@]}") ;;
  *) echo "setup.sh: unknown target '$what' (expected native, web, browser or all)" >&2; exit 2 ;;
esac

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Dear ImGui: Debian's binary package lacks the core .cpp files, so take the source package.
if [ "$what" != native ] && [ ! -f "$deps/imgui-$imgui_version/imgui.cpp" ]; then
  echo "setup: fetching the Dear ImGui $imgui_version sources from Debian's source package"
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  mkdir -p "$tmp/lists/partial" "$deps"
  sources=/etc/apt/sources.list.d/debian.sources
  if [ -f "$sources" ]; then
    sed 's/^Types: deb$/Types: deb-src/' "$sources" > "$tmp/src.sources"
    list_opt=(-o Dir::Etc::sourcelist="$tmp/src.sources")
  else
    sed -n 's/^deb /deb-src /p' /etc/apt/sources.list > "$tmp/src.list"
    list_opt=(-o Dir::Etc::sourcelist="$tmp/src.list")
  fi
  apt_opts=("${list_opt[@]}" -o Dir::Etc::sourceparts=/dev/null -o Dir::State::Lists="$tmp/lists"
            -o APT::Sandbox::User=root)
  apt-get "${apt_opts[@]}" update -qq
  (cd "$tmp" && apt-get "${apt_opts[@]}" source --download-only -qq imgui)
  tarball=$(ls "$tmp"/imgui_"$imgui_version"*.orig.tar.* | head -n 1)
  tar -xf "$tarball" -C "$tmp"
  rm -rf "$deps/imgui-$imgui_version"
  mv "$tmp/imgui-$imgui_version" "$deps/imgui-$imgui_version"
fi

# Browser tests: playwright-core from npm, exactly as package-lock.json pins it.
if [ "$what" = all ] || [ "$what" = browser ]; then
  if [ ! -d "$root/node_modules/playwright-core" ] || [ "$root/package-lock.json" -nt "$root/node_modules/.package-lock.json" ]; then
    echo "setup: installing npm packages from package-lock.json"
    (cd "$root" && npm ci --no-audit --no-fund --loglevel=error)
  fi
fi
exit 0
