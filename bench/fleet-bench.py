#!/usr/bin/env python3
"""Times the fleet store beside DuckDB on the same JSON Lines (bench/fleet.sh runs it; see bench/README.md).

usage: fleet-bench.py ARCHRULES RECORDS_DIR WORK_DIR [ROUNDS]

archrules: `fleet ingest` of every file into a fresh store (rows/s, store bytes per row), then `who-uses` of one
member, `who-uses` of one artifact and `library`, each the best of ROUNDS runs of the binary (process start
included), output to /dev/null. DuckDB: the same files loaded into a table (rows/s, bytes per row of its file), then
the same three questions in SQL over current snapshots (best of ROUNDS, in-process)."""
import glob
import resource
import os
import subprocess
import sys
import time

import duckdb

# Questions a library author of the corpus would ask: the experimental Hadoop member most modules call, Spark core's
# users, and Spark core's page.
MEMBER = "org.apache.hadoop.util.ReflectionUtils.newInstance(java.lang.Class, org.apache.hadoop.conf.Configuration)"
ARTIFACT = ("org.apache.spark", "spark-core_2.13")
LIBRARY = ("org.apache.spark", "spark-core_2.13")


def best(rounds, fn):
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def archrules(binary, records, work, rounds):
    db = os.path.join(work, "fleet.db")
    for suffix in ["", "-wal", "-shm"]:
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    start = time.perf_counter()
    cpu0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.run([binary, "fleet", "--db", db, "ingest", records], capture_output=True, text=True, check=True)
    ingest = time.perf_counter() - start
    cpu1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)
    rows = int(out.stderr.split("new snapshots (")[1].split(" rows")[0])
    # Fold the WAL into the file, so its size is the store's.
    subprocess.run(["sqlite3", db, "PRAGMA wal_checkpoint(TRUNCATE)"], capture_output=True)
    size = os.path.getsize(db) + (os.path.getsize(db + "-wal") if os.path.exists(db + "-wal") else 0)

    def query(*args):
        def run():
            res = subprocess.run([binary, "fleet", "--db", db, *args, "--format", "json"], capture_output=True, check=True)
            return res.stdout.count(b"\n")
        return best(rounds, run)

    return {
        "rows": rows, "ingest_s": ingest, "cpu_s": cpu, "bytes": size,
        "who_member": query("who-uses", MEMBER),
        "who_artifact": query("who-uses", ":".join(ARTIFACT)),
        "library": query("library", ":".join(LIBRARY)),
    }


CURRENT = """CREATE OR REPLACE VIEW current_rows AS
SELECT r.* FROM rows r JOIN (SELECT repository, branch, max(buildTime) AS t FROM rows WHERE kind = 'build'
                             GROUP BY repository, branch) c
  ON r.repository = c.repository AND r.branch IS NOT DISTINCT FROM c.branch AND r.buildTime = c.t"""

WHO = """SELECT repository, branch, module, consumerClass, consumerMember, sourcePath, line, count, apiClass, apiMember,
       dependencyKind, status, coalesce(libraryGroup || ':', '') || libraryArtifact AS library, commit,
       (SELECT min(h.buildTime) FROM rows h WHERE h.kind = 'use' AND h.repository = u.repository
          AND h.branch IS NOT DISTINCT FROM u.branch AND h.apiClass = u.apiClass
          AND h.apiMember IS NOT DISTINCT FROM u.apiMember AND h.consumerClass = u.consumerClass
          AND h.consumerMember IS NOT DISTINCT FROM u.consumerMember AND h.dependencyKind = u.dependencyKind) AS firstSeen
FROM current_rows u WHERE u.kind = 'use' AND {where}
ORDER BY repository, branch, module, consumerClass, consumerMember, line"""

LIBRARY_SQL = """WITH lib AS (SELECT * FROM current_rows WHERE libraryGroup = ? AND libraryArtifact = ?),
elements AS (SELECT apiClass, apiMember, min(CASE status WHEN 'deprecated-for-removal' THEN 0 WHEN 'deprecated' THEN 1
                    WHEN 'experimental' THEN 2 WHEN 'internal' THEN 3 WHEN 'public' THEN 4 ELSE 5 END) AS s
             FROM lib WHERE kind = 'declared' OR (kind = 'use' AND status <> 'unmarked') GROUP BY apiClass, apiMember)
SELECT e.apiClass, e.apiMember, e.s,
       count(DISTINCT u.repository) AS consumers, coalesce(sum(u.count), 0) AS uses,
       list(DISTINCT u.repository ORDER BY u.repository) FILTER (WHERE e.s = 0) AS blockedBy
FROM elements e LEFT JOIN lib u ON u.kind = 'use' AND u.apiClass = e.apiClass
     AND (e.apiMember IS NULL OR u.apiMember = e.apiMember)
GROUP BY e.apiClass, e.apiMember, e.s ORDER BY e.s, e.apiClass, e.apiMember"""

COLUMNS = {
    "schemaVersion": "INTEGER", "kind": "VARCHAR", "recordId": "VARCHAR", "repository": "VARCHAR", "commit": "VARCHAR",
    "branch": "VARCHAR", "buildTime": "VARCHAR", "module": "VARCHAR", "consumerClass": "VARCHAR",
    "consumerMember": "VARCHAR", "sourcePath": "VARCHAR", "line": "INTEGER", "count": "INTEGER",
    "dependencyKind": "VARCHAR", "apiClass": "VARCHAR", "apiMember": "VARCHAR", "apiDescriptor": "VARCHAR",
    "status": "VARCHAR", "statusAnnotation": "VARCHAR", "statusSite": "VARCHAR", "since": "VARCHAR",
    "forRemoval": "BOOLEAN", "replacement": "VARCHAR", "libraryGroup": "VARCHAR", "libraryArtifact": "VARCHAR",
    "libraryVersion": "VARCHAR", "coordinatesFrom": "VARCHAR", "rulePack": "VARCHAR", "ruleName": "VARCHAR",
    "priority": "VARCHAR", "message": "VARCHAR", "classpathComplete": "BOOLEAN", "suppressed": "BOOLEAN",
}


def duck(records, work, rounds):
    path = os.path.join(work, "fleet.duckdb")
    for p in [path, path + ".wal"]:
        if os.path.exists(p):
            os.remove(p)
    con = duckdb.connect(path)
    cols = "{" + ", ".join(f"'{k}': '{v}'" for k, v in COLUMNS.items()) + "}"
    start = time.perf_counter()
    cpu0 = time.process_time()
    con.execute(f"CREATE TABLE rows AS SELECT * FROM read_json('{records}/*.jsonl', format = 'newline_delimited', "
                f"columns = {cols})")
    con.execute("CHECKPOINT")
    load = time.perf_counter() - start
    cpu = time.process_time() - cpu0
    rows = con.execute("SELECT count(*) FROM rows WHERE kind <> 'build'").fetchone()[0]
    size = os.path.getsize(path)
    con.execute(CURRENT)

    def query(sql, params):
        return best(rounds, lambda: len(con.execute(sql, params).fetchall()))

    return {
        "rows": rows, "ingest_s": load, "cpu_s": cpu, "bytes": size,
        "who_member": query(WHO.format(where="u.apiMember = ?"), [MEMBER]),
        "who_artifact": query(WHO.format(where="u.libraryGroup = ? AND u.libraryArtifact = ?"), list(ARTIFACT)),
        "library": query(LIBRARY_SQL, list(LIBRARY)),
    }


def main():
    binary, records, work = sys.argv[1], sys.argv[2], sys.argv[3]
    rounds = int(sys.argv[4]) if len(sys.argv) > 4 else 5
    os.makedirs(work, exist_ok=True)
    files = len(glob.glob(os.path.join(records, "*.jsonl")))
    print(f"{files} record files in {records}")
    results = {"archrules (SQLite)": archrules(binary, records, work, rounds), "DuckDB": duck(records, work, rounds)}
    print(f"| measure | {' | '.join(results)} |")
    print(f"| --- | {' | '.join('---' for _ in results)} |")
    print("| ingest | " + " | ".join(f"{r['rows']:,} rows in {r['ingest_s']:.2f} s = {r['rows'] / r['ingest_s']:,.0f} rows/s"
                                     for r in results.values()) + " |")
    print("| ingest, CPU time | " + " | ".join(f"{r['cpu_s']:.2f} CPU-s = {r['rows'] / r['cpu_s']:,.0f} rows per CPU-s"
                                               for r in results.values()) + " |")
    print("| store size | " + " | ".join(f"{r['bytes'] / 2**20:.0f} MiB = {r['bytes'] / r['rows']:.0f} B/row"
                                         for r in results.values()) + " |")
    for key, name in [("who_member", f"who-uses `{MEMBER}`"), ("who_artifact", f"who-uses `{':'.join(ARTIFACT)}`"),
                      ("library", f"library `{':'.join(LIBRARY)}`")]:
        print(f"| {name} | " + " | ".join(f"{r[key][0] * 1000:.1f} ms ({r[key][1]} lines)" for r in results.values()) + " |")


if __name__ == "__main__":
    main()
