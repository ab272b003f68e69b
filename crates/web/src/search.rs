//! Search: the HTML page `/{lang}/search` (works without JavaScript: facets are links) and the API
//! `/api/v1/search`, `/api/v1/search/suggest`, `/api/v1/search/status`, all with the same parameters.

use std::time::Duration;

use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, StatusCode, Uri};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router};
use cogov_app::{search, App, AppError, Catalog};
use cogov_core::entry::{EntryKind, StakeholderGroup, Status};
use cogov_core::Lang;
use cogov_search::follow::Lag;
use cogov_search::{Facet, Highlighted, SearchRequest, SearchResults, Sort, Suggestion};
use serde::Deserialize;

use crate::error::ApiError;
use crate::pages::{self, render, PageError, PageMeta, PageResult};
use crate::{i18n, query};

/// Results per page unless `limit` says otherwise.
const DEFAULT_LIMIT: usize = 20;
/// Facet values shown per facet on the page.
const FACET_VALUES_SHOWN: usize = 12;

pub fn page_routes() -> Router<App> {
    Router::new().route("/{lang}/search", get(page))
}

pub fn api_routes() -> Router<App> {
    Router::new()
        .route("/search", get(api_search))
        .route("/search/suggest", get(api_suggest))
        .route("/search/status", get(api_status))
}

/// The parameters, shared by the page and the API. Filters take comma-separated values (`kind=actor,dpg`).
#[derive(Debug, Default, Clone, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// Words (any language; `"…"` for a phrase); at most 500 characters and 32 words.
    pub q: Option<String>,
    /// Entry kinds: actor, initiative, dpg, process, document, event.
    pub kind: Option<String>,
    /// Framework node ids at any level (`sdg:4` includes `sdg:4.1`).
    pub node: Option<String>,
    /// ISO 3166-1 alpha-2 codes.
    pub country: Option<String>,
    /// M49 region codes.
    pub region: Option<String>,
    /// ldc, lldc, sids.
    pub group: Option<String>,
    /// Stakeholder groups of actors.
    pub stakeholder: Option<String>,
    /// Languages the entries are written in.
    pub language: Option<String>,
    pub status: Option<String>,
    /// relevance (default) or recent.
    pub sort: Option<String>,
    /// Results per page, 1 to 100 (default 20).
    pub limit: Option<usize>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
    /// The reader's language (API only; pages use their prefix).
    #[param(inline, value_type = Option<cogov_core::Lang>)]
    pub lang: Option<String>,
    /// The facets to count (API; comma-separated names, `none` for none; every facet when absent).
    pub facets: Option<String>,
}

impl SearchParams {
    fn filter_values(&self, facet: Facet) -> &Option<String> {
        match facet {
            Facet::Kind => &self.kind,
            Facet::Node => &self.node,
            Facet::Country => &self.country,
            Facet::Region => &self.region,
            Facet::Group => &self.group,
            Facet::Stakeholder => &self.stakeholder,
            Facet::Lang => &self.language,
            Facet::Status => &self.status,
        }
    }

    fn filter_values_mut(&mut self, facet: Facet) -> &mut Option<String> {
        match facet {
            Facet::Kind => &mut self.kind,
            Facet::Node => &mut self.node,
            Facet::Country => &mut self.country,
            Facet::Region => &mut self.region,
            Facet::Group => &mut self.group,
            Facet::Stakeholder => &mut self.stakeholder,
            Facet::Lang => &mut self.language,
            Facet::Status => &mut self.status,
        }
    }

    /// The search request; country codes are upper-cased, other values taken as given (unknown ones match
    /// nothing).
    pub fn to_request(&self, lang: Lang) -> Result<SearchRequest, AppError> {
        let sort = self.sort.as_deref().unwrap_or("").parse::<Sort>().map_err(|e| AppError::invalid("sort", e))?;
        let limit = self.limit.unwrap_or(DEFAULT_LIMIT);
        if !(1..=cogov_search::MAX_LIMIT).contains(&limit) {
            return Err(AppError::invalid("limit", format!("limit must be between 1 and {}", cogov_search::MAX_LIMIT)));
        }
        let facets = match query::list(&self.facets).as_slice() {
            [] => Facet::ALL.to_vec(),
            [none] if none == "none" => vec![],
            names => names
                .iter()
                .map(|n| n.parse::<Facet>())
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| AppError::invalid("facets", e))?,
        };
        let filters = Facet::ALL
            .into_iter()
            .map(|f| {
                let mut values = query::list(self.filter_values(f));
                if f == Facet::Country {
                    values.iter_mut().for_each(|v| *v = v.to_ascii_uppercase());
                }
                (f, values)
            })
            .filter(|(_, v)| !v.is_empty())
            .collect();
        Ok(SearchRequest {
            q: self.q.clone().unwrap_or_default(),
            filters,
            scope: vec![],
            sort,
            limit,
            cursor: self.cursor.clone(),
            lang: Some(lang),
            facets,
            prefix: true,
        })
    }

    /// This search as a page URL, without its cursor.
    fn href(&self, lang: Lang) -> String {
        let mut pairs: Vec<(&str, &str)> = Vec::new();
        if let Some(q) = self.q.as_deref().filter(|q| !q.is_empty()) {
            pairs.push(("q", q));
        }
        for f in Facet::ALL {
            if let Some(v) = self.filter_values(f).as_deref().filter(|v| !v.is_empty()) {
                pairs.push((f.name(), v));
            }
        }
        if let Some(s) = self.sort.as_deref().filter(|s| !s.is_empty()) {
            pairs.push(("sort", s));
        }
        let query = serde_urlencoded::to_string(&pairs).unwrap_or_default();
        if query.is_empty() {
            format!("/{}/search", lang.code())
        } else {
            format!("/{}/search?{query}", lang.code())
        }
    }

    /// The same search with `value` added to or removed from the facet's filter.
    fn toggled(&self, facet: Facet, value: &str) -> SearchParams {
        let mut next = self.clone();
        next.cursor = None;
        let mut values = query::list(self.filter_values(facet));
        match values.iter().position(|v| v.eq_ignore_ascii_case(value)) {
            Some(i) => {
                values.remove(i);
            }
            None => values.push(value.to_string()),
        }
        *next.filter_values_mut(facet) = (!values.is_empty()).then(|| values.join(","));
        next
    }
}

#[utoipa::path(get, path = "/api/v1/search", tag = "search", params(SearchParams),
    responses((status = 200, description = "a page of hits over published entries with facet counts", body = SearchResults), (status = 400, description = "a parameter is unknown or not acceptable, the query is too long, a bad cursor or a page beyond the first 1,000 results (`invalid_parameter`)", body = crate::error::ErrorBody),
        (status = 500, description = "the search index is not open on this node (`internal`)", body = crate::error::ErrorBody)))]
async fn api_search(State(app): State<App>, RawQuery(raw): RawQuery) -> Result<impl IntoResponse, ApiError> {
    let params: SearchParams = query::parse(raw.as_deref())?;
    let lang = query::lang("lang", params.lang.as_deref())?.unwrap_or(Lang::En);
    let answer = search::search_async(&app, params.to_request(lang)?).await?;
    // The page's JSON is encoded once and shared by every request for it (the body of `SearchResults`).
    Ok(([(header::CONTENT_TYPE, "application/json")], answer.json().to_owned()))
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct SuggestParams {
    /// What has been typed; the last word matches as a prefix.
    q: Option<String>,
    /// ar, en, es, fr, ru or zh.
    #[param(inline, value_type = Option<cogov_core::Lang>)]
    lang: Option<String>,
    /// 1 to 20 (default 8).
    limit: Option<usize>,
}

#[utoipa::path(get, path = "/api/v1/search/suggest", tag = "search", params(SuggestParams),
    responses((status = 200, description = "entry titles for search-as-you-type", body = Vec<Suggestion>), (status = 400, description = "a parameter is unknown or not acceptable, the query is too long, a bad cursor or a page beyond the first 1,000 results (`invalid_parameter`)", body = crate::error::ErrorBody),
        (status = 500, description = "the search index is not open on this node (`internal`)", body = crate::error::ErrorBody)))]
async fn api_suggest(State(app): State<App>, RawQuery(raw): RawQuery) -> Result<Json<Vec<Suggestion>>, ApiError> {
    let params: SuggestParams = query::parse(raw.as_deref())?;
    let lang = query::lang("lang", params.lang.as_deref())?.unwrap_or(Lang::En);
    let limit = params.limit.unwrap_or(8);
    if !(1..=20).contains(&limit) {
        return Err(AppError::invalid("limit", "limit must be between 1 and 20").into());
    }
    let request = SearchRequest { q: params.q.unwrap_or_default(), limit, lang: Some(lang), ..Default::default() };
    Ok(Json(search::suggest_async(&app, request).await?))
}

#[utoipa::path(get, path = "/api/v1/search/status", tag = "search",
    responses((status = 200, description = "the index's position in the change log", body = Lag),
        (status = 500, description = "the search index is not open on this node (`internal`)", body = crate::error::ErrorBody)))]
async fn api_status(State(app): State<App>) -> Result<Json<Lag>, ApiError> {
    Ok(Json(search::lag(&app).await?))
}

struct FacetView {
    name: String,
    values: Vec<FacetLink>,
    more: i64,
}

struct FacetLink {
    label: String,
    /// The language of a label that is content (a node's title, a language's own name), not interface text.
    label_lang: Option<String>,
    count: i64,
    href: String,
    active: bool,
}

struct ActiveFilter {
    label: String,
    href: String,
}

struct HitView {
    slug: String,
    title: Vec<(String, bool)>,
    title_lang: String,
    snippet: Vec<(String, bool)>,
    snippet_lang: String,
    kind: String,
    countries: String,
    /// Labelled as possibly out of date, as on the entry page.
    stale: bool,
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage {
    page: PageMeta,
    q: String,
    sort_recent: bool,
    hidden: Vec<(&'static str, String)>,
    /// The reader's message and the technical detail (in English, marked so).
    error: Option<(String, String)>,
    searched: bool,
    total: i64,
    hits: Vec<HitView>,
    facets: Vec<FacetView>,
    active: Vec<ActiveFilter>,
    next: Option<String>,
    depth_capped: bool,
}

async fn page(State(app): State<App>, Path(lang): Path<String>, RawQuery(raw): RawQuery, uri: Uri) -> PageResult {
    let lang = pages::page_lang(&lang, &uri)?;
    let parsed: Result<SearchParams, AppError> = query::parse(raw.as_deref());
    let params = parsed.as_ref().cloned().unwrap_or_default();
    // The page shows every facet but the status (public search is of published entries only).
    let request = parsed.and_then(|p| p.to_request(lang)).map(|mut r| {
        r.facets.retain(|f| *f != Facet::Status);
        r
    });
    let outcome = match request {
        Ok(r) => search::search_async(&app, r).await,
        Err(e) => Err(e),
    };
    let (results, error) = match outcome {
        Ok(r) => (Some(r), None),
        Err(AppError::InvalidParameter { field, message }) => {
            let key = if field == "cursor" { "error-invalid-cursor" } else { "error-request-text" };
            (None, Some((i18n::message(lang, key), format!("{field}: {message}"))))
        }
        Err(e) => return Err(PageError::new(lang, &uri, e)),
    };
    let catalog = app.catalog();
    let mut view = SearchPage {
        page: PageMeta::new(lang, i18n::message(lang, "search-title"), &uri),
        q: params.q.clone().unwrap_or_default(),
        sort_recent: params.sort.as_deref() == Some("recent"),
        hidden: Facet::ALL
            .into_iter()
            .filter_map(|f| params.filter_values(f).clone().filter(|v| !v.is_empty()).map(|v| (f.name(), v)))
            .collect(),
        searched: raw.as_deref().is_some_and(|r| !r.is_empty()),
        error: error.clone(),
        total: 0,
        hits: vec![],
        facets: vec![],
        active: vec![],
        next: None,
        depth_capped: false,
    };
    for f in Facet::ALL {
        for v in query::list(params.filter_values(f)) {
            let label = format!("{}: {}", facet_name(lang, f), value_label(&catalog, lang, f, &v));
            view.active.push(ActiveFilter { label, href: params.toggled(f, &v).href(lang) });
        }
    }
    if let Some(results) = results {
        view.total = i64::try_from(results.total).unwrap_or(i64::MAX);
        view.depth_capped = results.depth_capped;
        view.next = results.next_cursor.as_ref().map(|c| {
            let base = params.href(lang);
            let sep = if base.contains('?') { '&' } else { '?' };
            format!("{base}{sep}{}", serde_urlencoded::to_string([("cursor", c)]).unwrap_or_default())
        });
        let ids: Vec<String> = results.hits.iter().map(|h| h.id.clone()).collect();
        let stale =
            cogov_app::review::stale_among(&app, &ids).await.map_err(|e| pages::PageError::new(lang, &uri, e))?;
        view.hits =
            results.hits.iter().map(|h| HitView { stale: stale.contains(&h.id), ..hit_view(h, lang) }).collect();
        view.facets = results
            .facets
            .iter()
            .filter(|f| f.facet != Facet::Status && !f.values.is_empty())
            .map(|f| {
                let selected = query::list(params.filter_values(f.facet));
                FacetView {
                    name: facet_name(lang, f.facet),
                    more: f.values.len().saturating_sub(FACET_VALUES_SHOWN) as i64,
                    values: f
                        .values
                        .iter()
                        .take(FACET_VALUES_SHOWN)
                        .map(|v| FacetLink {
                            label: value_label(&catalog, lang, f.facet, &v.value),
                            label_lang: label_lang(&catalog, lang, f.facet, &v.value),
                            count: i64::try_from(v.count).unwrap_or(i64::MAX),
                            href: params.toggled(f.facet, &v.value).href(lang),
                            active: selected.iter().any(|s| s.eq_ignore_ascii_case(&v.value)),
                        })
                        .collect(),
                }
            })
            .collect();
    }
    let status = if error.is_some() { StatusCode::BAD_REQUEST } else { StatusCode::OK };
    Ok((status, render(&view)).into_response())
}

fn hit_view(h: &cogov_search::Hit, lang: Lang) -> HitView {
    let owned = |t: &Highlighted| t.segments().into_iter().map(|(s, m)| (s.to_string(), m)).collect();
    HitView {
        slug: h.slug.clone(),
        title: owned(&h.title),
        title_lang: h.title.lang.clone(),
        snippet: owned(&h.snippet),
        snippet_lang: h.snippet.lang.clone(),
        kind: h.kind.parse::<EntryKind>().map(|k| pages::kind_label(lang, k)).unwrap_or_else(|_| h.kind.clone()),
        countries: match h.countries.len() {
            0..=6 => h.countries.join(", "),
            n => format!("{} +{}", h.countries[..5].join(", "), n - 5),
        },
        stale: false,
    }
}

fn facet_name(lang: Lang, facet: Facet) -> String {
    i18n::message(lang, &format!("search-facet-{}", facet.name()))
}

/// A facet value as readers know it: a kind's label, a node's code and title, a country's or region's name.
fn value_label(catalog: &Catalog, lang: Lang, facet: Facet, value: &str) -> String {
    match facet {
        Facet::Kind => value.parse::<EntryKind>().map(|k| pages::kind_label(lang, k)).ok(),
        Facet::Node => catalog.node(value).map(|n| format!("{} {}", n.id, n.title_in(lang).1)),
        Facet::Country => catalog.country(value).map(|c| c.name(lang).to_string()),
        Facet::Region => catalog.region(value).map(|r| r.name(lang).to_string()),
        Facet::Group => i18n::try_message(lang, &format!("group-{value}")),
        Facet::Stakeholder => value.parse::<StakeholderGroup>().map(|g| pages::stakeholder_label(lang, g)).ok(),
        Facet::Lang => value.parse::<Lang>().ok().filter(|l| l.code() == value).map(|l| l.endonym().to_string()),
        Facet::Status => value.parse::<Status>().map(|s| pages::status_label(lang, s)).ok(),
    }
    .map(|label| truncate(&label, 70))
    .unwrap_or_else(|| value.to_string())
}

fn label_lang(catalog: &Catalog, lang: Lang, facet: Facet, value: &str) -> Option<String> {
    match facet {
        Facet::Node => catalog.node(value).map(|n| n.title_in(lang).0.to_string()),
        Facet::Lang => Some(value.to_string()),
        _ => None,
    }
}

fn truncate(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_string(),
    }
}

/// Keeps the search index in step with the store while the server runs: a catch-up every second (each one
/// applies everything new), then the new segments' facet tables are built before a search needs them. Failures
/// are logged and retried; the index keeps serving what it has.
pub fn spawn_follower(app: App) -> Option<tokio::task::JoinHandle<()>> {
    app.search_index()?;
    Some(tokio::spawn(async move {
        let mut failures = 0u32;
        let mut warmed = false;
        loop {
            match search::catch_up(&app).await {
                Ok(report) => {
                    failures = 0;
                    if !warmed || report.changes > 0 || report.rebuilt.is_some() {
                        if let Err(e) = search::warm(&app).await {
                            tracing::warn!(error = %e, "search index warm-up failed");
                        }
                        warmed = true;
                    }
                    if let Some(n) = report.rebuilt {
                        tracing::info!(entries = n, seq = report.seq, "search index rebuilt");
                    }
                    if report.changes > 0 {
                        tracing::debug!(changes = report.changes, seq = report.seq, "search index caught up");
                    }
                }
                Err(e) => {
                    failures = failures.saturating_add(1);
                    tracing::warn!(error = %e, failures, "search index catch-up failed");
                }
            }
            tokio::time::sleep(Duration::from_millis(if failures == 0 { 1000 } else { 5000 })).await;
        }
    }))
}
