//! What can go wrong reading query answers or writing the site. The CLI turns these into miette reports (exit 2).

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum PortalError {
    #[error("the answers directory `{0}` does not exist or is not a directory")]
    NoAnswers(PathBuf),
    #[error("`{0}` is missing: the answers directory needs who_uses.jsonl, library.jsonl and rules.jsonl")]
    MissingFile(PathBuf),
    #[error("cannot read `{path}`: {source}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{line}: {message}")]
    Row { path: PathBuf, line: usize, message: String },
    #[error("cannot write `{path}`: {source}")]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}
