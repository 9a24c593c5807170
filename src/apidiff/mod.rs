//! The API difference between two versions of a library, read from their jars through the inputs and bytecode
//! layers (not the graph): what a consumer compiled against the old version would no longer compile or link
//! against in the new one. `fleet impact` joins these changes with the fleet store's uses.
//!
//! Only what a consumer outside the library can reach counts: public and protected classes and members. A member
//! that moved up into a superclass (of the same jar) is not removed.

use crate::bytecode::{self, access, descriptor::MethodDesc, ClassFile, Depth};
use crate::inputs::{self, OpenOptions, Role};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum ApiDiffError {
    #[error("{path}: {message}")]
    Unreadable { path: PathBuf, message: String },
}

/// What changed, from a consumer's side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ChangeKind {
    ClassRemoved,
    MemberRemoved,
    SignatureChanged,
    VisibilityReduced,
}

impl ChangeKind {
    pub fn name(self) -> &'static str {
        match self {
            ChangeKind::ClassRemoved => "class removed",
            ChangeKind::MemberRemoved => "member removed",
            ChangeKind::SignatureChanged => "signature changed",
            ChangeKind::VisibilityReduced => "visibility reduced",
        }
    }
}

/// One breaking change. `member` is ArchUnit's full name as use rows carry it (`com.acme.Widget.resize(int)`,
/// `com.acme.Widget.<init>()`, field `com.acme.Widget.size`); `None` when the class itself changed.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Change {
    pub class: String,
    pub member: Option<String>,
    pub kind: ChangeKind,
    /// What it became: the new signature(s), the new visibility.
    pub detail: String,
}

/// A library's reachable API: class binary name → class.
#[derive(Debug, Default)]
pub struct Api {
    classes: BTreeMap<String, ClassApi>,
}

#[derive(Debug)]
struct ClassApi {
    access: u16,
    super_class: Option<String>,
    /// (name, descriptor) → member; fields are keyed by name alone (use rows name a field without its type).
    members: BTreeMap<(String, String), MemberApi>,
}

#[derive(Debug)]
struct MemberApi {
    access: u16,
    full_name: String,
    /// Human signature: `resize(int)` / `size: int`.
    signature: String,
    is_field: bool,
}

/// Reads every class of the jar (or class directory) at `path`.
pub fn read_api(path: &Path) -> Result<Api, ApiDiffError> {
    let bad = |message: String| ApiDiffError::Unreadable { path: path.to_path_buf(), message };
    let opened = inputs::open(&[path.to_path_buf()], Role::Target, &OpenOptions::default());
    if opened.entries.is_empty() {
        let why = opened.warnings.first().map(|w| w.kind.to_string()).unwrap_or_else(|| "holds no classes".into());
        return Err(bad(why));
    }
    let mut api = Api::default();
    let mut buf = Vec::new();
    for entry in &opened.entries {
        let bytes = entry.read_in(&mut buf).map_err(|e| bad(e.to_string()))?;
        let class = bytecode::parse(bytes, Depth::Header).map_err(|e| bad(format!("{}: {e}", entry.name_hint())))?;
        let name = bytecode::descriptor::internal_to_binary(&class.name).into_owned();
        if class.module_name.is_some() || name.ends_with("package-info") || api.classes.contains_key(&name) {
            continue;
        }
        api.classes.insert(name.clone(), class_api(&name, &class));
    }
    Ok(api)
}

/// Public or protected (and not synthetic): what code outside the library can name.
fn reachable(flags: u16) -> bool {
    flags & (access::PUBLIC | access::PROTECTED) != 0 && flags & access::SYNTHETIC == 0
}

fn visibility(flags: u16) -> &'static str {
    if flags & access::PUBLIC != 0 {
        "public"
    } else if flags & access::PROTECTED != 0 {
        "protected"
    } else if flags & access::PRIVATE != 0 {
        "private"
    } else {
        "package-private"
    }
}

fn class_api(name: &str, class: &ClassFile<'_>) -> ClassApi {
    let mut members = BTreeMap::new();
    for field in &class.fields {
        let type_name = bytecode::descriptor::TypeDesc::parse(&field.descriptor)
            .map(|t| t.binary_name().into_owned())
            .unwrap_or_else(|_| field.descriptor.to_string());
        members.insert(
            (field.name.to_string(), String::new()),
            MemberApi {
                access: field.access,
                full_name: format!("{name}.{}", field.name),
                signature: format!("{}: {type_name} ({})", field.name, field.descriptor),
                is_field: true,
            },
        );
    }
    for method in &class.methods {
        if method.name == "<clinit>" {
            continue;
        }
        let params = MethodDesc::parse(&method.descriptor).map(|d| d.parameter_names()).unwrap_or_default();
        let signature = format!("{}({params})", method.name);
        members.insert(
            (method.name.to_string(), method.descriptor.to_string()),
            MemberApi {
                access: method.access,
                full_name: format!("{name}.{signature}"),
                signature: format!("{signature} {}", method.descriptor),
                is_field: false,
            },
        );
    }
    let super_class = class.super_class.as_deref().map(|s| bytecode::descriptor::internal_to_binary(s).into_owned());
    ClassApi { access: class.access, super_class, members }
}

impl Api {
    pub fn classes(&self) -> usize {
        self.classes.len()
    }

    /// The member (name, descriptor) in `class` or a superclass within this API.
    fn inherits(&self, class: &str, key: &(String, String)) -> Option<&MemberApi> {
        let mut at = self.classes.get(class);
        // Bounded: a malformed jar could name a cycle of superclasses.
        for _ in 0..64 {
            let current = at?;
            if let Some(member) = current.members.get(key).filter(|m| reachable(m.access)) {
                return Some(member);
            }
            at = current.super_class.as_deref().and_then(|s| self.classes.get(s));
        }
        None
    }
}

/// What breaks from `old` to `new`, sorted by class, member, kind.
pub fn diff(old: &Api, new: &Api) -> Vec<Change> {
    let mut changes = Vec::new();
    for (name, old_class) in old.classes.iter().filter(|(_, c)| reachable(c.access)) {
        let Some(new_class) = new.classes.get(name) else {
            changes.push(Change {
                class: name.clone(),
                member: None,
                kind: ChangeKind::ClassRemoved,
                detail: "-".into(),
            });
            continue;
        };
        if !reachable(new_class.access)
            || (old_class.access & access::PUBLIC != 0 && new_class.access & access::PUBLIC == 0)
        {
            changes.push(Change {
                class: name.clone(),
                member: None,
                kind: ChangeKind::VisibilityReduced,
                detail: format!("{} -> {}", visibility(old_class.access), visibility(new_class.access)),
            });
            continue;
        }
        for (key, member) in old_class.members.iter().filter(|(_, m)| reachable(m.access)) {
            let change =
                |kind, detail| Change { class: name.clone(), member: Some(member.full_name.clone()), kind, detail };
            match new_class.members.get(key) {
                Some(now)
                    if !reachable(now.access)
                        || (member.access & access::PUBLIC != 0 && now.access & access::PUBLIC == 0) =>
                {
                    changes.push(change(
                        ChangeKind::VisibilityReduced,
                        format!("{} -> {}", visibility(member.access), visibility(now.access)),
                    ));
                }
                Some(now) if member.is_field && now.signature != member.signature => {
                    changes.push(change(ChangeKind::SignatureChanged, format!("now {}", now.signature)));
                }
                Some(now) if (member.access ^ now.access) & access::STATIC != 0 => {
                    let what = if now.access & access::STATIC != 0 { "now static" } else { "no longer static" };
                    changes.push(change(ChangeKind::SignatureChanged, what.into()));
                }
                Some(_) => {}
                None if key.0 != "<init>" && new.inherits(name, key).is_some() => {}
                None => {
                    // Same name, other descriptors: the signature changed rather than the member went.
                    let others: Vec<&str> = new_class
                        .members
                        .iter()
                        .filter(|((n, _), m)| *n == key.0 && !m.is_field && reachable(m.access))
                        .map(|(_, m)| m.signature.as_str())
                        .collect();
                    if others.is_empty() {
                        changes.push(change(ChangeKind::MemberRemoved, "-".into()));
                    } else {
                        changes.push(change(ChangeKind::SignatureChanged, format!("now {}", others.join(", "))));
                    }
                }
            }
        }
    }
    changes.sort();
    changes
}
