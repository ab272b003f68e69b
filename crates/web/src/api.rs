//! The JSON API, `/api/v1/…`. Read endpoints for frameworks, nodes with their crosswalks, entries and
//! countries. Texts come in every language stored; `?lang=xx` adds a `label` in that language (with fallback
//! and the language actually used).

use axum::extract::{Path, RawQuery, State};
use axum::routing::get;
use axum::{Json, Router};
use cogov_app::entries::{self, EntryPage};
use cogov_app::{App, AppError, Catalog};
use cogov_core::crosswalk::CrosswalkLink;
use cogov_core::entry::Entry;
use cogov_core::framework::{pick, Node};
use cogov_core::geo::{Country, Region};
use cogov_core::Lang;
use cogov_store::{EntryQuery, FrameworkVersion};
use serde::{Deserialize, Serialize};

use crate::error::{ApiError, ErrorBody};
use crate::query;

type ApiResult<T> = Result<Json<T>, ApiError>;

pub fn routes() -> Router<App> {
    Router::new()
        .route("/frameworks", get(frameworks))
        .route("/frameworks/{code}", get(framework))
        .route("/frameworks/{code}/versions", get(framework_versions))
        .route("/nodes/{id}", get(node))
        .route("/nodes/{id}/crosswalk", get(crosswalk))
        .route("/entries", get(list_entries))
        .route("/entries/{id}", get(entry))
        .route("/countries", get(countries))
        .route("/countries/{iso2}", get(country))
        .route("/regions", get(regions))
        .route("/openapi.json", get(crate::openapi::openapi_json))
        .merge(crate::map::api_routes())
        .merge(crate::search::api_routes())
        .merge(crate::account::api_routes())
        .merge(crate::review::api_routes())
        .fallback(|| async { ApiError(AppError::not_found("API endpoint")) })
}

/// `?lang=`: the language of `label`s (default `en`).
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct LangQuery {
    /// ar, en, es, fr, ru or zh.
    #[param(inline, value_type = Option<cogov_core::Lang>)]
    lang: Option<String>,
}

fn lang_of(raw: Option<&str>) -> Result<Lang, AppError> {
    let q: LangQuery = query::parse(raw)?;
    Ok(query::lang("lang", q.lang.as_deref())?.unwrap_or(Lang::En))
}

/// A text picked for the reader: the language actually used and the text.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Label {
    pub lang: String,
    pub text: String,
}

fn label(map: &std::collections::BTreeMap<String, String>, lang: Lang) -> Label {
    let (l, t) = pick(map, lang);
    Label { lang: l.to_string(), text: t.to_string() }
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct FrameworkSummary {
    pub code: String,
    pub version: String,
    pub version_no: i64,
    pub label: Label,
    pub title: std::collections::BTreeMap<String, String>,
    pub source: String,
    pub licence: Option<String>,
    pub nodes: usize,
    pub loaded_at: String,
}

fn summary(catalog: &Catalog, code: &str, lang: Lang) -> Option<FrameworkSummary> {
    let f = catalog.framework(code)?;
    Some(FrameworkSummary {
        code: f.header.code.clone(),
        version: f.header.version.clone(),
        version_no: f.version_no,
        label: label(&f.header.title, lang),
        title: f.header.title.clone(),
        source: f.header.source.clone(),
        licence: f.header.licence.clone(),
        nodes: catalog.nodes.iter().filter(|n| n.framework() == code).count(),
        loaded_at: f.loaded_at.clone(),
    })
}

#[utoipa::path(get, path = "/api/v1/frameworks", tag = "frameworks", params(LangQuery),
    responses((status = 200, description = "loaded frameworks with version and node count", body = Vec<FrameworkSummary>), (status = 400, description = "a query parameter is unknown or not acceptable (`invalid_parameter`)", body = ErrorBody)))]
async fn frameworks(State(app): State<App>, RawQuery(raw): RawQuery) -> ApiResult<Vec<FrameworkSummary>> {
    let lang = lang_of(raw.as_deref())?;
    let catalog = app.catalog();
    Ok(Json(catalog.frameworks.iter().filter_map(|f| summary(&catalog, &f.header.code, lang)).collect()))
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct NodeView {
    #[serde(flatten)]
    pub node: Node,
    pub framework: String,
    pub label: Label,
}

fn node_view(node: &Node, lang: Lang) -> NodeView {
    NodeView { node: node.clone(), framework: node.framework().to_string(), label: label(&node.title, lang) }
}

/// A framework with its nodes: the summary's fields, but `nodes` is the list, not the count.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct FrameworkView {
    pub code: String,
    pub version: String,
    pub version_no: i64,
    pub label: Label,
    pub title: std::collections::BTreeMap<String, String>,
    pub source: String,
    pub licence: Option<String>,
    pub loaded_at: String,
    pub notes: Option<String>,
    pub nodes: Vec<NodeView>,
}

#[utoipa::path(get, path = "/api/v1/frameworks/{code}", tag = "frameworks",
    params(("code" = String, Path, description = "framework code: sdg, wsis, hlpdc, roadmap, igf, gdc"), LangQuery),
    responses((status = 200, description = "a framework with all its nodes, parents before children", body = FrameworkView), (status = 400, description = "a query parameter is unknown or not acceptable (`invalid_parameter`)", body = ErrorBody), (status = 404, description = "no such framework (`not_found`)", body = ErrorBody)))]
async fn framework(
    State(app): State<App>,
    Path(code): Path<String>,
    RawQuery(raw): RawQuery,
) -> ApiResult<FrameworkView> {
    let lang = lang_of(raw.as_deref())?;
    let catalog = app.catalog();
    let summary = summary(&catalog, &code, lang).ok_or_else(|| AppError::not_found(format!("framework '{code}'")))?;
    let notes = catalog.framework(&code).and_then(|f| f.header.notes.clone());
    let nodes = catalog.nodes.iter().filter(|n| n.framework() == code).map(|n| node_view(n, lang)).collect();
    let FrameworkSummary { code, version, version_no, label, title, source, licence, loaded_at, .. } = summary;
    Ok(Json(FrameworkView { code, version, version_no, label, title, source, licence, loaded_at, notes, nodes }))
}

#[utoipa::path(get, path = "/api/v1/frameworks/{code}/versions", tag = "frameworks",
    params(("code" = String, Path, description = "framework code")),
    responses((status = 200, description = "every stored version, who loaded it and what changed", body = Vec<FrameworkVersion>), (status = 404, description = "no such framework (`not_found`)", body = ErrorBody)))]
async fn framework_versions(State(app): State<App>, Path(code): Path<String>) -> ApiResult<Vec<FrameworkVersion>> {
    if app.catalog().framework(&code).is_none() {
        return Err(AppError::not_found(format!("framework '{code}'")).into());
    }
    Ok(Json(app.store().framework_versions(&code).await.map_err(AppError::from)?))
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct NodeDetail {
    #[serde(flatten)]
    pub node: NodeView,
    pub ancestors: Vec<String>,
    pub children: Vec<String>,
    pub crosswalk: Vec<CrosswalkLink>,
}

#[utoipa::path(get, path = "/api/v1/nodes/{id}", tag = "frameworks",
    params(("id" = String, Path, description = "node id, `framework:code` (`sdg:9.c`, `gdc:1.1.1`)"), LangQuery),
    responses((status = 200, description = "a node with ancestors, children and crosswalk", body = NodeDetail), (status = 400, description = "a query parameter is unknown or not acceptable (`invalid_parameter`)", body = ErrorBody), (status = 404, description = "no such node (`not_found`)", body = ErrorBody)))]
async fn node(State(app): State<App>, Path(id): Path<String>, RawQuery(raw): RawQuery) -> ApiResult<NodeDetail> {
    let lang = lang_of(raw.as_deref())?;
    let catalog = app.catalog();
    let node = catalog.node(&id).ok_or_else(|| AppError::not_found(format!("framework node '{id}'")))?;
    Ok(Json(NodeDetail {
        node: node_view(node, lang),
        ancestors: catalog.ancestors(&id).into_iter().map(|n| n.id.clone()).collect(),
        children: catalog.children(&id).map(|n| n.id.clone()).collect(),
        crosswalk: catalog.crosswalk(&id),
    }))
}

#[utoipa::path(get, path = "/api/v1/nodes/{id}/crosswalk", tag = "frameworks",
    params(("id" = String, Path, description = "node id")),
    responses((status = 200, description = "every node of another framework linked to it, `via` direct or sdg, with the path", body = Vec<CrosswalkLink>), (status = 404, description = "no such node (`not_found`)", body = ErrorBody)))]
async fn crosswalk(State(app): State<App>, Path(id): Path<String>) -> ApiResult<Vec<CrosswalkLink>> {
    Ok(Json(cogov_app::frameworks::crosswalk(&app, &id)?))
}

/// Filters take comma-separated values: OR within one, AND across.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct EntriesQuery {
    /// Entry kinds: actor, initiative, dpg, process, document, event.
    pub kind: Option<String>,
    /// Only `published` is public.
    pub status: Option<String>,
    /// ISO 3166-1 alpha-2 codes.
    pub country: Option<String>,
    /// Framework node ids (`sdg:4`).
    pub node: Option<String>,
    /// 1 to 100 (default 50).
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

impl EntriesQuery {
    /// The store query; anonymous readers only see published entries.
    pub fn to_query(&self) -> EntryQuery {
        let statuses = query::list(&self.status);
        EntryQuery {
            kinds: query::list(&self.kind),
            statuses: if statuses.is_empty() { vec!["published".to_string()] } else { statuses },
            nodes: query::list(&self.node),
            countries: query::list(&self.country),
            after_slug: self.cursor.clone().filter(|c| !c.is_empty()),
            limit: self.limit.unwrap_or(50),
        }
    }
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct EntryList {
    pub total: i64,
    pub next_cursor: Option<String>,
    pub entries: Vec<Entry>,
}

#[utoipa::path(get, path = "/api/v1/entries", tag = "entries", params(EntriesQuery),
    responses((status = 200, description = "a page of published entries", body = EntryList), (status = 400, description = "a query parameter is unknown or not acceptable (`invalid_parameter`)", body = ErrorBody)))]
async fn list_entries(State(app): State<App>, RawQuery(raw): RawQuery) -> ApiResult<EntryList> {
    let q: EntriesQuery = query::parse(raw.as_deref())?;
    if query::list(&q.status).iter().any(|s| s != "published") {
        return Err(AppError::invalid("status", "only published entries are public").into());
    }
    if q.limit.is_some_and(|l| !(1..=100).contains(&l)) {
        return Err(AppError::invalid("limit", "limit must be between 1 and 100").into());
    }
    let EntryPage { entries, total, next } = entries::list(&app, q.to_query()).await?;
    Ok(Json(EntryList { total, next_cursor: next, entries }))
}

/// `/entries/{id}`, and `/entries/{id}.jsonld` (schema.org JSON-LD): the router cannot match a suffix after a
/// parameter, so the suffix is recognised here.
#[utoipa::path(get, path = "/api/v1/entries/{id}", tag = "entries",
    params(("id" = String, Path, description = "entry id or slug; with `.jsonld` appended, schema.org JSON-LD")),
    responses((status = 200, description = "one published entry", content(
        (Entry = "application/json"),
        (Object = "application/ld+json"))), (status = 404, description = "no such published entry (`not_found`)", body = ErrorBody)))]
async fn entry(State(app): State<App>, Path(id): Path<String>) -> Result<axum::response::Response, ApiError> {
    use axum::response::IntoResponse;
    let (id, jsonld) = match id.strip_suffix(".jsonld") {
        Some(id) => (id.to_string(), true),
        None => (id, false),
    };
    let entry = entries::get(&app, &id).await?;
    if entry.status != cogov_core::entry::Status::Published {
        return Err(AppError::not_found(format!("entry '{id}'")).into());
    }
    if jsonld {
        let url = format!("/en/entries/{}", entry.slug);
        let doc = cogov_interop::jsonld::entry(&entry, &app.catalog(), &url);
        return Ok(([(axum::http::header::CONTENT_TYPE, "application/ld+json")], doc.to_string()).into_response());
    }
    Ok(Json(entry).into_response())
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct CountriesQuery {
    /// The language of `name`: ar, en, es, fr, ru or zh.
    #[param(inline, value_type = Option<cogov_core::Lang>)]
    lang: Option<String>,
    /// An M49 region code at any level.
    region: Option<String>,
    /// ldc, lldc or sids.
    group: Option<String>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct CountryView {
    #[serde(flatten)]
    pub country: Country,
    pub name: String,
}

#[utoipa::path(get, path = "/api/v1/countries", tag = "geography", params(CountriesQuery),
    responses((status = 200, description = "countries and areas with M49 regions and LDC / LLDC / SIDS flags", body = Vec<CountryView>), (status = 400, description = "a query parameter is unknown or not acceptable (`invalid_parameter`)", body = ErrorBody)))]
async fn countries(State(app): State<App>, RawQuery(raw): RawQuery) -> ApiResult<Vec<CountryView>> {
    let q: CountriesQuery = query::parse(raw.as_deref())?;
    let lang = query::lang("lang", q.lang.as_deref())?.unwrap_or(Lang::En);
    let catalog = app.catalog();
    if let Some(r) = q.region.as_deref() {
        if catalog.region(r).is_none() {
            return Err(AppError::invalid("region", format!("unknown M49 region '{r}'")).into());
        }
    }
    if let Some(g) = q.group.as_deref() {
        if !matches!(g, "ldc" | "lldc" | "sids") {
            return Err(AppError::invalid("group", format!("unknown group '{g}': expected ldc, lldc or sids")).into());
        }
    }
    let list = catalog
        .countries
        .iter()
        .filter(|c| q.region.as_deref().is_none_or(|r| c.region_codes().any(|x| x == r)))
        .filter(|c| q.group.as_deref().is_none_or(|g| c.groups().contains(&g)))
        .map(|c| CountryView { country: c.clone(), name: c.name(lang).to_string() })
        .collect();
    Ok(Json(list))
}

#[utoipa::path(get, path = "/api/v1/countries/{iso2}", tag = "geography",
    params(("iso2" = String, Path, description = "ISO 3166-1 alpha-2 code"), LangQuery),
    responses((status = 200, description = "one country", body = CountryView), (status = 400, description = "a query parameter is unknown or not acceptable (`invalid_parameter`)", body = ErrorBody), (status = 404, description = "no such country (`not_found`)", body = ErrorBody)))]
async fn country(State(app): State<App>, Path(iso2): Path<String>, RawQuery(raw): RawQuery) -> ApiResult<CountryView> {
    let lang = lang_of(raw.as_deref())?;
    let catalog = app.catalog();
    let c = catalog.country(&iso2).ok_or_else(|| AppError::not_found(format!("country '{iso2}'")))?;
    Ok(Json(CountryView { country: c.clone(), name: c.name(lang).to_string() }))
}

#[utoipa::path(get, path = "/api/v1/regions", tag = "geography",
    responses((status = 200, description = "M49 regions, sub-regions and intermediate regions", body = Vec<Region>)))]
async fn regions(State(app): State<App>) -> ApiResult<Vec<Region>> {
    Ok(Json(app.catalog().regions.clone()))
}
