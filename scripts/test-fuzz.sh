#!/usr/bin/env bash
# Runs every libFuzzer target of tests/fuzz (issue 18, §2) for a short fixed time, each on a
# scratch copy of its checked-in corpus, and fails on a finding: a crash, a sanitizer report
# (ASan+UBSan are built in), an input that runs longer than 25 s or an out-of-memory. The
# input that found it is kept in build-fuzz/findings/ and named in the output; add it to the
# target's corpus once fixed, so the ordinary test suite (tst_fuzz_corpus) replays it.
# Builds only the fuzz targets and the libraries they link (no GUI, no tests), with clang at
# -O1 and without debug information, in ./build-fuzz: a cold build (no ccache) took 546
# CPU-seconds, 12 min 47 s on this 2-core machine while other builds shared it (about 5 min
# alone), and the tree takes 337 MB. ccache makes a rebuild cheap. Without a clang that links
# -fsanitize=fuzzer it says so and passes.
#   PPL_FUZZ_SECONDS  seconds per target (default 15; 7 targets, under 2 min in all)
#   PPL_FUZZ_TARGETS  only these (space-separated names, e.g. "fuzz_promql fuzz_rules")
#   PPL_SKIP_FUZZ=1   skips it
# Extra arguments go to every fuzzer, e.g. -jobs=2 -workers=2.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${PPL_SKIP_FUZZ:-0}" = 1 ]; then
  echo "fuzz: skipped (PPL_SKIP_FUZZ=1)"
  exit 0
fi
seconds="${PPL_FUZZ_SECONDS:-15}"
probe="$(mktemp -d)"
trap 'rm -rf "$probe"' EXIT
printf 'extern "C" int LLVMFuzzerTestOneInput(const unsigned char *, unsigned long) { return 0; }\n' \
  >"$probe/probe.cpp"
if ! command -v clang++ >/dev/null ||
  ! clang++ -fsanitize=fuzzer "$probe/probe.cpp" -o "$probe/probe" 2>/dev/null; then
  echo "fuzz: no clang++ with -fsanitize=fuzzer here; the fuzz targets were not run"
  exit 0
fi

launcher=()
if command -v ccache >/dev/null; then
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
fi
# target:corpus[:dictionary]
targets=(
  fuzz_textparser:corpus:exposition.dict
  fuzz_openmetricsparser:corpus-openmetrics:openmetrics.dict
  fuzz_promql:corpus-promql
  fuzz_config:corpus-config
  fuzz_rules:corpus-rules
  fuzz_scenario:corpus-scenario
  fuzz_gatewaypush:corpus-gateway
)
if [ -n "${PPL_FUZZ_TARGETS:-}" ]; then
  chosen=()
  for t in "${targets[@]}"; do
    [[ " $PPL_FUZZ_TARGETS " == *" ${t%%:*} "* ]] && chosen+=("$t")
  done
  targets=("${chosen[@]}")
fi
names=()
for t in "${targets[@]}"; do names+=("${t%%:*}"); done
# -O1: compiles faster than -O2 and still runs the fuzzers fast. No -g: a finding's stack trace
# names the functions (symbolized from the symbol table), enough to find it; a reproduction
# under a debugger is a rebuild away. Only the targets' own dependencies are built.
cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS_RELEASE="-O1 -DNDEBUG" \
  -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DPPL_FUZZ=ON -DPPL_BUILD_TESTS=ON \
  "${launcher[@]}" >/dev/null
started=$SECONDS
cmake --build build-fuzz --parallel 2 --target "${names[@]}"
echo "fuzz: targets built in $((SECONDS - started)) s"
du -sh build-fuzz

# Qt keeps process-lifetime singletons that LeakSanitizer would report (as in test-sanitize.sh).
export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
mkdir -p build-fuzz/findings
failed=()
for t in "${targets[@]}"; do
  IFS=: read -r name corpus dict <<<"$t"
  work="$probe/$name"
  mkdir -p "$work"
  cp -r "tests/fuzz/$corpus/." "$work/"
  # A fixed seed: a CI run explores the same inputs as the run that was checked here, in
  # the same order (as far as its time allows), so the step does not fail at random.
  args=(-seed="${PPL_FUZZ_SEED:-1}" -max_total_time="$seconds" -timeout=25 -rss_limit_mb=2048 -print_final_stats=1
    -artifact_prefix="build-fuzz/findings/$name-")
  [ -n "${dict:-}" ] && args+=(-dict="tests/fuzz/$dict")
  log="build-fuzz/findings/$name.log"
  if "build-fuzz/tests/fuzz/$name" "${args[@]}" "$@" "$work" >"$log" 2>&1; then
    echo "fuzz: $name: $(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}') executions," \
      "$(grep -oE 'cov: [0-9]+' "$log" | tail -1), no finding"
  else
    echo "fuzz: $name: FINDING (log: $log)"
    grep -E '^(==[0-9]+==ERROR|SUMMARY|artifact_prefix|Test unit written)' "$log" | head -5 || true
    tail -40 "$log"
    failed+=("$name")
  fi
done
if [ ${#failed[@]} -ne 0 ]; then
  echo "fuzz: findings in ${failed[*]}"
  exit 1
fi
