//! Cross-check against `noak` 0.7 (an independent class reader): for every class of a real jar, both readers agree
//! on the class name, superclass, interfaces and every field's and method's name and descriptor.

use std::io::Read;

use archrules::bytecode::{parse, Depth};
use noak::reader::Class;

fn noak_str(s: &noak::MStr) -> String {
    s.to_str().map(str::to_owned).unwrap_or_else(|| s.display().to_string())
}

#[test]
fn agrees_with_noak_on_every_class_of_asm_jar() {
    let file = std::fs::File::open("tests/data/bytecode/asm.jar").unwrap();
    let mut archive = zip::ZipArchive::new(file).unwrap();
    let mut checked = 0;
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        if !entry.name().ends_with(".class") {
            continue;
        }
        let name = entry.name().to_owned();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();

        let ours = parse(&bytes, Depth::Full).unwrap_or_else(|e| panic!("{name}: {e}"));
        let theirs = Class::new(&bytes).unwrap();
        let pool = theirs.pool();
        let class_name = |index: noak::reader::cpool::Index<noak::reader::cpool::Class<'_>>| {
            noak_str(pool.retrieve(index).unwrap().name)
        };

        assert_eq!(ours.name, class_name(theirs.this_class()), "{name}");
        assert_eq!(ours.super_class.as_deref().map(str::to_owned), theirs.super_class().map(class_name), "{name}");
        let interfaces: Vec<String> = theirs.interfaces().into_iter().map(|i| class_name(i.unwrap())).collect();
        assert_eq!(ours.interfaces, interfaces, "{name}");

        let fields: Vec<(String, String)> = theirs
            .fields()
            .into_iter()
            .map(|f| {
                let f = f.unwrap();
                (noak_str(pool.retrieve(f.name()).unwrap()), noak_str(pool.retrieve(f.descriptor()).unwrap()))
            })
            .collect();
        let our_fields: Vec<(String, String)> =
            ours.fields.iter().map(|f| (f.name.to_string(), f.descriptor.to_string())).collect();
        assert_eq!(our_fields, fields, "{name}");

        let methods: Vec<(String, String)> = theirs
            .methods()
            .into_iter()
            .map(|m| {
                let m = m.unwrap();
                (noak_str(pool.retrieve(m.name()).unwrap()), noak_str(pool.retrieve(m.descriptor()).unwrap()))
            })
            .collect();
        let our_methods: Vec<(String, String)> =
            ours.methods.iter().map(|m| (m.name.to_string(), m.descriptor.to_string())).collect();
        assert_eq!(our_methods, methods, "{name}");
        checked += 1;
    }
    // asm-9.4.jar holds 37 classes (all read Full).
    assert_eq!(checked, 37);
}
