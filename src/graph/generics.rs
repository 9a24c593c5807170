//! Dependencies from generic signatures (ArchUnit rules 14 and 15): bounds of type parameters, and the classes inside
//! the type arguments of generic superclasses, interfaces, field types, return types and parameter types.
//! A signature that does not parse gives no generic dependencies; the erased ones are recorded regardless.

use super::extract::Extractor;
use super::intern::Intern;
use super::model::{DepKind, CLASS_LEVEL};
use crate::bytecode::signature::{ClassSignature, ClassType, JavaType, MethodSignature, TypeParameter};

impl Extractor<'_, '_> {
    /// The superclass is read as a declaration, the interfaces as ArchUnit reads them (its interface visitor
    /// ignores inner class types: see `ClassType::write_generic`).
    pub(super) fn class_signature(&mut self, signature: &str) {
        let Ok(sig) = ClassSignature::parse(signature) else { return };
        self.type_parameters(CLASS_LEVEL, &sig.type_parameters);
        self.generic_class(CLASS_LEVEL, DepKind::GenericSuperclass, &sig.superclass, false);
        for i in &sig.interfaces {
            self.generic_interface(i);
        }
    }

    /// Also the field's `has type` line when the signature is a class type: ArchUnit's raw type of a field is the
    /// erasure of its generic type, which scalac does not always keep equal to the descriptor: `Field
    /// <scala.collection.immutable.List$.partialNotApplied> has type <scala.Function1>` where the descriptor says
    /// `java.lang.Object`. Returns whether it wrote that line.
    pub(super) fn field_signature(&mut self, member: u32, signature: &str) -> bool {
        let Ok(JavaType::Class(c)) = JavaType::parse_field(signature) else { return false };
        self.push_rendered_type(member, DepKind::FieldType, |text| c.write_binary_name(text), None);
        self.generic_class(member, DepKind::GenericFieldType, &c, false);
        true
    }

    /// Returns each parameter's generic type name when `names` asks for them, for parameter annotations
    /// (`Parameter <A> of method ...`).
    pub(super) fn method_signature(&mut self, member: u32, signature: &str, names: bool) -> Vec<String> {
        let Ok(sig) = MethodSignature::parse(signature) else { return Vec::new() };
        self.type_parameters(member, &sig.type_parameters);
        if let JavaType::Class(c) = &sig.return_type {
            self.generic_class(member, DepKind::GenericReturnType, c, false);
        }
        for p in &sig.parameters {
            if let JavaType::Class(c) = p {
                self.generic_class(member, DepKind::GenericParameterType, c, true);
            }
        }
        if names {
            sig.parameters
                .iter()
                .map(|p| {
                    let mut name = String::new();
                    let _ = p.write_declared_name(&mut name);
                    name
                })
                .collect()
        } else {
            Vec::new()
        }
    }

    /// One dependency per class in each bound (rule 15); type-variable bounds give nothing. ArchUnit's bound
    /// visitor does not handle arrays (ASM's default `visitArrayType` hands it the element), so an array bound
    /// counts as its element class: kotlinc's `<C extends Object[] & R, R>` gives `Method <kotlin.collections.
    /// ArraysKt__ArraysKt.ifEmpty([Ljava.lang.Object;, kotlin.jvm.functions.Function0)> has type parameter 'C'
    /// depending on <java.lang.Object>`.
    fn type_parameters(&mut self, member: u32, params: &[TypeParameter<'_>]) {
        for p in params {
            let name = self.strings.get_or_intern(p.name);
            for mut bound in p.bounds() {
                while let JavaType::Array(element) = bound {
                    bound = element;
                }
                if let JavaType::Class(c) = bound {
                    self.push_rendered_type(member, DepKind::TypeParameter, |t| c.write_binary_name(t), Some(name));
                    c.for_each_declared_argument_class(&mut |arg| {
                        self.push_rendered_type(member, DepKind::TypeParameter, |t| arg.write_name(t), Some(name));
                    });
                }
            }
        }
    }

    /// `has generic ... <G> with type argument depending on <X>` for each class X in G's arguments; parameter
    /// types also name their own erasure (rule 14).
    /// Read as a declaration (`ClassType::write_declared_generic`): a type whose innermost segment has no arguments
    /// is no parameterized type to ArchUnit, and gives nothing.
    fn generic_class(&mut self, member: u32, kind: DepKind, t: &ClassType<'_>, with_erasure: bool) {
        if t.declared_arguments().is_empty() {
            return;
        }
        let detail = if kind == DepKind::GenericSuperclass {
            self.intern_rendered(|text| t.write_supertype_generic(text, false))
        } else {
            self.intern_rendered(|text| t.write_declared_generic(text))
        };
        if with_erasure {
            self.push_rendered_type(member, kind, |text| t.write_binary_name(text), Some(detail));
        }
        t.for_each_declared_argument_class(&mut |arg| {
            self.push_rendered_type(member, kind, |text| arg.write_name(text), Some(detail));
        });
    }

    /// [`Extractor::generic_class`] for a generic interface, read as ArchUnit's interface visitor reads it.
    fn generic_interface(&mut self, t: &ClassType<'_>) {
        if t.arguments().next().is_none() {
            return;
        }
        let detail = self.intern_rendered(|text| t.write_supertype_generic(text, true));
        t.for_each_argument_class(&mut |arg| {
            self.push_rendered_type(CLASS_LEVEL, DepKind::GenericInterface, |text| arg.write_name(text), Some(detail));
        });
    }
}
