#!/usr/bin/env bash
# Builds weir-bench's runnable jar and runs the benchmarks.
#
#   scripts/bench.sh side [SideBySide options]   quick table, Weir vs Chicory interpreters + decode MB/s
#                                                (--warmup N --warmup-ms MS --iterations N --only id,... --no-decode)
#   scripts/bench.sh whole [WholeProgram options] whole programs (sightglass + examples) on Weir interp/compiler,
#                                                Chicory, Endive, wasmtime, Node, native gcc -O2: stdout checked,
#                                                compile+instantiate and run medians, ratios to Weir compiler,
#                                                geomeans (--quick --warmup N --iterations N --only REGEX
#                                                --engines id,... --timeout S --html FILE --markdown FILE
#                                                --fork: each in-JVM cell in a fresh JVM, as users run one engine)
#   scripts/bench.sh jmh  [JMH options] [REGEX]  all JMH benchmarks (or those matching REGEX), then
#                                                a summary with MB/s, Chicory/Weir ratios and geomean;
#                                                defaults -f 1 -wi 3 -i 5 unless given
#   scripts/bench.sh decode [JMH options]        = jmh DecodeValidateBenchmark
#   scripts/bench.sh interp [JMH options]        = jmh InterpreterVsChicoryBenchmark
#
# Default mode: side. Environment: BENCH_CORPUS_DIR (sightglass corpus, default ../shared/bench-corpus
# or /work/shared/bench-corpus), WEIR_TARGET (build output folder name, default "target", for
# parallel builds of one checkout), BENCH_NO_BUILD=1 (reuse the jar), MVN (default "mvn"),
# MVN_FLAGS (e.g. -o), JAVA_OPTS (extra JVM options for the benchmark JVM).
set -euo pipefail

ROOT="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TARGET="${WEIR_TARGET:-target}"
JAR="$ROOT/weir-bench/$TARGET/weir-benchmarks.jar"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

mode="${1:-side}"
[ $# -gt 0 ] && shift

case "$mode" in
  side|whole|jmh|decode|interp) ;;
  -h|--help|help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
  *) echo "bench.sh: unknown mode '$mode' (side, whole, jmh, decode, interp)" >&2; exit 2 ;;
esac

if [ "${BENCH_NO_BUILD:-0}" != 1 ] || [ ! -f "$JAR" ]; then
  echo "bench.sh: building $JAR" >&2
  # shellcheck disable=SC2086
  (cd "$ROOT" && ${MVN:-mvn} -q ${MVN_FLAGS:-} -Dweir.target="$TARGET" -pl weir-bench -am package -DskipTests)
fi

# shellcheck disable=SC2086
# Every engine runs in this JVM with the same flags; see the weir launcher for why this one.
jvm=("$JAVA" -XX:-DontCompileHugeMethods -XX:-ClipInlining ${JAVA_OPTS:-} -cp "$JAR")

if [ "$mode" = side ]; then
  exec "${jvm[@]}" dev.weir.bench.SideBySide "$@"
fi
if [ "$mode" = whole ]; then
  exec "${jvm[@]}" dev.weir.bench.WholeProgram "$@"
fi

args=("$@")
case "$mode" in
  decode) args+=(DecodeValidateBenchmark) ;;
  interp) args+=(InterpreterVsChicoryBenchmark) ;;
esac
# JMH rejects an option given twice, so add a default only when the caller did not pass it.
has() { local o; for o in "${args[@]}"; do [ "$o" = "$1" ] && return 0; done; return 1; }
defaults=()
has -f || defaults+=(-f 1)
has -wi || defaults+=(-wi 3)
has -i || defaults+=(-i 5)
exec "${jvm[@]}" dev.weir.bench.BenchMain "${defaults[@]}" "${args[@]}"
