//! The packs shipped inside the binary: ports of Nebula ArchRules' OSS libraries, plus the API lifecycle pack.
//! The `.arch` files live in `rules/` and are embedded at compile time.

use super::{PackOrigin, PackSource};

/// One embedded `.arch` file.
#[derive(Debug, Clone, Copy)]
pub struct Bundled {
    /// File name under `rules/`.
    pub file: &'static str,
    /// The pack id the file declares (checked by a test).
    pub id: &'static str,
    /// Runs unless disabled; the others run only when enabled by id.
    pub default_enabled: bool,
    pub text: &'static str,
}

macro_rules! bundled {
    ($($file:literal => $id:literal, $default:expr;)*) => {
        /// Every bundled pack, in the order reports list them.
        pub static BUNDLED: &[Bundled] = &[
            $(Bundled { file: $file, id: $id, default_enabled: $default, text: include_str!(concat!("../../rules/", $file)) },)*
        ];
    };
}

bundled! {
    "deprecation.arch" => "archrules.deprecation", true;
    "lifecycle.arch" => "archrules.lifecycle", true;
    "guava.arch" => "archrules.guava", true;
    "guava-jdk7.arch" => "archrules.guava.jdk7", true;
    "guava-jdk8.arch" => "archrules.guava.jdk8", true;
    "guava-jdk9.arch" => "archrules.guava.jdk9", true;
    "joda.arch" => "archrules.joda", true;
    "nullability.arch" => "archrules.nullability", true;
    "security.arch" => "archrules.security", true;
    "javax.arch" => "archrules.javax", false;
    "spring.arch" => "archrules.spring", false;
    "testing.arch" => "archrules.testing", false;
    "gradle.arch" => "archrules.gradle", false;
}

impl Bundled {
    pub fn source(&self) -> PackSource {
        PackSource {
            name: format!("rules/{}", self.file),
            text: self.text.to_owned(),
            origin: PackOrigin::Bundled { file: self.file },
        }
    }

    /// The bundled pack with this id.
    pub fn by_id(id: &str) -> Option<&'static Bundled> {
        BUNDLED.iter().find(|b| b.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bundled_file_declares_its_listed_id() {
        for b in BUNDLED {
            let header = format!("pack \"{}\" {{", b.id);
            assert!(b.text.contains(&header), "rules/{} does not declare {}", b.file, header);
        }
    }

    #[test]
    fn every_bundled_pack_lowers_with_the_dsl() {
        for b in BUNDLED {
            let loaded = b.source().load(crate::packs::dsl_parse, &Default::default());
            let loaded = loaded.unwrap_or_else(|e| panic!("{:?}", e.into_report()));
            assert_eq!(loaded.pack.id, b.id);
            assert!(!loaded.pack.rules.is_empty(), "{} has no rules", b.file);
            for rule in &loaded.pack.rules {
                assert_eq!(rule.pack, b.id);
                assert!(rule.source.is_some(), "{}: {} keeps its DSL text for explain", b.file, rule.name);
            }
        }
    }

    #[test]
    fn rule_counts_match_the_ported_libraries() {
        let count = |id: &str| {
            let b = Bundled::by_id(id).unwrap();
            b.source().load(crate::packs::dsl_parse, &Default::default()).unwrap().pack.rules.len()
        };
        // Nebula: DeprecationRule 2, GuavaRules 2, NebulaNullabilityArchRules 7, CveArchRules 5, JavaxRule 1,
        // SpringBestPractices 1, JUnit4 + Testcontainers 1x/2x 5, GradlePluginBestPractices 23.
        let counts: Vec<usize> =
            ["archrules.deprecation", "archrules.guava", "archrules.nullability", "archrules.security"]
                .into_iter()
                .chain(["archrules.javax", "archrules.spring", "archrules.testing", "archrules.gradle"])
                .map(count)
                .collect();
        assert_eq!(counts, vec![2, 2, 7, 5, 1, 1, 5, 23]);
    }

    #[test]
    fn every_rules_file_is_bundled() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/rules");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|n| n.ends_with(".arch"))
            .collect();
        on_disk.sort();
        let mut bundled: Vec<String> = BUNDLED.iter().map(|b| b.file.to_owned()).collect();
        bundled.sort();
        assert_eq!(on_disk, bundled);
    }

    #[test]
    fn the_default_set_is_nebulas_generally_useful_packs() {
        let defaults: Vec<&str> = BUNDLED.iter().filter(|b| b.default_enabled).map(|b| b.id).collect();
        assert_eq!(
            defaults,
            vec![
                "archrules.deprecation",
                "archrules.lifecycle",
                "archrules.guava",
                "archrules.guava.jdk7",
                "archrules.guava.jdk8",
                "archrules.guava.jdk9",
                "archrules.joda",
                "archrules.nullability",
                "archrules.security",
            ]
        );
    }
}

/// GitHub code scanning's `security-severity` (the CVSS v3 base score NVD gives) for the bundled CVE rules, for
/// [`crate::findings::RuleInfo::security_severity`] and SARIF.
pub fn security_severity(pack: &str, rule: &str) -> Option<f32> {
    if pack != "archrules.security" {
        return None;
    }
    match rule {
        "CVE-2020-29582" => Some(5.3),
        "CVE-2023-2976" => Some(7.1),
        "CVE-2020-8908" => Some(3.3),
        "CVE-2018-10237" => Some(5.9),
        "CVE-2024-6763" => Some(3.7),
        _ => None,
    }
}

#[cfg(test)]
mod severity_tests {
    #[test]
    fn every_cve_rule_has_a_security_severity() {
        let text = super::Bundled::by_id("archrules.security").unwrap().text;
        let names: Vec<&str> = text.lines().filter_map(|l| l.strip_prefix("rule \"")?.split('"').next()).collect();
        assert_eq!(names.len(), 5);
        for n in names {
            assert!(super::security_severity("archrules.security", n).is_some(), "{n}");
        }
        assert_eq!(super::security_severity("archrules.guava", "CVE-2020-8908"), None);
    }
}
