//! The bodies of the fuzz targets (`fuzz/fuzz_targets/*.rs` include this file by path), so that the test suite
//! builds them and runs them on real and mutated inputs: the fuzz crate itself needs nightly and is not built by CI.
#![allow(dead_code)] // each including crate uses one or both

use std::path::PathBuf;

use archrules::bytecode::{parse, Depth};
use archrules::inputs::{Limits, OpenOptions, Opened, Role};

/// Any byte string through the full class reader. Errors are expected; a panic, overflow or hang is a bug.
pub fn class_reader(data: &[u8]) {
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
}

/// Arbitrary bytes opened as a jar (nested jars, multi-release, zip64 and all), every listed entry read. Errors are
/// expected; panics, hangs and runaway allocations are the bugs. Small limits keep each run fast.
pub fn jar_reader(data: &[u8]) {
    let limits = Limits { max_entry_inflated: 1 << 20, max_jar_inflated: 8 << 20, max_nesting: 3, max_ratio: 1000 };
    let opts = OpenOptions { release: Some(17), limits };
    let mut opened = Opened::default();
    opened.add_jar_bytes(PathBuf::from("fuzz.jar"), data.to_vec(), Role::Target, &opts);
    for entry in &opened.entries {
        let _ = entry.read();
        // An entry set aside until the rest of its jar is read holds a copy of its own bytes.
        let _ = entry.clone().detached().read();
        let _ = entry.origin.display(&opened.inputs);
    }
    for warning in &opened.warnings {
        let _ = warning.to_string();
    }
}
