#!/usr/bin/env python3
"""Run `whosaid analyze --jsonl` over a JSON Lines corpus with Apache Spark.

usage: spark_analyze.py INPUT.jsonl OUTPUT_DIR [--master URL] [--whosaid PATH] [--ship]
                        [--partitions N] [--jobs N] [--keep-text] [--no-sentences]
                        [--errors FILE] [--overwrite] [--check]

Each input line {"id", "text", ...} becomes one output line with the input's fields but
"text" (id, title, outlet, ...) followed by "attributions", "breakdown", "sentences" and
"engine", exactly as `whosaid analyze --jsonl --sentences` writes it (`--keep-text` keeps the
text too, for `whosaid import --analyzed`). Spark splits the input into partitions; each
partition's lines are piped through one whosaid process on an executor, and the results are
saved as text files OUTPUT_DIR/part-NNNNN (concatenated in order, they follow the input
order). Blank input lines are dropped, as analyze does.

A line that cannot be analysed (bad JSON, no text, ...) does not stop the job: whosaid runs
with `--on-error skip`, the line is left out of the output, and at the end the script says how
many were skipped and shows the first ones with their line numbers in the input file
(`--errors FILE` writes every error record there as JSON Lines).

  --master URL     Spark master: local[*] by default (every core of this machine), or a
                   cluster, e.g. spark://host:7077 or yarn.
  --whosaid PATH   the whosaid binary (default: `whosaid` on PATH, else
                   target/dist/whosaid or target/release/whosaid next to this script).
                   Without --ship, every executor must have it at this same path.
  --ship           send the binary to the executors with SparkContext.addFile; they run the
                   copy Spark puts in their working directory.
  --partitions N   number of partitions (default: Spark's default parallelism).
  --jobs N         threads each whosaid process uses (default 1: Spark gives one core per task).
  --keep-text      keep each line's text in the output (`analyze --keep-text`).
  --no-sentences   leave out the sentence spans (spark_report.py --by source needs them).
  --errors FILE    write every skipped line's error record to FILE (a local file).
  --overwrite      replace OUTPUT_DIR if it holds anything (else the script refuses to start).
  --check          afterwards, check that the output has one line per good input line and
                   every good input id.

Needs pyspark (in a virtual environment: `python3 -m venv ~/spark-venv &&
~/spark-venv/bin/pip install pyspark`) and Java 17 (`apt-get install openjdk-17-jre-headless`).
"""
import argparse
import json
import os
import shutil
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHOWN_ERRORS = 5


def fail(msg):
    sys.exit(f"spark_analyze: {msg}")


def find_whosaid(given):
    if given:
        p = Path(given)
        if not p.is_file():
            fail(f"{given}: no such file (expected the whosaid binary)")
        return str(p.resolve())
    on_path = shutil.which("whosaid")
    if on_path:
        return on_path
    for profile in ("dist", "release"):
        built = REPO / "target" / profile / "whosaid"
        if built.is_file():
            return str(built)
    fail("no whosaid binary: pass --whosaid PATH, put whosaid on PATH or run "
         "`cargo build --profile dist`")


def is_local(path):
    return "://" not in path or path.startswith("file://")


def local_path(path):
    return Path(path[len("file://"):] if path.startswith("file://") else path)


def clear_output(out, overwrite, sc=None):
    """Refuse a non-empty output folder unless --overwrite; remove an empty one (Spark wants
    to make it itself). Local paths are handled before Spark starts; others through Hadoop's
    file system once it has."""
    if is_local(out):
        p = local_path(out)
        if not p.exists():
            return
        if p.is_dir() and not any(p.iterdir()):
            p.rmdir()
            return
        if not overwrite:
            fail(f"{out}: the output folder exists and is not empty (a finished or a failed "
                 f"run's output?); pass --overwrite to replace it, or name another folder")
        if p.is_dir():
            shutil.rmtree(p)
        else:
            p.unlink()
        return
    if sc is None:
        return
    jvm = sc._jvm
    path = jvm.org.apache.hadoop.fs.Path(out)
    fs = path.getFileSystem(sc._jsc.hadoopConfiguration())
    if fs.exists(path):
        if not overwrite:
            sc.stop()
            fail(f"{out}: the output folder exists; pass --overwrite to replace it, or name "
                 f"another folder")
        fs.delete(path, True)


def line_id(line):
    """The id of an input line, None when it has none or is not a JSON object."""
    try:
        v = json.loads(line)
    except ValueError:
        return None
    return v.get("id") if isinstance(v, dict) else None


def analyze_partition(command):
    """A function for mapPartitions: pipe the partition's (line, index) pairs through one
    whosaid process and yield ("ok", output line) and ("error", record) pairs, the error
    records carrying the line's number in the input file (index + 1)."""

    def run(rows):
        import subprocess
        import tempfile
        import threading
        from array import array

        numbers = array("q")  # the input file's line number of each line fed, in order
        with tempfile.NamedTemporaryFile(prefix="whosaid-errors-", suffix=".jsonl") as errors:
            proc = subprocess.Popen(command + ["--errors", errors.name], stdin=subprocess.PIPE,
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            failure = []

            def feed():
                try:
                    for line, index in rows:
                        numbers.append(index + 1)
                        proc.stdin.write(line.encode("utf-8") + b"\n")
                    proc.stdin.close()
                except BaseException as e:  # a broken pipe: whosaid's own error says why
                    failure.append(e)
                    try:
                        proc.stdin.close()
                    except OSError:
                        pass

            feeder = threading.Thread(target=feed, daemon=True)
            feeder.start()
            for out in proc.stdout:
                yield ("ok", out.decode("utf-8").rstrip("\n"))
            feeder.join()
            stderr = proc.stderr.read().decode("utf-8", "replace")
            if proc.wait() != 0:
                raise RuntimeError(f"whosaid failed (exit {proc.returncode}): {stderr.strip()}")
            if failure:
                raise failure[0]
            with open(errors.name, encoding="utf-8") as f:
                for rec in f:
                    if rec.strip():
                        e = json.loads(rec)
                        # whosaid counts the lines it was fed: map back to the file's lines
                        e["line"] = numbers[e["line"] - 1]
                        yield ("error", json.dumps(e, ensure_ascii=False))

    return run


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("input")
    ap.add_argument("output")
    ap.add_argument("--master", default="local[*]")
    ap.add_argument("--whosaid")
    ap.add_argument("--ship", action="store_true")
    ap.add_argument("--partitions", type=int)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--keep-text", action="store_true")
    ap.add_argument("--no-sentences", action="store_true")
    ap.add_argument("--errors")
    ap.add_argument("--overwrite", action="store_true")
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()

    if is_local(args.input) and not local_path(args.input).is_file():
        fail(f"{args.input}: no such file (expected a JSON Lines corpus)")
    clear_output(args.output, args.overwrite)
    binary = find_whosaid(args.whosaid)

    # Spark's Python workers run the same python as this script (a virtual environment's).
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark import SparkConf, SparkContext, StorageLevel

    conf = (SparkConf().setAppName("whosaid analyze").setMaster(args.master)
            .set("spark.ui.showConsoleProgress", "false"))
    sc = SparkContext(conf=conf)
    sc.setLogLevel("ERROR")
    clear_output(args.output, args.overwrite, sc)
    if args.ship:
        sc.addFile(binary)
        # addFile puts the file in each executor's working directory, where the tasks run.
        program = f"./{Path(binary).name}"
        if args.master.startswith("local"):
            # In local mode the executor is this process: its copy is in SparkFiles' root.
            from pyspark import SparkFiles
            program = SparkFiles.get(Path(binary).name)
            os.chmod(program, 0o755)
    else:
        program = binary
    command = [program, "analyze", "--jsonl", "-", "--jobs", str(args.jobs),
               "--on-error", "skip"]
    if not args.no_sentences:
        command.append("--sentences")
    if args.keep_text:
        command.append("--keep-text")

    started = time.time()
    lines = sc.textFile(args.input, minPartitions=args.partitions or sc.defaultParallelism)
    # Each line with its index in the input, so errors name the input file's line numbers.
    records = lines.zipWithIndex().filter(lambda p: p[0].strip())
    results = records.mapPartitions(analyze_partition(command))
    results.persist(StorageLevel.DISK_ONLY)
    results.filter(lambda r: r[0] == "ok").map(lambda r: r[1]).saveAsTextFile(args.output)
    elapsed = time.time() - started

    errors = results.filter(lambda r: r[0] == "error").map(lambda r: json.loads(r[1]))
    n_errors = errors.count()
    n_out = sc.textFile(args.output).count()
    print(f"spark_analyze: {n_out} articles in {elapsed:.1f} s "
          f"({n_out / max(elapsed, 1e-9):.0f} articles/s) on {args.master}, "
          f"{records.getNumPartitions()} partitions", file=sys.stderr)
    if n_errors:
        first = errors.takeOrdered(SHOWN_ERRORS, key=lambda e: e["line"])
        print(f"spark_analyze: {n_errors} line{'s' if n_errors != 1 else ''} of {args.input} "
              f"skipped (not analysed, not in the output); the first:", file=sys.stderr)
        for e in first:
            ident = "" if e.get("id") is None else f" (id {json.dumps(e['id'])})"
            print(f"  {args.input}: line {e['line']}{ident}: {e['error']}", file=sys.stderr)
        if args.errors:
            with open(args.errors, "w", encoding="utf-8") as f:
                for e in errors.sortBy(lambda e: e["line"]).toLocalIterator():
                    f.write(json.dumps(e, ensure_ascii=False) + "\n")
            print(f"spark_analyze: every error record is in {args.errors}", file=sys.stderr)

    if args.check:
        n_in = records.count()
        in_ids = records.map(lambda p: line_id(p[0]))
        out_ids = sc.textFile(args.output).map(lambda l: json.loads(l).get("id"))
        bad_ids = errors.map(lambda e: e.get("id"))
        missing = in_ids.subtract(out_ids).subtract(bad_ids).take(5)
        if n_in != n_out + n_errors or missing:
            sc.stop()
            fail(f"check failed: {n_in} input lines, {n_out} output lines, {n_errors} skipped, "
                 f"missing ids (first 5): {missing}")
        print(f"spark_analyze: check passed: {n_out} output lines and {n_errors} skipped for "
              f"{n_in} input lines, every id present", file=sys.stderr)
    results.unpersist()
    sc.stop()


if __name__ == "__main__":
    main()
