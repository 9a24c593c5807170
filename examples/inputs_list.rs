//! Debugging aid: lists what the inputs layer finds in the given paths (entries with origins, resources, warnings).
//!
//! Usage: `cargo run --example inputs_list -- [--release N] [--jdk HOME] PATH...`

use std::path::PathBuf;

use archrules::inputs::{OpenOptions, Opened, Role};

fn main() {
    let mut args = std::env::args().skip(1);
    let mut opts = OpenOptions::default();
    let mut opened = Opened::default();
    let mut paths = Vec::new();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--release" => opts.release = args.next().and_then(|n| n.parse().ok()),
            "--jdk" => {
                if let Some(Err(e)) = args.next().map(|home| opened.add_jdk(&PathBuf::from(home), &opts)) {
                    eprintln!("error: {e}");
                }
            }
            _ => paths.push(PathBuf::from(arg)),
        }
    }
    opened.add(&paths, Role::Target, &opts);
    for entry in &opened.entries {
        let size = entry.read().map(|b| b.len().to_string()).unwrap_or_else(|e| format!("ERROR {e}"));
        println!("{}\t{}\t{size}", entry.name_hint(), entry.origin.display(&opened.inputs));
    }
    for resource in &opened.resources {
        println!("resource\t{}\t{}", resource.path, resource.origin.display(&opened.inputs));
    }
    for warning in &opened.warnings {
        println!("warning\t{warning}");
    }
}
