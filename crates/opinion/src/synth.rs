//! Synthetic conversations with a planted group structure and realistic sparsity, for the benchmark and
//! for tests.
//!
//! Participants belong to one of `groups` planted groups (sizes decreasing: the first group is the
//! largest). Each statement is either consensual (every group tends to agree) or divisive (each group
//! tends to agree or to disagree, at random), with about 15% passes. How many statements a participant
//! votes on follows a log-normal law (median well below the mean, a long tail of heavy voters, as in real
//! pol.is conversations), and earlier statements are seen by more participants.

use crate::matrix::VoteMatrix;
use crate::rng::Rng;

/// What to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SynthSpec {
    /// Participants.
    pub participants: usize,
    /// Statements.
    pub statements: usize,
    /// Target number of votes (the result is close to it, capped by participants × statements).
    pub votes: usize,
    /// Planted groups (≥ 1).
    pub groups: usize,
    /// Seed.
    pub seed: u64,
}

/// A generated conversation.
#[derive(Clone, Debug)]
pub struct Synthetic {
    /// The votes. Participant and statement ids are 0, 1, 2, …
    pub matrix: VoteMatrix,
    /// Planted group of each participant (row).
    pub planted: Vec<u32>,
}

/// Generates a conversation.
pub fn synthesize(spec: &SynthSpec) -> Synthetic {
    let n = spec.participants;
    let m = spec.statements;
    let g = spec.groups.max(1);
    let mut rng = Rng::new(spec.seed);
    // Group sizes ∝ g, g−1, …, 1.
    let gw: Vec<f64> = (0..g).map(|i| (g - i) as f64).collect();
    let gsum: f64 = gw.iter().sum();
    // Per statement and group: probabilities of agree and disagree.
    let mut probs = vec![(0.0f64, 0.0f64); m * g];
    for j in 0..m {
        let consensual = rng.next_f64() < 0.25;
        for k in 0..g {
            let noise = 0.1 * (rng.next_f64() - 0.5);
            let (a, d) = if consensual {
                (0.72 + noise, 0.13)
            } else if rng.next_f64() < 0.5 {
                (0.70 + noise, 0.15)
            } else {
                (0.15, 0.70 + noise)
            };
            probs[j * g + k] = (a, d);
        }
    }
    // Statement popularity: earlier statements are seen more.
    let mut cum = Vec::with_capacity(m);
    let mut acc = 0.0;
    for j in 0..m {
        acc += 1.0 / ((j as f64 + 10.0).sqrt());
        cum.push(acc);
    }
    let total_w = acc;
    let mean_votes = if n == 0 { 0.0 } else { spec.votes as f64 / n as f64 };
    let sigma = 1.0f64;
    let mu = mean_votes.max(1.0).ln() - sigma * sigma / 2.0;

    let mut planted = Vec::with_capacity(n);
    let mut row_ptr = Vec::with_capacity(n + 1);
    row_ptr.push(0usize);
    let mut cols: Vec<u32> = Vec::with_capacity(spec.votes + spec.votes / 8);
    let mut vals: Vec<i8> = Vec::with_capacity(spec.votes + spec.votes / 8);
    let mut stamp = vec![u32::MAX; m];
    let mut chosen: Vec<u32> = Vec::new();
    for p in 0..n {
        let mut r = rng.next_f64() * gsum;
        let mut grp = g - 1;
        for (k, w) in gw.iter().enumerate() {
            r -= w;
            if r < 0.0 {
                grp = k;
                break;
            }
        }
        planted.push(grp as u32);
        let c = ((mu + sigma * rng.normal()).exp().round() as usize).clamp(1, m.max(1));
        let c = c.min(m);
        chosen.clear();
        if c * 2 > m {
            // Dense row: take every statement and drop the excess at random.
            chosen.extend(0..m as u32);
            for i in 0..(m - c) {
                let k = i + rng.below((m - i) as u64) as usize;
                chosen.swap(i, k);
            }
            chosen.drain(..m - c);
        } else {
            while chosen.len() < c {
                let x = rng.next_f64() * total_w;
                let j = cum.partition_point(|&v| v <= x).min(m - 1);
                if stamp[j] != p as u32 {
                    stamp[j] = p as u32;
                    chosen.push(j as u32);
                }
            }
        }
        chosen.sort_unstable();
        for &j in &chosen {
            let (a, d) = probs[j as usize * g + grp];
            let u = rng.next_f64();
            let v = if u < a {
                1
            } else if u < a + d {
                -1
            } else {
                0
            };
            cols.push(j);
            vals.push(v);
        }
        row_ptr.push(cols.len());
    }
    let matrix =
        VoteMatrix::from_csr((0..n as u64).collect(), (0..m as u64).collect(), row_ptr, cols, vals).unwrap_or_default();
    Synthetic { matrix, planted }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_determinism() {
        let spec = SynthSpec { participants: 2000, statements: 100, votes: 60_000, groups: 3, seed: 5 };
        let a = synthesize(&spec);
        let b = synthesize(&spec);
        assert_eq!(a.matrix.n_participants(), 2000);
        assert_eq!(a.matrix.n_statements(), 100);
        let v = a.matrix.n_votes() as f64;
        assert!((v - 60_000.0).abs() < 6_000.0, "votes {v}");
        assert_eq!(a.matrix.csr(), b.matrix.csr());
        assert_eq!(a.planted, b.planted);
        // Planted group sizes decrease: 3 : 2 : 1.
        let mut sizes = [0usize; 3];
        for &g in &a.planted {
            sizes[g as usize] += 1;
        }
        assert!(sizes[0] > sizes[1] && sizes[1] > sizes[2], "{sizes:?}");
        // Every participant voted at least once.
        assert!((0..2000).all(|p| a.matrix.row_len(p) >= 1));
    }
}
