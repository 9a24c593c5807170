//! Bad inputs never panic and never stop the run: each problem is a warning (or a read error) naming the file and
//! entry, and the good entries around it are still read.

mod inputs_support;

use std::path::Path;

use archrules::inputs::{open, InputErrorKind, InputKind, Limits, OpenOptions, Opened, Role};
use inputs_support::*;

fn open_path(path: &Path) -> Opened {
    open(&[path.to_path_buf()], Role::Target, &OpenOptions::default())
}

fn kinds(opened: &Opened) -> Vec<InputErrorKind> {
    opened.warnings.iter().map(|w| w.kind.clone()).collect()
}

fn good_jar() -> Vec<u8> {
    jar(&[deflated("a/A.class", class_a()), stored("a/b/B.class", class_b())])
}

#[test]
fn warnings_name_the_file_and_entry() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let encrypted = {
        let mut bytes = good_jar();
        let at = central_record(&bytes, "a/A.class");
        bytes[at + 8] |= 1;
        bytes
    };
    let paths = [
        root.join("missing.jar"),
        write(root, "empty.jar", b""),
        write(root, "garbage.jar", b"this is not a zip file at all, just text"),
        write(root, "truncated.jar", &good_jar()[..200]),
        write(root, "notes.txt", b"hello"),
        write(root, "encrypted.jar", &encrypted),
        write(root, "unsafe.jar", &jar(&[deflated("../evil/A.class", class_a()), deflated("/abs/B.class", class_b())])),
        write(root, "ok.jar", &good_jar()),
    ];
    std::fs::create_dir(root.join("empty-dir.jar")).unwrap();
    let mut all = paths.to_vec();
    all.push(root.join("empty-dir.jar"));
    let opened = open(&all, Role::Target, &OpenOptions::default());
    let rendered: Vec<String> = opened.warnings.iter().map(|w| w.to_string()).collect();
    insta::with_settings!({filters => vec![(regex_escape(&root.display().to_string()).as_str(), "[TMP]")]}, {
        insta::assert_snapshot!(rendered.join("\n"));
    });
    // The good jar and the good entry of the encrypted jar are still there.
    let hints: Vec<_> = opened.entries.iter().map(|e| e.name_hint().to_string()).collect();
    assert_eq!(hints, ["a/b/B", "a/A", "a/b/B"]);
    assert!(opened.entries.iter().all(|e| e.read().is_ok()));
}

fn regex_escape(text: &str) -> String {
    text.chars().map(|c| if c.is_ascii_alphanumeric() || c == '/' { c.to_string() } else { format!("\\{c}") }).collect()
}

#[test]
fn bad_crc_is_a_read_error_naming_the_entry() {
    let tmp = tempfile::tempdir().unwrap();
    let mut bytes = good_jar();
    let at = data_start(&bytes, "a/b/B.class");
    bytes[at + 20] ^= 0xFF;
    let path = write(tmp.path(), "crc.jar", &bytes);
    let opened = open_path(&path);
    assert!(opened.warnings.is_empty());
    assert!(opened.entries[0].read().is_ok());
    let error = opened.entries[1].read().unwrap_err();
    assert!(matches!(error.kind, InputErrorKind::BadCrc { .. }), "{error}");
    assert_eq!(error.path, path);
    assert_eq!(error.entry.as_deref(), Some("a/b/B.class"));
}

#[test]
fn corrupt_deflate_and_lying_sizes_are_read_errors() {
    let tmp = tempfile::tempdir().unwrap();
    let mut corrupt = good_jar();
    let at = data_start(&corrupt, "a/A.class");
    corrupt[at..at + 8].fill(0xFF);
    let opened = open_path(&write(tmp.path(), "corrupt.jar", &corrupt));
    let kind = opened.entries[0].read().unwrap_err().kind;
    assert!(matches!(kind, InputErrorKind::BadDeflate | InputErrorKind::SizeMismatch { .. }), "{kind:?}");

    let mut lying = good_jar();
    let at = central_record(&lying, "a/A.class");
    lying[at + 24..at + 28].copy_from_slice(&10u32.to_le_bytes()); // uncompressed size: 10
    let opened = open_path(&write(tmp.path(), "lying.jar", &lying));
    assert_eq!(opened.entries[0].read().unwrap_err().kind, InputErrorKind::SizeMismatch { expected: 10 });
    assert!(opened.entries[1].read().is_ok());
}

#[test]
fn zip_bombs_are_capped_before_inflating() {
    let tmp = tempfile::tempdir().unwrap();
    let bomb = jar(&[deflated("a/Bomb.class", vec![0; 8 << 20]), deflated("a/A.class", class_a())]);
    let path = write(tmp.path(), "bomb.jar", &bomb);
    let with = |limits: Limits| {
        open(std::slice::from_ref(&path), Role::Target, &OpenOptions { limits, ..OpenOptions::default() })
    };

    let opened = with(Limits::default());
    assert!(matches!(kinds(&opened)[..], [InputErrorKind::RatioTooHigh { limit: 1000, .. }]), "{:?}", opened.warnings);
    assert_eq!(opened.warnings[0].entry.as_deref(), Some("a/Bomb.class"));
    assert_eq!(opened.entries.len(), 1);

    let opened = with(Limits { max_entry_inflated: 1 << 20, ..Limits::default() });
    assert_eq!(kinds(&opened), [InputErrorKind::EntryTooLarge { size: 8 << 20, limit: 1 << 20 }]);

    let opened = with(Limits { max_ratio: 1 << 20, max_jar_inflated: 1 << 20, ..Limits::default() });
    assert_eq!(kinds(&opened), [InputErrorKind::ArchiveTooLarge { limit: 1 << 20 }]);
    assert!(opened.entries.is_empty(), "entries after the budget ran out are skipped");

    let opened = with(Limits { max_ratio: 1 << 20, ..Limits::default() });
    assert!(opened.warnings.is_empty());
    assert_eq!(opened.entries[0].read().unwrap().len(), 8 << 20);
}

#[test]
fn zip64_archives_work() {
    let tmp = tempfile::tempdir().unwrap();
    let bytes = zip_bytes(&[deflated("a/A.class", class_a()), stored("a/b/B.class", class_b())], true);
    let opened = open_path(&write(tmp.path(), "zip64.jar", &bytes));
    assert!(opened.warnings.is_empty(), "{:?}", opened.warnings);
    assert_eq!(&*opened.entries[0].read().unwrap(), &class_a()[..]);
    assert_eq!(&*opened.entries[1].read().unwrap(), &class_b()[..]);
}

#[test]
fn more_than_65535_entries_use_the_zip64_end_record() {
    let tmp = tempfile::tempdir().unwrap();
    let names: Vec<String> = (0..70_000).map(|i| format!("p/C{i}.class")).collect();
    let entries: Vec<E<'_>> = names.iter().map(|n| stored(n, class_a())).collect();
    let bytes = jar(&entries);
    assert!(bytes.windows(4).any(|w| w == [0x50, 0x4b, 0x06, 0x06]), "writer produced a zip64 end record");
    let opened = open_path(&write(tmp.path(), "many.jar", &bytes));
    assert!(opened.warnings.is_empty(), "{:?}", opened.warnings);
    assert_eq!(opened.entries.len(), 70_000);
    assert_eq!(opened.entries[69_999].name_hint(), "p/C69999");
    assert_eq!(&*opened.entries[69_999].read().unwrap(), &class_a()[..]);
}

#[test]
fn directory_named_like_a_jar_is_a_directory() {
    let tmp = tempfile::tempdir().unwrap();
    write(tmp.path(), "x.jar/a/A.class", &class_a());
    let opened = open_path(&tmp.path().join("x.jar"));
    assert_eq!(opened.inputs[0].kind, InputKind::Directory);
    assert_eq!(opened.entries.len(), 1);
}

#[test]
fn nested_broken_jar_is_a_warning_on_the_nested_entry() {
    let tmp = tempfile::tempdir().unwrap();
    let fat =
        jar(&[deflated("BOOT-INF/classes/a/A.class", class_a()), stored("BOOT-INF/lib/bad.jar", b"PK junk".to_vec())]);
    let opened = open_path(&write(tmp.path(), "fat.jar", &fat));
    assert_eq!(opened.entries.len(), 1);
    assert_eq!(opened.warnings.len(), 1);
    assert_eq!(opened.warnings[0].entry.as_deref(), Some("BOOT-INF/lib/bad.jar"));
    assert!(matches!(opened.warnings[0].kind, InputErrorKind::BadZip(_)));
}
