//! Errors of pack loading: each names the file (and the entry inside a jar) it is about. The CLI turns them into
//! miette reports with [`PackError::into_report`] and exits with status 2.

use std::path::PathBuf;
use thiserror::Error;

#[derive(Debug, Error, miette::Diagnostic)]
pub enum PackError {
    #[error("cannot read rule pack {path}: {message}")]
    #[diagnostic(code(archrules::packs::io))]
    Io { path: PathBuf, message: String },

    /// The DSL's own diagnostics (with source spans) are in `report`.
    #[error("rule pack {name} does not parse")]
    #[diagnostic(code(archrules::packs::dsl))]
    Dsl { name: String, report: miette::Report },

    #[error("{path} is not a readable jar: {message}")]
    #[diagnostic(code(archrules::packs::bad_jar))]
    BadJar { path: PathBuf, message: String },

    #[error("{path} holds no rule packs")]
    #[diagnostic(code(archrules::packs::empty), help("a rule jar carries its packs as META-INF/archrules/*.arch"))]
    NoPacks { path: PathBuf },

    #[error("two packs have the id '{id}': {first} and {second}")]
    #[diagnostic(code(archrules::packs::duplicate_id), help("pack ids must be unique; rename one of them"))]
    DuplicateId { id: String, first: String, second: String },

    /// A parameter the configuration or `--param` sets that the pack does not declare; `message` names the flag or
    /// file that set it (see [`PackError::set_by`]).
    #[error("{message}")]
    #[diagnostic(code(archrules::packs::unknown_param))]
    UnknownParam {
        pack: String,
        name: String,
        message: String,
        #[help]
        help: Option<String>,
    },

    #[error(transparent)]
    #[diagnostic(transparent)]
    Plugin(#[from] crate::packs::plugin::PluginError),

    #[error(transparent)]
    #[diagnostic(transparent)]
    Config(#[from] crate::packs::config::ConfigError),
}

impl PackError {
    /// A miette report; for DSL errors, the DSL's own report (with its source spans) under a line naming the pack.
    pub fn into_report(self) -> miette::Report {
        match self {
            PackError::Dsl { name, report } => report.wrap_err(format!("in rule pack {name}")),
            other => miette::Report::new(other),
        }
    }
}

impl PackError {
    /// An unknown parameter's message names who set it: the last layer setting it (the command line wins), as
    /// `invalid value 'p:n=v' for '--param': ...` or `... in [params."p"] of archrules.toml`.
    pub(crate) fn set_by(self, layers: &[&crate::packs::config::Config]) -> PackError {
        let PackError::UnknownParam { pack, name, message, help } = self else { return self };
        let setter = layers.iter().rev().find_map(|c| Some((c, c.params.get(&pack)?.get(&name)?)));
        let message = match setter {
            Some((c, value)) if c.is_command_line() => {
                format!("invalid value '{pack}:{name}={value}' for '--param': {message}")
            }
            Some((c, _)) => match &c.path {
                Some(path) => format!("{message}, set in [params.\"{pack}\"] of {}", path.display()),
                None => message,
            },
            None => message,
        };
        PackError::UnknownParam { pack, name, message, help }
    }

    pub(crate) fn io(path: impl Into<PathBuf>, e: &std::io::Error) -> Self {
        PackError::Io { path: path.into(), message: e.to_string() }
    }
}
