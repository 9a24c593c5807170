//! How classes found nowhere are told: a warning naming the first few with who refers to them, saying whether the
//! targets refer to them (a `--classpath` entry is likely missing) or only the classpath does (a library's optional
//! dependency, usually harmless). The JSON report lists all of them.

use crate::findings::UnresolvedClass;

/// How many classes the warning and the exit-3 message name; the JSON report has the rest.
const NAMED: usize = 20;
/// How many referring classes are named per class.
const REFERRERS: usize = 3;

/// The warning: counts by who refers, then one indented line per class for the first [`NAMED`].
pub fn warning(unresolved: &[UnresolvedClass]) -> String {
    let by_targets = unresolved.iter().filter(|u| !u.referenced_by_targets.is_empty()).count();
    let only_classpath = unresolved.len() - by_targets;
    let mut text = format!("{} classes were found nowhere: ", unresolved.len());
    match (by_targets, only_classpath) {
        (_, 0) => text.push_str("the targets refer to them (give them with --classpath or --jdk)"),
        (0, _) => text.push_str("only the classpath refers to them (libraries' optional dependencies?)"),
        (t, c) => text.push_str(&format!(
            "{t} referred to by the targets (give them with --classpath or --jdk), {c} only by the classpath"
        )),
    }
    for u in by_importance(unresolved).take(NAMED) {
        text.push_str(&format!("\n  {}, referred to by {}", u.name, referrers(u)));
    }
    if unresolved.len() > NAMED {
        text.push_str(&format!("\n  and {} more (all of them are in the JSON report)", unresolved.len() - NAMED));
    }
    text
}

/// `3 referenced classes were found nowhere: a.B, c.D, e.F` (the first [`NAMED`]).
pub fn names(unresolved: &[UnresolvedClass]) -> String {
    let shown: Vec<&str> = by_importance(unresolved).take(NAMED).map(|u| u.name.as_str()).collect();
    let more = unresolved.len().saturating_sub(NAMED);
    let more = if more > 0 { format!(" and {more} more") } else { String::new() };
    format!("{} referenced classes were found nowhere: {}{more}", unresolved.len(), shown.join(", "))
}

/// Those the targets refer to first (a missing `--classpath` entry), then those only the classpath refers to.
fn by_importance(unresolved: &[UnresolvedClass]) -> impl Iterator<Item = &UnresolvedClass> {
    let by_targets = |u: &&UnresolvedClass| !u.referenced_by_targets.is_empty();
    unresolved.iter().filter(by_targets).chain(unresolved.iter().filter(move |u| !by_targets(u)))
}

fn referrers(u: &UnresolvedClass) -> String {
    let (side, names) = if u.referenced_by_targets.is_empty() {
        ("classpath", &u.referenced_by_classpath)
    } else {
        ("target", &u.referenced_by_targets)
    };
    let mut text = names.iter().take(REFERRERS).cloned().collect::<Vec<_>>().join(", ");
    if names.len() > REFERRERS {
        text.push_str(&format!(" and {} more", names.len() - REFERRERS));
    }
    if text.is_empty() {
        return "no class read here".to_owned();
    }
    format!("{side} {text}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn class(name: &str, targets: &[&str], classpath: &[&str]) -> UnresolvedClass {
        UnresolvedClass {
            name: name.to_owned(),
            referenced_by_targets: targets.iter().map(|s| (*s).to_owned()).collect(),
            referenced_by_classpath: classpath.iter().map(|s| (*s).to_owned()).collect(),
        }
    }

    #[test]
    fn the_warning_says_who_refers() {
        let list = [class("a.Opt", &[], &["lib.L"]), class("b.Missing", &["app.A", "app.B", "app.C", "app.D"], &[])];
        let text = warning(&list);
        assert_eq!(
            text,
            "2 classes were found nowhere: 1 referred to by the targets (give them with --classpath or --jdk), \
             1 only by the classpath\n  b.Missing, referred to by target app.A, app.B, app.C and 1 more\n  \
             a.Opt, referred to by classpath lib.L"
        );
        assert_eq!(names(&list), "2 referenced classes were found nowhere: b.Missing, a.Opt");
    }

    #[test]
    fn only_the_first_twenty_are_named() {
        let list: Vec<_> = (0..25).map(|i| class(&format!("x.C{i:02}"), &["t.T"], &[])).collect();
        let text = warning(&list);
        assert_eq!(text.lines().count(), 1 + NAMED + 1);
        assert!(text.ends_with("and 5 more (all of them are in the JSON report)"), "{text}");
        assert!(names(&list).ends_with("x.C19 and 5 more"));
    }
}
