#!/usr/bin/env python3
"""Writes a synthetic fleet's query answers (FLEET-CONTRACT.md: who_uses, library, rules, repos, history JSON Lines)
for the portal bench: N repositories (default 5,000) using the marked API of 40 libraries.

Shape, deterministic (seeded): 40 libraries of 60 marked elements each (2,400 elements, a tenth of them unused);
each repository uses 12 libraries through ~120 use rows (600k rows for 5,000 repositories), element popularity
skewed so a few elements are used by nearly every repository (their pages paginate); 358 rules (Netflix's count);
90 days of history.

Usage: bench/portal_answers.py OUT_DIR [REPOSITORIES]
"""
import json
import os
import random
import sys

STATUSES = ["deprecated-for-removal", "deprecated", "experimental", "internal", "public", "unmarked"]


def main():
    out = sys.argv[1]
    repos_n = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
    rnd = random.Random(19)
    os.makedirs(out, exist_ok=True)
    libraries = [f"com.example.lib{i:02d}:lib{i:02d}-core" for i in range(40)]
    elements = {}  # library -> [(apiClass, apiMember, status)]
    for li, lib in enumerate(libraries):
        pkg = f"com.example.lib{li:02d}"
        els = []
        for e in range(60):
            cls = f"{pkg}.{'internal.' if e % 7 == 3 else ''}Type{e // 6}"
            member = None if e % 6 == 0 else f"{cls}.method{e}(java.lang.String, int)"
            status = STATUSES[rnd.choice([0, 1, 1, 2, 2, 3, 3, 3])]
            els.append((cls, member, status))
        elements[lib] = els
    # Popularity: element k of a library is picked with weight 1/(k+1).
    weights = [1.0 / (k + 1) for k in range(54)]  # the last 6 of each library are never used
    who = []
    per_element = {}
    repos = []
    for r in range(repos_n):
        repo = f"github.example/team{r % 97:02d}/service-{r:05d}"
        commit = f"{r:08x}" * 5
        built_day = 90 - (r % 120)  # some repositories' builds are months old
        build_time = f"2026-{12 if built_day > 60 else 11:02d}-{max(1, built_day % 28 + 1):02d}T{r % 24:02d}:00:00Z"
        modules = [f"module-{m}/build/classes/java/main" for m in range(1 + r % 3)]
        uses_total = 0
        for lib in rnd.sample(libraries, 12):
            els = elements[lib]
            for k in set(rnd.choices(range(54), weights=weights, k=10)):
                cls, member, status = els[k]
                module = rnd.choice(modules)
                cc = f"com.team{r % 97:02d}.svc{r:05d}.Handler{k % 9}"
                count = 1 + (r + k) % 4
                uses_total += count
                row = {
                    "repository": repo, "branch": "main", "module": module, "consumerClass": cc,
                    "consumerMember": f"{cc}.handle{k % 5}(java.lang.String)",
                    "sourcePath": f"{module.split('/')[0]}/src/main/java/com/team{r % 97:02d}/svc{r:05d}/Handler{k % 9}.java",
                    "line": 10 + k, "count": count, "apiClass": cls, "apiMember": member,
                    "dependencyKind": "calls method" if member else "has field of type", "status": status,
                    "library": lib, "commit": commit, "firstSeen": f"2026-{9 + k % 3:02d}-{1 + k % 28:02d}T08:00:00Z",
                }
                who.append(row)
                agg = per_element.setdefault((lib, cls, member), [set(), 0])
                agg[0].add(repo)
                agg[1] += count
        repos.append({"repository": repo, "branch": "main", "commit": commit, "buildTime": build_time,
                      "modules": modules, "classpathComplete": r % 17 != 0, "uses": uses_total,
                      "violations": (r * 7) % 50})
    with open(os.path.join(out, "who_uses.jsonl"), "w") as f:
        for row in who:
            f.write(json.dumps(row, separators=(",", ":")) + "\n")
    with open(os.path.join(out, "library.jsonl"), "w") as f:
        for lib in libraries:
            for cls, member, status in elements[lib]:
                users, uses = per_element.get((lib, cls, member), [set(), 0])
                verdict = None
                if status in ("deprecated", "deprecated-for-removal") and not users:
                    verdict = "safe-to-remove"
                elif status == "deprecated-for-removal":
                    verdict = "blocking-removal"
                f.write(json.dumps({"library": lib, "apiClass": cls, "apiMember": member, "status": status,
                                    "consumers": len(users), "uses": uses, "verdict": verdict}) + "\n")
    with open(os.path.join(out, "rules.jsonl"), "w") as f:
        for i in range(358):
            f.write(json.dumps({"rulePack": f"archrules.pack{i % 25:02d}", "ruleName": f"rule {i}",
                                "priority": ["LOW", "MEDIUM", "HIGH"][i % 3], "repositories": 1 + (i * 37) % repos_n,
                                "violations": 1 + (i * 131) % 9000}) + "\n")
    with open(os.path.join(out, "repos.jsonl"), "w") as f:
        for row in repos:
            f.write(json.dumps(row) + "\n")
    with open(os.path.join(out, "history.jsonl"), "w") as f:
        for d in range(90):
            month, day = (9 + d // 30, 1 + d % 30)
            for lib in libraries:
                for si, status in enumerate(STATUSES[:4]):
                    f.write(json.dumps({"day": f"2026-{month:02d}-{day:02d}", "library": lib, "status": status,
                                        "uses": max(0, 900 + 10 * d * (1 if si > 1 else -1) + si * 100)}) + "\n")
    print(f"{out}: {len(who)} who-uses rows, {repos_n} repositories, {len(libraries)} libraries", file=sys.stderr)


if __name__ == "__main__":
    main()
