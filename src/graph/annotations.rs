//! Annotations as the graph keeps them (type, retention, element values), and the dependencies ArchUnit derives
//! from them: `is annotated with`, and `has annotation member of type` for enum, class and nested-annotation values.

use super::extract::{is_primitive_name, Extractor};
use super::intern::Intern;
use super::model::*;
use super::names::{self, FieldType};
use crate::bytecode as bc;

impl Extractor<'_, '_> {
    /// Converts annotations, recording `is annotated with` and `has annotation member of type` dependencies when
    /// `record` is set. `parameter` carries the annotated parameter's type name for parameter annotations.
    pub(super) fn annotations(
        &mut self,
        member: u32,
        list: &[bc::Annotation<'_>],
        record: bool,
        parameter: Option<Option<Sym>>,
    ) -> Box<[Annotation]> {
        list.iter()
            .filter_map(|a| {
                let ann = self.annotation(a)?;
                // A parameter annotation ArchUnit pairs with no parameter (see `extract`) is no dependency.
                if record && parameter != Some(None) {
                    let kind = if parameter.is_some() { DepKind::ParameterAnnotation } else { DepKind::Annotation };
                    self.push(member, kind, 0, ann.type_name, None, parameter.flatten());
                    self.annotation_members(member, &ann.elements, parameter.flatten());
                }
                Some(ann)
            })
            .collect()
    }

    /// `parameter`: the annotated parameter's name when the annotation is a parameter's. ArchUnit's origin of a
    /// member's type is the annotated element, so a parameter annotation's members depend from the parameter:
    /// `Parameter <scala.Option<java.lang.Object>> of constructor <org.apache.spark.status.api.v1.TaskData.<init>(
    /// ...)> has annotation member of type <java.lang.Long> in (api.scala:0)` (Scala case-class fields annotated
    /// `@JsonDeserialize(contentAs = classOf[java.lang.Long])`), not the constructor.
    fn annotation_members(&mut self, member: u32, elements: &[(Sym, Value)], parameter: Option<Sym>) {
        for (_, v) in elements {
            self.value_deps(member, v, parameter);
        }
    }

    fn value_deps(&mut self, member: u32, v: &Value, parameter: Option<Sym>) {
        match v {
            Value::Enum { type_name, .. } => {
                self.push(member, DepKind::AnnotationMember, 0, *type_name, None, parameter);
            }
            Value::Class(c) if !is_primitive_name(&self.strings.resolve(*c)) => {
                self.push(member, DepKind::AnnotationMember, 0, *c, None, parameter);
            }
            Value::Annotation(a) => {
                self.push(member, DepKind::AnnotationMember, 0, a.type_name, None, parameter);
                self.annotation_members(member, &a.elements, parameter);
            }
            Value::Array(items) => items.iter().for_each(|i| self.value_deps(member, i, parameter)),
            _ => {}
        }
    }

    fn annotation(&self, a: &bc::Annotation<'_>) -> Option<Annotation> {
        let FieldType::Object(n) = names::field_type(&a.type_descriptor)? else { return None };
        // Pickled Scala signatures are compiler-private bytes, kilobytes per class, that no rule reads: interned,
        // they were a large share of the string table on Scala code. The annotation itself is kept.
        let pickled =
            matches!(&*a.type_descriptor, "Lscala/reflect/ScalaSignature;" | "Lscala/reflect/ScalaLongSignature;");
        Some(Annotation {
            type_name: names::class_name(self.strings, n),
            visible: a.visible,
            elements: if pickled {
                Box::new([])
            } else {
                a.elements.iter().map(|(k, v)| (self.strings.get_or_intern(k), self.value(v))).collect()
            },
        })
    }

    pub(super) fn value(&self, v: &bc::ElementValue<'_>) -> Value {
        use bc::ConstValue as C;
        match v {
            bc::ElementValue::Const(c) => match c {
                C::Byte(b) => Value::Int(i64::from(*b)),
                C::Short(s) => Value::Int(i64::from(*s)),
                C::Int(i) => Value::Int(i64::from(*i)),
                C::Long(l) => Value::Int(*l),
                C::Char(c) => Value::Char(char::from_u32(u32::from(*c)).unwrap_or('\u{FFFD}')),
                C::Boolean(b) => Value::Bool(*b),
                C::Float(f) => Value::Float(f64::from(*f)),
                C::Double(d) => Value::Float(*d),
                C::String(s) => Value::String(self.strings.get_or_intern(s)),
            },
            bc::ElementValue::Enum { type_descriptor, name } => Value::Enum {
                type_name: self.descriptor_name(type_descriptor),
                constant: self.strings.get_or_intern(name),
            },
            bc::ElementValue::Class(d) => Value::Class(self.descriptor_name(d)),
            bc::ElementValue::Annotation(a) => match self.annotation(a) {
                Some(a) => Value::Annotation(Box::new(a)),
                None => Value::Array(Box::new([])),
            },
            bc::ElementValue::Array(items) => Value::Array(items.iter().map(|i| self.value(i)).collect()),
        }
    }

    fn descriptor_name(&self, desc: &str) -> Sym {
        match names::field_type(desc) {
            Some(t) => self.strings.get_or_intern(&names::type_name(t)),
            None => self.strings.get_or_intern(desc),
        }
    }
}
