//! Human-readable outputs: a plain-text report and an SVG opinion map.

use std::collections::HashMap;
use std::fmt::Write as _;

use crate::analysis::Analysis;
use crate::matrix::StatementId;
use crate::repness::RepfulFor;

/// Letter of group `g` (A, B, C, …), as pol.is shows them.
pub fn group_letter(g: u32) -> String {
    let mut s = String::new();
    let mut g = g as usize;
    loop {
        s.insert(0, (b'A' + (g % 26) as u8) as char);
        if g < 26 {
            break;
        }
        g = g / 26 - 1;
    }
    s
}

fn short(text: &str, max: usize) -> String {
    let t: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if t.chars().count() <= max {
        t
    } else {
        let mut s: String = t.chars().take(max.saturating_sub(1)).collect();
        s.push('…');
        s
    }
}

fn pct(x: f64) -> String {
    format!("{:.0}%", 100.0 * x)
}

/// A plain-text report: participation, groups with their representative statements, consensus and
/// divisive statements. `texts` maps statement ids to their text (may be empty).
pub fn text_report(a: &Analysis, title: &str, texts: &HashMap<StatementId, String>) -> String {
    let mut o = String::new();
    let st = |id: StatementId| -> String {
        match texts.get(&id) {
            Some(t) => format!("[#{id}] {}", short(t, 110)),
            None => format!("[#{id}]"),
        }
    };
    let p = &a.participation;
    let _ = writeln!(o, "Opinion analysis: {title}");
    let _ = writeln!(o, "{}", "=".repeat(18 + title.chars().count()));
    let _ = writeln!(
        o,
        "Participants: {} ({} voted, {} in conversation, {} grouped)",
        p.participants, p.voters, p.in_conversation, p.grouped
    );
    let _ = writeln!(
        o,
        "Statements:   {} ({} voted on, {} moderated out)",
        p.statements, p.statements_voted, p.moderated_out
    );
    let share = |x: usize| if p.votes == 0 { 0.0 } else { x as f64 / p.votes as f64 };
    let _ = writeln!(
        o,
        "Votes:        {} (agree {}, disagree {}, pass {}); {:.1} per voter (median {}), density {:.1}%",
        p.votes,
        pct(share(p.agrees)),
        pct(share(p.disagrees)),
        pct(share(p.passes)),
        p.votes_per_voter.mean,
        p.votes_per_voter.median,
        100.0 * p.density
    );
    let _ = writeln!(
        o,
        "Map:          2 components explain {:.1}% + {:.1}% of the variance ({} iterations)",
        100.0 * a.pca.explained[0],
        100.0 * a.pca.explained[1],
        a.pca.iterations
    );
    let cands: Vec<String> = a.k_selection.candidates.iter().map(|(k, s, _)| format!("k={k}: {s:.3}")).collect();
    let _ = writeln!(
        o,
        "Groups:       {} (silhouette {})",
        a.groups.len(),
        if cands.is_empty() { "n/a".to_string() } else { cands.join(", ") }
    );
    if a.groups.is_empty() {
        let _ = writeln!(o, "\nNo opinion groups: too few participants or votes to cluster.");
    }
    for g in &a.groups {
        let _ = writeln!(o, "\nGroup {} — {} participants", group_letter(g.id), g.size);
        for r in &g.representative {
            let sign = match r.repful_for {
                RepfulFor::Agree => "agree   ",
                RepfulFor::Disagree => "disagree",
            };
            let _ = writeln!(
                o,
                "  {sign} {:>4} of {:<4} ({:>4}, ×{:.1} vs others) {}",
                r.n_success,
                r.n_trials,
                pct(r.p_success),
                r.repness,
                st(r.statement)
            );
        }
    }
    let letters: Vec<String> = a.groups.iter().map(|g| group_letter(g.id)).collect();
    if !a.consensus.group_informed.is_empty() {
        let _ = writeln!(o, "\nConsensus across groups (group-informed, product of (A+1)/(S+2) over groups):");
        for c in &a.consensus.group_informed {
            let per: Vec<String> = c.per_group.iter().zip(&letters).map(|(x, l)| format!("{l} {}", pct(*x))).collect();
            let _ = writeln!(o, "  {:.3} ({}) {}", c.value, per.join(", "), st(c.statement));
        }
    }
    if !a.consensus.group_informed_disagree.is_empty() {
        let _ = writeln!(o, "\nRejected across groups (group-informed disagreement):");
        for c in &a.consensus.group_informed_disagree {
            let per: Vec<String> = c.per_group.iter().zip(&letters).map(|(x, l)| format!("{l} {}", pct(*x))).collect();
            let _ = writeln!(o, "  {:.3} ({}) {}", c.value, per.join(", "), st(c.statement));
        }
    }
    for (label, list) in [("agree", &a.consensus.agree), ("disagree", &a.consensus.disagree)] {
        if !list.is_empty() {
            let _ = writeln!(o, "\nMajority {label} (all participants, pol.is consensus):");
            for c in list.iter() {
                let _ =
                    writeln!(o, "  {:>4} of {:<4} ({}) {}", c.n_success, c.n_trials, pct(c.p_success), st(c.statement));
            }
        }
    }
    if !a.divisive.is_empty() {
        let _ = writeln!(o, "\nDivisive (one group leans agree, another disagree):");
        for d in &a.divisive {
            let _ = writeln!(
                o,
                "  {:.2} ({} agrees, {} disagrees) {}",
                d.divisiveness,
                group_letter(d.agreeing_group),
                group_letter(d.disagreeing_group),
                st(d.statement)
            );
        }
    }
    o
}

const PALETTE: [&str; 8] = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf"];

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// An SVG opinion map: participants as dots coloured by group (grey: not grouped), statements as small
/// labelled crosses at their projection, group labels at the group centres.
pub fn svg_map(a: &Analysis, title: &str, texts: &HashMap<StatementId, String>) -> String {
    let (w, h, m) = (800.0, 640.0, 40.0);
    let mut pts: Vec<[f64; 2]> = a.participants.iter().filter(|p| p.n_votes > 0).map(|p| [p.x, p.y]).collect();
    pts.extend(a.statements.iter().filter(|s| !s.moderated_out && s.votes.seen > 0).map(|s| [s.x, s.y]));
    let (mut x0, mut x1, mut y0, mut y1) = (-1.0f64, 1.0f64, -1.0f64, 1.0f64);
    for p in &pts {
        if p[0].is_finite() && p[1].is_finite() {
            x0 = x0.min(p[0]);
            x1 = x1.max(p[0]);
            y0 = y0.min(p[1]);
            y1 = y1.max(p[1]);
        }
    }
    let sx = (w - 2.0 * m) / (x1 - x0);
    let sy = (h - 2.0 * m - 20.0) / (y1 - y0);
    let s = sx.min(sy);
    let tx = |x: f64| m + (x - x0) * s;
    let ty = |y: f64| h - m - (y - y0) * s;
    let mut o = String::new();
    let _ = writeln!(
        o,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="sans-serif">"#
    );
    let _ = writeln!(o, r##"<rect width="100%" height="100%" fill="#ffffff"/>"##);
    let _ = writeln!(o, r#"<title>{}</title>"#, esc(title));
    let _ = writeln!(o, r##"<text x="{m}" y="24" font-size="16" fill="#222">{}</text>"##, esc(title));
    let _ = writeln!(
        o,
        r##"<line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="#ddd"/><line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="#ddd"/>"##,
        tx(x0),
        ty(0.0),
        tx(x1),
        ty(0.0),
        tx(0.0),
        ty(y0),
        tx(0.0),
        ty(y1)
    );
    let _ = writeln!(o, r#"<g id="participants">"#);
    for p in a.participants.iter().filter(|p| p.n_votes > 0) {
        let (fill, op) = match p.group {
            Some(g) => (PALETTE[g as usize % PALETTE.len()], "0.7"),
            None => ("#aaaaaa", "0.35"),
        };
        let _ = writeln!(
            o,
            r#"<circle cx="{:.1}" cy="{:.1}" r="2.5" fill="{fill}" fill-opacity="{op}"><title>participant {}{}</title></circle>"#,
            tx(p.x),
            ty(p.y),
            p.id,
            p.group.map(|g| format!(", group {}", group_letter(g))).unwrap_or_default()
        );
    }
    let _ = writeln!(o, "</g>");
    let _ = writeln!(o, r##"<g id="statements" font-size="9" fill="#444">"##);
    for st in a.statements.iter().filter(|s| !s.moderated_out && s.votes.seen > 0) {
        let (x, y) = (tx(st.x), ty(st.y));
        let tip = texts.get(&st.id).map(|t| format!(": {}", short(t, 200))).unwrap_or_default();
        let _ = writeln!(
            o,
            r##"<g><path d="M{:.1} {:.1}h6M{:.1} {:.1}v6" stroke="#444"/><text x="{:.1}" y="{:.1}">{}</text><title>statement {}{}</title></g>"##,
            x - 3.0,
            y,
            x,
            y - 3.0,
            x + 4.0,
            y - 4.0,
            st.id,
            st.id,
            esc(&tip)
        );
    }
    let _ = writeln!(o, "</g>");
    let _ = writeln!(o, r#"<g id="groups" font-size="14" font-weight="bold">"#);
    for g in &a.groups {
        let _ = writeln!(
            o,
            r##"<text x="{:.1}" y="{:.1}" fill="{}" stroke="#fff" stroke-width="3" paint-order="stroke">{} ({})</text>"##,
            tx(g.center[0]) + 6.0,
            ty(g.center[1]) - 6.0,
            PALETTE[g.id as usize % PALETTE.len()],
            group_letter(g.id),
            g.size
        );
    }
    let _ = writeln!(o, "</g>\n</svg>");
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters() {
        assert_eq!(group_letter(0), "A");
        assert_eq!(group_letter(4), "E");
        assert_eq!(group_letter(26), "AA");
    }

    #[test]
    fn shortening_and_escaping() {
        assert_eq!(short("a  b\nc", 10), "a b c");
        assert_eq!(short("abcdefghij", 5), "abcd…");
        assert_eq!(esc("<a & \"b\">"), "&lt;a &amp; &quot;b&quot;&gt;");
    }
}
