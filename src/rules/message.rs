//! Violation message templates (`violationMessage(..)`): a rule's own text for its violations, built from the
//! violating element, as Nebula's custom conditions build theirs with `String.format` and
//! `SimpleConditionEvent.violated(obj, message)`. The lowering checks a template here; the engine fills it in.
//!
//! `{name}` stands for a value of the violation, `{name|filter|...}` transforms it; `{{` and `}}` are braces.

/// One value a template can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// ArchUnit's text of the violation (for an access: `JavaAccess.getDescription()`).
    Message,
    /// The class of the subject, binary name (`a.B$C`).
    Origin,
    /// Its simple name (`C`).
    OriginSimpleName,
    /// The member subject's name (`getArgs`); empty for class subjects.
    Member,
    /// The member's raw type (a field's type, a method's return type), binary name.
    MemberType,
    /// Its simple name (`String`, `List`).
    MemberTypeSimpleName,
    /// The target class of the violation's dependency or access; empty when it has none.
    Target,
    TargetSimpleName,
}

/// The names, as written in templates.
pub const FIELDS: &[(&str, Field)] = &[
    ("message", Field::Message),
    ("origin", Field::Origin),
    ("origin.simpleName", Field::OriginSimpleName),
    ("member", Field::Member),
    ("member.type", Field::MemberType),
    ("member.type.simpleName", Field::MemberTypeSimpleName),
    ("target", Field::Target),
    ("target.simpleName", Field::TargetSimpleName),
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Filter {
    /// `lower`: lower case.
    Lower,
    /// `removeSuffix:X`: the value without a trailing `X`.
    RemoveSuffix(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    Text(String),
    Value(Field, Vec<Filter>),
}

/// The parts of a template, or what is wrong with it.
pub fn parse(template: &str) -> Result<Vec<Part>, String> {
    let mut parts = Vec::new();
    let mut text = String::new();
    let mut rest = template;
    while let Some(i) = rest.find(['{', '}']) {
        text.push_str(&rest[..i]);
        let brace = &rest[i..i + 1];
        rest = &rest[i + 1..];
        if let Some(after) = rest.strip_prefix(brace) {
            text.push_str(brace);
            rest = after;
            continue;
        }
        if brace == "}" {
            return Err("a '}' without its '{' (write '}}' for a brace)".to_owned());
        }
        let Some(end) = rest.find('}') else {
            return Err("a '{' without its '}' (write '{{' for a brace)".to_owned());
        };
        let mut pieces = rest[..end].split('|');
        let name = pieces.next().unwrap_or("").trim();
        let Some(&(_, field)) = FIELDS.iter().find(|(n, _)| *n == name) else {
            let known: Vec<&str> = FIELDS.iter().map(|(n, _)| *n).collect();
            return Err(format!("unknown placeholder '{{{name}}}': known are {}", known.join(", ")));
        };
        let filters = pieces
            .map(|f| match f.trim().split_once(':') {
                None if f.trim() == "lower" => Ok(Filter::Lower),
                Some(("removeSuffix", suffix)) => Ok(Filter::RemoveSuffix(suffix.to_owned())),
                _ => Err(format!("unknown filter '{f}' in '{{{}}}': known are lower, removeSuffix:TEXT", &rest[..end])),
            })
            .collect::<Result<Vec<_>, _>>()?;
        if !text.is_empty() {
            parts.push(Part::Text(std::mem::take(&mut text)));
        }
        parts.push(Part::Value(field, filters));
        rest = &rest[end + 1..];
    }
    text.push_str(rest);
    if !text.is_empty() {
        parts.push(Part::Text(text));
    }
    Ok(parts)
}

/// The text of `parts` with each value `value` gives.
pub fn render<'a>(parts: &[Part], mut value: impl FnMut(Field) -> std::borrow::Cow<'a, str>) -> String {
    let mut out = String::new();
    for part in parts {
        match part {
            Part::Text(t) => out.push_str(t),
            Part::Value(field, filters) => {
                let mut v = value(*field).into_owned();
                for f in filters {
                    v = match f {
                        Filter::Lower => v.to_lowercase(),
                        Filter::RemoveSuffix(s) => v.strip_suffix(s.as_str()).map_or(v.clone(), str::to_owned),
                    };
                }
                out.push_str(&v);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_renders() {
        let parts = parse("{origin} uses {target.simpleName|removeSuffix:Container|lower} {{x}}").unwrap();
        let text = render(&parts, |f| match f {
            Field::Origin => "a.B".into(),
            _ => "PostgreSQLContainer".into(),
        });
        assert_eq!(text, "a.B uses postgresql {x}");
    }

    #[test]
    fn rejects_unknown_names_and_lone_braces() {
        assert!(parse("{nope}").unwrap_err().contains("unknown placeholder '{nope}'"));
        assert!(parse("{target|upper}").unwrap_err().contains("unknown filter"));
        assert!(parse("a { b").is_err());
        assert!(parse("a } b").is_err());
    }
}
