//! Slices: placeholder until implemented.
use super::{Ctx, EngineError};
use crate::findings::Violation;
use crate::graph::ClassId;
use crate::rules::ir;

pub fn check(
    _ctx: &Ctx<'_>,
    _rule: &ir::Rule,
    _matching: &str,
    _scope: &[ClassId],
) -> Result<Option<Vec<Violation>>, EngineError> {
    Ok(Some(Vec::new()))
}
