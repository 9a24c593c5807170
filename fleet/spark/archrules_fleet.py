#!/usr/bin/env python3
"""The fleet questions of `archrules fleet` answered on Apache Spark, for fleets that outgrow one machine.

    spark-submit archrules_fleet.py --records s3a://bucket/archrules/ --out s3a://bucket/answers/
    python archrules_fleet.py --records records/ --out answers/        # local mode

Reads fleet records (JSON Lines written by `archrules check --report fleet=...`, gzip or not, a file, a directory or
a glob) and writes the answers `archrules fleet ... --format json` gives from the embedded store, with the same fields
and the same meaning, as JSON Lines:

    OUT/who_uses.jsonl   every use of a library API element in the current snapshot of each repository+branch
    OUT/library.jsonl    every marked (or used) element of every library: consumers, uses, safe-to-remove verdict
    OUT/rules.jsonl      violations by rule across repositories
    OUT/repos.jsonl      the current snapshot of each repository+branch
    OUT/history.jsonl    uses by library and status per day, over every snapshot

`archrules fleet site --from OUT` turns that directory into the same portal the store feeds.

The semantics (docs/fleet.md, "What the answers mean") are the store's, rule for rule; a test runs this job in
local mode over the fixture fleet and compares every answer with `archrules fleet`'s, row for row.
"""

import argparse
import json
import os
import shutil
import sys
import tempfile

from pyspark.sql import SparkSession, Window
from pyspark.sql import functions as F
from pyspark.sql.types import (
    ArrayType,
    BooleanType,
    LongType,
    StringType,
    StructField,
    StructType,
)

SCHEMA_VERSION = 1

# Every field of every kind of row (docs/fleet.schema.json): reading with the schema given, not inferred, keeps a
# column that is null in every row of a small fleet typed as the store types it.
_S, _L, _B = StringType(), LongType(), BooleanType()
RECORD = StructType(
    [StructField(name, kind) for name, kind in [
        ("schemaVersion", _L), ("kind", _S), ("recordId", _S), ("repository", _S), ("commit", _S),
        ("branch", _S), ("buildTime", _S), ("module", _S),
        # build
        ("toolVersion", _S), ("modules", ArrayType(_S)), ("classpathComplete", _B), ("unresolvedClasses", _L),
        ("fleetUses", _S), ("rules", _L), ("violations", _L),
        # use / declared
        ("consumerClass", _S), ("consumerMember", _S), ("sourcePath", _S), ("line", _L), ("count", _L),
        ("dependencyKind", _S), ("apiClass", _S), ("apiMember", _S), ("apiDescriptor", _S), ("status", _S),
        ("statusAnnotation", _S), ("statusSite", _S), ("since", _S), ("forRemoval", _B), ("replacement", _S),
        ("replacementImports", ArrayType(_S)), ("libraryGroup", _S), ("libraryArtifact", _S),
        ("libraryVersion", _S), ("libraryPurl", _S), ("coordinatesFrom", _S), ("libraryInput", _S),
        # violation
        ("rulePack", _S), ("ruleName", _S), ("priority", _S), ("message", _S), ("originClass", _S),
        ("originMember", _S), ("targetClass", _S), ("targetMember", _S), ("suppressed", _B), ("baselined", _B),
    ]]
    + [StructField("_corrupt", _S)]
)

STATUSES = ["deprecated-for-removal", "deprecated", "experimental", "internal", "public", "unmarked"]
SNAPSHOT = ["repository", "branch", "commit"]


def read_records(spark, path):
    """All rows, de-duplicated on recordId; refuses rows it cannot read or of a schema it does not know."""
    rows = (
        spark.read.schema(RECORD)
        .option("mode", "PERMISSIVE")
        .option("columnNameOfCorruptRecord", "_corrupt")
        .option("recursiveFileLookup", "true")
        .json(path)
    )
    bad = rows.filter(F.col("_corrupt").isNotNull() | (F.col("schemaVersion") != SCHEMA_VERSION)).limit(1).collect()
    if bad:
        row = bad[0]
        what = row["_corrupt"] or f"schemaVersion {row['schemaVersion']}"
        raise SystemExit(f"archrules_fleet: cannot read a record ({what[:200]}): expected schemaVersion {SCHEMA_VERSION}")
    return rows.drop("_corrupt").dropDuplicates(["recordId"])


def library_name(df):
    """`group:artifact`, or the artifact alone when the group is unknown (as the store names a library)."""
    return F.when(
        F.col("libraryGroup").isNotNull(), F.concat_ws(":", F.col("libraryGroup"), F.col("libraryArtifact"))
    ).otherwise(F.col("libraryArtifact"))


def current_snapshots(records):
    """The newest build of each repository+branch: latest buildTime, then the greatest commit (as the store does)."""
    builds = records.filter(F.col("kind") == "build").select(
        *SNAPSHOT, "buildTime", "modules", "classpathComplete"
    )
    newest = Window.partitionBy("repository", "branch").orderBy(F.col("buildTime").desc(), F.col("commit").desc())
    return builds.withColumn("_rank", F.row_number().over(newest)).filter(F.col("_rank") == 1).drop("_rank")


def status_code(column):
    """The store's order of statuses, most severe first: an element seen with two takes the more severe."""
    code = F.lit(None)
    for i, name in enumerate(STATUSES):
        code = F.when(column == name, i).otherwise(code) if i else F.when(column == name, i)
    return code


def status_name(column):
    name = F.lit(None).cast(StringType())
    for i, status in enumerate(STATUSES):
        name = F.when(column == i, status).otherwise(name)
    return name


def who_uses(records, current):
    uses = records.filter(F.col("kind") == "use").withColumn("library", library_name(records))
    # First seen: the oldest snapshot of the same repository+branch holding the same use (any module).
    key = ["repository", "branch", "consumerClass", "consumerMember", "apiClass", "apiMember", "dependencyKind"]
    first_seen = uses.groupBy(*key).agg(F.min("buildTime").alias("firstSeen"))
    now = uses.join(current.select(*SNAPSHOT), SNAPSHOT, "inner")
    return now.join(first_seen, [now[k].eqNullSafe(first_seen[k]) for k in key], "left").select(
        *[now[c] for c in ["repository", "branch", "module", "consumerClass", "consumerMember", "sourcePath", "line",
                           "count", "apiClass", "apiMember", "dependencyKind", "status", "library", "commit"]],
        first_seen["firstSeen"],
    )


def library(records, current, current_uses):
    """A library's page, every library at once: its elements are what its own current builds declare, and what
    consumers' current builds use with a mark (status other than `unmarked`); a class element counts the uses of
    its members too, since removing the class breaks them."""
    snap = current.select(*SNAPSHOT)
    element = ["library", "apiClass", "apiMember"]
    declared = (
        records.filter(F.col("kind") == "declared").join(snap, SNAPSHOT, "inner")
        .withColumn("library", library_name(records))
        .groupBy(*element).agg(F.min(status_code(F.col("status"))).alias("code"))
    )
    used = (
        current_uses.filter(F.col("status") != "unmarked")
        .groupBy(*element).agg(F.min(status_code(F.col("status"))).alias("code"))
    )
    # What the library declares wins over what its consumers' builds saw (apiMember is null for classes).
    d = declared.select(*[F.col(k).alias("d_" + k) for k in element])
    marked = used.join(d, [used[k].eqNullSafe(d["d_" + k]) for k in element], "left_anti")
    elements = declared.unionByName(marked)
    u = current_uses.select(
        F.col("library").alias("u_library"), F.col("apiClass").alias("u_class"),
        F.col("apiMember").alias("u_member"), "repository", "count",
    )
    hit = (
        (elements["library"] == u["u_library"]) & (elements["apiClass"] == u["u_class"])
        & (elements["apiMember"].isNull() | (elements["apiMember"] == u["u_member"]))
    )
    counted = elements.join(u, hit, "left").groupBy(*element, "code").agg(
        F.countDistinct("repository").cast(LongType()).alias("consumers"),
        F.coalesce(F.sum("count"), F.lit(0)).cast(LongType()).alias("uses"),
    )
    verdict = (
        F.when((F.col("code") <= 1) & (F.col("consumers") == 0), "safe-to-remove")
        .when((F.col("code") == 0) & (F.col("consumers") > 0), "blocking-removal")
    )
    return counted.select(*element, status_name(F.col("code")).alias("status"), "consumers", "uses",
                          verdict.alias("verdict"), F.col("code").alias("_code"))


def rules(records, current):
    v = records.filter((F.col("kind") == "violation") & ~F.coalesce(F.col("suppressed"), F.lit(False)))
    v = v.join(current.select(*SNAPSHOT), SNAPSHOT, "inner")
    return (
        v.groupBy("rulePack", "ruleName", "priority")
        .agg(F.countDistinct("repository").cast(LongType()).alias("repositories"),
             F.count(F.lit(1)).cast(LongType()).alias("violations"))
    )


def repos(records, current, current_uses):
    uses = current_uses.groupBy("repository", "branch").agg(F.sum("count").alias("uses"))
    v = (
        records.filter((F.col("kind") == "violation") & ~F.coalesce(F.col("suppressed"), F.lit(False)))
        .join(current.select(*SNAPSHOT), SNAPSHOT, "inner")
        .groupBy("repository", "branch").agg(F.count(F.lit(1)).alias("violations"))
    )
    return (
        current.join(uses, ["repository", "branch"], "left").join(v, ["repository", "branch"], "left")
        .select("repository", "branch", "commit", "buildTime", "modules", "classpathComplete",
                F.coalesce(F.col("uses"), F.lit(0)).cast(LongType()).alias("uses"),
                F.coalesce(F.col("violations"), F.lit(0)).cast(LongType()).alias("violations"))
    )


def history(records):
    uses = records.filter(F.col("kind") == "use").withColumn("library", library_name(records))
    return uses.groupBy(F.substring("buildTime", 1, 10).alias("day"), "library", "status").agg(
        F.sum("count").cast(LongType()).alias("uses")
    )


def write_jsonl(df, order, path):
    """One JSON Lines file, rows in the order given, nulls written as null (as `archrules fleet --format json`)."""
    columns = [c for c in df.columns if not c.startswith("_")]
    rows = df.orderBy(*order).select(*columns).collect()
    local = not path.startswith(("s3", "gs:", "hdfs:", "abfs"))
    target = path if local else tempfile.mktemp(suffix=".jsonl")
    with open(target, "w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps({c: row[c] for c in columns}, ensure_ascii=False, separators=(",", ":")) + "\n")
    if not local:
        # Object stores: the answers are small next to the records; Spark writes them as one part file.
        df.sparkSession.read.text(target).coalesce(1).write.mode("overwrite").text(path)
        os.remove(target)


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--records", required=True, help="fleet records: a file, a directory (walked) or a glob")
    p.add_argument("--out", required=True, help="directory for who_uses/library/rules/repos/history .jsonl")
    p.add_argument("--master", default=None, help="Spark master (default: spark-submit's, else local[*])")
    args = p.parse_args(argv)

    builder = (
        SparkSession.builder.appName("archrules-fleet")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
    )
    if args.master or "SPARK_HOME" not in os.environ:
        # Local mode: a handful of shuffle partitions, not the cluster default of 200 (a minute of task overhead on
        # the fixture fleet).
        builder = builder.master(args.master or "local[*]").config("spark.sql.shuffle.partitions", "4")
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    try:
        records = read_records(spark, args.records).cache()
        current = current_snapshots(records).cache()
        uses = who_uses(records, current).cache()
        local = not args.out.startswith(("s3", "gs:", "hdfs:", "abfs"))
        if local:
            os.makedirs(args.out, exist_ok=True)
        join = (lambda n: os.path.join(args.out, n)) if local else (lambda n: args.out.rstrip("/") + "/" + n)
        write_jsonl(uses, ["library", "apiClass", "apiMember", "repository", "branch", "module", "consumerClass",
                           "consumerMember", "dependencyKind"], join("who_uses.jsonl"))
        write_jsonl(library(records, current, uses), ["library", "_code", "apiClass", "apiMember"],
                    join("library.jsonl"))
        write_jsonl(rules(records, current), [F.col("repositories").desc(), F.col("violations").desc(), "rulePack",
                                              "ruleName"], join("rules.jsonl"))
        write_jsonl(repos(records, current, uses), ["repository", "branch"], join("repos.jsonl"))
        write_jsonl(history(records), ["day", "library", "status"], join("history.jsonl"))
    finally:
        spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
