#!/usr/bin/env python3
"""Writes a synthetic fleet of REPOS repositories as fleet records (FLEET-CONTRACT.md rows, every field present,
recordId the SHA-256 of the row's identity), one JSON Lines file per repository, into OUT.

usage: fleet-records.py OUT [REPOS] [BASE]

A base fleet of BASE modules (326 by default: the pinned Spark corpus's jar count), each its own repository, is
replicated as renamed copies up to REPOS repositories. LIBS libraries of CLASSES classes with MEMBERS members each
are the used API; the first LIBS base modules are those libraries' own builds and carry `declared` rows. Every other
module uses USES marked elements (deprecated-for-removal, deprecated, experimental, internal) spread over the
libraries, and has VIOLATIONS violations. Deterministic (seeded)."""
import hashlib
import json
import os
import random
import sys

LIBS, CLASSES, MEMBERS, USES, VIOLATIONS = 40, 100, 8, 150, 5
STATUSES = ["deprecated-for-removal", "deprecated", "experimental", "internal"]
ANNOTATION = {"deprecated-for-removal": "java.lang.Deprecated", "deprecated": "java.lang.Deprecated",
              "experimental": "com.google.common.annotations.Beta", "internal": "org.apiguardian.api.API"}
KINDS = ["calls method", "calls method", "calls method", "calls constructor", "gets field", "references method"]
KEYS = {"build": [], "use": ["consumerClass", "consumerMember", "apiClass", "apiMember", "dependencyKind"],
        "declared": ["apiClass", "apiMember"], "violation": ["rulePack", "ruleName", "message"]}


def record_id(row):
    identity = [row["kind"], row["repository"], row["branch"], row["commit"], row["module"]]
    identity += [row[k] for k in KEYS[row["kind"]]]
    return hashlib.sha256("\x1f".join("" if v is None else str(v) for v in identity).encode()).hexdigest()


def element(rng, lib):
    c, m = rng.randrange(CLASSES), rng.randrange(MEMBERS)
    cls = f"org.lib{lib}.p{c % 5}.C{c}"
    # A member's status is a property of the member, the same in every repository.
    status = STATUSES[(lib * 7 + c * 3 + m) % len(STATUSES)]
    return cls, f"{cls}.m{m}(int)", f"m{m}(I)V", status


def mark(lib, cls, member, descriptor, status, coordinates_from="pom.properties"):
    return {"apiClass": cls, "apiMember": member, "apiDescriptor": descriptor, "status": status,
            "statusAnnotation": ANNOTATION[status], "statusSite": "element", "since": "1.0" if "deprecated" in status else None,
            "forRemoval": status == "deprecated-for-removal" if "deprecated" in status else None,
            "replacement": None, "replacementImports": [], "libraryGroup": f"org.lib{lib}", "libraryArtifact": f"lib{lib}",
            "libraryVersion": "1.0", "libraryPurl": f"pkg:maven/org.lib{lib}/lib{lib}@1.0",
            "coordinatesFrom": coordinates_from, "libraryInput": f"libs/lib{lib}-1.0.jar"}


def base_module(i):
    """The rows of base module i, without the build fields (filled per copy)."""
    rng = random.Random(i)
    module = f"m{i}.jar"
    rows = []
    if i < LIBS:
        for c in range(CLASSES):
            for m in range(MEMBERS):
                cls = f"org.lib{i}.p{c % 5}.C{c}"
                status = STATUSES[(i * 7 + c * 3 + m) % len(STATUSES)]
                rows.append(dict(kind="declared", module=module, **mark(i, cls, f"{cls}.m{m}(int)", f"m{m}(I)V", status, "option")))
    seen = set()
    for u in range(USES):
        lib = rng.randrange(LIBS)
        cls, member, descriptor, status = element(rng, lib)
        consumer = f"com.m{i}.K{u % 20}"
        key = (consumer, member)
        if key in seen:
            continue
        seen.add(key)
        rows.append(dict(kind="use", module=module, consumerClass=consumer, consumerMember=f"{consumer}.run{u % 7}()",
                         sourcePath=f"src/main/java/com/m{i}/K{u % 20}.java", line=10 + u, count=1 + u % 3,
                         dependencyKind=rng.choice(KINDS), **mark(lib, cls, member, descriptor, status)))
    for v in range(VIOLATIONS):
        rows.append(dict(kind="violation", module=module, rulePack="archrules.joda", ruleName=f"rule {v}", priority="LOW",
                         message=f"Method <com.m{i}.K{v}.run()> calls method <org.joda.time.DateTime.now()> in (K{v}.java:{v})",
                         originClass=f"com.m{i}.K{v}", originMember=f"com.m{i}.K{v}.run()", targetClass="org.joda.time.DateTime",
                         targetMember="org.joda.time.DateTime.now()", sourcePath=f"K{v}.java", line=v, suppressed=False,
                         baselined=False))
    return module, rows


def main():
    out = sys.argv[1]
    repos = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
    base = int(sys.argv[3]) if len(sys.argv) > 3 else 326
    os.makedirs(out, exist_ok=True)
    modules = [base_module(i) for i in range(base)]
    total = 0
    for r in range(repos):
        module, rows = modules[r % base]
        copy = r // base
        build = {"repository": f"github.com/fleet/m{r % base}" + (f"-copy{copy}" if copy else ""),
                 "commit": f"{r:040x}", "branch": "main", "buildTime": "2026-12-01T00:00:00Z"}
        lines = []
        head = {"schemaVersion": 1, "kind": "build", "recordId": None, **build, "module": None, "toolVersion": "0.1.0",
                "modules": [module], "classpathComplete": True, "unresolvedClasses": 0, "fleetUses": "marked",
                "rules": 50, "violations": VIOLATIONS}
        head["recordId"] = record_id(head)
        lines.append(json.dumps(head, separators=(",", ":")))
        for row in rows:
            full = {"schemaVersion": 1, "kind": row["kind"], "recordId": None, **build, **row}
            full["recordId"] = record_id(full)
            lines.append(json.dumps(full, separators=(",", ":")))
        with open(os.path.join(out, f"r{r:05}.jsonl"), "w") as f:
            f.write("\n".join(lines) + "\n")
        total += len(lines)
    print(f"{repos} repositories, {total} rows in {out}")


if __name__ == "__main__":
    main()
