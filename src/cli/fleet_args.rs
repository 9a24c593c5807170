//! The flags of the fleet record and the build identity it carries: each of repository, commit and branch comes
//! from its flag, else the CI's variables (GitHub Actions, GitLab CI, Jenkins, CircleCI, Buildkite), else `git` in
//! the working directory; none found is a warning and null, never a guess. The build time is `--build-time`, else
//! `SOURCE_DATE_EPOCH`, else now.

use std::process::Command;
use std::time::{SystemTime, UNIX_EPOCH};

use crate::findings::fleet::FleetUses;
use crate::report::BuildIdentity;

#[derive(Debug, Clone, Copy, Default, clap::ValueEnum)]
pub enum FleetUsesArg {
    /// Uses of deprecated, experimental and internal elements only.
    #[default]
    Marked,
    /// Every use of a library element (who calls this at all).
    All,
}

impl From<FleetUsesArg> for FleetUses {
    fn from(a: FleetUsesArg) -> Self {
        match a {
            FleetUsesArg::Marked => FleetUses::Marked,
            FleetUsesArg::All => FleetUses::All,
        }
    }
}

#[derive(Debug, Clone, Default, clap::Args)]
pub struct FleetArgs {
    /// Fleet record: which library uses become rows.
    #[arg(long, value_enum, default_value = "marked")]
    pub fleet_uses: FleetUsesArg,
    /// Fleet record: the repository (`github.com/acme/shop`); default from CI variables, else `git remote`.
    #[arg(long, value_name = "NAME")]
    pub repository: Option<String>,
    /// Fleet record: the commit; default from CI variables, else `git rev-parse HEAD`.
    #[arg(long, value_name = "SHA")]
    pub commit: Option<String>,
    /// Fleet record: the branch; default from CI variables, else `git rev-parse --abbrev-ref HEAD`.
    #[arg(long, value_name = "NAME")]
    pub branch: Option<String>,
    /// Fleet record: the build time, RFC 3339 (`2026-12-06T20:13:22Z`) or seconds since the epoch; default
    /// `SOURCE_DATE_EPOCH`, else now.
    #[arg(long, value_name = "TIME")]
    pub build_time: Option<String>,
    /// Fleet record: the targets' own coordinates, GROUP:ARTIFACT[:VERSION], for targets that declare none
    /// (class directories, jars without pom.properties or manifest headers).
    #[arg(long, value_name = "GROUP:ARTIFACT:VERSION")]
    pub artifact: Option<String>,
}

/// The variables each CI sets, in the order they are tried: (repository, commit, branch).
fn from_ci(var: &dyn Fn(&str) -> Option<String>) -> (Option<String>, Option<String>, Option<String>) {
    let get = |names: &[&str]| names.iter().find_map(|n| var(n).filter(|v| !v.is_empty()));
    if var("GITHUB_ACTIONS").is_some() {
        let host = var("GITHUB_SERVER_URL").map_or_else(|| "github.com".to_owned(), |u| reduce_url(&u));
        let repo = get(&["GITHUB_REPOSITORY"]).map(|r| format!("{host}/{r}"));
        // On pull requests GITHUB_REF_NAME is `123/merge`: the head branch is the one built.
        return (repo, get(&["GITHUB_SHA"]), get(&["GITHUB_HEAD_REF", "GITHUB_REF_NAME"]));
    }
    if var("GITLAB_CI").is_some() {
        let host = get(&["CI_SERVER_HOST"]).unwrap_or_else(|| "gitlab.com".to_owned());
        let repo = get(&["CI_PROJECT_PATH"]).map(|p| format!("{host}/{p}"));
        return (repo, get(&["CI_COMMIT_SHA"]), get(&["CI_COMMIT_BRANCH", "CI_COMMIT_REF_NAME"]));
    }
    if var("CIRCLECI").is_some() {
        let repo = get(&["CIRCLE_REPOSITORY_URL"]).map(|u| reduce_url(&u));
        return (repo, get(&["CIRCLE_SHA1"]), get(&["CIRCLE_BRANCH"]));
    }
    if var("BUILDKITE").is_some() {
        let repo = get(&["BUILDKITE_REPO"]).map(|u| reduce_url(&u));
        return (repo, get(&["BUILDKITE_COMMIT"]), get(&["BUILDKITE_BRANCH"]));
    }
    if var("JENKINS_URL").is_some() || var("JENKINS_HOME").is_some() {
        let repo = get(&["GIT_URL"]).map(|u| reduce_url(&u));
        let branch = get(&["BRANCH_NAME", "GIT_BRANCH"]).map(|b| b.strip_prefix("origin/").unwrap_or(&b).to_owned());
        return (repo, get(&["GIT_COMMIT"]), branch);
    }
    (None, None, None)
}

/// `git@github.com:acme/shop.git`, `https://user@github.com/acme/shop.git`, `ssh://git@host:22/acme/shop` →
/// `github.com/acme/shop`.
pub fn reduce_url(url: &str) -> String {
    let url = url.trim();
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let rest = rest.rsplit_once('@').map_or(rest, |(_, r)| r);
    // scp-like `host:owner/name`; a port (`host:22/owner`) is dropped.
    let (host, path) = rest.split_once(['/', ':']).unwrap_or((rest, ""));
    let path = path.trim_start_matches(|c: char| c.is_ascii_digit()).trim_start_matches('/');
    let path = path.trim_end_matches('/').trim_end_matches(".git");
    if path.is_empty() {
        host.to_owned()
    } else {
        format!("{host}/{path}")
    }
}

fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git").args(args).stderr(std::process::Stdio::null()).output().ok()?;
    let text = String::from_utf8(out.stdout).ok()?.trim().to_owned();
    (out.status.success() && !text.is_empty()).then_some(text)
}

impl FleetArgs {
    /// The identity of this build, with a warning for each field found nowhere.
    pub fn identity(&self, warnings: &mut Vec<String>) -> Result<BuildIdentity, String> {
        let var = |n: &str| std::env::var(n).ok();
        let (ci_repo, ci_commit, ci_branch) = from_ci(&var);
        let repository = self
            .repository
            .clone()
            .or(ci_repo)
            .or_else(|| git(&["remote", "get-url", "origin"]).map(|u| reduce_url(&u)));
        let commit = self.commit.clone().or(ci_commit).or_else(|| git(&["rev-parse", "HEAD"]));
        // A detached HEAD names no branch: `HEAD` is no branch name.
        let branch = self
            .branch
            .clone()
            .or(ci_branch)
            .or_else(|| git(&["rev-parse", "--abbrev-ref", "HEAD"]).filter(|b| b != "HEAD"));
        for (field, value, flag) in [
            ("repository", &repository, "--repository"),
            ("commit", &commit, "--commit"),
            ("branch", &branch, "--branch"),
        ] {
            if value.is_none() {
                warnings
                    .push(format!("fleet record: no {field} from {flag}, CI variables or git; the rows carry null"));
            }
        }
        let build_time = match (&self.build_time, var("SOURCE_DATE_EPOCH")) {
            (Some(t), _) => {
                parse_time(t).ok_or_else(|| format!("--build-time '{t}' is neither RFC 3339 nor epoch seconds"))?
            }
            (None, Some(epoch)) => {
                parse_time(&epoch).ok_or_else(|| format!("SOURCE_DATE_EPOCH '{epoch}' is not a number of seconds"))?
            }
            (None, None) => rfc3339(SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)),
        };
        Ok(BuildIdentity { repository, commit, branch, build_time })
    }
}

/// Epoch seconds, or RFC 3339 with `Z` or an offset (fractions dropped), as RFC 3339 UTC with seconds.
fn parse_time(text: &str) -> Option<String> {
    let text = text.trim();
    if let Ok(secs) = text.parse::<i64>() {
        return Some(rfc3339(secs));
    }
    let b = text.as_bytes();
    let num = |r: std::ops::Range<usize>| text.get(r)?.parse::<i64>().ok();
    if b.len() < 20
        || b.get(4) != Some(&b'-')
        || b.get(7) != Some(&b'-')
        || !matches!(b.get(10), Some(b'T' | b't' | b' '))
    {
        return None;
    }
    let (y, mo, d, h, mi, s) = (num(0..4)?, num(5..7)?, num(8..10)?, num(11..13)?, num(14..16)?, num(17..19)?);
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || s > 60 {
        return None;
    }
    let mut rest = &text[19..];
    if let Some(fraction) = rest.strip_prefix('.') {
        rest = fraction.trim_start_matches(|c: char| c.is_ascii_digit());
    }
    let offset = match rest {
        "Z" | "z" => 0,
        _ if rest.len() == 6 && matches!(rest.as_bytes()[0], b'+' | b'-') => {
            let sign = if rest.starts_with('-') { -1 } else { 1 };
            sign * (rest.get(1..3)?.parse::<i64>().ok()? * 3600 + rest.get(4..6)?.parse::<i64>().ok()? * 60)
        }
        _ => return None,
    };
    Some(rfc3339(days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s - offset))
}

/// Howard Hinnant's `days_from_civil`: days since 1970-01-01 of a proleptic Gregorian date.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

/// `2026-12-06T20:13:22Z` from epoch seconds (Hinnant's `civil_from_days`).
pub fn rfc3339(secs: i64) -> String {
    let (days, rem) = (secs.div_euclid(86400), secs.rem_euclid(86400));
    let z = days + 719468;
    let era = z.div_euclid(146097);
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", rem / 3600, rem % 3600 / 60, rem % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_become_rfc3339_utc_seconds() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(parse_time("1796760802").as_deref(), Some("2026-12-08T20:13:22Z"));
        assert_eq!(parse_time("2026-12-06T20:13:22Z").as_deref(), Some("2026-12-06T20:13:22Z"));
        assert_eq!(parse_time("2026-12-06T21:13:22.517+01:00").as_deref(), Some("2026-12-06T20:13:22Z"));
        assert_eq!(parse_time("2024-02-29T00:00:00Z").as_deref(), Some("2024-02-29T00:00:00Z"));
        assert_eq!(parse_time("yesterday"), None);
    }

    #[test]
    fn remote_urls_reduce_to_host_owner_name() {
        assert_eq!(reduce_url("git@github.com:acme/shop.git"), "github.com/acme/shop");
        assert_eq!(reduce_url("https://user:tok@github.com/acme/shop.git"), "github.com/acme/shop");
        assert_eq!(reduce_url("ssh://git@gitlab.example.com:2222/team/shop"), "gitlab.example.com/team/shop");
        assert_eq!(reduce_url("https://github.com"), "github.com");
    }

    #[test]
    fn ci_variables_name_the_build() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |n: &str| pairs.iter().find(|(k, _)| *k == n).map(|(_, v)| (*v).to_owned())
        };
        let gh = env(&[
            ("GITHUB_ACTIONS", "true"),
            ("GITHUB_SERVER_URL", "https://github.com"),
            ("GITHUB_REPOSITORY", "acme/shop"),
            ("GITHUB_SHA", "abc"),
            ("GITHUB_REF_NAME", "main"),
        ]);
        assert_eq!(from_ci(&gh), (Some("github.com/acme/shop".into()), Some("abc".into()), Some("main".into())));
        let jenkins = env(&[
            ("JENKINS_URL", "x"),
            ("GIT_URL", "git@h:o/n.git"),
            ("GIT_COMMIT", "c"),
            ("GIT_BRANCH", "origin/dev"),
        ]);
        assert_eq!(from_ci(&jenkins), (Some("h/o/n".into()), Some("c".into()), Some("dev".into())));
        let gitlab = env(&[
            ("GITLAB_CI", "true"),
            ("CI_PROJECT_PATH", "g/p"),
            ("CI_COMMIT_SHA", "s"),
            ("CI_COMMIT_REF_NAME", "b"),
        ]);
        assert_eq!(from_ci(&gitlab), (Some("gitlab.com/g/p".into()), Some("s".into()), Some("b".into())));
        assert_eq!(from_ci(&env(&[])), (None, None, None));
    }
}
