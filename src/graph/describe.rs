//! ArchUnit's wording of dependencies (../shared/ARCHUNIT-WORDING.md), made on demand from the compact edges.

use super::model::*;
use super::names;
use super::Graph;

impl Graph {
    /// `Method <a.B.m(int)> calls method <c.D.n()> in (B.java:12)`.
    pub fn describe(&self, d: &Dependency) -> String {
        let origin = self.origin_description(d);
        let target = self.str(d.target);
        let verb = match d.kind {
            DepKind::MethodCall => format!("calls method <{}>", self.target_member_name(d)),
            DepKind::ConstructorCall => format!("calls constructor <{}>", self.target_member_name(d)),
            DepKind::FieldGet => format!("gets field <{}>", self.target_member_name(d)),
            DepKind::FieldSet => format!("sets field <{}>", self.target_member_name(d)),
            DepKind::MethodReference => format!("references method <{}>", self.target_member_name(d)),
            DepKind::ConstructorReference => format!("references constructor <{}>", self.target_member_name(d)),
            DepKind::Extends => format!("extends {} <{target}>", self.class_or_interface(d.target)),
            DepKind::Implements => {
                if self.is_known_interface(d.target) {
                    format!("implements interface <{target}>")
                } else {
                    // ArchUnit prints a stub (not imported) interface as a class (quirk 3).
                    format!("extends class <{target}>")
                }
            }
            DepKind::FieldType => format!("has type <{target}>"),
            DepKind::ReturnType => format!("has return type <{target}>"),
            DepKind::ParameterType => format!("has parameter of type <{target}>"),
            DepKind::Throws => format!("throws type <{target}>"),
            DepKind::Catch => format!("catches type <{target}>"),
            DepKind::Annotation | DepKind::ParameterAnnotation => format!("is annotated with <{target}>"),
            DepKind::AnnotationMember => format!("has annotation member of type <{target}>"),
            DepKind::InstanceOf => format!("checks instanceof <{target}>"),
            DepKind::ClassObject => format!("references class object <{target}>"),
            DepKind::TypeParameter => format!("has type parameter '{}' depending on <{target}>", self.detail(d)),
            DepKind::GenericSuperclass => {
                format!("has generic superclass <{}> with type argument depending on <{target}>", self.detail(d))
            }
            DepKind::GenericInterface => {
                format!("has generic interface <{}> with type argument depending on <{target}>", self.detail(d))
            }
            DepKind::GenericFieldType => {
                format!("has generic type <{}> with type argument depending on <{target}>", self.detail(d))
            }
            DepKind::GenericReturnType => {
                format!("has generic return type <{}> with type argument depending on <{target}>", self.detail(d))
            }
            DepKind::GenericParameterType => {
                format!("has generic parameter type <{}> with type argument depending on <{target}>", self.detail(d))
            }
            DepKind::ComponentType => format!("depends on component type <{target}>"),
        };
        format!("{origin} {verb} in ({}:{})", self.source_file_name(d.origin), d.line)
    }

    fn detail(&self, d: &Dependency) -> &str {
        d.detail().map_or("", |s| self.str(s))
    }

    fn class_or_interface(&self, name: Sym) -> &'static str {
        if self.is_known_interface(name) {
            "interface"
        } else {
            "class"
        }
    }

    fn is_known_interface(&self, name: Sym) -> bool {
        self.class_by_sym(name)
            .is_some_and(|c| matches!(self.class(c).kind, ClassKind::Interface | ClassKind::Annotation))
    }

    /// `Method <a.B.m(int)>`, `Class <a.B>`, `Interface <a.B>`, `Parameter <T> of method <...>`.
    pub fn origin_description(&self, d: &Dependency) -> String {
        let class = self.class(d.origin);
        let name = self.str(class.name);
        if d.origin_member == CLASS_LEVEL {
            let interface = matches!(class.kind, ClassKind::Interface | ClassKind::Annotation);
            return if interface && matches!(d.kind, DepKind::Extends | DepKind::Implements) {
                format!("Interface <{name}>")
            } else {
                format!("Class <{name}>")
            };
        }
        let Some(member) = class.members.get(d.origin_member as usize) else { return format!("Class <{name}>") };
        let full = self.member_full_name(d.origin, member);
        if d.kind == DepKind::ParameterAnnotation {
            let kind = if member.kind == MemberKind::Constructor { "constructor" } else { "method" };
            return format!("Parameter <{}> of {kind} <{full}>", self.detail(d));
        }
        let word = match member.kind {
            MemberKind::Field => "Field",
            MemberKind::Method => "Method",
            MemberKind::Constructor => "Constructor",
            MemberKind::StaticInitializer => "Static Initializer",
        };
        format!("{word} <{full}>")
    }

    /// `a.B.m(int, java.lang.String)` for code units, `a.B.f` for fields.
    pub fn member_full_name(&self, class: ClassId, member: &Member) -> String {
        let owner = self.str(self.class(class).name);
        let name = self.str(member.name);
        match member.kind {
            MemberKind::Field => format!("{owner}.{name}"),
            _ => format!("{owner}.{name}({})", names::parameter_list(self.str(member.descriptor))),
        }
    }

    /// The accessed member as the instruction names it: `c.D.n(int)` or `c.D.f`.
    pub fn target_member_name(&self, d: &Dependency) -> String {
        let owner = self.str(d.target);
        let Some(m) = d.target_member() else { return owner.to_string() };
        let name = self.str(m.name);
        let desc = self.str(m.descriptor);
        if desc.starts_with('(') {
            format!("{owner}.{name}({})", names::parameter_list(desc))
        } else {
            format!("{owner}.{name}")
        }
    }

    /// The origin's `SourceFile`, or ArchUnit's guess `<outermost simple name>.java` when absent.
    pub fn source_file_name(&self, class: ClassId) -> String {
        let c = self.class(class);
        if let Some(f) = c.source_file {
            return self.str(f).to_string();
        }
        let name = self.str(c.name);
        let simple = name.rsplit('.').next().unwrap_or(name);
        let outermost = simple.split('$').next().unwrap_or(simple);
        format!("{outermost}.java")
    }
}
