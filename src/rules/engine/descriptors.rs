//! Method descriptors read in place: member predicates test the parameter and return types of every method of the
//! graph, and [`crate::graph::names::method_types`] builds two vectors per call. These views accept exactly the
//! descriptors it accepts and yield the same [`FieldType`]s, without allocating.

use crate::bytecode::descriptor::parameter_len;
use crate::graph::names::{self, FieldType};

/// A well-formed method descriptor's parameter types, in order.
#[derive(Debug, Clone)]
pub struct Params<'a> {
    /// What follows the parameters read so far, up to and including `)`.
    rest: &'a str,
}

impl<'a> Iterator for Params<'a> {
    type Item = FieldType<'a>;

    fn next(&mut self) -> Option<FieldType<'a>> {
        let len = parameter_len(self.rest)?;
        let (param, rest) = self.rest.split_at(len);
        self.rest = rest;
        names::field_type(param)
    }
}

/// Parameter types and return type, as [`names::method_types`]; `None` when malformed.
pub fn method_types(desc: &str) -> Option<(Params<'_>, FieldType<'_>)> {
    let params = desc.strip_prefix('(')?;
    let mut rest = params;
    while !rest.starts_with(')') {
        rest = rest.get(parameter_len(rest)?..)?;
    }
    let ret = names::field_type(rest.get(1..)?)?;
    Some((Params { rest: params }, ret))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptors_read_as_the_graph_reads_them() {
        for desc in [
            "()V",
            "(I[[Ljava/lang/String;J)V",
            "(Ljava/util/Map$Entry;[I[[Z)Ljava/lang/Object;",
            "(LFoo;)[LBar;",
            "(I",
            "(Lfoo)V",
            "(V)V",
            "([V)V",
            "(L;)V",
            "(I)",
            "(I)VV",
            "(I)[V",
            "I",
            "",
            "(Q)V",
            ")V",
        ] {
            let ours = method_types(desc).map(|(p, r)| (p.collect::<Vec<_>>(), r));
            assert_eq!(ours, names::method_types(desc), "{desc}");
        }
    }
}
