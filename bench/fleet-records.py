#!/usr/bin/env python3
"""Turns one real fleet record into a fleet of REPOS repositories (issue 18, section 3).

usage: fleet-records.py RECORD OUT [REPOS]

RECORD is the fleet record of one `archrules check` over many modules (bench/fleet.sh writes it from the pinned Spark
corpus: every jar a target module, so each jar's uses of the others are library uses). Each module becomes its own
repository (`github.com/spark-corpus/<jar name without .jar>`, module `<jar name>`, its own build row), and the
repositories are replicated as renamed copies (`...-copy1`, ...) up to REPOS, each with its own commit. Every row's
recordId is recomputed the way `--report fleet=` computes it (SHA-256 of kind, repository, branch, commit, module
and the kind's key fields joined by U+001F, null as ""). One JSON Lines file per repository is written into OUT.
Rows whose module is null (a violation in no target) are left out and counted."""
import hashlib
import json
import os
import sys
from collections import defaultdict

KEYS = {"build": [], "use": ["consumerClass", "consumerMember", "apiClass", "apiMember", "dependencyKind"],
        "declared": ["apiClass", "apiMember"], "violation": ["rulePack", "ruleName", "message"]}


def record_id(row):
    identity = [row["kind"], row["repository"], row["branch"], row["commit"], row["module"]]
    identity += [row.get(k) for k in KEYS[row["kind"]]]
    return hashlib.sha256("\x1f".join("" if v is None else str(v) for v in identity).encode()).hexdigest()


def main():
    record, out = sys.argv[1], sys.argv[2]
    repos = int(sys.argv[3]) if len(sys.argv) > 3 else 5000
    build, modules, orphans = None, defaultdict(list), 0
    with open(record, encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            if row["kind"] == "build":
                build = row
            elif row.get("module") is None:
                orphans += 1
            else:
                modules[row["module"]].append(row)
    if build is None:
        sys.exit(f"{record}: no build row")
    base = sorted(modules)
    os.makedirs(out, exist_ok=True)
    total = 0
    for r in range(repos):
        path = base[r % len(base)]
        jar = os.path.basename(path)
        copy = r // len(base)
        identity = {"repository": "github.com/spark-corpus/" + jar.removesuffix(".jar") + (f"-copy{copy}" if copy else ""),
                    "commit": f"{r:040x}", "branch": "main", "buildTime": build["buildTime"]}
        head = dict(build, **identity, modules=[jar])
        head["recordId"] = record_id(head)
        lines = [json.dumps(head, separators=(",", ":"))]
        for row in modules[path]:
            row = dict(row, **identity, module=jar)
            row["recordId"] = record_id(row)
            lines.append(json.dumps(row, separators=(",", ":")))
        with open(os.path.join(out, f"r{r:05}.jsonl"), "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        total += len(lines)
    print(f"{len(base)} modules of {record} as {repos} repositories: {total} rows in {out} "
          f"({orphans} rows in no module left out)")


if __name__ == "__main__":
    main()
