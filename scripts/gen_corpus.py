#!/usr/bin/env python3
"""Generate a corpus of distinct, realistic news articles for benchmarking `analyze --jsonl`.

usage: gen_corpus.py N OUT.jsonl [--seed S]

Each output line is {"id", "title", "outlet", "date", "text"}: a title, a dateline and a
random selection of paragraphs from 2-3 real source articles, about 2-5 KB long. The same
N and seed always give the same file; no two articles are the same.

Source texts, all in the repository (a fresh clone has them): samples/cartels.txt and the
texts of tests/data/gold-dev.jsonl and tests/data/gum.jsonl (90 Wikinews articles; their
sources and licences are in tests/data/README.md). WHOSAID_SHARED=DIR adds the texts of
DIR/corpora/raw/**/*.txt, for a corpus with more variety (then it differs from a clone's).

License: the Wikinews texts these articles are built from are CC BY 2.5 (Wikinews,
https://en.wikinews.org/wiki/Wikinews:Copyright; GUM corpus annotations CC BY 4.0, Zeldes 2017;
SemEval-2015 Task 4 packaging CC BY 3.0, FBK, VUA, EHU). Keep this note with any corpus
generated from them.
"""
import hashlib
import json
import os
import random
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "tests" / "data"
SHARED = Path(os.environ["WHOSAID_SHARED"]) if os.environ.get("WHOSAID_SHARED") else None

OUTLETS = [
    "The Daily Ledger", "Northern Courier", "Metro Gazette", "Harbor Times", "The Evening Post",
    "Capital Tribune", "Valley Herald", "Global Wire", "The Continental", "Coastal Observer",
    "Prairie Star", "The Morning Record", "River City Journal", "Summit News", "The Chronicle",
]
CITIES = [
    "WASHINGTON", "LONDON", "MEXICO CITY", "BRUSSELS", "NEW YORK", "SYDNEY", "TORONTO",
    "JAKARTA", "NAIROBI", "BERLIN", "MADRID", "TOKYO", "SAO PAULO", "NEW DELHI", "CAIRO",
]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


def paragraphs(text):
    """Body paragraphs of a text: blank-line blocks, or lines when there are no blank lines."""
    blocks = re.split(r"\n\s*\n", text)
    if len(blocks) < 3:
        blocks = text.split("\n")
    out = []
    for b in blocks:
        b = re.sub(r"[ \t]*\n[ \t]*", " ", b).strip()
        if len(b) >= 60:  # skip titles, datelines and captions
            out.append(b)
    return out


def first_line(text):
    for line in text.splitlines():
        line = line.strip()
        if line:
            return line[:120]
    return ""


def load_sources():
    """[(title, [paragraph, ...])] from every source text found."""
    sources = []
    sample = REPO / "samples" / "cartels.txt"
    if sample.is_file():
        sources.append(("Trump weighs wider war on drug cartels", paragraphs(sample.read_text(encoding="utf-8"))))
    for rel in ("gold-dev.jsonl", "gum.jsonl"):
        path = DATA / rel
        if not path.is_file():
            sys.exit(f"gen_corpus: {path} is missing (it is part of the repository)")
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    text = json.loads(line)["text"]
                except (ValueError, KeyError, TypeError) as e:
                    sys.exit(f"gen_corpus: {path}: line {n}: {e}")
                sources.append((first_line(text), paragraphs(text)))
    if SHARED is None:
        return [(t, ps) for t, ps in sources if ps]
    raw = SHARED / "corpora" / "raw"
    titles = {}
    for manifest in sorted(raw.glob("**/manifest.jsonl")):
        with open(manifest, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    d = json.loads(line)
                    titles[str(manifest.parent / d["file"])] = d.get("title", "")
    for path in sorted(raw.glob("**/*.txt")):
        text = path.read_text(encoding="utf-8")
        sources.append((titles.get(str(path)) or first_line(text), paragraphs(text)))
    return [(t, ps) for t, ps in sources if ps]


def article(rng, sources, target):
    picks = rng.sample(range(len(sources)), rng.choice((2, 2, 3)))
    title = sources[picks[0]][0]
    runs = []
    for i in picks:
        ps = sources[i][1]
        start = rng.randrange(len(ps))
        runs.append(ps[start:] + ps[:start])  # a run of each, from a random paragraph
    # lead with a few paragraphs of the first pick, then the rest in random order
    lead = rng.randint(1, 3)
    rest = runs[0][lead:] + [p for run in runs[1:] for p in run]
    rng.shuffle(rest)
    pool = runs[0][:lead] + rest
    body, size = [], 0
    for p in pool:
        if size >= target:
            break
        n = len(p.encode("utf-8")) + 2
        if body and size + n > 5200:
            continue  # too long for this article: try a shorter paragraph
        body.append(p)
        size += n
    return title, body


def main(argv):
    args = [a for a in argv if not a.startswith("--seed")]
    seed = 1
    for i, a in enumerate(argv):
        if a == "--seed" and i + 1 < len(argv):
            seed = int(argv[i + 1])
            args.remove(argv[i + 1])
        elif a.startswith("--seed="):
            seed = int(a.split("=", 1)[1])
    if len(args) != 2 or not args[0].isdigit():
        sys.exit("usage: gen_corpus.py N OUT.jsonl [--seed S]")
    n, out_path = int(args[0]), args[1]
    sources = load_sources()
    if len(sources) < 3:
        sys.exit(f"gen_corpus: found only {len(sources)} source texts (looked in {REPO / 'samples'} and {DATA})")
    rng = random.Random(seed)
    seen = set()
    total = 0
    out = sys.stdout if out_path == "-" else open(out_path, "w", encoding="utf-8")
    with out:
        k = 0
        while k < n:
            title, body = article(rng, sources, rng.randint(2000, 5000))
            outlet = rng.choice(OUTLETS)
            date = f"{rng.randint(2004, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            y, m, d = date.split("-")
            dateline = f"{rng.choice(CITIES)}, {MONTHS[int(m) - 1]} {int(d)}, {y} ({outlet})"
            text = "\n\n".join([title, dateline] + body)
            digest = hashlib.sha1(text.encode("utf-8")).digest()
            if digest in seen:
                continue
            seen.add(digest)
            k += 1
            line = json.dumps({"id": f"gen-{seed}-{k:06d}", "title": title, "outlet": outlet,
                               "date": date, "text": text}, ensure_ascii=False)
            out.write(line + "\n")
            total += len(text.encode("utf-8"))
    print(f"gen_corpus: {n} articles, {total / 1e6:.1f} MB of text from {len(sources)} sources -> {out_path}",
          file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
