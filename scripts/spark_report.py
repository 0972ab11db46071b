#!/usr/bin/env python3
"""The sums of `whosaid report --by outlet|month|source`, computed by Apache Spark over
analysed output.

usage: spark_report.py ANALYZED OUT.csv --by outlet|month|source [--master URL]

ANALYZED is what spark_analyze.py (or `whosaid analyze --jsonl --sentences`) wrote: a folder
of part files or one JSON Lines file. Each line's breakdown is summed into its group with
Spark DataFrame group-bys, and OUT.csv gets the columns of `whosaid report --by ... -f csv`,
row for row the same as that command prints for the same articles stored with
`whosaid import`: the group (`outlet`, `month` as YYYY-MM, or `source`; empty for articles
without one), `articles`, the counts from `sentences` to `distinct_sources`, the shares of
named, anonymous and unspecified sources and of direct quotes (three decimals, empty without
attributions), `anonymous_with_reason` and `loaded_cues`. `--by source` needs the lines' sentence spans
(spark_analyze.py writes them unless --no-sentences), to count the sentences each source's
claims touch.

`--by outlet,month,source` writes one file per grouping; OUT must then hold `{by}`, e.g.
`report-{by}.csv`. OUT files are not overwritten unless --overwrite.

Needs pyspark and Java 17 (see spark_analyze.py).
"""
import argparse
import csv
import os
import sys
from pathlib import Path

IDENTITIES = ["named", "anonymous", "unspecified"]
ROLES = ["official", "media", "expert", "organization", "public", "unknown"]
FORMS = ["direct_quote", "paraphrase", "document"]
COUNTS = (["sentences", "attributed_sentences", "unattributed_sentences", "attributions"]
          + IDENTITIES + ROLES + FORMS + ["hedged"])
SHARES = ["named_share", "anonymous_share", "unspecified_share", "direct_quote_share"]
# the counts after the shares, in report --by's order
EXTRA = ["anonymous_with_reason", "loaded_cues"]


def fail(msg):
    sys.exit(f"spark_report: {msg}")


def columns(by):
    return [by, "articles"] + COUNTS + ["distinct_sources"] + SHARES + EXTRA


def neutralize(cell):
    """As whosaid's CSV writer: a cell that a spreadsheet could run as a formula is text."""
    if cell and cell[0] in "=+-@\t\r":
        digits = cell[1:] if cell[0] == "-" else cell
        whole, _, frac = digits.partition(".")
        number = (whole.isascii() and whole.isdigit()
                  and ("." not in digits or (frac.isascii() and frac.isdigit())))
        if not number:
            return "'" + cell
    return cell


def share(n, of):
    return "" if of == 0 else f"{n / of:.3f}"


def schema():
    from pyspark.sql.types import (ArrayType, BooleanType, LongType, StringType, StructField,
                                   StructType)

    def longs(*names):
        return [StructField(n, LongType()) for n in names]

    breakdown = StructType(
        longs("sentences", "attributed_sentences", "unattributed_sentences", "attributions")
        + [StructField("by_identity", StructType(longs(*IDENTITIES))),
           StructField("by_role", StructType(longs(*ROLES))),
           StructField("by_form", StructType(longs(*FORMS)))]
        + longs("hedged", "anonymous_with_reason", "loaded_cues", "distinct_sources")
        + [StructField("sources", ArrayType(StructType([StructField("source", StringType())])))])
    attribution = StructType(
        [StructField(n, StringType()) for n in ("source", "identity", "role", "form", "stance")]
        + [StructField("hedged", BooleanType())]
        + longs("mention_start", "mention_end", "cue_start", "cue_end", "content_start",
                "content_end", "anonymity_reason_start"))
    return StructType([
        StructField("id", StringType()),
        StructField("outlet", StringType()),
        StructField("date", StringType()),
        StructField("breakdown", breakdown),
        StructField("attributions", ArrayType(attribution)),
        StructField("sentences", ArrayType(ArrayType(LongType()))),
    ])


def per_source(attributions, sentences):
    """Each source of one article with the breakdown of its claims alone, as
    `report --by source` counts them: [(name or None, counts...)]."""
    if sentences is None:
        raise ValueError("a line without sentences: --by source needs them (spark_analyze.py "
                         "writes them unless --no-sentences; analyze --jsonl --sentences)")
    names = []
    for a in attributions or []:
        n = (a.source or "").strip()
        if n not in names:
            names.append(n)
    out = []
    for name in names:
        theirs = [a for a in attributions if (a.source or "").strip() == name]
        placed = []
        for a in theirs:
            spans = [(s, e) for s, e in ((a.cue_start, a.cue_end), (a.content_start, a.content_end))
                     if s is not None]
            if not spans and a.mention_start is not None:
                spans = [(a.mention_start, a.mention_end)]
            placed.extend(spans)

        def touches(s, e):
            return any((s <= p < e) if p == q else (p < e and q > s) for p, q in placed)

        attributed = sum(1 for s, e in sentences if touches(s, e))
        row = {"source": name or None, "sentences": len(sentences),
               "attributed_sentences": attributed,
               "unattributed_sentences": len(sentences) - attributed,
               "attributions": len(theirs)}
        for field, values in (("identity", IDENTITIES), ("role", ROLES), ("form", FORMS)):
            for v in values:
                row[v] = sum(1 for a in theirs if getattr(a, field) == v)
        row["hedged"] = sum(1 for a in theirs if a.hedged)
        row["anonymous_with_reason"] = sum(
            1 for a in theirs if a.identity == "anonymous" and a.anonymity_reason_start is not None)
        row["loaded_cues"] = sum(1 for a in theirs if a.stance == "loaded")
        out.append(row)
    return out


def group(spark, df, by):
    """The groups' rows as dicts, in `report --by`'s order."""
    from pyspark.sql import functions as F
    from pyspark.sql.types import LongType, StringType, StructField, StructType, ArrayType

    if by in ("outlet", "month"):
        if by == "outlet":
            key = F.when(F.trim(F.col("outlet")) != "", F.col("outlet"))
        else:
            key = F.when(F.trim(F.col("date")) != "", F.substring(F.trim(F.col("date")), 1, 7))
        b = F.col("breakdown")
        flat = df.select(
            key.alias("key"),
            *[b[c].alias(c) for c in ("sentences", "attributed_sentences",
                                      "unattributed_sentences", "attributions")],
            *[b["by_identity"][c].alias(c) for c in IDENTITIES],
            *[b["by_role"][c].alias(c) for c in ROLES],
            *[b["by_form"][c].alias(c) for c in FORMS],
            b["hedged"].alias("hedged"),
            b["anonymous_with_reason"].alias("anonymous_with_reason"),
            b["loaded_cues"].alias("loaded_cues"),
            b["sources"]["source"].alias("names"))
        sums = flat.groupBy("key").agg(
            F.count(F.lit(1)).alias("articles"),
            *[F.sum(c).alias(c) for c in COUNTS + EXTRA])
        names = (flat.select("key", F.explode("names").alias("name"))
                 .groupBy("key").agg(F.countDistinct("name").alias("distinct_sources")))
        rows = sums.join(names, sums["key"].eqNullSafe(names["key"]), "left") \
                   .select(sums["*"], F.coalesce(names["distinct_sources"], F.lit(0))
                           .alias("distinct_sources"))
    else:
        fields = [StructField("source", StringType())] + [
            StructField(c, LongType()) for c in COUNTS + EXTRA]
        split = F.udf(lambda a, s: per_source(a, s), ArrayType(StructType(fields)))
        each = df.select(F.explode(split(F.col("attributions"), F.col("sentences"))).alias("s"))
        rows = each.groupBy(F.col("s.source").alias("key")).agg(
            F.count(F.lit(1)).alias("articles"),
            *[F.sum(f"s.{c}").alias(c) for c in COUNTS + EXTRA]) \
            .withColumn("distinct_sources",
                        F.when(F.col("key").isNull(), F.lit(0)).otherwise(F.lit(1)))
    out = [r.asDict() for r in rows.toLocalIterator()]
    if by == "source":
        out.sort(key=lambda r: (-r["attributions"], r["key"] is None, r["key"] or ""))
    else:
        out.sort(key=lambda r: (r["key"] is None, r["key"] or ""))
    return out


def write(path, by, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(columns(by))
        for r in rows:
            n = r["attributions"]
            cells = ([r["key"] or "", r["articles"]] + [r[c] for c in COUNTS]
                     + [r["distinct_sources"]]
                     + [share(r[c], n) for c in IDENTITIES] + [share(r["direct_quote"], n)]
                     + [r[c] for c in EXTRA])
            w.writerow([neutralize(str(c)) for c in cells])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("analyzed")
    ap.add_argument("out")
    ap.add_argument("--by", required=True)
    ap.add_argument("--master", default="local[*]")
    ap.add_argument("--overwrite", action="store_true")
    args = ap.parse_args()

    groupings = [b.strip() for b in args.by.split(",") if b.strip()]
    for b in groupings:
        if b not in ("outlet", "month", "source"):
            fail(f"--by {b}: unknown grouping (expected outlet, month or source)")
    if len(groupings) > 1 and "{by}" not in args.out:
        fail(f"{args.out}: several groupings need one file each: put {{by}} in the name")
    outs = {b: args.out.replace("{by}", b) for b in groupings}
    for path in outs.values():
        if Path(path).exists() and not args.overwrite:
            fail(f"{path}: exists already; pass --overwrite to replace it")
    source = Path(args.analyzed)
    if "://" not in args.analyzed:
        if not source.exists():
            fail(f"{args.analyzed}: no such file or folder (expected analysed output)")
        if source.is_dir() and any(source.glob("part-*")) and not (source / "_SUCCESS").exists():
            fail(f"{args.analyzed}: a Spark output folder without _SUCCESS: the job that wrote "
                 f"it did not finish")

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    spark = (SparkSession.builder.appName("whosaid report").master(args.master)
             .config("spark.ui.showConsoleProgress", "false").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    path = str(source / "part-*") if source.is_dir() else args.analyzed
    df = spark.read.schema(schema()).option("mode", "FAILFAST").json(path)
    for b, out in outs.items():
        rows = group(spark, df, b)
        write(out, b, rows)
        print(f"spark_report: {len(rows)} {b} rows -> {out}", file=sys.stderr)
    spark.stop()


if __name__ == "__main__":
    main()
