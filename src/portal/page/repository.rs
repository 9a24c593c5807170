//! `repo/<repository+branch>.html`: a repository's current snapshot and every library use in it, paginated.

use super::index::freshness;
use super::{consumer_name, count, foot, head, page_file, pager, source_cell, status, Ctx, Depth};
use crate::portal::html::Html;
use crate::portal::model::Repo;

/// Use rows per page.
pub const USES_PER_PAGE: usize = 1_000;

pub fn pages(ctx: &Ctx<'_>, r: &Repo) -> Vec<(String, Html)> {
    let pages = r.rows.len().div_ceil(USES_PER_PAGE).max(1);
    (1..=pages).map(|n| (page_file(&r.slug, n), page(ctx, r, n, pages))).collect()
}

fn page(ctx: &Ctx<'_>, r: &Repo, n: usize, pages: usize) -> Html {
    let site = ctx.site;
    let rows = &r.rows[((n - 1) * USES_PER_PAGE).min(r.rows.len())..(n * USES_PER_PAGE).min(r.rows.len())];
    let mut h = Html::with_capacity(rows.len() * 360 + 8192);
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
    h.raw("</dl>\n<h2>Library uses</h2>\n");
    if r.rows.is_empty() {
        h.raw("<p class=\"none\">No library use in its current snapshot.</p>\n");
    } else {
        pager(&mut h, &r.slug, n, pages);
        h.raw("<table class=\"filter uses\"><thead><tr><th>Library<th>Element<th>Status<th>Module<th>Consumer<th>Use")
            .raw("<th>Source<th class=\"n\">Count<th>First seen</thead><tbody>\n");
        let mut last: Option<(&str, &str, Option<&str>)> = None;
        let mut element_slug = String::new();
        for &i in rows {
            let row = site.row(i);
            let key = (&*row.library, &*row.api_class, row.api_member.as_deref());
            if last != Some(key) {
                element_slug = crate::portal::model::element_slug(key.0, key.1, key.2);
                last = Some(key);
            }
            h.raw("<tr><td>").text(&row.library).raw("<td><a href=\"../el/").text(&element_slug).raw(".html\">");
            h.text(row.api_member.as_deref().unwrap_or(&row.api_class)).raw("</a><td>");
            status(&mut h, row.status);
            h.raw("<td>")
                .text(row.module.as_deref().unwrap_or("—"))
                .raw("<td class=\"member\">")
                .text(consumer_name(row))
                .raw("<td>")
                .text(&row.dependency_kind)
                .raw("<td>");
            source_cell(&mut h, ctx, row);
            h.raw("<td class=\"n\">")
                .num(row.count)
                .raw("<td>")
                .text(row.first_seen.as_deref().unwrap_or("—"))
                .raw("\n");
        }
        h.raw("</tbody></table>\n");
        pager(&mut h, &r.slug, n, pages);
    }
    foot(&mut h);
    h
}
