//! The forms of the GDC implementation map: declare a contribution, propose a correction to one, endorse the
//! Compact, revise such a proposal; and the public history of contributions and endorsements.
//!
//! Every form goes through the review workflow (`cogov_app::review::propose` / `revise`), so a submission is
//! validated in full by the same code as the JSON API and a direct write: every problem is shown at once, on its
//! field and in the error summary, and nothing is written. Moderators review it; an editor of the contributing
//! organization publishes it at once when the instance allows that (`review.editors_publish_directly`). Only
//! moderators may set the evidence level "verified" (checked by the use case too).

use askama::Template;
use axum::extract::{Path, RawForm, RawQuery, State};
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Redirect};
use axum::routing::get;
use axum::Router;
use cogov_app::map::{self as usecases, MAP_FRAMEWORK};
use cogov_app::review::{self, Target};
use cogov_app::{App, AppError, Catalog, Principal};
use cogov_core::contribution::{Contribution, Endorsement, EvidenceLevel, Progress};
use cogov_core::entry::{EntryKind, FieldError, Status};
use cogov_core::{Lang, Text};
use serde_json::{json, Map, Value};

use crate::auth::RequireUser;
use crate::i18n;
use crate::pages::{page_lang, render, PageError, PageMeta, PageResult};
use crate::review_pages::{history_row, HistoryRow};

pub fn page_routes() -> Router<App> {
    Router::new()
        .route("/{lang}/map/contribute", get(contribute_page).post(contribute))
        .route("/{lang}/map/contributions/{id}/propose", get(correct_page).post(correct))
        .route("/{lang}/map/endorse", get(endorse_page).post(endorse))
        .route("/{lang}/map/proposals/{id}/revise", get(revise_page).post(revise))
        .route("/{lang}/map/contributions/{id}/history", get(contribution_history))
        .route("/{lang}/map/endorsements/{id}/history", get(endorsement_history))
}

fn t(lang: Lang, key: &str) -> String {
    i18n::message(lang, key)
}

fn split_list(s: &str) -> Vec<String> {
    s.split(|c: char| c == ',' || c.is_whitespace()).filter(|x| !x.is_empty()).map(str::to_string).collect()
}

/// Node ids from a list of codes: `9.c` and `sdg:9.c` both name `sdg:9.c`.
fn node_list(s: &str, framework: &str) -> Vec<String> {
    split_list(s).into_iter().map(|x| if x.contains(':') { x } else { format!("{framework}:{x}") }).collect()
}

/// A language tag from the form, or `fallback` when it is not one.
fn tag_or(tag: &str, fallback: &str) -> String {
    let tag = tag.trim();
    let ok = !tag.is_empty() && tag.len() <= 12 && tag.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    if ok {
        tag.to_ascii_lowercase()
    } else {
        fallback.to_string()
    }
}

/// `base` with the given (language, value) pairs set; an empty value removes that language.
fn text_with(base: Option<&Text>, pairs: &[(&str, &str)]) -> Text {
    let mut text = base.cloned().unwrap_or_default();
    for (lang, value) in pairs {
        if lang.is_empty() {
            continue;
        }
        if value.trim().is_empty() {
            text.values.remove(*lang);
        } else {
            text.values.insert(lang.to_string(), value.trim().to_string());
        }
    }
    if text.original.as_ref().is_none_or(|o| !text.values.contains_key(o)) {
        text.original = pairs.iter().map(|(l, _)| l.to_string()).find(|l| text.values.contains_key(l));
    }
    text
}

/// The six languages of the interface, for the "language of the text" choices.
fn language_options(current: &str, none: Option<String>) -> Vec<(String, String, bool)> {
    let mut out: Vec<(String, String, bool)> =
        none.into_iter().map(|n| (String::new(), n, current.is_empty())).collect();
    out.extend(Lang::ALL.iter().map(|l| (l.code().to_string(), l.endonym().to_string(), l.code() == current)));
    if !current.is_empty() && !Lang::ALL.iter().any(|l| l.code() == current) {
        out.push((current.to_string(), current.to_string(), true));
    }
    out
}

// ---------------------------------------------------------------- the form as the template sees it

/// A choice: (value, label, selected).
type Choice = (String, String, bool);
/// Check boxes under a legend: (legend, language of the legend, boxes).
type CheckGroup = (String, String, Vec<Choice>);

/// One field of a form.
struct Widget {
    name: &'static str,
    label: String,
    hint: String,
    error: Option<String>,
    /// `text`, `date`, `textarea`, `select` or `checks` (groups of check boxes in a fieldset).
    kind: &'static str,
    value: String,
    /// Select options and check boxes: (value, label, selected).
    options: Vec<(String, String, bool)>,
    /// Check boxes in groups.
    groups: Vec<CheckGroup>,
    /// The language of the value (user content), or empty.
    lang: String,
    /// Codes, addresses and dates are written left to right, also on Arabic pages.
    ltr: bool,
}

impl Widget {
    fn new(lang: Lang, form: &str, name: &'static str, kind: &'static str, value: impl Into<String>) -> Widget {
        Widget {
            name,
            label: t(lang, &format!("field-{form}-{name}")),
            hint: i18n::try_message(lang, &format!("field-{form}-{name}-hint")).unwrap_or_default(),
            error: None,
            kind,
            value: value.into(),
            options: vec![],
            groups: vec![],
            lang: String::new(),
            ltr: false,
        }
    }

    fn ltr(mut self) -> Widget {
        self.ltr = true;
        self
    }

    fn lang(mut self, lang: &str) -> Widget {
        self.lang = lang.to_string();
        self
    }

    fn options(mut self, options: Vec<(String, String, bool)>) -> Widget {
        self.options = options;
        self
    }

    fn described_by(&self) -> String {
        let mut ids = Vec::new();
        if !self.hint.is_empty() {
            ids.push(format!("h-{}", self.name));
        }
        if self.error.is_some() {
            ids.push(format!("e-{}", self.name));
        }
        ids.join(" ")
    }
}

#[derive(Template)]
#[template(path = "map_form.html")]
struct FormPage {
    page: PageMeta,
    heading: String,
    /// Where the breadcrumb leads back to: (link, text, language of the text).
    back: (String, String, String),
    intro: Vec<String>,
    action: String,
    fields: Vec<Widget>,
    submit: String,
    /// The summary: (field, text), in field order.
    errors: Vec<(&'static str, String)>,
}

/// Puts each error on its field and lists them, in the order of the fields, for the summary.
fn attach(fields: &mut [Widget], errors: Vec<(&'static str, String)>) -> Vec<(&'static str, String)> {
    let mut summary = Vec::new();
    for f in fields.iter_mut() {
        let mine: Vec<&str> = errors.iter().filter(|(n, _)| *n == f.name).map(|(_, e)| e.as_str()).collect();
        if !mine.is_empty() {
            let text = mine.join(" ");
            summary.push((f.name, format!("{}: {text}", f.label)));
            f.error = Some(text);
        }
    }
    for (name, e) in errors {
        if !fields.iter().any(|f| f.name == name) {
            summary.push((name, e));
        }
    }
    summary
}

/// The text of a field error on one of these forms: a message of its own (`mapform-error-<code>`, given the
/// value at fault), else the generic one for its code, else the use case's message.
fn error_text(lang: Lang, e: &FieldError, value: &str) -> String {
    if OWN_ERRORS.contains(&e.code.as_str()) {
        return i18n::message_args(lang, &format!("mapform-error-{}", e.code), vec![("value", value.into())]);
    }
    i18n::try_message(lang, &format!("form-error-{}", e.code)).unwrap_or_else(|| e.message.clone())
}

/// Field error codes with a message of their own on these forms (`mapform-error-<code>`).
const OWN_ERRORS: &[&str] = &[
    "unknown_entry",
    "not_allowed",
    "unknown_commitment",
    "unknown_node",
    "unknown_country",
    "invalid_url",
    "ends_before_start",
    "invalid_date",
    "evidence_required",
    "moderators_only",
    "duplicate",
    "unknown_objective",
    "unchanged",
];

/// The index in `commitments[3]`, `evidence[0].url`.
fn index_of(field: &str) -> Option<usize> {
    field.split_once('[').and_then(|(_, r)| r.split(']').next()).and_then(|i| i.parse().ok())
}

// ---------------------------------------------------------------- contributions

/// The contribution form as sent (or as first shown).
#[derive(Debug, Default, Clone)]
struct ContributionForm {
    contributor: String,
    commitments: Vec<String>,
    sdg_targets: String,
    wsis_lines: String,
    text_lang: String,
    title: String,
    description: String,
    lang2: String,
    title2: String,
    description2: String,
    start: String,
    end: String,
    progress: String,
    countries: String,
    evidence: String,
    evidence_level: String,
    message: String,
    /// The honeypot: hidden from people, filled only by robots.
    homepage: String,
}

impl ContributionForm {
    fn parse(body: &[u8]) -> ContributionForm {
        let mut f = ContributionForm::default();
        for (k, v) in form_urlencoded::parse(body) {
            let v = v.into_owned();
            match k.as_ref() {
                "contributor" => f.contributor = v,
                "commitments" => f.commitments.push(v),
                "sdg_targets" => f.sdg_targets = v,
                "wsis_lines" => f.wsis_lines = v,
                "text_lang" => f.text_lang = v,
                "title" => f.title = v,
                "description" => f.description = v,
                "lang2" => f.lang2 = v,
                "title2" => f.title2 = v,
                "description2" => f.description2 = v,
                "start" => f.start = v,
                "end" => f.end = v,
                "progress" => f.progress = v,
                "countries" => f.countries = v,
                "evidence" => f.evidence = v,
                "evidence_level" => f.evidence_level = v,
                "message" => f.message = v,
                "homepage" => f.homepage = v,
                _ => {}
            }
        }
        f
    }

    fn countries(&self) -> Vec<String> {
        split_list(&self.countries).iter().map(|c| c.to_ascii_uppercase()).collect()
    }

    /// Evidence links, one per line: the address, then optionally a label after a space.
    fn evidence(&self) -> Vec<Value> {
        self.evidence
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(|l| match l.split_once(char::is_whitespace) {
                Some((url, label)) if !label.trim().is_empty() => json!({"url": url, "label": label.trim()}),
                _ => json!({"url": l}),
            })
            .collect()
    }
}

/// The form showing a stored (or proposed) contribution; `contributor` is how to show its contributor (slug).
fn form_of_contribution(lang: Lang, c: &Contribution, contributor: String) -> ContributionForm {
    let (tl, title) = c.title.get(lang).unwrap_or((lang.code(), ""));
    let text_lang = tl.to_string();
    let description = c.description.values.get(&text_lang).cloned().unwrap_or_default();
    let lang2 = c
        .title
        .values
        .keys()
        .chain(c.description.values.keys())
        .find(|l| **l != text_lang)
        .cloned()
        .unwrap_or_default();
    let evidence: Vec<String> = c
        .evidence
        .iter()
        .map(|e| match &e.label {
            Some(l) => format!("{} {l}", e.url),
            None => e.url.clone(),
        })
        .collect();
    ContributionForm {
        contributor,
        commitments: c.commitments.clone(),
        sdg_targets: c.sdg_targets.join(", "),
        wsis_lines: c.wsis_lines.join(", "),
        title: title.to_string(),
        description,
        title2: c.title.values.get(&lang2).cloned().unwrap_or_default(),
        description2: c.description.values.get(&lang2).cloned().unwrap_or_default(),
        text_lang,
        lang2,
        start: c.period.start.clone(),
        end: c.period.end.clone().unwrap_or_default(),
        progress: c.progress.code().to_string(),
        countries: c.countries.join(", "),
        evidence: evidence.join("\n"),
        evidence_level: c.evidence_level.code().to_string(),
        message: String::new(),
        homepage: String::new(),
    }
}

/// What the form proposes: every field for a new contribution, only the changed ones for a correction
/// (`base`, shown with its contributor's slug). Also the problems only the form can see (a choice that is not
/// one of its options).
fn contribution_input(
    lang: Lang,
    f: &ContributionForm,
    base: Option<(&Contribution, &str)>,
) -> (Value, Vec<(&'static str, String)>) {
    let mut m = Map::new();
    let mut errors = Vec::new();
    let contributor = f.contributor.trim();
    if !contributor.is_empty() {
        m.insert("contributor".into(), json!(contributor));
    }
    m.insert("commitments".into(), json!(f.commitments.iter().map(|c| c.trim()).collect::<Vec<_>>()));
    m.insert("sdg_targets".into(), json!(node_list(&f.sdg_targets, "sdg")));
    m.insert("wsis_lines".into(), json!(node_list(&f.wsis_lines, "wsis")));
    let l1 = tag_or(&f.text_lang, lang.code());
    let l2 = if f.lang2.trim().is_empty() { String::new() } else { tag_or(&f.lang2, "") };
    let mut title_pairs = vec![(l1.as_str(), f.title.as_str())];
    let mut description_pairs = vec![(l1.as_str(), f.description.as_str())];
    if !l2.is_empty() && l2 != l1 {
        title_pairs.push((l2.as_str(), f.title2.as_str()));
        description_pairs.push((l2.as_str(), f.description2.as_str()));
    }
    m.insert("title".into(), json!(text_with(base.map(|(c, _)| &c.title), &title_pairs)));
    m.insert("description".into(), json!(text_with(base.map(|(c, _)| &c.description), &description_pairs)));
    let (start, end) = (f.start.trim(), f.end.trim());
    if !start.is_empty() || !end.is_empty() {
        let mut period = json!({"start": start});
        if !end.is_empty() {
            period["end"] = json!(end);
        }
        m.insert("period".into(), period);
    }
    match f.progress.trim() {
        "" => {}
        p => match p.parse::<Progress>() {
            Ok(p) => {
                m.insert("progress".into(), json!(p));
            }
            Err(_) => errors.push(("progress", t(lang, "form-error-invalid"))),
        },
    }
    m.insert("countries".into(), json!(f.countries()));
    m.insert("evidence".into(), Value::Array(f.evidence()));
    match f.evidence_level.trim() {
        "" => {}
        e => match e.parse::<EvidenceLevel>() {
            Ok(e) => {
                m.insert("evidence_level".into(), json!(e));
            }
            Err(_) => errors.push(("evidence_level", t(lang, "form-error-invalid"))),
        },
    }
    if let Some((c, slug)) = base {
        let current = serde_json::to_value(c).unwrap_or_default();
        m.retain(|k, v| match k.as_str() {
            "contributor" => v.as_str() != Some(slug) && v.as_str() != Some(c.contributor.as_str()),
            "countries" => {
                let mut a: Vec<String> = serde_json::from_value(v.clone()).unwrap_or_default();
                a.sort();
                a.dedup();
                a != c.countries
            }
            _ => current.get(k) != Some(v),
        });
    }
    (Value::Object(m), errors)
}

/// Every problem the use case found, on the form's fields, in the page's language.
fn contribution_errors(lang: Lang, f: &ContributionForm, errors: &[FieldError]) -> Vec<(&'static str, String)> {
    let countries = f.countries();
    let sdg = node_list(&f.sdg_targets, "sdg");
    let wsis = node_list(&f.wsis_lines, "wsis");
    let evidence: Vec<String> = f
        .evidence
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| l.split_whitespace().next().unwrap_or(l).to_string())
        .collect();
    let pick = |list: &[String], field: &str| index_of(field).and_then(|i| list.get(i).cloned()).unwrap_or_default();
    errors
        .iter()
        .map(|e| {
            let name = e.field.trim_start_matches("input.");
            let base = name.split(['[', '.']).next().unwrap_or_default();
            let (field, value): (&'static str, String) = match base {
                "contributor" => ("contributor", f.contributor.trim().to_string()),
                "commitments" => ("commitments", pick(&f.commitments, name)),
                "sdg_targets" => ("sdg_targets", pick(&sdg, name)),
                "wsis_lines" => ("wsis_lines", pick(&wsis, name)),
                "title" => ("title", String::new()),
                "description" => ("description", String::new()),
                "period" if name == "period.end" => ("end", f.end.trim().to_string()),
                "period" => ("start", f.start.trim().to_string()),
                "progress" => ("progress", f.progress.clone()),
                "countries" => ("countries", pick(&countries, name)),
                "evidence" => ("evidence", pick(&evidence, name)),
                "evidence_level" => ("evidence_level", f.evidence_level.clone()),
                "message" => ("message", String::new()),
                _ => ("contributor", String::new()),
            };
            // A start date left empty is "required", not "not a date".
            let text = if field == "start" && value.is_empty() {
                t(lang, "form-error-required")
            } else {
                error_text(lang, e, &value)
            };
            (field, text)
        })
        .collect()
}

/// How a page refers to an entry: its slug (people type slugs), or the reference as given.
async fn slug_of(app: &App, reference: &str) -> Result<String, AppError> {
    if reference.is_empty() {
        return Ok(String::new());
    }
    Ok(match app.store().entry(reference).await? {
        Some(e) => e.slug,
        None => reference.to_string(),
    })
}

/// The organizations the reader belongs to, as (slug, title, editor?), and the first one to prefill with.
async fn own_organizations(app: &App, who: &Principal) -> Result<Vec<(String, String, bool)>, AppError> {
    let mut out = Vec::new();
    for m in &who.memberships {
        if let Some(e) = app.store().entry(&m.org).await? {
            if e.kind == EntryKind::Actor && e.status == Status::Published {
                let title = e.title.display(Lang::En).to_string();
                out.push((e.slug.clone(), title, m.role == cogov_app::OrgRole::Editor));
            }
        }
    }
    Ok(out)
}

/// The paragraphs above a form: how review works and, for editors, what they publish directly.
async fn intro(app: &App, lang: Lang, who: &Principal, key: &str) -> Result<Vec<String>, AppError> {
    let mut out = vec![t(lang, key)];
    let orgs = own_organizations(app, who).await?;
    let edited: Vec<String> = orgs.iter().filter(|o| o.2).map(|o| o.0.clone()).collect();
    if app.review().editors_publish_directly && !edited.is_empty() {
        out.push(i18n::message_args(lang, "mapform-direct", vec![("orgs", edited.join(", ").into())]));
    }
    if !orgs.is_empty() {
        let all: Vec<String> = orgs.iter().map(|o| o.0.clone()).collect();
        out.push(i18n::message_args(lang, "mapform-your-orgs", vec![("orgs", all.join(", ").into())]));
    }
    Ok(out)
}

/// What the page is for: a new contribution, a correction of `record`, or a revision of proposal `revise`.
#[derive(Clone, Copy)]
enum Purpose<'a> {
    New,
    Correct(&'a Contribution),
    Revise(&'a str, Option<&'a Contribution>),
}

impl<'a> Purpose<'a> {
    fn record(&self) -> Option<&'a Contribution> {
        match self {
            Purpose::New => None,
            Purpose::Correct(c) => Some(c),
            Purpose::Revise(_, c) => *c,
        }
    }
}

async fn contribution_page(
    app: &App,
    lang: Lang,
    uri: &Uri,
    who: &Principal,
    purpose: Purpose<'_>,
    f: &ContributionForm,
    errors: Vec<(&'static str, String)>,
) -> Result<FormPage, AppError> {
    let catalog = app.catalog();
    let form = "contribute";
    let mut fields = vec![Widget::new(lang, form, "contributor", "text", f.contributor.clone()).ltr()];
    let mut commitments = Widget::new(lang, form, "commitments", "checks", "");
    commitments.groups = commitment_groups(&catalog, lang, &f.commitments);
    fields.push(commitments);
    fields.push(Widget::new(lang, form, "sdg_targets", "text", f.sdg_targets.clone()).ltr());
    fields.push(Widget::new(lang, form, "wsis_lines", "text", f.wsis_lines.clone()).ltr());
    let l1 = tag_or(&f.text_lang, lang.code());
    fields.push(Widget::new(lang, form, "text_lang", "select", "").options(language_options(&l1, None)));
    fields.push(Widget::new(lang, form, "title", "text", f.title.clone()).lang(&l1));
    fields.push(Widget::new(lang, form, "description", "textarea", f.description.clone()).lang(&l1));
    let l2 = if f.lang2.trim().is_empty() { String::new() } else { tag_or(&f.lang2, "") };
    let none = Some(t(lang, "mapform-no-translation"));
    fields.push(Widget::new(lang, form, "lang2", "select", "").options(language_options(&l2, none)));
    let l2_or_unknown = if l2.is_empty() { "" } else { l2.as_str() };
    fields.push(Widget::new(lang, form, "title2", "text", f.title2.clone()).lang(l2_or_unknown));
    fields.push(Widget::new(lang, form, "description2", "textarea", f.description2.clone()).lang(l2_or_unknown));
    fields.push(Widget::new(lang, form, "start", "date", f.start.clone()).ltr());
    fields.push(Widget::new(lang, form, "end", "date", f.end.clone()).ltr());
    let mut progress = vec![(String::new(), t(lang, "mapform-choose"), f.progress.is_empty())];
    progress.extend(
        Progress::ALL
            .iter()
            .map(|p| (p.code().to_string(), t(lang, &format!("progress-{}", p.code())), f.progress == p.code())),
    );
    fields.push(Widget::new(lang, form, "progress", "select", "").options(progress));
    fields.push(Widget::new(lang, form, "countries", "text", f.countries.clone()).ltr());
    fields.push(Widget::new(lang, form, "evidence", "textarea", f.evidence.clone()).ltr());
    let current_level = if f.evidence_level.is_empty() { "self-declared" } else { f.evidence_level.as_str() };
    let levels = EvidenceLevel::ALL
        .iter()
        .filter(|e| **e != EvidenceLevel::Verified || who.is_moderator() || current_level == e.code())
        .map(|e| (e.code().to_string(), t(lang, &format!("evidence-{}", e.code())), current_level == e.code()))
        .collect();
    let mut level = Widget::new(lang, form, "evidence_level", "select", "").options(levels);
    if !who.is_moderator() {
        level.hint = format!("{} {}", level.hint, t(lang, "mapform-verified-moderators"));
    }
    fields.push(level);
    fields.push(Widget::new(lang, form, "message", "textarea", f.message.clone()));
    let errors = attach(&mut fields, errors);
    let (heading, action, intro_key) = match purpose {
        Purpose::New => ("contribute-title", format!("/{}/map/contribute", lang.code()), "contribute-intro"),
        Purpose::Correct(c) => (
            "contribute-correct-title",
            format!("/{}/map/contributions/{}/propose", lang.code(), c.id),
            "contribute-intro",
        ),
        Purpose::Revise(id, _) => {
            ("mapform-revise-title", format!("/{}/map/proposals/{id}/revise", lang.code()), "contribute-intro")
        }
    };
    let back = match purpose.record() {
        Some(c) => {
            let (l, title) = c.title.get(lang).unwrap_or(("", ""));
            (format!("/{}/map/contributions/{}", lang.code(), c.id), title.to_string(), l.to_string())
        }
        None => (format!("/{}/map", lang.code()), t(lang, "map-nav"), String::new()),
    };
    Ok(FormPage {
        page: PageMeta::new(lang, t(lang, heading), uri),
        heading: t(lang, heading),
        back,
        intro: intro(app, lang, who, intro_key).await?,
        action,
        fields,
        submit: t(lang, "propose-submit"),
        errors,
    })
}

/// The commitments as check boxes, one group per area of the Compact (in the framework's order).
fn commitment_groups(catalog: &Catalog, lang: Lang, checked: &[String]) -> Vec<CheckGroup> {
    let mut groups: Vec<CheckGroup> = Vec::new();
    let mut parents: Vec<String> = Vec::new();
    for n in usecases::commitments(catalog) {
        let parent = n.parent.clone().unwrap_or_default();
        let code = n.id.split_once(':').map(|(_, c)| c).unwrap_or(&n.id).to_string();
        let item = (n.id.clone(), code, checked.contains(&n.id));
        match parents.iter().position(|p| *p == parent) {
            Some(i) => groups[i].2.push(item),
            None => {
                let (legend_lang, legend) = match catalog.node(&parent) {
                    Some(p) => {
                        let (l, title) = p.title_in(lang);
                        let code = p.id.split_once(':').map(|(_, c)| c).unwrap_or(&p.id);
                        (l.to_string(), format!("{code} {title}"))
                    }
                    None => (String::new(), parent.clone()),
                };
                parents.push(parent);
                groups.push((legend, legend_lang, vec![item]));
            }
        }
    }
    groups
}

/// Sends a contribution proposal (new, correction or revision); on a problem, the form again with every error.
async fn submit_contribution(
    app: &App,
    lang: Lang,
    uri: &Uri,
    who: &Principal,
    purpose: Purpose<'_>,
    f: ContributionForm,
) -> PageResult {
    let err = |x| PageError::new(lang, uri, x);
    if !f.homepage.is_empty() {
        tracing::info!(user = %who.user_id, "proposal refused: honeypot field filled");
        return Err(err(AppError::invalid("form", "refused")));
    }
    let base_slug = match purpose.record() {
        Some(c) => slug_of(app, &c.contributor).await.map_err(err)?,
        None => String::new(),
    };
    let (input, mut errors) = contribution_input(lang, &f, purpose.record().map(|c| (c, base_slug.as_str())));
    let found: Vec<FieldError> = if !errors.is_empty() {
        // Still ask the use case, so every problem is shown at once.
        let probe = review::ProposalInput {
            target: Target::Contribution,
            record: purpose.record().map(|c| c.id.clone()),
            org: None,
            input: input.clone(),
            message: String::new(),
        };
        match review::check(app, who, probe).await {
            Ok(()) => vec![],
            Err(AppError::Validation(v)) => v,
            Err(x) => return Err(err(x)),
        }
    } else {
        let sent = match purpose {
            Purpose::Revise(id, _) => review::revise(app, who, id, input, &f.message).await,
            _ => {
                let p = review::ProposalInput {
                    target: Target::Contribution,
                    record: purpose.record().map(|c| c.id.clone()),
                    org: None,
                    input,
                    message: f.message.clone(),
                };
                review::propose(app, who, p).await
            }
        };
        match sent {
            Ok(p) => return Ok(Redirect::to(&format!("/{}/proposals/{}", lang.code(), p.id)).into_response()),
            Err(AppError::Validation(v)) => v,
            Err(x) => return Err(err(x)),
        }
    };
    errors.extend(contribution_errors(lang, &f, &found));
    let page = contribution_page(app, lang, uri, who, purpose, &f, errors).await.map_err(err)?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)).into_response())
}

async fn contribute_page(
    State(app): State<App>,
    Path(lang): Path<String>,
    uri: Uri,
    RawQuery(raw): RawQuery,
    RequireUser(who): RequireUser,
) -> PageResult {
    let lang = page_lang(&lang, &uri)?;
    who.check_writer().map_err(|e| PageError::new(lang, &uri, e))?;
    let err = |x| PageError::new(lang, &uri, x);
    let catalog = app.catalog();
    let mut f = ContributionForm { text_lang: lang.code().to_string(), ..Default::default() };
    // Linked from a commitment or a country: start with it chosen (anything else in the query is ignored).
    for (k, v) in form_urlencoded::parse(raw.as_deref().unwrap_or_default().as_bytes()) {
        match k.as_ref() {
            "commitment" if catalog.node(&v).is_some_and(|n| n.framework() == MAP_FRAMEWORK) => {
                f.commitments.push(v.into_owned())
            }
            "country" => {
                if let Some(c) = catalog.country(&v) {
                    f.countries = c.iso2.clone();
                }
            }
            _ => {}
        }
    }
    let orgs = own_organizations(&app, &who).await.map_err(err)?;
    f.contributor = orgs.iter().find(|o| o.2).or(orgs.first()).map(|o| o.0.clone()).unwrap_or_default();
    let page = contribution_page(&app, lang, &uri, &who, Purpose::New, &f, vec![]).await.map_err(err)?;
    Ok(render(&page))
}

async fn contribute(
    State(app): State<App>,
    Path(lang): Path<String>,
    uri: Uri,
    RequireUser(who): RequireUser,
    RawForm(body): RawForm,
) -> PageResult {
    let lang = page_lang(&lang, &uri)?;
    who.check_writer().map_err(|e| PageError::new(lang, &uri, e))?;
    submit_contribution(&app, lang, &uri, &who, Purpose::New, ContributionForm::parse(&body)).await
}

/// A published contribution (others: not found).
async fn published_contribution(app: &App, id: &str) -> Result<Contribution, AppError> {
    app.store()
        .contribution(id)
        .await?
        .filter(|c| c.status == Status::Published)
        .ok_or_else(|| AppError::not_found(format!("contribution '{id}'")))
}

async fn correct_page(
    State(app): State<App>,
    Path((lang, id)): Path<(String, String)>,
    uri: Uri,
    RequireUser(who): RequireUser,
) -> PageResult {
    let lang = page_lang(&lang, &uri)?;
    who.check_writer().map_err(|e| PageError::new(lang, &uri, e))?;
    let err = |x| PageError::new(lang, &uri, x);
    let c = published_contribution(&app, &id).await.map_err(err)?;
    let slug = slug_of(&app, &c.contributor).await.map_err(err)?;
    let f = form_of_contribution(lang, &c, slug);
    let page = contribution_page(&app, lang, &uri, &who, Purpose::Correct(&c), &f, vec![]).await.map_err(err)?;
    Ok(render(&page))
}

async fn correct(
    State(app): State<App>,
    Path((lang, id)): Path<(String, String)>,
    uri: Uri,
    RequireUser(who): RequireUser,
    RawForm(body): RawForm,
) -> PageResult {
    let lang = page_lang(&lang, &uri)?;
    who.check_writer().map_err(|e| PageError::new(lang, &uri, e))?;
    let c = published_contribution(&app, &id).await.map_err(|x| PageError::new(lang, &uri, x))?;
    submit_contribution(&app, lang, &uri, &who, Purpose::Correct(&c), ContributionForm::parse(&body)).await
}

// ---------------------------------------------------------------- endorsements

#[derive(Debug, Default, Clone)]
struct EndorsementForm {
    actor: String,
    date: String,
    objectives: Vec<String>,
    statement_lang: String,
    statement: String,
    message: String,
    homepage: String,
}

impl EndorsementForm {
    fn parse(body: &[u8]) -> EndorsementForm {
        let mut f = EndorsementForm::default();
        for (k, v) in form_urlencoded::parse(body) {
            let v = v.into_owned();
            match k.as_ref() {
                "actor" => f.actor = v,
                "date" => f.date = v,
                "objectives" => f.objectives.push(v),
                "statement_lang" => f.statement_lang = v,
                "statement" => f.statement = v,
                "message" => f.message = v,
                "homepage" => f.homepage = v,
                _ => {}
            }
        }
        f
    }
}

fn endorsement_input(lang: Lang, f: &EndorsementForm) -> Value {
    let mut m = Map::new();
    if !f.actor.trim().is_empty() {
        m.insert("actor".into(), json!(f.actor.trim()));
    }
    if !f.date.trim().is_empty() {
        m.insert("date".into(), json!(f.date.trim()));
    }
    m.insert("objectives".into(), json!(f.objectives.iter().map(|o| o.trim()).collect::<Vec<_>>()));
    let l = tag_or(&f.statement_lang, lang.code());
    m.insert("statement".into(), json!(text_with(None, &[(l.as_str(), f.statement.as_str())])));
    Value::Object(m)
}

fn endorsement_errors(lang: Lang, f: &EndorsementForm, errors: &[FieldError]) -> Vec<(&'static str, String)> {
    errors
        .iter()
        .map(|e| {
            let name = e.field.trim_start_matches("input.");
            let (field, value): (&'static str, String) = match name.split(['[', '.']).next().unwrap_or_default() {
                "actor" => ("actor", f.actor.trim().to_string()),
                "date" => ("date", f.date.trim().to_string()),
                "objectives" => {
                    ("objectives", index_of(name).and_then(|i| f.objectives.get(i).cloned()).unwrap_or_default())
                }
                "statement" => ("statement", String::new()),
                "message" => ("message", String::new()),
                _ => ("actor", String::new()),
            };
            (field, error_text(lang, e, &value))
        })
        .collect()
}

async fn endorsement_page(
    app: &App,
    lang: Lang,
    uri: &Uri,
    who: &Principal,
    revise: Option<&str>,
    f: &EndorsementForm,
    errors: Vec<(&'static str, String)>,
) -> Result<FormPage, AppError> {
    let catalog = app.catalog();
    let form = "endorse";
    let mut fields = vec![
        Widget::new(lang, form, "actor", "text", f.actor.clone()).ltr(),
        Widget::new(lang, form, "date", "date", f.date.clone()).ltr(),
    ];
    let mut objectives = Widget::new(lang, form, "objectives", "checks", "");
    let boxes = usecases::objectives(&catalog)
        .into_iter()
        .map(|n| {
            let (_, title) = n.title_in(lang);
            let code = n.id.split_once(':').map(|(_, c)| c).unwrap_or(&n.id);
            let label = i18n::message_args(lang, "map-objective-n", vec![("n", code.into())]);
            (n.id.clone(), format!("{label}: {title}"), f.objectives.contains(&n.id))
        })
        .collect();
    objectives.groups = vec![(String::new(), String::new(), boxes)];
    fields.push(objectives);
    let l = tag_or(&f.statement_lang, lang.code());
    fields.push(Widget::new(lang, form, "statement_lang", "select", "").options(language_options(&l, None)));
    fields.push(Widget::new(lang, form, "statement", "textarea", f.statement.clone()).lang(&l));
    fields.push(Widget::new(lang, form, "message", "textarea", f.message.clone()));
    let errors = attach(&mut fields, errors);
    let (heading, action) = match revise {
        Some(id) => ("mapform-revise-title", format!("/{}/map/proposals/{id}/revise", lang.code())),
        None => ("endorse-title", format!("/{}/map/endorse", lang.code())),
    };
    Ok(FormPage {
        page: PageMeta::new(lang, t(lang, heading), uri),
        heading: t(lang, heading),
        back: (format!("/{}/map/endorsements", lang.code()), t(lang, "map-nav-endorsements"), String::new()),
        intro: intro(app, lang, who, "endorse-intro").await?,
        action,
        fields,
        submit: t(lang, "propose-submit"),
        errors,
    })
}

async fn submit_endorsement(
    app: &App,
    lang: Lang,
    uri: &Uri,
    who: &Principal,
    revise: Option<&str>,
    f: EndorsementForm,
) -> PageResult {
    let err = |x| PageError::new(lang, uri, x);
    if !f.homepage.is_empty() {
        tracing::info!(user = %who.user_id, "proposal refused: honeypot field filled");
        return Err(err(AppError::invalid("form", "refused")));
    }
    let input = endorsement_input(lang, &f);
    let sent = match revise {
        Some(id) => review::revise(app, who, id, input, &f.message).await,
        None => {
            let p = review::ProposalInput {
                target: Target::Endorsement,
                record: None,
                org: None,
                input,
                message: f.message.clone(),
            };
            review::propose(app, who, p).await
        }
    };
    let errors = match sent {
        Ok(p) => return Ok(Redirect::to(&format!("/{}/proposals/{}", lang.code(), p.id)).into_response()),
        Err(AppError::Validation(v)) => endorsement_errors(lang, &f, &v),
        Err(AppError::Conflict { field, .. }) if field == "actor" => {
            vec![(
                "actor",
                i18n::message_args(lang, "mapform-error-already_endorsed", vec![("value", f.actor.trim().into())]),
            )]
        }
        Err(x) => return Err(err(x)),
    };
    let page = endorsement_page(app, lang, uri, who, revise, &f, errors).await.map_err(err)?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)).into_response())
}

async fn endorse_page(
    State(app): State<App>,
    Path(lang): Path<String>,
    uri: Uri,
    RequireUser(who): RequireUser,
) -> PageResult {
    let lang = page_lang(&lang, &uri)?;
    who.check_writer().map_err(|e| PageError::new(lang, &uri, e))?;
    let err = |x| PageError::new(lang, &uri, x);
    let orgs = own_organizations(&app, &who).await.map_err(err)?;
    let f = EndorsementForm {
        actor: orgs.iter().find(|o| o.2).or(orgs.first()).map(|o| o.0.clone()).unwrap_or_default(),
        date: cogov_store::now().chars().take(10).collect(),
        statement_lang: lang.code().to_string(),
        ..Default::default()
    };
    let page = endorsement_page(&app, lang, &uri, &who, None, &f, vec![]).await.map_err(err)?;
    Ok(render(&page))
}

async fn endorse(
    State(app): State<App>,
    Path(lang): Path<String>,
    uri: Uri,
    RequireUser(who): RequireUser,
    RawForm(body): RawForm,
) -> PageResult {
    let lang = page_lang(&lang, &uri)?;
    who.check_writer().map_err(|e| PageError::new(lang, &uri, e))?;
    submit_endorsement(&app, lang, &uri, &who, None, EndorsementForm::parse(&body)).await
}

// ---------------------------------------------------------------- revising a map proposal

/// The reader's own open proposal of a contribution or an endorsement.
async fn own_open(app: &App, who: &Principal, id: &str) -> Result<cogov_store::Proposal, AppError> {
    let p = review::get(app, who, id).await?.proposal;
    let open = p.state == review::state::PENDING || p.state == review::state::CHANGES_REQUESTED;
    let map_target = p.target == Target::Contribution.code() || p.target == Target::Endorsement.code();
    if p.proposer != who.user_id || !map_target || !open {
        return Err(AppError::not_found(format!("open proposal '{id}' of yours")));
    }
    Ok(p)
}

/// A contribution as a proposal would make it: the record it edits (or an empty one) with the proposal's fields
/// over it.
async fn proposed_contribution(
    app: &App,
    p: &cogov_store::Proposal,
) -> Result<(Option<Contribution>, Contribution), AppError> {
    let record = match &p.record_id {
        Some(id) => app.store().contribution(id).await?,
        None => None,
    };
    let mut base = match &record {
        Some(c) => serde_json::to_value(c).unwrap_or_default(),
        None => json!({"id": "", "contributor": "", "status": "draft", "commitments": [], "title": {"values": {}},
            "period": {"start": ""}, "progress": "planned", "evidence_level": "self-declared",
            "provenance": {"type": "manual", "by": ""}, "created_at": "", "updated_at": ""}),
    };
    if let (Some(b), Some(input)) = (base.as_object_mut(), p.doc["input"].as_object()) {
        for (k, v) in input {
            b.insert(k.clone(), v.clone());
        }
    }
    let merged: Contribution = serde_json::from_value(base).map_err(|e| AppError::Internal(e.to_string()))?;
    Ok((record, merged))
}

async fn revise_page(
    State(app): State<App>,
    Path((lang, id)): Path<(String, String)>,
    uri: Uri,
    RequireUser(who): RequireUser,
) -> PageResult {
    let lang = page_lang(&lang, &uri)?;
    who.check_writer().map_err(|e| PageError::new(lang, &uri, e))?;
    let err = |x| PageError::new(lang, &uri, x);
    let p = own_open(&app, &who, &id).await.map_err(err)?;
    if p.target == Target::Endorsement.code() {
        let input: usecases::EndorsementInput = serde_json::from_value(p.doc["input"].clone()).unwrap_or_default();
        let statement = input.statement.unwrap_or_default();
        let (sl, s) = statement.get(lang).unwrap_or((lang.code(), ""));
        let f = EndorsementForm {
            actor: slug_of(&app, input.actor.as_deref().unwrap_or_default()).await.map_err(err)?,
            date: input.date.unwrap_or_default(),
            objectives: input.objectives.unwrap_or_default(),
            statement_lang: sl.to_string(),
            statement: s.to_string(),
            ..Default::default()
        };
        let page = endorsement_page(&app, lang, &uri, &who, Some(&id), &f, vec![]).await.map_err(err)?;
        return Ok(render(&page));
    }
    let (record, merged) = proposed_contribution(&app, &p).await.map_err(err)?;
    let slug = slug_of(&app, &merged.contributor).await.map_err(err)?;
    let f = form_of_contribution(lang, &merged, slug);
    let page = contribution_page(&app, lang, &uri, &who, Purpose::Revise(&id, record.as_ref()), &f, vec![])
        .await
        .map_err(err)?;
    Ok(render(&page))
}

async fn revise(
    State(app): State<App>,
    Path((lang, id)): Path<(String, String)>,
    uri: Uri,
    RequireUser(who): RequireUser,
    RawForm(body): RawForm,
) -> PageResult {
    let lang = page_lang(&lang, &uri)?;
    who.check_writer().map_err(|e| PageError::new(lang, &uri, e))?;
    let err = |x| PageError::new(lang, &uri, x);
    let p = own_open(&app, &who, &id).await.map_err(err)?;
    if p.target == Target::Endorsement.code() {
        return submit_endorsement(&app, lang, &uri, &who, Some(&id), EndorsementForm::parse(&body)).await;
    }
    let record = match &p.record_id {
        Some(rid) => app.store().contribution(rid).await.map_err(|x| err(x.into()))?,
        None => None,
    };
    let purpose = Purpose::Revise(&id, record.as_ref());
    submit_contribution(&app, lang, &uri, &who, purpose, ContributionForm::parse(&body)).await
}

// ---------------------------------------------------------------- public history

#[derive(Template)]
#[template(path = "map_history.html")]
struct HistoryPage {
    page: PageMeta,
    /// The record: (link, title, language of the title).
    record: (String, String, String),
    intro: String,
    items: Vec<HistoryRow>,
}

async fn contribution_history(
    State(app): State<App>,
    Path((lang, id)): Path<(String, String)>,
    uri: Uri,
) -> PageResult {
    let lang = page_lang(&lang, &uri)?;
    let err = |x| PageError::new(lang, &uri, x);
    let c = published_contribution(&app, &id).await.map_err(err)?;
    let items = review::history(&app, Target::Contribution, &c.id).await.map_err(err)?;
    let (tl, title) = c.title.get(lang).unwrap_or(("", ""));
    Ok(render(&HistoryPage {
        page: PageMeta::new(lang, format!("{} – {title}", t(lang, "history-title")), &uri),
        record: (format!("/{}/map/contributions/{}", lang.code(), c.id), title.to_string(), tl.to_string()),
        intro: t(lang, "mapform-history-contribution"),
        items: items.iter().map(|i| history_row(lang, i)).collect(),
    }))
}

async fn endorsement_history(State(app): State<App>, Path((lang, id)): Path<(String, String)>, uri: Uri) -> PageResult {
    let lang = page_lang(&lang, &uri)?;
    let err = |x| PageError::new(lang, &uri, x);
    let e: Endorsement = app
        .store()
        .endorsement(&id)
        .await
        .map_err(|x| err(x.into()))?
        .filter(|e| e.status == Status::Published)
        .ok_or_else(|| err(AppError::not_found(format!("endorsement '{id}'"))))?;
    let items = review::history(&app, Target::Endorsement, &e.id).await.map_err(err)?;
    let actor = app.store().entry(&e.actor).await.map_err(|x| err(x.into()))?;
    let (tl, title) = actor.as_ref().and_then(|a| a.title.get(lang)).unwrap_or(("", ""));
    let name = i18n::message_args(lang, "mapform-endorsement-by", vec![("actor", title.into())]);
    Ok(render(&HistoryPage {
        page: PageMeta::new(lang, format!("{} – {name}", t(lang, "history-title")), &uri),
        record: (format!("/{}/map/endorsements", lang.code()), name, tl.to_string()),
        intro: t(lang, "mapform-history-endorsement"),
        items: items.iter().map(|i| history_row(lang, i)).collect(),
    }))
}
