//! Line- and numbering-insensitive forms of violation messages, shared by the baseline and SARIF fingerprints, so a
//! violation keeps its identity when code moves or the compiler renumbers synthetic names. Like ArchUnit's
//! `ViolationLineMatcher` for frozen rules: `(Foo.java:42)` matches `(Foo.java:57)`, `Foo$1` matches `Foo$2`,
//! `lambda$run$0` matches `lambda$run$3`, `access$000` matches `access$100`.

use regex::Regex;
use std::sync::LazyLock;

/// `(File.java:42)` → the file without the line.
static LINE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\(([^():<>]+):\d+\)").expect("valid regex"));
/// `$1`, `$0`, `$000`: javac's numbering of anonymous classes, lambdas and accessors.
static SYNTHETIC_NUMBER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\$\d+").expect("valid regex"));

/// The message with source lines removed and synthetic numbers replaced by `$N`.
pub fn normalize_message(message: &str) -> String {
    let without_lines = LINE.replace_all(message, "($1)");
    SYNTHETIC_NUMBER.replace_all(&without_lines, "$$N").into_owned()
}

/// FNV-1a, 64 bits: stable across Rust versions and platforms (unlike `DefaultHasher`), which fingerprints need.
pub fn fingerprint(parts: &[&str]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.bytes().chain(std::iter::once(0)) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}
