use super::*;

fn field(text: &str) -> JavaType<'_> {
    JavaType::parse_field(text).unwrap()
}

#[test]
fn renders_in_archunit_generic_naming() {
    let t = field("Lcom/google/common/reflect/TypeCapture<Ljava/util/Map$Entry<Ljava/lang/String;[[I>;>;");
    assert_eq!(t.to_string(), "com.google.common.reflect.TypeCapture<java.util.Map$Entry<java.lang.String, int[][]>>");
    let t = field("Ljava/util/function/Function<Ljava/util/List<TO;>;[TO;>;");
    assert_eq!(t.to_string(), "java.util.function.Function<java.util.List<O>, O[]>");
    let t = field("Ljava/util/Map<*+Ljava/lang/Number;-TT;>;");
    assert_eq!(t.to_string(), "java.util.Map<?, ? extends java.lang.Number, ? super T>");
    assert_eq!(field("[Ljava/lang/Object;").to_string(), "java.lang.Object[]");
    assert_eq!(field("TT;").to_string(), "T");
}

#[test]
fn type_argument_classes_follow_rule_14() {
    let t = field("Lcom/google/common/reflect/TypeCapture<Ljava/util/Map$Entry<Ljava/lang/String;[[I>;>;");
    assert_eq!(t.type_argument_classes(), ["java.util.Map$Entry", "java.lang.String", "[[I"]);
    // Generic arrays and type variables give nothing; the outer type itself is not listed.
    let t = field("Ljava/util/function/Function<Ljava/util/List<TO;>;[TO;>;");
    assert_eq!(t.type_argument_classes(), ["java.util.List"]);
    // Wildcard bounds are followed.
    let t = field("Ljava/util/Set<+Lcom/x/TypeToken<-TT;>;>;");
    assert_eq!(t.type_argument_classes(), ["com.x.TypeToken"]);
    let t = field("Ljava/util/List<[Ljava/lang/String;>;");
    assert_eq!(t.type_argument_classes(), ["[Ljava.lang.String;"]);
    let t = field("Ljava/util/List<[Ljava/util/List<TT;>;>;");
    assert!(t.type_argument_classes().is_empty());
}

#[test]
fn inner_class_segments() {
    let t = field("Lcom/x/Outer<TT;>.Inner<Ljava/lang/String;>;");
    let JavaType::Class(c) = &t else { panic!("{t:?}") };
    assert_eq!(c.segments().count(), 2);
    assert_eq!(c.binary_name(), "com.x.Outer$Inner");
    // ArchUnit's two readings of an inner class type (see `ClassType::write_generic`).
    assert_eq!(t.to_string(), "com.x.Outer<T, java.lang.String>");
    let mut declared = String::new();
    c.write_declared_generic(&mut declared).unwrap();
    assert_eq!(declared, "com.x.Outer$Inner<java.lang.String>");
}

#[test]
fn class_signatures_with_bounds() {
    let s = ClassSignature::parse(
        "<C::Ljava/lang/Comparable<-TC;>;T:Ljava/lang/Object;>Ljava/lang/Object;Lcom/x/RangeSet<TC;>;",
    )
    .unwrap();
    assert_eq!(s.type_parameters.len(), 2);
    let c = &s.type_parameters[0];
    assert_eq!(c.name, "C");
    assert!(c.class_bound.is_none());
    assert_eq!(c.interface_bounds[0].to_string(), "java.lang.Comparable<? super C>");
    assert_eq!(s.type_parameters[1].bounds().map(|b| b.to_string()).collect::<Vec<_>>(), ["java.lang.Object"]);
    assert_eq!(s.superclass.to_string(), "java.lang.Object");
    assert_eq!(s.interfaces[0].to_string(), "com.x.RangeSet<C>");
}

#[test]
fn method_signatures() {
    let m =
        MethodSignature::parse("<T:Ljava/lang/Object;>([TT;I)Ljava/util/List<TT;>;^Ljava/io/IOException;^TX;").unwrap();
    assert_eq!(m.type_parameters[0].name, "T");
    assert_eq!(m.parameters.iter().map(|p| p.to_string()).collect::<Vec<_>>(), ["T[]", "int"]);
    assert_eq!(m.return_type.to_string(), "java.util.List<T>");
    assert_eq!(m.throws.iter().map(|p| p.to_string()).collect::<Vec<_>>(), ["java.io.IOException", "X"]);
    let m = MethodSignature::parse("()V").unwrap();
    assert_eq!(m.return_type, JavaType::Primitive(Primitive::Void));
}

#[test]
fn malformed_signatures_are_errors() {
    for bad in [
        "",
        "L;",
        "Ljava/util/List<>;",
        "Ljava/util/List<TT;",
        "TT",
        "[V",
        "Ljava/lang/Object;x",
        "<T>Ljava/lang/Object;",
        "(I",
        "()",
        "()V^",
    ] {
        assert!(JavaType::parse_field(bad).is_err() && MethodSignature::parse(bad).is_err(), "{bad}");
    }
    assert!(ClassSignature::parse("<T:>Ljava/lang/Object;").is_ok());
    // Deep nesting is an error, not a stack overflow.
    let deep = format!("{}I", "[".repeat(10_000));
    assert!(JavaType::parse_field(&deep).is_err());
    let deep = format!("{}Ljava/lang/Object;{}", "Ljava/util/List<".repeat(5_000), ">;".repeat(5_000));
    assert!(JavaType::parse_field(&deep).is_err());
}
