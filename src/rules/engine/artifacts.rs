//! Maven coordinates of the inputs, from the `META-INF/maven/**/pom.properties` resources the inputs layer kept,
//! for `fromArtifact(..)`. A jar nested in a fat jar is its own artifact: classes and resources are grouped by
//! input and by the nested-jar chain of their entry (`BOOT-INF/lib/dep.jar!/`).

use rustc_hash::FxHashMap;

use crate::graph::{Class, Graph};
use crate::inputs::Origin;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coordinates {
    pub group: String,
    pub artifact: String,
    pub version: String,
}

#[derive(Debug, Default)]
pub struct Artifacts {
    by_archive: FxHashMap<(u32, String), Vec<Coordinates>>,
}

/// The input and nested-jar chain an entry lives in.
fn archive_key(o: &Origin) -> (u32, String) {
    let chain = o.entry.as_deref().and_then(|e| e.rfind("!/").map(|i| &e[..i + 2])).unwrap_or("");
    (o.input.0, chain.to_owned())
}

impl Artifacts {
    pub fn read(g: &Graph) -> Self {
        let mut by_archive: FxHashMap<(u32, String), Vec<Coordinates>> = FxHashMap::default();
        for r in g.resources.iter().filter(|r| r.path.ends_with("pom.properties")) {
            if let Some(c) = parse_pom_properties(&String::from_utf8_lossy(&r.bytes)) {
                by_archive.entry(archive_key(&r.origin)).or_default().push(c);
            }
        }
        Artifacts { by_archive }
    }

    /// Every artifact the class's archive declares (a shaded jar may declare several); empty when unknown.
    pub fn of(&self, c: &Class) -> &[Coordinates] {
        c.origin.as_ref().and_then(|o| self.by_archive.get(&archive_key(o))).map_or(&[], Vec::as_slice)
    }
}

/// `groupId`, `artifactId` and `version` from Java properties text (`key=value` or `key: value`, `#` comments).
pub fn parse_pom_properties(text: &str) -> Option<Coordinates> {
    let (mut group, mut artifact, mut version) = (None, None, None);
    for line in text.lines().map(str::trim) {
        if line.starts_with(['#', '!']) {
            continue;
        }
        let Some(i) = line.find(['=', ':']) else { continue };
        let (key, value) = (line[..i].trim(), line[i + 1..].trim().to_owned());
        match key {
            "groupId" => group = Some(value),
            "artifactId" => artifact = Some(value),
            "version" => version = Some(value),
            _ => {}
        }
    }
    Some(Coordinates { group: group?, artifact: artifact?, version: version.unwrap_or_default() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pom_properties_parse_with_comments_and_colons() {
        let c = parse_pom_properties("#Generated\nversion=1.2.3\ngroupId = com.example\nartifactId: rules-lib\n");
        assert_eq!(
            c,
            Some(Coordinates { group: "com.example".into(), artifact: "rules-lib".into(), version: "1.2.3".into() })
        );
        assert_eq!(parse_pom_properties("groupId=x\n"), None);
    }
}
