//! ArchUnit's wording of dependencies (../shared/ARCHUNIT-WORDING.md), made on demand from the compact edges.
//!
//! Everything is written into a caller's buffer (`write_*`): rule evaluation words hundreds of thousands of
//! dependencies, and building each message from nested `format!`s cost a dozen allocations apiece. The `String`
//! returning methods are thin wrappers.

use super::model::*;
use super::Graph;
use crate::bytecode::descriptor::{parameter_len, push_binary, Primitive, TypeDesc};

impl Graph {
    /// `Method <a.B.m(int)> calls method <c.D.n()> in (B.java:12)`.
    pub fn describe(&self, d: &Dependency) -> String {
        let mut out = String::with_capacity(192);
        self.write_description(&mut out, d);
        out
    }

    /// [`Graph::describe`], appended to `out`.
    pub fn write_description(&self, out: &mut String, d: &Dependency) {
        self.write_origin_description(out, d);
        self.write_description_after_origin(out, d);
    }

    /// What follows the origin in [`Graph::describe`]: ` calls method <c.D.n()> in (B.java:12)`. Callers wording
    /// many dependencies of one member may write its [`Graph::origin_description`] once.
    pub fn write_description_after_origin(&self, out: &mut String, d: &Dependency) {
        self.write_description_after_origin_with(out, d, None);
    }

    /// [`Graph::write_description_after_origin`], given the accessed member's short name
    /// ([`Graph::write_member_short_name`]) when the caller has it already.
    pub fn write_description_after_origin_with(&self, out: &mut String, d: &Dependency, target_member: Option<&str>) {
        self.write_description_middle(out, d, target_member);
        out.push_str("> in (");
        self.write_source_file_name(out, d.origin);
        out.push(':');
        push_line(out, d.line);
        out.push(')');
    }

    /// What [`Graph::write_description_after_origin_with`] writes before `> in (B.java:12)`: ` calls method <c.D.n()`.
    /// It depends only on the edge's kind, target and target member or detail, so callers wording many edges onto
    /// the same targets may write it once.
    pub fn write_description_middle(&self, out: &mut String, d: &Dependency, target_member: Option<&str>) {
        out.push(' ');
        let target = self.str(d.target);
        let (verb, member) = match d.kind {
            DepKind::MethodCall => ("calls method <", true),
            DepKind::ConstructorCall => ("calls constructor <", true),
            DepKind::FieldGet => ("gets field <", true),
            DepKind::FieldSet => ("sets field <", true),
            DepKind::MethodReference => ("references method <", true),
            DepKind::ConstructorReference => ("references constructor <", true),
            DepKind::Extends if self.is_known_interface(d.target) => ("extends interface <", false),
            DepKind::Extends => ("extends class <", false),
            DepKind::Implements if self.is_known_interface(d.target) => ("implements interface <", false),
            // ArchUnit prints a stub (not imported) interface as a class (quirk 3).
            DepKind::Implements => ("extends class <", false),
            DepKind::FieldType => ("has type <", false),
            DepKind::ReturnType => ("has return type <", false),
            DepKind::ParameterType => ("has parameter of type <", false),
            DepKind::Throws => ("throws type <", false),
            DepKind::Catch => ("catches type <", false),
            DepKind::Annotation | DepKind::ParameterAnnotation => ("is annotated with <", false),
            DepKind::AnnotationMember => ("has annotation member of type <", false),
            DepKind::InstanceOf => ("checks instanceof <", false),
            DepKind::ClassObject => ("references class object <", false),
            DepKind::TypeParameter => {
                out.push_str("has type parameter '");
                out.push_str(self.detail(d));
                ("' depending on <", false)
            }
            DepKind::GenericSuperclass => self.generic(out, "has generic superclass <", d),
            DepKind::GenericInterface => self.generic(out, "has generic interface <", d),
            DepKind::GenericFieldType => self.generic(out, "has generic type <", d),
            DepKind::GenericReturnType => self.generic(out, "has generic return type <", d),
            DepKind::GenericParameterType => self.generic(out, "has generic parameter type <", d),
            DepKind::ComponentType => ("depends on component type <", false),
        };
        out.push_str(verb);
        if member {
            self.write_target_member_name(out, d, target_member);
        } else {
            out.push_str(target);
        }
    }

    /// `has generic type <T> with type argument depending on <`, up to the target.
    fn generic(&self, out: &mut String, what: &str, d: &Dependency) -> (&'static str, bool) {
        out.push_str(what);
        out.push_str(self.detail(d));
        ("> with type argument depending on <", false)
    }

    fn detail(&self, d: &Dependency) -> &str {
        d.detail().map_or("", |s| self.str(s))
    }

    fn is_known_interface(&self, name: Sym) -> bool {
        self.class_by_sym(name)
            .is_some_and(|c| matches!(self.class(c).kind, ClassKind::Interface | ClassKind::Annotation))
    }

    /// `Method <a.B.m(int)>`, `Class <a.B>`, `Interface <a.B>`, `Parameter <T> of method <...>`.
    pub fn origin_description(&self, d: &Dependency) -> String {
        let mut out = String::new();
        self.write_origin_description(&mut out, d);
        out
    }

    pub fn write_origin_description(&self, out: &mut String, d: &Dependency) {
        let class = self.class(d.origin);
        let name = self.str(class.name);
        let member = (d.origin_member != CLASS_LEVEL).then(|| class.members.get(d.origin_member as usize));
        let Some(Some(member)) = member else {
            let interface = matches!(class.kind, ClassKind::Interface | ClassKind::Annotation);
            // A class-level edge, or (never in a well-formed graph) a member index out of range.
            let word = if member.is_none() && interface && matches!(d.kind, DepKind::Extends | DepKind::Implements) {
                "Interface <"
            } else {
                "Class <"
            };
            out.push_str(word);
            out.push_str(name);
            out.push('>');
            return;
        };
        if d.from_parameter() {
            let kind = if member.kind == MemberKind::Constructor { "constructor" } else { "method" };
            out.push_str("Parameter <");
            out.push_str(self.detail(d));
            out.push_str("> of ");
            out.push_str(kind);
        } else {
            out.push_str(match member.kind {
                MemberKind::Field => "Field",
                MemberKind::Method => "Method",
                MemberKind::Constructor => "Constructor",
                MemberKind::StaticInitializer => "Static Initializer",
            });
        }
        out.push_str(" <");
        self.write_member_full_name(out, d.origin, member);
        out.push('>');
    }

    /// `a.B.m(int, java.lang.String)` for code units, `a.B.f` for fields.
    pub fn member_full_name(&self, class: ClassId, member: &Member) -> String {
        let mut out = String::new();
        self.write_member_full_name(&mut out, class, member);
        out
    }

    pub fn write_member_full_name(&self, out: &mut String, class: ClassId, member: &Member) {
        out.push_str(self.str(self.class(class).name));
        out.push('.');
        out.push_str(self.str(member.name));
        if member.kind != MemberKind::Field {
            out.push('(');
            write_parameter_list(out, self.str(member.descriptor));
            out.push(')');
        }
    }

    /// The accessed member as the instruction names it: `c.D.n(int)` or `c.D.f`.
    pub fn target_member_name(&self, d: &Dependency) -> String {
        let mut out = String::new();
        self.write_target_member_name(&mut out, d, None);
        out
    }

    fn write_target_member_name(&self, out: &mut String, d: &Dependency, short_name: Option<&str>) {
        out.push_str(self.str(d.target));
        if let Some(m) = d.target_member() {
            out.push('.');
            match short_name {
                Some(name) => out.push_str(name),
                None => self.write_member_short_name(out, m.name, m.descriptor),
            }
        }
    }

    /// ArchUnit's short member name: `m(int, java.lang.String)`, `<init>()`, `f` (a field's descriptor has no
    /// parentheses).
    pub fn write_member_short_name(&self, out: &mut String, name: Sym, descriptor: Sym) {
        out.push_str(self.str(name));
        let desc = self.str(descriptor);
        if desc.starts_with('(') {
            out.push('(');
            write_parameter_list(out, desc);
            out.push(')');
        }
    }

    /// The origin's `SourceFile`, or ArchUnit's guess `<outermost simple name>.java` when absent.
    pub fn source_file_name(&self, class: ClassId) -> String {
        let mut out = String::new();
        self.write_source_file_name(&mut out, class);
        out
    }

    pub fn write_source_file_name(&self, out: &mut String, class: ClassId) {
        let c = self.class(class);
        if let Some(f) = c.source_file {
            out.push_str(self.str(f));
            return;
        }
        // ArchUnit's guess (`SourceCodeLocation.guessSourceFileName`): the simple name of the outermost class
        // reached through enclosing classes (an `InnerClasses` entry's outer class, or the `EnclosingMethod` class),
        // then `.java`. A class with neither is its own outermost class, whatever its name: kotlinc's
        // `kotlin.LazyKt$WhenMappings` has no `InnerClasses` entry and gives `(WhenMappings.java:23)`.
        let mut at = c;
        for _ in 0..64 {
            let Some(outer) = at.outer else { break };
            match self.class_by_sym(outer) {
                Some(id) => at = self.class(id),
                None => {
                    // Not read: a stub, named as ArchUnit names one, and enclosed by nothing.
                    out.push_str(ensure_simple_name(self.str(outer)));
                    out.push_str(".java");
                    return;
                }
            }
        }
        match at.nesting {
            _ if at.role == Role::Stub => out.push_str(ensure_simple_name(self.str(at.name))),
            Nesting::TopLevel => out.push_str(ensure_simple_name(self.str(at.name))),
            _ => out.push_str(self.str(at.simple_name)),
        }
        out.push_str(".java");
    }
}

/// ArchUnit's simple name of a class known only by its name (`Formatters.ensureSimpleName`): what follows the last
/// `.` and then the last `$`, from its first character that may start a Java identifier (`Foo$1` gives ``).
fn ensure_simple_name(name: &str) -> &str {
    let after_dot = name.rsplit('.').next().unwrap_or(name);
    let candidate = after_dot.rsplit('$').next().unwrap_or(after_dot);
    let start = candidate.find(|ch: char| ch.is_alphabetic() || ch == '_' || ch == '$').unwrap_or(candidate.len());
    candidate.get(start..).unwrap_or_default()
}

/// ArchUnit's parameter list of a method descriptor, without parentheses: `int, [Ljava.lang.String;, java.util.List`
/// (as [`super::names::parameter_list`], without building the parsed descriptor). Nothing for a malformed descriptor.
fn write_parameter_list(out: &mut String, desc: &str) {
    let start = out.len();
    if !write_parameters(out, desc) {
        out.truncate(start);
    }
}

/// Writes the parameters' names; false when the descriptor is malformed (the caller drops what was written).
fn write_parameters(out: &mut String, desc: &str) -> bool {
    let Some(mut rest) = desc.strip_prefix('(') else { return false };
    let mut first = true;
    loop {
        if let Some(ret) = rest.strip_prefix(')') {
            return TypeDesc::parse(ret).is_ok();
        }
        let Some(len) = parameter_len(rest) else { return false };
        let (param, tail) = rest.split_at(len);
        if !first {
            out.push_str(", ");
        }
        first = false;
        match param.strip_prefix('L').and_then(|p| p.strip_suffix(';')) {
            Some(class) => push_binary(out, class),
            None if param.starts_with('[') => push_binary(out, param),
            None => out.push_str(param.bytes().next().and_then(Primitive::from_descriptor).map_or("", Primitive::name)),
        }
        rest = tail;
    }
}

/// A source line in decimal, as `{}` formats it, without the formatting machinery.
pub fn push_line(out: &mut String, line: u16) {
    let (digits, at) = line_digits(line);
    for &b in digits.get(at..).unwrap_or_default() {
        out.push(char::from(b));
    }
}

/// A number that orders lines as their text in a description ([`push_line`], then `)`) orders them: `1)` < `12)`
/// < `9)`. Each digit is a base-11 digit one above its value, and a missing digit, like `)` before any digit, is
/// zero; so sorting on it needs no text.
pub fn line_order_key(line: u16) -> u32 {
    let (digits, at) = line_digits(line);
    let written = digits.get(at..).unwrap_or_default();
    (0..5).fold(0, |key, i| key * 11 + written.get(i).map_or(0, |&d| u32::from(d - b'0') + 1))
}

/// A line's decimal digits (ASCII), right-aligned in five places, and where the first of them is.
fn line_digits(line: u16) -> ([u8; 5], usize) {
    let (mut digits, mut at, mut n) = ([b'0'; 5], 5, line);
    loop {
        at -= 1;
        if let Some(slot) = digits.get_mut(at) {
            *slot = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 || at == 0 {
            return (digits, at);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every line's key orders it as its text in a description (`...:12)`) orders it, and the text is `{}`'s.
    #[test]
    fn line_keys_order_lines_as_their_text() {
        let mut by_key: Vec<u16> = (0..=u16::MAX).collect();
        by_key.sort_by_key(|&l| line_order_key(l));
        let mut by_text: Vec<u16> = (0..=u16::MAX).collect();
        by_text.sort_by_key(|&l| format!("{l})"));
        assert_eq!(by_key, by_text);
        for line in [0, 7, 10, 99, 12345, u16::MAX] {
            let mut text = String::new();
            push_line(&mut text, line);
            assert_eq!(text, line.to_string());
        }
    }

    #[test]
    fn parameter_lists_match_the_parsed_descriptor() {
        for &desc in super::super::names::DESCRIPTOR_CASES {
            let mut out = String::from("x");
            write_parameter_list(&mut out, desc);
            assert_eq!(out, format!("x{}", super::super::names::parameter_list(desc)), "{desc}");
        }
    }
}
