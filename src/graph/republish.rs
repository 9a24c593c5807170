//! A chunk's classes and edges, rewritten from the symbols of its [`LocalStrings`] table to the shared ones once the
//! table is published. Every record is taken apart field by field, without `..`: a symbol field added to a record
//! and not rewritten here would hold a meaningless number, so it fails the build instead.
//!
//! [`LocalStrings`]: super::intern::LocalStrings

use super::extract::Extracted;
use super::model::*;

/// Local symbol → shared symbol, by [`Sym::index`].
pub(super) struct Republish<'m>(pub(super) &'m [Sym]);

impl Republish<'_> {
    fn sym(&self, s: &mut Sym) {
        if let Some(&shared) = self.0.get(s.index()) {
            *s = shared;
        }
    }

    fn syms(&self, list: &mut [Sym]) {
        list.iter_mut().for_each(|s| self.sym(s));
    }

    pub(super) fn extracted(&self, x: &mut Extracted) {
        let Extracted { class, accessors } = x;
        self.class(class);
        for (name, descriptor, body) in accessors {
            self.sym(name);
            self.sym(descriptor);
            self.dependencies(body);
        }
    }

    fn class(&self, c: &mut Class) {
        let Class {
            name,
            package,
            simple_name,
            kind: _,
            access: _,
            inner_access: _,
            nesting: _,
            outer,
            super_class,
            interfaces,
            annotations,
            source_file,
            deprecated_attribute: _,
            kotlin: _,
            scala: _,
            permitted_subclasses,
            members,
            members_annotated: _,
            role: _,
            origin: _,
            major_version: _,
            last_line: _,
            deps: _,
        } = c;
        self.sym(name);
        self.sym(package);
        self.sym(simple_name);
        outer.iter_mut().chain(super_class.iter_mut()).chain(source_file.iter_mut()).for_each(|s| self.sym(s));
        self.syms(interfaces);
        self.syms(permitted_subclasses);
        self.annotations(annotations);
        for m in members.iter_mut() {
            self.member(m);
        }
    }

    fn member(&self, m: &mut Member) {
        let Member { kind: _, name, descriptor, access: _, annotations, deprecated_attribute: _, first_line: _, rare } =
            m;
        self.sym(name);
        self.sym(descriptor);
        self.annotations(annotations);
        if let Some(rare) = rare {
            let RareMemberParts { parameter_annotations, parameter_names, throws, annotation_default } = &mut **rare;
            parameter_annotations.iter_mut().for_each(|list| self.annotations(list));
            parameter_names.iter_mut().flatten().for_each(|s| self.sym(s));
            self.syms(throws);
            if let Some(v) = annotation_default {
                self.value(v);
            }
        }
    }

    fn annotations(&self, list: &mut [Annotation]) {
        list.iter_mut().for_each(|a| self.annotation(a));
    }

    fn annotation(&self, a: &mut Annotation) {
        let Annotation { type_name, visible: _, elements } = a;
        self.sym(type_name);
        for (name, value) in elements.iter_mut() {
            self.sym(name);
            self.value(value);
        }
    }

    fn value(&self, v: &mut Value) {
        match v {
            Value::Bool(_) | Value::Int(_) | Value::Float(_) | Value::Char(_) => {}
            Value::String(s) | Value::Class(s) => self.sym(s),
            Value::Enum { type_name, constant } => {
                self.sym(type_name);
                self.sym(constant);
            }
            Value::Annotation(a) => self.annotation(a),
            Value::Array(items) => items.iter_mut().for_each(|i| self.value(i)),
        }
    }

    pub(super) fn dependencies(&self, deps: &mut [Dependency]) {
        for d in deps {
            let Dependency {
                origin: _,
                origin_member: _,
                target,
                slots,
                line: _,
                kind: _,
                line_from_previous_class: _,
            } = d;
            self.sym(target);
            slots.iter_mut().flatten().for_each(|s| self.sym(s));
        }
    }
}
