//! ArchUnit's package-identifier syntax (`PackageMatcher`), compiled to a [`regex::Regex`].
//!
//! - `*` is one or more word characters (no dot): `*.pack.*` matches `a.pack.b`, not `a.b.pack.c`.
//! - `..` is any sequence of packages, including none: `..pack..` matches `pack`, `a.pack`, `a.pack.b`.
//! - `[a|b*]` is an alternation without capture; `(*)`, `(**)` and `(a|b)` capture (`(**)` spans dots).
//!
//! The translation is ArchUnit's, step for step, so patterns mean exactly what they mean there; so are
//! the validation rules, reported as [`PackagePatternError`] instead of an `IllegalArgumentException`.

use regex::Regex;

/// A compiled package pattern. Matching is on the whole package name (`a.b` for class `a.b.C`).
#[derive(Debug, Clone)]
pub struct PackagePattern {
    source: String,
    regex: Regex,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PackagePatternError {
    #[error("package pattern '{0}' may not contain more than two '.' in a row")]
    ThreeDots(String),
    #[error("package pattern '{0}' may not contain more than one '*' in a row, except in '(**)'")]
    TwoStars(String),
    #[error("package pattern '{0}' captures with '(..)'; use '(**)' instead")]
    DotsCapture(String),
    #[error("package pattern '{0}' has brackets '[]' without an alternative '|' inside")]
    EmptyAlternation(String),
    #[error("package pattern '{0}' uses '|' outside of '[]' or '()'")]
    TopLevelAlternation(String),
    #[error("package pattern '{0}' nests '()' or '[]' inside '()' or '[]'")]
    NestedGroup(String),
    #[error("package pattern '{0}' may only contain Java identifier characters and '.', '*', '(', ')', '[', ']', '|'")]
    BadCharacter(String),
    #[error("package pattern '{0}' has unbalanced brackets")]
    Unbalanced(String),
}

const TWO_DOTS_REGEX: &str = r"(?:(?:^\w*)?\.(?:\w+\.)*(?:\w*$)?)?";
const TWO_STAR_CAPTURE_REGEX: &str = r"(\w+(?:\.\w+)*)";
const TWO_STAR_MARKER: &str = "#%#%#";

impl PackagePattern {
    pub fn new(pattern: &str) -> Result<Self, PackagePatternError> {
        validate(pattern)?;
        let regex = Regex::new(&format!("^(?:{})$", to_regex(pattern)))
            .map_err(|_| PackagePatternError::Unbalanced(pattern.to_owned()))?;
        Ok(PackagePattern { source: pattern.to_owned(), regex })
    }

    /// Checks the syntax without compiling the regex (cheap; lowering uses it). A pattern that
    /// passes always compiles.
    pub fn check(pattern: &str) -> Result<(), PackagePatternError> {
        validate(pattern)
    }

    /// The pattern as written.
    pub fn as_str(&self) -> &str {
        &self.source
    }

    pub fn regex(&self) -> &Regex {
        &self.regex
    }

    pub fn is_match(&self, package: &str) -> bool {
        self.regex.is_match(package)
    }

    /// The captured groups, in order, when the package matches (`(*)` and `(**)` groups; an
    /// alternation group `(a|b)` too). Groups that did not take part are empty strings.
    pub fn captures(&self, package: &str) -> Option<Vec<String>> {
        let caps = self.regex.captures(package)?;
        Some(caps.iter().skip(1).map(|m| m.map_or(String::new(), |m| m.as_str().to_owned())).collect())
    }
}

fn validate(pattern: &str) -> Result<(), PackagePatternError> {
    let err = |make: fn(String) -> PackagePatternError| Err(make(pattern.to_owned()));
    if pattern.contains("...") {
        return err(PackagePatternError::ThreeDots);
    }
    if pattern.replace("(**)", "").contains("**") {
        return err(PackagePatternError::TwoStars);
    }
    if pattern.contains("(..)") {
        return err(PackagePatternError::DotsCapture);
    }
    if pattern.chars().any(|c| !(c.is_alphanumeric() || "_$*().|[]".contains(c))) {
        return err(PackagePatternError::BadCharacter);
    }
    // One pass over the brackets: nesting, balance, alternatives inside `[]`, `|` at top level.
    let mut open: Option<char> = None;
    let mut saw_bar = false;
    for c in pattern.chars() {
        match (c, open) {
            ('(' | '[', Some(_)) => return err(PackagePatternError::NestedGroup),
            ('(' | '[', None) => {
                open = Some(c);
                saw_bar = false;
            }
            (')', Some('(')) => open = None,
            (']', Some('[')) => {
                if !saw_bar {
                    return err(PackagePatternError::EmptyAlternation);
                }
                open = None;
            }
            (')' | ']', _) => return err(PackagePatternError::Unbalanced),
            ('|', None) => return err(PackagePatternError::TopLevelAlternation),
            ('|', Some(_)) => saw_bar = true,
            _ => {}
        }
    }
    if open.is_some() {
        return err(PackagePatternError::Unbalanced);
    }
    Ok(())
}

/// ArchUnit's `convertToRegex`, in the same order of replacements.
fn to_regex(pattern: &str) -> String {
    // `[a|b]` → `(?:a|b)`; validation guarantees the brackets are flat and balanced.
    let mut out = String::with_capacity(pattern.len() * 2);
    for c in pattern.chars() {
        match c {
            '[' => out.push_str("(?:"),
            ']' => out.push(')'),
            // Java identifiers may contain `$`; ArchUnit leaves it as a regex anchor, we match it literally.
            '$' => out.push_str(r"\$"),
            _ => out.push(c),
        }
    }
    out.replace("(**)", TWO_STAR_MARKER)
        .replace('*', r"\w+")
        .replace('.', r"\.")
        .replace(TWO_STAR_MARKER, TWO_STAR_CAPTURE_REGEX)
        .replace(r"\.\.", TWO_DOTS_REGEX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(pattern: &str, package: &str) -> bool {
        PackagePattern::new(pattern).unwrap().is_match(package)
    }

    #[test]
    fn archunit_documented_examples() {
        assert!(matches("..pack..", "a.pack"));
        assert!(matches("..pack..", "a.pack.b"));
        assert!(matches("..pack..", "a.b.pack.c.d"));
        assert!(matches("..pack..", "pack"));
        assert!(!matches("..pack..", "a.packa.b"));
        assert!(matches("*.pack.*", "a.pack.b"));
        assert!(!matches("*.pack.*", "a.b.pack.c"));
        assert!(matches("..*pack*..", "a.prepackfix.b"));
        assert!(matches("*.*.pack*..", "a.b.packfix.c.d"));
        assert!(!matches("*.*.pack*..", "a.packfix.b"));
        assert!(!matches("*.*.pack*..", "a.b.prepack.d"));
        assert!(matches("pack.[a.c|b*].d", "pack.a.c.d"));
        assert!(matches("pack.[a.c|b*].d", "pack.bar.d"));
        assert!(!matches("pack.[a.c|b*].d", "pack.a.d"));
        assert!(!matches("pack.[a.c|b*].d", "pack.b.c.d"));
    }

    #[test]
    fn prefix_patterns_match_the_package_and_its_subpackages() {
        assert!(matches("com.google.common.collect..", "com.google.common.collect"));
        assert!(matches("com.google.common.collect..", "com.google.common.collect.testing"));
        assert!(!matches("com.google.common.collect..", "com.google.common.collectx"));
        assert!(!matches("com.google.common.collect..", "com.google.common"));
        assert!(matches("java.lang", "java.lang"));
        assert!(!matches("java.lang", "java.lang.reflect"));
    }

    #[test]
    fn captures_groups() {
        let cap = |p: &str, s: &str| PackagePattern::new(p).unwrap().captures(s);
        assert_eq!(cap("..service.(*)..", "a.service.hello.b"), Some(vec!["hello".to_owned()]));
        assert_eq!(cap("..service.(**)", "a.service.hello.more"), Some(vec!["hello.more".to_owned()]));
        assert_eq!(
            cap("my.(*)..service.(**)", "my.company.some.service.hello.more"),
            Some(vec!["company".to_owned(), "hello.more".to_owned()])
        );
        assert_eq!(cap("..service.(a|b*)..", "a.service.bar.more"), Some(vec!["bar".to_owned()]));
        assert_eq!(cap("..app.(*)..", "com.other.x"), None);
    }

    #[test]
    fn dollar_is_literal() {
        assert!(matches("a$b..", "a$b.c"));
        assert!(!matches("a$b..", "a"));
    }

    #[test]
    fn checked_patterns_always_compile() {
        for p in ["..a..", "a.*.b", "(**)", "[a|b*].(*)", "..(a|b)..", "a$b._x", "", "."] {
            assert!(PackagePattern::check(p).is_ok(), "{p}");
            assert!(PackagePattern::new(p).is_ok(), "{p}");
        }
    }

    #[test]
    fn rejects_what_archunit_rejects() {
        use PackagePatternError as E;
        let err = |p: &str| PackagePattern::new(p).unwrap_err();
        assert!(matches!(err("a...b"), E::ThreeDots(_)));
        assert!(matches!(err("a.**"), E::TwoStars(_)));
        assert!(matches!(err("a.(..)"), E::DotsCapture(_)));
        assert!(matches!(err("a.[b]"), E::EmptyAlternation(_)));
        assert!(matches!(err("a|b"), E::TopLevelAlternation(_)));
        assert!(matches!(err("a.(b[c|d])"), E::NestedGroup(_)));
        assert!(matches!(err("a.b-c"), E::BadCharacter(_)));
        assert!(matches!(err("a.(b"), E::Unbalanced(_)));
        assert!(matches!(err("a.b)"), E::Unbalanced(_)));
    }
}
