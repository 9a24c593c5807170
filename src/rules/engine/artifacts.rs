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

/// Per input, the nested-jar chains (`""` for the input itself) and the coordinates declared in each.
#[derive(Debug, Default)]
pub struct Artifacts {
    by_input: FxHashMap<u32, Vec<(String, Vec<Coordinates>)>>,
}

/// The nested-jar chain an entry lives in: `BOOT-INF/lib/dep.jar!/` for `BOOT-INF/lib/dep.jar!/a/B.class`.
fn chain(o: &Origin) -> &str {
    o.entry.as_deref().and_then(|e| e.rfind("!/").and_then(|i| e.get(..i + 2))).unwrap_or("")
}

impl Artifacts {
    pub fn read(g: &Graph) -> Self {
        let mut by_input: FxHashMap<u32, Vec<(String, Vec<Coordinates>)>> = FxHashMap::default();
        for r in g.resources.iter().filter(|r| r.path.ends_with("pom.properties")) {
            if let Some(c) = parse_pom_properties(&String::from_utf8_lossy(&r.bytes)) {
                let chains = by_input.entry(r.origin.input.0).or_default();
                let key = chain(&r.origin);
                match chains.iter_mut().find(|(k, _)| k == key) {
                    Some((_, coords)) => coords.push(c),
                    None => chains.push((key.to_owned(), vec![c])),
                }
            }
        }
        Artifacts { by_input }
    }

    /// Every artifact the class's archive declares (a shaded jar may declare several); empty when unknown.
    pub fn of(&self, c: &Class) -> &[Coordinates] {
        let Some(o) = c.origin.as_ref() else { return &[] };
        let key = chain(o);
        self.by_input
            .get(&o.input.0)
            .and_then(|chains| chains.iter().find(|(k, _)| k == key))
            .map_or(&[], |(_, coords)| coords.as_slice())
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
