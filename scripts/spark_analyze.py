#!/usr/bin/env python3
"""Run `whosaid analyze --jsonl -` over a JSON Lines corpus with Apache Spark's RDD.pipe.

usage: spark_analyze.py INPUT.jsonl OUTPUT_DIR [--master URL] [--whosaid PATH] [--ship]
                        [--partitions N] [--jobs N] [--check]

Each input line {"id", "text", ...} becomes one output line with the input's fields but
"text" (id, title, outlet, ...) followed by "attributions" and "breakdown", exactly as
`whosaid analyze --jsonl` writes it. Spark splits the input into
partitions; each partition's lines are piped through one whosaid process on an executor, and
the results are saved as text files OUTPUT_DIR/part-NNNNN (concatenated in order, they follow
the input order). Blank input lines are dropped, as analyze does.

  --master URL     Spark master: local[*] by default (every core of this machine), or a
                   cluster, e.g. spark://host:7077 or yarn.
  --whosaid PATH   the whosaid binary (default: `whosaid` on PATH, else
                   target/release/whosaid next to this script). Without --ship, every executor
                   must have it at this same path (or on PATH).
  --ship           send the binary to the executors with SparkContext.addFile; they run the
                   copy Spark puts in their working directory. Build it for the executors'
                   platform (e.g. a static musl build for a mixed cluster).
  --partitions N   number of partitions (default: Spark's default parallelism).
  --jobs N         threads each whosaid process uses (default 1: Spark gives one core per task).
  --check          afterwards, check that there are as many output lines as non-blank input
                   lines and that every input id is in the output.

Needs pyspark (`pip install pyspark`) and Java 17.
"""
import argparse
import json
import os
import shutil
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def find_whosaid(given):
    if given:
        p = Path(given)
        if not p.is_file():
            sys.exit(f"spark_analyze: {given}: no such file (expected the whosaid binary)")
        return str(p.resolve())
    on_path = shutil.which("whosaid")
    if on_path:
        return on_path
    built = REPO / "target" / "release" / "whosaid"
    if built.is_file():
        return str(built)
    sys.exit("spark_analyze: no whosaid binary: pass --whosaid PATH, put whosaid on PATH "
             "or run `cargo build --release`")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("input")
    ap.add_argument("output")
    ap.add_argument("--master", default="local[*]")
    ap.add_argument("--whosaid")
    ap.add_argument("--ship", action="store_true")
    ap.add_argument("--partitions", type=int)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()

    if not Path(args.input).is_file() and "://" not in args.input:
        sys.exit(f"spark_analyze: {args.input}: no such file (expected a JSON Lines corpus)")
    if Path(args.output).exists():
        sys.exit(f"spark_analyze: {args.output}: exists already (Spark will not overwrite it)")
    binary = find_whosaid(args.whosaid)

    from pyspark import SparkConf, SparkContext

    conf = (SparkConf().setAppName("whosaid analyze").setMaster(args.master)
            .set("spark.ui.showConsoleProgress", "false"))
    sc = SparkContext(conf=conf)
    sc.setLogLevel("WARN")
    if args.ship:
        sc.addFile(binary)
        # addFile puts the file in each executor's working directory, where pipe runs.
        command = f"./{Path(binary).name}"
        if args.master.startswith("local"):
            # In local mode the executor is this process: its copy is in SparkFiles' root.
            from pyspark import SparkFiles
            command = SparkFiles.get(Path(binary).name)
            os.chmod(command, 0o755)
    else:
        command = binary
    command = f"{command} analyze --jsonl - --jobs {args.jobs}"

    started = time.time()
    lines = sc.textFile(args.input, minPartitions=args.partitions or sc.defaultParallelism)
    records = lines.filter(lambda line: line.strip())
    results = records.pipe(command, checkCode=True)
    results.saveAsTextFile(args.output)
    elapsed = time.time() - started

    n_out = sc.textFile(args.output).count()
    print(f"spark_analyze: {n_out} articles in {elapsed:.1f} s "
          f"({n_out / elapsed:.0f} articles/s) on {args.master}, "
          f"{records.getNumPartitions()} partitions", file=sys.stderr)

    if args.check:
        n_in = records.count()
        in_ids = records.map(lambda l: json.loads(l).get("id"))
        out_ids = sc.textFile(args.output).map(lambda l: json.loads(l).get("id"))
        missing = in_ids.subtract(out_ids).take(5)
        if n_in != n_out or missing:
            sys.exit(f"spark_analyze: check failed: {n_in} input lines, {n_out} output lines, "
                     f"missing ids (first 5): {missing}")
        print(f"spark_analyze: check passed: {n_out} output lines, every id present",
              file=sys.stderr)
    sc.stop()


if __name__ == "__main__":
    main()
