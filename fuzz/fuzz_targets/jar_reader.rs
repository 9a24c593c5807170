//! Opens arbitrary bytes as a jar (nested jars, multi-release, zip64 and all) and reads every entry it lists.
//! Errors are expected; panics, hangs and runaway allocations are the bugs. Small limits keep each run fast.
#![no_main]

use std::path::PathBuf;

use archrules::inputs::{Limits, OpenOptions, Opened, Role};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
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
});
