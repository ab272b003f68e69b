//! The index itself: opening (or rebuilding an incompatible one), writing with its checkpoint, searching.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, RwLock};

use cogov_core::entry::Entry;
use cogov_core::Lang;
use serde::{Deserialize, Serialize};
use tantivy::directory::error::LockError;
use tantivy::directory::MmapDirectory;
use tantivy::indexer::{DefaultMergePolicy, NoMergePolicy};
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, EmptyQuery, EnableScoring, FuzzyTermQuery, Occur, PhraseQuery,
    Query, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, Searcher, TantivyDocument, TantivyError, Term};

use crate::collect::{rank_score, Collect, Rank};
use crate::document::{to_document, Stored};
use crate::exec;
use crate::query::{self, Part};
use crate::schema::{self, Fields, SCHEMA_VERSION};
use crate::{
    Answer, Facet, FacetCounts, FacetValue, Highlighted, Hit, SearchError, SearchRequest, SearchResults, Sort,
    Suggestion, Taxonomy, MAX_DEPTH, MAX_LIMIT,
};

/// Where the index stands: the last change-log sequence number applied, and what it was built with. Stored as
/// the payload of every commit, so documents and checkpoint move together.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checkpoint {
    pub seq: i64,
    /// The [`Taxonomy::version`] the facets were expanded with.
    pub taxonomy: i64,
    pub schema: u32,
}

pub struct SearchIndex {
    reader: IndexReader,
    writer: Mutex<IndexWriter>,
    fields: Fields,
    /// Query-side analyzers: each text field with the analyzer it was indexed with, its weight, and its
    /// language (`None` for the language-neutral fields).
    analyzers: Vec<(Field, TextAnalyzer, f32, Option<Lang>)>,
    /// Facet counts and totals of recent requests, for the index generation they were counted on.
    counts: Mutex<GenerationCache<Vec<FacetCounts>>>,
    /// Whole pages of recent requests (hits, counts, cursor), for the index generation they were computed on.
    results: Mutex<GenerationCache<Answer>>,
    /// Pages served from `results` / computed, since the index was opened.
    result_hits: std::sync::atomic::AtomicU64,
    result_misses: std::sync::atomic::AtomicU64,
    /// Facet values per document of each segment searched (the counting pass, [`exec`]).
    tables: exec::Tables,
    /// Whether searches use `tables` (on unless turned off: tests compare both paths).
    use_tables: std::sync::atomic::AtomicBool,
    checkpoint: RwLock<Checkpoint>,
    path: Option<PathBuf>,
    /// Held by whoever writes (the follower, a rebuild) across its reads of the store.
    pub(crate) write_turn: tokio::sync::Mutex<()>,
}

/// Stored documents are compressed in blocks of this size: a hit shown decompresses one block, so small blocks
/// keep a page of 20 hits cheap (tantivy's default, 16 KB, costs four times as much per hit).
const DOC_STORE_BLOCK: usize = 4096;
/// Decompressed blocks kept per segment (4 MB at most): hits of popular queries are shown again and again.
const DOC_STORE_CACHE_BLOCKS: usize = 1000;

/// The index files, memory-mapped without read-ahead: a search reads a few 4 KB blocks of stored documents and
/// parts of posting lists, and the kernel's read-ahead around each would fill a small node's memory with pages
/// nobody reads (measured under a 500 MB memory cgroup: see BENCHMARKS.md).
fn open_directory(dir: &Path) -> Result<MmapDirectory, tantivy::directory::error::OpenDirectoryError> {
    MmapDirectory::open_with_madvice(dir, tantivy::directory::Advice::Random)
}

fn index_settings() -> tantivy::IndexSettings {
    tantivy::IndexSettings { docstore_blocksize: DOC_STORE_BLOCK, ..Default::default() }
}

/// Memory for the indexing threads: enough for quick bulk builds, small beside the 500 MB a node may use.
const WRITER_MEMORY: usize = 96 * 1024 * 1024;

impl SearchIndex {
    /// Opens the index in `dir`, creating it if missing. An index of another schema version, or one that cannot
    /// be read, is discarded and recreated empty (it is a projection: the follower rebuilds it).
    pub fn open(dir: &Path) -> Result<SearchIndex, SearchError> {
        let io = |e: std::io::Error| SearchError::Io { path: dir.display().to_string(), message: e.to_string() };
        std::fs::create_dir_all(dir).map_err(io)?;
        let (schema, fields) = schema::build();
        let index = match Self::open_existing(dir, &schema) {
            Some(index) => index,
            None => {
                std::fs::remove_dir_all(dir).map_err(io)?;
                std::fs::create_dir_all(dir).map_err(io)?;
                let directory = open_directory(dir)
                    .map_err(|e| SearchError::Io { path: dir.display().to_string(), message: e.to_string() })?;
                Index::create(directory, schema, index_settings())?
            }
        };
        Self::from_index(index, fields, Some(dir.to_path_buf()))
    }

    /// An index in memory (tests, benchmarks).
    pub fn in_memory() -> Result<SearchIndex, SearchError> {
        let (schema, fields) = schema::build();
        Self::from_index(Index::builder().schema(schema).settings(index_settings()).create_in_ram()?, fields, None)
    }

    fn open_existing(dir: &Path, schema: &tantivy::schema::Schema) -> Option<Index> {
        let directory = open_directory(dir).ok()?;
        if !Index::exists(&directory).ok()? {
            return None;
        }
        let index = Index::open(directory).ok()?;
        let checkpoint = read_checkpoint(&index);
        if checkpoint.schema != SCHEMA_VERSION || index.schema() != *schema {
            tracing::warn!(path = %dir.display(), "search index has another schema version: rebuilding it");
            return None;
        }
        Some(index)
    }

    fn from_index(index: Index, fields: Fields, path: Option<PathBuf>) -> Result<SearchIndex, SearchError> {
        schema::register_analyzers(index.tokenizers());
        let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1).clamp(1, 4);
        let writer = index.writer_with_num_threads(threads, WRITER_MEMORY).map_err(|e| match e {
            TantivyError::LockFailure(LockError::LockBusy, _) => {
                SearchError::Locked { path: path.as_ref().map(|p| p.display().to_string()).unwrap_or_default() }
            }
            other => SearchError::Index(other),
        })?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .doc_store_cache_num_blocks(DOC_STORE_CACHE_BLOCKS)
            .try_into()?;
        let mut analyzers = Vec::new();
        for (lang, field) in &fields.langs {
            analyzers.push((*field, index.tokenizer_for_field(*field)?, 1.0, Some(*lang)));
        }
        analyzers.push((fields.title, index.tokenizer_for_field(fields.title)?, 2.0, None));
        analyzers.push((fields.all, index.tokenizer_for_field(fields.all)?, 0.5, None));
        let checkpoint = read_checkpoint(&index);
        Ok(SearchIndex {
            reader,
            writer: Mutex::new(writer),
            fields,
            analyzers,
            counts: Mutex::new(GenerationCache::new(COUNT_CACHE_ENTRIES)),
            results: Mutex::new(GenerationCache::new(RESULT_CACHE_BYTES)),
            result_hits: Default::default(),
            result_misses: Default::default(),
            tables: exec::Tables::default(),
            use_tables: std::sync::atomic::AtomicBool::new(true),
            checkpoint: RwLock::new(checkpoint),
            path,
            write_turn: tokio::sync::Mutex::new(()),
        })
    }

    /// Closes the index once its background merges have finished (so another process may open it at once,
    /// and finds the merged segments).
    pub fn close(self) -> Result<(), SearchError> {
        let writer = match self.writer.into_inner() {
            Ok(w) => w,
            Err(poisoned) => poisoned.into_inner(),
        };
        writer.wait_merging_threads()?;
        Ok(())
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn checkpoint(&self) -> Checkpoint {
        match self.checkpoint.read() {
            Ok(c) => *c,
            Err(poisoned) => *poisoned.into_inner(),
        }
    }

    /// Segments visible to searches (each is searched in turn; merges keep them few).
    pub fn segment_count(&self) -> usize {
        self.reader.searcher().segment_readers().len()
    }

    /// Documents visible to searches.
    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Replaces the documents of `changed` entries (`None`: the entry is gone) and commits at `seq`.
    pub fn apply(&self, changed: &[(String, Option<Entry>)], taxonomy: &Taxonomy, seq: i64) -> Result<(), SearchError> {
        let mut writer = self.writer();
        for (id, entry) in changed {
            writer.delete_term(Term::from_field_text(self.fields.id, id));
            if let Some(entry) = entry {
                writer.add_document(to_document(entry, taxonomy, &self.fields))?;
            }
        }
        self.commit_with(&mut writer, Checkpoint { seq, taxonomy: taxonomy.version, schema: SCHEMA_VERSION })
    }

    /// Starts a rebuild: every document is deleted, invisibly until [`SearchIndex::commit`]. Segments are not
    /// merged while the rebuild adds documents (each would be merged again and again as more arrive); the
    /// commit merges them once, in the background.
    pub fn clear(&self) -> Result<(), SearchError> {
        let writer = self.writer();
        writer.set_merge_policy(Box::new(NoMergePolicy));
        writer.delete_all_documents()?;
        Ok(())
    }

    /// Adds documents for a rebuild (the caller guarantees they are not in the index).
    pub fn add(&self, entries: &[Entry], taxonomy: &Taxonomy) -> Result<(), SearchError> {
        let writer = self.writer();
        for entry in entries {
            writer.add_document(to_document(entry, taxonomy, &self.fields))?;
        }
        Ok(())
    }

    pub fn commit(&self, checkpoint: Checkpoint) -> Result<(), SearchError> {
        let mut writer = self.writer();
        writer.set_merge_policy(Box::new(DefaultMergePolicy::default()));
        self.commit_with(&mut writer, checkpoint)
    }

    /// Drops everything written since the last commit (a rebuild that failed half-way).
    pub fn rollback(&self) -> Result<(), SearchError> {
        let mut writer = self.writer();
        writer.set_merge_policy(Box::new(DefaultMergePolicy::default()));
        writer.rollback()?;
        Ok(())
    }

    /// How many requests' facet counts are kept (0 turns the cache off: every request counts; benchmarks).
    pub fn set_count_cache(&self, entries: usize) {
        *self.count_cache() = GenerationCache::new(entries);
    }

    /// How many bytes of whole result pages are kept (0 turns the cache off: every request is computed;
    /// benchmarks measure both).
    pub fn set_result_cache(&self, bytes: usize) {
        *self.result_cache() = GenerationCache::new(bytes);
    }

    /// Turns the facet tables off (or on again): searches then filter and count with a query per filter and a
    /// second search per filtered facet, the path taken for a segment with more facet values than a table
    /// holds. For tests, which check that both paths answer alike.
    pub fn set_facet_tables(&self, enabled: bool) {
        self.use_tables.store(enabled, std::sync::atomic::Ordering::Relaxed);
    }

    /// Builds the facet tables of segments not searched yet (new after a commit or a merge), so that the next
    /// search does not wait for them.
    pub fn warm(&self) -> Result<(), SearchError> {
        if self.use_tables.load(std::sync::atomic::Ordering::Relaxed) {
            self.tables.for_searcher(&self.reader.searcher())?;
        }
        Ok(())
    }

    /// Bytes held by the per-segment facet tables of the counting pass.
    pub fn facet_table_bytes(&self) -> usize {
        self.tables.bytes()
    }

    /// Pages served from the result cache and pages computed, since the index was opened.
    pub fn result_cache_stats(&self) -> (u64, u64) {
        use std::sync::atomic::Ordering::Relaxed;
        (self.result_hits.load(Relaxed), self.result_misses.load(Relaxed))
    }

    fn count_cache(&self) -> MutexGuard<'_, GenerationCache<Vec<FacetCounts>>> {
        match self.counts.lock() {
            Ok(c) => c,
            Err(poisoned) => poisoned.into_inner(),
        }
    }

    fn result_cache(&self) -> MutexGuard<'_, GenerationCache<Answer>> {
        match self.results.lock() {
            Ok(c) => c,
            Err(poisoned) => poisoned.into_inner(),
        }
    }

    fn writer(&self) -> MutexGuard<'_, IndexWriter> {
        match self.writer.lock() {
            Ok(w) => w,
            Err(poisoned) => poisoned.into_inner(),
        }
    }

    fn commit_with(&self, writer: &mut IndexWriter, checkpoint: Checkpoint) -> Result<(), SearchError> {
        let payload = serde_json::to_string(&checkpoint).unwrap_or_default();
        let mut prepared = writer.prepare_commit()?;
        prepared.set_payload(&payload);
        prepared.commit()?;
        self.reader.reload()?;
        match self.checkpoint.write() {
            Ok(mut c) => *c = checkpoint,
            Err(poisoned) => *poisoned.into_inner() = checkpoint,
        }
        Ok(())
    }

    /// Runs a search: a page of hits after the cursor, the total, and the counts of the facets asked for.
    pub fn search(&self, req: &SearchRequest) -> Result<SearchResults, SearchError> {
        Ok(self.answer(req)?.results.clone())
    }

    /// [`SearchIndex::search`], shared: the same page asked again while the index has not changed (same
    /// generation: any commit starts afresh) is served from memory, exactly as computed.
    pub fn answer(&self, req: &SearchRequest) -> Result<Arc<Answer>, SearchError> {
        let parsed = query::parse(&req.q)?;
        let searcher = self.reader.searcher();
        let generation = searcher.generation().generation_id();
        let key = result_key(&parsed, req);
        if let Some(answer) = self.result_cache().get(generation, &key) {
            self.result_hits.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            return Ok(answer);
        }
        self.result_misses.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let answer = Arc::new(Answer::new(self.compute(req, &parsed, &searcher)?));
        let weight = answer.weight();
        self.result_cache().put(generation, key, answer.clone(), weight);
        Ok(answer)
    }

    /// The page already computed for this request on the current index generation, if any: a lookup cheap
    /// enough for the async workers (no scoring, no I/O).
    pub fn cached(&self, req: &SearchRequest) -> Option<Arc<Answer>> {
        if self.result_cache().budget == 0 {
            return None;
        }
        let parsed = query::parse(&req.q).ok()?;
        let generation = self.reader.searcher().generation().generation_id();
        let answer = self.result_cache().get(generation, &result_key(&parsed, req))?;
        self.result_hits.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Some(answer)
    }

    fn compute(
        &self,
        req: &SearchRequest,
        parsed: &query::Parsed,
        searcher: &Searcher,
    ) -> Result<SearchResults, SearchError> {
        let searcher = searcher.clone();
        let open_last = req.prefix && parsed.open_last_word;
        let text = self.text_query(&searcher, &parsed.parts, open_last);
        let sort = if text.is_none() { Sort::Recent } else { req.sort };
        let (after, served) = match req.cursor.as_deref().filter(|c| !c.is_empty()) {
            Some(c) => {
                let cursor = Cursor::decode(c, sort)?;
                (Some(cursor.after), cursor.served)
            }
            None => (None, 0),
        };
        if served >= MAX_DEPTH {
            return Err(SearchError::bad(
                "cursor",
                format!("only the first {MAX_DEPTH} results can be paged through: refine the query or add filters"),
            ));
        }
        let limit = req.limit.clamp(1, MAX_LIMIT).min(MAX_DEPTH - served);
        let checkpoint = self.checkpoint();

        // Facet counts depend on the words and filters, not on the page: counted once per index generation.
        let mut wanted: Vec<Facet> = req.facets.clone();
        wanted.sort();
        wanted.dedup();
        let generation = searcher.generation().generation_id();
        let key = count_key(parsed, open_last, req, &wanted);
        let cached = if wanted.is_empty() { None } else { self.count_cache().get(generation, &key) };
        let main = self.combine(text.as_deref(), req, None);
        let constraints = req.filters.iter().chain(&req.scope).filter(|(_, v)| !v.is_empty()).count();
        let tables =
            if constraints <= exec::MAX_CONSTRAINTS && self.use_tables.load(std::sync::atomic::Ordering::Relaxed) {
                self.tables.for_searcher(&searcher)?
            } else {
                None
            };
        let (collected, counts) = match tables {
            Some(tables) => {
                let count: &[Facet] = if cached.is_some() { &[] } else { &wanted };
                // Without counts, filters can narrow the pass itself: tantivy intersects the words with the filter
                // terms and skips what cannot match (with counts, the documents missing one filter count too).
                let narrow = count.is_empty() && req.filters.iter().any(|(_, v)| !v.is_empty());
                let query: Option<&dyn Query> = if narrow { Some(main.as_ref()) } else { text.as_deref() };
                let weight = |scoring: bool| -> Result<Option<Box<dyn tantivy::query::Weight>>, SearchError> {
                    let Some(q) = query else { return Ok(None) };
                    let enable = if scoring {
                        EnableScoring::enabled_from_searcher(&searcher)
                    } else {
                        EnableScoring::disabled_from_searcher(&searcher)
                    };
                    Ok(Some(q.weight(enable)?))
                };
                let plan = exec::Plan {
                    matching: weight(false)?,
                    scoring: if sort == Sort::Relevance && text.is_some() { weight(true)? } else { None },
                    // One word as typed: a union of term queries, which tantivy prunes by block.
                    prunable: !narrow && matches!(parsed.parts.as_slice(), [Part::Word(_)]) && !open_last,
                    filters: &req.filters,
                    scope: &req.scope,
                    count,
                    limit,
                    sort,
                    after,
                };
                let mut collected = exec::run(&searcher, &tables, &plan)?;
                let counts = std::mem::take(&mut collected.counts);
                (collected, counts)
            }
            None => {
                // Facets not filtered on are counted with the page; each filtered one in a search without its filter.
                let unfiltered: Vec<Facet> = match &cached {
                    Some(_) => vec![],
                    None => wanted.iter().copied().filter(|f| req.filter(*f).is_empty()).collect(),
                };
                let mut collected = searcher.search(&*main, &Collect { limit, sort, after, facets: unfiltered })?;
                let mut counts = std::mem::take(&mut collected.counts);
                if cached.is_none() {
                    for facet in wanted.iter().copied().filter(|f| !req.filter(*f).is_empty()) {
                        let q = self.combine(text.as_deref(), req, Some(facet));
                        let c = searcher.search(&*q, &Collect { limit: 0, sort, after: None, facets: vec![facet] })?;
                        counts.extend(c.counts);
                    }
                }
                (collected, counts)
            }
        };
        let counts = match cached {
            Some(counts) => counts,
            None => {
                let counts = Arc::new(sorted_counts(counts));
                if !wanted.is_empty() {
                    self.count_cache().put(generation, key, counts.clone(), 1);
                }
                counts
            }
        };

        let lang = req.lang.unwrap_or(Lang::En);
        let mut highlighter = Highlighter { searcher: &searcher, query: main.as_ref(), generators: HashMap::new() };
        let mut hits = Vec::with_capacity(collected.top.len());
        for (rank, address) in &collected.top {
            let doc: TantivyDocument = searcher.doc(*address)?;
            let Some(stored) = doc.get_first(self.fields.doc).and_then(|v| v.as_str()) else { continue };
            let Ok(stored) = serde_json::from_str::<Stored>(stored) else { continue };
            let score = if sort == Sort::Relevance { rank_score(rank.primary) } else { 0.0 };
            hits.push(self.hit(stored, lang, score, &mut highlighter)?);
        }
        let shown = served + collected.top.len();
        let next_cursor = match collected.top.last() {
            Some((rank, _)) if (shown as u64) < collected.total && shown < MAX_DEPTH => {
                Some(Cursor { sort, after: *rank, served: shown }.encode())
            }
            _ => None,
        };
        Ok(SearchResults {
            total: collected.total,
            depth_capped: shown >= MAX_DEPTH && (shown as u64) < collected.total,
            hits,
            facets: counts.as_ref().clone(),
            next_cursor,
            indexed_seq: checkpoint.seq,
        })
    }

    /// Titles for a search-as-you-type box: the best matches with the last word taken as a prefix.
    pub fn suggest(&self, req: &SearchRequest) -> Result<Vec<Suggestion>, SearchError> {
        let req = SearchRequest { prefix: true, facets: vec![], cursor: None, sort: Sort::Relevance, ..req.clone() };
        if req.q.trim().is_empty() {
            return Ok(vec![]);
        }
        Ok(self
            .search(&req)?
            .hits
            .into_iter()
            .map(|h| Suggestion { slug: h.slug, kind: h.kind, lang: h.title.lang, title: h.title.text })
            .collect())
    }

    /// The query for the words and phrases, or `None` when there are none (browse everything). Words are
    /// required (AND); each may match in any language field it can be written in, with one typo (words of 5+
    /// letters found nowhere as typed), or as a prefix (the word being typed).
    fn text_query(&self, searcher: &Searcher, parts: &[Part], open_last: bool) -> Option<Box<dyn Query>> {
        if parts.is_empty() {
            return None;
        }
        let mut required: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for (i, part) in parts.iter().enumerate() {
            let q = match part {
                Part::Word(w) => self.word_query(searcher, w, open_last && i + 1 == parts.len()),
                Part::Phrase(p) => self.phrase_query(p),
            };
            if let Some(q) = q {
                required.push((Occur::Must, q));
            }
        }
        if required.is_empty() {
            // Only punctuation, symbols or emoji: nothing can match.
            return Some(Box::new(EmptyQuery));
        }
        if required.len() == 1 {
            // One word: its own union of term queries, which tantivy can prune by block (block-max WAND).
            return required.pop().map(|(_, q)| q);
        }
        Some(Box::new(BooleanQuery::new(required)))
    }

    /// The fields a text can match in: the neutral ones, and the language fields whose analyzer may read it
    /// differently from the neutral analyzer (a Latin word in the Russian field is what the neutral field
    /// already holds, so that field would only repeat its matches).
    fn analyzers_for<'a>(
        &'a self,
        text: &'a str,
    ) -> impl Iterator<Item = &'a (Field, TextAnalyzer, f32, Option<Lang>)> {
        self.analyzers.iter().filter(move |(_, _, _, lang)| lang.is_none_or(|l| written_in_script_of(text, l)))
    }

    fn word_query(&self, searcher: &Searcher, word: &str, open: bool) -> Option<Box<dyn Query>> {
        let mut any: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut found = false;
        for (field, analyzer, weight, _) in self.analyzers_for(word) {
            let tokens = analyze(analyzer, word);
            let terms: Vec<Term> = tokens.iter().map(|(_, t)| Term::from_field_text(*field, t)).collect();
            found = found || (!terms.is_empty() && terms.iter().all(|t| searcher.doc_freq(t).unwrap_or(0) > 0));
            let term_query = |t: Term| Box::new(TermQuery::new(t, IndexRecordOption::WithFreqs)) as Box<dyn Query>;
            let q: Box<dyn Query> = match terms.len() {
                0 => continue,
                1 => term_query(terms[0].clone()),
                _ => Box::new(BooleanQuery::intersection(terms.into_iter().map(term_query).collect())),
            };
            any.push((Occur::Should, boost(q, *weight)));
        }
        let neutral = self.analyzers.last().map(|(_, a, _, _)| analyze(a, word)).unwrap_or_default();
        if let [(_, t)] = neutral.as_slice() {
            let letters = t.chars().count();
            let term = Term::from_field_text(self.fields.all, t);
            // Typo tolerance only when the word as typed finds nothing: a word that exists means what it says,
            // and a one-edit automaton over the whole dictionary is the costliest part of a query.
            if open && letters >= 2 {
                let distance = if letters >= 5 && !has_prefix(searcher, self.fields.all, t) { 1 } else { 0 };
                any.push((Occur::Should, boost(Box::new(FuzzyTermQuery::new_prefix(term, distance, true)), 0.3)));
            } else if letters >= 5 && !found {
                any.push((Occur::Should, boost(Box::new(FuzzyTermQuery::new(term, 1, true)), 0.3)));
            }
        }
        (!any.is_empty()).then(|| Box::new(BooleanQuery::new(any)) as Box<dyn Query>)
    }

    fn phrase_query(&self, phrase: &str) -> Option<Box<dyn Query>> {
        let mut any: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let zh = self.fields.lang(Lang::Zh);
        for (field, analyzer, weight, _) in self.analyzers_for(phrase) {
            let tokens = analyze(analyzer, phrase);
            let terms: Vec<(usize, Term)> =
                tokens.iter().map(|(pos, t)| (*pos, Term::from_field_text(*field, t))).collect();
            let q: Box<dyn Query> = match terms.len() {
                0 => continue,
                1 => Box::new(TermQuery::new(terms[0].1.clone(), IndexRecordOption::WithFreqs)),
                // jieba's overlapping search-mode words have no phrase positions to rely on: all words instead.
                _ if Some(*field) == zh => Box::new(BooleanQuery::intersection(
                    terms
                        .into_iter()
                        .map(|(_, t)| Box::new(TermQuery::new(t, IndexRecordOption::WithFreqs)) as Box<dyn Query>)
                        .collect(),
                )),
                _ => Box::new(PhraseQuery::new_with_offset(terms)),
            };
            any.push((Occur::Should, boost(q, *weight)));
        }
        (!any.is_empty()).then(|| Box::new(BooleanQuery::new(any)) as Box<dyn Query>)
    }

    /// The text query AND every facet filter (OR within a facet), except the `skip` facet's own.
    fn combine(&self, text: Option<&dyn Query>, req: &SearchRequest, skip: Option<Facet>) -> Box<dyn Query> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        if let Some(t) = text {
            clauses.push((Occur::Must, t.box_clone()));
        }
        for (facet, values) in req.filters.iter().filter(|(f, _)| Some(*f) != skip).chain(&req.scope) {
            if values.is_empty() {
                continue;
            }
            let field = self.fields.facet(*facet);
            // Term queries rather than a TermSetQuery, which builds an automaton per query: filters hold a few
            // values.
            let term = |v: &String| {
                Box::new(TermQuery::new(Term::from_field_text(field, v), IndexRecordOption::Basic)) as Box<dyn Query>
            };
            let q: Box<dyn Query> = match values.as_slice() {
                [one] => term(one),
                many => Box::new(BooleanQuery::union(many.iter().map(term).collect())),
            };
            clauses.push((Occur::Must, Box::new(ConstScoreQuery::new(q, 0.0))));
        }
        if clauses.is_empty() {
            return Box::new(AllQuery);
        }
        Box::new(BooleanQuery::new(clauses))
    }

    fn hit(
        &self,
        stored: Stored,
        lang: Lang,
        score: f32,
        highlighter: &mut Highlighter<'_>,
    ) -> Result<Hit, SearchError> {
        let (title_lang, title) = stored.title.get(lang).unwrap_or(("en", ""));
        let title = highlighter.highlight(self.field_for(title_lang, self.fields.title), title_lang, title, 1000)?;
        let snippet = match stored.summary.get(lang) {
            Some((l, s)) => highlighter.highlight(self.field_for(l, self.fields.all), l, s, 240)?,
            None => Highlighted::default(),
        };
        Ok(Hit {
            id: stored.id,
            slug: stored.slug,
            kind: stored.kind,
            status: stored.status,
            title,
            snippet,
            countries: stored.countries,
            updated_at: stored.updated_at,
            score,
        })
    }

    fn field_for(&self, lang: &str, fallback: Field) -> Field {
        lang.parse::<Lang>().ok().and_then(|l| self.fields.lang(l)).unwrap_or(fallback)
    }
}

/// Words of `text` as the analyzer indexes them, with positions; tokens with no letter or digit (jieba
/// keeps punctuation and spaces as words) are dropped.
fn analyze(analyzer: &TextAnalyzer, text: &str) -> Vec<(usize, String)> {
    let mut analyzer = analyzer.clone();
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while let Some(token) = stream.next() {
        if token.text.chars().any(char::is_alphanumeric) && out.len() < 64 {
            out.push((token.position, token.text.clone()));
        }
    }
    out
}

fn boost(q: Box<dyn Query>, weight: f32) -> Box<dyn Query> {
    if (weight - 1.0).abs() < f32::EPSILON {
        q
    } else {
        Box::new(BoostQuery::new(q, weight))
    }
}

/// Whether `text` has a letter of the script `lang` is written in, so that the language's analyzer may read it
/// otherwise than the neutral one (stemming, or jieba's segmentation of Chinese).
fn written_in_script_of(text: &str, lang: Lang) -> bool {
    text.chars().any(|c| match lang {
        Lang::En | Lang::Fr | Lang::Es => c.is_alphabetic() && c < '\u{0250}',
        Lang::Ru => matches!(c, '\u{0400}'..='\u{052F}'),
        Lang::Ar => matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08FF}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}'),
        Lang::Zh => c >= '\u{2E80}' && c.is_alphanumeric(),
    })
}

/// Whether some indexed word of `field` starts with `prefix`.
fn has_prefix(searcher: &Searcher, field: Field, prefix: &str) -> bool {
    searcher.segment_readers().iter().any(|segment| {
        let Ok(inverted) = segment.inverted_index(field) else { return false };
        let Ok(mut stream) = inverted.terms().range().ge(prefix.as_bytes()).into_stream() else { return false };
        stream.advance() && stream.key().starts_with(prefix.as_bytes())
    })
}

/// What facet counts depend on: the words as read, the filters and scope, the facets asked for.
fn count_key(parsed: &query::Parsed, open_last: bool, req: &SearchRequest, facets: &[Facet]) -> String {
    fn canonical(list: &[(Facet, Vec<String>)]) -> Vec<(Facet, Vec<&str>)> {
        let mut out: Vec<(Facet, Vec<&str>)> = list
            .iter()
            .map(|(f, v)| {
                let mut v: Vec<&str> = v.iter().map(String::as_str).collect();
                v.sort_unstable();
                (*f, v)
            })
            .collect();
        out.sort();
        out
    }
    let (filters, scope) = (canonical(&req.filters), canonical(&req.scope));
    format!("{:?}|{open_last}|{filters:?}|{scope:?}|{facets:?}", parsed.parts)
}

/// Counts as served: values by count (descending), then value; facets in [`Facet::ALL`] order.
fn sorted_counts(counts: HashMap<Facet, HashMap<String, u64>>) -> Vec<FacetCounts> {
    let mut facets: Vec<FacetCounts> = counts
        .into_iter()
        .map(|(facet, values)| {
            let mut values: Vec<FacetValue> =
                values.into_iter().map(|(value, count)| FacetValue { value, count }).collect();
            values.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
            FacetCounts { facet, values }
        })
        .collect();
    facets.sort_by_key(|f| f.facet);
    facets
}

/// Requests whose facet counts are kept (a few kilobytes each), the default.
pub const COUNT_CACHE_ENTRIES: usize = 2048;

/// Bytes of whole result pages kept, the default (a first page of 20 hits with every facet is 20–40 KB, so
/// some 2,000 recent pages).
pub const RESULT_CACHE_BYTES: usize = 64 * 1024 * 1024;

/// What a page depends on: the words as read, filters and scope, facets asked for, order, size, position and
/// the reader's language.
fn result_key(parsed: &query::Parsed, req: &SearchRequest) -> String {
    let mut wanted: Vec<Facet> = req.facets.clone();
    wanted.sort();
    wanted.dedup();
    let open_last = req.prefix && parsed.open_last_word;
    format!(
        "{}|{:?}|{}|{:?}|{}",
        count_key(parsed, open_last, req, &wanted),
        req.sort,
        req.limit,
        req.lang,
        req.cursor.as_deref().unwrap_or("")
    )
}

/// Recent values, valid for one index generation (any commit starts afresh), within a budget of weight
/// (entries, or bytes); oldest out first.
struct GenerationCache<V> {
    budget: usize,
    used: usize,
    generation: u64,
    map: HashMap<String, (Arc<V>, usize)>,
    order: std::collections::VecDeque<String>,
}

impl<V> GenerationCache<V> {
    fn new(budget: usize) -> Self {
        GenerationCache { budget, used: 0, generation: u64::MAX, map: HashMap::new(), order: Default::default() }
    }

    fn get(&self, generation: u64, key: &str) -> Option<Arc<V>> {
        if generation != self.generation {
            return None;
        }
        self.map.get(key).map(|(v, _)| v.clone())
    }

    fn put(&mut self, generation: u64, key: String, value: Arc<V>, weight: usize) {
        // An answer computed on an older generation than the cache holds (a commit landed meanwhile) is
        // dropped rather than allowed to empty the newer entries.
        if weight > self.budget || (self.generation != u64::MAX && generation < self.generation) {
            return;
        }
        if generation != self.generation {
            self.map.clear();
            self.order.clear();
            self.used = 0;
            self.generation = generation;
        }
        match self.map.insert(key.clone(), (value, weight)) {
            Some((_, old)) => self.used = self.used - old + weight,
            None => {
                self.used += weight;
                self.order.push_back(key);
            }
        }
        while self.used > self.budget {
            let Some(old) = self.order.pop_front() else { break };
            if let Some((_, w)) = self.map.remove(&old) {
                self.used -= w;
            }
        }
    }
}

fn read_checkpoint(index: &Index) -> Checkpoint {
    index.load_metas().ok().and_then(|m| m.payload).and_then(|p| serde_json::from_str(&p).ok()).unwrap_or(Checkpoint {
        seq: 0,
        taxonomy: -1,
        schema: SCHEMA_VERSION,
    })
}

struct Highlighter<'a> {
    searcher: &'a Searcher,
    query: &'a dyn Query,
    generators: HashMap<(Field, usize), SnippetGenerator>,
}

impl Highlighter<'_> {
    /// The passage of `text` (at most `max` bytes) with the most matched words, or its start when none match.
    fn highlight(&mut self, field: Field, lang: &str, text: &str, max: usize) -> Result<Highlighted, SearchError> {
        let generator = match self.generators.entry((field, max)) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(v) => {
                let mut g = SnippetGenerator::create(self.searcher, self.query, field)?;
                g.set_max_num_chars(max);
                v.insert(g)
            }
        };
        let snippet = generator.snippet(text);
        if snippet.is_empty() {
            let cut = text.char_indices().map(|(i, c)| i + c.len_utf8()).take_while(|end| *end <= max).last();
            let head = &text[..cut.unwrap_or(0)];
            let ellipsis = if head.len() < text.len() { "…" } else { "" };
            return Ok(Highlighted { lang: lang.to_string(), text: format!("{head}{ellipsis}"), highlights: vec![] });
        }
        let range = snippet.fragment_range();
        if max >= text.len() {
            // Short texts (titles) are shown whole, with the fragment's marks moved to their place.
            let highlights =
                snippet.highlighted().iter().map(|r| (r.start + range.start, r.end + range.start)).collect();
            return Ok(Highlighted { lang: lang.to_string(), text: text.to_string(), highlights });
        }
        let lead = if range.start > 0 { "…" } else { "" };
        let tail = if range.end < text.len() { "…" } else { "" };
        let shift = lead.len();
        Ok(Highlighted {
            lang: lang.to_string(),
            text: format!("{lead}{}{tail}", snippet.fragment()),
            highlights: snippet.highlighted().iter().map(|r| (r.start + shift, r.end + shift)).collect(),
        })
    }
}

/// A position in the result order: the sort it belongs to, the last hit's rank, and how many were served.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Cursor {
    sort: Sort,
    after: Rank,
    served: usize,
}

impl Cursor {
    fn encode(&self) -> String {
        let s = match self.sort {
            Sort::Relevance => 'r',
            Sort::Recent => 't',
        };
        format!("{s}{}.{:x}.{}", self.after.primary, self.after.key, self.served)
    }

    fn decode(text: &str, sort: Sort) -> Result<Cursor, SearchError> {
        let bad = || SearchError::bad("cursor", "this cursor is not valid: start again from the first page");
        let (kind, rest) = text.split_at_checked(1).ok_or_else(bad)?;
        let cursor_sort = match kind {
            "r" => Sort::Relevance,
            "t" => Sort::Recent,
            _ => return Err(bad()),
        };
        if cursor_sort != sort {
            return Err(SearchError::bad("cursor", "this cursor belongs to another sort order: start again"));
        }
        let mut pieces = rest.split('.');
        let primary = pieces.next().and_then(|p| p.parse::<i64>().ok()).ok_or_else(bad)?;
        let key = pieces.next().and_then(|p| u64::from_str_radix(p, 16).ok()).ok_or_else(bad)?;
        let served = pieces.next().and_then(|p| p.parse::<usize>().ok()).ok_or_else(bad)?;
        if pieces.next().is_some() || served == 0 {
            return Err(bad());
        }
        Ok(Cursor { sort, after: Rank { primary, key }, served })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_refuse_garbage() {
        let c = Cursor { sort: Sort::Recent, after: Rank { primary: -5, key: 0xabc }, served: 20 };
        assert_eq!(Cursor::decode(&c.encode(), Sort::Recent).expect("valid"), c);
        assert!(Cursor::decode(&c.encode(), Sort::Relevance).is_err());
        for bad in ["", "x1.2.3", "r1.2", "r1.zz.3", "r1.2.3.4", "r1.2.0", "é"] {
            assert!(Cursor::decode(bad, Sort::Relevance).is_err(), "{bad:?}");
        }
    }
}
