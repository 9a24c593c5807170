//! The fuzz targets' bodies on real class files and jars, cut short and with bytes changed: a panic anywhere in the
//! class reader or the jar reader fails this test. (The fuzzers themselves run with `cargo +nightly fuzz`.)

mod fuzz_support;

use std::path::{Path, PathBuf};

fn files(root: &Path, extension: &str, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(root).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, extension, out);
        } else if path.extension().is_some_and(|e| e == extension) {
            out.push(path);
        }
    }
}

/// The input whole, cut at eight points, and with bytes changed at `changes` places chosen by a fixed generator.
fn variants(bytes: &[u8], seed: u64, changes: usize) -> Vec<Vec<u8>> {
    let mut out = vec![bytes.to_vec()];
    for cut in 1..8 {
        out.push(bytes[..bytes.len() * cut / 8].to_vec());
    }
    let mut state = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    for _ in 0..changes {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        if bytes.is_empty() {
            break;
        }
        let at = (state >> 33) as usize % bytes.len();
        let mut changed = bytes.to_vec();
        changed[at] = match state % 3 {
            0 => 0xff,
            1 => 0,
            _ => changed[at].wrapping_add(1),
        };
        out.push(changed);
    }
    out
}

fn root(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

#[test]
fn class_files_cut_short_or_changed_never_panic() {
    let mut classes = Vec::new();
    files(&root("tests/data/bytecode"), "class", &mut classes);
    files(&root("fixtures"), "class", &mut classes);
    assert!(classes.len() > 200, "{}", classes.len());
    for (i, path) in classes.iter().enumerate() {
        let bytes = std::fs::read(path).unwrap();
        for variant in variants(&bytes, i as u64, 24) {
            fuzz_support::class_reader(&variant);
        }
    }
}

#[test]
fn jars_cut_short_or_changed_never_panic() {
    let mut jars = Vec::new();
    files(&root("fixtures"), "jar", &mut jars);
    files(&root("tests/data"), "jar", &mut jars);
    jars.retain(|j| std::fs::metadata(j).is_ok_and(|m| m.len() < 1 << 20));
    assert!(jars.len() > 10, "{}", jars.len());
    for (i, path) in jars.iter().enumerate() {
        let bytes = std::fs::read(path).unwrap();
        for variant in variants(&bytes, i as u64, 24) {
            fuzz_support::jar_reader(&variant);
        }
    }
}
