//! `cargo +nightly fuzz run class_reader`: any byte string through the full class reader. Errors are expected;
//! a panic, overflow or hang is a bug. Seed the corpus with `tests/data/bytecode/classes/**/*.class`.
#![no_main]

use archrules::bytecode::{parse, Depth};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(class) = parse(data, Depth::Full) {
        // Touch the borrowed strings so lazily decoded data is really read.
        let mut len = class.name.len();
        for method in &class.methods {
            len += method.name.len();
            for r in method.code.as_ref().map_or(&[][..], |c| class.refs(c)) {
                let (owner, name, descriptor) = class.code_ref(r);
                len += owner.len() + name.len() + descriptor.len();
            }
        }
        std::hint::black_box(len);
    }
    let _ = parse(data, Depth::Header);
});
