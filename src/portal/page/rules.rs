//! `rules.html`: violations by rule and priority across repositories (the technical-debt view), HIGH first.

use super::{count, foot, head, Ctx, Depth};
use crate::portal::html::Html;

pub fn page(ctx: &Ctx<'_>) -> Html {
    let mut h = Html::with_capacity(64 * 1024);
    head(&mut h, ctx, Depth::Top, "Rules");
    let rules = &ctx.site.rules;
    let total: u64 = rules.iter().map(|r| r.violations).sum();
    h.raw("<h1>Rules</h1><p>");
    count(&mut h, rules.len() as u64, "rule", "rules");
    h.raw(" with violations, ");
    count(&mut h, total, "violation", "violations");
    h.raw(" across the current snapshots; HIGH first, then most violations.</p>\n");
    table(&mut h, ctx, usize::MAX);
    foot(&mut h);
    h
}

/// The rules table, at most `limit` rows (the index shows the first few).
pub fn table(h: &mut Html, ctx: &Ctx<'_>, limit: usize) {
    if ctx.site.rules.is_empty() {
        h.raw("<p class=\"none\">No violations in the answers.</p>\n");
        return;
    }
    h.raw("<table class=\"filter rules\"><thead><tr><th>Priority<th>Rule pack<th>Rule<th class=\"n\">Repositories")
        .raw("<th class=\"n\">Violations</thead><tbody>\n");
    for r in ctx.site.rules.iter().take(limit) {
        h.raw("<tr><td><span class=\"prio\"")
            .attr("data-p", &r.priority)
            .raw(">")
            .text(&r.priority)
            .raw("</span><td>")
            .text(&r.rule_pack)
            .raw("<td>")
            .text(&r.rule_name)
            .raw("<td class=\"n\">")
            .num(r.repositories)
            .raw("<td class=\"n\">")
            .num(r.violations)
            .raw("\n");
    }
    h.raw("</tbody></table>\n");
}
