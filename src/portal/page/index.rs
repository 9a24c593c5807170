//! `index.html` (libraries with consumers and uses by status, the fleet's chart, the first repositories and rules)
//! and `repos.html` (every repository+branch with its freshness, paginated).

use super::{count, foot, head, page_file, pager, Ctx, Depth};
use crate::portal::answers::Status;
use crate::portal::chart;
use crate::portal::html::Html;
use crate::portal::model::Repo;

/// Repositories per page of `repos.html` (and on the index).
pub const REPOS_PER_PAGE: usize = 500;
/// Rules shown on the index; `rules.html` has them all.
const RULES_ON_INDEX: usize = 10;

pub fn page(ctx: &Ctx<'_>) -> Html {
    let site = ctx.site;
    let mut h = Html::with_capacity(256 * 1024);
    head(&mut h, ctx, Depth::Top, "Libraries");
    h.raw("<h1>").text(&ctx.opts.title).raw("</h1><p class=\"summary\">");
    count(&mut h, site.libraries.len() as u64, "library", "libraries");
    h.raw(", ");
    count(&mut h, site.elements.len() as u64, "API element", "API elements");
    h.raw(", ");
    count(&mut h, site.repos.len() as u64, "repository", "repositories");
    h.raw(", ");
    count(&mut h, site.answers.who_uses.iter().map(|r| r.count).sum(), "use", "uses");
    if let Some(newest) = &site.newest_build {
        h.raw("; newest build ").text(newest);
    }
    h.raw(".</p>\n");
    if let Some(points) = site.history(None) {
        chart::uses_over_time(&mut h, &points);
    }

    h.raw("<h2 id=\"libraries\">Libraries</h2>\n");
    if site.libraries.is_empty() {
        h.raw("<p class=\"none\">No library uses in the answers.</p>\n");
    } else {
        h.raw("<table class=\"filter libraries\"><thead><tr><th>Library<th class=\"n\">Elements")
            .raw("<th class=\"n\">Consumers");
        for s in Status::ALL {
            h.raw("<th class=\"n\"><span class=\"st st-").raw(s.as_str()).raw("\">").raw(s.as_str()).raw("</span>");
        }
        h.raw("</thead><tbody>\n");
        for lib in &site.libraries {
            h.raw("<tr><td>")
                .link(&format!("lib/{}.html", lib.slug), &lib.name)
                .raw("<td class=\"n\">")
                .num(lib.elements.len() as u64)
                .raw("<td class=\"n\">")
                .num(lib.consumers);
            for u in lib.uses_by_status {
                h.raw("<td class=\"n\">");
                if u > 0 {
                    h.num(u);
                }
            }
            h.raw("\n");
        }
        h.raw("</tbody></table>\n");
    }

    h.raw("<h2 id=\"repositories\">Repositories</h2>\n");
    repos_table(&mut h, ctx, Depth::Top, &site.repos[..site.repos.len().min(REPOS_PER_PAGE)]);
    if site.repos.len() > REPOS_PER_PAGE {
        h.raw("<p>").link("repos.html", "All repositories").raw(" (");
        count(&mut h, site.repos.len() as u64, "repository", "repositories");
        h.raw(").</p>\n");
    }

    h.raw("<h2 id=\"rules\">Rules</h2>\n");
    super::rules::table(&mut h, ctx, RULES_ON_INDEX);
    if site.rules.len() > RULES_ON_INDEX {
        h.raw("<p>").link("rules.html", "All rules").raw("</p>\n");
    }
    foot(&mut h);
    h
}

/// The pages of `repos.html`: (file name, page).
pub fn repos_pages(ctx: &Ctx<'_>) -> Vec<(String, Html)> {
    let repos = &ctx.site.repos;
    let pages = repos.len().div_ceil(REPOS_PER_PAGE).max(1);
    (1..=pages)
        .map(|n| {
            let chunk = &repos[((n - 1) * REPOS_PER_PAGE).min(repos.len())..(n * REPOS_PER_PAGE).min(repos.len())];
            let mut h = Html::with_capacity(chunk.len() * 400 + 4096);
            head(&mut h, ctx, Depth::Top, "Repositories");
            h.raw("<h1>Repositories</h1><p>");
            count(&mut h, repos.len() as u64, "repository", "repositories");
            h.raw(" (repository and branch), their current snapshot and how far its build is behind the newest.</p>\n");
            pager(&mut h, "repos", n, pages);
            repos_table(&mut h, ctx, Depth::Top, chunk);
            pager(&mut h, "repos", n, pages);
            foot(&mut h);
            (page_file("repos", n), h)
        })
        .collect()
}

fn repos_table(h: &mut Html, ctx: &Ctx<'_>, depth: Depth, repos: &[Repo]) {
    if repos.is_empty() {
        h.raw("<p class=\"none\">No repositories in the answers.</p>\n");
        return;
    }
    let with_snapshots = ctx.site.answers.repos.is_some();
    h.raw("<table class=\"filter repos\"><thead><tr><th>Repository<th>Branch<th>Commit<th>Built<th>Freshness")
        .raw("<th>Classpath<th class=\"n\">Uses<th class=\"n\">Violations</thead><tbody>\n");
    for r in repos {
        h.raw("<tr><td>").raw("<a href=\"").raw(depth.root()).raw("repo/").text(&r.slug).raw(".html\">");
        h.text(r.display()).raw("</a><td>").text(r.branch.as_deref().unwrap_or("—")).raw("<td><code>");
        h.text(r.commit.as_deref().map_or("—", |c| c.get(..10).unwrap_or(c))).raw("</code>");
        match &r.snapshot {
            Some(s) => {
                h.raw("<td>").text(&s.build_time).raw("<td>");
                freshness(h, r.behind_days);
                h.raw(if s.classpath_complete { "<td>complete" } else { "<td class=\"warn\">incomplete" });
                h.raw("<td class=\"n\">").num(s.uses).raw("<td class=\"n\">").num(s.violations).raw("\n");
            }
            None => {
                let uses: u64 = r.rows.iter().map(|&i| ctx.site.row(i).count).sum();
                h.raw(if with_snapshots { "<td>—<td>no snapshot row<td>—" } else { "<td>—<td>—<td>—" });
                h.raw("<td class=\"n\">").num(uses).raw("<td class=\"n\">—\n");
            }
        }
    }
    h.raw("</tbody></table>\n");
    if !with_snapshots {
        h.raw("<p class=\"none\">The answers have no repos.jsonl: build times, classpath completeness and violation ")
            .raw("counts are not known; uses are summed from who_uses.jsonl.</p>\n");
    }
}

/// `newest`, `3 days behind`; stale (over 30 days) marked.
pub fn freshness(h: &mut Html, behind: Option<i64>) {
    match behind {
        None => h.raw("—"),
        Some(d) if d <= 0 => h.raw("<span class=\"fresh\">newest</span>"),
        Some(d) => {
            h.raw(if d > 30 { "<span class=\"stale\">" } else { "<span>" }).num(d as u64);
            h.raw(if d == 1 { " day behind</span>" } else { " days behind</span>" })
        }
    };
}
