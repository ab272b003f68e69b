//! pol.is's statistics on group votes: representativeness ("repness") of statements for each group, the
//! classic majority consensus, and the group-informed consensus.
//!
//! Notation (pol.is's): for one statement and one group, `na`, `nd`, `ns` are the numbers of agrees,
//! disagrees and votes seen (agree + disagree + pass); `pa = (na+1)/(ns+2)` is the smoothed agree rate;
//! `pat` a one-proportion z statistic; `ra` the agree rate of the group over that of everybody else and
//! `rat` the two-proportion z test of the group against the rest. The same holds for disagrees (`pd`…).

use serde::Serialize;

/// z value for a one-sided 90% confidence level.
pub const Z_90: f64 = 1.2816;

/// pol.is's one-proportion test (with pseudo-counts): `2·√(n+1)·((succ+1)/(n+1) − ½)`.
pub fn prop_test(succ: f64, n: f64) -> f64 {
    let (succ, n) = (succ + 1.0, n + 1.0);
    2.0 * n.sqrt() * (succ / n - 0.5)
}

/// pol.is's two-proportion z test (with pseudo-counts) of "in" against "out".
pub fn two_prop_test(succ_in: f64, succ_out: f64, pop_in: f64, pop_out: f64) -> f64 {
    let (s1, s2, n1, n2) = (succ_in + 1.0, succ_out + 1.0, pop_in + 1.0, pop_out + 1.0);
    let p1 = s1 / n1;
    let p2 = s2 / n2;
    let pi = (s1 + s2) / (n1 + n2);
    if pi == 1.0 {
        return 0.0;
    }
    (p1 - p2) / (pi * (1.0 - pi) * (1.0 / n1 + 1.0 / n2)).sqrt()
}

/// Whether `z` is significant at 90% (one-sided).
pub fn z_sig_90(z: f64) -> bool {
    z > Z_90
}

/// Vote counts of one statement within one set of participants.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Agrees.
    pub agree: u32,
    /// Disagrees.
    pub disagree: u32,
    /// Votes seen: agree + disagree + pass.
    pub seen: u32,
}

impl Counts {
    /// Passes.
    pub fn pass(&self) -> u32 {
        self.seen - self.agree - self.disagree
    }
}

/// Statistics of one statement for one group, compared with all other groups together.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CommentStats {
    pub na: f64,
    pub nd: f64,
    pub ns: f64,
    pub pa: f64,
    pub pd: f64,
    pub pat: f64,
    pub pdt: f64,
    pub ra: f64,
    pub rd: f64,
    pub rat: f64,
    pub rdt: f64,
}

impl CommentStats {
    /// Stats of `inn` (the group) against `rest` (every other group together).
    pub fn new(inn: Counts, rest: Counts) -> Self {
        let (na, nd, ns) = (f64::from(inn.agree), f64::from(inn.disagree), f64::from(inn.seen));
        let (ra_, rd_, rs_) = (f64::from(rest.agree), f64::from(rest.disagree), f64::from(rest.seen));
        let pa = (na + 1.0) / (ns + 2.0);
        let pd = (nd + 1.0) / (ns + 2.0);
        CommentStats {
            na,
            nd,
            ns,
            pa,
            pd,
            pat: prop_test(na, ns),
            pdt: prop_test(nd, ns),
            ra: pa / ((ra_ + 1.0) / (rs_ + 2.0)),
            rd: pd / ((rd_ + 1.0) / (rs_ + 2.0)),
            rat: two_prop_test(na, ra_, ns, rs_),
            rdt: two_prop_test(nd, rd_, ns, rs_),
        }
    }

    fn passes_by_test(&self) -> bool {
        (z_sig_90(self.rat) && z_sig_90(self.pat)) || (z_sig_90(self.rdt) && z_sig_90(self.pdt))
    }
}

/// Whether a statement is representative of a group because its members agree or disagree with it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RepfulFor {
    /// The group agrees more than the others.
    Agree,
    /// The group disagrees more than the others.
    Disagree,
}

/// A representative statement of a group (pol.is's finalized comment stats).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RepStatement {
    /// Column index of the statement (mapped to its id by the caller).
    #[serde(skip)]
    pub column: usize,
    /// Statement id.
    pub statement: u64,
    /// Agree or disagree.
    pub repful_for: RepfulFor,
    /// Agrees (or disagrees) in the group.
    pub n_success: u32,
    /// Votes seen in the group.
    pub n_trials: u32,
    /// Smoothed rate `(n_success + 1) / (n_trials + 2)`.
    pub p_success: f64,
    /// One-proportion z of that rate.
    pub p_test: f64,
    /// Ratio of the group's rate to the other groups' rate.
    pub repness: f64,
    /// Two-proportion z of the group against the other groups.
    pub repness_test: f64,
    /// pol.is's "best agree" statement, always listed first when there is one.
    pub best_agree: bool,
}

fn finalize(column: usize, s: &CommentStats) -> RepStatement {
    let (n_success, p_success, p_test, repness, repness_test, repful_for) = if s.rat > s.rdt {
        (s.na, s.pa, s.pat, s.ra, s.rat, RepfulFor::Agree)
    } else {
        (s.nd, s.pd, s.pdt, s.rd, s.rdt, RepfulFor::Disagree)
    };
    RepStatement {
        column,
        statement: 0,
        repful_for,
        n_success: n_success as u32,
        n_trials: s.ns as u32,
        p_success,
        p_test,
        repness,
        repness_test,
        best_agree: false,
    }
}

fn repness_metric(r: &RepStatement) -> f64 {
    r.repness * r.repness_test * r.p_success * r.p_test
}

fn beats_best_agree(s: &CommentStats, best: Option<&CommentStats>) -> bool {
    if s.na == 0.0 && s.nd == 0.0 {
        return false;
    }
    match best {
        Some(b) if b.ra > 1.0 => s.ra * s.rat * s.pa * s.pat > b.ra * b.rat * b.pa * b.pat,
        Some(b) => s.pa * s.pat > b.pa * b.pat,
        None => z_sig_90(s.pat) || (s.ra > 1.0 && s.pa > 0.5),
    }
}

/// pol.is's selection of representative statements for one group. `stats[j]` is `Some` for every statement
/// that may be selected (not moderated out), in column order. Returns at most `max` statements: those that
/// pass both tests sorted by `repness × repness_test × p_success × p_test`, with the best "agree" statement
/// first, agrees before disagrees; if none passes, the single best statement.
pub fn select_rep_statements(stats: &[Option<CommentStats>], max: usize) -> Vec<RepStatement> {
    let mut sufficient: Vec<RepStatement> = Vec::new();
    let mut best: Option<RepStatement> = None;
    let mut best_agree: Option<(usize, CommentStats)> = None;
    for (j, s) in stats.iter().enumerate() {
        let Some(s) = s else { continue };
        if s.passes_by_test() {
            sufficient.push(finalize(j, s));
        }
        if sufficient.is_empty() {
            let beats = match &best {
                None => true,
                Some(b) => s.rat.max(s.rdt) > b.repness_test,
            };
            if beats {
                best = Some(finalize(j, s));
            }
        }
        if beats_best_agree(s, best_agree.as_ref().map(|b| &b.1)) {
            best_agree = Some((j, *s));
        }
    }
    let best_agree = best_agree.map(|(j, s)| {
        let mut r = finalize(j, &s);
        r.best_agree = true;
        r
    });
    if sufficient.is_empty() {
        return best_agree.or(best).into_iter().collect();
    }
    let ba_col = best_agree.as_ref().map(|b| b.column);
    sufficient.retain(|r| Some(r.column) != ba_col);
    sufficient.sort_by(|a, b| repness_metric(b).total_cmp(&repness_metric(a)));
    let mut out: Vec<RepStatement> = best_agree.into_iter().chain(sufficient).take(max).collect();
    // Agrees before disagrees (stable).
    out.sort_by_key(|r| r.repful_for == RepfulFor::Disagree);
    out
}

/// A consensus statement (pol.is's classic majority consensus over all participants).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ConsensusStatement {
    /// Column index.
    #[serde(skip)]
    pub column: usize,
    /// Statement id.
    pub statement: u64,
    /// Agrees (or disagrees).
    pub n_success: u32,
    /// Votes seen.
    pub n_trials: u32,
    /// Smoothed rate.
    pub p_success: f64,
    /// One-proportion z.
    pub p_test: f64,
}

/// pol.is's majority consensus: statements with `p > 0.5` and a significant one-proportion test, the top
/// `max` by `p × z`, for agree and for disagree. `counts[j]` is `None` for excluded statements.
pub fn select_consensus(counts: &[Option<Counts>], max: usize) -> (Vec<ConsensusStatement>, Vec<ConsensusStatement>) {
    let pick = |agree: bool| {
        let mut v: Vec<(f64, ConsensusStatement)> = counts
            .iter()
            .enumerate()
            .filter_map(|(j, c)| {
                let c = (*c)?;
                let succ = if agree { c.agree } else { c.disagree };
                let (s, n) = (f64::from(succ), f64::from(c.seen));
                let p = (s + 1.0) / (n + 2.0);
                let z = prop_test(s, n);
                (p > 0.5 && z_sig_90(z)).then_some((
                    p * z,
                    ConsensusStatement {
                        column: j,
                        statement: 0,
                        n_success: succ,
                        n_trials: c.seen,
                        p_success: p,
                        p_test: z,
                    },
                ))
            })
            .collect();
        v.sort_by(|a, b| b.0.total_cmp(&a.0));
        v.into_iter().take(max).map(|x| x.1).collect::<Vec<_>>()
    };
    (pick(true), pick(false))
}

/// pol.is's group-informed consensus of one statement: the product over groups of `(A + 1) / (S + 2)`.
pub fn group_informed_consensus(per_group: &[Counts], agree: bool) -> f64 {
    per_group
        .iter()
        .map(|c| (f64::from(if agree { c.agree } else { c.disagree }) + 1.0) / (f64::from(c.seen) + 2.0))
        .product()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tests_hand_checked() {
        // prop_test(3, 3) = 2·√4·(4/4 − ½) = 2
        assert!((prop_test(3.0, 3.0) - 2.0).abs() < 1e-12);
        // prop_test(0, 0) = 2·√1·(1/1 − ½) = 1 (the pseudo-counts make "no votes" look like one success)
        assert!((prop_test(0.0, 0.0) - 1.0).abs() < 1e-12);
        // two_prop_test(9, 1, 9, 9): p1 = 10/10, p2 = 2/10, π = 12/20 → 0.8 / √(0.24·0.2) = 3.6515
        let z = two_prop_test(9.0, 1.0, 9.0, 9.0);
        assert!((z - 0.8 / (0.24f64 * 0.2).sqrt()).abs() < 1e-12);
        // Everything succeeds everywhere: π = 1 → 0 by convention.
        assert_eq!(two_prop_test(4.0, 4.0, 4.0, 4.0), 0.0);
        assert!(z_sig_90(1.3) && !z_sig_90(1.2816));
    }

    #[test]
    fn comment_stats_hand_checked() {
        let s =
            CommentStats::new(Counts { agree: 8, disagree: 1, seen: 10 }, Counts { agree: 2, disagree: 7, seen: 10 });
        assert!((s.pa - 0.75).abs() < 1e-12); // 9/12
        assert!((s.ra - 0.75 / 0.25).abs() < 1e-12); // rest: 3/12
        assert!(s.rat > Z_90 && s.pat > Z_90);
        assert!(s.rdt < 0.0);
        assert!(s.passes_by_test());
    }

    #[test]
    fn selection_follows_polis_rules() {
        // Column 0: strongly agreed by the group (representative agree).
        // Column 1: strongly disagreed by the group (representative disagree).
        // Column 2: no difference with the rest. Column 3: excluded.
        let stats = vec![
            Some(CommentStats::new(
                Counts { agree: 18, disagree: 1, seen: 20 },
                Counts { agree: 3, disagree: 15, seen: 20 },
            )),
            Some(CommentStats::new(
                Counts { agree: 1, disagree: 17, seen: 20 },
                Counts { agree: 16, disagree: 2, seen: 20 },
            )),
            Some(CommentStats::new(
                Counts { agree: 10, disagree: 10, seen: 20 },
                Counts { agree: 10, disagree: 10, seen: 20 },
            )),
            None,
        ];
        let r = select_rep_statements(&stats, 5);
        assert_eq!(r.len(), 2);
        assert_eq!((r[0].column, r[0].repful_for, r[0].best_agree), (0, RepfulFor::Agree, true));
        assert_eq!((r[1].column, r[1].repful_for), (1, RepfulFor::Disagree));
        // Nothing significant: still one statement (the best by test).
        let weak = vec![Some(CommentStats::new(
            Counts { agree: 1, disagree: 0, seen: 2 },
            Counts { agree: 1, disagree: 1, seen: 3 },
        ))];
        let r = select_rep_statements(&weak, 5);
        assert_eq!(r.len(), 1);
        assert_eq!(select_rep_statements(&[None, None], 5), vec![]);
    }

    #[test]
    fn consensus_and_group_informed_consensus() {
        let counts = vec![
            Some(Counts { agree: 18, disagree: 1, seen: 20 }),
            Some(Counts { agree: 2, disagree: 17, seen: 20 }),
            Some(Counts { agree: 10, disagree: 9, seen: 20 }),
            None,
        ];
        let (a, d) = select_consensus(&counts, 5);
        assert_eq!(a.iter().map(|c| c.column).collect::<Vec<_>>(), vec![0]);
        assert_eq!(d.iter().map(|c| c.column).collect::<Vec<_>>(), vec![1]);
        let g = [Counts { agree: 3, disagree: 0, seen: 4 }, Counts { agree: 0, disagree: 1, seen: 2 }];
        // (3+1)/(4+2) · (0+1)/(2+2) = 4/6 · 1/4
        assert!((group_informed_consensus(&g, true) - (4.0 / 6.0) * 0.25).abs() < 1e-12);
        assert!((group_informed_consensus(&g, false) - (1.0 / 6.0) * 0.5).abs() < 1e-12);
    }
}
