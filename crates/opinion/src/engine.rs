//! Incremental analysis of a live conversation, the way pol.is's math worker runs: votes arrive, and each
//! update re-runs the pipeline warm-started from the previous one.
//!
//! What carries over between updates (exactly the state pol.is keeps):
//! * the principal components (start vectors of the next PCA, which then converges in a few iterations);
//! * the participants "in conversation" (once in, always in);
//! * the base clusters and the group clusterings for every k (pol.is's `clean-start-clusters`: previous
//!   clusters re-centred on their members' new positions, new clusters founded by outlying points);
//! * the k smoother (a new number of groups is adopted only after it wins `k_buffer` updates in a row).
//!
//! What is recomputed in full each update: column means, projections, k-means iterations, vote counts and
//! the statistics built on them. These are linear in the number of votes, and pol.is recomputes them too.

use std::collections::HashSet;

use crate::analysis::{analyze, Analysis, Params, WarmStart};
use crate::matrix::{ParticipantId, StatementId, Vote, VoteMatrixBuilder};

/// A live conversation: add statements and votes, call [`Engine::update`] whenever a fresh result is
/// wanted.
#[derive(Clone, Debug, Default)]
pub struct Engine {
    params: Params,
    builder: VoteMatrixBuilder,
    moderated_out: HashSet<StatementId>,
    warm: Option<WarmStart>,
    pending: usize,
}

impl Engine {
    /// A new, empty conversation.
    pub fn new(params: Params) -> Self {
        Engine { params, ..Default::default() }
    }

    /// Resumes from a persisted state (see [`Engine::warm_state`]); the votes must be added again.
    pub fn with_warm_state(params: Params, warm: WarmStart) -> Self {
        Engine { params, warm: Some(warm), ..Default::default() }
    }

    /// Registers a statement.
    pub fn add_statement(&mut self, id: StatementId) {
        self.builder.add_statement(id);
    }

    /// Moderates a statement out (`true`) or back in (`false`).
    pub fn moderate(&mut self, id: StatementId, out: bool) {
        if out {
            self.moderated_out.insert(id);
        } else {
            self.moderated_out.remove(&id);
        }
    }

    /// Records a vote. Votes must arrive in chronological order; a later vote on the same statement by the
    /// same participant replaces the earlier one.
    pub fn vote(&mut self, participant: ParticipantId, statement: StatementId, vote: Vote) {
        self.builder.push(participant, statement, vote);
        self.pending += 1;
    }

    /// Votes recorded since the last update.
    pub fn pending_votes(&self) -> usize {
        self.pending
    }

    /// Recomputes the analysis, warm-started from the previous update.
    pub fn update(&mut self) -> Analysis {
        let matrix = self.builder.clone().build();
        let analysis = analyze(&matrix, &self.moderated_out, &self.params, self.warm.as_ref());
        self.warm = Some(analysis.warm.clone());
        self.pending = 0;
        analysis
    }

    /// The state carried to the next update (serializable, to persist between runs).
    pub fn warm_state(&self) -> Option<&WarmStart> {
        self.warm.as_ref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::adjusted_rand_index;
    use crate::synth::{synthesize, SynthSpec};

    fn feed(engine: &mut Engine, syn: &crate::synth::Synthetic, rows: std::ops::Range<usize>) {
        for p in rows {
            let (c, v) = syn.matrix.row(p);
            for (&c, &v) in c.iter().zip(v) {
                let vote = Vote::from_value(i64::from(v)).expect("valid vote");
                engine.vote(p as u64, u64::from(c), vote);
            }
        }
    }

    #[test]
    fn warm_updates_are_stable_and_cheaper() {
        let syn = synthesize(&SynthSpec { participants: 3000, statements: 80, votes: 90_000, groups: 3, seed: 11 });
        let mut e = Engine::new(Params::default());
        for s in 0..80 {
            e.add_statement(s);
        }
        feed(&mut e, &syn, 0..2000);
        assert_eq!(e.pending_votes(), (0..2000).map(|p| syn.matrix.row_len(p)).sum::<usize>());
        let first = e.update();
        assert_eq!(e.pending_votes(), 0);
        let cold_iters = first.pca.iterations;
        // No new votes: the warm update converges at once and keeps the groups.
        let again = e.update();
        assert!(again.pca.iterations <= 2, "warm PCA took {} iterations", again.pca.iterations);
        assert!(again.pca.iterations < cold_iters);
        let a: Vec<u32> = first.participants.iter().map(|p| p.group.unwrap_or(99)).collect();
        let b: Vec<u32> = again.participants.iter().map(|p| p.group.unwrap_or(99)).collect();
        assert!(adjusted_rand_index(&a, &b) > 0.99);
        // More votes: base clusters keep their ids, everybody in conversation stays in.
        feed(&mut e, &syn, 2000..3000);
        let later = e.update();
        let before: HashSet<u64> = first.participants.iter().filter(|p| p.in_conversation).map(|p| p.id).collect();
        let after: HashSet<u64> = later.participants.iter().filter(|p| p.in_conversation).map(|p| p.id).collect();
        assert!(before.is_subset(&after));
        let old_ids: HashSet<u32> = first.base_clusters.iter().map(|c| c.id).collect();
        let kept = later.base_clusters.iter().filter(|c| old_ids.contains(&c.id)).count();
        assert!(kept >= 90, "only {kept} base clusters kept their id");
        assert_eq!(later.participation.participants, 3000);
        assert_eq!(later.groups.len(), 3);
    }

    #[test]
    fn k_smoother_waits_for_a_new_k_to_win_repeatedly() {
        let syn = synthesize(&SynthSpec { participants: 1500, statements: 60, votes: 45_000, groups: 3, seed: 4 });
        let params = Params { k_buffer: 3, ..Params::default() };
        // Pretend the previous updates settled on k = 2.
        let mut e = Engine::new(params.clone());
        feed(&mut e, &syn, 0..1500);
        let cold = e.update();
        assert_eq!(cold.k_selection.best_k, Some(3));
        let mut warm = e.warm_state().cloned().expect("warm state");
        warm.k_smoother = Some(crate::analysis::KSmoother { last_k: 2, last_k_count: 5, smoothed_k: 2 });
        let mut e = Engine::with_warm_state(params, warm);
        feed(&mut e, &syn, 0..1500);
        let ks: Vec<Option<usize>> = (0..4).map(|_| e.update().k_selection.chosen_k).collect();
        // Best k is 3 every time: adopted on the third consecutive win.
        assert_eq!(ks, vec![Some(2), Some(2), Some(3), Some(3)]);
    }

    #[test]
    fn moderation_excludes_a_statement() {
        let mut e = Engine::new(Params::default());
        let syn = synthesize(&SynthSpec { participants: 300, statements: 20, votes: 4000, groups: 2, seed: 1 });
        feed(&mut e, &syn, 0..300);
        e.moderate(3, true);
        let a = e.update();
        let s3 = a.statements.iter().find(|s| s.id == 3).expect("statement 3");
        assert!(s3.moderated_out && s3.group_informed_consensus.is_none() && s3.x == 0.0 && s3.y == 0.0);
        assert!(a.groups.iter().all(|g| g.representative.iter().all(|r| r.statement != 3)));
        e.moderate(3, false);
        let b = e.update();
        assert!(!b.statements.iter().any(|s| s.id == 3 && s.moderated_out));
    }
}
