//! The analysis pipeline: qualification, PCA, projection, base clusters, opinion groups, representative
//! statements, consensus, divisive statements and participation statistics.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::time::Instant;

use serde::{Deserialize, Serialize};

use crate::kmeans::{self, Cluster};
use crate::matrix::{ParticipantId, StatementId, VoteMatrix};
use crate::pca::{self, Centered, PcaOptions};
use crate::repness::{self, CommentStats, ConsensusStatement, Counts, RepStatement};

/// Parameters of the analysis. The defaults are pol.is's.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Params {
    /// Seed of every random choice (only the PCA start vectors are random).
    pub seed: u64,
    /// A participant qualifies after voting on `min(min_votes, statements)` statements (pol.is: 7).
    pub min_votes: usize,
    /// If fewer participants qualify, the most active ones are added up to this number (pol.is: 15).
    pub greedy_n: usize,
    /// Number of base clusters (pol.is: 100).
    pub base_k: usize,
    /// Maximum k-means steps for base clusters (pol.is: 100).
    pub base_iters: usize,
    /// Maximum k-means steps for groups (pol.is: 20, its k-means default).
    pub group_iters: usize,
    /// Largest number of groups (pol.is: 5); also capped at `2 + base clusters / 12`.
    pub max_k: usize,
    /// On incremental updates, a new best k must win this many updates in a row to be adopted (pol.is: 4).
    pub k_buffer: usize,
    /// Cap on PCA block iterations.
    pub pca_max_iters: usize,
    /// PCA residual tolerance, relative to the top eigenvalue.
    pub pca_tol: f64,
    /// Representative statements per group (pol.is: 5).
    pub max_representative: usize,
    /// Consensus statements listed per kind (pol.is: 5).
    pub max_consensus: usize,
    /// Divisive statements listed.
    pub max_divisive: usize,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            seed: 0,
            min_votes: 7,
            greedy_n: 15,
            base_k: 100,
            base_iters: 100,
            group_iters: 20,
            max_k: 5,
            k_buffer: 4,
            pca_max_iters: 1000,
            pca_tol: 1e-9,
            max_representative: 5,
            max_consensus: 5,
            max_divisive: 5,
        }
    }
}

/// pol.is's k smoother: the chosen number of groups changes only after the new best k won `k_buffer`
/// consecutive updates.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KSmoother {
    /// Best k of the last update.
    pub last_k: usize,
    /// How many consecutive updates it has been best.
    pub last_k_count: usize,
    /// The k in use.
    pub smoothed_k: usize,
}

/// A base cluster remembered for the next update.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WarmCluster {
    /// Cluster id.
    pub id: u32,
    /// Members (participant ids for base clusters, base-cluster ids for groups).
    pub members: Vec<u64>,
}

/// The state pol.is carries from one update to the next; pass it to [`analyze`] to update incrementally.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct WarmStart {
    /// Previous principal components by statement id.
    pub components: Vec<(StatementId, [f64; 2])>,
    /// Participants already in the conversation (they stay in).
    pub in_conv: Vec<ParticipantId>,
    /// Previous base clusters.
    pub base_clusters: Vec<WarmCluster>,
    /// Previous group clusterings for every k tried.
    pub group_clusterings: Vec<(usize, Vec<WarmCluster>)>,
    /// Previous k smoother.
    pub k_smoother: Option<KSmoother>,
}

/// Summary statistics of a distribution of counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Spread {
    /// Mean.
    pub mean: f64,
    /// Median.
    pub median: f64,
    /// Maximum.
    pub max: usize,
}

fn spread(mut v: Vec<usize>) -> Spread {
    if v.is_empty() {
        return Spread::default();
    }
    v.sort_unstable();
    let n = v.len();
    let median = if n % 2 == 1 { v[n / 2] as f64 } else { (v[n / 2 - 1] + v[n / 2]) as f64 / 2.0 };
    Spread { mean: v.iter().sum::<usize>() as f64 / n as f64, median, max: v[n - 1] }
}

/// Participation statistics.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Participation {
    /// Participants (rows).
    pub participants: usize,
    /// Participants with at least one vote.
    pub voters: usize,
    /// Participants "in conversation" (qualified for clustering).
    pub in_conversation: usize,
    /// Participants placed in an opinion group.
    pub grouped: usize,
    /// Statements (columns).
    pub statements: usize,
    /// Statements with at least one vote.
    pub statements_voted: usize,
    /// Statements moderated out.
    pub moderated_out: usize,
    /// Votes.
    pub votes: usize,
    /// Agrees.
    pub agrees: usize,
    /// Disagrees.
    pub disagrees: usize,
    /// Passes.
    pub passes: usize,
    /// Votes per voter.
    pub votes_per_voter: Spread,
    /// Votes per voted statement.
    pub votes_per_statement: Spread,
    /// votes / (voters × statements voted).
    pub density: f64,
}

/// One participant in the result.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ParticipantResult {
    /// Participant id.
    pub id: ParticipantId,
    /// Position on the opinion map (first principal component).
    pub x: f64,
    /// Position on the opinion map (second principal component).
    pub y: f64,
    /// Votes cast.
    pub n_votes: usize,
    /// Qualified for clustering.
    pub in_conversation: bool,
    /// Base cluster id, if in conversation.
    pub base_cluster: Option<u32>,
    /// Opinion group, if any.
    pub group: Option<u32>,
}

/// One statement in the result.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StatementResult {
    /// Statement id.
    pub id: StatementId,
    /// Projection on the map (pol.is: a participant who agreed with this statement only).
    pub x: f64,
    /// See `x`.
    pub y: f64,
    /// Distance of the projection from the centre.
    pub extremity: f64,
    /// Moderated out (excluded from the math, as in pol.is).
    pub moderated_out: bool,
    /// Counts over all participants.
    pub votes: Counts,
    /// Counts per opinion group (same order as `groups`).
    pub group_votes: Vec<Counts>,
    /// Group-informed consensus (agree), `None` without groups or if excluded.
    pub group_informed_consensus: Option<f64>,
    /// Group-informed consensus on disagreeing.
    pub group_informed_disagreement: Option<f64>,
    /// Divisiveness in [0, 1): half the spread of the groups' smoothed (agree − disagree) rates.
    pub divisiveness: Option<f64>,
}

/// A base cluster.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BaseCluster {
    /// Id.
    pub id: u32,
    /// Centre on the map.
    pub center: [f64; 2],
    /// Member participant ids.
    pub members: Vec<ParticipantId>,
}

/// An opinion group.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Group {
    /// Group id, 0, 1, … (pol.is numbering: by cluster id).
    pub id: u32,
    /// Number of members.
    pub size: usize,
    /// Weighted centre on the map.
    pub center: [f64; 2],
    /// Base clusters forming the group.
    pub base_clusters: Vec<u32>,
    /// Member participant ids.
    pub members: Vec<ParticipantId>,
    /// Representative statements (pol.is's selection).
    pub representative: Vec<RepStatement>,
}

/// A statement with its group-informed consensus.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GroupInformed {
    /// Statement id.
    pub statement: StatementId,
    /// Product over groups of the smoothed rate.
    pub value: f64,
    /// The smoothed rate `(A+1)/(S+2)` (or disagree) in each group.
    pub per_group: Vec<f64>,
}

/// Consensus statements.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Consensus {
    /// pol.is's majority agree consensus (over everybody).
    pub agree: Vec<ConsensusStatement>,
    /// pol.is's majority disagree consensus.
    pub disagree: Vec<ConsensusStatement>,
    /// Top statements by group-informed consensus (agreed across every group; only statements every group voted on).
    pub group_informed: Vec<GroupInformed>,
    /// Top statements by group-informed disagreement (rejected across every group).
    pub group_informed_disagree: Vec<GroupInformed>,
}

/// A statement that divides the groups.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DivisiveStatement {
    /// Statement id.
    pub statement: StatementId,
    /// Divisiveness in [0, 1).
    pub divisiveness: f64,
    /// The group leaning most to agree.
    pub agreeing_group: u32,
    /// The group leaning most to disagree.
    pub disagreeing_group: u32,
    /// Smoothed (agree − disagree) / (seen + 2) per group.
    pub lean: Vec<f64>,
}

/// How the number of groups was chosen.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct KSelection {
    /// Silhouette of each k tried (k, silhouette, groups actually formed).
    pub candidates: Vec<(usize, f64, usize)>,
    /// The k with the best silhouette (ties → larger k, as pol.is).
    pub best_k: Option<usize>,
    /// The k in use after smoothing.
    pub chosen_k: Option<usize>,
}

/// PCA summary.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct PcaSummary {
    /// Eigenvalues of the two components.
    pub eigenvalues: [f64; 2],
    /// Share of the total variance of the imputed matrix they explain.
    pub explained: [f64; 2],
    /// Block iterations.
    pub iterations: usize,
    /// Converged to tolerance.
    pub converged: bool,
}

/// Wall-clock time of each stage, in seconds.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Timings {
    /// Column means and PCA.
    pub pca: f64,
    /// Participant projection.
    pub projection: f64,
    /// Base clusters.
    pub base_clusters: f64,
    /// Group clusterings and silhouettes.
    pub groups: f64,
    /// Vote counts, representative statements, consensus, divisive.
    pub statistics: f64,
    /// Everything.
    pub total: f64,
}

/// The complete result of an analysis.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Analysis {
    /// Engine name and version.
    pub engine: String,
    /// Parameters used.
    pub params: Params,
    /// Participation statistics.
    pub participation: Participation,
    /// PCA summary.
    pub pca: PcaSummary,
    /// How the number of groups was chosen.
    pub k_selection: KSelection,
    /// Opinion groups (empty when the conversation is too small to cluster).
    pub groups: Vec<Group>,
    /// Consensus statements.
    pub consensus: Consensus,
    /// Divisive statements.
    pub divisive: Vec<DivisiveStatement>,
    /// Every statement.
    pub statements: Vec<StatementResult>,
    /// Every participant.
    pub participants: Vec<ParticipantResult>,
    /// Base clusters.
    pub base_clusters: Vec<BaseCluster>,
    /// Stage timings (not serialized).
    #[serde(skip)]
    pub timings: Timings,
    /// State for the next incremental update (not serialized here; it is serializable on its own).
    #[serde(skip)]
    pub warm: WarmStart,
}

impl Analysis {
    /// Group of each participant id.
    pub fn group_of(&self) -> HashMap<ParticipantId, u32> {
        self.participants.iter().filter_map(|p| p.group.map(|g| (p.id, g))).collect()
    }
}

fn secs(t: Instant) -> f64 {
    t.elapsed().as_secs_f64()
}

/// Analyses a vote matrix. `moderated_out` statements are excluded as pol.is excludes them (their column is
/// zeroed for everybody). `warm` is the state of a previous analysis of the same conversation, to update
/// incrementally as pol.is does (warm-started PCA and clusters, sticky qualification, k smoothing); pass
/// `None` for a from-scratch analysis. The result is deterministic for given inputs and `params.seed`.
pub fn analyze(
    matrix: &VoteMatrix,
    moderated_out: &HashSet<StatementId>,
    params: &Params,
    warm: Option<&WarmStart>,
) -> Analysis {
    let t_total = Instant::now();
    let mut timings = Timings::default();
    let n = matrix.n_participants();
    let ns = matrix.n_statements();
    let pids = matrix.participant_ids();
    let sids = matrix.statement_ids();

    // ---- columns: active (voted on) and excluded (moderated out) ----
    let (_, cols, vals) = matrix.csr();
    let mut all_counts = vec![Counts::default(); ns];
    for (&c, &v) in cols.iter().zip(vals) {
        let cnt = &mut all_counts[c as usize];
        cnt.seen += 1;
        if v > 0 {
            cnt.agree += 1;
        } else if v < 0 {
            cnt.disagree += 1;
        }
    }
    let active: Vec<bool> = all_counts.iter().map(|c| c.seen > 0).collect();
    let excluded: Vec<bool> = sids.iter().map(|s| moderated_out.contains(s)).collect();
    let n_active = active.iter().filter(|&&a| a).count();
    let excluded_active: Vec<bool> = (0..ns).map(|j| excluded[j] && active[j]).collect();
    let usable: Vec<bool> = (0..ns).map(|j| active[j] && !excluded[j]).collect();

    // ---- PCA and projection ----
    let t = Instant::now();
    let x = Centered::new(matrix, &excluded);
    let start = warm.filter(|w| !w.components.is_empty()).map(|w| {
        let by_id: HashMap<StatementId, [f64; 2]> = w.components.iter().copied().collect();
        let mut s = [vec![0.0; ns], vec![0.0; ns]];
        for (j, sid) in sids.iter().enumerate() {
            let c = by_id.get(sid).copied().unwrap_or([0.0, 0.0]);
            s[0][j] = c[0];
            s[1][j] = c[1];
        }
        s
    });
    let pca_opts = PcaOptions { seed: params.seed, max_iters: params.pca_max_iters, tol: params.pca_tol, start };
    let pca = pca::pca(&x, &pca_opts);
    timings.pca = secs(t);
    let t = Instant::now();
    let proj = pca::project_participants(&x, &pca, &excluded_active, n_active);
    let stmt_proj = pca::project_statements(&pca, n_active);
    timings.projection = secs(t);
    // Total variance of the imputed matrix: imputed cells are zero after centring.
    let total_var: f64 = cols.iter().zip(vals).map(|(&c, &v)| x.lut[c as usize][(v + 1) as usize].powi(2)).sum();

    // ---- qualification ("in conversation") ----
    let threshold = params.min_votes.min(n_active);
    let warm_in: HashSet<ParticipantId> = warm.map(|w| w.in_conv.iter().copied().collect()).unwrap_or_default();
    let mut in_conv: Vec<bool> = (0..n)
        .map(|p| {
            let k = matrix.row_len(p);
            k > 0 && (k >= threshold || matrix.qualified_earlier(p) || warm_in.contains(&pids[p]))
        })
        .collect();
    let n_in = in_conv.iter().filter(|&&b| b).count();
    if n_in < params.greedy_n {
        let mut rest: Vec<usize> = (0..n).filter(|&p| !in_conv[p] && matrix.row_len(p) > 0).collect();
        rest.sort_by_key(|&p| std::cmp::Reverse(matrix.row_len(p)));
        for p in rest.into_iter().take(params.greedy_n - n_in) {
            in_conv[p] = true;
        }
    }
    let in_rows: Vec<usize> = (0..n).filter(|&p| in_conv[p]).collect();
    let in_points: Vec<[f64; 2]> = in_rows.iter().map(|&p| proj[p]).collect();

    // ---- base clusters ----
    let t = Instant::now();
    let base_init = match warm.filter(|w| !w.base_clusters.is_empty()) {
        Some(w) => {
            let pos: HashMap<ParticipantId, u32> =
                in_rows.iter().enumerate().map(|(i, &p)| (pids[p], i as u32)).collect();
            let prev: Vec<(u32, Vec<u32>)> = w
                .base_clusters
                .iter()
                .map(|c| (c.id, c.members.iter().filter_map(|m| pos.get(m).copied()).collect()))
                .collect();
            kmeans::clean_start(&in_points, None, &prev, params.base_k)
        }
        None => kmeans::init_first_distinct(&in_points, params.base_k),
    };
    let base: Vec<Cluster> = kmeans::kmeans(&in_points, None, &base_init, params.base_iters);
    timings.base_clusters = secs(t);

    // ---- group clusterings over base clusters, k chosen by silhouette ----
    let t = Instant::now();
    let base_centers: Vec<[f64; 2]> = base.iter().map(|c| c.center).collect();
    let base_weights: Vec<f64> = base.iter().map(|c| c.members.len() as f64).collect();
    let mut k_selection = KSelection::default();
    let mut clusterings: BTreeMap<usize, Vec<Cluster>> = BTreeMap::new();
    let mut k_smoother = warm.and_then(|w| w.k_smoother);
    if base.len() >= 2 {
        let max_k = params.max_k.min(2 + base.len() / 12);
        let warm_groups: HashMap<usize, &Vec<WarmCluster>> =
            warm.map(|w| w.group_clusterings.iter().map(|(k, c)| (*k, c)).collect()).unwrap_or_default();
        let base_pos: HashMap<u64, u32> = base.iter().enumerate().map(|(i, c)| (u64::from(c.id), i as u32)).collect();
        for k in 2..=max_k {
            let init = match warm_groups.get(&k) {
                Some(prev) => {
                    let prev: Vec<(u32, Vec<u32>)> = prev
                        .iter()
                        .map(|c| (c.id, c.members.iter().filter_map(|m| base_pos.get(m).copied()).collect()))
                        .collect();
                    kmeans::clean_start(&base_centers, Some(&base_weights), &prev, k)
                }
                None => kmeans::init_first_distinct(&base_centers, k),
            };
            let cl = kmeans::kmeans(&base_centers, Some(&base_weights), &init, params.group_iters);
            let mut labels = vec![0usize; base.len()];
            for (gi, g) in cl.iter().enumerate() {
                for &m in &g.members {
                    labels[m as usize] = gi;
                }
            }
            let s = if cl.len() >= 2 { kmeans::silhouette(&base_centers, &labels) } else { 0.0 };
            k_selection.candidates.push((k, s, cl.len()));
            clusterings.insert(k, cl);
        }
        // Best silhouette; ties go to the larger k (pol.is's max-key keeps the last maximum).
        let mut best: Option<(usize, f64)> = None;
        for &(k, s, _) in &k_selection.candidates {
            if best.is_none_or(|(_, bs)| s >= bs) {
                best = Some((k, s));
            }
        }
        if let Some((this_k, _)) = best {
            k_selection.best_k = Some(this_k);
            let sm = match k_smoother {
                Some(prev) => {
                    let count = if prev.last_k == this_k { prev.last_k_count + 1 } else { 1 };
                    let smoothed = if count >= params.k_buffer || !clusterings.contains_key(&prev.smoothed_k) {
                        this_k
                    } else {
                        prev.smoothed_k
                    };
                    KSmoother { last_k: this_k, last_k_count: count, smoothed_k: smoothed }
                }
                None => KSmoother { last_k: this_k, last_k_count: 1, smoothed_k: this_k },
            };
            k_selection.chosen_k = Some(sm.smoothed_k);
            k_smoother = Some(sm);
        }
    }
    let chosen: Vec<Cluster> =
        k_selection.chosen_k.and_then(|k| clusterings.get(&k).cloned()).filter(|c| c.len() >= 2).unwrap_or_default();
    timings.groups = secs(t);

    // ---- memberships ----
    let t = Instant::now();
    let mut base_of = vec![None; n];
    for c in &base {
        for &m in &c.members {
            base_of[in_rows[m as usize]] = Some(c.id);
        }
    }
    let mut group_of_row: Vec<Option<u32>> = vec![None; n];
    let mut groups: Vec<Group> = Vec::with_capacity(chosen.len());
    for (gi, g) in chosen.iter().enumerate() {
        let mut members_rows = Vec::new();
        let mut bids = Vec::new();
        for &bi in &g.members {
            let b = &base[bi as usize];
            bids.push(b.id);
            for &m in &b.members {
                members_rows.push(in_rows[m as usize]);
            }
        }
        members_rows.sort_unstable();
        for &r in &members_rows {
            group_of_row[r] = Some(gi as u32);
        }
        groups.push(Group {
            id: gi as u32,
            size: members_rows.len(),
            center: g.center,
            base_clusters: bids,
            members: members_rows.iter().map(|&r| pids[r]).collect(),
            representative: Vec::new(),
        });
    }

    // ---- per-group vote counts ----
    let ng = groups.len();
    let mut gcounts = vec![Counts::default(); ng * ns];
    for p in 0..n {
        if let Some(g) = group_of_row[p] {
            let (c, v) = matrix.row(p);
            for (&c, &v) in c.iter().zip(v) {
                let cnt = &mut gcounts[g as usize * ns + c as usize];
                cnt.seen += 1;
                if v > 0 {
                    cnt.agree += 1;
                } else if v < 0 {
                    cnt.disagree += 1;
                }
            }
        }
    }
    let group_counts = |j: usize| -> Vec<Counts> { (0..ng).map(|g| gcounts[g * ns + j]).collect() };

    // ---- representative statements ----
    for (g, group) in groups.iter_mut().enumerate() {
        let stats: Vec<Option<CommentStats>> = (0..ns)
            .map(|j| {
                if !usable[j] {
                    return None;
                }
                let inn = gcounts[g * ns + j];
                let mut rest = Counts::default();
                for h in (0..ng).filter(|&h| h != g) {
                    let c = gcounts[h * ns + j];
                    rest.agree += c.agree;
                    rest.disagree += c.disagree;
                    rest.seen += c.seen;
                }
                Some(CommentStats::new(inn, rest))
            })
            .collect();
        let mut reps = repness::select_rep_statements(&stats, params.max_representative);
        for r in &mut reps {
            r.statement = sids[r.column];
        }
        group.representative = reps;
    }

    // ---- consensus ----
    let usable_counts: Vec<Option<Counts>> = (0..ns).map(|j| usable[j].then_some(all_counts[j])).collect();
    let (mut agree, mut disagree) = repness::select_consensus(&usable_counts, params.max_consensus);
    for c in agree.iter_mut().chain(disagree.iter_mut()) {
        c.statement = sids[c.column];
    }
    let mut gic = vec![None; ns];
    let mut gid = vec![None; ns];
    let mut divis = vec![None; ns];
    let mut divisive: Vec<DivisiveStatement> = Vec::new();
    if ng >= 2 {
        for j in (0..ns).filter(|&j| usable[j]) {
            let gc = group_counts(j);
            gic[j] = Some(repness::group_informed_consensus(&gc, true));
            gid[j] = Some(repness::group_informed_consensus(&gc, false));
            let lean: Vec<f64> =
                gc.iter().map(|c| (f64::from(c.agree) - f64::from(c.disagree)) / (f64::from(c.seen) + 2.0)).collect();
            let (mut hi, mut lo) = (0usize, 0usize);
            for g in 1..ng {
                if lean[g] > lean[hi] {
                    hi = g;
                }
                if lean[g] < lean[lo] {
                    lo = g;
                }
            }
            let d = (lean[hi] - lean[lo]) / 2.0;
            divis[j] = Some(d);
            if lean[hi] > 0.0 && lean[lo] < 0.0 {
                divisive.push(DivisiveStatement {
                    statement: sids[j],
                    divisiveness: d,
                    agreeing_group: hi as u32,
                    disagreeing_group: lo as u32,
                    lean,
                });
            }
        }
    }
    divisive.sort_by(|a, b| b.divisiveness.total_cmp(&a.divisiveness));
    divisive.truncate(params.max_divisive);
    let top_gi = |vals: &[Option<f64>], agree: bool| -> Vec<GroupInformed> {
        // Listed only if every group voted on it: the pseudo-counts give an unvoted statement 0.5 per group.
        let mut v: Vec<(usize, f64)> = vals
            .iter()
            .enumerate()
            .filter(|(j, _)| (0..ng).all(|g| gcounts[g * ns + j].seen > 0))
            .filter_map(|(j, x)| x.map(|x| (j, x)))
            .collect();
        v.sort_by(|a, b| b.1.total_cmp(&a.1));
        v.into_iter()
            .take(params.max_consensus)
            .map(|(j, value)| GroupInformed {
                statement: sids[j],
                value,
                per_group: group_counts(j)
                    .iter()
                    .map(|c| (f64::from(if agree { c.agree } else { c.disagree }) + 1.0) / (f64::from(c.seen) + 2.0))
                    .collect(),
            })
            .collect()
    };
    let consensus =
        Consensus { agree, disagree, group_informed: top_gi(&gic, true), group_informed_disagree: top_gi(&gid, false) };

    // ---- assemble ----
    let statements: Vec<StatementResult> = (0..ns)
        .map(|j| StatementResult {
            id: sids[j],
            x: stmt_proj[j][0],
            y: stmt_proj[j][1],
            extremity: (stmt_proj[j][0].powi(2) + stmt_proj[j][1].powi(2)).sqrt(),
            moderated_out: excluded[j],
            votes: all_counts[j],
            group_votes: group_counts(j),
            group_informed_consensus: gic[j],
            group_informed_disagreement: gid[j],
            divisiveness: divis[j],
        })
        .collect();
    let participants: Vec<ParticipantResult> = (0..n)
        .map(|p| ParticipantResult {
            id: pids[p],
            x: proj[p][0],
            y: proj[p][1],
            n_votes: matrix.row_len(p),
            in_conversation: in_conv[p],
            base_cluster: base_of[p],
            group: group_of_row[p],
        })
        .collect();
    let base_clusters: Vec<BaseCluster> = base
        .iter()
        .map(|c| BaseCluster {
            id: c.id,
            center: c.center,
            members: c.members.iter().map(|&m| pids[in_rows[m as usize]]).collect(),
        })
        .collect();
    let voters: Vec<usize> = (0..n).map(|p| matrix.row_len(p)).filter(|&k| k > 0).collect();
    let per_statement: Vec<usize> = all_counts.iter().filter(|c| c.seen > 0).map(|c| c.seen as usize).collect();
    let agrees: usize = all_counts.iter().map(|c| c.agree as usize).sum();
    let disagrees: usize = all_counts.iter().map(|c| c.disagree as usize).sum();
    let participation = Participation {
        participants: n,
        voters: voters.len(),
        in_conversation: in_rows.len(),
        grouped: group_of_row.iter().filter(|g| g.is_some()).count(),
        statements: ns,
        statements_voted: n_active,
        moderated_out: excluded.iter().filter(|&&e| e).count(),
        votes: matrix.n_votes(),
        agrees,
        disagrees,
        passes: matrix.n_votes() - agrees - disagrees,
        density: if voters.is_empty() || n_active == 0 {
            0.0
        } else {
            matrix.n_votes() as f64 / (voters.len() as f64 * n_active as f64)
        },
        votes_per_voter: spread(voters),
        votes_per_statement: spread(per_statement),
    };
    let warm_out = WarmStart {
        components: (0..ns).map(|j| (sids[j], [pca.components[0][j], pca.components[1][j]])).collect(),
        in_conv: in_rows.iter().map(|&p| pids[p]).collect(),
        base_clusters: base_clusters.iter().map(|c| WarmCluster { id: c.id, members: c.members.clone() }).collect(),
        group_clusterings: clusterings
            .iter()
            .map(|(k, cl)| {
                (
                    *k,
                    cl.iter()
                        .map(|g| WarmCluster {
                            id: g.id,
                            members: g.members.iter().map(|&b| u64::from(base[b as usize].id)).collect(),
                        })
                        .collect(),
                )
            })
            .collect(),
        k_smoother,
    };
    let explained =
        if total_var > 0.0 { [pca.eigenvalues[0] / total_var, pca.eigenvalues[1] / total_var] } else { [0.0, 0.0] };
    timings.statistics = secs(t);
    timings.total = secs(t_total);
    Analysis {
        engine: format!("cogov-opinion {}", env!("CARGO_PKG_VERSION")),
        params: params.clone(),
        participation,
        pca: PcaSummary {
            eigenvalues: pca.eigenvalues,
            explained,
            iterations: pca.iterations,
            converged: pca.converged,
        },
        k_selection,
        groups,
        consensus,
        divisive,
        statements,
        participants,
        base_clusters,
        timings,
        warm: warm_out,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::adjusted_rand_index;
    use crate::synth::{synthesize, SynthSpec};

    fn planted_ari(a: &Analysis, planted: &[u32], min_votes: usize) -> f64 {
        let (mut x, mut y) = (Vec::new(), Vec::new());
        for (p, r) in a.participants.iter().enumerate() {
            if let (Some(g), true) = (r.group, r.n_votes >= min_votes) {
                x.push(g);
                y.push(planted[p]);
            }
        }
        adjusted_rand_index(&x, &y)
    }

    #[test]
    fn recovers_planted_groups() {
        // 3,000 participants, 60 statements, 30 votes each on average (median 18). Participants with few
        // votes are noisy on the map (measured ARI 0.78 / 0.76 over everybody, 0.97 for 30+ votes).
        for groups in [2, 3] {
            let syn = synthesize(&SynthSpec { participants: 3000, statements: 60, votes: 90_000, groups, seed: 7 });
            let a = analyze(&syn.matrix, &HashSet::new(), &Params::default(), None);
            assert_eq!(a.groups.len(), groups, "planted {groups}");
            let all = planted_ari(&a, &syn.planted, 0);
            let active = planted_ari(&a, &syn.planted, 30);
            assert!(all > 0.7, "planted {groups}: ARI {all}");
            assert!(active > 0.93, "planted {groups}: ARI {active} for participants with 30+ votes");
            assert_eq!(a.base_clusters.len(), 100);
            assert!(a.pca.converged);
        }
    }

    #[test]
    fn hand_checked_two_camps() {
        // Two camps of 10 who answer 6 statements in opposite ways; everybody passes on statement 6.
        let mut rows = Vec::new();
        for i in 0..20 {
            let s: i8 = if i < 10 { 1 } else { -1 };
            let mut r: Vec<Option<i8>> = (0..6).map(|j| Some(if j % 2 == 0 { s } else { -s })).collect();
            r.push(Some(0));
            rows.push(r);
        }
        let m = VoteMatrix::from_dense(&rows).expect("matrix");
        let a = analyze(&m, &HashSet::new(), &Params::default(), None);
        // Every participant qualifies (7 votes); 20 points, only 2 distinct → 2 base clusters, 2 groups.
        assert_eq!(a.participation.in_conversation, 20);
        assert_eq!(a.base_clusters.len(), 2);
        assert_eq!(a.groups.len(), 2);
        let g0 = a.participants[0].group;
        assert!(a.participants[..10].iter().all(|p| p.group == g0));
        assert!(a.participants[10..].iter().all(|p| p.group != g0 && p.group.is_some()));
        // The first component separates the camps symmetrically: x = ±sqrt(6)·… with opposite signs.
        assert!((a.participants[0].x + a.participants[10].x).abs() < 1e-9);
        assert!(a.participants[0].y.abs() < 1e-9);
        // Repness: group of participant 0 agrees with statement 0 (10 of 10 vs 0 of 10).
        let g = &a.groups[g0.expect("grouped") as usize];
        let r0 = g.representative.iter().find(|r| r.statement == 0).expect("statement 0 representative");
        assert_eq!((r0.repful_for, r0.n_success, r0.n_trials), (crate::repness::RepfulFor::Agree, 10, 10));
        assert!((r0.p_success - 11.0 / 12.0).abs() < 1e-12);
        // Group-informed consensus of statement 0: (10+1)/(10+2) · (0+1)/(10+2).
        let s0 = &a.statements[0];
        assert!((s0.group_informed_consensus.expect("gic") - (11.0 / 12.0) * (1.0 / 12.0)).abs() < 1e-12);
        // Statement 6 (everybody passes): no variance, projected at the centre, not divisive.
        assert_eq!((a.statements[6].x, a.statements[6].y), (0.0, 0.0));
        assert_eq!(a.statements[6].divisiveness, Some(0.0));
        // Statements 0-5 are maximally divisive: leanings ±10/12 → (10/12 + 10/12) / 2.
        assert!((a.divisive[0].divisiveness - 10.0 / 12.0).abs() < 1e-12);
        assert_eq!(a.divisive.len(), 5);
        // Majority consensus: nobody has a majority on anything (each statement is 50/50).
        assert!(a.consensus.agree.is_empty() && a.consensus.disagree.is_empty());
        // Participation.
        assert_eq!((a.participation.votes, a.participation.passes), (140, 20));
        assert!((a.participation.density - 1.0).abs() < 1e-12);
    }

    #[test]
    fn greedy_fill_and_qualification() {
        // 5 statements, so min(7, 5) = 5 votes qualify; only participants 0 and 1 have 5 votes.
        let mut rows = vec![vec![Some(1i8); 5], vec![Some(-1i8); 5]];
        for i in 0..20 {
            rows.push(vec![
                Some(if i % 2 == 0 { 1 } else { -1 }),
                None,
                None,
                None,
                if i < 3 { Some(1) } else { None },
            ]);
        }
        let m = VoteMatrix::from_dense(&rows).expect("matrix");
        let a = analyze(&m, &HashSet::new(), &Params::default(), None);
        // Two qualify; the 13 most active of the others fill up to 15 (the three with 2 votes first).
        assert_eq!(a.participation.in_conversation, 15);
        assert!(a.participants[..5].iter().all(|p| p.in_conversation));
        assert!(!a.participants[21].in_conversation);
    }
}
