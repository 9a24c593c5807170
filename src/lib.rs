//! archrules: architecture and API-usage rules for JVM bytecode.
//!
//! Data flows one way: [`inputs`] → [`bytecode`] → [`graph`] → [`rules`] (with [`dsl`] and [`packs`] producing rule
//! IR) → [`findings`] → [`report`]; [`portal`] turns fleet query answers into a static site. [`cli`] wires them together.

pub mod bytecode;
pub mod cli;
pub mod dsl;
pub mod findings;
pub mod graph;
pub mod inputs;
pub mod packs;
pub mod portal;
pub mod report;
pub mod rules;
