//! The class reader on real javac output (tests/data/bytecode, rebuilt by its compile.sh): golden renderings of
//! whole classes plus targeted checks of each feature.

use std::fmt::Write as _;

use archrules::bytecode::{parse, Annotation, ClassFile, ConstValue, Depth, ElementValue, RefKind};

fn bytes(path: &str) -> Vec<u8> {
    std::fs::read(format!("tests/data/bytecode/classes/{path}")).unwrap()
}

fn element(v: &ElementValue<'_>) -> String {
    match v {
        ElementValue::Const(c) => format!("{c:?}"),
        ElementValue::Enum { type_descriptor, name } => format!("{type_descriptor}.{name}"),
        ElementValue::Class(c) => format!("class {c}"),
        ElementValue::Annotation(a) => annotation(a),
        ElementValue::Array(values) => format!("[{}]", values.iter().map(element).collect::<Vec<_>>().join(", ")),
    }
}

fn annotation(a: &Annotation<'_>) -> String {
    let elements: Vec<String> = a.elements.iter().map(|(n, v)| format!("{n}={}", element(v))).collect();
    format!("@{}{}({})", a.type_descriptor, if a.visible { "" } else { " invisible" }, elements.join(", "))
}

/// A stable, reviewable rendering of everything the reader extracted.
fn render(c: &ClassFile<'_>) -> String {
    let mut out = String::new();
    let w = &mut out;
    writeln!(w, "class {} v{}.{} access=0x{:04x}", c.name, c.major_version, c.minor_version, c.access).unwrap();
    writeln!(w, "  super {:?} interfaces {:?}", c.super_class, c.interfaces).unwrap();
    for (label, value) in [("signature", &c.signature), ("source", &c.source_file), ("module", &c.module_name)] {
        if let Some(v) = value {
            writeln!(w, "  {label} {v}").unwrap();
        }
    }
    if c.deprecated_attribute {
        writeln!(w, "  Deprecated").unwrap();
    }
    for a in &c.annotations {
        writeln!(w, "  {}", annotation(a)).unwrap();
    }
    for i in &c.inner_classes {
        writeln!(w, "  inner {} outer={:?} name={:?} access=0x{:04x}", i.inner, i.outer, i.simple_name, i.access)
            .unwrap();
    }
    if let Some(e) = &c.enclosing_method {
        writeln!(w, "  enclosing {} {:?}", e.class, e.method).unwrap();
    }
    if let Some(h) = &c.nest_host {
        writeln!(w, "  nest host {h}").unwrap();
    }
    for (label, list) in [("nest members", &c.nest_members), ("permits", &c.permitted_subclasses)] {
        if !list.is_empty() {
            writeln!(w, "  {label} {list:?}").unwrap();
        }
    }
    for r in &c.record_components {
        let annotations: Vec<String> = r.annotations.iter().map(annotation).collect();
        writeln!(w, "  component {} {} sig={:?} {}", r.name, r.descriptor, r.signature, annotations.join(" ")).unwrap();
    }
    for f in &c.fields {
        writeln!(
            w,
            "  field 0x{:04x} {} {} sig={:?} const={:?}",
            f.access, f.name, f.descriptor, f.signature, f.constant_value
        )
        .unwrap();
        if f.deprecated_attribute {
            writeln!(w, "    Deprecated").unwrap();
        }
        for a in &f.annotations {
            writeln!(w, "    {}", annotation(a)).unwrap();
        }
    }
    for m in &c.methods {
        writeln!(w, "  method 0x{:04x} {}{} sig={:?}", m.access, m.name, m.descriptor, m.signature).unwrap();
        if !m.exceptions.is_empty() {
            writeln!(w, "    throws {:?}", m.exceptions).unwrap();
        }
        for a in &m.annotations {
            writeln!(w, "    {}", annotation(a)).unwrap();
        }
        for (i, p) in m.parameter_annotations.iter().enumerate() {
            for a in p {
                writeln!(w, "    param {i} {}", annotation(a)).unwrap();
            }
        }
        if let Some(d) = &m.annotation_default {
            writeln!(w, "    default {}", element(d)).unwrap();
        }
        if let Some(code) = &m.code {
            for r in c.refs(code) {
                let (owner, name, descriptor) = c.code_ref(r);
                let line = format!("    {:>4} L{:<3} {:?} {} {} {}", r.pc, r.line, r.kind, owner, name, descriptor);
                writeln!(w, "{}", line.trim_end()).unwrap();
            }
            for k in &code.catches {
                writeln!(
                    w,
                    "    catch {} [{}, {}) -> {} try_line={} handler_line={}",
                    k.catch_type,
                    k.start_pc,
                    k.end_pc,
                    k.handler_pc,
                    // No line: a try block ArchUnit does not record (no line entry at its start).
                    k.try_line.map_or_else(|| "none".to_string(), |l| l.to_string()),
                    k.handler_line
                )
                .unwrap();
            }
        }
    }
    out
}

#[test]
fn golden_renderings() {
    for path in [
        "fixture/Instructions.class",
        "fixture/Annotated.class",
        "fixture/Annotated$1.class",
        "fixture/Everything.class",
        "fixture/Point.class",
        "fixture/Shape.class",
        "module/module-info.class",
    ] {
        let data = bytes(path);
        let class = parse(&data, Depth::Full).unwrap();
        let name = path.rsplit('/').next().unwrap().trim_end_matches(".class").replace('$', "_");
        insta::assert_snapshot!(name, render(&class));
    }
}

#[test]
fn header_depth_skips_code() {
    let data = bytes("fixture/Instructions.class");
    let header = parse(&data, Depth::Header).unwrap();
    let full = parse(&data, Depth::Full).unwrap();
    assert!(header.methods.iter().all(|m| m.code.is_none()));
    assert!(full.methods.iter().filter(|m| m.name != "run").all(|m| m.code.is_some()));
    assert_eq!(header.methods.len(), full.methods.len());
    assert_eq!(header.fields.len(), full.fields.len());
}

#[test]
fn constant_values_use_the_field_type() {
    let data = bytes("fixture/Instructions.class");
    let class = parse(&data, Depth::Header).unwrap();
    let value = |name: &str| class.fields.iter().find(|f| f.name == name).unwrap().constant_value.clone().unwrap();
    assert_eq!(value("INT"), ConstValue::Int(100_000));
    assert_eq!(value("LONG"), ConstValue::Long(1 << 40));
    assert_eq!(value("FLOAT"), ConstValue::Float(1.5));
    assert_eq!(value("DOUBLE"), ConstValue::Double(2.25));
    assert_eq!(value("FLAG"), ConstValue::Boolean(true));
    assert_eq!(value("CHAR"), ConstValue::Char(u16::from(b'x')));
    assert_eq!(value("BYTE"), ConstValue::Byte(-3));
    assert_eq!(value("SHORT"), ConstValue::Short(300));
    // Modified UTF-8: an encoded NUL and a surrogate pair, decoded.
    assert_eq!(value("STRING"), ConstValue::String("caf\u{e9} \u{0} \u{1F600}".into()));
}

fn method<'c, 'a>(class: &'c ClassFile<'a>, name: &str) -> &'c archrules::bytecode::Method<'a> {
    class.methods.iter().find(|m| m.name == name).unwrap()
}

#[test]
fn lambdas_and_method_references_become_method_handles() {
    let data = bytes("fixture/Instructions.class");
    let class = parse(&data, Depth::Full).unwrap();
    let code = method(&class, "lambdas").code.as_ref().unwrap();
    // javac 17 targets a capturing instance lambda with REF_invokeVirtual (5), a constructor reference with
    // REF_newInvokeSpecial (8).
    let handles: Vec<(u8, bool, String)> = class
        .refs(code)
        .iter()
        .filter_map(|r| match r.kind {
            RefKind::MethodHandle { handle_kind, lambda_metafactory } => {
                let (owner, name, descriptor) = class.code_ref(r);
                Some((handle_kind, lambda_metafactory, format!("{owner}.{name}{descriptor}")))
            }
            _ => None,
        })
        .collect();
    assert_eq!(
        handles,
        [
            (8, true, "java/util/ArrayList.<init>()V".to_owned()),
            (5, true, "java/lang/String.toUpperCase()Ljava/lang/String;".to_owned()),
            (5, true, "fixture/Instructions.lambda$lambdas$0(Ljava/util/List;Ljava/util/function/Function;Ljava/lang/String;)V".to_owned()),
        ]
    );
    let sites: Vec<String> = class
        .refs(code)
        .iter()
        .filter(|r| r.kind == RefKind::InvokeDynamic)
        .map(|r| class.code_ref(r).0.into_owned())
        .collect();
    assert_eq!(sites, ["java/lang/invoke/LambdaMetafactory"; 3]);
    // String concatenation is an invokedynamic too, but its bootstrap takes no method handles.
    let concat = method(&class, "concat").code.as_ref().unwrap();
    assert_eq!(class.refs(concat).len(), 1);
    let (owner, name, _) = class.code_ref(&class.refs(concat)[0]);
    assert_eq!(owner, "java/lang/invoke/StringConcatFactory");
    assert_eq!(name, "makeConcatWithConstants");
}

#[test]
fn wide_and_switch_instructions_keep_the_scan_aligned() {
    let data = bytes("fixture/Instructions.class");
    let class = parse(&data, Depth::Full).unwrap();
    let wide = method(&class, "wide").code.as_ref().unwrap();
    let calls: Vec<(u32, String)> = class.refs(wide).iter().map(|r| (r.pc, class.code_ref(r).1.into_owned())).collect();
    // pcs as javap prints them, after dozens of `lstore_w` and an `iinc_w`.
    assert_eq!(calls, [(410, "valueOf".into()), (425, "length".into()), (432, "max".into())]);
    for name in ["tableSwitch", "lookupSwitch"] {
        assert!(class.refs(method(&class, name).code.as_ref().unwrap()).is_empty(), "{name}");
    }
}

#[test]
fn type_instructions_and_class_literals() {
    let data = bytes("fixture/Instructions.class");
    let class = parse(&data, Depth::Full).unwrap();
    let code = method(&class, "types").code.as_ref().unwrap();
    let refs: Vec<(RefKind, String)> = class
        .refs(code)
        .iter()
        .map(|r| (r.kind, class.code_ref(r)))
        .filter(|(_, (_, name, _))| name.is_empty())
        .map(|(kind, (owner, _, _))| (kind, owner.into_owned()))
        .collect();
    assert_eq!(
        refs,
        [
            (RefKind::InstanceOf, "java/lang/String".into()),
            (RefKind::CheckCast, "java/lang/String".into()),
            (RefKind::MultiANewArray, "[[Ljava/lang/String;".into()),
            (RefKind::ANewArray, "java/lang/Object".into()),
            (RefKind::LdcClass, "java/util/List".into()),
            (RefKind::LdcClass, "[I".into()),
        ]
    );
    let first_line = class.refs(code).first().unwrap().line;
    assert_eq!(first_line, 47, "the instanceof is on line 47 of Instructions.java");
}

#[test]
fn catches_carry_try_and_handler_lines() {
    let data = bytes("fixture/Instructions.class");
    let class = parse(&data, Depth::Full).unwrap();
    let code = method(&class, "catches").code.as_ref().unwrap();
    let catches: Vec<(&str, Option<u32>, u32)> =
        code.catches.iter().map(|c| (c.catch_type.as_ref(), c.try_line, c.handler_line)).collect();
    assert_eq!(
        catches,
        [
            // The try block starts at `Integer.parseInt` (line 59); handlers at the `catch` lines 60 and 62.
            ("java/lang/NumberFormatException", Some(59), 60),
            ("java/lang/IllegalStateException", Some(59), 62),
            ("java/lang/UnsupportedOperationException", Some(59), 62),
        ]
    );
}

#[test]
fn module_info_names_its_module() {
    let data = bytes("module/module-info.class");
    let class = parse(&data, Depth::Full).unwrap();
    assert_eq!(class.name, "module-info");
    assert_eq!(class.module_name.as_deref(), Some("fixture.mod"));
    assert!(class.super_class.is_none());
}
