//! The uses-by-status-over-time chart: inline SVG, one line per status, written through [`Html`] like any page.

use super::answers::{Name, Status};
use super::html::Html;
use super::names::days;

const WIDTH: f64 = 640.0; // the plot and its axes; the viewBox adds 40 for the legend
const HEIGHT: f64 = 180.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 150.0;
const TOP: f64 = 10.0;
const BOTTOM: f64 = 24.0;

fn fmt(h: &mut Html, x: f64) {
    // Whole pixels are exact enough and keep the markup short.
    h.num(x.round().max(0.0) as u64);
}

/// Writes the chart of `points` (day, uses per status index), or nothing when there are none.
pub fn uses_over_time(h: &mut Html, points: &[(Name, [u64; 6])]) {
    let dated: Vec<(i64, &Name, &[u64; 6])> = points.iter().filter_map(|(d, u)| Some((days(d)?, d, u))).collect();
    let (Some(first), Some(last)) = (dated.first(), dated.last()) else {
        return;
    };
    let max = dated.iter().flat_map(|(_, _, u)| u.iter().copied()).max().unwrap_or(0).max(1);
    let span = (last.0 - first.0).max(1) as f64;
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let x = |day: i64| LEFT + if last.0 == first.0 { plot_w / 2.0 } else { (day - first.0) as f64 / span * plot_w };
    let y = |v: u64| TOP + plot_h - v as f64 / max as f64 * plot_h;

    h.raw("<figure class=\"chart\"><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 680 180\" role=\"img\">")
        .raw("<title>Uses by status over time</title>");
    // Axes, the maximum and the first and last day.
    h.raw("<path class=\"axis\" d=\"M56 10V156H490\"/>");
    h.raw("<text class=\"tick\" x=\"50\" y=\"16\" text-anchor=\"end\">").num(max).raw("</text>");
    h.raw("<text class=\"tick\" x=\"50\" y=\"156\" text-anchor=\"end\">0</text>");
    h.raw("<text class=\"tick\" x=\"56\" y=\"172\">").text(first.1).raw("</text>");
    if last.0 != first.0 {
        h.raw("<text class=\"tick\" x=\"490\" y=\"172\" text-anchor=\"end\">").text(last.1).raw("</text>");
    }
    let mut legend_y = 20.0;
    for status in Status::ALL {
        let i = status.index();
        if dated.iter().all(|(_, _, u)| u[i] == 0) {
            continue;
        }
        h.raw("<g class=\"st-").raw(status.as_str()).raw("\"><polyline points=\"");
        for (n, (day, _, u)) in dated.iter().enumerate() {
            if n > 0 {
                h.raw(" ");
            }
            fmt(h, x(*day));
            h.raw(",");
            fmt(h, y(u[i]));
        }
        h.raw("\"/>");
        if dated.len() <= 60 {
            for (day, d, u) in &dated {
                h.raw("<circle r=\"2.5\" cx=\"");
                fmt(h, x(*day));
                h.raw("\" cy=\"");
                fmt(h, y(u[i]));
                h.raw("\"><title>").text(d).raw(": ").num(u[i]).raw(" ").raw(status.as_str()).raw("</title></circle>");
            }
        }
        h.raw("<rect x=\"500\" width=\"10\" height=\"10\" y=\"");
        fmt(h, legend_y - 9.0);
        h.raw("\"/><text x=\"515\" y=\"");
        fmt(h, legend_y);
        h.raw("\">").raw(status.as_str()).raw("</text></g>");
        legend_y += 18.0;
    }
    h.raw("</svg><figcaption>Uses by status over time (sum of counts over the snapshots built each day)</figcaption></figure>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_per_status_present_and_days_escaped() {
        let mut h = Html::default();
        let d = |s: &str| -> Name { s.into() };
        uses_over_time(&mut h, &[(d("2026-11-01"), [4, 0, 2, 0, 0, 0]), (d("2026-12-01"), [2, 0, 3, 0, 0, 0])]);
        let svg = h.into_string();
        assert_eq!(svg.matches("<polyline").count(), 2);
        assert!(svg.contains("st-deprecated-for-removal") && svg.contains("st-experimental"));
        assert!(svg.contains(">2026-11-01<") && svg.contains(">2026-12-01<"));
        let mut empty = Html::default();
        uses_over_time(&mut empty, &[(d("not a day"), [1; 6])]);
        assert!(empty.into_string().is_empty());
    }
}
