//! # cogov-opinion — the listening engine
//!
//! pol.is-compatible opinion-group analysis as a pure library: from a vote matrix (participants ×
//! statements; agree +1, disagree −1, pass 0, or missing) it finds opinion groups, the statements that
//! represent each group, the statements that bridge them (consensus) and those that divide them, and a
//! 2-D map of participants and statements. No I/O beyond the optional pol.is export readers ([`polis`]),
//! no global state, deterministic for a given seed.
//!
//! ```no_run
//! use std::collections::HashSet;
//! use cogov_opinion::{analyze, Params, Vote, VoteMatrixBuilder};
//!
//! let mut votes = VoteMatrixBuilder::new();
//! votes.push(1, 10, Vote::Agree); // participant 1 agrees with statement 10 …
//! votes.push(2, 10, Vote::Disagree);
//! let analysis = analyze(&votes.build(), &HashSet::new(), &Params::default(), None);
//! println!("{}", serde_json::to_string_pretty(&analysis).unwrap());
//! ```
//!
//! For a live conversation, [`Engine`] keeps the votes and updates the result incrementally (warm starts,
//! as pol.is's math worker does). [`cli`] holds the `cogov opinion analyze|compare` commands and [`mod@bench`]
//! the `cogov bench opinion` benchmark.
//!
//! ## Method (pol.is's published math: `math/src/polismath/math/{conversation,pca,clusters,repness}.clj`)
//!
//! 1. **Vote matrix.** A later vote by the same participant on the same statement replaces the earlier one.
//!    Statements moderated out have their column zeroed for everybody (pol.is's `zero-out-columns`).
//!    Only statements with at least one vote are columns of the math (`n` below counts them).
//! 2. **Qualification.** A participant is "in conversation" after voting on `min(7, n)` statements, and stays
//!    in once in (when votes come with timestamps, [`VoteMatrixBuilder`] replays this through time). If fewer
//!    than 15 qualify, the most active voters are added up to 15.
//! 3. **PCA.** Missing votes are imputed with the statement's mean and each column is centred on that mean;
//!    the two leading principal components are computed over *all* participants. Because an imputed cell is
//!    exactly zero after centring, the product `XᵀX·v` is one pass over the votes: the engine never builds
//!    the dense matrix (see [`pca`]).
//! 4. **Projection.** Each participant is projected using only the statements they voted on, scaled by
//!    `sqrt(n / n_votes)` — pol.is's sparsity-aware projection, which keeps participants who voted little
//!    from collapsing to the centre. As in pol.is, moderated-out columns count as answered in `n_votes`.
//!    Statements are projected as a participant who agreed with that statement only.
//! 5. **Base clusters.** k-means with k = 100 on the qualified participants, initialised with the first 100
//!    distinct positions (participants in order of first vote), at most 100 steps, stopping when no centre
//!    moves by 0.01 (see [`kmeans`]).
//! 6. **Opinion groups.** Weighted k-means (weights = base-cluster sizes) over the base-cluster centres for
//!    k = 2 … min(5, 2 + base clusters / 12), initialised with the first k distinct centres, at most 20 steps;
//!    the k with the best silhouette (unweighted, over base clusters; ties → larger k) is chosen. On
//!    incremental updates pol.is's smoother applies: a new k is adopted after winning 4 updates in a row.
//! 7. **Representative statements** per group ([`repness`]): smoothed rates `(n+1)/(N+2)`, pol.is's
//!    one-proportion test and two-proportion test of the group against all other groups, both significant at
//!    90% (`z > 1.2816`); sorted by `ratio × z_ratio × rate × z_rate`, pol.is's "best agree" statement
//!    first, at most 5, agrees before disagrees; if none passes, the single best statement.
//! 8. **Consensus.** pol.is's majority consensus over all participants (rate > ½ and significant, top 5 by
//!    `rate × z`), and the **group-informed consensus** of every statement: the product over groups of
//!    `(A+1)/(S+2)` (and, as a cogov addition, the same for disagreement).
//! 9. **Divisive statements** (cogov addition; pol.is's math has none): the groups' smoothed leanings
//!    `(A−D)/(S+2)` are compared; a statement is divisive when one group leans to agree and another to
//!    disagree, scored by half the spread between the extreme groups (in [0, 1)).
//! 10. **Participation statistics**: participants, voters, qualified, grouped, votes by kind, votes per
//!     voter and per statement, density.
//!
//! ## Output ([`Analysis`], serialized with serde)
//!
//! `participation`, `pca` (eigenvalues, explained variance, iterations), `k_selection` (silhouette of each
//! k, best and chosen k), `groups` (id, size, centre, base clusters, `members` = participant ids,
//! `representative` statements with `repful_for`, counts, rates and z values), `consensus` (`agree`,
//! `disagree`, `group_informed`, `group_informed_disagree`), `divisive`, `statements` (id, `x`/`y` on the
//! map, counts overall and per group, group-informed consensus, divisiveness), `participants` (id, `x`/`y`,
//! votes, in conversation, base cluster, group) and `base_clusters`. The CLI adds `source`,
//! `superseded_votes` and `statement_texts`. [`report`] renders a plain-text report and an SVG map.
//!
//! ## Where cogov differs from pol.is, and why
//!
//! * **PCA solver.** pol.is runs 100 power iterations per component (deflating the first), from a random
//!   vector or the previous components; cogov iterates a block of 4 vectors with a Rayleigh–Ritz step until
//!   the residuals fall below `1e-9 × λ₁`. Both converge to the same eigenvectors; cogov's is faster, always
//!   converged, and fixes the sign (largest entry positive, or aligned with the previous update).
//! * **No mini-batch PCA.** Above 10,000 participants pol.is switches to an approximate mini-batch PCA
//!   (samples of up to 1,500 participants, learning rate 0.01); cogov computes the exact PCA at every size,
//!   which is cheap on the sparse votes.
//! * **History.** pol.is's production results are the end of a long chain of warm-started updates (PCA,
//!   base clusters, groups, k smoother, in-conversation set). An export holds only the final votes, so a
//!   from-scratch analysis uses pol.is's cold-start initialisation and can land in a different local optimum
//!   of k-means, or pick another k than the smoother kept. This is the main source of disagreement with
//!   exported pol.is groups (see `BENCHMARKS.md (section "Listening engine")`). [`Engine`] reproduces the warm-started chain for
//!   live use, and `cogov opinion compare DIR --replay SECONDS` ([`polis::replay_dir`]) replays an export's
//!   timestamped votes through it to emulate pol.is's history.
//! * **Qualification replay** is per vote (pol.is: per math update, every few seconds); the top-15 fill-in
//!   is recomputed at each analysis rather than kept.
//! * **Not implemented:** pol.is's subgroups (clusters within groups), comment-routing priorities,
//!   participant "bridging/extremity" statistics and the `max-ptpts`/`max-cmts` intake caps (cogov accepts
//!   any size; the benchmark runs at those caps).
//! * **Vote sign.** pol.is's database stores agree as −1; cogov uses the export convention (agree = +1).
//!   PCA is sign-invariant, so the geometry is the same.
//! * **k-means** uses Hamerly's bounds (the same partitions as Lloyd's algorithm, tested) and runs in
//!   parallel; sums are combined in a fixed order so results do not depend on the number of threads.

// Numeric kernels index several parallel arrays with one counter; iterator chains would obscure them.
#![allow(clippy::needless_range_loop)]

pub mod analysis;
pub mod bench;
pub mod cli;
pub mod compare;
pub mod engine;
pub mod error;
pub mod kmeans;
pub mod matrix;
pub mod pca;
pub mod polis;
pub mod repness;
pub mod report;
pub mod rng;
pub mod synth;

pub use analysis::{analyze, Analysis, Params, WarmStart};
pub use compare::{adjusted_rand_index, compare, Comparison};
pub use engine::Engine;
pub use error::{Error, Result};
pub use matrix::{ParticipantId, StatementId, Vote, VoteMatrix, VoteMatrixBuilder};
pub use polis::{read_dir, PolisExport};
