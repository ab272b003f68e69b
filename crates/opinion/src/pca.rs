//! Principal components of the mean-imputed vote matrix, computed on the sparse votes.
//!
//! pol.is imputes every missing vote with its statement's mean, centres each column on that same mean and
//! runs power iteration. After centring, an imputed cell is exactly zero, so the centred matrix has the
//! sparsity pattern of the votes: `Xᵀ X v` costs one pass over the votes, never `participants × statements`.
//! We iterate a block of [`BLOCK`] vectors at once (subspace iteration with a Rayleigh–Ritz step), which
//! converges to the same two leading eigenvectors as pol.is's deflated power iteration, in far fewer passes,
//! and stop on a residual tolerance instead of a fixed 100 iterations.

use rayon::prelude::*;

use crate::matrix::VoteMatrix;
use crate::rng::Rng;

/// Vectors iterated together (2 wanted + 2 guard vectors that speed up convergence).
pub const BLOCK: usize = 4;

/// The centred vote matrix: for every column the centred value of a −1, 0 or +1 vote (all zero for a column
/// that is moderated out or has no vote).
#[derive(Clone, Debug)]
pub struct Centered<'a> {
    pub(crate) m: &'a VoteMatrix,
    /// `lut[j][v + 1]` = centred value of vote `v` on column `j`.
    pub(crate) lut: Vec<[f64; 3]>,
    /// Column means (0 for excluded columns).
    pub(crate) center: Vec<f64>,
}

impl<'a> Centered<'a> {
    /// Centres `m`; `excluded[j]` zeroes column `j` (moderated out).
    pub fn new(m: &'a VoteMatrix, excluded: &[bool]) -> Self {
        let ns = m.n_statements();
        let mut sum = vec![0i64; ns];
        let mut cnt = vec![0u64; ns];
        let (_, cols, vals) = m.csr();
        for (&c, &v) in cols.iter().zip(vals) {
            sum[c as usize] += i64::from(v);
            cnt[c as usize] += 1;
        }
        let mut center = vec![0.0; ns];
        let mut lut = vec![[0.0; 3]; ns];
        for j in 0..ns {
            if cnt[j] > 0 && !excluded.get(j).copied().unwrap_or(false) {
                let c = sum[j] as f64 / cnt[j] as f64;
                center[j] = c;
                lut[j] = [-1.0 - c, -c, 1.0 - c];
            }
        }
        Centered { m, lut, center }
    }

    #[inline]
    fn value(&self, col: u32, v: i8) -> f64 {
        self.lut[col as usize][(v + 1) as usize]
    }
}

/// Two principal components.
#[derive(Clone, Debug, PartialEq)]
pub struct Pca {
    /// Column means (the centre of the imputed matrix).
    pub center: Vec<f64>,
    /// The two leading eigenvectors of the covariance, unit length (zero vectors if the data has no variance).
    pub components: [Vec<f64>; 2],
    /// Their eigenvalues of `Xᵀ X` (sum of squares along each component).
    pub eigenvalues: [f64; 2],
    /// Block iterations used.
    pub iterations: usize,
    /// Whether the residual tolerance was met (otherwise `iterations` hit the cap).
    pub converged: bool,
}

/// Splits rows into about `parts` contiguous ranges of similar vote counts.
fn row_ranges(m: &VoteMatrix, parts: usize) -> Vec<(usize, usize)> {
    let n = m.n_participants();
    let (row_ptr, _, _) = m.csr();
    let total = m.n_votes().max(1);
    let parts = parts.max(1);
    let mut out = Vec::with_capacity(parts);
    let mut start = 0;
    for k in 1..=parts {
        let target = total * k / parts;
        let mut end = row_ptr.partition_point(|&x| x < target).min(n);
        if k == parts {
            end = n;
        }
        if end > start {
            out.push((start, end));
            start = end;
        }
    }
    if start < n {
        out.push((start, n));
    }
    out
}

/// `out = Xᵀ X v` for a block of `BLOCK` vectors stored row-major (`v[j * BLOCK + b]`).
fn gram_apply(x: &Centered<'_>, ranges: &[(usize, usize)], v: &[f64], out: &mut [f64]) {
    let ns = x.m.n_statements();
    let (row_ptr, cols, vals) = x.m.csr();
    let partials: Vec<Vec<f64>> = ranges
        .par_iter()
        .map(|&(a, b)| {
            let mut w = vec![0.0; ns * BLOCK];
            for p in a..b {
                let (lo, hi) = (row_ptr[p], row_ptr[p + 1]);
                let mut u = [0.0f64; BLOCK];
                for i in lo..hi {
                    let c = cols[i];
                    let xv = x.value(c, vals[i]);
                    let vj = &v[c as usize * BLOCK..c as usize * BLOCK + BLOCK];
                    for k in 0..BLOCK {
                        u[k] += xv * vj[k];
                    }
                }
                for i in lo..hi {
                    let c = cols[i];
                    let xv = x.value(c, vals[i]);
                    let wj = &mut w[c as usize * BLOCK..c as usize * BLOCK + BLOCK];
                    for k in 0..BLOCK {
                        wj[k] += xv * u[k];
                    }
                }
            }
            w
        })
        .collect();
    out.iter_mut().for_each(|o| *o = 0.0);
    for w in partials {
        for (o, x) in out.iter_mut().zip(w) {
            *o += x;
        }
    }
}

fn dot_col(a: &[f64], i: usize, b: &[f64], j: usize, ns: usize) -> f64 {
    (0..ns).map(|r| a[r * BLOCK + i] * b[r * BLOCK + j]).sum()
}

/// Modified Gram–Schmidt on the columns of a row-major `ns × BLOCK` block; restricted to `support` rows
/// (the other rows are kept at zero). A column that vanishes is replaced by a fresh random direction.
fn orthonormalize(v: &mut [f64], ns: usize, support: &[bool], rng: &mut Rng) {
    for i in 0..BLOCK {
        for attempt in 0..4 {
            for j in 0..i {
                let d = dot_col(v, i, v, j, ns);
                for r in 0..ns {
                    v[r * BLOCK + i] -= d * v[r * BLOCK + j];
                }
            }
            let norm = dot_col(v, i, v, i, ns).sqrt();
            if norm > 1e-12 {
                for r in 0..ns {
                    v[r * BLOCK + i] /= norm;
                }
                break;
            }
            // Degenerate: draw a new random vector on the support and try again.
            for r in 0..ns {
                v[r * BLOCK + i] = if support[r] { rng.normal() } else { 0.0 };
            }
            if attempt == 3 {
                for r in 0..ns {
                    v[r * BLOCK + i] = 0.0;
                }
            }
        }
    }
}

/// Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations. Returns eigenvalues and
/// eigenvectors (as columns of a row-major matrix), sorted by decreasing eigenvalue.
pub(crate) fn jacobi_eigen(a: &[[f64; BLOCK]; BLOCK]) -> ([f64; BLOCK], [[f64; BLOCK]; BLOCK]) {
    let mut a = *a;
    let mut vecs = [[0.0; BLOCK]; BLOCK];
    for (i, row) in vecs.iter_mut().enumerate() {
        row[i] = 1.0;
    }
    for _sweep in 0..64 {
        let off: f64 = (0..BLOCK)
            .flat_map(|i| (0..BLOCK).filter(move |&j| j != i).map(move |j| (i, j)))
            .map(|(i, j)| a[i][j] * a[i][j])
            .sum();
        let scale: f64 = (0..BLOCK).map(|i| a[i][i] * a[i][i]).sum::<f64>().max(1e-300);
        if off <= 1e-30 * scale {
            break;
        }
        for p in 0..BLOCK {
            for q in p + 1..BLOCK {
                if a[p][q].abs() < 1e-300 {
                    continue;
                }
                let theta = (a[q][q] - a[p][p]) / (2.0 * a[p][q]);
                let t = theta.signum() / (theta.abs() + (theta * theta + 1.0).sqrt());
                let t = if theta == 0.0 { 1.0 } else { t };
                let c = 1.0 / (t * t + 1.0).sqrt();
                let s = t * c;
                for k in 0..BLOCK {
                    let akp = a[k][p];
                    let akq = a[k][q];
                    a[k][p] = c * akp - s * akq;
                    a[k][q] = s * akp + c * akq;
                }
                for k in 0..BLOCK {
                    let apk = a[p][k];
                    let aqk = a[q][k];
                    a[p][k] = c * apk - s * aqk;
                    a[q][k] = s * apk + c * aqk;
                }
                for row in vecs.iter_mut() {
                    let vkp = row[p];
                    let vkq = row[q];
                    row[p] = c * vkp - s * vkq;
                    row[q] = s * vkp + c * vkq;
                }
            }
        }
    }
    let mut order: Vec<usize> = (0..BLOCK).collect();
    order.sort_by(|&i, &j| a[j][j].total_cmp(&a[i][i]));
    let mut vals = [0.0; BLOCK];
    let mut out = [[0.0; BLOCK]; BLOCK];
    for (new, &old) in order.iter().enumerate() {
        vals[new] = a[old][old];
        for r in 0..BLOCK {
            out[r][new] = vecs[r][old];
        }
    }
    (vals, out)
}

/// Options of [`pca`].
#[derive(Clone, Debug)]
pub struct PcaOptions {
    /// Seed of the random start block.
    pub seed: u64,
    /// Maximum block iterations.
    pub max_iters: usize,
    /// Stop when both residuals `‖Xᵀ X y − θ y‖` are below `tol × θ₁`.
    pub tol: f64,
    /// Warm start: previous components (by column), used as the first two start vectors.
    pub start: Option<[Vec<f64>; 2]>,
}

impl Default for PcaOptions {
    fn default() -> Self {
        PcaOptions { seed: 0, max_iters: 1000, tol: 1e-9, start: None }
    }
}

/// The two leading principal components of the centred sparse matrix.
pub fn pca(x: &Centered<'_>, opts: &PcaOptions) -> Pca {
    let ns = x.m.n_statements();
    let support: Vec<bool> = x.lut.iter().map(|l| l.iter().any(|&v| v != 0.0)).collect();
    let rank_cap = support.iter().filter(|&&s| s).count().min(x.m.n_participants());
    let mut rng = Rng::new(opts.seed ^ 0x5043_4121);
    let mut v = vec![0.0; ns * BLOCK];
    for r in 0..ns {
        for b in 0..BLOCK {
            if support[r] {
                v[r * BLOCK + b] = match (&opts.start, b) {
                    (Some(s), 0 | 1) if s[b].len() == ns && s[b].iter().any(|&x| x != 0.0) => s[b][r],
                    _ => rng.normal(),
                };
            }
        }
    }
    let mut empty = Pca {
        center: x.center.clone(),
        components: [vec![0.0; ns], vec![0.0; ns]],
        eigenvalues: [0.0; 2],
        iterations: 0,
        converged: true,
    };
    if rank_cap == 0 {
        return empty;
    }
    orthonormalize(&mut v, ns, &support, &mut rng);
    // A fixed number of row ranges whose partial sums are added in order: results do not depend on the
    // number of threads or on scheduling.
    let ranges = row_ranges(x.m, 16);
    let mut w = vec![0.0; ns * BLOCK];
    let mut theta = [0.0; BLOCK];
    let mut ritz = vec![0.0; ns * BLOCK];
    let mut iters = 0;
    let mut converged = false;
    while iters < opts.max_iters {
        iters += 1;
        gram_apply(x, &ranges, &v, &mut w);
        // Rayleigh–Ritz: H = Vᵀ W.
        let mut h = [[0.0; BLOCK]; BLOCK];
        for i in 0..BLOCK {
            for j in i..BLOCK {
                let d = 0.5 * (dot_col(&v, i, &w, j, ns) + dot_col(&v, j, &w, i, ns));
                h[i][j] = d;
                h[j][i] = d;
            }
        }
        let (vals, s) = jacobi_eigen(&h);
        theta = vals;
        // Ritz vectors Y = V S and A Y = W S; residuals of the two leading pairs.
        let mut ay = vec![0.0; ns * BLOCK];
        for r in 0..ns {
            for c in 0..BLOCK {
                let mut y = 0.0;
                let mut a = 0.0;
                for k in 0..BLOCK {
                    y += v[r * BLOCK + k] * s[k][c];
                    a += w[r * BLOCK + k] * s[k][c];
                }
                ritz[r * BLOCK + c] = y;
                ay[r * BLOCK + c] = a;
            }
        }
        let scale = theta[0].abs().max(1e-300);
        let mut res_ok = true;
        for c in 0..2.min(rank_cap) {
            let res: f64 = (0..ns)
                .map(|r| {
                    let d = ay[r * BLOCK + c] - theta[c] * ritz[r * BLOCK + c];
                    d * d
                })
                .sum::<f64>()
                .sqrt();
            if res > opts.tol * scale {
                res_ok = false;
            }
        }
        if res_ok || theta[0] <= 1e-12 {
            converged = true;
            break;
        }
        v.copy_from_slice(&ay);
        orthonormalize(&mut v, ns, &support, &mut rng);
    }
    let mut comps = [vec![0.0; ns], vec![0.0; ns]];
    for (c, comp) in comps.iter_mut().enumerate() {
        if c >= rank_cap || theta[c] <= 1e-12 * theta[0].max(1e-300) {
            continue;
        }
        let norm: f64 = (0..ns).map(|r| ritz[r * BLOCK + c].powi(2)).sum::<f64>().sqrt();
        if norm <= 0.0 {
            continue;
        }
        for r in 0..ns {
            comp[r] = ritz[r * BLOCK + c] / norm;
        }
        // Deterministic sign: agree with the warm start if any, else largest entry positive.
        let flip = match &opts.start {
            Some(s) if s[c].len() == ns && s[c].iter().any(|&x| x != 0.0) => {
                comp.iter().zip(&s[c]).map(|(a, b)| a * b).sum::<f64>() < 0.0
            }
            _ => {
                let mut best = 0.0f64;
                for &x in comp.iter() {
                    if x.abs() > best.abs() + 1e-12 {
                        best = x;
                    }
                }
                best < 0.0
            }
        };
        if flip {
            comp.iter_mut().for_each(|x| *x = -*x);
        }
    }
    empty.components = comps;
    empty.eigenvalues = [theta[0].max(0.0), theta[1].max(0.0)];
    empty.iterations = iters;
    empty.converged = converged;
    empty
}

/// pol.is's sparsity-aware projection of every participant: the dot product of the centred votes with each
/// component over the statements the participant voted on, scaled by `sqrt(n_columns / n_votes)` so that
/// participants who voted little are not pulled to the centre. `n_votes` counts, as pol.is does, every
/// moderated-out column as answered (pol.is zeroes those columns for everyone).
pub fn project_participants(x: &Centered<'_>, pca: &Pca, excluded: &[bool], n_columns: usize) -> Vec<[f64; 2]> {
    let n_excluded = excluded.iter().filter(|&&e| e).count();
    let (row_ptr, cols, vals) = x.m.csr();
    let [c1, c2] = &pca.components;
    (0..x.m.n_participants())
        .into_par_iter()
        .with_min_len(1024)
        .map(|p| {
            let (lo, hi) = (row_ptr[p], row_ptr[p + 1]);
            let (mut p1, mut p2) = (0.0, 0.0);
            let mut on_excluded = 0usize;
            for i in lo..hi {
                let c = cols[i] as usize;
                if excluded.get(c).copied().unwrap_or(false) {
                    on_excluded += 1;
                    continue;
                }
                let xv = x.value(cols[i], vals[i]);
                p1 += xv * c1[c];
                p2 += xv * c2[c];
            }
            let n_votes = (hi - lo) - on_excluded + n_excluded;
            let scale = (n_columns as f64 / n_votes.max(1) as f64).sqrt();
            [p1 * scale, p2 * scale]
        })
        .collect()
}

/// pol.is's projection of every statement: a participant who agreed with that statement only.
pub fn project_statements(pca: &Pca, n_columns: usize) -> Vec<[f64; 2]> {
    let scale = (n_columns as f64).sqrt();
    let [c1, c2] = &pca.components;
    (0..pca.center.len())
        .map(|j| {
            let xv = 1.0 - pca.center[j];
            if c1[j] == 0.0 && c2[j] == 0.0 {
                [0.0, 0.0]
            } else {
                [xv * c1[j] * scale, xv * c2[j] * scale]
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dense_cov(rows: &[Vec<Option<i8>>]) -> Vec<Vec<f64>> {
        let m = VoteMatrix::from_dense(rows).expect("matrix");
        let x = Centered::new(&m, &[]);
        let ns = m.n_statements();
        let mut cov = vec![vec![0.0; ns]; ns];
        for row in rows {
            let xs: Vec<f64> =
                (0..ns).map(|j| row.get(j).copied().flatten().map_or(0.0, |v| x.lut[j][(v + 1) as usize])).collect();
            for a in 0..ns {
                for b in 0..ns {
                    cov[a][b] += xs[a] * xs[b];
                }
            }
        }
        cov
    }

    #[test]
    fn centre_is_the_mean_of_observed_votes() {
        let rows = vec![vec![Some(1), None, Some(-1)], vec![Some(-1), Some(1), None], vec![Some(1), None, None]];
        let m = VoteMatrix::from_dense(&rows).expect("matrix");
        let x = Centered::new(&m, &[false, false, true]);
        assert!((x.center[0] - 1.0 / 3.0).abs() < 1e-12);
        assert!((x.center[1] - 1.0).abs() < 1e-12);
        assert_eq!(x.center[2], 0.0, "excluded column");
        assert_eq!(x.lut[2], [0.0; 3]);
        assert!((x.lut[0][0] - (-4.0 / 3.0)).abs() < 1e-12);
    }

    #[test]
    fn components_are_eigenvectors_of_the_imputed_covariance() {
        let rows = vec![
            vec![Some(1), Some(1), Some(-1), None, Some(0)],
            vec![Some(1), Some(1), Some(-1), Some(-1), None],
            vec![Some(-1), Some(-1), Some(1), Some(1), Some(1)],
            vec![Some(-1), None, Some(1), Some(1), Some(0)],
            vec![Some(0), Some(1), None, Some(-1), Some(-1)],
            vec![Some(1), Some(-1), Some(1), None, Some(1)],
        ];
        let cov = dense_cov(&rows);
        let m = VoteMatrix::from_dense(&rows).expect("matrix");
        let x = Centered::new(&m, &[]);
        let p = pca(&x, &PcaOptions::default());
        assert!(p.converged);
        assert!(p.eigenvalues[0] >= p.eigenvalues[1] && p.eigenvalues[1] > 0.0);
        for c in 0..2 {
            let v = &p.components[c];
            let norm: f64 = v.iter().map(|a| a * a).sum();
            assert!((norm - 1.0).abs() < 1e-9);
            for a in 0..5 {
                let cv: f64 = (0..5).map(|b| cov[a][b] * v[b]).sum();
                assert!((cv - p.eigenvalues[c] * v[a]).abs() < 1e-6, "component {c} row {a}");
            }
        }
        let d: f64 = p.components[0].iter().zip(&p.components[1]).map(|(a, b)| a * b).sum();
        assert!(d.abs() < 1e-9);
        // The top eigenvalue is the largest Rayleigh quotient: check against a few random directions.
        let mut rng = Rng::new(3);
        for _ in 0..50 {
            let v: Vec<f64> = (0..5).map(|_| rng.normal()).collect();
            let vv: f64 = v.iter().map(|a| a * a).sum();
            let q: f64 = (0..5).map(|a| (0..5).map(|b| v[a] * cov[a][b] * v[b]).sum::<f64>()).sum::<f64>() / vv;
            assert!(q <= p.eigenvalues[0] + 1e-9);
        }
    }

    #[test]
    fn projection_scales_by_sqrt_of_columns_over_votes() {
        // Two columns; participant 2 voted only on column 0.
        let rows = vec![vec![Some(1), Some(1)], vec![Some(-1), Some(-1)], vec![Some(1), None]];
        let m = VoteMatrix::from_dense(&rows).expect("matrix");
        let x = Centered::new(&m, &[]);
        let p = pca(&x, &PcaOptions::default());
        let proj = project_participants(&x, &p, &[], 2);
        let c = &p.components[0];
        let expect2 = (1.0 - x.center[0]) * c[0] * (2.0f64 / 1.0).sqrt();
        assert!((proj[2][0] - expect2).abs() < 1e-12);
        let expect0 = ((1.0 - x.center[0]) * c[0] + (1.0 - x.center[1]) * c[1]) * 1.0;
        assert!((proj[0][0] - expect0).abs() < 1e-12);
        // Moderated-out columns count as answered: with column 1 excluded, participant 2 has 2 "votes".
        let xe = Centered::new(&m, &[false, true]);
        let pe = pca(&xe, &PcaOptions::default());
        let proj = project_participants(&xe, &pe, &[false, true], 2);
        let expect = (1.0 - xe.center[0]) * pe.components[0][0];
        assert!((proj[2][0] - expect).abs() < 1e-12);
    }

    #[test]
    fn no_variance_gives_zero_components() {
        let rows = vec![vec![Some(1), Some(1)], vec![Some(1), Some(1)]];
        let m = VoteMatrix::from_dense(&rows).expect("matrix");
        let x = Centered::new(&m, &[]);
        let p = pca(&x, &PcaOptions::default());
        assert!(p.components.iter().all(|c| c.iter().all(|&v| v == 0.0)));
        let proj = project_participants(&x, &p, &[], 2);
        assert_eq!(proj, vec![[0.0, 0.0]; 2]);
    }

    #[test]
    fn jacobi_diagonalises() {
        let a = [[4.0, 1.0, 0.5, 0.0], [1.0, 3.0, 0.2, 0.1], [0.5, 0.2, 2.0, 0.3], [0.0, 0.1, 0.3, 1.0]];
        let (vals, vecs) = jacobi_eigen(&a);
        for c in 0..BLOCK {
            for r in 0..BLOCK {
                let av: f64 = (0..BLOCK).map(|k| a[r][k] * vecs[k][c]).sum();
                assert!((av - vals[c] * vecs[r][c]).abs() < 1e-10);
            }
        }
        assert!(vals.windows(2).all(|w| w[0] >= w[1]));
    }
}
