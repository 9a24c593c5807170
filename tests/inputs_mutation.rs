//! Deterministic mutation test: real jars (plain, fat with nested jars, multi-release, zip64) with random bytes
//! changed, spans cut or the file truncated go through open + read of every entry. Nothing may panic, and reads that
//! succeed return an original class file (the CRC check catches changed data) except in the rare case where a
//! mutation hits the CRC field and the data consistently.

mod inputs_support;

use archrules::inputs::{open, OpenOptions, Role};
use inputs_support::*;

fn seeds() -> Vec<(&'static str, Vec<u8>)> {
    let nested = jar(&[deflated("a/b/B.class", class_b())]);
    vec![
        ("plain", jar(&[deflated("a/A.class", class_a()), stored("a/b/B.class", class_b())])),
        (
            "fat",
            jar(&[
                deflated("BOOT-INF/classes/a/A.class", class_a()),
                stored("BOOT-INF/lib/dep.jar", nested.clone()),
                deflated("BOOT-INF/lib/dep2.jar", nested),
                deflated("META-INF/maven/g/a/pom.properties", b"version=1\n".to_vec()),
            ]),
        ),
        ("mr", mr_jar(true)),
        ("zip64", zip_bytes(&[deflated("a/A.class", class_a()), stored("a/b/B.class", class_b())], true)),
    ]
}

fn mutate(rng: &mut Rng, mut bytes: Vec<u8>) -> Vec<u8> {
    for _ in 0..1 + rng.below(3) {
        match rng.below(5) {
            0 | 1 => {
                let at = rng.below(bytes.len());
                bytes[at] = rng.next() as u8;
            }
            2 => {
                let at = rng.below(bytes.len());
                bytes[at] ^= 1 << rng.below(8);
            }
            3 => bytes.truncate(rng.below(bytes.len())),
            _ => {
                let at = rng.below(bytes.len());
                let len = rng.below(16).min(bytes.len() - at);
                bytes.drain(at..at + len);
            }
        }
        if bytes.is_empty() {
            break;
        }
    }
    bytes
}

#[test]
fn mutated_jars_never_panic() {
    let tmp = tempfile::tempdir().unwrap();
    let originals = [class_a(), class_b(), class_v(8), class_v(11), class_v(17)];
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let (mut reads, mut failures, mut warnings, mut strange) = (0, 0, 0, 0);
    for (name, seed) in seeds() {
        for round in 0..250 {
            let bytes = mutate(&mut rng, seed.clone());
            let path = write(tmp.path(), &format!("{name}-{round}.jar"), &bytes);
            let opened = open(&[path], Role::Target, &OpenOptions::default());
            warnings += opened.warnings.len();
            for entry in &opened.entries {
                match entry.read() {
                    Ok(data) => {
                        reads += 1;
                        if !originals.iter().any(|o| o[..] == data[..]) {
                            strange += 1;
                        }
                    }
                    Err(_) => failures += 1,
                }
            }
        }
    }
    // The mutations must exercise both paths, or the test proves nothing.
    let stats = format!("reads {reads}, failures {failures}, warnings {warnings}, strange {strange}");
    assert!(reads > 400 && failures > 20 && warnings > 100, "{stats}");
    assert!(strange * 100 <= reads, "{stats}");
    eprintln!("{stats}");
}
