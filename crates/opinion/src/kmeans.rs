//! k-means in the plane, with pol.is's conventions: deterministic initialisation from the first `k`
//! distinct points, clusters that lose every member are dropped, and iteration stops when no centre moved
//! by 0.01 or more (comparing the sorted centres) or after `max_iters` steps.
//!
//! Lloyd's iteration is accelerated with Hamerly's bounds (one upper and one lower distance bound per
//! point), which gives the same assignments while skipping most distance computations once clusters
//! settle; points are processed in parallel chunks.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

/// A cluster of points (indices into the point slice given to [`kmeans`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Cluster {
    /// Stable id (initial clusters are numbered 0, 1, …; clusters added on warm start take the next ids).
    pub id: u32,
    /// Indices of the member points, increasing.
    pub members: Vec<u32>,
    /// The (weighted) mean of the members.
    pub center: [f64; 2],
}

/// pol.is's convergence threshold on centre movement.
pub const SAME_CLUSTERING_THRESHOLD: f64 = 0.01;

#[inline]
fn dist(a: [f64; 2], b: [f64; 2]) -> f64 {
    let dx = a[0] - b[0];
    let dy = a[1] - b[1];
    (dx * dx + dy * dy).sqrt()
}

/// The first `k` distinct points, in order, as initial centres with ids 0..k.
pub fn init_first_distinct(points: &[[f64; 2]], k: usize) -> Vec<(u32, [f64; 2])> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for p in points {
        if out.len() >= k {
            break;
        }
        if seen.insert((p[0].to_bits(), p[1].to_bits())) {
            out.push((out.len() as u32, *p));
        }
    }
    out
}

/// Number of distinct points.
pub fn count_distinct(points: &[[f64; 2]]) -> usize {
    points.iter().map(|p| (p[0].to_bits(), p[1].to_bits())).collect::<std::collections::HashSet<_>>().len()
}

fn same_clustering(a: &[[f64; 2]], b: &[[f64; 2]]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut a = a.to_vec();
    let mut b = b.to_vec();
    let cmp = |x: &[f64; 2], y: &[f64; 2]| x[0].total_cmp(&y[0]).then(x[1].total_cmp(&y[1]));
    a.sort_by(cmp);
    b.sort_by(cmp);
    a.iter().zip(&b).all(|(x, y)| dist(*x, *y) < SAME_CLUSTERING_THRESHOLD)
}

const CHUNK: usize = 8192;

struct StepSums {
    sx: Vec<f64>,
    sy: Vec<f64>,
    sw: Vec<f64>,
    count: Vec<u32>,
}

impl StepSums {
    fn new(k: usize) -> Self {
        StepSums { sx: vec![0.0; k], sy: vec![0.0; k], sw: vec![0.0; k], count: vec![0; k] }
    }
    fn add(mut self, o: StepSums) -> Self {
        for i in 0..self.sx.len() {
            self.sx[i] += o.sx[i];
            self.sy[i] += o.sy[i];
            self.sw[i] += o.sw[i];
            self.count[i] += o.count[i];
        }
        self
    }
}

/// Weighted k-means from the given initial centres. Returns the clusters (sorted by id) after the last
/// step: members are the points closest to the previous centres, centres the means of those members.
/// `weights`, if given, must have one positive weight per point.
pub fn kmeans(
    points: &[[f64; 2]],
    weights: Option<&[f64]>,
    init: &[(u32, [f64; 2])],
    max_iters: usize,
) -> Vec<Cluster> {
    let n = points.len();
    if n == 0 || init.is_empty() {
        return Vec::new();
    }
    let ids: Vec<u32> = init.iter().map(|c| c.0).collect();
    let k = init.len();
    let mut centers: Vec<[f64; 2]> = init.iter().map(|c| c.1).collect();
    let mut alive = vec![true; k];
    let mut assign = vec![u32::MAX; n];
    let mut upper = vec![f64::INFINITY; n];
    let mut lower = vec![0.0f64; n];
    let mut iter = max_iters;
    let mut first = true;
    loop {
        // s[c]: half the distance from centre c to its nearest other live centre.
        let s: Vec<f64> = (0..k)
            .map(|c| {
                if !alive[c] {
                    return 0.0;
                }
                let mut best = f64::INFINITY;
                for o in 0..k {
                    if o != c && alive[o] {
                        best = best.min(dist(centers[c], centers[o]));
                    }
                }
                0.5 * best
            })
            .collect();
        let full = first;
        let sums = points
            .par_chunks(CHUNK)
            .zip(assign.par_chunks_mut(CHUNK))
            .zip(upper.par_chunks_mut(CHUNK).zip(lower.par_chunks_mut(CHUNK)))
            .enumerate()
            .map(|(ci, ((pts, asg), (up, lo)))| {
                let mut acc = StepSums::new(k);
                for i in 0..pts.len() {
                    let x = pts[i];
                    let a = asg[i] as usize;
                    let need_scan = if full || a >= k || !alive[a] {
                        true
                    } else {
                        let bound = s[a].max(lo[i]);
                        if up[i] <= bound {
                            false
                        } else {
                            up[i] = dist(x, centers[a]);
                            up[i] > bound
                        }
                    };
                    if need_scan {
                        // Squared distances while scanning; square roots only for the two nearest.
                        let (mut b1, mut d1, mut d2) = (usize::MAX, f64::INFINITY, f64::INFINITY);
                        for (c, &ctr) in centers.iter().enumerate() {
                            if !alive[c] {
                                continue;
                            }
                            let dx = x[0] - ctr[0];
                            let dy = x[1] - ctr[1];
                            let d = dx * dx + dy * dy;
                            if d < d1 {
                                d2 = d1;
                                d1 = d;
                                b1 = c;
                            } else if d < d2 {
                                d2 = d;
                            }
                        }
                        asg[i] = b1 as u32;
                        up[i] = d1.sqrt();
                        lo[i] = d2.sqrt();
                    }
                    let a = asg[i] as usize;
                    let w = weights.map_or(1.0, |w| w[ci * CHUNK + i]);
                    acc.sx[a] += w * x[0];
                    acc.sy[a] += w * x[1];
                    acc.sw[a] += w;
                    acc.count[a] += 1;
                }
                acc
            })
            .collect::<Vec<StepSums>>()
            .into_iter()
            // Summed in chunk order, so that the result does not depend on thread scheduling.
            .fold(StepSums::new(k), StepSums::add);
        first = false;
        let old_live: Vec<[f64; 2]> = (0..k).filter(|&c| alive[c]).map(|c| centers[c]).collect();
        let mut moved = vec![0.0; k];
        for c in 0..k {
            if !alive[c] {
                continue;
            }
            if sums.count[c] == 0 {
                alive[c] = false;
                continue;
            }
            let nc = [sums.sx[c] / sums.sw[c], sums.sy[c] / sums.sw[c]];
            moved[c] = dist(nc, centers[c]);
            centers[c] = nc;
        }
        let new_live: Vec<[f64; 2]> = (0..k).filter(|&c| alive[c]).map(|c| centers[c]).collect();
        if iter == 0 || same_clustering(&old_live, &new_live) {
            break;
        }
        iter -= 1;
        // Update the bounds by the centre movements.
        let (mut m1, mut m1c, mut m2) = (0.0f64, usize::MAX, 0.0f64);
        for (c, &d) in moved.iter().enumerate() {
            if d > m1 {
                m2 = m1;
                m1 = d;
                m1c = c;
            } else if d > m2 {
                m2 = d;
            }
        }
        upper.par_iter_mut().zip(lower.par_iter_mut()).zip(assign.par_iter()).with_min_len(CHUNK).for_each(
            |((u, l), &a)| {
                let a = a as usize;
                *u += moved[a];
                *l -= if a == m1c { m2 } else { m1 };
            },
        );
    }
    let mut members: Vec<Vec<u32>> = vec![Vec::new(); k];
    for (i, &a) in assign.iter().enumerate() {
        members[a as usize].push(i as u32);
    }
    let mut out: Vec<Cluster> = (0..k)
        .filter(|&c| alive[c])
        .map(|c| Cluster { id: ids[c], members: std::mem::take(&mut members[c]), center: centers[c] })
        .collect();
    out.sort_by_key(|c| c.id);
    out
}

/// pol.is's warm start ("clean-start-clusters"): previous clusters are re-centred on the current positions
/// of their members that still exist (clusters with none are dropped, clusters with identical centres are
/// merged), then, while there are fewer than `min(k, distinct points)` clusters, the point farthest from
/// every centre founds a new cluster. `prev` gives, per previous cluster, its id and its members as indices
/// into `points`.
pub fn clean_start(
    points: &[[f64; 2]],
    weights: Option<&[f64]>,
    prev: &[(u32, Vec<u32>)],
    k: usize,
) -> Vec<(u32, [f64; 2])> {
    let mean = |members: &[u32]| -> Option<[f64; 2]> {
        let mut s = [0.0, 0.0, 0.0];
        for &m in members {
            let p = points.get(m as usize)?;
            let w = weights.map_or(1.0, |w| w[m as usize]);
            s[0] += w * p[0];
            s[1] += w * p[1];
            s[2] += w;
        }
        (s[2] > 0.0).then(|| [s[0] / s[2], s[1] / s[2]])
    };
    let mut clusters: Vec<(u32, Vec<u32>, [f64; 2])> = Vec::new();
    for (id, members) in prev {
        let members: Vec<u32> = members.iter().copied().filter(|&m| (m as usize) < points.len()).collect();
        if let Some(c) = mean(&members) {
            // Merge with an existing cluster at exactly the same centre (keeping the larger one's id).
            if let Some(other) = clusters.iter_mut().find(|o| o.2 == c) {
                if members.len() > other.1.len() {
                    other.0 = *id;
                }
                other.1.extend(members);
            } else {
                clusters.push((*id, members, c));
            }
        }
    }
    if clusters.is_empty() {
        if points.is_empty() {
            return Vec::new();
        }
        let all: Vec<u32> = (0..points.len() as u32).collect();
        let next = prev.iter().map(|p| p.0 + 1).max().unwrap_or(0);
        let c = mean(&all).unwrap_or([0.0, 0.0]);
        clusters.push((next, all, c));
    }
    let possible = k.min(count_distinct(points));
    while clusters.len() < possible {
        // The most distal point: largest distance to its nearest centre.
        let (mut best_d, mut best_i) = (0.0, usize::MAX);
        for (i, &p) in points.iter().enumerate() {
            let d = clusters.iter().map(|c| dist(p, c.2)).fold(f64::INFINITY, f64::min);
            if d > best_d {
                best_d = d;
                best_i = i;
            }
        }
        if best_i == usize::MAX {
            break;
        }
        for c in clusters.iter_mut() {
            c.1.retain(|&m| m as usize != best_i);
        }
        clusters.retain(|c| !c.1.is_empty());
        for c in clusters.iter_mut() {
            if let Some(m) = mean(&c.1) {
                c.2 = m;
            }
        }
        let next = clusters.iter().map(|c| c.0 + 1).max().unwrap_or(0);
        clusters.push((next, vec![best_i as u32], points[best_i]));
    }
    clusters.sort_by_key(|c| c.0);
    clusters.into_iter().map(|(id, _, c)| (id, c)).collect()
}

/// pol.is's silhouette of a clustering of `points` (unweighted mean over the points of
/// `(b − a) / max(a, b)`; a point alone in its cluster scores 0). `labels[i]` is the cluster of point `i`.
pub fn silhouette(points: &[[f64; 2]], labels: &[usize]) -> f64 {
    let n = points.len();
    if n == 0 {
        return 0.0;
    }
    let k = labels.iter().copied().max().map_or(0, |m| m + 1);
    let mut size = vec![0usize; k];
    for &l in labels {
        size[l] += 1;
    }
    let mut total = 0.0;
    for i in 0..n {
        let own = labels[i];
        if size[own] <= 1 {
            continue; // scores 0
        }
        let mut sum = vec![0.0; k];
        for j in 0..n {
            if j != i {
                sum[labels[j]] += dist(points[i], points[j]);
            }
        }
        let a = sum[own] / (size[own] - 1) as f64;
        let b =
            (0..k).filter(|&c| c != own && size[c] > 0).map(|c| sum[c] / size[c] as f64).fold(f64::INFINITY, f64::min);
        if !b.is_finite() {
            continue;
        }
        let m = a.max(b);
        if m > 0.0 {
            total += (b - a) / m;
        }
    }
    total / n as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Plain Lloyd with pol.is's rules (drop empty clusters, stop when sorted centres moved < 0.01 or
    /// after `max_iters` steps), written as directly as possible.
    fn lloyd_reference(points: &[[f64; 2]], init: &[[f64; 2]], max_iters: usize) -> Vec<Vec<u32>> {
        let mut centers = init.to_vec();
        let mut iter = max_iters;
        loop {
            let mut members: Vec<Vec<u32>> = vec![Vec::new(); centers.len()];
            for (i, p) in points.iter().enumerate() {
                let mut best = 0;
                for c in 1..centers.len() {
                    if dist(*p, centers[c]) < dist(*p, centers[best]) {
                        best = c;
                    }
                }
                members[best].push(i as u32);
            }
            let kept: Vec<(Vec<u32>, [f64; 2])> = members
                .into_iter()
                .filter(|m| !m.is_empty())
                .map(|m| {
                    let n = m.len() as f64;
                    let cx = m.iter().map(|&i| points[i as usize][0]).sum::<f64>() / n;
                    let cy = m.iter().map(|&i| points[i as usize][1]).sum::<f64>() / n;
                    (m, [cx, cy])
                })
                .collect();
            let new_centers: Vec<[f64; 2]> = kept.iter().map(|k| k.1).collect();
            if iter == 0 || same_clustering(&centers, &new_centers) {
                return kept.into_iter().map(|k| k.0).collect();
            }
            iter -= 1;
            centers = new_centers;
        }
    }

    #[test]
    fn first_distinct_initialisation_skips_duplicates() {
        let pts = [[0.0, 0.0], [0.0, 0.0], [1.0, 0.0], [2.0, 0.0]];
        assert_eq!(init_first_distinct(&pts, 2), vec![(0, [0.0, 0.0]), (1, [1.0, 0.0])]);
        assert_eq!(init_first_distinct(&pts, 10).len(), 3);
    }

    #[test]
    fn hand_checked_two_clusters() {
        let pts = [[0.0, 0.0], [0.0, 1.0], [10.0, 0.0], [10.0, 1.0], [1.0, 0.5]];
        let init = init_first_distinct(&pts, 2); // (0,0) and (0,1): a poor start
        let cl = kmeans(&pts, None, &init, 20);
        assert_eq!(cl.len(), 2);
        let mut groups: Vec<Vec<u32>> = cl.iter().map(|c| c.members.clone()).collect();
        groups.sort();
        assert_eq!(groups, vec![vec![0, 1, 4], vec![2, 3]]);
        let c = cl.iter().find(|c| c.members == vec![2, 3]).expect("cluster");
        assert_eq!(c.center, [10.0, 0.5]);
    }

    #[test]
    fn weights_pull_the_centre() {
        let pts = [[0.0, 0.0], [3.0, 0.0]];
        let cl = kmeans(&pts, Some(&[1.0, 2.0]), &[(0, [1.0, 0.0])], 5);
        assert_eq!(cl.len(), 1);
        assert!((cl[0].center[0] - 2.0).abs() < 1e-12);
    }

    #[test]
    fn empty_clusters_are_dropped() {
        let pts = [[0.0, 0.0], [0.1, 0.0]];
        let cl = kmeans(&pts, None, &[(0, [0.0, 0.0]), (1, [100.0, 0.0])], 5);
        assert_eq!(cl.len(), 1);
        assert_eq!(cl[0].id, 0);
        assert_eq!(cl[0].members, vec![0, 1]);
    }

    #[test]
    fn hamerly_gives_exactly_the_lloyd_partition() {
        let mut rng = crate::rng::Rng::new(9);
        let pts: Vec<[f64; 2]> = (0..20_000)
            .map(|i| {
                let g = (i % 3) as f64;
                [g * 3.0 + rng.normal(), g * -2.0 + rng.normal()]
            })
            .collect();
        let init = init_first_distinct(&pts, 40);
        for max_iters in [0, 3, 100] {
            let ours = kmeans(&pts, None, &init, max_iters);
            let reference = lloyd_reference(&pts, &init.iter().map(|c| c.1).collect::<Vec<_>>(), max_iters);
            let mut a: Vec<Vec<u32>> = ours.iter().map(|c| c.members.clone()).collect();
            let mut b = reference;
            a.sort();
            b.sort();
            assert_eq!(a, b, "max_iters {max_iters}");
            for c in &ours {
                let n = c.members.len() as f64;
                let mx = c.members.iter().map(|&m| pts[m as usize][0]).sum::<f64>() / n;
                assert!((mx - c.center[0]).abs() < 1e-9, "centre is the mean of the members");
            }
        }
    }

    #[test]
    fn silhouette_hand_checked() {
        // Two tight pairs far apart: a = 1, b ≈ 10 → s ≈ 0.9.
        let pts = [[0.0, 0.0], [1.0, 0.0], [10.0, 0.0], [11.0, 0.0]];
        let s = silhouette(&pts, &[0, 0, 1, 1]);
        // point 0: a=1, b=(10+11)/2=10.5 → 9.5/10.5; point 1: a=1, b=9.5 → 8.5/9.5 (symmetric for the others)
        let expect = (9.5 / 10.5 + 8.5 / 9.5) / 2.0;
        assert!((s - expect).abs() < 1e-12);
        // Singletons score 0.
        let s = silhouette(&pts, &[0, 1, 1, 1]);
        assert!(s < expect);
    }

    #[test]
    fn clean_start_keeps_ids_and_adds_distal_points() {
        let pts = [[0.0, 0.0], [0.2, 0.0], [5.0, 5.0]];
        let init = clean_start(&pts, None, &[(7, vec![0, 1])], 3);
        assert_eq!(init.len(), 3);
        assert_eq!(init[0].0, 7);
        assert!(init.iter().any(|c| c.1 == [5.0, 5.0]));
        // A previous cluster whose members vanished is dropped; nothing left → one big cluster, then split.
        let init = clean_start(&pts, None, &[(2, vec![9])], 1);
        assert_eq!(init.len(), 1);
        assert_eq!(init[0].0, 3);
    }
}
