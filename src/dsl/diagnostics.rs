//! Every mistake an `.arch` file can hold, as miette diagnostics with a labelled span and, where we
//! can guess, a `help` ("did you mean ..."). [`DslErrors`] carries all of a file's errors at once.

use miette::{Diagnostic, NamedSource, SourceSpan};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Diagnostic)]
pub enum DslError {
    #[error("expected {expected}, found {found}")]
    #[diagnostic(code(archrules::dsl::syntax))]
    Syntax {
        expected: String,
        found: String,
        #[label("expected {expected}")]
        span: SourceSpan,
    },

    #[error("unexpected character '{found}'")]
    #[diagnostic(code(archrules::dsl::unexpected_character))]
    UnexpectedCharacter {
        found: char,
        #[label("not part of the .arch syntax")]
        span: SourceSpan,
    },

    #[error("unterminated string")]
    #[diagnostic(code(archrules::dsl::unterminated_string), help("close the string with '\"' on the same line"))]
    UnterminatedString {
        #[label("string starts here")]
        span: SourceSpan,
    },

    #[error("unterminated comment")]
    #[diagnostic(code(archrules::dsl::unterminated_comment), help("close the comment with '*/'"))]
    UnterminatedComment {
        #[label("comment starts here")]
        span: SourceSpan,
    },

    #[error("unknown escape sequence")]
    #[diagnostic(code(archrules::dsl::bad_escape), help("use \\\", \\\\, \\n, \\t or \\uXXXX"))]
    BadEscape {
        #[label("here")]
        span: SourceSpan,
    },

    #[error("number too large")]
    #[diagnostic(code(archrules::dsl::number_too_large))]
    NumberTooLarge {
        #[label("does not fit in 64 bits")]
        span: SourceSpan,
    },

    #[error("a file holds one pack")]
    #[diagnostic(code(archrules::dsl::duplicate_pack), help("move these rules into a file of their own"))]
    DuplicatePack {
        #[label("second pack header")]
        span: SourceSpan,
    },

    #[error("the file has no pack header")]
    #[diagnostic(
        code(archrules::dsl::missing_pack),
        help("start the file with: pack \"<id>\" {{ description \"...\"; }}")
    )]
    MissingPack {
        #[label("expected 'pack \"<id>\" {{ ... }}' before the first rule")]
        span: SourceSpan,
    },

    #[error("unknown {what} '{name}'")]
    #[diagnostic(code(archrules::dsl::unknown_name))]
    UnknownName {
        /// "constant", "subject", "method", "layer", "enum constant" ...
        what: &'static str,
        name: String,
        #[label("not defined")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("unknown condition '{name}'")]
    #[diagnostic(code(archrules::dsl::unknown_condition))]
    UnknownCondition {
        name: String,
        #[label("not a condition for {subject}")]
        span: SourceSpan,
        subject: String,
        #[help]
        help: Option<String>,
    },

    #[error("unknown {domain} predicate '{name}'")]
    #[diagnostic(code(archrules::dsl::unknown_predicate))]
    UnknownPredicate {
        name: String,
        domain: &'static str,
        #[label("not a {domain} predicate")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("unknown import '{name}'")]
    #[diagnostic(code(archrules::dsl::unknown_import))]
    UnknownImport {
        name: String,
        #[label("no `import ...{name};` in this file")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("'{name}' takes {expected}, but {found} given")]
    #[diagnostic(code(archrules::dsl::argument_count))]
    ArgumentCount {
        name: String,
        expected: String,
        found: String,
        #[label("{found} given")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("'{name}' expects {expected} here, found {found}")]
    #[diagnostic(code(archrules::dsl::argument_type))]
    ArgumentType {
        name: String,
        expected: String,
        found: String,
        #[label("expected {expected}")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("'{name}' is a predicate, but a condition is needed here")]
    #[diagnostic(code(archrules::dsl::predicate_not_condition))]
    PredicateNotCondition {
        name: String,
        #[label("a predicate selects; after should() a condition checks")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("'{name}' is a condition, but a predicate is needed here")]
    #[diagnostic(code(archrules::dsl::condition_not_predicate))]
    ConditionNotPredicate {
        name: String,
        #[label("conditions belong after should()")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("'{name}' is {found}, but {expected} is needed here")]
    #[diagnostic(code(archrules::dsl::wrong_predicate_kind))]
    WrongPredicateKind {
        name: String,
        expected: String,
        found: String,
        #[label("{found}")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("'{name}' does not apply to {subject}")]
    #[diagnostic(code(archrules::dsl::condition_not_applicable))]
    ConditionNotApplicable {
        name: String,
        subject: String,
        #[label("not a condition on {subject}")]
        span: SourceSpan,
    },

    #[error("'{name}' cannot come here")]
    #[diagnostic(code(archrules::dsl::misplaced))]
    Misplaced {
        name: String,
        #[label("{reason}")]
        span: SourceSpan,
        reason: String,
        #[help]
        help: Option<String>,
    },

    #[error("the rule is incomplete: {missing}")]
    #[diagnostic(code(archrules::dsl::incomplete_rule))]
    IncompleteRule {
        missing: String,
        #[label("this rule")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("invalid {what}: {message}")]
    #[diagnostic(code(archrules::dsl::invalid_value))]
    InvalidValue {
        /// "package pattern", "regular expression", "version requirement", "artifact coordinates"
        what: &'static str,
        message: String,
        #[label("invalid {what}")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("rule '{name}' is defined twice")]
    #[diagnostic(code(archrules::dsl::duplicate_rule), help("rule names are keys: rename one of them"))]
    DuplicateRule {
        name: String,
        #[label("redefined here")]
        span: SourceSpan,
        #[label("first defined here")]
        first: SourceSpan,
    },

    #[error("'{name}' is defined twice")]
    #[diagnostic(code(archrules::dsl::duplicate_name))]
    DuplicateName {
        name: String,
        #[label("redefined here")]
        span: SourceSpan,
        #[label("first defined here")]
        first: SourceSpan,
    },

    #[error("the configuration sets parameter '{name}', which pack '{pack}' does not declare")]
    #[diagnostic(code(archrules::dsl::unknown_param))]
    UnknownParam {
        name: String,
        pack: String,
        #[label("declared parameters are in this header")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },
}

/// All errors of one file, rendered together against its source.
#[derive(Debug, thiserror::Error, Diagnostic)]
#[error("{} error{} in {file_name}", errors.len(), if errors.len() == 1 { "" } else { "s" })]
#[diagnostic(code(archrules::dsl::errors))]
pub struct DslErrors {
    pub file_name: String,
    #[source_code]
    pub source_code: NamedSource<String>,
    #[related]
    pub errors: Vec<DslError>,
}

impl DslErrors {
    pub fn new(file_name: &str, source: &str, errors: Vec<DslError>) -> Self {
        DslErrors {
            file_name: file_name.to_owned(),
            source_code: NamedSource::new(file_name, source.to_owned()),
            errors,
        }
    }
}

/// "did you mean 'x'?" when there is a close candidate.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    super::suggest::closest(word, candidates).map(|best| format!("did you mean '{best}'?"))
}
