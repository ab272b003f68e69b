//! The vote matrix: participants × statements, each cell agree (+1), disagree (−1), pass (0) or missing.
//!
//! Stored sparsely (compressed rows) because real conversations are sparse: at pol.is's hard caps
//! (100,000 participants × 10,000 statements) a dense matrix of `f64` would need 8 GB, while the votes
//! themselves are a few million cells. Rows are participants in order of their first vote, columns are
//! statements in the order they were registered.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// External identifier of a participant (pol.is `voter-id` / `participant`).
pub type ParticipantId = u64;
/// External identifier of a statement (pol.is `comment-id` / `tid`).
pub type StatementId = u64;

/// One vote. The numeric convention is that of pol.is exports: agree = +1, disagree = −1, pass = 0.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Vote {
    /// +1
    Agree,
    /// −1
    Disagree,
    /// 0 ("pass" / unsure)
    Pass,
}

impl Vote {
    /// The vote with numeric value `v`, if `v` ∈ {−1, 0, 1}.
    pub fn from_value(v: i64) -> Option<Vote> {
        match v {
            1 => Some(Vote::Agree),
            -1 => Some(Vote::Disagree),
            0 => Some(Vote::Pass),
            _ => None,
        }
    }

    /// The numeric value: +1, −1 or 0.
    pub fn value(self) -> i8 {
        match self {
            Vote::Agree => 1,
            Vote::Disagree => -1,
            Vote::Pass => 0,
        }
    }
}

/// A sparse participants × statements vote matrix (compressed sparse rows, latest vote per cell).
#[derive(Clone, Debug, Default)]
pub struct VoteMatrix {
    participants: Vec<ParticipantId>,
    statements: Vec<StatementId>,
    row_ptr: Vec<usize>,
    cols: Vec<u32>,
    vals: Vec<i8>,
    /// Participants who met pol.is's qualification rule at some earlier moment of the conversation
    /// (pol.is keeps a participant "in conversation" once qualified). Empty when unknown.
    qualified_earlier: Vec<bool>,
}

impl VoteMatrix {
    /// Builds a matrix from compressed rows. `row_ptr` has one entry per participant plus one; each row's
    /// column indices must be strictly increasing and below `statements.len()`, and every value in {−1, 0, 1}.
    pub fn from_csr(
        participants: Vec<ParticipantId>,
        statements: Vec<StatementId>,
        row_ptr: Vec<usize>,
        cols: Vec<u32>,
        vals: Vec<i8>,
    ) -> Result<Self> {
        if row_ptr.len() != participants.len() + 1 {
            return Err(Error::Invalid(format!(
                "row_ptr has {} entries for {} participants",
                row_ptr.len(),
                participants.len()
            )));
        }
        if cols.len() != vals.len() || row_ptr.first() != Some(&0) || row_ptr.last() != Some(&cols.len()) {
            return Err(Error::Invalid("row_ptr, cols and vals do not fit together".into()));
        }
        if statements.len() > u32::MAX as usize {
            return Err(Error::Invalid("too many statements".into()));
        }
        for w in row_ptr.windows(2) {
            if w[0] > w[1] {
                return Err(Error::Invalid("row_ptr is not monotone".into()));
            }
            let row = &cols[w[0]..w[1]];
            if row.windows(2).any(|c| c[0] >= c[1]) {
                return Err(Error::Invalid("column indices of a row must be strictly increasing".into()));
            }
            if row.last().is_some_and(|&c| c as usize >= statements.len()) {
                return Err(Error::Invalid("column index out of range".into()));
            }
        }
        if vals.iter().any(|v| !(-1..=1).contains(v)) {
            return Err(Error::Invalid("vote values must be -1, 0 or 1".into()));
        }
        check_unique(&participants, "participant")?;
        check_unique(&statements, "statement")?;
        Ok(VoteMatrix { participants, statements, row_ptr, cols, vals, qualified_earlier: Vec::new() })
    }

    /// Builds a matrix from vote triplets with dense indices (`rows[i]` < `n_participants`, `cols[i]` <
    /// `n_statements`, `vals[i]` ∈ {−1, 0, 1}), in chronological order: a later triplet for the same cell
    /// replaces an earlier one. Participant and statement ids are the indices. This is the fast path for
    /// callers that already hold dense indices (a database, the benchmark).
    pub fn from_triplets(
        n_participants: usize,
        n_statements: usize,
        rows: &[u32],
        cols: &[u32],
        vals: &[i8],
    ) -> Result<Self> {
        if rows.len() != cols.len() || rows.len() != vals.len() {
            return Err(Error::Invalid("rows, cols and vals must have the same length".into()));
        }
        if let Some(i) = (0..rows.len()).find(|&i| {
            rows[i] as usize >= n_participants || cols[i] as usize >= n_statements || !(-1..=1).contains(&vals[i])
        }) {
            return Err(Error::Invalid(format!("triplet {i} ({}, {}, {}) is out of range", rows[i], cols[i], vals[i])));
        }
        let mut row_ptr = vec![0usize; n_participants + 1];
        for &r in rows {
            row_ptr[r as usize + 1] += 1;
        }
        for i in 0..n_participants {
            row_ptr[i + 1] += row_ptr[i];
        }
        let mut fill = row_ptr.clone();
        let mut slots: Vec<(u32, i8)> = vec![(0, 0); rows.len()];
        for i in 0..rows.len() {
            let r = rows[i] as usize;
            slots[fill[r]] = (cols[i], vals[i]);
            fill[r] += 1;
        }
        let mut out_ptr = Vec::with_capacity(n_participants + 1);
        out_ptr.push(0);
        let mut out_cols = Vec::with_capacity(rows.len());
        let mut out_vals = Vec::with_capacity(rows.len());
        for p in 0..n_participants {
            let row = &mut slots[row_ptr[p]..row_ptr[p + 1]];
            row.sort_by_key(|&(c, _)| c); // stable: chronological order kept within a cell
            for i in 0..row.len() {
                if i + 1 < row.len() && row[i + 1].0 == row[i].0 {
                    continue; // superseded by a later vote
                }
                out_cols.push(row[i].0);
                out_vals.push(row[i].1);
            }
            out_ptr.push(out_cols.len());
        }
        Ok(VoteMatrix {
            participants: (0..n_participants as u64).collect(),
            statements: (0..n_statements as u64).collect(),
            row_ptr: out_ptr,
            cols: out_cols,
            vals: out_vals,
            qualified_earlier: Vec::new(),
        })
    }

    /// Builds a matrix from dense rows (`None` = missing). Participant and statement ids are 0, 1, 2, …
    /// Convenient for tests and small examples.
    pub fn from_dense(rows: &[Vec<Option<i8>>]) -> Result<Self> {
        let m = rows.iter().map(Vec::len).max().unwrap_or(0);
        let mut row_ptr = vec![0];
        let mut cols = Vec::new();
        let mut vals = Vec::new();
        for row in rows {
            for (j, v) in row.iter().enumerate() {
                if let Some(v) = v {
                    cols.push(j as u32);
                    vals.push(*v);
                }
            }
            row_ptr.push(cols.len());
        }
        VoteMatrix::from_csr((0..rows.len() as u64).collect(), (0..m as u64).collect(), row_ptr, cols, vals)
    }

    /// Number of participants (rows), including those with no vote.
    pub fn n_participants(&self) -> usize {
        self.participants.len()
    }

    /// Number of statements (columns), including those with no vote.
    pub fn n_statements(&self) -> usize {
        self.statements.len()
    }

    /// Number of recorded votes (cells that are not missing).
    pub fn n_votes(&self) -> usize {
        self.cols.len()
    }

    /// Participant ids, by row.
    pub fn participant_ids(&self) -> &[ParticipantId] {
        &self.participants
    }

    /// Statement ids, by column.
    pub fn statement_ids(&self) -> &[StatementId] {
        &self.statements
    }

    /// The votes of row `p`: column indices (increasing) and values.
    pub fn row(&self, p: usize) -> (&[u32], &[i8]) {
        let (a, b) = (self.row_ptr[p], self.row_ptr[p + 1]);
        (&self.cols[a..b], &self.vals[a..b])
    }

    /// Number of votes of row `p`.
    pub fn row_len(&self, p: usize) -> usize {
        self.row_ptr[p + 1] - self.row_ptr[p]
    }

    /// The vote of row `p` on column `s`, if any.
    pub fn get(&self, p: usize, s: usize) -> Option<i8> {
        let (c, v) = self.row(p);
        c.binary_search(&(s as u32)).ok().map(|i| v[i])
    }

    /// Whether row `p` qualified earlier in the conversation's history (see [`VoteMatrixBuilder`]).
    pub fn qualified_earlier(&self, p: usize) -> bool {
        self.qualified_earlier.get(p).copied().unwrap_or(false)
    }

    /// The raw compressed-row parts (`row_ptr`, `cols`, `vals`).
    pub fn csr(&self) -> (&[usize], &[u32], &[i8]) {
        (&self.row_ptr, &self.cols, &self.vals)
    }

    /// Row index of every participant id.
    pub fn participant_index(&self) -> HashMap<ParticipantId, usize> {
        self.participants.iter().enumerate().map(|(i, &p)| (p, i)).collect()
    }

    /// Column index of every statement id.
    pub fn statement_index(&self) -> HashMap<StatementId, usize> {
        self.statements.iter().enumerate().map(|(i, &s)| (s, i)).collect()
    }
}

fn check_unique(ids: &[u64], what: &str) -> Result<()> {
    let mut seen = std::collections::HashSet::with_capacity(ids.len());
    for id in ids {
        if !seen.insert(*id) {
            return Err(Error::Invalid(format!("duplicate {what} id {id}")));
        }
    }
    Ok(())
}

/// Collects votes in chronological order and builds a [`VoteMatrix`].
///
/// * A later vote of the same participant on the same statement replaces the earlier one (as in pol.is).
/// * Participants become rows in order of their first vote; statements become columns in order of
///   registration ([`VoteMatrixBuilder::add_statement`]) or first vote.
/// * Because the votes arrive in order, the builder also replays pol.is's "in conversation" rule through
///   time: once a participant has voted on `min(7, statements voted on so far)` statements they stay in,
///   even if that was with fewer than seven votes early in the conversation.
#[derive(Clone, Debug, Default)]
pub struct VoteMatrixBuilder {
    p_index: HashMap<ParticipantId, u32>,
    s_index: HashMap<StatementId, u32>,
    participants: Vec<ParticipantId>,
    statements: Vec<StatementId>,
    events: Vec<(u32, u32, i8)>,
}

impl VoteMatrixBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        Self::default()
    }

    /// Registers a statement (a column), even if nobody votes on it. Returns its column index.
    pub fn add_statement(&mut self, id: StatementId) -> usize {
        let next = self.statements.len() as u32;
        let idx = *self.s_index.entry(id).or_insert(next);
        if idx == next {
            self.statements.push(id);
        }
        idx as usize
    }

    /// Registers a participant (a row) even before their first vote. Returns its row index.
    pub fn add_participant(&mut self, id: ParticipantId) -> usize {
        let next = self.participants.len() as u32;
        let idx = *self.p_index.entry(id).or_insert(next);
        if idx == next {
            self.participants.push(id);
        }
        idx as usize
    }

    /// Whether statement `id` has been registered.
    pub fn has_statement(&self, id: StatementId) -> bool {
        self.s_index.contains_key(&id)
    }

    /// Records a vote; votes must be pushed in chronological order.
    pub fn push(&mut self, participant: ParticipantId, statement: StatementId, vote: Vote) {
        let p = self.add_participant(participant) as u32;
        let s = self.add_statement(statement) as u32;
        self.events.push((p, s, vote.value()));
    }

    /// Number of votes pushed so far (duplicates included).
    pub fn n_events(&self) -> usize {
        self.events.len()
    }

    /// Builds the matrix (latest vote per cell wins).
    pub fn build(self) -> VoteMatrix {
        let n = self.participants.len();
        let m = self.statements.len();
        // Counting sort of the events by row; stable, so each row keeps chronological order.
        let mut counts = vec![0usize; n + 1];
        for &(p, _, _) in &self.events {
            counts[p as usize + 1] += 1;
        }
        for i in 0..n {
            counts[i + 1] += counts[i];
        }
        let mut fill = counts.clone();
        let mut slots: Vec<(u32, u32, i8)> = vec![(0, 0, 0); self.events.len()];
        // First chronological vote on each statement, to replay the growth of the conversation.
        let mut first_seq_of_statement = vec![u32::MAX; m];
        for (seq, &(p, s, v)) in self.events.iter().enumerate() {
            let seq = seq as u32;
            slots[fill[p as usize]] = (s, seq, v);
            fill[p as usize] += 1;
            let f = &mut first_seq_of_statement[s as usize];
            if *f == u32::MAX {
                *f = seq;
            }
        }
        let mut stmt_first: Vec<u32> = first_seq_of_statement.into_iter().filter(|&x| x != u32::MAX).collect();
        stmt_first.sort_unstable();

        let mut row_ptr = Vec::with_capacity(n + 1);
        row_ptr.push(0);
        let mut cols = Vec::with_capacity(self.events.len());
        let mut vals = Vec::with_capacity(self.events.len());
        let mut qualified_earlier = vec![false; n];
        let mut firsts: Vec<u32> = Vec::new();
        for p in 0..n {
            let row = &mut slots[counts[p]..counts[p + 1]];
            row.sort_unstable_by_key(|&(s, seq, _)| (s, seq));
            firsts.clear();
            let mut i = 0;
            while i < row.len() {
                let s = row[i].0;
                let first_seq = row[i].1;
                let mut j = i;
                while j + 1 < row.len() && row[j + 1].0 == s {
                    j += 1;
                }
                cols.push(s);
                vals.push(row[j].2);
                firsts.push(first_seq);
                i = j + 1;
            }
            row_ptr.push(cols.len());
            // Replay: at the time of the participant's k-th distinct vote, were there at most k statements?
            if firsts.len() < 7 {
                firsts.sort_unstable();
                qualified_earlier[p] = firsts.iter().enumerate().any(|(k, &t)| {
                    let seen = stmt_first.partition_point(|&x| x <= t);
                    k + 1 >= seen.min(7)
                });
            } else {
                qualified_earlier[p] = true;
            }
        }
        VoteMatrix {
            participants: self.participants,
            statements: self.statements,
            row_ptr,
            cols,
            vals,
            qualified_earlier,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latest_vote_wins_and_rows_follow_first_vote_order() {
        let mut b = VoteMatrixBuilder::new();
        b.add_statement(10);
        b.add_statement(20);
        b.push(7, 20, Vote::Agree);
        b.push(5, 10, Vote::Disagree);
        b.push(7, 20, Vote::Disagree); // replaces the agree
        b.push(7, 10, Vote::Pass);
        let m = b.build();
        assert_eq!(m.participant_ids(), &[7, 5]);
        assert_eq!(m.statement_ids(), &[10, 20]);
        assert_eq!(m.n_votes(), 3);
        assert_eq!(m.get(0, 1), Some(-1));
        assert_eq!(m.get(0, 0), Some(0));
        assert_eq!(m.get(1, 0), Some(-1));
        assert_eq!(m.get(1, 1), None);
    }

    #[test]
    fn early_participants_qualify_with_fewer_than_seven_votes() {
        // Participant 1 votes on the only two statements that exist at the time: qualified (2 >= min(7, 2)).
        // Participant 2 votes on two statements when ten exist: not qualified.
        let mut b = VoteMatrixBuilder::new();
        b.push(1, 0, Vote::Agree);
        b.push(1, 1, Vote::Agree);
        for s in 2..10 {
            b.push(3, s, Vote::Agree);
        }
        b.push(2, 0, Vote::Agree);
        b.push(2, 5, Vote::Agree);
        let m = b.build();
        let idx = m.participant_index();
        assert!(m.qualified_earlier(idx[&1]));
        assert!(!m.qualified_earlier(idx[&2]));
        assert!(m.qualified_earlier(idx[&3]));
    }

    #[test]
    fn triplets_latest_wins_and_range_checks() {
        let m = VoteMatrix::from_triplets(3, 2, &[2, 0, 2, 2], &[1, 0, 0, 1], &[1, -1, 0, -1]).expect("valid");
        assert_eq!(m.n_votes(), 3);
        assert_eq!(m.get(2, 1), Some(-1), "later triplet wins");
        assert_eq!(m.get(2, 0), Some(0));
        assert_eq!(m.get(0, 0), Some(-1));
        assert_eq!(m.row_len(1), 0);
        assert!(VoteMatrix::from_triplets(1, 1, &[0], &[1], &[1]).is_err());
        assert!(VoteMatrix::from_triplets(1, 1, &[0], &[0], &[3]).is_err());
        assert!(VoteMatrix::from_triplets(1, 1, &[0, 0], &[0], &[1]).is_err());
    }

    #[test]
    fn from_csr_rejects_inconsistent_parts() {
        assert!(VoteMatrix::from_csr(vec![1], vec![1, 2], vec![0, 2], vec![1, 0], vec![1, 1]).is_err());
        assert!(VoteMatrix::from_csr(vec![1], vec![1, 2], vec![0, 1], vec![5], vec![1]).is_err());
        assert!(VoteMatrix::from_csr(vec![1], vec![1, 2], vec![0, 1], vec![1], vec![2]).is_err());
        assert!(VoteMatrix::from_csr(vec![1, 1], vec![1], vec![0, 0, 0], vec![], vec![]).is_err());
        assert!(VoteMatrix::from_csr(vec![1], vec![1, 2], vec![0, 1], vec![1], vec![-1]).is_ok());
    }
}
