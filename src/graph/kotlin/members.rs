//! Which members of a Kotlin class or file facade were declared `internal`. The class file says `public`; the
//! truth is in `kotlin.Metadata`: each function, constructor and property in the `ProtoBuf.Class` (`k == 1`) or
//! `ProtoBuf.Package` (file facades and multi-file parts, `k == 2` and `5`) message has flags (visibility in bits
//! 1..=3, as for classes) and, in the JVM extension field 100, the JVM name and descriptor it was compiled to, as
//! indexes into the string table (`StringTableTypes` records over the `d2` strings).
//!
//! kotlinc leaves the JVM name or descriptor out when they follow from the Kotlin declaration. An internal member of
//! a class always has its name recorded (kotlinc mangles it to `name$module`); a top-level internal function keeps
//! its Kotlin name, so it is matched by that name, and only when no declaration of another visibility has the same
//! JVM name (and descriptor, when recorded). Backing fields, `$default` bridges and anything this cannot tell are
//! not internal: unknown is never a guess.

use super::{decode_bytes, KotlinVisibility, Reader};

/// `KotlinClassHeader.Kind`: CLASS, FILE_FACADE and MULTIFILE_CLASS_PART carry member metadata.
const KIND_CLASS: i64 = 1;
const KIND_FILE_FACADE: i64 = 2;
const KIND_MULTIFILE_PART: i64 = 5;

/// A JVM method a Kotlin declaration was compiled to, and whether that declaration is `internal`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KotlinMethod {
    pub name: String,
    /// `None` when kotlinc left it out (it follows from the Kotlin signature).
    pub descriptor: Option<String>,
    pub internal: bool,
}

impl KotlinMethod {
    fn covers(&self, name: &str, descriptor: &str) -> bool {
        self.name == name && self.descriptor.as_deref().is_none_or(|d| d == descriptor)
    }
}

/// Whether the method `name descriptor` of a class whose metadata lists `methods` was declared `internal`.
pub fn is_internal(methods: &[KotlinMethod], name: &str, descriptor: &str) -> bool {
    let mut covering = methods.iter().filter(|m| m.covers(name, descriptor)).peekable();
    covering.peek().is_some() && covering.all(|m| m.internal)
}

/// The JVM methods of the declarations in `kotlin.Metadata` of kind `k` with these `d1` and `d2` strings; `None`
/// when the kind has no members or the metadata cannot be read.
pub fn methods(k: i64, d1: &[&str], d2: &[&str]) -> Option<Vec<KotlinMethod>> {
    let (constructor, function, property) = match k {
        KIND_CLASS => (Some(8), 9, 10),
        KIND_FILE_FACADE | KIND_MULTIFILE_PART => (None, 3, 4),
        _ => return None,
    };
    let bytes = decode_bytes(d1)?;
    let mut input = Reader { bytes: &bytes, at: 0 };
    let table_len = usize::try_from(input.varint()?).ok()?;
    let table_start = input.at;
    input.skip(table_len)?;
    let strings = StringTable::read(&bytes[table_start..input.at], d2)?;
    let mut out = Vec::new();
    fields(&bytes[input.at..], |number, field| {
        let Field::Bytes(message) = field else { return Some(()) };
        if Some(number) == constructor {
            declaration(message, &strings, Declaration::Constructor, &mut out)
        } else if number == function {
            declaration(message, &strings, Declaration::Function, &mut out)
        } else if number == property {
            declaration(message, &strings, Declaration::Property, &mut out)
        } else {
            Some(())
        }
    })?;
    Some(out)
}

#[derive(Clone, Copy, PartialEq)]
enum Declaration {
    Constructor,
    Function,
    Property,
}

/// One `ProtoBuf.Constructor`, `Function` or `Property` message: its JVM methods into `out`.
fn declaration(
    message: &[u8],
    strings: &StringTable<'_>,
    kind: Declaration,
    out: &mut Vec<KotlinMethod>,
) -> Option<()> {
    // Field numbers of `flags` (the current and the pre-1.1 `old_flags`, whose low six bits are laid out alike),
    // with their defaults (public).
    let (flags_field, old_flags_field) = match kind {
        Declaration::Constructor => (1, 1),
        Declaration::Function => (9, 1),
        Declaration::Property => (11, 1),
    };
    let (mut flags, mut old_flags, mut name) = (None, None, None);
    let (mut getter_flags, mut setter_flags) = (None, None);
    let mut signature = None;
    fields(message, |number, field| {
        match (number, field) {
            (n, Field::Varint(v)) if n == flags_field => flags = Some(v),
            (n, Field::Varint(v)) if n == old_flags_field => old_flags = Some(v),
            (2, Field::Varint(v)) if kind != Declaration::Constructor => name = Some(v),
            (7, Field::Varint(v)) if kind == Declaration::Property => getter_flags = Some(v),
            (8, Field::Varint(v)) if kind == Declaration::Property => setter_flags = Some(v),
            (100, Field::Bytes(b)) => signature = Some(b),
            _ => {}
        }
        Some(())
    })?;
    let flags = flags.or(old_flags).unwrap_or(6);
    let internal = |flags: u64| KotlinVisibility::from_flags(flags) == Some(KotlinVisibility::Internal);
    match kind {
        Declaration::Constructor | Declaration::Function => {
            let (jvm_name, descriptor) = match signature {
                Some(s) => method_signature(s, strings)?,
                None => (None, None),
            };
            let jvm_name = match (kind, jvm_name) {
                (_, Some(n)) => n,
                (Declaration::Constructor, None) => "<init>",
                (_, None) => strings.get(name?)?,
            };
            let descriptor = descriptor.map(str::to_owned);
            out.push(KotlinMethod { name: jvm_name.to_owned(), descriptor, internal: internal(flags) });
        }
        Declaration::Property => {
            // `JvmPropertySignature`: 3 getter, 4 setter (each a `JvmMethodSignature`); the field (1) is left out.
            let Some(s) = signature else { return Some(()) };
            fields(s, |number, field| {
                let Field::Bytes(accessor) = field else { return Some(()) };
                let own_flags = match number {
                    3 => getter_flags,
                    4 => setter_flags,
                    _ => return Some(()),
                };
                if let (Some(n), descriptor) = method_signature(accessor, strings)? {
                    let descriptor = descriptor.map(str::to_owned);
                    out.push(KotlinMethod {
                        name: n.to_owned(),
                        descriptor,
                        internal: internal(own_flags.unwrap_or(flags)),
                    });
                }
                Some(())
            })?;
        }
    }
    Some(())
}

/// `JvmMethodSignature`: name (1) and descriptor (2), each present only when it does not follow from Kotlin's.
fn method_signature<'s>(message: &[u8], strings: &StringTable<'s>) -> Option<(Option<&'s str>, Option<&'s str>)> {
    let (mut name, mut descriptor) = (None, None);
    fields(message, |number, field| {
        match (number, field) {
            (1, Field::Varint(v)) => name = Some(strings.get(v)?),
            (2, Field::Varint(v)) => descriptor = Some(strings.get(v)?),
            _ => {}
        }
        Some(())
    })?;
    Some((name, descriptor))
}

/// `JvmProtoBuf.StringTableTypes` over the `d2` strings: each record stands for `range` consecutive indexes and
/// gives its own `string`, a predefined name, or the `d2` string at the index, possibly transformed.
struct StringTable<'s> {
    /// Per index, the string when it needs no transformation (JVM names and descriptors never do); `None` otherwise.
    strings: Vec<Option<&'s str>>,
}

impl<'s> StringTable<'s> {
    fn read(message: &'s [u8], d2: &[&'s str]) -> Option<Self> {
        let mut strings = Vec::new();
        fields(message, |number, field| {
            let (1, Field::Bytes(record)) = (number, field) else { return Some(()) };
            let (mut range, mut own, mut transformed) = (1u64, None, false);
            fields(record, |number, field| {
                match (number, field) {
                    (1, Field::Varint(v)) => range = v,
                    (6, Field::Bytes(s)) => own = Some(std::str::from_utf8(s).ok()?),
                    // A predefined name, an operation, substrings or replaced chars: not a plain string.
                    (2 | 4 | 5, _) => transformed = true,
                    (3, Field::Varint(op)) => transformed |= op != 0,
                    _ => {}
                }
                Some(())
            })?;
            // Indexes past `d2` are not kept (each has a `d2` place in kotlinc's output): a hostile `range` costs
            // nothing, and an index there reads as unknown.
            let room = d2.len().saturating_sub(strings.len());
            for _ in 0..range.min(room as u64) {
                let index = strings.len();
                let plain = own.or_else(|| d2.get(index).copied());
                strings.push(plain.filter(|_| !transformed));
            }
            Some(())
        })?;
        // Indexes past the records are the plain `d2` strings.
        while strings.len() < d2.len() {
            strings.push(d2.get(strings.len()).copied());
        }
        Some(StringTable { strings })
    }

    fn get(&self, index: u64) -> Option<&'s str> {
        self.strings.get(usize::try_from(index).ok()?).copied().flatten()
    }
}

enum Field<'a> {
    Varint(u64),
    Bytes(&'a [u8]),
}

/// Calls `f` with each varint and length-delimited field of a protobuf message (fixed-width ones are skipped);
/// `None` if the message is malformed or `f` gives `None`.
fn fields<'a>(bytes: &'a [u8], mut f: impl FnMut(u64, Field<'a>) -> Option<()>) -> Option<()> {
    let mut r = Reader { bytes, at: 0 };
    while r.at < bytes.len() {
        let key = r.varint()?;
        let (number, wire) = (key >> 3, key & 0b111);
        if number == 0 {
            return None;
        }
        match wire {
            0 => f(number, Field::Varint(r.varint()?))?,
            1 => r.skip(8)?,
            2 => {
                let len = usize::try_from(r.varint()?).ok()?;
                let start = r.at;
                r.skip(len)?;
                f(number, Field::Bytes(&bytes[start..r.at]))?;
            }
            5 => r.skip(4)?,
            _ => return None,
        }
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A `d1` string in UTF-8 mode: the marker, then one char per byte.
    fn utf8_mode(bytes: &[u8]) -> String {
        std::iter::once('\u{0}').chain(bytes.iter().map(|&b| char::from(b))).collect()
    }

    /// A file facade (`k = 2`) declaring `internal fun f()` (JVM name from the Kotlin name, d2[0]) and a public
    /// `g` whose recorded JVM name is d2[2] with descriptor d2[1].
    fn facade() -> Vec<u8> {
        let table = [0x0a, 0x02, 0x08, 0x03]; // one record covering indexes 0..3
        let internal_f = [0x48, 0x00, 0x10, 0x00]; // flags 0 (internal), name 0
        let public_g = [0x48, 0x06, 0x10, 0x02, 0xa2, 0x06, 0x04, 0x08, 0x02, 0x10, 0x01]; // flags 6, name 2, sig 100
        let mut m = vec![table.len() as u8];
        m.extend(table);
        m.extend([0x1a, internal_f.len() as u8]);
        m.extend(internal_f);
        m.extend([0x1a, public_g.len() as u8]);
        m.extend(public_g);
        m
    }

    #[test]
    fn reads_functions_and_their_jvm_names() {
        let d2 = ["f", "()V", "g"];
        let methods = methods(2, &[&utf8_mode(&facade())], &d2).expect("readable");
        assert!(is_internal(&methods, "f", "()V"));
        assert!(!is_internal(&methods, "g", "()V"));
        assert!(!is_internal(&methods, "h", "()V"), "not declared: unknown, not internal");
    }

    #[test]
    fn bad_metadata_is_unknown_and_never_panics() {
        let good = facade();
        for cut in 0..good.len() {
            // Any prefix either reads (fewer declarations) or is unknown; none panics.
            let _ = methods(2, &[&utf8_mode(&good[..cut])], &["f"]);
        }
        // A record claiming a huge range over a short d2 costs nothing.
        let huge = [0x04, 0x0a, 0x02, 0x08, 0x7f];
        assert!(methods(2, &[&utf8_mode(&huge)], &["f"]).is_some_and(|m| m.is_empty()));
        assert_eq!(methods(3, &[&utf8_mode(&good)], &[]), None, "a synthetic class has no members");
    }
}
