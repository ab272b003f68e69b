//! Server-rendered HTML pages under a language prefix. Content (framework texts, country names, entries) is
//! shown in the page's language where it exists, else in its original language, marked with `lang`.

use std::sync::LazyLock;

use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, StatusCode, Uri};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use base64::Engine;
use cogov_app::entries::{self, EntryPage};
use cogov_app::{App, AppError, Catalog};
use cogov_core::entry::{Entry, EntryKind, Provenance, StakeholderGroup, Status};
use cogov_core::framework::{pick, Node};
use cogov_core::Lang;
use cogov_store::EntryQuery;
use serde::Deserialize;
use sha2::{Digest, Sha256};

use crate::error::status_of;
use crate::i18n::{self, Arg};
use crate::query;

/// The site's stylesheet, inlined in every page (one request, no render-blocking fetch).
pub const CSS: &str = include_str!("../templates/style.css");

/// The CSP `style-src` hash of [`CSS`], so the inline stylesheet is allowed without `unsafe-inline`.
pub static CSS_HASH: LazyLock<String> =
    LazyLock::new(|| format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(Sha256::digest(CSS))));

pub fn routes() -> Router<App> {
    Router::new()
        .route("/", get(root))
        .route("/{lang}", get(home_redirect))
        .route("/{lang}/", get(home))
        .route("/{lang}/frameworks", get(frameworks))
        .route("/{lang}/frameworks/{code}", get(framework))
        .route("/{lang}/nodes/{id}", get(node))
        .route("/{lang}/entries", get(entry_list))
        .route("/{lang}/entries/{slug}", get(entry))
        .route("/{lang}/countries", get(countries))
        .route("/{lang}/countries/{iso2}", get(country))
}

/// What every page needs: language, direction, title, the language switcher.
pub struct PageMeta {
    pub language: Lang,
    pub lang: &'static str,
    pub dir: &'static str,
    pub title: String,
    pub css: &'static str,
    pub languages: Vec<LangLink>,
    /// The signed-in reader (header navigation), from the request ([`crate::auth::current`]).
    pub user: Option<crate::auth::NavUser>,
    /// The CSRF token every POST form carries as a hidden `csrf` field.
    pub csrf: String,
}

pub struct LangLink {
    pub code: &'static str,
    pub name: &'static str,
    pub href: String,
    pub current: bool,
}

impl PageMeta {
    pub(crate) fn new(lang: Lang, title: impl Into<String>, uri: &Uri) -> Self {
        let current = crate::auth::current();
        let rest = uri.path().splitn(3, '/').nth(2).unwrap_or_default();
        let query = uri.query().map(|q| format!("?{q}")).unwrap_or_default();
        let languages = Lang::ALL
            .iter()
            .map(|l| LangLink {
                code: l.code(),
                name: l.endonym(),
                href: format!("/{}/{rest}{query}", l.code()),
                current: *l == lang,
            })
            .collect();
        PageMeta {
            language: lang,
            lang: lang.code(),
            dir: if lang.is_rtl() { "rtl" } else { "ltr" },
            title: title.into(),
            css: CSS,
            languages,
            user: current.user,
            csrf: current.csrf,
        }
    }
}

/// Translation and formatting for templates: `{{ page.t("nav-frameworks") }}`,
/// `{{ page.t1("entries-count", "count", total) }}`.
impl PageMeta {
    pub fn t(&self, key: &str) -> String {
        i18n::message(self.language, key)
    }

    pub fn t1(&self, key: &str, name: &'static str, value: impl Into<Arg>) -> String {
        i18n::message_args(self.language, key, vec![(name, value.into())])
    }

    pub fn t2(
        &self,
        key: &str,
        name: &'static str,
        value: impl Into<Arg>,
        name2: &'static str,
        value2: impl Into<Arg>,
    ) -> String {
        i18n::message_args(self.language, key, vec![(name, value.into()), (name2, value2.into())])
    }

    /// A number with the page language's digit grouping.
    pub fn num(&self, n: impl Into<Arg>) -> String {
        match n.into() {
            Arg::Number(n) => i18n::format_number(self.language, n),
            Arg::Text(s) => s,
        }
    }

    /// A date (RFC 3339 or `YYYY-MM-DD`) as the page language writes it.
    pub fn date(&self, at: &str) -> String {
        i18n::format_date(self.language, at)
    }
}

/// The interface label of an entry kind.
pub fn kind_label(lang: Lang, kind: EntryKind) -> String {
    i18n::message(lang, &format!("kind-{}", kind.code()))
}

/// The interface label of a stakeholder group.
pub fn stakeholder_label(lang: Lang, group: StakeholderGroup) -> String {
    i18n::message(lang, &format!("stakeholder-{}", group.code()))
}

/// The interface label of a lifecycle status.
pub fn status_label(lang: Lang, status: Status) -> String {
    i18n::message(lang, &format!("status-{}", status.code()))
}

/// The name of a framework level (`goal`, `target`, `commitment`…). Levels are data: one without a message
/// shows its own code.
pub fn level_label(lang: Lang, level: &str) -> String {
    i18n::try_message(lang, &format!("level-{level}")).unwrap_or_else(|| level.to_string())
}

/// A failed page: an HTML error page with the right status.
pub struct PageError(Box<(Lang, Uri, AppError)>);

impl PageError {
    pub(crate) fn new(lang: Lang, uri: &Uri, error: AppError) -> Self {
        PageError(Box::new((lang, uri.clone(), error)))
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let (lang, uri, error) = *self.0;
        let status = status_of(error.code());
        let (heading, message) = match &error {
            AppError::NotFound { .. } => ("error-not-found-title", "error-not-found-text"),
            AppError::Store(e) => {
                tracing::error!(error = %e, "store failure while rendering a page");
                ("error-internal-title", "error-internal-text")
            }
            AppError::Unverified => ("error-unverified-title", "error-unverified-text"),
            _ => ("error-request-title", "error-request-text"),
        };
        let (heading, message) = (i18n::message(lang, heading), i18n::message(lang, message));
        // A refused query parameter is named (the rest of the message is serde's, in English).
        let detail = match &error {
            AppError::InvalidParameter { field, .. } if uri.query().is_some_and(|q| q.contains(field.as_str())) => {
                Some(i18n::message_args(lang, "error-parameter", vec![("name", field.clone().into())]))
            }
            _ => None,
        };
        let resend = matches!(error, AppError::Unverified);
        let page = ErrorPage { page: PageMeta::new(lang, heading.clone(), &uri), heading, message, detail, resend };
        (status, render(&page)).into_response()
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    page: PageMeta,
    heading: String,
    message: String,
    /// The parameter of the address that was refused, named.
    detail: Option<String>,
    /// Offer "send a new confirmation link" (a write refused for an unconfirmed address).
    resend: bool,
}

pub(crate) fn render<T: Template>(t: &T) -> Response {
    match t.render() {
        Ok(html) => Html(html).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "template rendering failed");
            (StatusCode::INTERNAL_SERVER_ERROR, "page rendering failed").into_response()
        }
    }
}

pub(crate) type PageResult = Result<Response, PageError>;

/// Parses the language prefix; an unknown one is a 404 page in English.
pub(crate) fn page_lang(code: &str, uri: &Uri) -> Result<Lang, PageError> {
    code.parse::<Lang>()
        .ok()
        .filter(|l| l.code() == code)
        .ok_or_else(|| PageError::new(Lang::En, uri, AppError::not_found(format!("language '{code}'"))))
}

/// The reader's preferred language from Accept-Language, among the six.
pub fn preferred_lang(headers: &HeaderMap) -> Lang {
    let Some(value) = headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()) else { return Lang::En };
    let mut best: Option<(f32, Lang)> = None;
    for part in value.split(',') {
        let mut pieces = part.trim().split(';');
        let tag = pieces.next().unwrap_or_default().trim();
        let q = pieces.find_map(|p| p.trim().strip_prefix("q=").and_then(|q| q.parse::<f32>().ok())).unwrap_or(1.0);
        if let Ok(lang) = tag.parse::<Lang>() {
            if best.is_none_or(|(bq, _)| q > bq) {
                best = Some((q, lang));
            }
        }
    }
    best.map(|(_, l)| l).unwrap_or(Lang::En)
}

async fn root(headers: HeaderMap) -> Redirect {
    Redirect::to(&format!("/{}/", preferred_lang(&headers).code()))
}

async fn home_redirect(Path(lang): Path<String>, uri: Uri) -> Result<Redirect, PageError> {
    let lang = page_lang(&lang, &uri)?;
    Ok(Redirect::permanent(&format!("/{}/", lang.code())))
}

/// A fallback for unknown paths: a 404 page in the language of the prefix if it has one.
pub async fn not_found(uri: Uri) -> PageError {
    let lang = uri.path().split('/').nth(1).and_then(|l| l.parse::<Lang>().ok()).unwrap_or(Lang::En);
    PageError::new(lang, &uri, AppError::not_found("page"))
}

/// A path that exists, asked with a method it does not have: 405, a JSON error under `/api/`, else a page
/// (axum adds the `Allow` header).
pub async fn method_not_allowed(method: axum::http::Method, uri: Uri) -> Response {
    let error = AppError::MethodNotAllowed { method: method.to_string() };
    if uri.path().starts_with("/api/") {
        return crate::error::ApiError(error).into_response();
    }
    let lang = uri.path().split('/').nth(1).and_then(|l| l.parse::<Lang>().ok()).unwrap_or(Lang::En);
    PageError::new(lang, &uri, error).into_response()
}

struct FrameworkRow {
    code: String,
    title: String,
    title_lang: String,
    nodes: usize,
    version: String,
    version_no: i64,
    source: String,
}

fn framework_rows(catalog: &Catalog, lang: Lang) -> Vec<FrameworkRow> {
    catalog
        .frameworks
        .iter()
        .map(|f| {
            let (tl, t) = pick(&f.header.title, lang);
            FrameworkRow {
                code: f.header.code.clone(),
                title: t.to_string(),
                title_lang: tl.to_string(),
                nodes: catalog.nodes.iter().filter(|n| n.framework() == f.header.code).count(),
                version: f.header.version.clone(),
                version_no: f.version_no,
                source: f.header.source.clone(),
            }
        })
        .collect()
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    page: PageMeta,
    frameworks: Vec<FrameworkRow>,
    entry_count: i64,
    country_count: usize,
}

async fn home(State(app): State<App>, Path(lang): Path<String>, uri: Uri) -> PageResult {
    let lang = page_lang(&lang, &uri)?;
    let catalog = app.catalog();
    let published = EntryQuery { statuses: vec!["published".into()], ..Default::default() };
    let entry_count = app.store().count_entries(&published).await.map_err(|e| PageError::new(lang, &uri, e.into()))?;
    Ok(render(&HomePage {
        page: PageMeta::new(lang, i18n::message(lang, "home-title"), &uri),
        frameworks: framework_rows(&catalog, lang),
        entry_count,
        country_count: catalog.countries.len(),
    }))
}

#[derive(Template)]
#[template(path = "frameworks.html")]
struct FrameworksPage {
    page: PageMeta,
    frameworks: Vec<FrameworkRow>,
}

async fn frameworks(State(app): State<App>, Path(lang): Path<String>, uri: Uri) -> PageResult {
    let lang = page_lang(&lang, &uri)?;
    Ok(render(&FrameworksPage {
        page: PageMeta::new(lang, i18n::message(lang, "nav-frameworks"), &uri),
        frameworks: framework_rows(&app.catalog(), lang),
    }))
}

/// A node as a link: id, code, title in the reader's language.
pub struct NodeLink {
    id: String,
    code: String,
    title: String,
    title_lang: String,
    label: String,
    depth: usize,
}

impl NodeLink {
    fn new(n: &Node, lang: Lang, depth: usize) -> Self {
        let (tl, t) = n.title_in(lang);
        let label = n.short_in(lang).map(|(_, s)| s).unwrap_or(n.code()).to_string();
        NodeLink {
            id: n.id.clone(),
            code: n.code().to_string(),
            title: t.to_string(),
            title_lang: tl.to_string(),
            label,
            depth,
        }
    }
}

struct TreeRoot {
    id: String,
    code: String,
    title: String,
    title_lang: String,
    /// Nodes shown with their titles.
    descendants: Vec<NodeLink>,
    /// Nodes of the next level, shown by code only.
    compact: Vec<NodeLink>,
}

/// How many bytes of node titles (UTF-8, as sent) a framework page shows in full. Levels below the last one that fits are
/// shown as codes (one level) or left to the node pages, so a large framework (the SDGs' 169 targets and
/// 251 indicators) still makes a page that loads in one round trip.
const TREE_TITLE_BUDGET: usize = 20_000;

/// The depth down to which titles are shown in full, and the depth shown as codes.
fn tree_depths(nodes: &[(&Node, usize)], lang: Lang) -> (usize, usize) {
    let max_depth = nodes.iter().map(|(_, d)| *d).max().unwrap_or(0);
    let mut full = 0;
    let mut bytes = 0;
    for depth in 0..=max_depth {
        bytes += nodes.iter().filter(|(_, d)| *d == depth).map(|(n, _)| n.title_in(lang).1.len()).sum::<usize>();
        if bytes > TREE_TITLE_BUDGET && depth > 0 {
            break;
        }
        full = depth;
    }
    (full, full + 1)
}

#[derive(Template)]
#[template(path = "framework.html")]
struct FrameworkPage {
    page: PageMeta,
    code: String,
    title: String,
    title_lang: String,
    version: String,
    version_no: i64,
    node_count: usize,
    source: String,
    licence: Option<String>,
    notes: Option<String>,
    tree: Vec<TreeRoot>,
    hidden: usize,
    open: bool,
}

async fn framework(State(app): State<App>, Path((lang, code)): Path<(String, String)>, uri: Uri) -> PageResult {
    let lang = page_lang(&lang, &uri)?;
    let catalog = app.catalog();
    let err = |error| PageError::new(lang, &uri, error);
    let f = catalog.framework(&code).ok_or_else(|| err(AppError::not_found(format!("framework '{code}'"))))?;
    let (tl, title) = pick(&f.header.title, lang);
    let depth_of = |n: &Node| catalog.ancestors(&n.id).len();
    let all: Vec<(&Node, usize)> =
        catalog.roots(&code).flat_map(|r| catalog.subtree(&r.id)).map(|n| (n, depth_of(n))).collect();
    let (full_depth, compact_depth) = tree_depths(&all, lang);
    let hidden = all.iter().filter(|(_, d)| *d > compact_depth).count();
    let tree: Vec<TreeRoot> = catalog
        .roots(&code)
        .map(|root| {
            let link = NodeLink::new(root, lang, 0);
            let below: Vec<(&Node, usize)> =
                catalog.subtree(&root.id).into_iter().skip(1).map(|n| (n, depth_of(n))).collect();
            TreeRoot {
                id: link.id,
                code: link.code,
                title: link.title,
                title_lang: link.title_lang,
                descendants: below
                    .iter()
                    .filter(|(_, d)| *d <= full_depth)
                    .map(|(n, d)| NodeLink::new(n, lang, (*d).min(4)))
                    .collect(),
                compact: below
                    .iter()
                    .filter(|(_, d)| *d == compact_depth)
                    .map(|(n, d)| NodeLink::new(n, lang, *d))
                    .collect(),
            }
        })
        .collect();
    let node_count = catalog.nodes.iter().filter(|n| n.framework() == code).count();
    Ok(render(&FrameworkPage {
        page: PageMeta::new(lang, title, &uri),
        code: code.clone(),
        title: title.to_string(),
        title_lang: tl.to_string(),
        version: f.header.version.clone(),
        version_no: f.version_no,
        node_count,
        source: f.header.source.clone(),
        licence: f.header.licence.clone(),
        notes: f.header.notes.clone(),
        open: tree.len() <= 12,
        hidden,
        tree,
    }))
}

struct CrosswalkGroup {
    title: String,
    title_lang: String,
    links: Vec<CrosswalkItem>,
}

struct CrosswalkItem {
    id: String,
    code: String,
    title: String,
    title_lang: String,
    direct: bool,
    path: String,
}

/// An entry as a list item.
pub struct EntryItem {
    slug: String,
    title: String,
    title_lang: String,
    summary: String,
    summary_lang: String,
    kind: String,
    countries: String,
    /// Not confirmed by its keepers for `review.stale_after_days`: labelled as such in lists too.
    stale: bool,
}

/// The list items of some entries, with the stale label (one query for the whole list).
pub(crate) async fn entry_items(app: &App, entries: &[Entry], lang: Lang) -> Result<Vec<EntryItem>, AppError> {
    let ids: Vec<String> = entries.iter().map(|e| e.id.clone()).collect();
    let stale = cogov_app::review::stale_among(app, &ids).await?;
    Ok(entries.iter().map(|e| EntryItem { stale: stale.contains(&e.id), ..EntryItem::new(e, lang) }).collect())
}

impl EntryItem {
    fn new(e: &Entry, lang: Lang) -> Self {
        let (tl, t) = e.title.get(lang).unwrap_or(("en", ""));
        let (sl, s) = e.summary.get(lang).unwrap_or(("en", ""));
        let summary: String = s.chars().take(240).collect();
        let summary = if summary.len() < s.len() { format!("{summary}…") } else { summary };
        EntryItem {
            slug: e.slug.clone(),
            title: t.to_string(),
            title_lang: tl.to_string(),
            summary,
            summary_lang: sl.to_string(),
            kind: kind_label(lang, e.kind),
            countries: e.countries.join(", "),
            stale: false,
        }
    }
}

#[derive(Template)]
#[template(path = "node.html")]
struct NodePage {
    page: PageMeta,
    node: NodeLink,
    framework_code: String,
    framework_title: String,
    framework_title_lang: String,
    ancestors: Vec<NodeLink>,
    level: String,
    short: Option<(String, String)>,
    description: Option<(String, String)>,
    url: Option<String>,
    source: String,
    labelled_by_position: bool,
    other_langs: Vec<(&'static str, &'static str)>,
    children: Vec<NodeLink>,
    crosswalk: Vec<CrosswalkGroup>,
    entries: Vec<EntryItem>,
    entry_total: i64,
    more: bool,
}

async fn node(State(app): State<App>, Path((lang, id)): Path<(String, String)>, uri: Uri) -> PageResult {
    let lang = page_lang(&lang, &uri)?;
    let catalog = app.catalog();
    let err = |error| PageError::new(lang, &uri, error);
    let n = catalog.node(&id).ok_or_else(|| err(AppError::not_found(format!("framework node '{id}'"))))?;
    let f = catalog.framework(n.framework()).ok_or_else(|| err(AppError::not_found("framework")))?;
    let (ftl, ft) = pick(&f.header.title, lang);
    let mut groups: Vec<CrosswalkGroup> = Vec::new();
    for link in catalog.crosswalk(&id) {
        let Some(target) = catalog.node(&link.node) else { continue };
        let item = {
            let l = NodeLink::new(target, lang, 0);
            CrosswalkItem {
                id: l.id,
                code: l.code,
                title: l.title,
                title_lang: l.title_lang,
                direct: link.via == cogov_core::crosswalk::Via::Direct,
                path: link.path.join(" → "),
            }
        };
        let (gl, gt) = catalog.framework(&link.framework).map(|fw| pick(&fw.header.title, lang)).unwrap_or(("en", ""));
        match groups.iter_mut().find(|g| g.title == gt) {
            Some(g) => g.links.push(item),
            None => {
                groups.push(CrosswalkGroup { title: gt.to_string(), title_lang: gl.to_string(), links: vec![item] })
            }
        }
    }
    let subtree: Vec<String> = catalog.subtree(&id).into_iter().map(|n| n.id.clone()).collect();
    let q = EntryQuery { statuses: vec!["published".into()], nodes: subtree, limit: 20, ..Default::default() };
    let EntryPage { entries, total, .. } = entries::list(&app, q).await.map_err(&err)?;
    let pair = |m: &std::collections::BTreeMap<String, String>| {
        (!m.is_empty()).then(|| {
            let (l, t) = pick(m, lang);
            (l.to_string(), t.to_string())
        })
    };
    let node_link = NodeLink::new(n, lang, 0);
    let other_langs = Lang::ALL
        .iter()
        .filter(|l| **l != lang && n.title.contains_key(l.code()))
        .map(|l| (l.code(), l.endonym()))
        .collect();
    Ok(render(&NodePage {
        page: PageMeta::new(lang, format!("{} {}", n.id, node_link.title), &uri),
        framework_code: f.header.code.clone(),
        framework_title: ft.to_string(),
        framework_title_lang: ftl.to_string(),
        ancestors: catalog.ancestors(&id).into_iter().map(|a| NodeLink::new(a, lang, 0)).collect(),
        level: level_label(lang, &n.level),
        short: pair(&n.short),
        description: pair(&n.description),
        url: n.url.clone(),
        source: n.source.clone(),
        labelled_by_position: n.labelled_by_position,
        other_langs,
        children: catalog.children(&id).map(|c| NodeLink::new(c, lang, 0)).collect(),
        crosswalk: groups,
        more: total > entries.len() as i64,
        entries: entry_items(&app, &entries, lang).await.map_err(&err)?,
        entry_total: total,
        node: node_link,
    }))
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct EntryFilters {
    kind: Option<String>,
    country: Option<String>,
    node: Option<String>,
    cursor: Option<String>,
}

#[derive(Template)]
#[template(path = "entries.html")]
struct EntriesPage {
    page: PageMeta,
    kinds: Vec<(&'static str, String, bool)>,
    country: String,
    node: String,
    errors: Vec<FieldProblem>,
    total: i64,
    entries: Vec<EntryItem>,
    next: Option<String>,
}

/// A problem with one field of a form, for the error summary at the top of the page: the message links to
/// the input (`input` is its id).
struct FieldProblem {
    input: &'static str,
    message: String,
}

impl EntriesPage {
    fn invalid(&self, input: &str) -> bool {
        self.errors.iter().any(|e| e.input == input)
    }
}

fn filter_problem(lang: Lang, field: &str, filters: &EntryFilters) -> FieldProblem {
    let value = |v: &Option<String>| v.clone().unwrap_or_default();
    let (input, message) = match field {
        "kind" => {
            ("f-kind", i18n::message_args(lang, "error-invalid-kind", vec![("value", value(&filters.kind).into())]))
        }
        "country" => (
            "f-country",
            i18n::message_args(lang, "error-invalid-country", vec![("value", value(&filters.country).into())]),
        ),
        "node" => {
            ("f-node", i18n::message_args(lang, "error-invalid-node", vec![("value", value(&filters.node).into())]))
        }
        _ => ("f-kind", i18n::message(lang, "error-invalid-cursor")),
    };
    FieldProblem { input, message }
}

async fn entry_list(State(app): State<App>, Path(lang): Path<String>, RawQuery(raw): RawQuery, uri: Uri) -> PageResult {
    let lang = page_lang(&lang, &uri)?;
    let filters: EntryFilters = query::parse(raw.as_deref()).map_err(|e| PageError::new(lang, &uri, e))?;
    let catalog = app.catalog();
    let kind = filters.kind.clone().unwrap_or_default();
    let node_filter = filters.node.clone().unwrap_or_default();
    let q = EntryQuery {
        kinds: query::list(&filters.kind),
        statuses: vec!["published".into()],
        countries: query::list(&filters.country),
        nodes: query::list(&filters.node)
            .iter()
            .flat_map(|n| {
                let sub: Vec<String> = catalog.subtree(n).into_iter().map(|x| x.id.clone()).collect();
                if sub.is_empty() {
                    vec![n.clone()]
                } else {
                    sub
                }
            })
            .collect(),
        after_slug: filters.cursor.clone(),
        limit: 50,
    };
    let (page, errors) = match entries::list(&app, q).await {
        Ok(p) => (p, vec![]),
        Err(AppError::InvalidParameter { field, .. }) => {
            (EntryPage { entries: vec![], total: 0, next: None }, vec![filter_problem(lang, &field, &filters)])
        }
        Err(e) => return Err(PageError::new(lang, &uri, e)),
    };
    let next = page.next.as_ref().map(|cursor| {
        let mut params: Vec<(&str, &str)> = Vec::new();
        for (k, v) in [("kind", &filters.kind), ("country", &filters.country), ("node", &filters.node)] {
            if let Some(v) = v.as_deref().filter(|v| !v.is_empty()) {
                params.push((k, v));
            }
        }
        params.push(("cursor", cursor));
        format!("/{}/entries?{}", lang.code(), serde_urlencoded::to_string(&params).unwrap_or_default())
    });
    Ok(render(&EntriesPage {
        page: PageMeta::new(lang, i18n::message(lang, "entries-title"), &uri),
        kinds: EntryKind::ALL.iter().map(|k| (k.code(), kind_label(lang, *k), k.code() == kind)).collect(),
        country: filters.country.clone().unwrap_or_default(),
        node: node_filter,
        errors,
        total: page.total,
        entries: entry_items(&app, &page.entries, lang).await.map_err(|e| PageError::new(lang, &uri, e))?,
        next,
    }))
}

struct TagView {
    id: String,
    code: String,
    title: String,
    title_lang: String,
    evidence: Option<String>,
    evidence_url: Option<String>,
}

struct RevisionView {
    at: String,
    actor: String,
    reason: String,
    fields: String,
}

#[derive(Template)]
#[template(path = "entry.html")]
struct EntryPageView {
    page: PageMeta,
    title: String,
    title_lang: String,
    summary: String,
    summary_lang: String,
    kind: String,
    stakeholder_group: Option<String>,
    status: String,
    updated_at: String,
    website: Option<String>,
    countries: Vec<(String, String)>,
    tags: Vec<TagView>,
    external_ids: Vec<String>,
    provenance: String,
    revisions: Vec<RevisionView>,
    slug: String,
    /// Staleness and whether the reader may confirm the entry ([`crate::review_pages::upkeep`]).
    upkeep: crate::review_pages::Upkeep,
    /// schema.org JSON-LD of the entry, escaped for a script data block (`interop::jsonld::script_text`).
    jsonld: String,
    /// Problems the importer found in the entry's source (`attributes.import_flags`): field, where, reason.
    import_flags: Vec<(String, String, String)>,
}

/// `attributes.import_flags` of an imported entry as (field, "line L, column C" in `lang`, reason); the
/// reasons are the importer's own words (English).
fn import_flags(lang: Lang, e: &cogov_core::entry::Entry) -> Vec<(String, String, String)> {
    let Some(flags) = e.attributes.get("import_flags").and_then(|f| f.as_array()) else { return vec![] };
    flags
        .iter()
        .map(|f| {
            let text = |k: &str| f.get(k).and_then(|v| v.as_str()).unwrap_or_default().to_string();
            let at = match (f.get("line").and_then(|v| v.as_u64()), f.get("column").and_then(|v| v.as_u64())) {
                (Some(line), Some(column)) => i18n::message_args(
                    lang,
                    "entry-import-flag-at",
                    vec![("line", line.to_string().into()), ("column", column.to_string().into())],
                ),
                _ => String::new(),
            };
            (text("field"), at, text("reason"))
        })
        .collect()
}

async fn entry(
    State(app): State<App>,
    Path((lang, slug)): Path<(String, String)>,
    uri: Uri,
    crate::auth::MaybeUser(who): crate::auth::MaybeUser,
) -> PageResult {
    let lang = page_lang(&lang, &uri)?;
    let err = |error| PageError::new(lang, &uri, error);
    let e = entries::get(&app, &slug).await.map_err(&err)?;
    if e.status != cogov_core::entry::Status::Published {
        return Err(err(AppError::not_found(format!("entry '{slug}'"))));
    }
    let catalog = app.catalog();
    let revisions = app.store().revisions(&e.id).await.map_err(|x| err(x.into()))?;
    let upkeep = crate::review_pages::upkeep(&app, lang, who.as_ref(), &e).await.map_err(&err)?;
    let (tl, t) = e.title.get(lang).unwrap_or(("en", ""));
    let (sl, s) = e.summary.get(lang).unwrap_or(("en", ""));
    let tags = e
        .tags
        .iter()
        .filter_map(|tag| {
            let n = catalog.node(&tag.node)?;
            let l = NodeLink::new(n, lang, 0);
            Some(TagView {
                id: l.id,
                code: l.code,
                title: l.title,
                title_lang: l.title_lang,
                evidence: tag.evidence.as_ref().and_then(|ev| ev.text.clone()),
                evidence_url: tag.evidence.as_ref().and_then(|ev| ev.url.clone()),
            })
        })
        .collect();
    Ok(render(&EntryPageView {
        page: PageMeta::new(lang, t, &uri),
        title: t.to_string(),
        title_lang: tl.to_string(),
        summary: s.to_string(),
        summary_lang: sl.to_string(),
        kind: kind_label(lang, e.kind),
        stakeholder_group: e.stakeholder_group.map(|g| stakeholder_label(lang, g)),
        status: status_label(lang, e.status),
        updated_at: i18n::format_date(lang, &e.updated_at),
        website: e.website.clone(),
        countries: e
            .countries
            .iter()
            .map(|c| (c.clone(), catalog.country(c).map(|x| x.name(lang).to_string()).unwrap_or_else(|| c.clone())))
            .collect(),
        tags,
        external_ids: e.external_ids.iter().map(|x| format!("{}: {}", x.source, x.id)).collect(),
        provenance: describe_provenance(lang, &e.provenance),
        slug: e.slug.clone(),
        upkeep,
        import_flags: import_flags(lang, &e),
        jsonld: cogov_interop::jsonld::script_text(&cogov_interop::jsonld::entry(
            &e,
            &catalog,
            &format!("/{lang}/entries/{}", e.slug),
        )),
        revisions: revisions
            .iter()
            .rev()
            .map(|r| RevisionView {
                at: i18n::format_datetime(lang, &r.at),
                actor: r.actor.clone(),
                reason: r.reason.clone(),
                fields: r.changes.iter().map(|c| c.field.as_str()).collect::<Vec<_>>().join(", "),
            })
            .collect(),
    }))
}

fn describe_provenance(lang: Lang, p: &Provenance) -> String {
    match p {
        Provenance::Manual { by } => i18n::message_args(lang, "provenance-manual", vec![("by", by.into())]),
        Provenance::Imported { source, external_id } => {
            i18n::message_args(lang, "provenance-imported", vec![("source", source.into()), ("id", external_id.into())])
        }
        Provenance::Suggested { method } => {
            i18n::message_args(lang, "provenance-suggested", vec![("method", method.into())])
        }
        Provenance::Peer { instance } => {
            i18n::message_args(lang, "provenance-peer", vec![("instance", instance.into())])
        }
    }
}

struct CountryRow {
    iso2: String,
    name: String,
    region: String,
    subregion: String,
    groups: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct CountryFilters {
    group: Option<String>,
}

#[derive(Template)]
#[template(path = "countries.html")]
struct CountriesPage {
    page: PageMeta,
    groups: Vec<(&'static str, String, bool)>,
    rows: Vec<CountryRow>,
}

/// The abbreviation of a UN country group (LDC, LLDC, SIDS) as each language's UN texts write it.
fn group_label(lang: Lang, g: &str) -> String {
    i18n::message(lang, &format!("group-{g}"))
}

fn group_labels(lang: Lang, groups: Vec<&str>) -> String {
    let separator = if lang == Lang::Ar {
        "، "
    } else if lang == Lang::Zh {
        "、"
    } else {
        ", "
    };
    groups.into_iter().map(|g| group_label(lang, g)).collect::<Vec<_>>().join(separator)
}

async fn countries(State(app): State<App>, Path(lang): Path<String>, RawQuery(raw): RawQuery, uri: Uri) -> PageResult {
    let lang = page_lang(&lang, &uri)?;
    let filters: CountryFilters = query::parse(raw.as_deref()).map_err(|e| PageError::new(lang, &uri, e))?;
    let group = filters.group.unwrap_or_default();
    let catalog = app.catalog();
    let region_name = |code: &str| catalog.region(code).map(|r| r.name(lang).to_string()).unwrap_or_default();
    let mut rows: Vec<CountryRow> = catalog
        .countries
        .iter()
        .filter(|c| group.is_empty() || c.groups().contains(&group.as_str()))
        .map(|c| CountryRow {
            iso2: c.iso2.clone(),
            name: c.name(lang).to_string(),
            region: region_name(&c.region),
            subregion: region_name(&c.subregion),
            groups: group_labels(lang, c.groups()),
        })
        .collect();
    rows.sort_by(|a, b| (&a.region, &a.subregion, &a.name).cmp(&(&b.region, &b.subregion, &b.name)));
    let groups = ["ldc", "lldc", "sids"]
        .into_iter()
        .map(|c| (c, i18n::message(lang, &format!("group-{c}-name")), c == group))
        .collect();
    let page = PageMeta::new(lang, i18n::message(lang, "countries-title"), &uri);
    Ok(render(&CountriesPage { page, groups, rows }))
}

#[derive(Template)]
#[template(path = "country.html")]
struct CountryPage {
    page: PageMeta,
    name: String,
    iso2: String,
    iso3: String,
    m49: String,
    groups: String,
    regions: Vec<String>,
    entries: Vec<EntryItem>,
    entry_total: i64,
    more: bool,
}

async fn country(State(app): State<App>, Path((lang, iso2)): Path<(String, String)>, uri: Uri) -> PageResult {
    let lang = page_lang(&lang, &uri)?;
    let err = |error| PageError::new(lang, &uri, error);
    let catalog = app.catalog();
    let c = catalog.country(&iso2).ok_or_else(|| err(AppError::not_found(format!("country '{iso2}'"))))?;
    let q = EntryQuery {
        statuses: vec!["published".into()],
        countries: vec![c.iso2.clone()],
        limit: 20,
        ..Default::default()
    };
    let EntryPage { entries, total, .. } = entries::list(&app, q).await.map_err(&err)?;
    let mut regions: Vec<String> =
        c.region_codes().filter_map(|r| catalog.region(r)).map(|r| r.name(lang).to_string()).collect();
    regions.reverse();
    Ok(render(&CountryPage {
        page: PageMeta::new(lang, c.name(lang), &uri),
        name: c.name(lang).to_string(),
        iso2: c.iso2.clone(),
        iso3: c.iso3.clone(),
        m49: c.m49.clone(),
        groups: group_labels(lang, c.groups()),
        regions,
        more: total > entries.len() as i64,
        entries: entry_items(&app, &entries, lang).await.map_err(&err)?,
        entry_total: total,
    }))
}
