//! `cargo +nightly fuzz run jar_reader`: arbitrary bytes opened as a jar and every entry read. Errors are expected;
//! panics, hangs and runaway allocations are the bugs. Seed the corpus with `fixtures/broken/jars/*.jar`.
#![no_main]

#[path = "../../tests/fuzz_support/mod.rs"]
mod fuzz_support;

libfuzzer_sys::fuzz_target!(|data: &[u8]| fuzz_support::jar_reader(data));
