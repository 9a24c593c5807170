//! Turns paths into class-file entries: directories, `.class` files, jars (fat, nested, multi-release), jmods,
//! directories of jars, and the JDK (`jmods/` or `lib/modules`). Listing is cheap; bytes are read/inflated on demand
//! by [`ClassEntry::read`], so callers decide what to inflate and can do it in parallel.
//!
//! CONTRACT (implemented in this module):
//! - `open(paths, role, opts) -> Opened` never fails as a whole: each unreadable input or entry becomes an
//!   [`InputWarning`] naming the file (and entry), and the rest goes on.
//! - `Opened::entries` are in path order (first on the path wins is decided by the caller, after parsing).
//! - `Opened::resources` carries the small non-class entries later stages need: `META-INF/archrules/*.arch`
//!   and `META-INF/maven/**/pom.properties`.
//! - `open_jdk(home, opts)` reads `jmods/*.jmod` when present, else `lib/modules` (jimage).
