-- The first schema. Rows stay narrow: every repeated string (class, member, module, source path, dependency kind,
-- annotation...) lives once in `name`, repositories in `repository`, library coordinates in `artifact`.
-- Unknown values are '' in key columns (SQLite's UNIQUE treats NULLs as distinct) and NULL elsewhere.

CREATE TABLE repository (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE          -- '' when the record had none
);

CREATE TABLE name (
    id   INTEGER PRIMARY KEY,
    text TEXT NOT NULL UNIQUE          -- the UNIQUE index also answers package prefixes (text >= 'com.acme.')
);

CREATE TABLE artifact (
    id               INTEGER PRIMARY KEY,
    grp              TEXT NOT NULL,    -- '' when unknown
    name             TEXT NOT NULL,
    version          TEXT NOT NULL,    -- '' when unknown
    purl             TEXT,
    coordinates_from TEXT NOT NULL,
    UNIQUE (grp, name, version)        -- also answers who-uses/library by group:artifact
);

-- One build of one repository+branch+commit. The newest build of a repository+branch is its current snapshot.
CREATE TABLE snapshot (
    id                 INTEGER PRIMARY KEY,
    repository         INTEGER NOT NULL REFERENCES repository (id),
    branch             TEXT NOT NULL,  -- '' when the record had none
    commit_key         TEXT NOT NULL,  -- the commit, or '@' || build_time when the record had none
    build_time         TEXT NOT NULL,  -- RFC 3339 UTC: sorts as text
    is_current         INTEGER NOT NULL DEFAULT 0,
    tool_version       TEXT,
    classpath_complete INTEGER,        -- NULL when the file had no build row
    unresolved_classes INTEGER,
    fleet_uses         TEXT,
    uses               INTEGER NOT NULL,
    declared           INTEGER NOT NULL,
    violations         INTEGER NOT NULL,
    -- The snapshot's rows in each table are one rowid range (a snapshot is written in one go, inside one
    -- transaction), so prune deletes ranges without an index on `snapshot` in the big tables.
    uses_from          INTEGER, uses_to INTEGER,
    declared_from      INTEGER, declared_to INTEGER,
    violations_from    INTEGER, violations_to INTEGER,
    source             TEXT NOT NULL,  -- the file it was ingested from
    ingested_at        TEXT NOT NULL,
    UNIQUE (repository, branch, commit_key)
);
CREATE INDEX snapshot_current ON snapshot (repository, branch, is_current);

CREATE TABLE api_use (
    snapshot            INTEGER NOT NULL,
    module              INTEGER,
    consumer_class      INTEGER NOT NULL,
    consumer_member     INTEGER,
    source_path         INTEGER,
    line                INTEGER NOT NULL,
    count               INTEGER NOT NULL,
    dependency_kind     INTEGER NOT NULL,
    api_class           INTEGER NOT NULL,
    api_member          INTEGER,
    api_descriptor      INTEGER,
    status              INTEGER NOT NULL, -- 0 deprecated-for-removal, 1 deprecated, 2 experimental, 3 internal, 4 public, 5 unmarked
    status_annotation   INTEGER,
    status_site         INTEGER,
    since               INTEGER,
    for_removal         INTEGER,
    replacement         INTEGER,
    replacement_imports TEXT,             -- JSON array, NULL when empty
    artifact            INTEGER NOT NULL
);
-- who-uses of a member, of a class or package, of an artifact; library's consumer counts.
CREATE INDEX api_use_member ON api_use (api_member) WHERE api_member IS NOT NULL;
CREATE INDEX api_use_class ON api_use (api_class, consumer_class);   -- consumer_class: first seen
CREATE INDEX api_use_artifact ON api_use (artifact, api_class, api_member);

CREATE TABLE declared (
    snapshot            INTEGER NOT NULL,
    module              INTEGER,
    api_class           INTEGER NOT NULL,
    api_member          INTEGER,
    api_descriptor      INTEGER,
    status              INTEGER NOT NULL,
    status_annotation   INTEGER,
    status_site         INTEGER,
    since               INTEGER,
    for_removal         INTEGER,
    replacement         INTEGER,
    replacement_imports TEXT,
    artifact            INTEGER NOT NULL
);
CREATE INDEX declared_artifact ON declared (artifact);

CREATE TABLE violation (
    snapshot      INTEGER NOT NULL,
    module        INTEGER,
    rule_pack     INTEGER NOT NULL,
    rule_name     INTEGER NOT NULL,
    priority      TEXT NOT NULL,
    message       TEXT NOT NULL,
    origin_class  INTEGER,
    origin_member INTEGER,
    target_class  INTEGER,
    target_member INTEGER,
    source_path   INTEGER,
    line          INTEGER,
    suppressed    INTEGER NOT NULL,
    baselined     INTEGER NOT NULL
);
