#!/usr/bin/env python3
"""numpy / scikit-learn baseline for `cogov bench opinion` (benchmarks only; never a runtime dependency).

The same pipeline as cogov's listening engine, written the way a Python data scientist would with the
standard stack:

  qualification (votes >= min(7, statements)) -> column-mean imputation -> PCA (2 components) ->
  pol.is projection scaling sqrt(statements / votes) -> KMeans(100) base clusters on qualified
  participants -> weighted KMeans k = 2..5 over base-cluster centres, k chosen by silhouette_score ->
  per-group vote counts -> representative statements (pol.is two-proportion test) -> consensus
  (pol.is majority test and group-informed consensus).

Usage: opinion_baseline.py DIR PARTICIPANTS STATEMENTS SEED
DIR holds rows.npy, cols.npy (int32) and vals.npy (int8, -1/0/1) of the votes and planted.npy (int32).
Prints one JSON line: variant, seconds (pipeline, from the loaded vote arrays), stages, peak_rss_mb,
groups, ari_planted.

Variant "dense" builds the participants x statements matrix, as numpy/scikit-learn PCA normally does.
When that matrix would exceed --max-dense-cells (default 2e8 cells, 1.6 GB per float64 copy) the script
switches to variant "sparse": scipy.sparse + TruncatedSVD on the centred sparse matrix (imputed cells
are exactly zero after centring), which is the best a numpy user can do at pol.is's hard caps.
"""
import json
import resource
import sys
import time

import numpy as np
import scipy.sparse as sp
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA, TruncatedSVD
from sklearn.metrics import adjusted_rand_score, silhouette_score


def main():
    d, n, m, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    max_dense = 2e8
    for a in sys.argv[5:]:
        if a.startswith("--max-dense-cells="):
            max_dense = float(a.split("=", 1)[1])
    rows = np.load(f"{d}/rows.npy")
    cols = np.load(f"{d}/cols.npy")
    vals = np.load(f"{d}/vals.npy").astype(np.float64)
    planted = np.load(f"{d}/planted.npy")
    variant = "dense" if n * m <= max_dense else "sparse"
    stages = {}
    t0 = time.perf_counter()

    # Qualification and column means over observed votes.
    n_votes = np.bincount(rows, minlength=n)
    col_n = np.bincount(cols, minlength=m)
    col_sum = np.bincount(cols, weights=vals, minlength=m)
    active = col_n > 0
    n_active = int(active.sum())
    mean = np.divide(col_sum, col_n, out=np.zeros(m), where=col_n > 0)
    qualified = n_votes >= min(7, n_active)
    t = time.perf_counter()
    if variant == "dense":
        X = np.full((n, m), np.nan)
        X[rows, cols] = vals
        X = np.where(np.isnan(X), mean[None, :], X)  # mean imputation
        stages["matrix"] = time.perf_counter() - t
        t = time.perf_counter()
        pca = PCA(n_components=2, random_state=seed)
        pca.fit(X)
        comps = pca.components_
        # Sparsity-aware projection (pol.is): only observed votes, scaled by sqrt(statements / votes).
        C = sp.csr_matrix((vals - mean[cols], (rows, cols)), shape=(n, m))
        proj = C @ comps.T
        del X
    else:
        C = sp.csr_matrix((vals - mean[cols], (rows, cols)), shape=(n, m))
        stages["matrix"] = time.perf_counter() - t
        t = time.perf_counter()
        svd = TruncatedSVD(n_components=2, random_state=seed)
        svd.fit(C)
        comps = svd.components_
        proj = C @ comps.T
    proj = proj * np.sqrt(n_active / np.maximum(n_votes, 1))[:, None]
    stages["pca"] = time.perf_counter() - t

    t = time.perf_counter()
    q_idx = np.flatnonzero(qualified)
    pts = proj[q_idx]
    k_base = min(100, len(np.unique(pts, axis=0)))
    base = KMeans(n_clusters=k_base, n_init=1, random_state=seed).fit(pts)
    centers = base.cluster_centers_
    weights = np.bincount(base.labels_, minlength=k_base).astype(float)
    stages["base_clusters"] = time.perf_counter() - t

    t = time.perf_counter()
    best = None
    max_k = min(5, 2 + k_base // 12)
    for k in range(2, max_k + 1):
        km = KMeans(n_clusters=k, n_init=1, random_state=seed).fit(centers, sample_weight=weights)
        if len(set(km.labels_)) < 2:
            continue
        s = silhouette_score(centers, km.labels_)
        if best is None or s >= best[0]:
            best = (s, k, km.labels_)
    stages["groups"] = time.perf_counter() - t

    t = time.perf_counter()
    labels = np.full(n, -1)
    if best is not None:
        labels[q_idx] = best[2][base.labels_]
    g = int(labels.max()) + 1
    in_g = labels >= 0
    G = sp.csr_matrix((np.ones(int(in_g.sum())), (np.flatnonzero(in_g), labels[in_g])), shape=(n, max(g, 1)))
    A = sp.csr_matrix(((vals > 0).astype(float), (rows, cols)), shape=(n, m))
    D = sp.csr_matrix(((vals < 0).astype(float), (rows, cols)), shape=(n, m))
    S = sp.csr_matrix((np.ones_like(vals), (rows, cols)), shape=(n, m))
    na, nd, ns = (np.asarray((G.T @ M).todense()) for M in (A, D, S))

    def prop_test(s, n_):
        return 2 * np.sqrt(n_ + 1) * ((s + 1) / (n_ + 1) - 0.5)

    def two_prop(s1, s2, n1, n2):
        s1, s2, n1, n2 = s1 + 1, s2 + 1, n1 + 1, n2 + 1
        pi = (s1 + s2) / (n1 + n2)
        with np.errstate(divide="ignore", invalid="ignore"):
            z = (s1 / n1 - s2 / n2) / np.sqrt(pi * (1 - pi) * (1 / n1 + 1 / n2))
        return np.where(pi == 1, 0, z)

    reps = {}
    for gi in range(g):
        ra_, rd_, rs_ = na.sum(0) - na[gi], nd.sum(0) - nd[gi], ns.sum(0) - ns[gi]
        pa = (na[gi] + 1) / (ns[gi] + 2)
        pd = (nd[gi] + 1) / (ns[gi] + 2)
        pat, pdt = prop_test(na[gi], ns[gi]), prop_test(nd[gi], ns[gi])
        rat, rdt = two_prop(na[gi], ra_, ns[gi], rs_), two_prop(nd[gi], rd_, ns[gi], rs_)
        ra = pa / ((ra_ + 1) / (rs_ + 2))
        rd = pd / ((rd_ + 1) / (rs_ + 2))
        agree = rat > rdt
        metric = np.where(agree, ra * rat * pa * pat, rd * rdt * pd * pdt)
        ok = ((rat > 1.2816) & (pat > 1.2816)) | ((rdt > 1.2816) & (pdt > 1.2816))
        cand = np.flatnonzero(ok & active)
        reps[gi] = cand[np.argsort(-metric[cand])][:5].tolist()
    tot_a, tot_d, tot_s = (np.asarray(M.sum(0)).ravel() for M in (A, D, S))
    pa_all = (tot_a + 1) / (tot_s + 2)
    pat_all = prop_test(tot_a, tot_s)
    cons = np.flatnonzero((pa_all > 0.5) & (pat_all > 1.2816))
    consensus = cons[np.argsort(-(pa_all * pat_all)[cons])][:5].tolist()
    gac = np.prod((na + 1) / (ns + 2), axis=0) if g > 0 else np.zeros(m)
    gac_top = np.argsort(-gac)[:5].tolist()
    stages["statistics"] = time.perf_counter() - t
    seconds = time.perf_counter() - t0

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    ari = adjusted_rand_score(planted[in_g], labels[in_g]) if in_g.sum() > 1 else 0.0
    print(json.dumps({
        "variant": variant,
        "seconds": seconds,
        "seconds_without_matrix": seconds - stages["matrix"],
        "stages": stages,
        "peak_rss_mb": peak_mb,
        "groups": g,
        "ari_planted": ari,
        "representative": {str(k): v for k, v in reps.items()},
        "consensus": consensus,
        "group_informed_consensus": gac_top,
    }))


if __name__ == "__main__":
    main()
