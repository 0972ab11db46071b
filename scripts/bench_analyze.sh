#!/usr/bin/env bash
# Throughput of `whosaid analyze --jsonl` over a generated corpus: articles/s, MB/s and peak
# memory, on one core and on all cores.
#
# usage: scripts/bench_analyze.sh [N]      (N articles, default 10000)
#
# WHOSAID_BIN=path benchmarks that binary instead of building target/release/whosaid.
#
# The corpus is built by scripts/gen_corpus.py from Wikinews texts (CC BY 2.5) into
# target/bench/corpus-N.jsonl and reused on later runs.
set -euo pipefail

n="${1:-10000}"
default_n=10000
# shellcheck source=scripts/bench_corpus.sh
. "$(dirname "$0")/bench_corpus.sh"

# Does this binary have `analyze --jsonl`? One article in, one {"id", "attributions"} line out.
probe_out="$dir/probe.out"
probe_err="$dir/probe.err"
if ! head -n 1 "$corpus" | "$bin" analyze --jsonl - -j 1 >"$probe_out" 2>"$probe_err" ||
  ! python3 -c '
import json, sys
lines = [l for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
d = json.loads(lines[0]) if len(lines) == 1 else None
sys.exit(0 if isinstance(d, dict) and "id" in d and "attributions" in d else 1)
' "$probe_out" 2>/dev/null; then
  echo "error: \`$bin analyze --jsonl - -j 1\` did not turn one article into one" >&2
  echo "{\"id\", \"attributions\", ...} line. This benchmark needs the analyze command with" >&2
  echo "--jsonl and -j/--jobs. Its stderr:" >&2
  sed 's/^/  /' "$probe_err" >&2
  echo "and the start of its stdout:" >&2
  head -c 300 "$probe_out" | sed 's/^/  /' >&2
  echo >&2
  exit 1
fi

have_time=0
if [ -x /usr/bin/time ] && /usr/bin/time -v true >/dev/null 2>&1; then
  have_time=1
fi

printf 'corpus: %s articles, %.1f MB of text (%s)\n' "$articles" "$mb" "$corpus"
printf '%-10s %10s %12s %10s %14s\n' jobs seconds articles/s MB/s "peak RSS MB"

run() {
  local jobs="$1" log="$dir/time-$1.log" start end secs rss="n/a"
  start=$(date +%s.%N)
  if [ "$have_time" = 1 ]; then
    if ! /usr/bin/time -v -o "$log" "$bin" analyze --jsonl "$corpus" -j "$jobs" >/dev/null; then
      echo "error: analyze --jsonl failed with -j $jobs (see $log)" >&2
      exit 1
    fi
    rss=$(awk -F: '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$log")
  elif ! "$bin" analyze --jsonl "$corpus" -j "$jobs" >/dev/null; then
    echo "error: analyze --jsonl failed with -j $jobs" >&2
    exit 1
  fi
  end=$(date +%s.%N)
  secs=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f", e - s }')
  awk -v j="$jobs" -v s="$secs" -v a="$articles" -v m="$mb" -v r="$rss" \
    'BEGIN { printf "%-10s %10.3f %12.0f %10.2f %14s\n", j, s, a / s, m / s, r }'
}

run 1
if [ "$cores" -gt 1 ]; then
  run "$cores"
fi
