#!/usr/bin/env python3
"""Writes the hand-made fleet records the store's tests read, row by row as FLEET-CONTRACT.md defines them
(every field present, null when unknown; recordId the SHA-256 of the row's identity). Run from this directory:
    python3 make.py
They cover what the writer's real records (fixtures/fleet/records) do not: a repository's older build (first seen,
current snapshot, prune), a second branch, a gzipped record, `--fleet-uses all` rows, violations across
repositories, and bad files (a malformed row, an unknown schemaVersion, a truncated gzip)."""
import gzip
import hashlib
import json
import os

KEYS = {
    "build": [],
    "use": ["consumerClass", "consumerMember", "apiClass", "apiMember", "dependencyKind"],
    "declared": ["apiClass", "apiMember"],
    "violation": ["rulePack", "ruleName", "message"],
}
MARK = ["apiClass", "apiMember", "apiDescriptor", "status", "statusAnnotation", "statusSite", "since", "forRemoval",
        "replacement", "replacementImports", "libraryGroup", "libraryArtifact", "libraryVersion", "libraryPurl",
        "coordinatesFrom", "libraryInput"]
FIELDS = {
    "build": ["toolVersion", "modules", "classpathComplete", "unresolvedClasses", "fleetUses", "rules", "violations"],
    "use": ["consumerClass", "consumerMember", "sourcePath", "line", "count", "dependencyKind"] + MARK,
    "declared": MARK,
    "violation": ["rulePack", "ruleName", "priority", "message", "originClass", "originMember", "targetClass",
                  "targetMember", "sourcePath", "line", "suppressed", "baselined"],
}


def row(build, kind, module=None, **fields):
    out = {"schemaVersion": 1, "kind": kind, "recordId": None}
    for key in ["repository", "commit", "branch", "buildTime"]:
        out[key] = build[key]
    out["module"] = module
    for key in FIELDS[kind]:
        out[key] = fields.pop(key, [] if key == "replacementImports" else None)
    assert not fields, fields
    identity = [kind, out["repository"], out["branch"], out["commit"], out["module"]] + [out[k] for k in KEYS[kind]]
    text = "\x1f".join("" if v is None else str(v) for v in identity)
    out["recordId"] = hashlib.sha256(text.encode()).hexdigest()
    return out


WIDGETS = dict(libraryGroup="com.acme", libraryArtifact="widgets", libraryVersion="2.3",
               libraryPurl="pkg:maven/com.acme/widgets@2.3", coordinatesFrom="pom.properties",
               libraryInput="libs/widgets-2.3.jar")
W = "com.acme.widgets.Widget"
RESIZE = dict(apiClass=W, apiMember=W + ".resize(int)", apiDescriptor="resize(I)V", status="deprecated-for-removal",
              statusAnnotation="java.lang.Deprecated", statusSite="element", since="2.0", forRemoval=True)
PAINT = dict(apiClass=W, apiMember=W + ".paint()", apiDescriptor="paint()V", status="deprecated",
             statusAnnotation="java.lang.Deprecated", statusSite="element", since="2.1", forRemoval=False)
GADGET = dict(apiClass="com.acme.widgets.Gadget", status="experimental",
              statusAnnotation="com.google.common.annotations.Beta", statusSite="element")
LAYOUT = dict(apiClass="com.acme.widgets.internal.Layout", status="internal",
              statusAnnotation="org.apiguardian.api.API", statusSite="package")
LAYOUT_INIT = dict(LAYOUT, apiMember="com.acme.widgets.internal.Layout.<init>()", apiDescriptor="<init>()V")
DRAW = dict(apiClass=W, apiMember=W + ".draw(int)", apiDescriptor="draw(I)V", status="unmarked")
FLUSH = dict(apiClass=W, apiMember=W + ".flush()", apiDescriptor="flush()V", status="unmarked")
SIZE = dict(apiClass=W, apiMember=W + ".size", apiDescriptor="size:I", status="unmarked")


def build_row(build, modules, complete=True, fleet_uses="marked", violations=0):
    return row(build, "build", toolVersion="0.1.0", modules=modules, classpathComplete=complete,
               unresolvedClasses=0 if complete else 3, fleetUses=fleet_uses, rules=12, violations=violations)


def use(build, module, consumer, member, path, line, kind, api, count=1):
    return row(build, "use", module, consumerClass=consumer, consumerMember=member, sourcePath=path, line=line,
               count=count, dependencyKind=kind, **api, **WIDGETS)


def write(name, rows):
    data = "".join(json.dumps(r, separators=(",", ":")) + "\n" for r in rows).encode()
    if name.endswith(".gz"):
        with open(name, "wb") as f:
            f.write(gzip.compress(data, mtime=0))
    else:
        with open(name, "wb") as f:
            f.write(data)


def main():
    lib = dict(repository="github.com/acme/widgets", commit="9f1c2e0", branch="main", buildTime="2026-11-20T10:00:00Z")
    write("records/widgets.jsonl", [
        build_row(lib, ["build/classes/java/main"]),
        row(lib, "declared", "build/classes/java/main", **RESIZE, **dict(WIDGETS, coordinatesFrom="option", libraryInput="build/classes/java/main")),
        row(lib, "declared", "build/classes/java/main", **PAINT, **dict(WIDGETS, coordinatesFrom="option", libraryInput="build/classes/java/main")),
        row(lib, "declared", "build/classes/java/main", **GADGET, **dict(WIDGETS, coordinatesFrom="option", libraryInput="build/classes/java/main")),
        row(lib, "declared", "build/classes/java/main", **LAYOUT, **dict(WIDGETS, coordinatesFrom="option", libraryInput="build/classes/java/main")),
    ])

    old = dict(repository="github.com/acme/app-one", commit="0a0a0a0", branch="main", buildTime="2026-11-01T08:00:00Z")
    write("records/app-one-old.jsonl", [
        build_row(old, ["app/build/classes/java/main"]),
        use(old, "app/build/classes/java/main", "com.app.Main", "com.app.Main.run()", "app/src/main/java/com/app/Main.java", 12, "calls method", RESIZE),
        use(old, "app/build/classes/java/main", "com.app.Legacy", "com.app.Legacy.old()", "app/src/main/java/com/app/Legacy.java", 7, "calls method", PAINT),
    ])
    one = dict(repository="github.com/acme/app-one", commit="1b1b1b1", branch="main", buildTime="2026-12-01T08:00:00Z")
    m = "app/build/classes/java/main"
    write("records/app-one.jsonl", [
        build_row(one, [m], fleet_uses="all", violations=1),
        use(one, m, "com.app.Main", "com.app.Main.run()", "app/src/main/java/com/app/Main.java", 12, "calls method", RESIZE, count=2),
        use(one, m, "com.app.Main", "com.app.Main.run()", "app/src/main/java/com/app/Main.java", 13, "calls method", DRAW),
        use(one, m, "com.app.Main", "com.app.Main.layout()", "app/src/main/java/com/app/Main.java", 20, "calls constructor", LAYOUT_INIT),
        use(one, m, "com.app.Main", "com.app.Main.layout()", "app/src/main/java/com/app/Main.java", 21, "calls method",
            dict(LAYOUT, apiMember="com.acme.widgets.internal.Layout.apply()", apiDescriptor="apply()V")),
        row(one, "violation", m, rulePack="archrules.joda", ruleName="joda time", priority="LOW",
            message="Method <com.app.Main.run()> calls method <org.joda.time.DateTime.now()> in (Main.java:30)",
            originClass="com.app.Main", originMember="com.app.Main.run()", targetClass="org.joda.time.DateTime",
            targetMember="org.joda.time.DateTime.now()", sourcePath="app/src/main/java/com/app/Main.java", line=30,
            suppressed=False, baselined=False),
    ])
    # A feature branch of app-one: --branch picks it.
    feature = dict(one, commit="2c2c2c2", branch="feature/resize", buildTime="2026-12-02T09:00:00Z")
    write("records/app-one-feature.jsonl", [
        build_row(feature, [m]),
        use(feature, m, "com.app.Main", "com.app.Main.run()", "app/src/main/java/com/app/Main.java", 12, "calls method", RESIZE),
    ])
    two = dict(repository="github.com/acme/app-two", commit="3d3d3d3", branch="main", buildTime="2026-12-03T12:00:00Z")
    n = "app-two.jar"
    write("records/app-two.jsonl.gz", [
        build_row(two, [n], complete=False, fleet_uses="all", violations=2),
        use(two, n, "org.two.Panel", None, "Panel.java", 0, "has field of type", GADGET),
        use(two, n, "org.two.Panel", "org.two.Panel.refresh()", "Panel.java", 33, "calls method", FLUSH),
        use(two, n, "org.two.Panel", "org.two.Panel.refresh()", "Panel.java", 34, "gets field", SIZE, count=3),
        use(two, n, "org.two.Panel", "org.two.Panel.refresh()", "Panel.java", 35, "calls method", RESIZE),
        row(two, "violation", n, rulePack="archrules.joda", ruleName="joda time", priority="LOW",
            message="Method <org.two.Panel.refresh()> calls method <org.joda.time.DateTime.now()> in (Panel.java:40)",
            originClass="org.two.Panel", originMember="org.two.Panel.refresh()", targetClass="org.joda.time.DateTime",
            targetMember="org.joda.time.DateTime.now()", sourcePath="Panel.java", line=40, suppressed=False, baselined=False),
        row(two, "violation", n, rulePack="archrules.guava", ruleName="guava optional", priority="MEDIUM",
            message="Field <org.two.Panel.opt> has type <com.google.common.base.Optional> in (Panel.java:0)",
            originClass="org.two.Panel", originMember="org.two.Panel.opt", targetClass="com.google.common.base.Optional",
            targetMember=None, sourcePath="Panel.java", line=0, suppressed=False, baselined=False),
    ])

    # Bad files: each is refused whole, naming its line.
    bad = [build_row(two, [n]), use(two, n, "org.two.Panel", None, "Panel.java", 0, "has field of type", GADGET)]
    lines = [json.dumps(r) for r in bad]
    with open("bad/malformed.jsonl", "w") as f:
        f.write(lines[0] + "\n" + lines[1] + "\n" + lines[1][:40] + "\n")
    future = dict(bad[1], schemaVersion=2)
    with open("bad/future.jsonl", "w") as f:
        f.write(lines[0] + "\n" + json.dumps(future) + "\n")
    whole = gzip.compress(("\n".join(lines * 200) + "\n").encode(), mtime=0)
    with open("bad/truncated.jsonl.gz", "wb") as f:
        f.write(whole[: len(whole) // 2])


if __name__ == "__main__":
    os.chdir(os.path.dirname(os.path.abspath(__file__)))
    os.makedirs("records", exist_ok=True)
    os.makedirs("bad", exist_ok=True)
    main()
