//! `repo/<repository+branch>.html`: a repository's current snapshot and the library elements it uses, one row per
//! element (its consumer members are on the element's page: listing them here too doubled the site's size).

use super::index::freshness;
use super::{count, foot, head, page_file, pager, status, Ctx, Depth};
use crate::portal::answers::WhoUses;
use crate::portal::html::Html;
use crate::portal::model::{element_slug, Repo};

/// Elements per page.
pub const ELEMENTS_PER_PAGE: usize = 1_000;

/// The rows of one element used by the repository: consecutive in `Repo::rows`, which is sorted by element.
struct Used<'a> {
    first: &'a WhoUses,
    members: u64,
    uses: u64,
    first_seen: Option<&'a str>,
}

fn used<'a>(ctx: &Ctx<'a>, r: &Repo) -> Vec<Used<'a>> {
    let mut out: Vec<Used<'a>> = Vec::new();
    for &i in &r.rows {
        let row = ctx.site.row(i);
        let same = out.last().is_some_and(|u| {
            (&u.first.library, &u.first.api_class, &u.first.api_member)
                == (&row.library, &row.api_class, &row.api_member)
        });
        if !same {
            out.push(Used { first: row, members: 0, uses: 0, first_seen: None });
        }
        let u = out.last_mut().expect("pushed above");
        u.members += 1;
        u.uses += row.count;
        if let Some(seen) = row.first_seen.as_deref() {
            if u.first_seen.is_none_or(|s| seen < s) {
                u.first_seen = Some(seen);
            }
        }
    }
    out
}

pub fn pages(ctx: &Ctx<'_>, r: &Repo) -> Vec<(String, Html)> {
    let used = used(ctx, r);
    let pages = used.len().div_ceil(ELEMENTS_PER_PAGE).max(1);
    (1..=pages).map(|n| (page_file(&r.slug, n), page(ctx, r, &used, n, pages))).collect()
}

fn page(ctx: &Ctx<'_>, r: &Repo, used: &[Used<'_>], n: usize, pages: usize) -> Html {
    let site = ctx.site;
    let shown = &used[((n - 1) * ELEMENTS_PER_PAGE).min(used.len())..(n * ELEMENTS_PER_PAGE).min(used.len())];
    let mut h = Html::with_capacity(shown.len() * 300 + 8192);
    head(&mut h, ctx, Depth::Sub, r.display());
    h.raw("<h1 class=\"repository\">").text(r.display()).raw("</h1>\n<dl class=\"snapshot\"><dt>Branch<dd>");
    h.text(r.branch.as_deref().unwrap_or("—")).raw("<dt>Commit<dd><code>").text(r.commit.as_deref().unwrap_or("—"));
    h.raw("</code>");
    if let Some(s) = &r.snapshot {
        h.raw("<dt>Built<dd>").text(&s.build_time).raw(" (");
        freshness(&mut h, r.behind_days);
        h.raw(")<dt>Modules<dd>");
        for (i, m) in s.modules.iter().enumerate() {
            if i > 0 {
                h.raw(", ");
            }
            h.raw("<code>").text(m).raw("</code>");
        }
        h.raw("<dt>Classpath<dd>");
        h.raw(if s.classpath_complete {
            "complete"
        } else {
            "<span class=\"warn\">incomplete: some referenced classes were not found, so uses may be undercounted</span>"
        });
        h.raw("<dt>Violations<dd>").num(s.violations);
    }
    h.raw("<dt>Uses<dd>");
    count(&mut h, r.rows.iter().map(|&i| site.row(i).count).sum(), "use", "uses");
    h.raw(" of ");
    count(&mut h, used.len() as u64, "library element", "library elements");
    h.raw("</dl>\n<h2>Library elements used</h2>\n");
    if used.is_empty() {
        h.raw("<p class=\"none\">No library use in its current snapshot.</p>\n");
    } else {
        pager(&mut h, &r.slug, n, pages);
        h.raw("<table class=\"filter uses\"><thead><tr><th>Library<th>Element<th>Status<th class=\"n\">Consumers")
            .raw("<th class=\"n\">Uses<th>First seen</thead><tbody>\n");
        for u in shown {
            let row = u.first;
            let slug = element_slug(&row.library, &row.api_class, row.api_member.as_deref());
            h.raw("<tr><td>").text(&row.library).raw("<td><a href=\"../el/").text(&slug).raw(".html\">");
            h.text(row.api_member.as_deref().unwrap_or(&row.api_class)).raw("</a><td>");
            status(&mut h, row.status);
            h.raw("<td class=\"n\">").num(u.members).raw("<td class=\"n\">").num(u.uses);
            h.raw("<td>").text(u.first_seen.unwrap_or("—")).raw("\n");
        }
        h.raw("</tbody></table>\n");
        pager(&mut h, &r.slug, n, pages);
    }
    foot(&mut h);
    h
}
