//! `cargo +nightly fuzz run class_reader`: any byte string through the full class reader. Errors are expected;
//! a panic, overflow or hang is a bug. Seed the corpus with `tests/data/bytecode/classes/**/*.class`.
#![no_main]

#[path = "../../tests/fuzz_support/mod.rs"]
mod fuzz_support;

libfuzzer_sys::fuzz_target!(|data: &[u8]| fuzz_support::class_reader(data));
