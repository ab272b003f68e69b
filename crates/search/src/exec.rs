//! The query path: one pass over the documents matching the words for the total and every facet count, and a
//! second, pruned pass for the best page.
//!
//! Facet values are read from a [`FacetTable`] per segment: every document's values of every facet as small
//! integers in one flat array, built once per segment (segments never change) from the facet fields' columns.
//! Filters become a bit per constraint on each value, so a document is checked against all filters, and its
//! values counted, in two short loops over its own values — without a term query per filter value and without
//! the per-facet second search that counting a filtered facet otherwise needs (its counts ignore its own filter:
//! a document missing only that filter counts for that facet only).
//!
//! The page by relevance comes from [`Weight::for_each_pruning`]: for a word (a union of term queries over the
//! language fields) tantivy skips whole blocks of postings that cannot beat the current page (block-max WAND);
//! filters are applied in the callback. The threshold given back is just below the page's worst score, so a
//! document scoring the same is still seen and ties are broken by key exactly as a full pass would.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::sync::{Arc, Mutex};

use tantivy::index::SegmentId;
use tantivy::query::Weight;
use tantivy::{DocAddress, DocId, Score, Searcher, SegmentOrdinal, SegmentReader};

use crate::collect::{rank_score, score_rank, Collected, Rank, Ranked};
use crate::{Facet, Sort};

/// Every document's facet values of one segment, as ids into the segment's list of values.
pub(crate) struct FacetTable {
    /// Where each document's values start in `values` (`max_doc + 1` entries).
    offsets: Vec<u32>,
    values: Vec<u16>,
    /// An id's facet ([`Facet::ALL`] index) and value.
    facet_of: Vec<u8>,
    names: Vec<Box<str>>,
    /// Per facet ([`Facet::ALL`] order): the ids of its values, by value.
    ids: Vec<HashMap<Box<str>, u16>>,
    /// Documents (deleted ones included) holding each value.
    doc_count: Vec<u32>,
    /// Per facet: no document of the segment holds more than one of its values.
    single_valued: [bool; Facet::ALL.len()],
}

impl FacetTable {
    /// `None` when the segment has more distinct facet values than ids can number (then the caller searches
    /// with queries per filter instead).
    fn build(reader: &SegmentReader) -> tantivy::Result<Option<FacetTable>> {
        let fast = reader.fast_fields();
        let mut names: Vec<Box<str>> = Vec::new();
        let mut facet_of = Vec::new();
        let mut ids = vec![HashMap::new(); Facet::ALL.len()];
        let mut columns = Vec::new();
        for (i, facet) in Facet::ALL.iter().enumerate() {
            let Some(column) = fast.str(facet.name())? else { continue };
            let base = names.len();
            if base + column.num_terms() > usize::from(u16::MAX) {
                return Ok(None);
            }
            let ords: Vec<u64> = (0..column.num_terms() as u64).collect();
            column.dictionary().sorted_ords_to_term_cb(&ords, |term| {
                let value: Box<str> = String::from_utf8_lossy(term).into();
                ids[i].insert(value.clone(), names.len() as u16);
                names.push(value);
                facet_of.push(i as u8);
            })?;
            columns.push((base as u16, column));
        }
        let max_doc = reader.max_doc();
        let mut offsets = Vec::with_capacity(max_doc as usize + 1);
        let mut values = Vec::with_capacity(max_doc as usize * 8);
        let mut doc_count = vec![0u32; names.len()];
        let mut single_valued = [true; Facet::ALL.len()];
        offsets.push(0);
        for doc in 0..max_doc {
            for (base, column) in &columns {
                let start = values.len();
                values.extend(column.ords().values_for_doc(doc).map(|ord| base + ord as u16));
                if values.len() > start + 1 {
                    single_valued[usize::from(facet_of[usize::from(*base)])] = false;
                }
            }
            for v in &values[offsets[doc as usize] as usize..] {
                doc_count[usize::from(*v)] += 1;
            }
            offsets.push(values.len() as u32);
        }
        values.shrink_to_fit();
        Ok(Some(FacetTable { offsets, values, facet_of, names, ids, doc_count, single_valued }))
    }

    fn of(&self, doc: DocId) -> &[u16] {
        &self.values[self.offsets[doc as usize] as usize..self.offsets[doc as usize + 1] as usize]
    }

    /// Bytes held (what a node pays in memory for fast counting).
    pub(crate) fn bytes(&self) -> usize {
        self.offsets.len() * 4 + self.values.len() * 2 + self.names.iter().map(|n| n.len() + 46).sum::<usize>()
    }
}

/// The tables of the segments searched, built on first use and kept while their segment is searched.
#[derive(Default)]
pub(crate) struct Tables {
    built: Mutex<HashMap<SegmentId, Option<Arc<FacetTable>>>>,
}

impl Tables {
    /// The table of each segment of `searcher`, in order; `None` if one segment cannot have one.
    pub(crate) fn for_searcher(&self, searcher: &Searcher) -> tantivy::Result<Option<Vec<Arc<FacetTable>>>> {
        let segments = searcher.segment_readers();
        let mut out = Vec::with_capacity(segments.len());
        let mut built_now = false;
        for reader in segments {
            let id = reader.segment_id();
            let known = self.lock().get(&id).cloned();
            let table = match known {
                Some(table) => table,
                None => {
                    // Built outside the lock: other searches go on meanwhile (two may build the same table once).
                    let table = FacetTable::build(reader)?.map(Arc::new);
                    self.lock().insert(id, table.clone());
                    built_now = true;
                    table
                }
            };
            match table {
                Some(t) => out.push(t),
                None => return Ok(None),
            }
        }
        if built_now {
            // Segments merged away are no longer searched by new searchers: their tables go.
            let live: std::collections::HashSet<SegmentId> = segments.iter().map(|r| r.segment_id()).collect();
            self.lock().retain(|id, _| live.contains(id));
        }
        Ok(Some(out))
    }

    /// Bytes held by the tables.
    pub(crate) fn bytes(&self) -> usize {
        self.lock().values().flatten().map(|t| t.bytes()).sum()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<SegmentId, Option<Arc<FacetTable>>>> {
        match self.built.lock() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        }
    }
}

/// One search to run over the tables.
pub(crate) struct Plan<'a> {
    /// The words without scoring (the counting pass); `None`: every document.
    pub matching: Option<Box<dyn Weight>>,
    /// The words with scoring (the page by relevance); `None` with `Sort::Recent` or no words.
    pub scoring: Option<Box<dyn Weight>>,
    /// Whether tantivy can skip blocks of the scoring query (one word: a union of term queries). Otherwise
    /// scoring visits every match anyway, and one scored pass does the counting too.
    pub prunable: bool,
    /// Filters: counted facets ignore their own.
    pub filters: &'a [(Facet, Vec<String>)],
    /// Always applied.
    pub scope: &'a [(Facet, Vec<String>)],
    /// Facets to count (empty: counts are not needed).
    pub count: &'a [Facet],
    pub limit: usize,
    pub sort: Sort,
    pub after: Option<Rank>,
}

/// A constraint per filter and scope entry: bit `i` of a value's mask says it satisfies constraint `i`.
struct Constraints {
    /// Per value id of the segment.
    satisfies: Vec<u32>,
    required: u32,
    scope: u32,
    /// The facet ([`Facet::ALL`] index) of each filter constraint, to count it when only its own filter misses.
    facet_of_bit: Vec<u8>,
}

impl Constraints {
    fn new(table: &FacetTable, filters: &[(Facet, Vec<String>)], scope: &[(Facet, Vec<String>)]) -> Constraints {
        let mut satisfies = vec![0u32; table.names.len()];
        let mut required = 0u32;
        let mut scope_bits = 0u32;
        let mut facet_of_bit = Vec::new();
        let list = filters.iter().map(|f| (f, false)).chain(scope.iter().map(|s| (s, true)));
        let max_doc = table.offsets.len() as u64 - 1;
        for ((facet, values), is_scope) in list.filter(|((_, v), _)| !v.is_empty()) {
            let ids: Vec<u16> =
                values.iter().filter_map(|v| table.ids[*facet as usize].get(v.as_str()).copied()).collect();
            // Every document of the segment holds one of the values (a single-valued facet whose values' counts
            // add up to all documents: "published" on an instance with no drafts): nothing to check.
            let covered: u64 = ids.iter().map(|id| u64::from(table.doc_count[usize::from(*id)])).sum();
            if table.single_valued[*facet as usize] && covered == max_doc {
                continue;
            }
            let bit = 1u32 << facet_of_bit.len();
            facet_of_bit.push(*facet as u8);
            required |= bit;
            if is_scope {
                scope_bits |= bit;
            }
            for id in ids {
                satisfies[usize::from(id)] |= bit;
            }
        }
        Constraints { satisfies, required, scope: scope_bits, facet_of_bit }
    }

    /// The constraints a document's values miss.
    #[inline]
    fn missed(&self, values: &[u16]) -> u32 {
        if self.required == 0 {
            return 0;
        }
        let mut met = 0u32;
        for v in values {
            met |= self.satisfies[usize::from(*v)];
        }
        self.required & !met
    }
}

/// Filters and scope hold at most this many constraints (one bit each).
pub(crate) const MAX_CONSTRAINTS: usize = 32;

/// Runs `plan` over every segment: the total, the page, and the counts of `plan.count`.
pub(crate) fn run(searcher: &Searcher, tables: &[Arc<FacetTable>], plan: &Plan<'_>) -> tantivy::Result<Collected> {
    let mut out = Collected::default();
    let mut heap: BinaryHeap<Reverse<Ranked>> = BinaryHeap::with_capacity(plan.limit + 1);
    let mut wanted = [false; Facet::ALL.len()];
    for f in plan.count {
        wanted[*f as usize] = true;
        out.counts.entry(*f).or_default();
    }
    let counting = !plan.count.is_empty();
    let recency = plan.scoring.is_none() && plan.limit > 0;
    for (ord, (reader, table)) in searcher.segment_readers().iter().zip(tables).enumerate() {
        let ord = ord as SegmentOrdinal;
        let c = Constraints::new(table, plan.filters, plan.scope);
        let alive = reader.alive_bitset();
        let fast = reader.fast_fields();
        let keys = fast.u64("key")?;
        let updated = if recency && plan.sort == Sort::Recent { Some(fast.i64("updated")?) } else { None };
        let mut counts = vec![0u32; if counting { table.names.len() } else { 0 }];
        let mut total = 0u64;
        // A matching document: counted in the total and every facet when it meets every constraint (then `true`),
        // and in one facet only when it misses that facet's filter alone. Deleted documents are skipped.
        let tally = |doc: DocId, total: &mut u64, counts: &mut [u32]| -> bool {
            if alive.is_some_and(|a| a.is_deleted(doc)) {
                return false;
            }
            let values = table.of(doc);
            let missed = c.missed(values);
            if missed == 0 {
                *total += 1;
                if counting {
                    for v in values {
                        counts[usize::from(*v)] += 1;
                    }
                }
            } else if counting && missed & c.scope == 0 && missed.is_power_of_two() {
                let facet = c.facet_of_bit[missed.trailing_zeros() as usize];
                if wanted[usize::from(facet)] {
                    for v in values {
                        if table.facet_of[usize::from(*v)] == facet {
                            counts[usize::from(*v)] += 1;
                        }
                    }
                }
            }
            missed == 0
        };
        let consider = |heap: &mut BinaryHeap<Reverse<Ranked>>, doc: DocId, primary: i64| {
            if heap.len() >= plan.limit && heap.peek().is_some_and(|Reverse(w)| primary < w.rank.primary) {
                return;
            }
            if plan.after.is_some_and(|after| primary > after.primary) {
                return;
            }
            let rank = Rank { primary, key: keys.first(doc).unwrap_or(0) };
            if plan.after.is_some_and(|after| rank >= after) {
                return;
            }
            let ranked = Ranked { rank, doc: (ord, doc) };
            if heap.len() < plan.limit {
                heap.push(Reverse(ranked));
            } else if heap.peek().is_some_and(|Reverse(w)| ranked > *w) {
                heap.pop();
                heap.push(Reverse(ranked));
            }
        };
        let scored_once = plan.limit > 0 && plan.scoring.is_some() && !plan.prunable;
        match (&plan.matching, &plan.scoring) {
            (_, Some(weight)) if scored_once => weight.for_each(reader, &mut |doc, score| {
                if tally(doc, &mut total, &mut counts) {
                    consider(&mut heap, doc, score_rank(score));
                }
            })?,
            // Only the number of matches is needed: tantivy counts them (by bitset for a union).
            (Some(weight), _) if c.required == 0 && !counting && updated.is_none() => {
                total += u64::from(weight.count(reader)?);
            }
            (None, _) if c.required == 0 && !counting && updated.is_none() => total += u64::from(reader.num_docs()),
            (matching, _) => {
                let mut visit = |doc: DocId, heap: &mut BinaryHeap<Reverse<Ranked>>| {
                    if tally(doc, &mut total, &mut counts) {
                        if let Some(col) = &updated {
                            consider(heap, doc, col.first(doc).unwrap_or(0));
                        }
                    }
                };
                match matching {
                    Some(weight) => weight.for_each_no_score(reader, &mut |docs| {
                        for doc in docs {
                            visit(*doc, &mut heap);
                        }
                    })?,
                    None => (0..reader.max_doc()).for_each(|doc| visit(doc, &mut heap)),
                }
            }
        }
        if let (Some(weight), true) = (&plan.scoring, plan.limit > 0 && !scored_once) {
            let threshold = threshold_of(&heap, plan.limit);
            weight.for_each_pruning(threshold, reader, &mut |doc, score| {
                if !alive.is_some_and(|a| a.is_deleted(doc)) && c.missed(table.of(doc)) == 0 {
                    consider(&mut heap, doc, score_rank(score));
                }
                threshold_of(&heap, plan.limit)
            })?;
        }
        out.total += total;
        if counting {
            for (id, n) in counts.iter().enumerate().filter(|(_, n)| **n > 0) {
                let facet = Facet::ALL[usize::from(table.facet_of[id])];
                if wanted[facet as usize] {
                    *out.counts.entry(facet).or_default().entry(table.names[id].to_string()).or_default() +=
                        u64::from(*n);
                }
            }
        }
    }
    let mut top: Vec<Ranked> = heap.into_iter().map(|Reverse(r)| r).collect();
    top.sort_unstable_by(|a, b| b.cmp(a));
    out.top = top.into_iter().map(|r| (r.rank, DocAddress::new(r.doc.0, r.doc.1))).collect();
    Ok(out)
}

/// The score a document must exceed to be offered: just below the page's worst, so that an equal score is
/// still compared by key.
fn threshold_of(heap: &BinaryHeap<Reverse<Ranked>>, limit: usize) -> Score {
    match heap.peek() {
        Some(Reverse(worst)) if heap.len() >= limit => {
            let s = rank_score(worst.rank.primary);
            if s > 0.0 {
                f32::from_bits(s.to_bits() - 1)
            } else {
                Score::NEG_INFINITY
            }
        }
        _ => Score::NEG_INFINITY,
    }
}
