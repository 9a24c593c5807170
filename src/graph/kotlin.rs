//! What Kotlin declared, where the JVM cannot say: the visibility of a Kotlin class, read from its `kotlin.Metadata`
//! annotation. `internal` (and `private` top-level) classes are public or package private in the class file; the
//! truth is in the metadata's `d1`, a protobuf message split over strings.
//!
//! Only what class visibility needs is decoded, following the format of `kotlinx-metadata` (Kotlin 1.0 onwards):
//!
//! 1. `d1` strings → bytes (`BitEncoding.decodeBytes`): a first char U+0000 marks the UTF-8 mode, where each char
//!    is one byte (its low 8 bits); otherwise the 8-to-7 mode (an optional U+FFFF marker, each char a 7-bit group
//!    offset by one, regrouped into bytes).
//! 2. For a class (`k == 1`): a length-delimited `JvmProtoBuf.StringTableTypes`, then a `ProtoBuf.Class` message
//!    whose field 1 is its flags (default 6: public final class).
//! 3. Flags: bit 0 has-annotations, bits 1..=3 the `ProtoBuf.Visibility` (INTERNAL 0, PRIVATE 1, PROTECTED 2,
//!    PUBLIC 3, PRIVATE_TO_THIS 4, LOCAL 5).
//!
//! Anything unexpected (another kind, a bad encoding, a truncated or malformed message) gives `None`: unknown, never
//! a guess and never a panic.

mod members;

pub use members::{is_internal as is_internal_method, KotlinMethod};

use super::model::{Class, Value};
use super::Graph;

/// A Kotlin declaration's visibility (`ProtoBuf.Visibility`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KotlinVisibility {
    Internal,
    Private,
    Protected,
    Public,
    /// `private` to the instance (`private` members of a class with variance-checked type parameters).
    PrivateToThis,
    /// Local declarations (classes declared inside a function).
    Local,
}

impl KotlinVisibility {
    fn from_flags(flags: u64) -> Option<Self> {
        Some(match (flags >> 1) & 0b111 {
            0 => KotlinVisibility::Internal,
            1 => KotlinVisibility::Private,
            2 => KotlinVisibility::Protected,
            3 => KotlinVisibility::Public,
            4 => KotlinVisibility::PrivateToThis,
            5 => KotlinVisibility::Local,
            _ => return None,
        })
    }
}

/// `KotlinClassHeader.Kind.CLASS`: the metadata describes a class (not a file facade, a lambda or a part).
const KIND_CLASS: i64 = 1;
/// `ProtoBuf.Class.flags` when the field is absent.
const DEFAULT_CLASS_FLAGS: u64 = 6;
/// Metadata of real classes is a few kilobytes; this bounds the work on a hostile class file.
const MAX_DECODED: usize = 16 << 20;

impl Graph {
    /// The JVM methods of a Kotlin class's or file facade's functions, constructors and property accessors, each
    /// with whether it was declared `internal` (see [`members`]); `None` for other classes or unreadable metadata.
    pub fn kotlin_methods(&self, class: &Class) -> Option<Vec<KotlinMethod>> {
        let metadata = class.annotations.iter().find(|a| self.str(a.type_name) == "kotlin.Metadata")?;
        let element = |name: &str| metadata.elements.iter().find(|(k, _)| self.str(*k) == name).map(|(_, v)| v);
        let k = match element("k") {
            None => KIND_CLASS,
            Some(Value::Int(k)) => *k,
            Some(_) => return None,
        };
        let strings = |name: &str| match element(name) {
            Some(Value::Array(items)) => items
                .iter()
                .map(|v| match v {
                    Value::String(s) => Some(self.str(*s)),
                    _ => None,
                })
                .collect::<Option<Vec<&str>>>(),
            _ => None,
        };
        members::methods(k, &strings("d1")?, &strings("d2").unwrap_or_default())
    }

    /// The visibility a Kotlin class was declared with, from its `kotlin.Metadata`; `None` when the class is not a
    /// Kotlin class (file facades, lambdas and other synthetic classes included) or its metadata cannot be read.
    pub fn kotlin_visibility(&self, class: &Class) -> Option<KotlinVisibility> {
        let metadata = class.annotations.iter().find(|a| self.str(a.type_name) == "kotlin.Metadata")?;
        let element = |name: &str| metadata.elements.iter().find(|(k, _)| self.str(*k) == name).map(|(_, v)| v);
        // `k` defaults to 1 (a class), as in the annotation's declaration.
        match element("k") {
            None | Some(Value::Int(KIND_CLASS)) => {}
            Some(_) => return None,
        }
        let Some(Value::Array(d1)) = element("d1") else { return None };
        let strings = d1
            .iter()
            .map(|v| match v {
                Value::String(s) => Some(self.str(*s)),
                _ => None,
            })
            .collect::<Option<Vec<&str>>>()?;
        class_visibility(&strings)
    }
}

/// The visibility of the class whose `kotlin.Metadata` (kind class) has these `d1` strings.
pub fn class_visibility(d1: &[&str]) -> Option<KotlinVisibility> {
    let bytes = decode_bytes(d1)?;
    let mut input = Reader { bytes: &bytes, at: 0 };
    let string_table = input.varint()?;
    input.skip(usize::try_from(string_table).ok()?)?;
    let flags = input.last_varint_field(1)?.unwrap_or(DEFAULT_CLASS_FLAGS);
    KotlinVisibility::from_flags(flags)
}

/// Kotlin's `BitEncoding.decodeBytes`: the `d1` strings back to the protobuf bytes.
pub fn decode_bytes(d1: &[&str]) -> Option<Vec<u8>> {
    let mut chars = d1.iter().flat_map(|s| s.chars()).peekable();
    let total: usize = d1.iter().map(|s| s.len()).sum();
    if total > MAX_DECODED {
        return None;
    }
    match chars.peek() {
        Some('\u{0}') => {
            chars.next();
            // UTF-8 mode: each char carries one byte in its low 8 bits (chars are 0..=0xFF when kotlinc wrote them).
            chars.map(|c| u8::try_from(u32::from(c)).ok()).collect()
        }
        _ => {
            if chars.peek() == Some(&'\u{FFFF}') {
                chars.next();
            }
            // 8-to-7 mode: each char is a 7-bit group plus one (mod 0x80), least significant bits first.
            let groups: Vec<u8> = chars
                .map(|c| u8::try_from(u32::from(c)).ok().map(|b| b.wrapping_add(0x7f) & 0x7f))
                .collect::<Option<_>>()?;
            Some(regroup_7_to_8(&groups))
        }
    }
}

/// The bit string of the 7-bit groups (each least significant bit first) cut into bytes; leftover bits (fewer than
/// 8, the padding of the last group) are dropped.
fn regroup_7_to_8(groups: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(groups.len() * 7 / 8);
    let (mut acc, mut bits) = (0u32, 0u32);
    for &g in groups {
        acc |= u32::from(g & 0x7f) << bits;
        bits += 7;
        if bits >= 8 {
            out.push((acc & 0xff) as u8);
            acc >>= 8;
            bits -= 8;
        }
    }
    out
}

/// A protobuf reader over a message's bytes; every read is bounds-checked.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn varint(&mut self) -> Option<u64> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let b = *self.bytes.get(self.at)?;
            self.at += 1;
            value |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Some(value);
            }
        }
        None
    }

    fn skip(&mut self, n: usize) -> Option<()> {
        let end = self.at.checked_add(n).filter(|&end| end <= self.bytes.len())?;
        self.at = end;
        Some(())
    }

    /// Reads the message to its end; the last value of varint field `number` if there is one (protobuf's rule for
    /// repeated scalar fields), `None` if the message is malformed.
    fn last_varint_field(&mut self, number: u64) -> Option<Option<u64>> {
        let mut found = None;
        while self.at < self.bytes.len() {
            let key = self.varint()?;
            let (field, wire) = (key >> 3, key & 0b111);
            if field == 0 {
                return None;
            }
            match wire {
                0 => {
                    let v = self.varint()?;
                    if field == number {
                        found = Some(v);
                    }
                }
                1 => self.skip(8)?,
                2 => {
                    let len = self.varint()?;
                    self.skip(usize::try_from(len).ok()?)?;
                }
                5 => self.skip(4)?,
                // Groups (3, 4) are not used by Kotlin metadata; 6 and 7 do not exist.
                _ => return None,
            }
        }
        Some(found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// UTF-8 mode `d1`: the marker, then one char per byte.
    fn utf8_mode(bytes: &[u8]) -> String {
        std::iter::once('\u{0}').chain(bytes.iter().map(|&b| char::from(b))).collect()
    }

    /// Kotlin's 8-to-7 encoding (with its U+FFFF marker), to test the other decoding branch.
    fn eight_to_seven(bytes: &[u8]) -> String {
        let mut bits: Vec<bool> = bytes.iter().flat_map(|b| (0..8).map(move |i| b >> i & 1 == 1)).collect();
        while bits.len() % 7 != 0 {
            bits.push(false);
        }
        let groups = bits.chunks(7).map(|c| c.iter().enumerate().fold(0u8, |acc, (i, &b)| acc | (u8::from(b) << i)));
        std::iter::once('\u{FFFF}').chain(groups.map(|g| char::from((g + 1) & 0x7f))).collect()
    }

    /// A string table of `n` bytes, then a class message with these flags (none: the default).
    fn class_message(flags: Option<u8>) -> Vec<u8> {
        let mut m = vec![3, 0x0a, 0x01, 0x00]; // StringTableTypes: 3 bytes (a field-1 record)
        if let Some(f) = flags {
            m.extend([0x08, f]); // field 1, varint
        }
        m.extend([0x18, 0x02]); // fq_name = 2
        m.extend([0x3a, 0x02, 0x05, 0x06]); // nested_class_name, packed
        m
    }

    #[test]
    fn reads_the_visibility_bits() {
        for (flags, v) in [
            (0b0000, KotlinVisibility::Internal),
            (0b0010, KotlinVisibility::Private),
            (0b0101, KotlinVisibility::Protected),
            (0b0110, KotlinVisibility::Public),
            (0b1010, KotlinVisibility::Local),
        ] {
            let d1 = utf8_mode(&class_message(Some(flags)));
            assert_eq!(class_visibility(&[&d1]), Some(v), "{flags:#b}");
        }
        // Absent flags: public final class.
        assert_eq!(class_visibility(&[&utf8_mode(&class_message(None))]), Some(KotlinVisibility::Public));
    }

    #[test]
    fn decodes_both_encodings_and_split_strings() {
        let message = class_message(Some(0x10)); // internal, abstract
        let encoded = eight_to_seven(&message);
        assert_eq!(decode_bytes(&[&encoded]).as_deref(), Some(&message[..]));
        assert_eq!(class_visibility(&[&encoded]), Some(KotlinVisibility::Internal));
        let utf8 = utf8_mode(&message);
        let (a, b) = utf8.split_at(3);
        assert_eq!(decode_bytes(&[a, b]).as_deref(), Some(&message[..]));
    }

    #[test]
    fn bad_metadata_is_unknown() {
        let good = class_message(Some(0));
        for bad in [
            &good[..good.len() - 1],    // truncated packed field
            &[0x09][..],                // string table longer than the data
            &[0x00, 0x80][..],          // unterminated varint
            &[0x00, 0x0b, 0x00][..],    // group wire type
            &[0x00, 0x07, 0x00][..],    // field 0
            &[0x00, 0x08, 0x0e][..],    // visibility 7
            &[0x00, 0x09, 1, 2, 3][..], // fixed64 cut short
        ] {
            assert_eq!(class_visibility(&[&utf8_mode(bad)]), None, "{bad:?}");
        }
        assert_eq!(class_visibility(&[]), None);
        assert_eq!(class_visibility(&["\u{0}\u{100}"]), None, "a char above 0xFF is no byte");
        assert_eq!(class_visibility(&["\u{0}"]), None, "no string table");
    }
}
