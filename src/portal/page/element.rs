//! `el/<element>.html`: every consumer of one API element (repository, module, member, file:line, first seen),
//! paginated so that a widely used element still gives small pages.

use super::{consumer_name, count, foot, head, page_file, pager, source_cell, status, verdict, Ctx, Depth};
use crate::portal::html::Html;
use crate::portal::model::Element;

/// Consumer rows per page.
pub const CONSUMERS_PER_PAGE: usize = 1_000;

/// The element's pages: (file name under `el/`, page).
pub fn pages(ctx: &Ctx<'_>, e: &Element) -> Vec<(String, Html)> {
    let pages = e.rows.len().div_ceil(CONSUMERS_PER_PAGE).max(1);
    (1..=pages).map(|n| (page_file(&e.slug, n), page(ctx, e, n, pages))).collect()
}

fn page(ctx: &Ctx<'_>, e: &Element, n: usize, pages: usize) -> Html {
    let site = ctx.site;
    let rows = &e.rows[((n - 1) * CONSUMERS_PER_PAGE).min(e.rows.len())..(n * CONSUMERS_PER_PAGE).min(e.rows.len())];
    let mut h = Html::with_capacity(rows.len() * 360 + 8192);
    head(&mut h, ctx, Depth::Sub, e.name());
    h.raw("<p class=\"crumbs\">");
    match site.library_of(e) {
        Some(lib) => h.link(&format!("../lib/{}.html", lib.slug), &lib.name),
        None => h.text(&e.library),
    };
    h.raw("</p><h1 class=\"element\">").text(e.name()).raw("</h1><p class=\"summary\">");
    status(&mut h, e.status);
    h.raw(" ");
    verdict(&mut h, e.verdict);
    h.raw(" used by ");
    count(&mut h, e.consumers, "repository", "repositories");
    h.raw(", ");
    count(&mut h, e.uses, "use", "uses");
    if e.api_member.is_some() {
        h.raw("; class ").text(&e.api_class);
    }
    h.raw(".</p>\n");
    h.raw("<h2>Consumers</h2>\n");
    if e.rows.is_empty() {
        h.raw("<p class=\"none\">No current snapshot uses it.</p>\n");
    } else {
        pager(&mut h, &e.slug, n, pages);
        h.raw("<table class=\"filter consumers\"><thead><tr><th>Repository<th>Branch<th>Module<th>Consumer<th>Use")
            .raw("<th>Source<th class=\"n\">Count<th>First seen</thead><tbody>\n");
        for &i in rows {
            let row = site.row(i);
            h.raw("<tr><td>");
            match site.repo_of(row) {
                Some(r) => h
                    .raw("<a class=\"repo\" href=\"../repo/")
                    .text(&r.slug)
                    .raw(".html\">")
                    .text(r.display())
                    .raw("</a>"),
                None => h.text(row.repository.as_deref().unwrap_or("(unknown repository)")),
            };
            h.raw("<td>")
                .text(row.branch.as_deref().unwrap_or("—"))
                .raw("<td>")
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
        pager(&mut h, &e.slug, n, pages);
    }
    foot(&mut h);
    h
}
