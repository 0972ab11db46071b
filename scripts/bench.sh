#!/usr/bin/env bash
# The corpus-scale benchmark: engine throughput on one core and on all cores, import
# throughput into SQLite, the time of `report --all --format csv` over the full database, and
# the peak memory of each step.
#
# usage: scripts/bench.sh [N]      (N articles, default 100000)
#
# WHOSAID_BIN=path benchmarks that binary instead of building target/release/whosaid.
# The corpus comes from scripts/gen_corpus.py (Wikinews texts, CC BY 2.5, varied so no two
# articles are the same) into target/bench/corpus-N.jsonl and is reused on later runs; the
# database is built afresh in target/bench/bench-N.db each run.
#
# Targets on a 2-core machine: engine >= 4,000 articles/s on one core; import >= 2,000
# articles/s; report <= 2 s over 100,000 articles; peak memory <= 300 MB per step.
set -euo pipefail

n="${1:-100000}"
default_n=100000
# shellcheck source=scripts/bench_corpus.sh
. "$(dirname "$0")/bench_corpus.sh"
db="$dir/bench-$n.db"

# GNU time reports the peak resident memory (-v); install it when missing.
if ! { [ -x /usr/bin/time ] && /usr/bin/time -v true >/dev/null 2>&1; }; then
  echo "installing GNU time (apt-get install time)..." >&2
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq >&2 && apt-get install -y -qq time >&2
  else
    sudo apt-get update -qq >&2 && sudo apt-get install -y -qq time >&2
  fi
fi

printf 'corpus: %s articles, %.1f MB of text (%s); %s cores\n' "$articles" "$mb" "$corpus" "$cores"
printf '%-24s %9s %11s %8s %12s   %s\n' step seconds articles/s MB/s "peak RSS MB" target
failed=0

# step NAME TARGET -- COMMAND...: run COMMAND under /usr/bin/time, stdout to /dev/null.
# TARGET is "rate>=X" (articles/s) or "secs<=X"; peak memory is held to 300 MB in every step.
step() {
  local name="$1" target="$2" log="$dir/time-${1// /_}.log" start end secs rss rate mbs verdict
  shift 3
  start=$(date +%s.%N)
  if ! /usr/bin/time -v -o "$log" "$@" >/dev/null 2>"$log.stderr"; then
    echo "error: $name failed: $*" >&2
    sed 's/^/  /' "$log.stderr" >&2
    exit 1
  fi
  end=$(date +%s.%N)
  secs=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f", e - s }')
  rss=$(awk -F: '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$log")
  rate=$(awk -v s="$secs" -v a="$articles" 'BEGIN { printf "%.0f", a / s }')
  mbs=$(awk -v s="$secs" -v m="$mb" 'BEGIN { printf "%.2f", m / s }')
  verdict=$(awk -v t="$target" -v r="$rate" -v s="$secs" -v m="$rss" 'BEGIN {
    split(t, p, /[<>]=/); ok = 1
    if (t ~ /^rate>=/ && r + 0 < p[2] + 0) ok = 0
    if (t ~ /^secs<=/ && s + 0 > p[2] + 0) ok = 0
    if (m + 0 > 300) ok = 0
    printf "%s, rss<=300 %s", t, ok ? "ok" : "MISSED"
  }')
  case "$verdict" in *MISSED) failed=1 ;; esac
  printf '%-24s %9.3f %11s %8s %12s   %s\n' "$name" "$secs" "$rate" "$mbs" "$rss" "$verdict"
}

step "engine, 1 core" "rate>=4000" -- "$bin" analyze --jsonl "$corpus" -j 1
if [ "$cores" -gt 1 ]; then
  step "engine, $cores cores" "rate>=4000" -- "$bin" analyze --jsonl "$corpus"
fi
rm -f "$db" "$db-wal" "$db-shm"
step "import" "rate>=2000" -- "$bin" --db "$db" import --quiet "$corpus"
step "report --all csv" "secs<=2" -- "$bin" --db "$db" report --all --format csv

if [ "$failed" = 1 ]; then
  echo "some targets were missed (see the last column)" >&2
fi
