#!/usr/bin/env bash
# Builds the libFuzzer targets with AddressSanitizer (flags on the command line, never in a
# manifest) and runs each one for a number of executions over its committed seed corpus.
#
#   Fuzz/run.sh                      # every target, 1,000,000 runs each
#   Fuzz/run.sh FuzzEIP712 200000    # one target
#   Fuzz/run.sh --seeds              # rewrite the committed seed corpora (Fuzz/Corpus)
#
# Findings (crash-*, leak-*, oom-*, timeout-*) land in .build-fuzz/findings/<target>/ and are
# never committed; the working corpus grows in .build-fuzz/corpus/<target>/.
set -euo pipefail
cd "$(dirname "$0")"
if [ "${1:-}" = "--seeds" ]; then
  swift run -c release --scratch-path ../.build-fuzz-seeds FuzzSeeds Corpus
  exit 0
fi
targets=(FuzzTfheRs FuzzEIP712 FuzzGateway FuzzCometBFT)
[ $# -ge 1 ] && targets=("$1")
runs=${2:-1000000}
for t in "${targets[@]}"; do
  swift build -c release --scratch-path ../.build-fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library \
    --product "$t" 2>&1 | tail -1
done
bin=$(swift build -c release --scratch-path ../.build-fuzz --show-bin-path)
for t in "${targets[@]}"; do
  work=../.build-fuzz/corpus/$t findings=../.build-fuzz/findings/$t
  mkdir -p "$work" "$findings"
  # Real node fixtures from ../shared (read at run time, not committed).
  if [ "$t" = FuzzCometBFT ] && [ -d ../../shared/vectors/cometbft ]; then
    find ../../shared/vectors/cometbft -name '*.json' -size -200k -exec cp {} "$work/" \;
  fi
  echo "== $t: $runs runs"
  "$bin/$t" -runs="$runs" -max_len=65536 -rss_limit_mb=2048 -malloc_limit_mb=1024 -timeout=10 \
    -artifact_prefix="$findings/" -print_final_stats=1 "$work" "Corpus/$t" 2>&1 | grep -E "stat::number_of_executed_units|stat::peak_rss_mb|ERROR|SUMMARY|Done" || true
done
