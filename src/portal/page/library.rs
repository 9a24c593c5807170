//! `lib/<library>.html`: a library's marked API elements grouped by status with consumer counts, what is safe to
//! remove and what blocks removal (and who), and the library's uses over time.

use rustc_hash::FxHashSet;

use super::{count, foot, head, status, verdict, Ctx, Depth};
use crate::portal::answers::{Status, Verdict};
use crate::portal::chart;
use crate::portal::html::Html;
use crate::portal::model::{Element, Library};

/// Repositories named per blocking element; the element's page lists them all.
const BLOCKERS_SHOWN: usize = 20;
/// Elements per status listed on the page; more are reachable through the search box and the element pages.
const ELEMENTS_PER_STATUS: usize = 2_000;

pub fn page(ctx: &Ctx<'_>, lib: &Library) -> Html {
    let site = ctx.site;
    let elements: Vec<&Element> = lib.elements.iter().map(|&i| &site.elements[i]).collect();
    let mut h = Html::with_capacity(elements.len() * 300 + 8192);
    head(&mut h, ctx, Depth::Sub, &lib.name);
    h.raw("<h1 class=\"library\">").text(&lib.name).raw("</h1><p class=\"summary\">");
    count(&mut h, elements.len() as u64, "API element", "API elements");
    h.raw(", used by ");
    count(&mut h, lib.consumers, "repository", "repositories");
    for s in Status::ALL {
        let u = lib.uses_by_status[s.index()];
        if u > 0 {
            h.raw("; ").num(u).raw(" ");
            status(&mut h, s);
        }
    }
    h.raw(".</p>\n");
    if let Some(points) = site.history(Some(&lib.name)) {
        chart::uses_over_time(&mut h, &points);
    }

    let blocking: Vec<&Element> =
        elements.iter().copied().filter(|e| e.verdict == Some(Verdict::BlockingRemoval)).collect();
    h.raw("<section id=\"blocking\"><h2>Blocking removal</h2>\n");
    if blocking.is_empty() {
        h.raw("<p class=\"none\">No deprecated-for-removal element is still used.</p>\n");
    } else {
        h.raw("<p>Deprecated for removal and still used by a current snapshot.</p><table class=\"filter blocking\"><thead><tr>")
            .raw("<th>Element<th class=\"n\">Consumers<th>Used by</thead><tbody>\n");
        for e in blocking {
            h.raw("<tr><td>")
                .link(&format!("../el/{}.html", e.slug), e.name())
                .raw("<td class=\"n\">")
                .num(e.consumers);
            h.raw("<td>");
            let mut seen = FxHashSet::default();
            let repos: Vec<_> = e
                .rows
                .iter()
                .filter_map(|&i| site.repo_of(site.row(i)))
                .filter(|r| seen.insert(r.slug.as_str()))
                .collect();
            for (n, r) in repos.iter().take(BLOCKERS_SHOWN).enumerate() {
                if n > 0 {
                    h.raw(", ");
                }
                h.link(&format!("../repo/{}.html", r.slug), r.display());
            }
            if repos.len() > BLOCKERS_SHOWN {
                let more = format!("{} more", repos.len() - BLOCKERS_SHOWN);
                h.raw(" and ").link(&format!("../el/{}.html", e.slug), &more);
            }
            h.raw("\n");
        }
        h.raw("</tbody></table>\n");
    }
    h.raw("</section>\n");

    let safe: Vec<&Element> = elements.iter().copied().filter(|e| e.verdict == Some(Verdict::SafeToRemove)).collect();
    h.raw("<section id=\"safe\"><h2>Safe to remove</h2>\n");
    if safe.is_empty() {
        h.raw("<p class=\"none\">No deprecated element is unused.</p>\n");
    } else {
        h.raw("<p>Deprecated and used by no current snapshot.</p><ul class=\"filter safe\">\n");
        for e in safe {
            h.raw("<li>").link(&format!("../el/{}.html", e.slug), e.name()).raw(" ");
            status(&mut h, e.status);
            h.raw("\n");
        }
        h.raw("</ul>\n");
    }
    h.raw("</section>\n");

    for s in Status::ALL {
        let of_status: Vec<&Element> = elements.iter().copied().filter(|e| e.status == s).collect();
        if of_status.is_empty() {
            continue;
        }
        h.raw("<section class=\"status\"><h2>");
        status(&mut h, s);
        h.raw(" ");
        count(&mut h, of_status.len() as u64, "element", "elements");
        h.raw("</h2>\n<table class=\"filter elements\"><thead><tr><th>Element<th class=\"n\">Consumers")
            .raw("<th class=\"n\">Uses<th>Verdict</thead><tbody>\n");
        for e in of_status.iter().take(ELEMENTS_PER_STATUS) {
            h.raw("<tr><td>")
                .link(&format!("../el/{}.html", e.slug), e.name())
                .raw("<td class=\"n\">")
                .num(e.consumers)
                .raw("<td class=\"n\">")
                .num(e.uses)
                .raw("<td>");
            verdict(&mut h, e.verdict);
            h.raw("\n");
        }
        h.raw("</tbody></table>\n");
        if of_status.len() > ELEMENTS_PER_STATUS {
            h.raw("<p>").num((of_status.len() - ELEMENTS_PER_STATUS) as u64);
            h.raw(" more: find them with the search box.</p>\n");
        }
        h.raw("</section>\n");
    }
    foot(&mut h);
    h
}
