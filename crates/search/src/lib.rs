//! cogov's search: one faceted, multilingual full-text index over the registry's entries.
//!
//! The index is a **projection** of the store: [`follow::catch_up`] reads the change log from the last sequence
//! number it applied (kept inside the index, in the same atomic commit as the documents, so a crash never leaves
//! the two out of step) and re-reads each changed entry; [`follow::rebuild`] builds it from scratch. Several
//! servers on one PostgreSQL each keep their own index and converge on the same log.
//!
//! Each entry is indexed in every language it is written in: a field per UN language with its stemmer (jieba
//! word segmentation for Chinese) and language-neutral fields holding all texts. A query is analysed for every
//! language and matches any. Facets (kind, framework node at every level, country, M49 region, LDC/LLDC/SIDS,
//! stakeholder group, language, status) are expanded at index time ([`Taxonomy`]) and counted in one pass.
//!
//! It knows nothing of HTTP: the web layer turns query strings into a [`SearchRequest`].

use std::fmt;
use std::ops::Deref;
use std::str::FromStr;
use std::sync::OnceLock;

use serde::Serialize;

mod collect;
mod document;
mod exec;
pub mod follow;
mod index;
mod query;
mod schema;
mod taxonomy;

pub use index::{Checkpoint, SearchIndex, COUNT_CACHE_ENTRIES, RESULT_CACHE_BYTES};
pub use query::{MAX_QUERY_CHARS, MAX_QUERY_WORDS};
pub use schema::SCHEMA_VERSION;
pub use taxonomy::{Expanded, Taxonomy};

/// How deep a reader may page: results beyond this position are not served (refine the query instead).
pub const MAX_DEPTH: usize = 1000;
/// The largest page.
pub const MAX_LIMIT: usize = 100;

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// A request the caller can fix (too long a query, a bad cursor, paging too deep): `field` names the input.
    #[error("{message}")]
    BadRequest { field: &'static str, message: String },
    #[error("search index error: {0}")]
    Index(#[from] tantivy::TantivyError),
    #[error("the search index at {path} is in use by another cogov process; stop it (e.g. `cogov serve`) first")]
    Locked { path: String },
    #[error("cannot prepare the search index at {path}: {message}")]
    Io { path: String, message: String },
    #[error(transparent)]
    Store(#[from] cogov_store::StoreError),
    #[error("indexing task failed: {0}")]
    Task(String),
}

impl SearchError {
    fn bad(field: &'static str, message: impl Into<String>) -> Self {
        SearchError::BadRequest { field, message: message.into() }
    }
}

/// A facet: a dimension results are counted and filtered by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Facet {
    Kind,
    /// A framework node at any level: an entry tagged `sdg:4.1` counts for `sdg:4.1` and `sdg:4`.
    Node,
    Country,
    /// An M49 region, sub-region or intermediate region (of the entry's countries, or named by the entry).
    Region,
    /// A development group of the entry's countries: `ldc`, `lldc`, `sids`.
    Group,
    Stakeholder,
    /// A language the entry is written in.
    Lang,
    Status,
}

impl Facet {
    pub const ALL: [Facet; 8] = [
        Facet::Kind,
        Facet::Node,
        Facet::Country,
        Facet::Region,
        Facet::Group,
        Facet::Stakeholder,
        Facet::Lang,
        Facet::Status,
    ];

    /// The name used in query strings and in responses.
    pub fn name(self) -> &'static str {
        match self {
            Facet::Kind => "kind",
            Facet::Node => "node",
            Facet::Country => "country",
            Facet::Region => "region",
            Facet::Group => "group",
            Facet::Stakeholder => "stakeholder",
            Facet::Lang => "language",
            Facet::Status => "status",
        }
    }
}

impl fmt::Display for Facet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Facet {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Facet::ALL.into_iter().find(|f| f.name() == s).ok_or_else(|| format!("unknown facet '{s}'"))
    }
}

/// The order of results.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    /// Best match first (with no query words: most recently updated first).
    #[default]
    Relevance,
    /// Most recently updated first.
    Recent,
}

impl FromStr for Sort {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "relevance" | "" => Ok(Sort::Relevance),
            "recent" => Ok(Sort::Recent),
            other => Err(format!("unknown sort '{other}': expected relevance or recent")),
        }
    }
}

/// One search. Filters combine with AND across facets and OR within one; a value the index has never seen
/// simply matches nothing.
#[derive(Debug, Clone, Default)]
pub struct SearchRequest {
    pub q: String,
    pub filters: Vec<(Facet, Vec<String>)>,
    /// Restrictions that always apply and are not facets of the answer (the public sees published entries
    /// only: the counts must not reveal others).
    pub scope: Vec<(Facet, Vec<String>)>,
    pub sort: Sort,
    pub limit: usize,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
    /// The reader's language: titles and snippets are shown in it where the entry has it.
    pub lang: Option<cogov_core::Lang>,
    /// The facets to count (a search-as-you-type box needs none; [`Facet::ALL`] for every one).
    pub facets: Vec<Facet>,
    /// Match the last word as a prefix.
    pub prefix: bool,
}

impl SearchRequest {
    pub fn filter(&self, facet: Facet) -> &[String] {
        self.filters.iter().find(|(f, _)| *f == facet).map(|(_, v)| v.as_slice()).unwrap_or(&[])
    }
}

/// A page of results.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SearchResults {
    /// How many entries match (all pages).
    pub total: u64,
    pub hits: Vec<Hit>,
    /// Counts per facet value. For a facet the request filters on, counts ignore that facet's own filter (so
    /// the alternatives stay visible); every other filter applies.
    pub facets: Vec<FacetCounts>,
    pub next_cursor: Option<String>,
    /// More results exist beyond [`MAX_DEPTH`] but cannot be paged to.
    pub depth_capped: bool,
    /// The change-log position the index reflected when it answered.
    pub indexed_seq: i64,
}

/// A page of results as served: shared by every request for the same page while the index generation it was
/// computed on lasts (see [`SearchIndex::answer`]), with its JSON encoded once.
#[derive(Debug)]
pub struct Answer {
    pub results: SearchResults,
    json: OnceLock<String>,
}

impl Answer {
    pub fn new(results: SearchResults) -> Self {
        Answer { results, json: OnceLock::new() }
    }

    /// The results as JSON (the API's response body), encoded on first use.
    pub fn json(&self) -> &str {
        self.json.get_or_init(|| serde_json::to_string(&self.results).unwrap_or_default())
    }

    /// About how many bytes this answer holds once its JSON is encoded (what the result cache budgets).
    pub(crate) fn weight(&self) -> usize {
        let r = &self.results;
        let hits: usize = r
            .hits
            .iter()
            .map(|h| {
                96 + h.id.len()
                    + h.slug.len()
                    + h.title.text.len()
                    + h.snippet.text.len()
                    + 16 * (h.title.highlights.len() + h.snippet.highlights.len())
                    + 8 * h.countries.len()
                    + h.updated_at.len()
            })
            .sum();
        let facets: usize =
            r.facets.iter().map(|f| 24 + f.values.iter().map(|v| 40 + v.value.len()).sum::<usize>()).sum();
        // The structures, then the JSON text of about the same size.
        2 * (256 + hits + facets)
    }
}

impl Deref for Answer {
    type Target = SearchResults;
    fn deref(&self) -> &SearchResults {
        &self.results
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct FacetCounts {
    pub facet: Facet,
    /// Values by count (descending), then value.
    pub values: Vec<FacetValue>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct FacetValue {
    pub value: String,
    pub count: u64,
}

/// One result.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Hit {
    pub id: String,
    pub slug: String,
    pub kind: String,
    pub status: String,
    pub title: Highlighted,
    /// A passage of the summary around the matched words (empty when there is no summary).
    pub snippet: Highlighted,
    pub countries: Vec<String>,
    pub updated_at: String,
    pub score: f32,
}

/// A text with the byte ranges of matched words, for `<mark>`ing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Highlighted {
    pub lang: String,
    pub text: String,
    pub highlights: Vec<(usize, usize)>,
}

impl Highlighted {
    /// The text cut into (piece, is_match) segments, for templates that escape each piece.
    pub fn segments(&self) -> Vec<(&str, bool)> {
        let mut out = Vec::new();
        let mut at = 0;
        for &(start, end) in &self.highlights {
            if start < at
                || end > self.text.len()
                || !self.text.is_char_boundary(start)
                || !self.text.is_char_boundary(end)
            {
                continue;
            }
            if start > at {
                out.push((&self.text[at..start], false));
            }
            out.push((&self.text[start..end], true));
            at = end;
        }
        if at < self.text.len() {
            out.push((&self.text[at..], false));
        }
        out
    }
}

/// A search-as-you-type suggestion: an entry title.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Suggestion {
    pub slug: String,
    pub kind: String,
    pub lang: String,
    pub title: String,
}
