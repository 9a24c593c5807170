//! What can go wrong in the fleet store. The CLI turns these into miette reports; nothing here panics on bad input.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum FleetError {
    #[error("cannot open the fleet store {path}: {source}")]
    Open { path: PathBuf, source: rusqlite::Error },
    #[error(
        "the fleet store {path} has schema version {found}, newer than this archrules reads ({known}): \
         use a newer archrules, or another --db"
    )]
    NewerSchema { path: PathBuf, found: i64, known: i64 },
    #[error("fleet store: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    /// One row of a record file is wrong: the whole file is refused.
    #[error("{path}:{line}: {message}")]
    BadRow { path: PathBuf, line: u64, message: String },
    #[error("not a pattern archrules can search for: {0}")]
    BadPattern(String),
    #[error("not a duration: {0:?} (expected a number followed by s, m, h, d or w, e.g. 90d)")]
    BadDuration(String),
    #[error("unknown status {0:?} (expected deprecated-for-removal, deprecated, experimental, internal, public or unmarked)")]
    BadStatus(String),
}
