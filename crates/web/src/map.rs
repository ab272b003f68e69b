//! The GDC implementation map: pages under `/{lang}/map/…`, the same views as JSON under `/api/v1/map/…`.
//!
//! Every view is built once as a [`View`] — a title, an optional picture and one or more tables — and then
//! rendered three ways from that same value: the HTML page, `?format=csv` and `?format=json` (also the API). So
//! an export reproduces exactly what the page shows, which `tests/map.rs` checks cell by cell. The pictures (the
//! heatmap inline, the choropleth as an SVG image) are drawn from the same numbers; the tables are their text
//! alternative. Direct contributions and implied coverage (entries tagged with a linked SDG or WSIS node) are
//! always in separate columns or tables.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use cogov_app::map::coverage::{self, Coverage, CoverageFilter, DevGroup};
use cogov_app::map::{self as usecases, COMMITMENT_LEVEL, MAP_FRAMEWORK};
use cogov_app::{App, AppError, Catalog};
use cogov_core::contribution::{valid_date, Contribution, EvidenceLevel, Progress};
use cogov_core::entry::{Entry, StakeholderGroup, Status};
use cogov_core::Lang;
use cogov_store::{ContributionQuery, EntryQuery};
use serde::{Deserialize, Serialize};

use crate::error::{ApiError, ErrorBody};
use crate::i18n;
use crate::map_svg;
use crate::pages::{page_lang, render, stakeholder_label, PageError, PageMeta, PageResult};
use crate::query;

pub fn page_routes() -> Router<App> {
    Router::new()
        .route("/{lang}/map", get(heatmap_page))
        .route("/{lang}/map/world", get(world_page))
        .route("/{lang}/map/gaps", get(gaps_page))
        .route("/{lang}/map/commitments/{id}", get(commitment_page))
        .route("/{lang}/map/countries/{iso2}", get(country_page))
        .route("/{lang}/map/endorsements", get(endorsements_page))
        .route("/{lang}/map/report", get(report_page))
        .route("/{lang}/map/contributions/{id}", get(contribution_page))
        .route("/map/world.svg", get(world_svg))
}

/// Mounted under `/api/v1`.
pub fn api_routes() -> Router<App> {
    Router::new()
        .route("/map/heatmap", get(api_heatmap))
        .route("/map/world", get(api_world))
        .route("/map/gaps", get(api_gaps))
        .route("/map/endorsements", get(api_endorsements))
        .route("/map/report", get(api_report))
        .route("/map/coverage", get(api_coverage))
        .route("/map/commitments/{id}", get(api_commitment))
        .route("/map/countries/{iso2}", get(api_country))
        .route("/map/contributions/{id}", get(api_contribution))
}

/// A view as its three renderings see it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct View {
    pub title: String,
    #[serde(skip)]
    pub lead: Option<(String, String)>,
    #[serde(skip)]
    pub svg: Option<String>,
    #[serde(skip)]
    pub img: Option<(String, String)>,
    #[serde(skip)]
    pub legend: Vec<(String, String)>,
    pub filters: CoverageFilter,
    pub tables: Vec<Table>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Table {
    pub caption: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// A table cell: a number or a text, maybe a link, maybe content in a marked language.
#[derive(Debug, Clone)]
pub struct Cell {
    pub text: String,
    pub number: Option<u64>,
    pub href: Option<String>,
    pub lang: Option<String>,
}

impl Cell {
    fn num(n: u64) -> Cell {
        Cell { text: n.to_string(), number: Some(n), href: None, lang: None }
    }
    fn text(s: impl Into<String>) -> Cell {
        Cell { text: s.into(), number: None, href: None, lang: None }
    }
    fn link(s: impl Into<String>, href: String) -> Cell {
        Cell { href: Some(href), ..Cell::text(s) }
    }
    /// A code (`1.1.1`, `sdg:9`): the same in every language, marked as no linguistic content.
    fn code(s: impl Into<String>, href: String) -> Cell {
        Cell::content("zxx", s, Some(href))
    }
    fn content(lang: &str, s: impl Into<String>, href: Option<String>) -> Cell {
        Cell { lang: Some(lang.to_string()), href, ..Cell::text(s) }
    }
}

/// In JSON a cell is its number, or its text.
impl utoipa::PartialSchema for Cell {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{ObjectBuilder, OneOfBuilder, Type};
        OneOfBuilder::new()
            .item(ObjectBuilder::new().schema_type(Type::Integer).minimum(Some(0)))
            .item(ObjectBuilder::new().schema_type(Type::String))
            .description(Some("a count, or a text"))
            .into()
    }
}

impl utoipa::ToSchema for Cell {}

impl Serialize for Cell {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.number {
            Some(n) => s.serialize_u64(n),
            None => s.serialize_str(&self.text),
        }
    }
}

impl View {
    /// The view as CSV: one table as header and rows; several tables each after a line with its caption.
    pub fn to_csv(&self) -> String {
        let mut out = String::new();
        let several = self.tables.len() > 1;
        for (i, t) in self.tables.iter().enumerate() {
            if several {
                if i > 0 {
                    out.push_str("\r\n");
                }
                csv_line(&mut out, [t.caption.as_str()]);
            }
            csv_line(&mut out, t.columns.iter().map(String::as_str));
            for row in &t.rows {
                csv_line(&mut out, row.iter().map(|c| c.text.as_str()));
            }
        }
        out
    }
}

/// One RFC 4180 record: fields with a comma, quote or line break are quoted, quotes doubled.
fn csv_line<'a>(out: &mut String, fields: impl IntoIterator<Item = &'a str>) {
    for (i, f) in fields.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        if f.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&f.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(f);
        }
    }
    out.push_str("\r\n");
}

/// Query parameters shared by every map view; unknown ones are refused with their name.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct MapParams {
    /// Heatmap columns: `group` (stakeholder groups, default), `region` (M49), `progress` or `dev` (LDC, LLDC,
    /// SIDS).
    pub by: Option<String>,
    pub progress: Option<String>,
    /// A stakeholder group code, or `none` (initiatives).
    pub group: Option<String>,
    pub region: Option<String>,
    /// `ldc`, `lldc` or `sids`.
    pub dev: Option<String>,
    /// Minimum evidence level.
    pub evidence: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub objective: Option<String>,
    pub country: Option<String>,
    /// World map: one commitment only.
    pub commitment: Option<String>,
    /// Gap list: "few" means at most this many (default 2).
    pub few: Option<u64>,
    /// `html` (default), `csv` or `json`.
    pub format: Option<String>,
    /// API only: the language of labels (pages take it from the path).
    #[param(inline, value_type = Option<cogov_core::Lang>)]
    pub lang: Option<String>,
}

impl MapParams {
    fn filter(&self, catalog: &Catalog) -> Result<CoverageFilter, AppError> {
        let some = |v: &Option<String>| v.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_string);
        let mut f = CoverageFilter::default();
        if let Some(p) = some(&self.progress) {
            f.progress = Some(p.parse::<Progress>().map_err(|e| AppError::invalid("progress", e.to_string()))?);
        }
        if let Some(g) = some(&self.group) {
            f.group = Some(if g == "none" {
                None
            } else {
                Some(g.parse::<StakeholderGroup>().map_err(|e| AppError::invalid("group", format!("{e}, or none")))?)
            });
        }
        if let Some(r) = some(&self.region) {
            if catalog.region(&r).is_none() {
                return Err(AppError::invalid("region", format!("unknown M49 region '{r}'")));
            }
            f.region = Some(r);
        }
        if let Some(c) = some(&self.country) {
            let country =
                catalog.country(&c).ok_or_else(|| AppError::invalid("country", format!("unknown country '{c}'")))?;
            f.country = Some(country.iso2.clone());
        }
        if let Some(d) = some(&self.dev) {
            f.dev_group =
                Some(DevGroup::parse(&d).ok_or_else(|| {
                    AppError::invalid("dev", format!("unknown group '{d}': expected ldc, lldc or sids"))
                })?);
        }
        if let Some(e) = some(&self.evidence) {
            f.evidence = Some(e.parse::<EvidenceLevel>().map_err(|x| AppError::invalid("evidence", x.to_string()))?);
        }
        for (field, value) in [("from", some(&self.from)), ("to", some(&self.to))] {
            if let Some(v) = &value {
                if !valid_date(v) {
                    return Err(AppError::invalid(field, format!("'{v}' is not a date (YYYY-MM-DD)")));
                }
            }
        }
        f.from = some(&self.from);
        f.to = some(&self.to);
        if let (Some(a), Some(b)) = (&f.from, &f.to) {
            if b < a {
                return Err(AppError::invalid("to", format!("the period ends ({b}) before it starts ({a})")));
            }
        }
        if let Some(o) = some(&self.objective) {
            if !usecases::objectives(catalog).iter().any(|n| n.id == o)
                && !catalog.roots(MAP_FRAMEWORK).any(|n| n.id == o)
            {
                return Err(AppError::invalid("objective", format!("'{o}' is not a GDC objective")));
            }
            f.objective = Some(o);
        }
        Ok(f)
    }

    fn axis(&self) -> Result<Axis, AppError> {
        match self.by.as_deref().unwrap_or("group") {
            "group" | "" => Ok(Axis::Group),
            "region" => Ok(Axis::Region),
            "progress" => Ok(Axis::Progress),
            "dev" => Ok(Axis::Dev),
            other => {
                Err(AppError::invalid("by", format!("unknown axis '{other}': expected group, region, progress or dev")))
            }
        }
    }

    fn few(&self) -> u64 {
        self.few.unwrap_or(2)
    }
}

/// The heatmap's columns: stakeholder groups, M49 regions, progress, or LDC / LLDC / SIDS.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Axis {
    Group,
    Region,
    Progress,
    Dev,
}

impl Axis {
    fn labels(self, catalog: &Catalog, lang: Lang, cov: &Coverage) -> Vec<String> {
        match self {
            Axis::Group => axis_labels(catalog, lang, cov, false),
            Axis::Region => axis_labels(catalog, lang, cov, true),
            Axis::Progress => {
                Progress::ALL.iter().map(|p| i18n::message(lang, &format!("progress-{}", p.code()))).collect()
            }
            Axis::Dev => DevGroup::ALL.iter().map(|g| i18n::message(lang, &format!("group-{}", g.code()))).collect(),
        }
    }

    fn values(self, r: &coverage::CommitmentCoverage) -> Vec<u64> {
        match self {
            Axis::Group => r.groups.clone(),
            Axis::Region => r.regions.clone(),
            Axis::Progress => r.progress.to_vec(),
            Axis::Dev => DevGroup::ALL.iter().map(|g| r.dev_group(*g)).collect(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Which {
    Heatmap,
    World,
    Gaps,
    Commitment,
    Country,
    Endorsements,
    Report,
    Contribution,
}

/// Builds a view; `arg` is the path's id where the view has one.
async fn build(app: &App, lang: Lang, which: Which, params: &MapParams, arg: &str) -> Result<View, AppError> {
    let catalog = app.catalog();
    let filter = params.filter(&catalog)?;
    let t = |key: &str| i18n::message(lang, key);
    let mut view = View {
        title: String::new(),
        lead: None,
        svg: None,
        img: None,
        legend: vec![],
        filters: filter.clone(),
        tables: vec![],
    };
    match which {
        Which::Heatmap => {
            let axis = params.axis()?;
            let cov = coverage::coverage(app, &filter).await?;
            let columns = axis.labels(&catalog, lang, &cov);
            view.title = t("map-heatmap-title");
            view.lead = Some((
                "".into(),
                i18n::message_args(lang, "map-heatmap-lead", vec![("count", (cov.contributions as i64).into())]),
            ));
            let mut header = vec![t("map-col-commitment"), t("map-col-total")];
            header.extend(columns.iter().cloned());
            header.push(t("map-col-implied"));
            let mut rows = Vec::new();
            let mut cells = Vec::new();
            for r in &cov.rows {
                let values = axis.values(r);
                let href = format!("/{}/map/commitments/{}", lang.code(), r.commitment);
                let mut row = vec![Cell::code(code_of(&r.commitment), href.clone()), Cell::num(r.total)];
                row.extend(values.iter().map(|n| Cell::num(*n)));
                row.push(Cell::num(r.implied));
                rows.push(row);
                cells.push((code_of(&r.commitment).to_string(), href, values));
            }
            view.svg = Some(map_svg::heatmap(&map_svg::Heatmap { label: &view.title, columns, rows: cells }));
            view.legend = legend(lang, cov.rows.iter().flat_map(|r| axis.values(r)).max().unwrap_or(0));
            view.tables.push(Table { caption: t("map-heatmap-caption"), columns: header, rows });
        }
        Which::World => {
            let commitment = params.commitment.as_deref().filter(|c| !c.is_empty());
            let mut f = filter.clone();
            if let Some(c) = commitment {
                check_commitment(&catalog, c)?;
                f.objective = None;
            }
            let counts = world_counts(app, &f, commitment).await?;
            view.title = t("map-world-title");
            let mut rows: Vec<(String, String, u64)> = counts
                .iter()
                .filter_map(|(iso2, n)| catalog.country(iso2).map(|c| (c.iso2.clone(), c.name(lang).to_string(), *n)))
                .collect();
            rows.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.1.cmp(&b.1)));
            let max = rows.first().map(|r| r.2).unwrap_or(0);
            view.legend = legend(lang, max);
            view.img = Some((format!("/map/world.svg?{}", svg_query(params)), t("map-world-alt")));
            view.tables.push(Table {
                caption: t("map-world-caption"),
                columns: vec![t("map-col-country"), t("map-col-contributions")],
                rows: rows
                    .into_iter()
                    .map(|(iso2, name, n)| {
                        vec![Cell::link(name, format!("/{}/map/countries/{iso2}", lang.code())), Cell::num(n)]
                    })
                    .collect(),
            });
        }
        Which::Gaps => {
            let cov = coverage::coverage(app, &filter).await?;
            let few = params.few();
            view.title = t("map-gaps-title");
            view.lead =
                Some(("".into(), i18n::message_args(lang, "map-gaps-lead", vec![("few", (few as i64).into())])));
            let rows = cov
                .rows
                .iter()
                .filter_map(|r| {
                    let mut why = Vec::new();
                    if r.total == 0 {
                        why.push(t("map-gap-none"));
                    } else if r.total <= few {
                        why.push(t("map-gap-few"));
                    }
                    if r.ldc <= few {
                        why.push(t("map-gap-ldc"));
                    }
                    if r.sids <= few {
                        why.push(t("map-gap-sids"));
                    }
                    (!why.is_empty()).then(|| {
                        let (tl, title) = node_title(&catalog, &r.commitment, lang);
                        vec![
                            Cell::code(
                                code_of(&r.commitment),
                                format!("/{}/map/commitments/{}", lang.code(), r.commitment),
                            ),
                            Cell::content(&tl, title, None),
                            Cell::num(r.total),
                            Cell::num(r.ldc),
                            Cell::num(r.sids),
                            Cell::num(r.implied),
                            Cell::text(why.join("; ")),
                        ]
                    })
                })
                .collect();
            view.tables.push(Table {
                caption: t("map-gaps-caption"),
                columns: vec![
                    t("map-col-commitment"),
                    t("map-col-title"),
                    t("map-col-total"),
                    t("group-ldc"),
                    t("group-sids"),
                    t("map-col-implied"),
                    t("map-col-why"),
                ],
                rows,
            });
        }
        Which::Commitment => commitment_view(app, &catalog, lang, &filter, arg, &mut view).await?,
        Which::Country => country_view(app, &catalog, lang, &filter, arg, params.few(), &mut view).await?,
        Which::Endorsements => endorsements_view(app, &catalog, lang, &filter, &mut view).await?,
        Which::Report => report_view(app, &catalog, lang, &filter, &mut view).await?,
        Which::Contribution => contribution_view(app, &catalog, lang, arg, &mut view).await?,
    }
    Ok(view)
}

async fn commitment_view(
    app: &App,
    catalog: &Catalog,
    lang: Lang,
    filter: &CoverageFilter,
    id: &str,
    view: &mut View,
) -> Result<(), AppError> {
    let t = |key: &str| i18n::message(lang, key);
    check_commitment(catalog, id).map_err(|_| AppError::not_found(format!("commitment '{id}'")))?;
    let mut f = filter.clone();
    f.objective = None;
    let cov = coverage::coverage(app, &f).await?;
    let row = cov
        .rows
        .iter()
        .find(|r| r.commitment == id)
        .ok_or_else(|| AppError::not_found(format!("commitment '{id}'")))?;
    let (tl, title) = node_title(catalog, id, lang);
    view.title = format!("{} {}", t("map-commitment-title"), code_of(id));
    view.lead = Some((tl, title));
    let mut counts = vec![(t("map-col-total"), row.total)];
    for (i, p) in Progress::ALL.iter().enumerate() {
        counts.push((t(&format!("progress-{}", p.code())), row.progress[i]));
    }
    for (label, n) in axis_labels(catalog, lang, &cov, false).into_iter().zip(&row.groups) {
        counts.push((label, *n));
    }
    for (label, n) in axis_labels(catalog, lang, &cov, true).into_iter().zip(&row.regions) {
        counts.push((label, *n));
    }
    for g in DevGroup::ALL {
        counts.push((t(&format!("group-{}", g.code())), row.dev_group(g)));
    }
    view.tables.push(Table {
        caption: t("map-commitment-counts"),
        columns: vec![t("map-col-measure"), t("map-col-contributions")],
        rows: counts.into_iter().map(|(l, n)| vec![Cell::text(l), Cell::num(n)]).collect(),
    });
    let list =
        usecases::published_contributions(app, ContributionQuery { nodes: vec![id.to_string()], ..Default::default() })
            .await?;
    let list = keep_matching(app, catalog, list, &f).await?;
    view.tables.push(contributions_table(app, catalog, lang, &list, t("map-commitment-contributions")).await?);
    let crosswalk: Vec<Vec<Cell>> = catalog
        .crosswalk(id)
        .into_iter()
        .filter(|l| l.via == cogov_core::crosswalk::Via::Direct)
        .filter_map(|l| {
            let n = catalog.node(&l.node)?;
            let (nl, nt) = n.title_in(lang);
            Some(vec![
                Cell::code(n.id.clone(), format!("/{}/nodes/{}", lang.code(), n.id)),
                Cell::content(nl, nt, None),
            ])
        })
        .collect();
    view.tables.push(Table {
        caption: t("map-commitment-crosswalk"),
        columns: vec![t("map-col-node"), t("map-col-title")],
        rows: crosswalk,
    });
    let implied_nodes: Vec<String> = catalog
        .crosswalk(id)
        .into_iter()
        .filter(|l| l.via == cogov_core::crosswalk::Via::Direct && matches!(l.framework.as_str(), "sdg" | "wsis"))
        .flat_map(|l| catalog.subtree(&l.node).into_iter().map(|n| n.id.clone()).collect::<Vec<_>>())
        .collect();
    let mut implied: Vec<Entry> = Vec::new();
    if !implied_nodes.is_empty() {
        let q = EntryQuery {
            statuses: vec!["published".into()],
            nodes: implied_nodes.clone(),
            limit: 10_000,
            ..Default::default()
        };
        implied = app.store().list_entries(&q).await?;
        let place = f.country.is_some() || f.region.is_some() || f.dev_group.is_some();
        if place {
            implied.retain(|e| e.countries.iter().any(|c| country_in(catalog, c, &f)));
        }
    }
    view.tables.push(Table {
        caption: i18n::message_args(lang, "map-commitment-implied", vec![("count", implied.len().into())]),
        columns: vec![t("map-col-entry"), t("map-col-kind"), t("map-col-tags")],
        rows: implied
            .iter()
            .map(|e| {
                let (el, et) = e.title.get(lang).unwrap_or(("en", ""));
                let tags: Vec<&str> =
                    e.tags.iter().map(|x| x.node.as_str()).filter(|n| implied_nodes.iter().any(|i| i == n)).collect();
                vec![
                    Cell::content(el, et, Some(format!("/{}/entries/{}", lang.code(), e.slug))),
                    Cell::text(crate::pages::kind_label(lang, e.kind)),
                    Cell::content("zxx", tags.join(", "), None),
                ]
            })
            .collect(),
    });
    Ok(())
}

async fn country_view(
    app: &App,
    catalog: &Catalog,
    lang: Lang,
    filter: &CoverageFilter,
    iso2: &str,
    few: u64,
    view: &mut View,
) -> Result<(), AppError> {
    let t = |key: &str| i18n::message(lang, key);
    let country = catalog.country(iso2).ok_or_else(|| AppError::not_found(format!("country '{iso2}'")))?;
    let mut f = filter.clone();
    f.country = Some(country.iso2.clone());
    view.filters = f.clone();
    view.title = format!("{} — {}", country.name(lang), t("map-country-title"));
    let list = usecases::published_contributions(
        app,
        ContributionQuery { countries: vec![country.iso2.clone()], ..Default::default() },
    )
    .await?;
    let list = keep_matching(app, catalog, list, &f).await?;
    view.tables.push(contributions_table(app, catalog, lang, &list, t("map-country-contributions")).await?);
    let endorsements = app.store().list_endorsements(&["published".into()]).await?;
    let mut rows = Vec::new();
    for e in endorsements {
        let Some(actor) = app.store().entry(&e.actor).await? else { continue };
        if actor.countries.contains(&country.iso2) {
            rows.push(endorsement_row(catalog, lang, &actor, &e));
        }
    }
    view.tables.push(Table { caption: t("map-country-endorsements"), columns: endorsement_columns(lang), rows });
    let cov = coverage::coverage(app, &f).await?;
    let gaps = cov
        .rows
        .iter()
        .filter(|r| r.total <= few)
        .map(|r| {
            let (tl, title) = node_title(catalog, &r.commitment, lang);
            vec![
                Cell::code(code_of(&r.commitment), format!("/{}/map/commitments/{}", lang.code(), r.commitment)),
                Cell::content(&tl, title, None),
                Cell::num(r.total),
                Cell::num(r.implied),
            ]
        })
        .collect();
    view.tables.push(Table {
        caption: i18n::message_args(lang, "map-country-gaps", vec![("few", (few as i64).into())]),
        columns: vec![t("map-col-commitment"), t("map-col-title"), t("map-col-total"), t("map-col-implied")],
        rows: gaps,
    });
    Ok(())
}

async fn endorsements_view(
    app: &App,
    catalog: &Catalog,
    lang: Lang,
    f: &CoverageFilter,
    view: &mut View,
) -> Result<(), AppError> {
    let t = |key: &str| i18n::message(lang, key);
    view.title = t("map-endorsements-title");
    let mut by_group: Vec<(Option<StakeholderGroup>, u64)> =
        StakeholderGroup::ALL.iter().map(|g| (Some(*g), 0)).chain([(None, 0)]).collect();
    let mut region_codes: Vec<&str> =
        catalog.regions.iter().filter(|r| r.level == "region").map(|r| r.m49.as_str()).collect();
    region_codes.sort_unstable();
    let mut by_region: Vec<u64> = vec![0; region_codes.len() + 1];
    let mut rows = Vec::new();
    for e in app.store().list_endorsements(&["published".into()]).await? {
        let Some(actor) = app.store().entry(&e.actor).await? else { continue };
        if f.objective.as_ref().is_some_and(|o| !e.objectives.contains(o))
            || f.group.is_some_and(|g| g != actor.stakeholder_group)
            || f.from.as_deref().is_some_and(|from| e.date.as_str() < from)
            || f.to.as_deref().is_some_and(|to| e.date.as_str() > to)
            || ((f.country.is_some() || f.region.is_some() || f.dev_group.is_some())
                && !actor.countries.iter().any(|c| country_in(catalog, c, f)))
        {
            continue;
        }
        if let Some(slot) = by_group.iter_mut().find(|(g, _)| *g == actor.stakeholder_group) {
            slot.1 += 1;
        }
        let regions: Vec<usize> = region_codes
            .iter()
            .enumerate()
            .filter(|(_, r)| actor.countries.iter().any(|c| catalog.country(c).is_some_and(|x| x.region == **r)))
            .map(|(i, _)| i)
            .collect();
        if regions.is_empty() {
            by_region[region_codes.len()] += 1;
        }
        for i in regions {
            by_region[i] += 1;
        }
        rows.push(endorsement_row(catalog, lang, &actor, &e));
    }
    view.lead =
        Some(("".into(), i18n::message_args(lang, "map-endorsements-lead", vec![("count", rows.len().into())])));
    view.tables.push(Table {
        caption: t("map-endorsements-by-group"),
        columns: vec![t("map-col-group"), t("map-col-endorsements")],
        rows: by_group.into_iter().map(|(g, n)| vec![Cell::text(group_label(lang, g)), Cell::num(n)]).collect(),
    });
    let mut region_labels: Vec<String> =
        region_codes.iter().map(|r| catalog.region(r).map(|x| x.name(lang).to_string()).unwrap_or_default()).collect();
    region_labels.push(t("map-region-none"));
    view.tables.push(Table {
        caption: t("map-endorsements-by-region"),
        columns: vec![t("map-col-region"), t("map-col-endorsements")],
        rows: region_labels.into_iter().zip(by_region).map(|(l, n)| vec![Cell::text(l), Cell::num(n)]).collect(),
    });
    view.tables.push(Table { caption: t("map-endorsements-list"), columns: endorsement_columns(lang), rows });
    Ok(())
}

async fn report_view(
    app: &App,
    catalog: &Catalog,
    lang: Lang,
    filter: &CoverageFilter,
    view: &mut View,
) -> Result<(), AppError> {
    let t = |key: &str| i18n::message(lang, key);
    let mut f = filter.clone();
    let year = cogov_store::now().chars().take(4).collect::<String>();
    f.from = f.from.or_else(|| Some(format!("{year}-01-01")));
    f.to = f.to.or_else(|| Some(format!("{year}-12-31")));
    view.filters = f.clone();
    let (from, to) = (f.from.clone().unwrap_or_default(), f.to.clone().unwrap_or_default());
    view.title = t("map-report-title");
    view.lead = Some((
        "".into(),
        i18n::message_args(lang, "map-report-lead", vec![("from", from.clone().into()), ("to", to.clone().into())]),
    ));
    let cov = coverage::coverage(app, &f).await?;
    let mut per_objective: Vec<(String, [u64; 5])> = Vec::new();
    for r in &cov.rows {
        let objective = usecases::objective_of(catalog, &r.commitment).map(|n| n.id.clone()).unwrap_or_default();
        let slot = match per_objective.iter_mut().position(|(o, _)| *o == objective) {
            Some(i) => i,
            None => {
                per_objective.push((objective, [0; 5]));
                per_objective.len() - 1
            }
        };
        let s = &mut per_objective[slot].1;
        s[0] += u64::from(r.total > 0);
        s[1] += r.total;
        s[2] += r.progress[0];
        s[3] += r.progress[1];
        s[4] += r.progress[2];
    }
    view.tables.push(Table {
        caption: t("map-report-objectives"),
        columns: vec![
            t("map-col-objective"),
            t("map-col-covered"),
            t("map-col-contributions"),
            t("progress-planned"),
            t("progress-ongoing"),
            t("progress-completed"),
        ],
        rows: per_objective
            .into_iter()
            .map(|(o, s)| {
                let (ol, ot) = node_title(catalog, &o, lang);
                let mut row = vec![Cell::content(&ol, ot, Some(format!("/{}/nodes/{o}", lang.code())))];
                row.extend(s.iter().map(|n| Cell::num(*n)));
                row
            })
            .collect(),
    });
    let list = usecases::published_contributions(app, ContributionQuery::default()).await?;
    let list = keep_matching(app, catalog, list, &f).await?;
    view.tables.push(contributions_table(app, catalog, lang, &list, t("map-report-contributions")).await?);
    let mut rows = Vec::new();
    for e in app.store().list_endorsements(&["published".into()]).await? {
        if e.date < from || e.date > to {
            continue;
        }
        if let Some(actor) = app.store().entry(&e.actor).await? {
            rows.push(endorsement_row(catalog, lang, &actor, &e));
        }
    }
    view.tables.push(Table { caption: t("map-report-endorsements"), columns: endorsement_columns(lang), rows });
    Ok(())
}

async fn contribution_view(
    app: &App,
    catalog: &Catalog,
    lang: Lang,
    id: &str,
    view: &mut View,
) -> Result<(), AppError> {
    let t = |key: &str| i18n::message(lang, key);
    let c = app.store().contribution(id).await?.filter(|c| c.status == Status::Published);
    let c = c.ok_or_else(|| AppError::not_found(format!("contribution '{id}'")))?;
    let (cl, ct) = c.title.get(lang).unwrap_or(("en", ""));
    view.title = t("map-contribution-title");
    view.lead = Some((cl.to_string(), ct.to_string()));
    view.tables
        .push(contributions_table(app, catalog, lang, std::slice::from_ref(&c), t("map-contribution-summary")).await?);
    let revisions = app.store().map_revisions("contribution", &c.id).await?;
    view.tables.push(Table {
        caption: t("map-contribution-history"),
        columns: vec![t("map-col-when"), t("map-col-who"), t("map-col-why"), t("map-col-fields")],
        rows: revisions
            .iter()
            .rev()
            .map(|r| {
                vec![
                    Cell::text(i18n::format_date(lang, &r.at)),
                    Cell::content("", r.actor.clone(), None),
                    Cell::content("", r.reason.clone(), None),
                    Cell::content(
                        "zxx",
                        r.changes.iter().map(|x| x.field.as_str()).collect::<Vec<_>>().join(", "),
                        None,
                    ),
                ]
            })
            .collect(),
    });
    Ok(())
}

/// Keeps the contributions the coverage filter selects (the same rules as the projection's, on full records).
async fn keep_matching(
    app: &App,
    catalog: &Catalog,
    list: Vec<Contribution>,
    f: &CoverageFilter,
) -> Result<Vec<Contribution>, AppError> {
    let mut out = Vec::new();
    let mut groups: HashMap<String, Option<StakeholderGroup>> = HashMap::new();
    for c in list {
        if f.progress.is_some_and(|p| p != c.progress)
            || f.evidence.is_some_and(|e| c.evidence_level < e)
            || !c.period.overlaps(f.from.as_deref(), f.to.as_deref())
            || ((f.country.is_some() || f.region.is_some() || f.dev_group.is_some())
                && !c.countries.iter().any(|x| country_in(catalog, x, f)))
            || f.objective.as_ref().is_some_and(|o| {
                !c.commitments.iter().any(|x| usecases::objective_of(catalog, x).is_some_and(|n| n.id == *o))
            })
        {
            continue;
        }
        if let Some(g) = f.group {
            let group = match groups.get(&c.contributor) {
                Some(g) => *g,
                None => {
                    let e = app.store().entry(&c.contributor).await?;
                    let g = e.and_then(|e| {
                        if e.kind == cogov_core::entry::EntryKind::Actor {
                            e.stakeholder_group
                        } else {
                            None
                        }
                    });
                    groups.insert(c.contributor.clone(), g);
                    g
                }
            };
            if group != g {
                continue;
            }
        }
        out.push(c);
    }
    Ok(out)
}

fn country_in(catalog: &Catalog, iso2: &str, f: &CoverageFilter) -> bool {
    let Some(c) = catalog.country(iso2) else { return false };
    f.country.as_deref().is_none_or(|x| x == c.iso2)
        && f.region.as_deref().is_none_or(|r| c.region_codes().any(|x| x == r))
        && f.dev_group.is_none_or(|g| c.groups().contains(&g.code()))
}

async fn contributions_table(
    app: &App,
    catalog: &Catalog,
    lang: Lang,
    list: &[Contribution],
    caption: String,
) -> Result<Table, AppError> {
    let t = |key: &str| i18n::message(lang, key);
    let mut rows = Vec::new();
    let mut names: HashMap<String, Option<Entry>> = HashMap::new();
    for c in list {
        if !names.contains_key(&c.contributor) {
            names.insert(c.contributor.clone(), app.store().entry(&c.contributor).await?);
        }
        let contributor = names.get(&c.contributor).and_then(|e| e.as_ref());
        let (cl, ct) = c.title.get(lang).unwrap_or(("en", ""));
        let who = match contributor {
            Some(e) => {
                let (el, et) = e.title.get(lang).unwrap_or(("en", ""));
                Cell::content(el, et, Some(format!("/{}/entries/{}", lang.code(), e.slug)))
            }
            None => Cell::text("—"),
        };
        let period = match &c.period.end {
            Some(end) => format!("{} – {}", i18n::format_date(lang, &c.period.start), i18n::format_date(lang, end)),
            None => format!("{} –", i18n::format_date(lang, &c.period.start)),
        };
        let countries: Vec<String> = c
            .countries
            .iter()
            .map(|x| catalog.country(x).map(|k| k.name(lang).to_string()).unwrap_or_else(|| x.clone()))
            .collect();
        rows.push(vec![
            Cell::content(cl, ct, Some(format!("/{}/map/contributions/{}", lang.code(), c.id))),
            who,
            Cell::content("zxx", c.commitments.iter().map(|x| code_of(x)).collect::<Vec<_>>().join(", "), None),
            Cell::text(t(&format!("progress-{}", c.progress.code()))),
            Cell::text(period),
            Cell::text(if countries.is_empty() { t("map-region-none") } else { countries.join(", ") }),
            Cell::text(t(&format!("evidence-{}", c.evidence_level.code()))),
        ]);
    }
    Ok(Table {
        caption: i18n::message_args(
            lang,
            "map-contributions-caption",
            vec![("title", caption.into()), ("count", list.len().into())],
        ),
        columns: vec![
            t("map-col-contribution"),
            t("map-col-contributor"),
            t("map-col-commitments"),
            t("map-col-progress"),
            t("map-col-period"),
            t("map-col-countries"),
            t("map-col-evidence"),
        ],
        rows,
    })
}

fn endorsement_columns(lang: Lang) -> Vec<String> {
    ["map-col-actor", "map-col-group", "map-col-countries", "map-col-date", "map-col-objectives"]
        .iter()
        .map(|k| i18n::message(lang, k))
        .collect()
}

fn endorsement_row(
    catalog: &Catalog,
    lang: Lang,
    actor: &Entry,
    e: &cogov_core::contribution::Endorsement,
) -> Vec<Cell> {
    let (al, at) = actor.title.get(lang).unwrap_or(("en", ""));
    let countries: Vec<String> = actor
        .countries
        .iter()
        .map(|x| catalog.country(x).map(|k| k.name(lang).to_string()).unwrap_or_else(|| x.clone()))
        .collect();
    vec![
        Cell::content(al, at, Some(format!("/{}/entries/{}", lang.code(), actor.slug))),
        Cell::text(group_label(lang, actor.stakeholder_group)),
        Cell::text(if countries.is_empty() { i18n::message(lang, "map-region-none") } else { countries.join(", ") }),
        Cell::link(i18n::format_date(lang, &e.date), format!("/{}/map/endorsements/{}/history", lang.code(), e.id)),
        Cell::content("zxx", e.objectives.iter().map(|o| code_of(o)).collect::<Vec<_>>().join(", "), None),
    ]
}

fn group_label(lang: Lang, g: Option<StakeholderGroup>) -> String {
    match g {
        Some(g) => stakeholder_label(lang, g),
        None => i18n::message(lang, "map-group-none"),
    }
}

/// Column labels of the heatmap's axis.
fn axis_labels(catalog: &Catalog, lang: Lang, cov: &Coverage, by_region: bool) -> Vec<String> {
    if by_region {
        cov.regions
            .iter()
            .map(|r| match &r.m49 {
                Some(m) => catalog.region(m).map(|x| x.name(lang).to_string()).unwrap_or_else(|| m.clone()),
                None => i18n::message(lang, "map-region-none"),
            })
            .collect()
    } else {
        cov.groups.iter().map(|g| group_label(lang, *g)).collect()
    }
}

fn legend(lang: Lang, max: u64) -> Vec<(String, String)> {
    let mut out = vec![(map_svg::SCALE[0].to_string(), "0".to_string())];
    for (b, from, to) in map_svg::legend(max) {
        let label = if from == to { from.to_string() } else { format!("{from}–{to}") };
        out.push((map_svg::SCALE[b].to_string(), label));
    }
    let _ = lang;
    out
}

fn code_of(id: &str) -> &str {
    id.split_once(':').map(|(_, c)| c).unwrap_or(id)
}

fn node_title(catalog: &Catalog, id: &str, lang: Lang) -> (String, String) {
    catalog
        .node(id)
        .map(|n| {
            let (l, t) = n.title_in(lang);
            (l.to_string(), t.to_string())
        })
        .unwrap_or_else(|| ("zxx".into(), id.to_string()))
}

fn check_commitment(catalog: &Catalog, id: &str) -> Result<(), AppError> {
    if catalog.node(id).is_some_and(|n| n.framework() == MAP_FRAMEWORK && n.level == COMMITMENT_LEVEL) {
        Ok(())
    } else {
        Err(AppError::invalid("commitment", format!("'{id}' is not a GDC commitment")))
    }
}

/// Contributions per country for the choropleth: from the coverage projection, or for one commitment.
async fn world_counts(app: &App, f: &CoverageFilter, commitment: Option<&str>) -> Result<Vec<(String, u64)>, AppError> {
    match commitment {
        None => Ok(coverage::coverage(app, f).await?.countries),
        Some(c) => {
            let catalog = app.catalog();
            let list = usecases::published_contributions(
                app,
                ContributionQuery { nodes: vec![c.to_string()], ..Default::default() },
            )
            .await?;
            let list = keep_matching(app, &catalog, list, f).await?;
            let mut counts: HashMap<String, u64> = HashMap::new();
            for x in &list {
                for iso2 in &x.countries {
                    *counts.entry(iso2.clone()).or_default() += 1;
                }
            }
            Ok(counts.into_iter().collect())
        }
    }
}

fn svg_query(p: &MapParams) -> String {
    let pairs: Vec<(&str, &str)> = [
        ("progress", &p.progress),
        ("group", &p.group),
        ("region", &p.region),
        ("dev", &p.dev),
        ("evidence", &p.evidence),
        ("from", &p.from),
        ("to", &p.to),
        ("objective", &p.objective),
        ("country", &p.country),
        ("commitment", &p.commitment),
    ]
    .into_iter()
    .filter_map(|(k, v)| v.as_deref().filter(|v| !v.is_empty()).map(|v| (k, v)))
    .collect();
    serde_urlencoded::to_string(&pairs).unwrap_or_default()
}

/// The choropleth as a standalone SVG (the world page shows it as an image; the table is its alternative).
pub async fn world_svg_for(app: &App, params: &MapParams) -> Result<String, AppError> {
    let catalog = app.catalog();
    let mut filter = params.filter(&catalog)?;
    let commitment = params.commitment.as_deref().filter(|c| !c.is_empty());
    if let Some(c) = commitment {
        check_commitment(&catalog, c)?;
        filter.objective = None;
    }
    let counts: HashMap<String, u64> = world_counts(app, &filter, commitment)
        .await?
        .into_iter()
        .filter_map(|(iso2, n)| catalog.country(&iso2).map(|c| (c.numeric.clone(), n)))
        .collect();
    Ok(map_svg::choropleth(&counts, "GDC contributions per country"))
}

async fn world_svg(State(app): State<App>, RawQuery(raw): RawQuery) -> Result<Response, ApiError> {
    let params: MapParams = query::parse(raw.as_deref())?;
    let svg = world_svg_for(&app, &params).await?;
    Ok(([(header::CONTENT_TYPE, "image/svg+xml"), (header::CACHE_CONTROL, "no-cache")], svg).into_response())
}

/// The HTML page of a view.
#[derive(Template)]
#[template(path = "map.html")]
struct MapPage {
    page: PageMeta,
    view: View,
    nav: Vec<(String, String, bool)>,
    form: Vec<FormField>,
    action: String,
    csv: String,
    json: String,
    sample: bool,
    /// Links to do something about what the page shows: declare a contribution, endorse, see the history.
    actions: Vec<(String, String)>,
}

struct FormField {
    name: &'static str,
    label: String,
    /// (value, label, selected); empty for a date input.
    options: Vec<(String, String, bool)>,
    value: String,
}

async fn page(app: App, lang: String, uri: Uri, raw: Option<String>, which: Which, arg: String) -> PageResult {
    let lang = page_lang(&lang, &uri)?;
    let err = |e| PageError::new(lang, &uri, e);
    let params: MapParams = query::parse(raw.as_deref()).map_err(err)?;
    let view = build(&app, lang, which, &params, &arg).await.map_err(err)?;
    match params.format.as_deref().unwrap_or("html") {
        "csv" => Ok(([(header::CONTENT_TYPE, "text/csv; charset=utf-8")], view.to_csv()).into_response()),
        "json" => Ok(axum::Json(&view).into_response()),
        "html" | "" => {
            let base = uri.path().to_string();
            let mut keep: Vec<(String, String)> = form_urlencoded::parse(raw.as_deref().unwrap_or_default().as_bytes())
                .filter(|(k, _)| k != "format")
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect();
            let export = |fmt: &str, keep: &mut Vec<(String, String)>| {
                keep.push(("format".into(), fmt.into()));
                let q = serde_urlencoded::to_string(&*keep).unwrap_or_default();
                keep.pop();
                format!("{base}?{q}")
            };
            let csv = export("csv", &mut keep);
            let json = export("json", &mut keep);
            let t = |k: &str| i18n::message(lang, k);
            let l = lang.code();
            let nav = [
                ("map-nav-heatmap", format!("/{l}/map")),
                ("map-nav-world", format!("/{l}/map/world")),
                ("map-nav-gaps", format!("/{l}/map/gaps")),
                ("map-nav-endorsements", format!("/{l}/map/endorsements")),
                ("map-nav-report", format!("/{l}/map/report")),
            ]
            .into_iter()
            .map(|(k, href)| (t(k), href.clone(), href == base))
            .collect();
            let sample = app.store().meta("demo:gdc-sample").await.map_err(|e| err(e.into()))?.is_some();
            let form = form_fields(&app.catalog(), lang, which, &params, &view.filters);
            let contribute = format!("/{l}/map/contribute");
            let actions = match which {
                Which::Heatmap | Which::Gaps => vec![(contribute, t("map-action-contribute"))],
                Which::Commitment => vec![(format!("{contribute}?commitment={arg}"), t("map-action-contribute"))],
                Which::Country => vec![(format!("{contribute}?country={arg}"), t("map-action-contribute"))],
                Which::Endorsements => vec![(format!("/{l}/map/endorse"), t("map-action-endorse"))],
                Which::Contribution => vec![
                    (format!("/{l}/map/contributions/{arg}/history"), t("map-action-history")),
                    (format!("/{l}/map/contributions/{arg}/propose"), t("map-action-correct")),
                ],
                Which::World | Which::Report => vec![],
            };
            Ok(render(&MapPage {
                page: PageMeta::new(lang, view.title.clone(), &uri),
                view,
                nav,
                form,
                action: base,
                csv,
                json,
                sample,
                actions,
            }))
        }
        other => Err(err(AppError::invalid("format", format!("unknown format '{other}': expected html, csv or json")))),
    }
}

fn form_fields(catalog: &Catalog, lang: Lang, which: Which, p: &MapParams, f: &CoverageFilter) -> Vec<FormField> {
    let t = |k: &str| i18n::message(lang, k);
    let any = || (String::new(), t("map-filter-any"), false);
    let select = |name: &'static str, label: &str, current: &str, options: Vec<(String, String)>| {
        let mut opts = vec![any()];
        opts.extend(options.into_iter().map(|(v, l)| {
            let sel = v == current;
            (v, l, sel)
        }));
        FormField { name, label: t(label), options: opts, value: String::new() }
    };
    let cur = |v: &Option<String>| v.clone().unwrap_or_default();
    let mut out = Vec::new();
    if which == Which::Contribution {
        return out;
    }
    if which == Which::Heatmap {
        let by = cur(&p.by);
        out.push(FormField {
            name: "by",
            label: t("map-filter-by"),
            options: vec![
                ("group".into(), t("map-col-group"), !["region", "progress", "dev"].contains(&by.as_str())),
                ("region".into(), t("map-col-region"), by == "region"),
                ("progress".into(), t("map-col-progress"), by == "progress"),
                ("dev".into(), t("map-filter-dev"), by == "dev"),
            ],
            value: String::new(),
        });
    }
    if matches!(which, Which::Heatmap | Which::World | Which::Gaps | Which::Endorsements | Which::Report) {
        let objectives = usecases::objectives(catalog)
            .into_iter()
            .map(|n| (n.id.clone(), i18n::message_args(lang, "map-objective-n", vec![("n", code_of(&n.id).into())])))
            .collect();
        out.push(select("objective", "map-col-objective", &cur(&p.objective), objectives));
    }
    if which == Which::World {
        let commitments =
            usecases::commitments(catalog).into_iter().map(|n| (n.id.clone(), code_of(&n.id).to_string())).collect();
        out.push(select("commitment", "map-col-commitment", &cur(&p.commitment), commitments));
    }
    if which != Which::Endorsements {
        let progress =
            Progress::ALL.iter().map(|x| (x.code().to_string(), t(&format!("progress-{}", x.code())))).collect();
        out.push(select("progress", "map-col-progress", &cur(&p.progress), progress));
        let evidence =
            EvidenceLevel::ALL.iter().map(|x| (x.code().to_string(), t(&format!("evidence-{}", x.code())))).collect();
        out.push(select("evidence", "map-filter-evidence", &cur(&p.evidence), evidence));
    }
    let groups = StakeholderGroup::ALL
        .iter()
        .map(|g| (g.code().to_string(), stakeholder_label(lang, *g)))
        .chain([("none".to_string(), t("map-group-none"))])
        .collect();
    out.push(select("group", "map-col-group", &cur(&p.group), groups));
    if which != Which::Country {
        let mut regions: Vec<(String, String)> = catalog
            .regions
            .iter()
            .filter(|r| r.level != "world")
            .map(|r| (r.m49.clone(), r.name(lang).to_string()))
            .collect();
        regions.sort_by(|a, b| a.1.cmp(&b.1));
        out.push(select("region", "map-col-region", &cur(&p.region), regions));
        let devs = DevGroup::ALL.iter().map(|g| (g.code().to_string(), t(&format!("group-{}", g.code())))).collect();
        out.push(select("dev", "map-filter-dev", &cur(&p.dev), devs));
    }
    for (name, label, value) in [("from", "map-filter-from", &f.from), ("to", "map-filter-to", &f.to)] {
        out.push(FormField { name, label: t(label), options: vec![], value: value.clone().unwrap_or_default() });
    }
    if matches!(which, Which::Gaps | Which::Country) {
        out.push(FormField { name: "few", label: t("map-filter-few"), options: vec![], value: p.few().to_string() });
    }
    out
}

async fn heatmap_page(
    State(app): State<App>,
    Path(lang): Path<String>,
    uri: Uri,
    RawQuery(raw): RawQuery,
) -> PageResult {
    page(app, lang, uri, raw, Which::Heatmap, String::new()).await
}
async fn world_page(State(app): State<App>, Path(lang): Path<String>, uri: Uri, RawQuery(raw): RawQuery) -> PageResult {
    page(app, lang, uri, raw, Which::World, String::new()).await
}
async fn gaps_page(State(app): State<App>, Path(lang): Path<String>, uri: Uri, RawQuery(raw): RawQuery) -> PageResult {
    page(app, lang, uri, raw, Which::Gaps, String::new()).await
}
async fn endorsements_page(
    State(app): State<App>,
    Path(lang): Path<String>,
    uri: Uri,
    RawQuery(raw): RawQuery,
) -> PageResult {
    page(app, lang, uri, raw, Which::Endorsements, String::new()).await
}
async fn report_page(
    State(app): State<App>,
    Path(lang): Path<String>,
    uri: Uri,
    RawQuery(raw): RawQuery,
) -> PageResult {
    page(app, lang, uri, raw, Which::Report, String::new()).await
}
async fn commitment_page(
    State(app): State<App>,
    Path((lang, id)): Path<(String, String)>,
    uri: Uri,
    RawQuery(raw): RawQuery,
) -> PageResult {
    page(app, lang, uri, raw, Which::Commitment, id).await
}
async fn country_page(
    State(app): State<App>,
    Path((lang, iso2)): Path<(String, String)>,
    uri: Uri,
    RawQuery(raw): RawQuery,
) -> PageResult {
    page(app, lang, uri, raw, Which::Country, iso2).await
}
async fn contribution_page(
    State(app): State<App>,
    Path((lang, id)): Path<(String, String)>,
    uri: Uri,
    RawQuery(raw): RawQuery,
) -> PageResult {
    page(app, lang, uri, raw, Which::Contribution, id).await
}

#[utoipa::path(get, path = "/api/v1/map/heatmap", tag = "map", params(MapParams),
    responses((status = 200, description = "published contributions per commitment × stakeholder group (or × M49 region with `by=region`), total and implied coverage in their own columns", content((View = "application/json"), (String = "text/csv"))),
        (status = 400, description = "a parameter is unknown or not acceptable (`invalid_parameter`)", body = ErrorBody)))]
async fn api_heatmap(s: State<App>, q: RawQuery) -> Result<Response, ApiError> {
    api(s, q, Which::Heatmap).await
}

#[utoipa::path(get, path = "/api/v1/map/world", tag = "map", params(MapParams),
    responses((status = 200, description = "contributions per country (one commitment with `commitment=`)", content((View = "application/json"), (String = "text/csv"))),
        (status = 400, description = "a parameter is unknown or not acceptable (`invalid_parameter`)", body = ErrorBody)))]
async fn api_world(s: State<App>, q: RawQuery) -> Result<Response, ApiError> {
    api(s, q, Which::World).await
}

#[utoipa::path(get, path = "/api/v1/map/gaps", tag = "map", params(MapParams),
    responses((status = 200, description = "commitments with at most `few` contributions overall, for LDCs and for SIDS", content((View = "application/json"), (String = "text/csv"))),
        (status = 400, description = "a parameter is unknown or not acceptable (`invalid_parameter`)", body = ErrorBody)))]
async fn api_gaps(s: State<App>, q: RawQuery) -> Result<Response, ApiError> {
    api(s, q, Which::Gaps).await
}

#[utoipa::path(get, path = "/api/v1/map/endorsements", tag = "map", params(MapParams),
    responses((status = 200, description = "endorsements with counts by stakeholder group and region", content((View = "application/json"), (String = "text/csv"))),
        (status = 400, description = "a parameter is unknown or not acceptable (`invalid_parameter`)", body = ErrorBody)))]
async fn api_endorsements(s: State<App>, q: RawQuery) -> Result<Response, ApiError> {
    api(s, q, Which::Endorsements).await
}

#[utoipa::path(get, path = "/api/v1/map/report", tag = "map", params(MapParams),
    responses((status = 200, description = "the progress report for a period (`from`, `to`; default the current year)", content((View = "application/json"), (String = "text/csv"))),
        (status = 400, description = "a parameter is unknown or not acceptable (`invalid_parameter`)", body = ErrorBody)))]
async fn api_report(s: State<App>, q: RawQuery) -> Result<Response, ApiError> {
    api(s, q, Which::Report).await
}

#[utoipa::path(get, path = "/api/v1/map/commitments/{id}", tag = "map",
    params(("id" = String, Path, description = "GDC commitment id (`gdc:1.1.1`)"), MapParams),
    responses((status = 200, description = "one commitment: counts by progress, group, region and country group, its contributions, linked SDG / WSIS nodes and implied coverage", content((View = "application/json"), (String = "text/csv"))),
        (status = 400, description = "a parameter is unknown or not acceptable (`invalid_parameter`)", body = ErrorBody),
        (status = 404, description = "not found (`not_found`)", body = ErrorBody)))]
async fn api_commitment(s: State<App>, p: Path<String>, q: RawQuery) -> Result<Response, ApiError> {
    api_with(s, q, Which::Commitment, p.0).await
}

#[utoipa::path(get, path = "/api/v1/map/countries/{iso2}", tag = "map",
    params(("iso2" = String, Path, description = "ISO 3166-1 alpha-2 code"), MapParams),
    responses((status = 200, description = "a country: contributions, endorsements by organizations based there, gaps", content((View = "application/json"), (String = "text/csv"))),
        (status = 400, description = "a parameter is unknown or not acceptable (`invalid_parameter`)", body = ErrorBody),
        (status = 404, description = "not found (`not_found`)", body = ErrorBody)))]
async fn api_country(s: State<App>, p: Path<String>, q: RawQuery) -> Result<Response, ApiError> {
    api_with(s, q, Which::Country, p.0).await
}

#[utoipa::path(get, path = "/api/v1/map/contributions/{id}", tag = "map",
    params(("id" = String, Path, description = "contribution id"), MapParams),
    responses((status = 200, description = "one published contribution and its revisions", content((View = "application/json"), (String = "text/csv"))),
        (status = 400, description = "a parameter is unknown or not acceptable (`invalid_parameter`)", body = ErrorBody),
        (status = 404, description = "not found (`not_found`)", body = ErrorBody)))]
async fn api_contribution(s: State<App>, p: Path<String>, q: RawQuery) -> Result<Response, ApiError> {
    api_with(s, q, Which::Contribution, p.0).await
}

async fn api(State(app): State<App>, RawQuery(raw): RawQuery, which: Which) -> Result<Response, ApiError> {
    api_inner(app, raw, which, String::new()).await
}

async fn api_with(
    State(app): State<App>,
    RawQuery(raw): RawQuery,
    which: Which,
    arg: String,
) -> Result<Response, ApiError> {
    api_inner(app, raw, which, arg).await
}

async fn api_inner(app: App, raw: Option<String>, which: Which, arg: String) -> Result<Response, ApiError> {
    let params: MapParams = query::parse(raw.as_deref())?;
    let lang = query::lang("lang", params.lang.as_deref())?.unwrap_or(Lang::En);
    let view = build(&app, lang, which, &params, &arg).await?;
    match params.format.as_deref().unwrap_or("json") {
        "json" | "" => Ok(axum::Json(view).into_response()),
        "csv" => Ok(([(header::CONTENT_TYPE, "text/csv; charset=utf-8")], view.to_csv()).into_response()),
        other => Err(AppError::invalid("format", format!("unknown format '{other}': expected json or csv")).into()),
    }
}

/// The full coverage matrix with codes instead of labels (for machines; the views carry the labels).
#[utoipa::path(get, path = "/api/v1/map/coverage", tag = "map", params(MapParams),
    responses((status = 200, description = "the raw coverage matrix (codes, not labels)", body = Coverage),
        (status = 400, description = "a parameter is unknown or not acceptable (`invalid_parameter`)", body = ErrorBody)))]
async fn api_coverage(State(app): State<App>, RawQuery(raw): RawQuery) -> Result<Response, ApiError> {
    let params: MapParams = query::parse(raw.as_deref())?;
    let filter = params.filter(&app.catalog())?;
    let cov = coverage::coverage(&app, &filter).await?;
    Ok((StatusCode::OK, axum::Json(cov)).into_response())
}

/// One request through the whole router (compression included), for benchmarks and smoke checks from the CLI:
/// the status and the body as sent.
pub async fn serve_once(app: &App, uri: &str, accept_encoding: Option<&str>) -> Result<(u16, Vec<u8>), AppError> {
    use tower::ServiceExt;
    let mut request = axum::http::Request::get(uri);
    if let Some(enc) = accept_encoding {
        request = request.header(header::ACCEPT_ENCODING, enc);
    }
    let request = request.body(axum::body::Body::empty()).map_err(|e| AppError::invalid("uri", e.to_string()))?;
    let response = match crate::router(app.clone()).oneshot(request).await {
        Ok(r) => r,
        Err(never) => match never {},
    };
    let status = response.status().as_u16();
    let body = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .map_err(|e| AppError::invalid("body", e.to_string()))?;
    Ok((status, body.to_vec()))
}
