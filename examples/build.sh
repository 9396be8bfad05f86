#!/usr/bin/env bash
# Rebuilds every example guest from source into examples/wasm/<name>.wasm.
# Idempotent: each run regenerates all outputs from scratch (temporary files go to a mktemp dir).
#
# Tool versions used for the committed binaries (Debian 12):
#   rustc 1.63 (/usr/bin/rustc, wasm32-unknown-unknown), clang/wasm-ld 14 + wasi-libc,
#   wabt 1.0.32 (wat2wasm, wasm2wat, wasm-objdump), binaryen 108 (wasm-opt),
#   AssemblyScript 0.28 (npm, guests/assemblyscript/package-lock.json), Node 20 (verify).
#
# Every output keeps its "name" section (function names) and carries no DWARF.
#
# Usage: examples/build.sh            build everything
#        examples/build.sh --verify   build, then run guests/verify.mjs with node
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT="$HERE/wasm"
GUESTS="$HERE/guests"
RUSTC="${RUSTC:-/usr/bin/rustc}"   # the Debian rustc: the one first on PATH may lack wasm targets
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

APT_HINT="apt-get update && apt-get install -y wabt binaryen clang lld wasi-libc libclang-rt-14-dev-wasm32 rustc libstd-rust-dev-wasm32"

need() { # need <command> <how to install>
  if ! command -v "$1" >/dev/null 2>&1; then
    echo "build.sh: missing tool '$1'. Install with: $2" >&2
    exit 1
  fi
}

need wat2wasm "$APT_HINT"
need wasm2wat "$APT_HINT"
need wasm-objdump "$APT_HINT"
need wasm-opt "$APT_HINT"
need clang "$APT_HINT"
need wasm-ld "$APT_HINT"
need node "apt-get install -y nodejs npm   (Node 20 or newer)"
need npm "apt-get install -y npm"
if [ ! -x "$RUSTC" ]; then
  echo "build.sh: missing $RUSTC. Install with: $APT_HINT (or set RUSTC=/path/to/rustc with wasm32 targets)" >&2
  exit 1
fi
if ! "$RUSTC" --print target-libdir --target wasm32-unknown-unknown >/dev/null 2>&1 \
   || [ ! -d "$("$RUSTC" --print target-libdir --target wasm32-unknown-unknown)" ]; then
  echo "build.sh: $RUSTC has no wasm32-unknown-unknown std. Install with: apt-get install -y libstd-rust-dev-wasm32" >&2
  exit 1
fi
if [ ! -f /usr/lib/wasm32-wasi/libc.a ]; then
  echo "build.sh: wasi-libc not found (/usr/lib/wasm32-wasi/libc.a). Install with: $APT_HINT" >&2
  exit 1
fi

mkdir -p "$OUT"

# expect_export <wasm> <export name> <signature as printed by wasm-objdump, e.g. "(i32, i32) -> (i32, i32)">
expect_export() {
  local wasm="$1" name="$2" sig="$3" idx type
  idx="$(wasm-objdump -x -j Export "$wasm" | sed -n "s/^ - func\[\([0-9]*\)\].* -> \"$name\"\$/\1/p")"
  if [ -z "$idx" ]; then echo "build.sh: $wasm does not export function $name" >&2; exit 1; fi
  type="$(wasm-objdump -x -j Function "$wasm" | sed -n "s/^ - func\[$idx\] sig=\([0-9]*\).*/\1/p")"
  if ! wasm-objdump -x -j Type "$wasm" | grep -qF -- "- type[$type] $sig"; then
    echo "build.sh: $wasm export $name does not have signature $sig" >&2; exit 1
  fi
}

# inject <in.wasm> <extra.wat> <out.wasm>: appends WAT module fields (functions referring to
# the module's own $names) to a compiled module, like the wasm-bindgen CLI post-processes
# rustc output. Round-trips through the text format, so names are preserved.
inject() {
  wasm2wat --enable-all "$1" -o "$TMP/inject.wat"
  python3 - "$TMP/inject.wat" "$2" <<'PY'
import sys
text = open(sys.argv[1]).read().rstrip()
assert text.endswith(")"), "unexpected wasm2wat output"
open(sys.argv[1], "w").write(text[:-1] + "\n" + open(sys.argv[2]).read() + ")\n")
PY
  wat2wasm --enable-all --debug-names "$TMP/inject.wat" -o "$3"
}

rust_guest() { # rust_guest <dir> <crate name> <out> [extra rustc flags...]
  local dir="$1" crate="$2" out="$3"; shift 3
  # opt-level=s, panic=abort: small; strip=debuginfo drops DWARF but keeps the name section.
  "$RUSTC" --edition 2021 --target wasm32-unknown-unknown --crate-type cdylib \
    --crate-name "$crate" -C opt-level=s -C panic=abort -C debuginfo=0 -C strip=debuginfo \
    "$@" "$dir/lib.rs" -o "$out" 2> "$TMP/rustc.log" || { cat "$TMP/rustc.log" >&2; exit 1; }
  # +multivalue triggers a harmless "unknown feature" warning on rustc 1.63; show anything else.
  grep -v -e 'unknown feature specified' -e 'still passed through' -e 'consider filing' \
       -e 'warning: 1 warning emitted' -e '^ *|$' -e '^ *= note' -e '^$' "$TMP/rustc.log" >&2 || true
}

echo "== WAT examples"
for wat in "$HERE"/wat/*.wat; do
  name="$(basename "$wat" .wat)"
  wat2wasm --debug-names "$wat" -o "$OUT/$name.wasm"
done

echo "== rust-raw"
# +multivalue: lets upper_pair return (i32, i32) directly (see lib.rs for why this works).
rust_guest "$GUESTS/rust-raw" rust_raw "$OUT/rust-raw.wasm" -C target-feature=+multivalue
expect_export "$OUT/rust-raw.wasm" upper_pair "(i32, i32) -> (i32, i32)"
expect_export "$OUT/rust-raw.wasm" upper_packed "(i32, i32) -> i64"

echo "== wasm-bindgen-style"
rust_guest "$GUESTS/wasm-bindgen-style" wasm_bindgen_style "$TMP/wbg.wasm"
inject "$TMP/wbg.wasm" "$GUESTS/wasm-bindgen-style/stack_pointer.wat" "$OUT/wasm-bindgen-style.wasm"
expect_export "$OUT/wasm-bindgen-style.wasm" __wbindgen_add_to_stack_pointer "(i32) -> i32"
expect_export "$OUT/wasm-bindgen-style.wasm" upper "(i32, i32, i32) -> nil"

echo "== component-style"
rust_guest "$GUESTS/component-style" component_style "$OUT/component-style.wasm"
expect_export "$OUT/component-style.wasm" cabi_realloc "(i32, i32, i32, i32) -> i32"

echo "== c (wasi-libc reactor)"
# Compile with -O2 but link WITHOUT -O: clang 14 runs wasm-opt after linking when it is on
# PATH and an optimisation level is given, and that run drops the name section. We run
# wasm-opt ourselves with -g instead. --strip-debug removes wasi-libc's DWARF, keeps names.
clang --target=wasm32-wasi --sysroot=/usr -O2 -Wall -Wextra -Werror -c \
  "$GUESTS/c/exchange.c" -o "$TMP/exchange.o"
clang --target=wasm32-wasi --sysroot=/usr -mexec-model=reactor \
  -Wl,--strip-debug -Wl,--export=malloc -Wl,--export=free \
  "$TMP/exchange.o" -o "$TMP/c.wasm"
wasm-opt "$TMP/c.wasm" -O2 -g --strip-producers -o "$OUT/c-exchange.wasm"
expect_export "$OUT/c-exchange.wasm" upper_len "(i32, i32, i32) -> i32"

echo "== assemblyscript"
(
  cd "$GUESTS/assemblyscript"
  if [ ! -x node_modules/.bin/asc ]; then npm ci --no-audit --no-fund >/dev/null; fi
  # --debug keeps the name section (function names); -O3 still fully optimises.
  node_modules/.bin/asc assembly/index.ts -o "$OUT/assemblyscript.wasm" \
    -O3 --exportRuntime --debug
)
expect_export "$OUT/assemblyscript.wasm" __new "(i32, i32) -> i32"

echo "== c memcheck-errors (one function per memcheck error kind)"
# calloc/realloc are exported so that wasm-opt keeps them as functions memcheck can wrap
# (a single-caller function is otherwise inlined into its caller).
clang --target=wasm32-wasi --sysroot=/usr -O2 -Wall -Wextra -Werror -c \
  "$GUESTS/c/memcheck_errors.c" -o "$TMP/memcheck_errors.o"
clang --target=wasm32-wasi --sysroot=/usr -mexec-model=reactor \
  -Wl,--strip-debug -Wl,--export=malloc -Wl,--export=free -Wl,--export=calloc -Wl,--export=realloc \
  "$TMP/memcheck_errors.o" -o "$TMP/memcheck-errors.wasm"
wasm-opt "$TMP/memcheck-errors.wasm" -O2 -g --strip-producers -o "$OUT/memcheck-errors.wasm"
expect_export "$OUT/memcheck-errors.wasm" stack_overflow_demo "(i32) -> i32"

echo "== outputs"
for f in "$OUT"/*.wasm; do
  size=$(wc -c < "$f")
  if [ "$size" -ge 1048576 ]; then echo "build.sh: $f is $size bytes (limit 1 MiB)" >&2; exit 1; fi
  if ! wasm-objdump -h "$f" | grep -q '"name"'; then echo "build.sh: $f has no name section" >&2; exit 1; fi
  printf '%8d  %s\n' "$size" "${f#$HERE/}"
done

if [ "${1:-}" = "--verify" ]; then
  node "$GUESTS/verify.mjs"
fi
