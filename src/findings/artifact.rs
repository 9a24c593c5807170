//! Which library artifact a class comes from, and how that was found: the jar's `META-INF/maven/**/pom.properties`,
//! else its manifest's `Implementation-*`/`Bundle-*` headers, else its file name with the version split off. A jar
//! nested in a fat jar is its own artifact (grouped by input and by the nested-jar chain of the entry).

use rustc_hash::FxHashMap;

use crate::graph::{Class, Graph};
use crate::inputs::{InputKind, Origin};
use crate::rules::engine::artifacts::parse_pom_properties;

/// How the coordinates were found (the record's `coordinatesFrom`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CoordinatesFrom {
    PomProperties,
    Manifest,
    FileName,
    /// Another target of the same run, named by its path.
    Module,
    /// `--artifact GROUP:ARTIFACT:VERSION`.
    Option,
}

impl CoordinatesFrom {
    pub fn as_str(self) -> &'static str {
        match self {
            CoordinatesFrom::PomProperties => "pom.properties",
            CoordinatesFrom::Manifest => "manifest",
            CoordinatesFrom::FileName => "file-name",
            CoordinatesFrom::Module => "module",
            CoordinatesFrom::Option => "option",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Artifact {
    pub group: Option<String>,
    pub artifact: String,
    pub version: Option<String>,
    pub from: CoordinatesFrom,
    /// The input path as given (`libs/widgets-2.3.jar`), plus `!/BOOT-INF/lib/x.jar` for a nested jar.
    pub input: String,
}

impl Artifact {
    /// `pkg:maven/group/artifact@version` when the group is known.
    pub fn purl(&self) -> Option<String> {
        let group = self.group.as_deref()?;
        Some(match &self.version {
            Some(v) => format!("pkg:maven/{group}/{}@{v}", self.artifact),
            None => format!("pkg:maven/{group}/{}", self.artifact),
        })
    }
}

/// `group:artifact:version` given with `--artifact`.
pub fn parse_coordinates(text: &str) -> Option<(String, String, Option<String>)> {
    let mut parts = text.split(':');
    let (group, artifact) = (parts.next()?, parts.next()?);
    let version = parts.next().filter(|v| !v.is_empty()).map(str::to_owned);
    if group.is_empty() || artifact.is_empty() || parts.next().is_some() {
        return None;
    }
    Some((group.to_owned(), artifact.to_owned(), version))
}

/// The nested-jar chain an entry lives in: `BOOT-INF/lib/dep.jar!/` for `BOOT-INF/lib/dep.jar!/a/B.class`.
pub fn chain(o: &Origin) -> &str {
    o.entry.as_deref().and_then(|e| e.rfind("!/").and_then(|i| e.get(..i + 2))).unwrap_or("")
}

#[derive(Default)]
struct Declared {
    poms: Vec<(String, String, String)>,
    manifest: Option<String>,
}

/// The artifacts of a graph's inputs, keyed by input and nested-jar chain, decided once each.
pub struct Artifacts {
    declared: FxHashMap<(u32, String), Declared>,
    decided: FxHashMap<(u32, String), Artifact>,
}

impl Artifacts {
    pub fn read(graph: &Graph) -> Artifacts {
        let mut declared: FxHashMap<(u32, String), Declared> = FxHashMap::default();
        for r in &graph.resources {
            let key = (r.origin.input.0, chain(&r.origin).to_owned());
            if r.path.ends_with("/pom.properties") {
                if let Some(c) = parse_pom_properties(&String::from_utf8_lossy(&r.bytes)) {
                    declared.entry(key).or_default().poms.push((c.group, c.artifact, c.version));
                }
            } else if r.path == "META-INF/MANIFEST.MF" {
                declared.entry(key).or_default().manifest = Some(String::from_utf8_lossy(&r.bytes).into_owned());
            }
        }
        Artifacts { declared, decided: FxHashMap::default() }
    }

    /// The artifact `class` comes from; `None` for stubs.
    pub fn of(&mut self, graph: &Graph, class: &Class) -> Option<&Artifact> {
        let origin = class.origin.as_ref()?;
        let key = (origin.input.0, chain(origin).to_owned());
        if !self.decided.contains_key(&key) {
            let input = graph.inputs.get(origin.input.0 as usize)?;
            let path = input.path.display().to_string();
            let nested = key.1.trim_end_matches("!/");
            let shown = if nested.is_empty() { path.clone() } else { format!("{path}!/{nested}") };
            let file_name = if nested.is_empty() {
                input.path.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_else(|| path.clone())
            } else {
                nested.rsplit('/').next().unwrap_or(nested).to_owned()
            };
            let is_archive = !nested.is_empty() || matches!(input.kind, InputKind::Jar | InputKind::Jmod);
            let artifact = self
                .declared
                .get(&key)
                .and_then(|d| decide(d, &file_name, graph.str(class.package), &shown))
                .unwrap_or_else(|| from_file_name(&file_name, &shown, is_archive));
            self.decided.insert(key.clone(), artifact);
        }
        self.decided.get(&key)
    }
}

fn decide(d: &Declared, file_name: &str, package: &str, input: &str) -> Option<Artifact> {
    // A shaded jar declares its own artifact and those it swallowed: the one the file is named after, else the one
    // whose group the class's package starts with, else the first.
    let pom = d
        .poms
        .iter()
        .find(|(_, a, _)| file_name.starts_with(a.as_str()))
        .or_else(|| d.poms.iter().find(|(g, _, _)| package.starts_with(g.as_str())))
        .or_else(|| d.poms.first());
    if let Some((g, a, v)) = pom {
        return Some(Artifact {
            group: Some(g.clone()),
            artifact: a.clone(),
            version: Some(v.clone()).filter(|v| !v.is_empty()),
            from: CoordinatesFrom::PomProperties,
            input: input.to_owned(),
        });
    }
    let headers = manifest_headers(d.manifest.as_deref()?);
    let get = |k: &str| headers.iter().find(|(h, _)| h.eq_ignore_ascii_case(k)).map(|(_, v)| v.clone());
    // OSGi's symbolic name is the artifact's identity where present (`com.google.guava`, `; singleton:=true` cut).
    let artifact = get("Bundle-SymbolicName")
        .map(|s| s.split(';').next().unwrap_or_default().trim().to_owned())
        .or_else(|| get("Implementation-Title"))
        .filter(|a| !a.is_empty())?;
    Some(Artifact {
        group: get("Implementation-Vendor-Id").filter(|g| !g.is_empty()),
        artifact,
        version: get("Bundle-Version").or_else(|| get("Implementation-Version")).filter(|v| !v.is_empty()),
        from: CoordinatesFrom::Manifest,
        input: input.to_owned(),
    })
}

/// Main-section headers of a manifest. Lines wrap at 72 bytes, anywhere (a name too): continuation lines (a
/// leading space) are joined before a line is split at its `:`.
fn manifest_headers(text: &str) -> Vec<(String, String)> {
    let mut logical: Vec<String> = Vec::new();
    for line in text.lines() {
        if line.is_empty() {
            break; // the main section ends at the first blank line
        }
        match (line.strip_prefix(' '), logical.last_mut()) {
            (Some(rest), Some(last)) => last.push_str(rest),
            _ => logical.push(line.to_owned()),
        }
    }
    logical.iter().filter_map(|l| l.split_once(':')).map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned())).collect()
}

/// `widgets-2.3.jar` → `widgets` 2.3; `spark-core_2.12-3.5.1.jar` → `spark-core_2.12` 3.5.1 (the version starts at
/// the first `-` followed by a digit); a directory keeps its path as the artifact, with no version.
pub fn from_file_name(file_name: &str, input: &str, is_archive: bool) -> Artifact {
    let (artifact, version) = if is_archive { split_version(file_name) } else { (input.to_owned(), None) };
    Artifact { group: None, artifact, version, from: CoordinatesFrom::FileName, input: input.to_owned() }
}

fn split_version(file_name: &str) -> (String, Option<String>) {
    let stem =
        [".jar", ".jmod", ".war", ".zip"].iter().find_map(|ext| file_name.strip_suffix(ext)).unwrap_or(file_name);
    let bytes = stem.as_bytes();
    let split = (0..bytes.len()).find(|&i| bytes[i] == b'-' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit));
    match split {
        Some(i) => (stem[..i].to_owned(), Some(stem[i + 1..].to_owned())),
        None => (stem.to_owned(), None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_split_at_the_first_dash_before_a_digit() {
        assert_eq!(split_version("widgets-2.3.jar"), ("widgets".into(), Some("2.3".into())));
        assert_eq!(split_version("spark-core_2.12-3.5.1.jar"), ("spark-core_2.12".into(), Some("3.5.1".into())));
        assert_eq!(split_version("guava.jar"), ("guava".into(), None));
    }

    #[test]
    fn manifests_give_symbolic_name_vendor_and_version() {
        let d = Declared {
            poms: Vec::new(),
            manifest: Some(
                "Manifest-Version: 1.0\r\nBundle-SymbolicName: com.google.guava; singleton:=true\r\nBundle-Versi\r\n on: 31.1\r\nImplementation-Vendor-Id: com.google\r\n\r\nName: x\r\n".into(),
            ),
        };
        let a = decide(&d, "guava.jar", "com.google.common", "lib/guava.jar").unwrap();
        assert_eq!((a.group.as_deref(), a.artifact.as_str()), (Some("com.google"), "com.google.guava"));
        assert_eq!((a.version.as_deref(), a.from), (Some("31.1"), CoordinatesFrom::Manifest));
        assert_eq!(a.purl().as_deref(), Some("pkg:maven/com.google/com.google.guava@31.1"));
    }

    #[test]
    fn coordinates_need_group_and_artifact() {
        assert_eq!(parse_coordinates("g:a:1"), Some(("g".into(), "a".into(), Some("1".into()))));
        assert_eq!(parse_coordinates("g:a"), Some(("g".into(), "a".into(), None)));
        assert_eq!(parse_coordinates("a"), None);
        assert_eq!(parse_coordinates("g:a:1:x"), None);
    }
}
