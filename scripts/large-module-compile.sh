#!/usr/bin/env bash
# Compile-time report for large real modules (issue 8): fetches them with `npm pack` into a cache dir
# (never committed) and runs weir-compiler's LargeModuleReport, which prints decode / validate /
# compile times, functions compiled and interpreted (with reasons), heap used, and the
# ahead-of-time compileToJar / load times.
#
#   scripts/large-module-compile.sh [extra.wasm ...]
#   WEIR_LARGE_CACHE=dir (default ~/.cache/weir-large-modules)   WEIR_COMPILER_PARALLEL=false (serial)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cache="${WEIR_LARGE_CACHE:-$HOME/.cache/weir-large-modules}"
mkdir -p "$cache"
cd "$cache"

fetch() { # npm package, path of the .wasm inside the tarball
    local pkg="$1" inner="$2" out="$cache/$(basename "$2")"
    if [ ! -f "$out" ]; then
        local tgz
        tgz="$(npm pack --silent "$pkg" | tail -1)"
        tar xzf "$tgz" "$inner"
        mv "$inner" "$out"
        rm -rf package "$tgz"
    fi
    echo "$out"
}

modules=()
modules+=("$(fetch @sqlite.org/sqlite-wasm package/sqlite-wasm/jswasm/sqlite3.wasm)")   # C, ~0.9 MB
modules+=("$(fetch esbuild-wasm package/esbuild.wasm)")                                   # Go, ~14 MB
for extra in "$@"; do modules+=("$(cd "$OLDPWD" 2>/dev/null; realpath "$extra")"); done
list="$(IFS=,; echo "${modules[*]}")"

cd "$root"
mvn -q -Dweir.target=target-large -pl weir-compiler -am test \
    -Dtest=LargeModuleReport -Dsurefire.failIfNoSpecifiedTests=false \
    -Dweir.largeModules="$list" -Dweir.compiler.parallel="${WEIR_COMPILER_PARALLEL:-true}" \
    | grep '^\[large-module\]'
