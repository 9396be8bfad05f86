#!/usr/bin/env bash
# Fetches the test suites Weir's tests use, at pinned commits, for machines without ../shared:
#
#   TARGET/wasm-testsuite   WebAssembly/testsuite (spec tests, .wast)          -> WASM_TESTSUITE_DIR
#   TARGET/wasi-testsuite   WebAssembly/wasi-testsuite, prebuilt wasm32-wasip1  -> WASI_TESTSUITE_DIR
#                           binaries from branch prod/testsuite-base
#   TARGET/bench-corpus     bytecodealliance/sightglass benchmarks/ subset      -> BENCH_CORPUS_DIR
#
# TARGET defaults to ../shared beside the checkout: the place the build looks when the variables
# are unset. Each suite gets a COMMIT file recording what was fetched. Needs git and network
# access to github.com. Existing suite directories are left alone unless --force is given.
set -euo pipefail

usage() {
  cat <<'EOF'
usage: scripts/fetch-testsuites.sh [options] [TARGET_DIR]

Options (COMMIT may be a 40-hex commit id or a path to a COMMIT file containing one):
  --wasm-commit COMMIT    WebAssembly/testsuite commit (default: pinned)
  --wasi-commit COMMIT    WebAssembly/wasi-testsuite prod/testsuite-base commit (default: pinned)
  --bench-commit COMMIT   bytecodealliance/sightglass commit (default: pinned)
  --only SUITE            fetch one of: wasm, wasi, bench (repeatable)
  --force                 replace suite directories that already exist
  --dry-run               print what would be done
  -h, --help              this help

Then, if TARGET_DIR is not ../shared:
  export WASM_TESTSUITE_DIR=TARGET_DIR/wasm-testsuite WASI_TESTSUITE_DIR=TARGET_DIR/wasi-testsuite \
         BENCH_CORPUS_DIR=TARGET_DIR/bench-corpus
EOF
}

ROOT="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Pinned commits: the ones ../shared holds (see each suite's COMMIT file there).
WASM_COMMIT=193e551ff22663995b1ac95dc62344133669e14b
WASI_COMMIT=9f80ca35444cfd9e63100725615140a346652e6c
BENCH_COMMIT=08180eba9354b1c46a366ef522e9fbdf711512ce
# Sightglass benchmarks in the corpus.
BENCHMARKS="blake3-scalar bz2 noop pulldown-cmark quicksort richards rust-json shootout"

# Overridable for tests and mirrors.
WASM_REPO="${WASM_TESTSUITE_REPO:-https://github.com/WebAssembly/testsuite.git}"
WASI_REPO="${WASI_TESTSUITE_REPO:-https://github.com/WebAssembly/wasi-testsuite.git}"
BENCH_REPO="${SIGHTGLASS_REPO:-https://github.com/bytecodealliance/sightglass.git}"

TARGET=""
FORCE=0
DRY=0
ONLY=""

# A commit id, or the id found in a COMMIT file. With a second argument (a marker such as
# "testsuite-base"), prefers the id that follows the marker in the file.
commit_of() {
  local arg="$1" marker="${2:-}" id=""
  if [[ "$arg" =~ ^[0-9a-f]{40}$ ]]; then
    echo "$arg"; return
  fi
  if [ ! -f "$arg" ]; then
    echo "fetch-testsuites: not a commit id or file: $arg" >&2; exit 2
  fi
  if [ -n "$marker" ]; then
    id="$(grep -o "${marker}[^0-9a-f]*[0-9a-f]\{40\}" "$arg" | grep -o '[0-9a-f]\{40\}' | head -n 1 || true)"
  fi
  if [ -z "$id" ]; then
    id="$(grep -o '[0-9a-f]\{40\}' "$arg" | head -n 1 || true)"
  fi
  if [ -z "$id" ]; then
    echo "fetch-testsuites: no commit id in $arg" >&2; exit 2
  fi
  echo "$id"
}

while [ $# -gt 0 ]; do
  case "$1" in
    --wasm-commit) WASM_COMMIT="$(commit_of "$2")"; shift 2 ;;
    --wasi-commit) WASI_COMMIT="$(commit_of "$2" testsuite-base)"; shift 2 ;;
    --bench-commit) BENCH_COMMIT="$(commit_of "$2")"; shift 2 ;;
    --only) ONLY="$ONLY $2"; shift 2 ;;
    --force) FORCE=1; shift ;;
    --dry-run) DRY=1; shift ;;
    -h|--help) usage; exit 0 ;;
    -*) echo "fetch-testsuites: unknown option $1" >&2; usage >&2; exit 2 ;;
    *) [ -z "$TARGET" ] || { usage >&2; exit 2; }; TARGET="$1"; shift ;;
  esac
done
TARGET="${TARGET:-$ROOT/../shared}"
[ -n "$ONLY" ] || ONLY="wasm wasi bench"

run() {
  if [ "$DRY" -eq 1 ]; then echo "+ $*"; else "$@"; fi
}

wanted() {
  case " $ONLY " in *" $1 "*) return 0 ;; *) return 1 ;; esac
}

# Shallow-fetches one commit of a repository into a fresh directory (GitHub serves any commit id).
checkout() {
  local repo="$1" commit="$2" dir="$3"
  run git init -q "$dir"
  run git -C "$dir" fetch -q --depth 1 "$repo" "$commit"
  run git -C "$dir" -c advice.detachedHead=false checkout -q FETCH_HEAD
}

# Refuses to clobber an existing suite unless --force; prints the destination.
prepare() {
  local dest="$1"
  if [ -e "$dest" ]; then
    if [ "$FORCE" -ne 1 ]; then
      echo "fetch-testsuites: $dest exists; skipping (use --force to replace it)" >&2
      return 1
    fi
    run rm -rf "$dest"
  fi
  return 0
}

run mkdir -p "$TARGET"
TARGET="$(cd "$TARGET" 2>/dev/null && pwd || echo "$TARGET")"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/weir-suites.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

if wanted wasm && prepare "$TARGET/wasm-testsuite"; then
  echo "fetch-testsuites: WebAssembly/testsuite $WASM_COMMIT -> $TARGET/wasm-testsuite" >&2
  checkout "$WASM_REPO" "$WASM_COMMIT" "$WORK/wasm"
  run rm -rf "$WORK/wasm/.git"
  run mv "$WORK/wasm" "$TARGET/wasm-testsuite"
  if [ "$DRY" -eq 0 ]; then echo "$WASM_COMMIT" > "$TARGET/wasm-testsuite/COMMIT"; fi
fi

if wanted wasi && prepare "$TARGET/wasi-testsuite"; then
  echo "fetch-testsuites: WebAssembly/wasi-testsuite $WASI_COMMIT -> $TARGET/wasi-testsuite" >&2
  checkout "$WASI_REPO" "$WASI_COMMIT" "$WORK/wasi"
  run mkdir -p "$WORK/wasi-out/tests"
  # Keep only the wasm32-wasip1 builds, as ../shared does.
  for lang in assemblyscript c rust; do
    if [ "$DRY" -eq 1 ] || [ -d "$WORK/wasi/tests/$lang/testsuite/wasm32-wasip1" ]; then
      run mkdir -p "$WORK/wasi-out/tests/$lang/testsuite"
      run cp -R "$WORK/wasi/tests/$lang/testsuite/wasm32-wasip1" "$WORK/wasi-out/tests/$lang/testsuite/"
    elif [ -d "$WORK/wasi/tests/$lang/testsuite" ]; then
      run mkdir -p "$WORK/wasi-out/tests/$lang"
      run cp -R "$WORK/wasi/tests/$lang/testsuite" "$WORK/wasi-out/tests/$lang/"
    fi
  done
  for f in LICENSE README.md; do
    if [ "$DRY" -eq 1 ] || [ -f "$WORK/wasi/$f" ]; then run cp "$WORK/wasi/$f" "$WORK/wasi-out/"; fi
  done
  # ../shared's copies have custom sections stripped; do the same when wabt is installed.
  if command -v wasm-strip >/dev/null 2>&1; then
    if [ "$DRY" -eq 1 ]; then
      echo "+ wasm-strip each .wasm"
    else
      find "$WORK/wasi-out" -name '*.wasm' -exec wasm-strip {} \;
    fi
  else
    echo "fetch-testsuites: wasm-strip (wabt) not found; keeping custom sections" >&2
  fi
  run mv "$WORK/wasi-out" "$TARGET/wasi-testsuite"
  if [ "$DRY" -eq 0 ]; then
    echo "binaries from branch prod/testsuite-base $WASI_COMMIT, wasip1 only" > "$TARGET/wasi-testsuite/COMMIT"
  fi
fi

if wanted bench && prepare "$TARGET/bench-corpus"; then
  echo "fetch-testsuites: bytecodealliance/sightglass $BENCH_COMMIT -> $TARGET/bench-corpus" >&2
  checkout "$BENCH_REPO" "$BENCH_COMMIT" "$WORK/sightglass"
  out="$WORK/bench-out/sightglass"
  run mkdir -p "$out"
  for b in $BENCHMARKS; do
    if [ "$DRY" -eq 1 ] || [ -d "$WORK/sightglass/benchmarks/$b" ]; then
      run cp -R "$WORK/sightglass/benchmarks/$b" "$out/"
    else
      echo "fetch-testsuites: benchmark $b not found at $BENCH_COMMIT" >&2
    fi
  done
  if [ "$DRY" -eq 1 ] || [ -f "$WORK/sightglass/LICENSE" ]; then run cp "$WORK/sightglass/LICENSE" "$out/LICENSE-APACHE"; fi
  if [ "$DRY" -eq 1 ] || [ -f "$WORK/sightglass/benchmarks/README.md" ]; then
    run cp "$WORK/sightglass/benchmarks/README.md" "$out/README-sightglass.md"
  fi
  run mv "$WORK/bench-out" "$TARGET/bench-corpus"
  if [ "$DRY" -eq 0 ]; then
    echo "bytecodealliance/sightglass $BENCH_COMMIT, benchmarks/ subset" > "$TARGET/bench-corpus/sightglass/COMMIT"
  fi
fi

echo "fetch-testsuites: done. Unless $TARGET is ../shared beside the checkout, export:" >&2
echo "  WASM_TESTSUITE_DIR=$TARGET/wasm-testsuite WASI_TESTSUITE_DIR=$TARGET/wasi-testsuite BENCH_CORPUS_DIR=$TARGET/bench-corpus" >&2
