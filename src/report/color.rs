//! `--color auto|always|never` and `NO_COLOR`, resolved once by the CLI into [`RenderOptions::color`]
//! (renderers never read the environment).
//!
//! [`RenderOptions::color`]: super::RenderOptions::color

use super::ParseError;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Whether to colour: `always` and `never` win; `auto` colours a terminal unless `NO_COLOR` is set to a
    /// non-empty value (<https://no-color.org>: an explicit command-line flag may override it).
    pub fn resolve(self, no_color: Option<&std::ffi::OsStr>, is_terminal: bool) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => is_terminal && no_color.is_none_or(|v| v.is_empty()),
        }
    }
}

impl FromStr for ColorChoice {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "auto" => Ok(ColorChoice::Auto),
            "always" => Ok(ColorChoice::Always),
            "never" => Ok(ColorChoice::Never),
            _ => Err(ParseError { what: "color choice", given: s.to_owned(), expected: "auto, always, never" }),
        }
    }
}
