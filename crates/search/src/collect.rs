//! One pass over the matching documents: the total, the best `limit` after a cursor position, and the counts of
//! the requested facets (read from the facet fields' columnar term ordinals, so counting costs an array
//! increment per value).

use std::cmp::{Ordering, Reverse};
use std::collections::{BinaryHeap, HashMap};

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

use crate::{Facet, Sort};

/// A document's place in the order: higher `primary` first, then lower `key`. Total, so pages never overlap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Rank {
    pub primary: i64,
    pub key: u64,
}

impl Ord for Rank {
    fn cmp(&self, other: &Self) -> Ordering {
        self.primary.cmp(&other.primary).then_with(|| other.key.cmp(&self.key))
    }
}

impl PartialOrd for Rank {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Maps a score to an integer with the same order (scores are finite; the sign trick keeps negatives ordered).
pub(crate) fn score_rank(score: Score) -> i64 {
    let bits = score.to_bits() as i32;
    i64::from(bits ^ ((bits >> 31) & 0x7fff_ffff))
}

pub(crate) fn rank_score(primary: i64) -> Score {
    let bits = primary as i32;
    f32::from_bits((bits ^ ((bits >> 31) & 0x7fff_ffff)) as u32)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Ranked {
    pub rank: Rank,
    pub doc: (SegmentOrdinal, DocId),
}

pub(crate) struct Collect {
    pub limit: usize,
    pub sort: Sort,
    /// Only documents ranked after this position (the previous page's last hit).
    pub after: Option<Rank>,
    pub facets: Vec<Facet>,
}

#[derive(Debug, Default)]
pub(crate) struct Collected {
    pub total: u64,
    pub top: Vec<(Rank, DocAddress)>,
    pub counts: HashMap<Facet, HashMap<String, u64>>,
}

impl Collector for Collect {
    type Fruit = Collected;
    type Child = SegmentCollect;

    fn for_segment(&self, segment: SegmentOrdinal, reader: &SegmentReader) -> tantivy::Result<SegmentCollect> {
        let fast = reader.fast_fields();
        let mut facets = Vec::with_capacity(self.facets.len());
        for f in &self.facets {
            if let Some(column) = fast.str(f.name())? {
                let counts = vec![0u32; column.num_terms()];
                facets.push((*f, column, counts));
            }
        }
        let keys = fast.u64("key")?;
        let updated = if self.sort == Sort::Recent && self.limit > 0 { Some(fast.i64("updated")?) } else { None };
        Ok(SegmentCollect {
            segment,
            limit: self.limit,
            after: self.after,
            keys,
            updated,
            facets,
            heap: BinaryHeap::with_capacity(self.limit + 1),
            total: 0,
        })
    }

    fn requires_scoring(&self) -> bool {
        self.sort == Sort::Relevance && self.limit > 0
    }

    fn merge_fruits(&self, fruits: Vec<SegmentFruit>) -> tantivy::Result<Collected> {
        let mut out = Collected::default();
        let mut all: Vec<Ranked> = Vec::new();
        for fruit in fruits {
            out.total += fruit.total;
            all.extend(fruit.top);
            for (facet, values) in fruit.counts {
                let merged = out.counts.entry(facet).or_default();
                for (v, n) in values {
                    *merged.entry(v).or_default() += n;
                }
            }
        }
        for f in &self.facets {
            out.counts.entry(*f).or_default();
        }
        all.sort_unstable_by(|a, b| b.cmp(a));
        all.truncate(self.limit);
        out.top = all.into_iter().map(|r| (r.rank, DocAddress::new(r.doc.0, r.doc.1))).collect();
        Ok(out)
    }
}

pub(crate) struct SegmentCollect {
    segment: SegmentOrdinal,
    limit: usize,
    after: Option<Rank>,
    keys: Column<u64>,
    updated: Option<Column<i64>>,
    facets: Vec<(Facet, StrColumn, Vec<u32>)>,
    heap: BinaryHeap<Reverse<Ranked>>,
    total: u64,
}

pub(crate) struct SegmentFruit {
    total: u64,
    top: Vec<Ranked>,
    counts: Vec<(Facet, Vec<(String, u64)>)>,
}

impl SegmentCollector for SegmentCollect {
    type Fruit = SegmentFruit;

    fn collect(&mut self, doc: DocId, score: Score) {
        self.total += 1;
        for (_, column, counts) in &mut self.facets {
            for ord in column.ords().values_for_doc(doc) {
                if let Some(c) = counts.get_mut(ord as usize) {
                    *c += 1;
                }
            }
        }
        if self.limit == 0 {
            return;
        }
        let primary = match &self.updated {
            Some(col) => col.first(doc).unwrap_or(0),
            None => score_rank(score),
        };
        // Most matching documents cannot enter the page: they are dropped before their key is read.
        if self.heap.len() >= self.limit && self.heap.peek().is_some_and(|Reverse(worst)| primary < worst.rank.primary)
        {
            return;
        }
        if self.after.is_some_and(|after| primary > after.primary) {
            return;
        }
        let rank = Rank { primary, key: self.keys.first(doc).unwrap_or(0) };
        if self.after.is_some_and(|after| rank >= after) {
            return;
        }
        let ranked = Ranked { rank, doc: (self.segment, doc) };
        if self.heap.len() < self.limit {
            self.heap.push(Reverse(ranked));
        } else if self.heap.peek().is_some_and(|Reverse(worst)| ranked > *worst) {
            self.heap.pop();
            self.heap.push(Reverse(ranked));
        }
    }

    fn harvest(self) -> SegmentFruit {
        let mut counts = Vec::with_capacity(self.facets.len());
        for (facet, column, ords) in self.facets {
            // The values seen, resolved in one ordered walk of the dictionary (a lookup per ordinal would
            // decode a dictionary block each time).
            let seen: Vec<u64> = (0..ords.len() as u64).filter(|o| ords[*o as usize] > 0).collect();
            let mut values = Vec::with_capacity(seen.len());
            let mut next = seen.iter();
            let _ = column.dictionary().sorted_ords_to_term_cb(&seen, |term| {
                if let Some(ord) = next.next() {
                    values.push((String::from_utf8_lossy(term).into_owned(), u64::from(ords[*ord as usize])));
                }
            });
            counts.push((facet, values));
        }
        SegmentFruit { total: self.total, top: self.heap.into_iter().map(|Reverse(r)| r).collect(), counts }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn score_ranks_keep_the_order_of_scores() {
        let scores = [-3.5f32, -0.0, 0.0, 0.1, 1.0, 7.25, 1e9];
        for w in scores.windows(2) {
            assert!(score_rank(w[0]) <= score_rank(w[1]), "{w:?}");
        }
        for s in scores {
            assert_eq!(rank_score(score_rank(s)).to_bits(), s.to_bits());
        }
        let a = Rank { primary: 5, key: 1 };
        let b = Rank { primary: 5, key: 2 };
        assert!(a > b, "lower key first among equals");
        assert!(Rank { primary: 6, key: 9 } > a);
    }
}
