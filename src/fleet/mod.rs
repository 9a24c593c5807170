//! The fleet store: fleet records (JSON Lines written by `check --report fleet=`) gathered from many builds into
//! one SQLite file, and the questions a library author asks of them. This stage reads records and never the graph.
//!
//! - [`store`]: opening the file, its settings (WAL, busy timeout) and the numbered migrations.
//! - [`row`]: one record row as the contract (docs/fleet.schema.json) defines it, checked.
//! - [`ingest`]: files into the store, each file atomic (or only checked); [`prune`]: dropping old snapshots.
//! - [`pattern`], [`query`]: what `who-uses`, `library`, `repos` and `rules` ask, one SQL statement each.
//! - [`output`]: table, JSON Lines and CSV answers; [`answers`]: every answer at once, the files the portal reads.

pub mod answers;
mod error;
pub mod ingest;
pub mod output;
pub mod pattern;
pub mod prune;
pub mod query;
pub mod row;
pub mod store;

pub use error::FleetError;
pub use ingest::{check_records, record_files, FileOutcome, IngestSummary};
pub use pattern::Pattern;
pub use prune::{parse_duration, Prune};
pub use store::{Store, SCHEMA_VERSION};
