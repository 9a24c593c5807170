//! Shared helpers for the inputs tests: committed class bytes and jars built from them with the `zip` writer.
#![allow(dead_code)] // each test crate uses a different subset

use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

pub fn data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/inputs")
}

pub fn class_a() -> Vec<u8> {
    std::fs::read(data().join("classes/a/A.class")).unwrap()
}

pub fn class_b() -> Vec<u8> {
    std::fs::read(data().join("classes/a/b/B.class")).unwrap()
}

/// `mr/V.class` compiled for `release` (8, 11 or 17).
pub fn class_v(release: u32) -> Vec<u8> {
    std::fs::read(data().join(format!("mr{release}/mr/V.class"))).unwrap()
}

/// The class-file major version (52 = Java 8, 55 = 11, 61 = 17).
pub fn major(bytes: &[u8]) -> u16 {
    u16::from_be_bytes([bytes[6], bytes[7]])
}

/// One entry of a test jar.
pub struct E<'a> {
    pub name: &'a str,
    pub bytes: Vec<u8>,
    pub stored: bool,
}

pub fn deflated(name: &str, bytes: Vec<u8>) -> E<'_> {
    E { name, bytes, stored: false }
}

pub fn stored(name: &str, bytes: Vec<u8>) -> E<'_> {
    E { name, bytes, stored: true }
}

/// A zip with these entries, in order; `zip64` forces zip64 records.
pub fn zip_bytes(entries: &[E<'_>], zip64: bool) -> Vec<u8> {
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    for entry in entries {
        let method = if entry.stored { CompressionMethod::Stored } else { CompressionMethod::Deflated };
        let options = SimpleFileOptions::default().compression_method(method).large_file(zip64);
        writer.start_file(entry.name, options).unwrap();
        writer.write_all(&entry.bytes).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

pub fn jar(entries: &[E<'_>]) -> Vec<u8> {
    zip_bytes(entries, false)
}

pub fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&path, bytes).unwrap();
    path
}

pub fn manifest(multi_release: bool) -> Vec<u8> {
    let mut text = String::from("Manifest-Version: 1.0\r\n");
    if multi_release {
        text.push_str("Multi-Release: true\r\n");
    }
    text.push_str("\r\n");
    text.into_bytes()
}

/// A multi-release jar: base V (8), versions 11 and 17.
pub fn mr_jar(multi_release: bool) -> Vec<u8> {
    jar(&[
        deflated("META-INF/MANIFEST.MF", manifest(multi_release)),
        deflated("mr/V.class", class_v(8)),
        deflated("a/A.class", class_a()),
        deflated("META-INF/versions/11/mr/V.class", class_v(11)),
        deflated("META-INF/versions/17/mr/V.class", class_v(17)),
    ])
}

/// Deterministic xorshift for mutation tests.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const CENTRAL_SIG: [u8; 4] = [0x50, 0x4b, 0x01, 0x02];

/// Offset of the central-directory record of entry `name`.
pub fn central_record(zip: &[u8], name: &str) -> usize {
    (0..zip.len() - 46)
        .find(|&i| zip[i..i + 4] == CENTRAL_SIG && zip[i + 46..].starts_with(name.as_bytes()))
        .unwrap_or_else(|| panic!("no central record for {name}"))
}

/// Offset of the local header of entry `name`.
pub fn local_record(zip: &[u8], name: &str) -> usize {
    let central = central_record(zip, name);
    u32::from_le_bytes(zip[central + 42..central + 46].try_into().unwrap()) as usize
}

/// Offset of entry `name`'s data.
pub fn data_start(zip: &[u8], name: &str) -> usize {
    let local = local_record(zip, name);
    let len = |at: usize| u16::from_le_bytes([zip[local + at], zip[local + at + 1]]) as usize;
    local + 30 + len(26) + len(28)
}
