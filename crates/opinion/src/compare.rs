//! Agreement between two partitions of participants: the adjusted Rand index (Hubert & Arabie), used to
//! compare cogov's opinion groups with pol.is's own group ids.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Serialize;

use crate::analysis::Analysis;
use crate::matrix::ParticipantId;

fn choose2(x: u64) -> f64 {
    (x as f64) * (x as f64 - 1.0) / 2.0
}

/// Adjusted Rand index between two labelings of the same items (`a[i]`, `b[i]`). 1 for identical
/// partitions, about 0 for independent ones; 1 when both put everything in one cluster; 0 for fewer than
/// two items.
pub fn adjusted_rand_index(a: &[u32], b: &[u32]) -> f64 {
    let n = a.len().min(b.len());
    if n < 2 {
        return 0.0;
    }
    let mut table: HashMap<(u32, u32), u64> = HashMap::new();
    let mut ra: HashMap<u32, u64> = HashMap::new();
    let mut rb: HashMap<u32, u64> = HashMap::new();
    for i in 0..n {
        *table.entry((a[i], b[i])).or_default() += 1;
        *ra.entry(a[i]).or_default() += 1;
        *rb.entry(b[i]).or_default() += 1;
    }
    let index: f64 = table.values().map(|&x| choose2(x)).sum();
    let sa: f64 = ra.values().map(|&x| choose2(x)).sum();
    let sb: f64 = rb.values().map(|&x| choose2(x)).sum();
    let total = choose2(n as u64);
    let expected = sa * sb / total;
    let max = 0.5 * (sa + sb);
    if (max - expected).abs() < 1e-12 {
        return if (index - expected).abs() < 1e-12 { 1.0 } else { 0.0 };
    }
    (index - expected) / (max - expected)
}

/// cogov's groups against pol.is's.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Comparison {
    /// Adjusted Rand index over the participants both engines placed in a group (`None` if fewer than 2).
    pub ari: Option<f64>,
    /// Participants grouped by both.
    pub common: usize,
    /// Grouped by cogov only.
    pub cogov_only: usize,
    /// Grouped by pol.is only.
    pub polis_only: usize,
    /// Number of cogov groups.
    pub cogov_groups: usize,
    /// Number of pol.is groups (distinct group ids in `participants-votes.csv`, else `summary.csv`).
    pub polis_groups: usize,
    /// Whether the numbers of groups match.
    pub groups_match: bool,
    /// Contingency table: rows cogov groups, columns pol.is groups (ids sorted), over common participants.
    pub table: Vec<Vec<usize>>,
    /// pol.is group ids, in table column order.
    pub polis_group_ids: Vec<u32>,
    /// Silhouette of pol.is's groups on cogov's map (participants grouped by both; computed up to 5,000 of
    /// them). Near cogov's own value when pol.is's groups are coherent regions of the same map; near 0 when
    /// pol.is computed them on a different map (another version, other votes).
    pub polis_silhouette: Option<f64>,
    /// Silhouette of cogov's groups on the same participants.
    pub cogov_silhouette: Option<f64>,
}

/// Compares an analysis with pol.is's group of each participant.
pub fn compare(analysis: &Analysis, polis: &HashMap<ParticipantId, u32>, polis_count: Option<usize>) -> Comparison {
    let ours = analysis.group_of();
    let mut a = Vec::new();
    let mut b = Vec::new();
    let mut keys: Vec<&ParticipantId> = ours.keys().filter(|p| polis.contains_key(p)).collect();
    keys.sort();
    for p in &keys {
        a.push(ours[*p]);
        b.push(polis[*p]);
    }
    let pos: HashMap<ParticipantId, [f64; 2]> = analysis.participants.iter().map(|p| (p.id, [p.x, p.y])).collect();
    let points: Vec<[f64; 2]> = keys.iter().map(|p| pos.get(*p).copied().unwrap_or([0.0, 0.0])).collect();
    let dense = |labels: &[u32]| -> Vec<usize> {
        let ids: BTreeMap<u32, usize> =
            labels.iter().copied().collect::<BTreeSet<u32>>().into_iter().enumerate().map(|(i, g)| (g, i)).collect();
        labels.iter().map(|g| ids[g]).collect()
    };
    let sil = |labels: &[u32]| -> Option<f64> {
        (points.len() >= 2 && points.len() <= 5000).then(|| crate::kmeans::silhouette(&points, &dense(labels)))
    };
    let polis_silhouette = sil(&b);
    let cogov_silhouette = sil(&a);
    let polis_ids: BTreeSet<u32> = polis.values().copied().collect();
    let polis_ids: Vec<u32> = polis_ids.into_iter().collect();
    let col: BTreeMap<u32, usize> = polis_ids.iter().enumerate().map(|(i, &g)| (g, i)).collect();
    let cogov_groups = analysis.groups.len();
    let mut table = vec![vec![0usize; polis_ids.len()]; cogov_groups];
    for (x, y) in a.iter().zip(&b) {
        if let (Some(row), Some(&c)) = (table.get_mut(*x as usize), col.get(y)) {
            row[c] += 1;
        }
    }
    let polis_groups = if polis_ids.is_empty() { polis_count.unwrap_or(0) } else { polis_ids.len() };
    Comparison {
        ari: (a.len() >= 2).then(|| adjusted_rand_index(&a, &b)),
        common: a.len(),
        cogov_only: ours.len() - a.len(),
        polis_only: polis.len() - a.len(),
        cogov_groups,
        polis_groups,
        groups_match: cogov_groups == polis_groups,
        table,
        polis_group_ids: polis_ids,
        polis_silhouette,
        cogov_silhouette,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ari_hand_checked() {
        assert_eq!(adjusted_rand_index(&[0, 0, 1, 1], &[5, 5, 9, 9]), 1.0);
        // Classic example: a = [0,0,0,1,1,1], b = [0,0,1,1,2,2] → ARI = 0.24242…
        let ari = adjusted_rand_index(&[0, 0, 0, 1, 1, 1], &[0, 0, 1, 1, 2, 2]);
        assert!((ari - 0.242_424_242_424).abs() < 1e-9, "{ari}");
        // Label-permutation invariant and symmetric.
        let x = [0, 1, 2, 0, 1, 2, 2, 2];
        let y = [1, 1, 0, 0, 2, 2, 2, 0];
        let xp: Vec<u32> = x.iter().map(|v| (v + 1) % 3).collect();
        assert!((adjusted_rand_index(&x, &y) - adjusted_rand_index(&xp, &y)).abs() < 1e-12);
        assert!((adjusted_rand_index(&x, &y) - adjusted_rand_index(&y, &x)).abs() < 1e-12);
        assert_eq!(adjusted_rand_index(&[0, 0], &[1, 1]), 1.0);
        assert_eq!(adjusted_rand_index(&[0], &[1]), 0.0);
        // Opposite extremes: all-in-one vs all-separate gives 0.
        assert_eq!(adjusted_rand_index(&[0, 0, 0], &[0, 1, 2]), 0.0);
    }
}
