//! A jimage built byte by byte (one class, zlib-compressed as `jlink --compress zip-6` does), read back through
//! the public API: listing, lookup by name, decompression, and the unsupported "compact-cp" compressor.

mod inputs_support;

use archrules::inputs::{InputErrorKind, JdkImage, Limits, OpenOptions, Opened};
use inputs_support::*;

/// `lib/modules` holding `/m/a/B.class` = `content`, compressed with the named decompressor.
fn image(content: &[u8], compressor: &str) -> Vec<u8> {
    let mut strings = b"\0m\0a\0B\0class\0".to_vec();
    let compressor_at = strings.len() as u32;
    strings.extend_from_slice(compressor.as_bytes());
    strings.push(0);

    let mut zlib = libdeflater::Compressor::new(libdeflater::CompressionLvl::default());
    let mut packed = vec![0; zlib.zlib_compress_bound(content.len())];
    let n = zlib.zlib_compress(content, &mut packed).unwrap();
    packed.truncate(n);
    let mut resource = 0xCAFE_FAFAu32.to_le_bytes().to_vec();
    resource.extend_from_slice(&(packed.len() as u64).to_le_bytes());
    resource.extend_from_slice(&(content.len() as u64).to_le_bytes());
    resource.extend_from_slice(&compressor_at.to_le_bytes());
    resource.extend_from_slice(&0u32.to_le_bytes());
    resource.push(1);
    resource.extend_from_slice(&packed);

    // Attributes: kind << 3 | (len - 1), then a 4-byte big-endian value; 0 ends.
    let mut locations = Vec::new();
    for (kind, value) in
        [(1u8, 1u32), (2, 3), (3, 5), (4, 7), (5, 0), (6, resource.len() as u32), (7, content.len() as u32)]
    {
        locations.push(kind << 3 | 3);
        locations.extend_from_slice(&value.to_be_bytes());
    }
    locations.push(0);

    let mut out = Vec::new();
    let header = [0xCAFE_DADA, 1 << 16, 0, 1, 1, locations.len() as u32, strings.len() as u32];
    header.iter().for_each(|v: &u32| out.extend_from_slice(&v.to_le_bytes()));
    out.extend_from_slice(&(-1i32).to_le_bytes()); // redirect: slot 0 → location 0
    out.extend_from_slice(&0u32.to_le_bytes()); // offsets: location 0 at 0
    out.extend_from_slice(&locations);
    out.extend_from_slice(&strings);
    out.extend_from_slice(&resource);
    out
}

#[test]
fn compressed_jimage_lists_finds_and_inflates() {
    let tmp = tempfile::tempdir().unwrap();
    let modules = write(tmp.path(), "jdk/lib/modules", &image(&class_b(), "zip"));
    let mut opened = Opened::default();
    opened.add_jdk(&tmp.path().join("jdk"), &OpenOptions::default()).unwrap();
    assert!(opened.warnings.is_empty(), "{:?}", opened.warnings);
    assert_eq!(opened.entries.len(), 1);
    assert_eq!(opened.entries[0].name_hint(), "a/B");
    assert_eq!(opened.entries[0].origin.display(&opened.inputs), format!("{}!/m/a/B.class", modules.display()));
    assert_eq!(&*opened.entries[0].read().unwrap(), &class_b()[..]);

    let image = JdkImage::open(&modules, Limits::default()).unwrap();
    assert_eq!(image.find("/m/a/B.class").unwrap().as_deref(), Some(&class_b()[..]));
    assert!(image.find("/m/a/C.class").unwrap().is_none());
}

#[test]
fn compact_cp_is_reported_once_and_fails_reads() {
    let tmp = tempfile::tempdir().unwrap();
    write(tmp.path(), "jdk/lib/modules", &image(&class_b(), "compact-cp"));
    let mut opened = Opened::default();
    opened.add_jdk(&tmp.path().join("jdk"), &OpenOptions::default()).unwrap();
    let kinds: Vec<_> = opened.warnings.iter().map(|w| w.kind.clone()).collect();
    assert_eq!(kinds, [InputErrorKind::UnsupportedImageCompression("compact-cp".into())]);
    let error = opened.entries[0].read().unwrap_err();
    assert_eq!(error.kind, InputErrorKind::UnsupportedImageCompression("compact-cp".into()));
    assert_eq!(error.entry.as_deref(), Some("m/a/B.class"));
}

#[test]
fn truncated_jimage_is_an_error_not_a_panic() {
    let tmp = tempfile::tempdir().unwrap();
    let bytes = image(&class_b(), "zip");
    for cut in [3, 20, 40, 60, bytes.len() - 10] {
        write(tmp.path(), "jdk/lib/modules", &bytes[..cut]);
        let mut opened = Opened::default();
        match opened.add_jdk(&tmp.path().join("jdk"), &OpenOptions::default()) {
            Err(error) => assert!(matches!(error.kind, InputErrorKind::BadJImage(_)), "{error}"),
            Ok(()) => assert!(opened.entries.iter().all(|e| e.read().is_err()) || !opened.warnings.is_empty()),
        }
    }
}
