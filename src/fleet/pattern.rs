//! What `fleet who-uses` searches for, told apart by its shape.

use super::error::FleetError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pattern {
    /// `group:artifact`: every use of any version of the library.
    Artifact { group: String, artifact: String },
    /// `com.acme..`: classes in the package and its subpackages (ArchUnit's `..`), and their members.
    Package(String),
    /// `com.acme.Foo.bar(int)`: one method or constructor, in ArchUnit's full-name form.
    Member(String),
    /// `com.acme.Foo` (the class and its members) or `com.acme.Foo.size` (a field): whichever the store holds.
    ClassOrField(String),
}

impl Pattern {
    pub fn parse(text: &str) -> Result<Pattern, FleetError> {
        let text = text.trim();
        let bad = || FleetError::BadPattern(text.to_string());
        if text.is_empty() {
            return Err(bad());
        }
        if let Some(prefix) = text.strip_suffix("..") {
            if prefix.is_empty() || prefix.contains("..") || prefix.contains(['(', ':']) {
                return Err(bad());
            }
            return Ok(Pattern::Package(format!("{prefix}.")));
        }
        if let Some((name, params)) = text.split_once('(') {
            let Some(params) = params.strip_suffix(')') else { return Err(bad()) };
            // The store holds ArchUnit's form, `bar(int, java.lang.String)`: accept any spacing around the commas.
            let params: Vec<&str> = params.split(',').map(str::trim).filter(|p| !p.is_empty()).collect();
            return Ok(Pattern::Member(format!("{}({})", name.trim_end(), params.join(", "))));
        }
        if let Some((group, artifact)) = text.split_once(':') {
            if group.is_empty() || artifact.is_empty() || artifact.contains(':') {
                return Err(bad());
            }
            return Ok(Pattern::Artifact { group: group.to_string(), artifact: artifact.to_string() });
        }
        if text.contains("..") {
            return Err(bad());
        }
        Ok(Pattern::ClassOrField(text.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        assert_eq!(
            Pattern::parse("com.acme:widgets").ok(),
            Some(Pattern::Artifact { group: "com.acme".into(), artifact: "widgets".into() })
        );
        assert_eq!(Pattern::parse("com.acme..").ok(), Some(Pattern::Package("com.acme.".into())));
        assert_eq!(Pattern::parse("com.acme.Foo.bar(int)").ok(), Some(Pattern::Member("com.acme.Foo.bar(int)".into())));
        for spelling in ["com.acme.Foo.bar(int,java.lang.String)", "com.acme.Foo.bar( int ,  java.lang.String )"] {
            let member = Pattern::Member("com.acme.Foo.bar(int, java.lang.String)".into());
            assert_eq!(Pattern::parse(spelling).ok(), Some(member), "{spelling}");
        }
        assert_eq!(Pattern::parse("com.acme.Foo.<init>()").ok(), Some(Pattern::Member("com.acme.Foo.<init>()".into())));
        assert_eq!(Pattern::parse("com.acme.Foo").ok(), Some(Pattern::ClassOrField("com.acme.Foo".into())));
        for bad in ["", "..", "a:b:c", "com..acme", "com.acme.Foo.bar(int"] {
            assert!(Pattern::parse(bad).is_err(), "{bad}");
        }
    }
}
