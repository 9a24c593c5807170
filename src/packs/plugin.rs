//! Native plugins (placeholder).
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("plugin error")]
pub struct PluginError;
