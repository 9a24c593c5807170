//! The `.arch` text DSL: Java-like fluent rules, as ArchUnit writes them, lowered to [`crate::rules::ir`].
//!
//! Pipeline: [`lexer`] → [`parser`] ([`ast`]) → lowering (`lower*`, resolving names against
//! [`crate::rules::vocab`]) → [`ir::Pack`]. Every stage records errors and goes on, so one call reports
//! all the mistakes of a file ([`DslErrors`]). The grammar and vocabulary are in `docs/dsl.md`.

pub mod ast;
pub mod diagnostics;
pub mod lexer;
mod lower;
mod lower_args;
mod lower_cond;
mod lower_fix;
mod lower_layered;
mod lower_pred;
mod lower_rule;
pub mod parser;
pub mod suggest;

pub use crate::rules::combinators::normalize_type_name;
pub use diagnostics::{DslError, DslErrors};

use crate::rules::ir;
use std::collections::HashMap;

/// Parses and lowers one `.arch` file. `params` override the pack's `param` defaults (from config).
/// The returned pack's `origin` is empty: the loader sets it.
pub fn parse_pack(file_name: &str, source: &str, params: &HashMap<String, String>) -> Result<ir::Pack, DslErrors> {
    let mut errors = Vec::new();
    let tokens = lexer::lex(source, &mut errors);
    let file = parser::parse(&tokens, &mut errors);
    let (pack, mut errors) = lower::lower_file(&file, source, params, errors);
    errors.sort_by_key(first_offset);
    match pack {
        Some(pack) if errors.is_empty() => Ok(pack),
        _ => Err(DslErrors::new(file_name, source, errors)),
    }
}

/// Where an error starts, to report a file's errors in reading order.
fn first_offset(error: &DslError) -> usize {
    use miette::Diagnostic;
    error.labels().and_then(|mut labels| labels.next()).map_or(0, |l| l.offset())
}
