//! archrules: architecture and API-usage rules for JVM bytecode.
//!
//! Data flows one way: [`inputs`] → [`bytecode`] → [`graph`] → [`rules`] (with [`dsl`] and [`packs`] producing rule
//! IR) → [`findings`] → [`report`]. [`fleet`] is a stage of its own: it stores the fleet records that builds write
//! and answers questions over them, reading records and never the graph; [`apidiff`] reads two versions of a library
//! through [`inputs`] and [`bytecode`] for `fleet impact`. [`portal`] turns fleet
//! query answers into a static site. [`cli`] wires them together.

pub mod apidiff;
pub mod bytecode;
pub mod cli;
pub mod dsl;
pub mod findings;
pub mod fleet;
pub mod graph;
pub mod inputs;
pub mod packs;
pub mod portal;
pub mod report;
pub mod rules;
