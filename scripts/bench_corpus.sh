# Sourced by scripts/bench.sh and scripts/bench_analyze.sh: the set-up both benchmarks share.
#
# Expects: n (the number of articles) and default_n (for the usage line).
# Sets: root, bin, dir, corpus, articles, mb (MB of article text), cores.
# Builds the release binary unless WHOSAID_BIN names one; builds the corpus (scripts/gen_corpus.py,
# Wikinews texts, CC BY 2.5) into target/bench/corpus-N.jsonl once and reuses it later.

case "$n" in
  '' | *[!0-9]*) echo "usage: $0 [N]  (N: number of articles, default $default_n)" >&2; exit 2 ;;
esac

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bin="${WHOSAID_BIN:-$root/target/release/whosaid}"
dir="$root/target/bench"
corpus="$dir/corpus-$n.jsonl"
mkdir -p "$dir"

if [ -z "${WHOSAID_BIN:-}" ]; then
  echo "building the release binary..." >&2
  cargo build --release --quiet
fi

if [ ! -s "$corpus" ]; then
  python3 "$root/scripts/gen_corpus.py" "$n" "$corpus.tmp" >&2
  mv "$corpus.tmp" "$corpus"
fi
articles=$(grep -c . "$corpus")
# MB of article text (the "text" fields), the figure MB/s is reported against
mb=$(python3 -c '
import json, sys
print(sum(len(json.loads(l)["text"].encode("utf-8")) for l in open(sys.argv[1], encoding="utf-8") if l.strip()) / 1e6)
' "$corpus")
cores=$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)
