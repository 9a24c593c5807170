//! Malformed input: every truncation, patched constant pools, hand-built classes with constants javac never emits,
//! and a deterministic mutation run (the stand-in for `cargo fuzz` in plain `cargo test`). Bad input must give an
//! `Err` with an offset, never a panic.

use archrules::bytecode::{parse, ClassFileError, Depth, ErrorKind, RefKind};

const CLASSES: &[&str] = &[
    "fixture/Instructions.class",
    "fixture/Annotated.class",
    "fixture/Annotated$1.class",
    "fixture/Everything.class",
    "fixture/Marker.class",
    "fixture/Point.class",
    "fixture/Shape.class",
    "fixture/Shape$Circle.class",
    "module/module-info.class",
];

fn corpus() -> Vec<Vec<u8>> {
    CLASSES.iter().map(|p| std::fs::read(format!("tests/data/bytecode/classes/{p}")).unwrap()).collect()
}

#[test]
fn every_truncation_is_an_error() {
    for (path, bytes) in CLASSES.iter().zip(corpus()) {
        parse(&bytes, Depth::Full).unwrap_or_else(|e| panic!("{path}: {e}"));
        for len in 0..bytes.len() {
            for depth in [Depth::Full, Depth::Header] {
                let err = parse(&bytes[..len], depth).expect_err(path);
                assert!(err.offset <= len, "{path} cut at {len}: {err}");
            }
        }
    }
}

#[test]
fn bad_magic() {
    assert_eq!(
        parse(b"\xCA\xFE\xD0\x0D\0\0\0\x3D", Depth::Full).unwrap_err(),
        ClassFileError { offset: 0, kind: ErrorKind::BadMagic(0xCAFE_D00D) }
    );
}

#[test]
fn unknown_constant_tag_is_reported_at_its_offset() {
    let mut bytes = corpus().swap_remove(0);
    // Offset 10 is the tag of constant #1 (after magic, versions and constant_pool_count).
    for tag in [0u8, 2, 13, 14, 21, 255] {
        bytes[10] = tag;
        assert_eq!(
            parse(&bytes, Depth::Header).unwrap_err(),
            ClassFileError { offset: 10, kind: ErrorKind::UnknownConstantTag(tag) }
        );
    }
}

/// A minimal class `Foo` whose constant pool holds the constants javac does not emit for ordinary code
/// (CONSTANT_Dynamic, a bare MethodType, a Package) and one static method `m` with the given code.
fn hand_built(this_class: u16, code: &[u8]) -> Vec<u8> {
    fn utf8(s: &str) -> Vec<u8> {
        let mut e = vec![1];
        e.extend((s.len() as u16).to_be_bytes());
        e.extend(s.as_bytes());
        e
    }
    let u2 = |v: u16| v.to_be_bytes().to_vec();
    let entries: Vec<Vec<u8>> = vec![
        utf8("Foo"),                                      // 1
        [vec![7], u2(1)].concat(),                        // 2 Class Foo
        utf8("java/lang/Object"),                         // 3
        [vec![7], u2(3)].concat(),                        // 4 Class Object
        utf8("x"),                                        // 5
        utf8("I"),                                        // 6
        [vec![12], u2(5), u2(6)].concat(),                // 7 NameAndType x:I
        [vec![17], u2(0), u2(7)].concat(),                // 8 Dynamic #0:x:I
        utf8("Code"),                                     // 9
        utf8("m"),                                        // 10
        utf8("()V"),                                      // 11
        [vec![16], u2(11)].concat(),                      // 12 MethodType ()V
        [vec![5], vec![0, 0, 0, 1, 0, 0, 0, 2]].concat(), // 13 Long (and 14)
        utf8("p"),                                        // 15
        [vec![20], u2(15)].concat(),                      // 16 Package p
        [vec![18], u2(0), u2(7)].concat(),                // 17 InvokeDynamic #0:x:I
    ];
    let mut b = vec![0xCA, 0xFE, 0xBA, 0xBE, 0, 0, 0, 61];
    b.extend(u2(18)); // constant_pool_count: 17 entries, the Long taking two slots
    for e in entries {
        b.extend(e);
    }
    b.extend(u2(0x21));
    b.extend(u2(this_class));
    b.extend(u2(4));
    b.extend(u2(0)); // interfaces
    b.extend(u2(0)); // fields
    b.extend(u2(1)); // methods
    b.extend(u2(0x09));
    b.extend(u2(10));
    b.extend(u2(11));
    b.extend(u2(1)); // one attribute: Code
    b.extend(u2(9));
    b.extend((12 + code.len() as u32).to_be_bytes());
    b.extend(u2(2)); // max_stack
    b.extend(u2(0)); // max_locals
    b.extend((code.len() as u32).to_be_bytes());
    b.extend(code);
    b.extend(u2(0)); // exception table
    b.extend(u2(0)); // code attributes
    b.extend(u2(0)); // class attributes
    b
}

#[test]
fn dynamic_method_type_and_long_constants_are_read_and_ldc_of_them_is_no_reference() {
    // ldc #8 (Dynamic), ldc #2 (Class), ldc_w #12 (MethodType), ldc2_w #13 (Long), return
    let code = [0x12, 8, 0x12, 2, 0x13, 0, 12, 0x14, 0, 13, 0xb1];
    let bytes = hand_built(2, &code);
    let class = parse(&bytes, Depth::Full).unwrap();
    assert_eq!(class.name, "Foo");
    let refs = class.refs(class.methods[0].code.as_ref().unwrap());
    assert_eq!(refs.len(), 1);
    assert_eq!((refs[0].kind, class.code_ref(&refs[0]).0.as_ref(), refs[0].pc), (RefKind::LdcClass, "Foo", 2));
}

#[test]
fn bad_constant_pool_indexes() {
    // magic and versions (8), constant_pool_count (2), the pool (90 bytes), access_flags (2).
    let this_class_at = 8 + 2 + 90 + 2;
    let err = parse(&hand_built(99, &[0xb1]), Depth::Full).unwrap_err();
    assert_eq!(err, ClassFileError { offset: this_class_at, kind: ErrorKind::BadConstantPoolIndex(99) });
    // The second slot of a Long is not an entry.
    let err = parse(&hand_built(14, &[0xb1]), Depth::Full).unwrap_err();
    assert_eq!(err.kind, ErrorKind::BadConstantPoolIndex(14));
    let err = parse(&hand_built(1, &[0xb1]), Depth::Full).unwrap_err();
    assert_eq!(err.kind, ErrorKind::WrongConstantType(1));
    // getstatic through a Class constant instead of a Fieldref.
    let err = parse(&hand_built(2, &[0xb2, 0, 2, 0xb1]), Depth::Full).unwrap_err();
    assert_eq!(err.kind, ErrorKind::WrongConstantType(2));
    // The scan checks each constant once per class, but a constant that passed as a class does not pass as a field.
    let err = parse(&hand_built(2, &[0x12, 2, 0xbb, 0, 2, 0xb2, 0, 2, 0xb1]), Depth::Full).unwrap_err();
    assert_eq!(err.kind, ErrorKind::WrongConstantType(2));
    // Header depth never looks at the code.
    assert!(parse(&hand_built(2, &[0xb2, 0, 2, 0xb1]), Depth::Header).is_ok());
}

#[test]
fn bad_code_is_an_error() {
    let undefined = parse(&hand_built(2, &[0x00, 0xcb]), Depth::Full).unwrap_err();
    assert_eq!(undefined.kind, ErrorKind::BadOpcode(0xcb));
    let bad_wide = parse(&hand_built(2, &[0xc4, 0x10, 0]), Depth::Full).unwrap_err();
    assert_eq!(bad_wide.kind, ErrorKind::BadOpcode(0x10));
    // An operand running past the code array, a tableswitch with high < low, and one whose table is cut short.
    for code in [
        &[0xb6, 0][..],
        &[0xaa, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 1],
        &[0xaa, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 3],
    ] {
        assert_eq!(parse(&hand_built(2, code), Depth::Full).unwrap_err().kind, ErrorKind::UnexpectedEof, "{code:?}");
    }
    // invokedynamic without a BootstrapMethods attribute.
    let err = parse(&hand_built(2, &[0xba, 0, 17, 0, 0, 0xb1]), Depth::Full).unwrap_err();
    assert_eq!(err.kind, ErrorKind::BadAttribute("BootstrapMethods"));
    // A well-formed tableswitch (padding 3 at pc 0, low 1, high 2) and lookupswitch (one pair) followed by return.
    let table = [0xaa, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0xb1];
    assert!(parse(&hand_built(2, &table), Depth::Full).is_ok());
    let lookup =
        [&[0x00, 0xab, 0, 0][..], &[0, 0, 0, 0], &[0, 0, 0, 1], &[0, 0, 0, 7], &[0, 0, 0, 0], &[0x12, 2]].concat();
    let bytes = hand_built(2, &lookup);
    let class = parse(&bytes, Depth::Full).unwrap();
    assert_eq!(
        class.refs(class.methods[0].code.as_ref().unwrap())[0].pc,
        20,
        "scan realigned after the padded lookupswitch"
    );
    assert_eq!(class.refs(class.methods[0].code.as_ref().unwrap())[0].kind, RefKind::LdcClass);
}

/// xorshift64*: a tiny deterministic generator, so a failure reproduces from the printed case number.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn mutate(rng: &mut Rng, corpus: &[Vec<u8>]) -> Vec<u8> {
    let mut bytes = corpus[rng.below(corpus.len())].clone();
    for _ in 0..=rng.below(3) {
        let len = bytes.len();
        match rng.below(6) {
            0 => bytes[rng.below(len)] ^= 1 << rng.below(8),
            1 => bytes[rng.below(len)] = [0x00, 0xFF, 0x7F, 0x80, 0x01, 0xC4, 0xAA, 0xAB][rng.below(8)],
            2 if len >= 2 => {
                let at = rng.below(len.saturating_sub(1));
                bytes[at] = 0xFF;
                bytes[at + 1] = 0xFF;
            }
            2 | 3 => bytes.truncate(rng.below(len)),
            4 => {
                let other = &corpus[rng.below(corpus.len())];
                let cut = rng.below(len);
                let from = rng.below(other.len());
                bytes.truncate(cut);
                bytes.extend_from_slice(&other[from..]);
            }
            _ => {
                let at = rng.below(len);
                let n = rng.below(8);
                bytes.splice(at..at, std::iter::repeat_n(rng.next() as u8, n));
            }
        }
        if bytes.is_empty() {
            break;
        }
    }
    bytes
}

#[test]
fn mutated_classes_never_panic() {
    let corpus = corpus();
    // 100k cases by default; ARCHRULES_MUTATIONS raises or lowers it.
    let cases: u64 = std::env::var("ARCHRULES_MUTATIONS").ok().and_then(|v| v.parse().ok()).unwrap_or(100_000);
    let mut rng = Rng(0x5EED_CAFE_BABE);
    let mut ok = 0;
    for case in 0..cases {
        let bytes = mutate(&mut rng, &corpus);
        let result = std::panic::catch_unwind(|| parse(&bytes, Depth::Full).is_ok());
        match result {
            Ok(true) => ok += 1,
            Ok(false) => {}
            Err(_) => panic!("case {case} panicked"),
        }
    }
    // Sanity: mutations that miss the structure (constant values, names) still parse.
    assert!(ok > 0 && ok < cases, "{ok} of {cases} parsed");
}

#[test]
fn every_major_version_is_accepted() {
    let mut bytes = corpus().swap_remove(0);
    // 45 (Java 1.1) through 69 (Java 25), and newer ones on a best-effort basis.
    for major in (45u16..=69).chain([70, 200]) {
        bytes[6..8].copy_from_slice(&major.to_be_bytes());
        let class = parse(&bytes, Depth::Full).unwrap_or_else(|e| panic!("major {major}: {e}"));
        assert_eq!(class.major_version, major);
    }
}
