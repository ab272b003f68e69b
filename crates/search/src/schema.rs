//! The index schema and its text analyzers: one field per language with that language's stemmer (Chinese
//! segmented by jieba), and language-neutral fields (lowercased, accents folded, no stemming) that hold every
//! text whatever its language — the fallback for other languages, and the field typo tolerance and prefixes use.

use cogov_core::Lang;
use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, FAST, STORED, STRING,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer,
    TokenizerManager,
};
use tantivy_jieba::JiebaTokenizer;

use crate::Facet;

/// Bumped when the schema or an analyzer changes: an index of another version is rebuilt.
pub const SCHEMA_VERSION: u32 = 1;

pub(crate) const NEUTRAL: &str = "cogov_neutral";

#[derive(Clone)]
pub(crate) struct Fields {
    pub id: Field,
    /// A stable 64-bit key derived from the id: the tie-breaker that makes result order total.
    pub key: Field,
    /// `updated_at` as a sortable integer (YYYYMMDDhhmmssmmm).
    pub updated: Field,
    /// The stored display record (slug, kind, title, summary, updated_at) as JSON.
    pub doc: Field,
    pub title: Field,
    pub all: Field,
    /// Per-language fields, in [`Lang::ALL`] order.
    pub langs: Vec<(Lang, Field)>,
    /// Facet fields, in [`Facet::ALL`] order.
    pub facets: Vec<Field>,
}

impl Fields {
    pub fn facet(&self, facet: Facet) -> Field {
        self.facets[facet as usize]
    }

    pub fn lang(&self, lang: Lang) -> Option<Field> {
        self.langs.iter().find(|(l, _)| *l == lang).map(|(_, f)| *f)
    }
}

pub(crate) fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let id = b.add_text_field("id", STRING | STORED);
    let key = b.add_u64_field("key", NumericOptions::default().set_fast());
    let updated = b.add_i64_field("updated", NumericOptions::default().set_fast());
    let doc = b.add_text_field("doc", STORED);
    let text = |analyzer: &str| {
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(analyzer)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
    };
    let title = b.add_text_field("title", text(NEUTRAL));
    let all = b.add_text_field("all", text(NEUTRAL));
    let langs = Lang::ALL
        .iter()
        .map(|l| (*l, b.add_text_field(&format!("text_{}", l.code()), text(&analyzer_name(*l)))))
        .collect();
    let facets = Facet::ALL.iter().map(|f| b.add_text_field(f.name(), STRING | FAST)).collect();
    (b.build(), Fields { id, key, updated, doc, title, all, langs, facets })
}

pub(crate) fn analyzer_name(lang: Lang) -> String {
    format!("cogov_{}", lang.code())
}

pub(crate) fn register_analyzers(manager: &TokenizerManager) {
    manager.register(NEUTRAL, neutral());
    for lang in Lang::ALL {
        manager.register(&analyzer_name(lang), analyzer(lang));
    }
}

fn neutral() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(48))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

fn analyzer(lang: Lang) -> TextAnalyzer {
    let stemmed = |language: Language| {
        // Stemming before folding: the Snowball rules for French and Spanish expect their accents.
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(48))
            .filter(LowerCaser)
            .filter(Stemmer::new(language))
            .filter(AsciiFoldingFilter)
            .build()
    };
    match lang {
        Lang::En => stemmed(Language::English),
        Lang::Fr => stemmed(Language::French),
        Lang::Es => stemmed(Language::Spanish),
        Lang::Ru => stemmed(Language::Russian),
        Lang::Ar => stemmed(Language::Arabic),
        Lang::Zh => {
            TextAnalyzer::builder(JiebaTokenizer::new()).filter(RemoveLongFilter::limit(48)).filter(LowerCaser).build()
        }
    }
}
