//! HTML pages of submission and review: the public history of an entry, the "still accurate" confirmation of
//! an entry's keepers, the moderators' review queue and the proposal page with its decision form.
//! The use cases are in `cogov_app::review`; the JSON API is [`crate::review`].

use askama::Template;
use axum::extract::{Form, Path, State};
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use axum::Router;
use cogov_app::review::{self, Decision, HistoryItem, Target};
use cogov_app::{entries, App, AppError, Principal};
use cogov_core::entry::{Entry, FieldError};
use cogov_core::lang::Text;
use cogov_core::Lang;
use serde::Deserialize;

use crate::auth::RequireUser;
use crate::i18n;
use crate::pages::{page_lang, render, PageError, PageMeta, PageResult};

pub fn page_routes() -> Router<App> {
    Router::new()
        .route("/{lang}/entries/{slug}/history", get(history_page))
        .route("/{lang}/review", get(queue_page))
        .route("/{lang}/proposals/{id}", get(proposal_page))
        .route("/{lang}/propose", get(propose_new_page).post(propose_new))
        .route("/{lang}/entries/{slug}/propose", get(propose_edit_page).post(propose_edit))
        .route("/{lang}/proposals", get(mine_page))
        .route("/{lang}/entries/{slug}/members", get(members_page).post(set_member))
        .route("/{lang}/proposals/{id}/revise", get(revise_page).post(revise))
        .merge(form_actions())
}

/// Form actions (POST only): not pages, so not in `tests/pages.txt`; each redirects or re-renders its page.
fn form_actions() -> Router<App> {
    const ACTIONS: [&str; 6] = [
        "/{lang}/entries/{slug}/confirm",
        "/{lang}/proposals/{id}/decision",
        "/{lang}/proposals/{id}/withdraw",
        "/{lang}/entries/{slug}/members/remove",
        "/{lang}/entries/{slug}/join",
        "/{lang}/entries/{slug}/join-requests/{id}",
    ];
    let [confirm, decision, withdraw_action, remove, join, join_decision] = ACTIONS;
    Router::new()
        .route(remove, post(remove_member))
        .route(join, post(request_join))
        .route(join_decision, post(decide_join))
        .route(confirm, post(confirm_entry))
        .route(decision, post(decide))
        .route(withdraw_action, post(withdraw))
}

fn t(lang: Lang, key: &str) -> String {
    i18n::message(lang, key)
}

/// A published entry by slug or id (others: not found).
async fn published(app: &App, lang: Lang, uri: &Uri, slug: &str) -> Result<Entry, PageError> {
    let e = entries::get(app, slug).await.map_err(|e| PageError::new(lang, uri, e))?;
    if e.status != cogov_core::entry::Status::Published {
        return Err(PageError::new(lang, uri, AppError::not_found(format!("entry '{slug}'"))));
    }
    Ok(e)
}

// ---------------------------------------------------------------- stewardship on the entry page

/// What the entry page shows about an entry's upkeep: since when it is stale (if it is) and whether the reader
/// may confirm it.
pub(crate) struct Upkeep {
    pub stale_since: Option<String>,
    pub can_confirm: bool,
    /// An organization: the page links to its members page.
    pub is_org: bool,
}

pub(crate) async fn upkeep(app: &App, lang: Lang, who: Option<&Principal>, e: &Entry) -> Result<Upkeep, AppError> {
    let last = app.store().last_confirmed(std::slice::from_ref(&e.id)).await?;
    let stale_since = last
        .into_iter()
        .find(|(id, _)| *id == e.id)
        .filter(|(_, at)| review::is_stale(app, at))
        .map(|(_, at)| i18n::format_date(lang, &at));
    let can_confirm = match who {
        Some(p) if p.may_write() => review::can_confirm(app, p, e).await?,
        _ => false,
    };
    Ok(Upkeep { stale_since, can_confirm, is_org: e.kind == cogov_core::entry::EntryKind::Actor })
}

async fn confirm_entry(
    State(app): State<App>,
    Path((lang, slug)): Path<(String, String)>,
    uri: Uri,
    RequireUser(who): RequireUser,
) -> PageResult {
    let lang = page_lang(&lang, &uri)?;
    let e = published(&app, lang, &uri, &slug).await?;
    review::confirm(&app, &who, &e.id).await.map_err(|x| PageError::new(lang, &uri, x))?;
    Ok(Redirect::to(&format!("/{}/entries/{}", lang.code(), e.slug)).into_response())
}

// ---------------------------------------------------------------- public history

pub(crate) struct HistoryRow {
    pub(crate) at: String,
    pub(crate) what: String,
    pub(crate) actor: String,
    pub(crate) reason: String,
    pub(crate) status: Option<String>,
    pub(crate) fields: String,
}

#[derive(Template)]
#[template(path = "entry_history.html")]
struct HistoryPage {
    page: PageMeta,
    slug: String,
    title: String,
    title_lang: String,
    items: Vec<HistoryRow>,
}

fn status_name(lang: Lang, code: &str) -> String {
    i18n::try_message(lang, &format!("status-{code}")).unwrap_or_else(|| code.to_string())
}

pub(crate) fn history_row(lang: Lang, i: &HistoryItem) -> HistoryRow {
    let what = match i.revision {
        Some(n) => i18n::message_args(lang, "history-revision", vec![("number", n.into())]),
        None => i18n::try_message(lang, &format!("history-{}", i.kind)).unwrap_or_else(|| i.kind.clone()),
    };
    let status = match (&i.status_from, &i.status_to) {
        (Some(from), Some(to)) => Some(i18n::message_args(
            lang,
            "history-status-change",
            vec![("from", status_name(lang, from).into()), ("to", status_name(lang, to).into())],
        )),
        (None, Some(to)) => {
            Some(i18n::message_args(lang, "history-status-set", vec![("to", status_name(lang, to).into())]))
        }
        _ => None,
    };
    HistoryRow {
        at: i18n::format_datetime(lang, &i.at),
        what,
        actor: i.actor.clone(),
        reason: i.reason.clone(),
        status,
        fields: i.fields.iter().filter(|f| f.as_str() != "status").cloned().collect::<Vec<_>>().join(", "),
    }
}

async fn history_page(State(app): State<App>, Path((lang, slug)): Path<(String, String)>, uri: Uri) -> PageResult {
    let lang = page_lang(&lang, &uri)?;
    let e = published(&app, lang, &uri, &slug).await?;
    let items = review::history(&app, Target::Entry, &e.id).await.map_err(|x| PageError::new(lang, &uri, x))?;
    let (tl, title) = e.title.get(lang).unwrap_or(("en", ""));
    Ok(render(&HistoryPage {
        page: PageMeta::new(lang, format!("{} – {title}", t(lang, "history-title")), &uri),
        slug: e.slug.clone(),
        title: title.to_string(),
        title_lang: tl.to_string(),
        items: items.iter().map(|i| history_row(lang, i)).collect(),
    }))
}

// ---------------------------------------------------------------- review queue

struct QueueRow {
    id: String,
    title: String,
    title_lang: String,
    what: String,
    proposer: String,
    at: String,
}

#[derive(Template)]
#[template(path = "review_queue.html")]
struct QueuePage {
    page: PageMeta,
    rows: Vec<QueueRow>,
}

/// The title a proposal gives its record, in the page language if it has one.
fn proposed_title(lang: Lang, p: &cogov_store::Proposal) -> (String, String) {
    let text: Option<Text> = serde_json::from_value(p.doc["input"]["title"].clone()).ok();
    match text.as_ref().and_then(|x| x.get(lang)) {
        Some((l, s)) => (l.to_string(), s.to_string()),
        None => (String::new(), p.record_id.clone().unwrap_or_else(|| p.id.clone())),
    }
}

fn proposal_what(lang: Lang, p: &cogov_store::Proposal) -> String {
    let target = t(lang, &format!("proposal-target-{}", p.target));
    // An edit is made on a revision of the record; a new record has none (also once it is written).
    let key = if p.record_id.is_some() && p.base_revision.is_some() { "proposal-edit" } else { "proposal-new" };
    i18n::message_args(lang, key, vec![("target", target.into())])
}

async fn queue_page(
    State(app): State<App>,
    Path(lang): Path<String>,
    uri: Uri,
    RequireUser(who): RequireUser,
) -> PageResult {
    let lang = page_lang(&lang, &uri)?;
    let list = review::queue(&app, &who, &[]).await.map_err(|x| PageError::new(lang, &uri, x))?;
    let rows = list
        .iter()
        .map(|p| {
            let (title_lang, title) = proposed_title(lang, p);
            QueueRow {
                id: p.id.clone(),
                title,
                title_lang,
                what: proposal_what(lang, p),
                proposer: p.proposer_name.clone(),
                at: i18n::format_datetime(lang, &p.created_at),
            }
        })
        .collect();
    Ok(render(&QueuePage { page: PageMeta::new(lang, t(lang, "review-title"), &uri), rows }))
}

// ---------------------------------------------------------------- one proposal

struct Change {
    field: String,
    before: String,
    after: String,
}

struct EventRow {
    at: String,
    what: String,
    actor: String,
    reason: String,
}

#[derive(Template)]
#[template(path = "proposal.html")]
struct ProposalPage {
    page: PageMeta,
    id: String,
    title: String,
    title_lang: String,
    what: String,
    state: String,
    proposer: String,
    message: String,
    record_href: Option<String>,
    revise_href: String,
    changes: Vec<Change>,
    events: Vec<EventRow>,
    /// Whether the reader may decide (a moderator, the proposal open, not their own).
    can_decide: bool,
    /// Whether the reader is the proposer and the proposal is still open (revise, withdraw).
    can_revise: bool,
    /// Where the breadcrumb leads: the queue (moderators) or the reader's own proposals.
    back: (String, String),
    reason: String,
    /// Errors of the decision form: (field anchor, text).
    errors: Vec<(&'static str, String)>,
    reason_error: Option<String>,
}

/// A field value as a reader sees it: text as is, lists joined, anything else as compact JSON.
fn show(v: Option<&serde_json::Value>) -> String {
    use serde_json::Value;
    match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(a)) if a.iter().all(Value::is_string) => {
            a.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(", ")
        }
        Some(Value::Object(o)) if o.len() == 1 && o.get("values").is_some_and(Value::is_object) => {
            let values = o.get("values").and_then(Value::as_object).cloned().unwrap_or_default();
            values
                .iter()
                .map(|(l, s)| format!("[{l}] {}", s.as_str().unwrap_or_default()))
                .collect::<Vec<_>>()
                .join(" ")
        }
        // A contribution's period and evidence links, as people write them.
        Some(Value::Object(o)) if o.contains_key("start") => {
            let part = |k: &str| o.get(k).and_then(Value::as_str).unwrap_or_default().to_string();
            format!("{} – {}", part("start"), part("end")).trim_end().to_string()
        }
        Some(Value::Array(a)) if a.iter().all(|x| x.get("url").is_some()) => a
            .iter()
            .map(|x| match x.get("label").and_then(Value::as_str) {
                Some(l) => format!("{} ({l})", x["url"].as_str().unwrap_or_default()),
                None => x["url"].as_str().unwrap_or_default().to_string(),
            })
            .collect::<Vec<_>>()
            .join(", "),
        Some(other) => other.to_string(),
    }
}

/// The proposal's fields against the record it edits (entries, contributions and endorsements alike: as it is
/// now while the proposal is open, as it was before once the proposal was applied), or alone for a new record.
async fn changes(app: &App, p: &cogov_store::Proposal) -> Result<Vec<Change>, AppError> {
    let input = p.doc["input"].as_object().cloned().unwrap_or_default();
    let applied = p.state == review::state::APPROVED || p.state == review::state::PUBLISHED;
    let current = match (&p.record_id, p.base_revision) {
        (Some(id), Some(base)) if applied => {
            // The revision the decision wrote holds each changed field's value before it.
            let revisions = match p.target.as_str() {
                "entry" => app.store().revisions(id).await?,
                target => app.store().map_revisions(target, id).await?,
            };
            revisions.into_iter().find(|r| r.number == base + 1).map(|r| {
                serde_json::Value::Object(
                    r.changes.into_iter().map(|c| (c.field, c.before.unwrap_or(serde_json::Value::Null))).collect(),
                )
            })
        }
        (Some(id), _) if !applied => match p.target.as_str() {
            "entry" => app.store().entry(id).await?.and_then(|e| serde_json::to_value(e).ok()),
            "contribution" => app.store().contribution(id).await?.and_then(|c| serde_json::to_value(c).ok()),
            "endorsement" => app.store().endorsement(id).await?.and_then(|e| serde_json::to_value(e).ok()),
            _ => None,
        },
        _ => None,
    };
    // An applied edit: only the fields its revision changed.
    let only_changed = applied && p.base_revision.is_some();
    Ok(input
        .iter()
        .filter(|(field, _)| !only_changed || current.as_ref().is_some_and(|c| c.get(field.as_str()).is_some()))
        .map(|(field, after)| Change {
            field: field.clone(),
            before: show(current.as_ref().and_then(|c| c.get(field))),
            after: show(Some(after)),
        })
        .filter(|c| c.before != c.after)
        .collect())
}

async fn proposal_view(
    app: &App,
    lang: Lang,
    uri: &Uri,
    who: &Principal,
    id: &str,
    reason: String,
    errors: Vec<(&'static str, String)>,
) -> Result<ProposalPage, AppError> {
    let view = review::get(app, who, id).await?;
    let p = &view.proposal;
    let (title_lang, title) = proposed_title(lang, p);
    let published = cogov_core::entry::Status::Published;
    let record_href = match (&p.record_id, p.target.as_str()) {
        (Some(rid), "entry") => app
            .store()
            .entry(rid)
            .await?
            .and_then(|e| (e.status == published).then(|| format!("/{}/entries/{}", lang.code(), e.slug))),
        (Some(rid), "contribution") => app
            .store()
            .contribution(rid)
            .await?
            .and_then(|c| (c.status == published).then(|| format!("/{}/map/contributions/{}", lang.code(), c.id))),
        (Some(rid), "endorsement") => app.store().endorsement(rid).await?.and_then(|e| {
            (e.status == published).then(|| format!("/{}/map/endorsements/{}/history", lang.code(), e.id))
        }),
        _ => None,
    };
    // Contributions and endorsements are revised with their own form.
    let revise_href = match p.target.as_str() {
        "entry" => format!("/{}/proposals/{}/revise", lang.code(), p.id),
        _ => format!("/{}/map/proposals/{}/revise", lang.code(), p.id),
    };
    let reason_error = errors.iter().find(|(f, _)| *f == "reason").map(|(_, e)| e.clone());
    Ok(ProposalPage {
        page: PageMeta::new(lang, format!("{} – {title}", t(lang, "proposal-title")), uri),
        id: p.id.clone(),
        title,
        title_lang,
        what: proposal_what(lang, p),
        state: t(lang, &format!("proposal-state-{}", p.state)),
        proposer: p.proposer_name.clone(),
        message: p.doc["message"].as_str().unwrap_or_default().to_string(),
        record_href,
        revise_href,
        changes: changes(app, p).await?,
        events: view
            .events
            .iter()
            .map(|e| EventRow {
                at: i18n::format_datetime(lang, &e.at),
                what: i18n::try_message(lang, &format!("history-{}", e.action)).unwrap_or_else(|| e.action.clone()),
                actor: e.actor_name.clone(),
                reason: e.reason.clone(),
            })
            .collect(),
        can_decide: who.is_moderator() && p.state == review::state::PENDING && p.proposer != who.user_id,
        can_revise: p.proposer == who.user_id
            && (p.state == review::state::PENDING || p.state == review::state::CHANGES_REQUESTED),
        back: if who.is_moderator() {
            (format!("/{}/review", lang.code()), t(lang, "review-title"))
        } else {
            (format!("/{}/proposals", lang.code()), t(lang, "mine-title"))
        },
        reason,
        errors,
        reason_error,
    })
}

async fn proposal_page(
    State(app): State<App>,
    Path((lang, id)): Path<(String, String)>,
    uri: Uri,
    RequireUser(who): RequireUser,
) -> PageResult {
    let lang = page_lang(&lang, &uri)?;
    let view = proposal_view(&app, lang, &uri, &who, &id, String::new(), vec![])
        .await
        .map_err(|x| PageError::new(lang, &uri, x))?;
    Ok(render(&view))
}

#[derive(Deserialize, Default)]
struct DecisionForm {
    #[serde(default)]
    decision: String,
    #[serde(default)]
    reason: String,
}

async fn decide(
    State(app): State<App>,
    Path((lang, id)): Path<(String, String)>,
    uri: Uri,
    RequireUser(who): RequireUser,
    Form(f): Form<DecisionForm>,
) -> PageResult {
    let lang = page_lang(&lang, &uri)?;
    let decision = match f.decision.as_str() {
        "approve" => Some(Decision::Approve),
        "reject" => Some(Decision::Reject),
        "request_changes" => Some(Decision::RequestChanges),
        _ => None,
    };
    let result = match decision {
        Some(d) => review::decide(&app, &who, &id, d, &f.reason).await.map(|_| ()),
        None => Err(AppError::Validation(vec![FieldError::new(
            "decision",
            "required",
            "choose approve, reject or request changes",
        )])),
    };
    let errors: Vec<(&'static str, String)> = match result {
        Ok(()) => return Ok(Redirect::to(&format!("/{}/proposals/{id}", lang.code())).into_response()),
        Err(AppError::Validation(errors)) => errors
            .iter()
            .map(|e| {
                let text = i18n::try_message(lang, &format!("decision-error-{}-{}", e.field, e.code))
                    .unwrap_or_else(|| crate::account::error_text(lang, e));
                (if e.field == "reason" { "reason" } else { "decision" }, text)
            })
            .collect(),
        Err(AppError::Conflict { .. }) => vec![("decision", t(lang, "decision-error-conflict"))],
        Err(e) => return Err(PageError::new(lang, &uri, e)),
    };
    let view = proposal_view(&app, lang, &uri, &who, &id, f.reason.clone(), errors)
        .await
        .map_err(|x| PageError::new(lang, &uri, x))?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&view)).into_response())
}

// ---------------------------------------------------------------- propose a new entry or an edit

/// The proposal form. `homepage` is the honeypot: hidden from people (and from assistive technology), filled
/// only by robots; a submission with it filled is refused without saying why.
#[derive(Deserialize, Default, Clone)]
struct ProposeForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    title_lang: String,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    summary_lang: String,
    #[serde(default)]
    website: String,
    #[serde(default)]
    countries: String,
    #[serde(default)]
    tags: String,
    #[serde(default)]
    message: String,
    #[serde(default)]
    homepage: String,
    /// "Act for my organization": the id of an organization the proposer edits, or empty (in their own name).
    #[serde(default)]
    org: String,
}

#[derive(Template)]
#[template(path = "propose.html")]
struct ProposePage {
    page: PageMeta,
    heading: String,
    action: String,
    /// For an edit: the entry's link and title.
    editing: Option<(String, String, String)>,
    form: ProposeForm,
    kinds: Vec<(&'static str, String)>,
    errors: Vec<(&'static str, String)>,
    /// The organizations the proposer edits (id, title, title language): offered as "act for" (not on revisions).
    orgs: Vec<(String, String, String)>,
    /// Whether acting for one of them publishes at once (`review.editors_publish_directly`).
    direct: bool,
}

/// The page with the proposer's organizations offered (those they edit), unless it revises a proposal.
async fn with_orgs(app: &App, who: &Principal, mut page: ProposePage, revise: bool) -> ProposePage {
    page.direct = app.review().editors_publish_directly;
    if revise {
        return page;
    }
    for m in who.memberships.iter().filter(|m| m.role == cogov_app::OrgRole::Editor) {
        if let Ok(Some(e)) = app.store().entry(&m.org).await {
            let (l, title) = e.title.get(page.page.language).unwrap_or(("en", ""));
            page.orgs.push((e.id.clone(), title.to_string(), l.to_string()));
        }
    }
    page
}

impl ProposePage {
    fn label(&self, field: &str) -> String {
        t(self.page.language, &format!("field-propose-{field}"))
    }

    fn error(&self, field: &str) -> Option<String> {
        error_of(&self.errors, field)
    }
}

/// The errors of one form field, joined (`None` when it has none).
fn error_of(errors: &[(&'static str, String)], field: &str) -> Option<String> {
    let all: Vec<&str> = errors.iter().filter(|(f, _)| *f == field).map(|(_, e)| e.as_str()).collect();
    (!all.is_empty()).then(|| all.join(" "))
}

fn split_list(s: &str) -> Vec<String> {
    s.split(|c: char| c == ',' || c.is_whitespace()).filter(|x| !x.is_empty()).map(str::to_string).collect()
}

/// The form as it first shows: empty for a new entry, the entry's values for an edit.
fn form_of(lang: Lang, e: Option<&Entry>) -> ProposeForm {
    let code = lang.code().to_string();
    let Some(e) = e else {
        return ProposeForm { title_lang: code.clone(), summary_lang: code, ..Default::default() };
    };
    let (tl, title) = e.title.get(lang).unwrap_or((lang.code(), ""));
    let (sl, summary) = e.summary.get(lang).unwrap_or((lang.code(), ""));
    ProposeForm {
        kind: e.kind.code().to_string(),
        title: title.to_string(),
        title_lang: tl.to_string(),
        summary: summary.to_string(),
        summary_lang: sl.to_string(),
        website: e.website.clone().unwrap_or_default(),
        countries: e.countries.join(", "),
        tags: e.tags.iter().map(|t| t.node.as_str()).collect::<Vec<_>>().join(", "),
        message: String::new(),
        homepage: String::new(),
        org: String::new(),
    }
}

fn propose_page(
    lang: Lang,
    uri: &Uri,
    e: Option<&Entry>,
    revise: Option<&str>,
    form: ProposeForm,
    errors: Vec<(&'static str, String)>,
) -> ProposePage {
    let key = match (revise, e) {
        (Some(_), _) => "propose-revise-title",
        (None, Some(_)) => "propose-edit-title",
        (None, None) => "propose-new-title",
    };
    ProposePage {
        page: PageMeta::new(lang, t(lang, key), uri),
        heading: t(lang, key),
        action: match (revise, e) {
            (Some(id), _) => format!("/{}/proposals/{id}/revise", lang.code()),
            (None, Some(e)) => format!("/{}/entries/{}/propose", lang.code(), e.slug),
            (None, None) => format!("/{}/propose", lang.code()),
        },
        editing: e.map(|e| {
            let (l, title) = e.title.get(lang).unwrap_or(("en", ""));
            (format!("/{}/entries/{}", lang.code(), e.slug), title.to_string(), l.to_string())
        }),
        form,
        kinds: cogov_core::entry::EntryKind::ALL
            .iter()
            .map(|k| (k.code(), crate::pages::kind_label(lang, *k)))
            .collect(),
        errors,
        orgs: vec![],
        direct: false,
    }
}

/// The entry input a form proposes: every field for a new entry, only the changed ones for an edit.
fn input_of(f: &ProposeForm, e: Option<&Entry>, who: &Principal) -> serde_json::Value {
    use serde_json::{json, Map, Value};
    let mut m = Map::new();
    let text = |base: Option<&Text>, lang: &str, value: &str| {
        let mut t = base.cloned().unwrap_or_default();
        let lang = if lang.is_empty() { "en" } else { lang };
        if value.trim().is_empty() {
            t.values.remove(lang);
        } else {
            t.values.insert(lang.to_string(), value.trim().to_string());
        }
        t
    };
    if !f.kind.is_empty() && e.is_none_or(|e| e.kind.code() != f.kind) {
        m.insert("kind".into(), Value::String(f.kind.clone()));
    }
    let title = text(e.map(|e| &e.title), &f.title_lang, &f.title);
    if e.is_none_or(|e| e.title != title) {
        m.insert("title".into(), json!(title));
    }
    let summary = text(e.map(|e| &e.summary), &f.summary_lang, &f.summary);
    if e.map_or(!summary.is_empty(), |e| e.summary != summary) {
        m.insert("summary".into(), json!(summary));
    }
    let website = f.website.trim();
    if e.map_or(!website.is_empty(), |e| e.website.as_deref().unwrap_or_default() != website) {
        m.insert("website".into(), if website.is_empty() { Value::Null } else { Value::String(website.into()) });
    }
    let countries: Vec<String> = split_list(&f.countries).iter().map(|c| c.to_ascii_uppercase()).collect();
    if e.map_or(!countries.is_empty(), |e| e.countries != countries) {
        m.insert("countries".into(), json!(countries));
    }
    let nodes = split_list(&f.tags);
    if e.map_or(!nodes.is_empty(), |e| e.tags.iter().map(|t| &t.node).ne(nodes.iter())) {
        let tags: Vec<Value> = nodes
            .iter()
            .map(|n| match e.and_then(|e| e.tags.iter().find(|t| t.node == *n)) {
                Some(kept) => json!(kept),
                None => json!({"node": n, "provenance": {"type": "manual", "by": who.name}}),
            })
            .collect();
        m.insert("tags".into(), Value::Array(tags));
    }
    Value::Object(m)
}

/// Field error codes with a message of their own on this form (`propose-error-<code>`, given the value).
const PROPOSE_ERRORS: &[&str] = &["unknown_country", "unknown_node", "invalid_url", "unchanged"];

/// Every problem of a form at once, as (field, text) in the page's language.
fn form_errors(lang: Lang, f: &ProposeForm, errors: &[FieldError]) -> Vec<(&'static str, String)> {
    let countries = split_list(&f.countries);
    let nodes = split_list(&f.tags);
    let at = |list: &[String], field: &str| {
        field
            .split_once('[')
            .and_then(|(_, r)| r.split(']').next())
            .and_then(|i| i.parse::<usize>().ok())
            .and_then(|i| list.get(i).cloned())
            .unwrap_or_default()
    };
    errors
        .iter()
        .map(|e| {
            let name = e.field.trim_start_matches("input.");
            let base = name.split(['[', '.']).next().unwrap_or_default();
            let (field, value): (&'static str, String) = match base {
                "kind" => ("kind", f.kind.clone()),
                "title" => ("title", String::new()),
                "summary" => ("summary", String::new()),
                "website" => ("website", f.website.clone()),
                "countries" => ("countries", at(&countries, name)),
                "tags" => ("tags", at(&nodes, name)),
                "message" => ("message", String::new()),
                "org" => ("org", String::new()),
                _ => ("title", String::new()),
            };
            let text = if PROPOSE_ERRORS.contains(&e.code.as_str()) {
                i18n::message_args(lang, &format!("propose-error-{}", e.code), vec![("value", value.into())])
            } else {
                crate::account::error_text(lang, e)
            };
            (field, text)
        })
        .collect()
}

async fn propose_new_page(
    State(app): State<App>,
    Path(lang): Path<String>,
    uri: Uri,
    RequireUser(who): RequireUser,
) -> PageResult {
    let lang = page_lang(&lang, &uri)?;
    who.check_writer().map_err(|e| PageError::new(lang, &uri, e))?;
    Ok(render(&with_orgs(&app, &who, propose_page(lang, &uri, None, None, form_of(lang, None), vec![]), false).await))
}

async fn propose_edit_page(
    State(app): State<App>,
    Path((lang, slug)): Path<(String, String)>,
    uri: Uri,
    RequireUser(who): RequireUser,
) -> PageResult {
    let lang = page_lang(&lang, &uri)?;
    who.check_writer().map_err(|e| PageError::new(lang, &uri, e))?;
    let e = published(&app, lang, &uri, &slug).await?;
    let page = propose_page(lang, &uri, Some(&e), None, form_of(lang, Some(&e)), vec![]);
    Ok(render(&with_orgs(&app, &who, page, false).await))
}

async fn propose_new(
    State(app): State<App>,
    Path(lang): Path<String>,
    uri: Uri,
    RequireUser(who): RequireUser,
    Form(f): Form<ProposeForm>,
) -> PageResult {
    let lang = page_lang(&lang, &uri)?;
    submit(&app, lang, &uri, &who, None, None, f).await
}

async fn propose_edit(
    State(app): State<App>,
    Path((lang, slug)): Path<(String, String)>,
    uri: Uri,
    RequireUser(who): RequireUser,
    Form(f): Form<ProposeForm>,
) -> PageResult {
    let lang = page_lang(&lang, &uri)?;
    let e = published(&app, lang, &uri, &slug).await?;
    submit(&app, lang, &uri, &who, Some(&e), None, f).await
}

/// A language tag from the form, or the page's language when it is not one.
fn tag_or(lang: Lang, tag: &str) -> String {
    let ok = !tag.is_empty() && tag.len() <= 12 && tag.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    if ok {
        tag.to_string()
    } else {
        lang.code().to_string()
    }
}

async fn submit(
    app: &App,
    lang: Lang,
    uri: &Uri,
    who: &Principal,
    e: Option<&Entry>,
    revise: Option<&str>,
    mut f: ProposeForm,
) -> PageResult {
    f.title_lang = tag_or(lang, &f.title_lang);
    f.summary_lang = tag_or(lang, &f.summary_lang);
    if !f.homepage.is_empty() {
        tracing::info!(user = %who.user_id, "proposal refused: honeypot field filled");
        return Err(PageError::new(lang, uri, AppError::invalid("form", "refused")));
    }
    let input = input_of(&f, e, who);
    // Check every field first (the use case stops at a missing kind); nothing is written unless all pass.
    let mut errors = Vec::new();
    if e.is_none() && f.kind.is_empty() {
        errors.push(FieldError::new("kind", "required", "choose a kind"));
    }
    if e.is_none() {
        let mut probe = input.clone();
        probe["kind"] = serde_json::Value::String(if f.kind.is_empty() { "initiative".into() } else { f.kind.clone() });
        match serde_json::from_value::<entries::EntryInput>(probe) {
            Ok(parsed) => {
                if let Err(AppError::Validation(v)) = entries::validate_input(&app.catalog(), &parsed) {
                    errors.extend(v);
                }
            }
            Err(_) => errors.push(FieldError::new("kind", "invalid", "not a kind of entry")),
        }
    }
    if !errors.is_empty() {
        let list = form_errors(lang, &f, &errors);
        let page = with_orgs(app, who, propose_page(lang, uri, e, revise, f, list), revise.is_some()).await;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)).into_response());
    }
    if let Some(id) = revise {
        return match review::revise(app, who, id, input, &f.message).await {
            Ok(p) => Ok(Redirect::to(&format!("/{}/proposals/{}", lang.code(), p.id)).into_response()),
            Err(AppError::Validation(v)) => {
                let list = form_errors(lang, &f, &v);
                let page = with_orgs(app, who, propose_page(lang, uri, e, revise, f, list), true).await;
                Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)).into_response())
            }
            Err(x) => Err(PageError::new(lang, uri, x)),
        };
    }
    let proposal = review::ProposalInput {
        target: Target::Entry,
        record: e.map(|e| e.id.clone()),
        org: Some(f.org.trim().to_string()).filter(|o| !o.is_empty()),
        input,
        message: f.message.clone(),
    };
    match review::propose(app, who, proposal).await {
        Ok(p) => Ok(Redirect::to(&format!("/{}/proposals/{}", lang.code(), p.id)).into_response()),
        Err(AppError::Validation(v)) => {
            let list = form_errors(lang, &f, &v);
            let page = with_orgs(app, who, propose_page(lang, uri, e, revise, f, list), false).await;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)).into_response())
        }
        Err(x) => Err(PageError::new(lang, uri, x)),
    }
}

// ---------------------------------------------------------------- the proposer's own proposals

struct MineRow {
    id: String,
    title: String,
    title_lang: String,
    what: String,
    state: String,
    reason: String,
    at: String,
}

#[derive(Template)]
#[template(path = "my_proposals.html")]
struct MinePage {
    page: PageMeta,
    rows: Vec<MineRow>,
}

async fn mine_page(
    State(app): State<App>,
    Path(lang): Path<String>,
    uri: Uri,
    RequireUser(who): RequireUser,
) -> PageResult {
    let lang = page_lang(&lang, &uri)?;
    let err = |x: AppError| PageError::new(lang, &uri, x);
    let mut rows = Vec::new();
    for p in review::mine(&app, &who).await.map_err(err)? {
        let events = app.store().proposal_events(&p.id).await.map_err(|x| err(x.into()))?;
        let reason = events.iter().rev().find(|e| e.actor != who.user_id && !e.reason.is_empty());
        let (title_lang, title) = proposed_title(lang, &p);
        rows.push(MineRow {
            id: p.id.clone(),
            title,
            title_lang,
            what: proposal_what(lang, &p),
            state: t(lang, &format!("proposal-state-{}", p.state)),
            reason: reason.map(|e| e.reason.clone()).unwrap_or_default(),
            at: i18n::format_datetime(lang, &p.updated_at),
        });
    }
    Ok(render(&MinePage { page: PageMeta::new(lang, t(lang, "mine-title"), &uri), rows }))
}

/// The proposer's open proposal and, for an edit, the entry it edits.
async fn own_open(app: &App, who: &Principal, id: &str) -> Result<(cogov_store::Proposal, Option<Entry>), AppError> {
    let p = review::get(app, who, id).await?.proposal;
    let open = p.state == review::state::PENDING || p.state == review::state::CHANGES_REQUESTED;
    if p.proposer != who.user_id || p.target != Target::Entry.code() || !open {
        return Err(AppError::not_found(format!("open proposal '{id}' of yours")));
    }
    let e = match &p.record_id {
        Some(rid) => app.store().entry(rid).await?,
        None => None,
    };
    Ok((p, e))
}

/// The form of a proposal as it stands: the edited entry with the proposal's fields over it.
fn form_of_proposal(lang: Lang, p: &cogov_store::Proposal, e: Option<&Entry>) -> ProposeForm {
    let mut base = match e {
        Some(e) => serde_json::to_value(e).unwrap_or_default(),
        None => serde_json::json!({"id": "", "kind": "initiative", "slug": "", "status": "draft",
            "title": {"values": {}}, "provenance": {"type": "manual", "by": ""}, "created_at": "", "updated_at": ""}),
    };
    if let (Some(b), Some(input)) = (base.as_object_mut(), p.doc["input"].as_object()) {
        for (k, v) in input {
            b.insert(k.clone(), v.clone());
        }
    }
    let merged: Option<Entry> = serde_json::from_value(base).ok();
    form_of(lang, merged.as_ref().or(e))
}

async fn revise_page(
    State(app): State<App>,
    Path((lang, id)): Path<(String, String)>,
    uri: Uri,
    RequireUser(who): RequireUser,
) -> PageResult {
    let lang = page_lang(&lang, &uri)?;
    who.check_writer().map_err(|e| PageError::new(lang, &uri, e))?;
    let (p, e) = own_open(&app, &who, &id).await.map_err(|x| PageError::new(lang, &uri, x))?;
    let form = form_of_proposal(lang, &p, e.as_ref());
    Ok(render(&propose_page(lang, &uri, e.as_ref(), Some(&id), form, vec![])))
}

async fn revise(
    State(app): State<App>,
    Path((lang, id)): Path<(String, String)>,
    uri: Uri,
    RequireUser(who): RequireUser,
    Form(f): Form<ProposeForm>,
) -> PageResult {
    let lang = page_lang(&lang, &uri)?;
    who.check_writer().map_err(|e| PageError::new(lang, &uri, e))?;
    let (_, e) = own_open(&app, &who, &id).await.map_err(|x| PageError::new(lang, &uri, x))?;
    submit(&app, lang, &uri, &who, e.as_ref(), Some(&id), f).await
}

async fn withdraw(
    State(app): State<App>,
    Path((lang, id)): Path<(String, String)>,
    uri: Uri,
    RequireUser(who): RequireUser,
) -> PageResult {
    let lang = page_lang(&lang, &uri)?;
    review::withdraw(&app, &who, &id).await.map_err(|x| PageError::new(lang, &uri, x))?;
    Ok(Redirect::to(&format!("/{}/proposals", lang.code())).into_response())
}

// ---------------------------------------------------------------- organization members

struct MemberRow {
    user_id: String,
    name: String,
    role: String,
    since: String,
}

struct JoinRow {
    id: String,
    name: String,
    message: String,
    at: String,
}

#[derive(Template)]
#[template(path = "members.html")]
struct MembersPage {
    page: PageMeta,
    slug: String,
    title: String,
    title_lang: String,
    /// Members see the list; editors (and admins) manage it.
    is_member: bool,
    is_editor: bool,
    /// For others: whether their request to join is waiting.
    join_pending: bool,
    members: Vec<MemberRow>,
    requests: Vec<JoinRow>,
    roles: Vec<(&'static str, String)>,
    person: String,
    role: String,
    errors: Vec<(&'static str, String)>,
}

impl MembersPage {
    fn error(&self, field: &str) -> Option<String> {
        error_of(&self.errors, field)
    }

    fn label(&self, field: &str) -> String {
        t(self.page.language, &format!("field-member-{field}"))
    }
}

async fn members_view(
    app: &App,
    lang: Lang,
    uri: &Uri,
    who: &Principal,
    slug: &str,
    form: MemberForm,
    errors: Vec<(&'static str, String)>,
) -> Result<MembersPage, AppError> {
    let org = review::organization(app, slug).await?;
    let is_member = who.member_of(&org.id) || who.is_admin();
    let is_editor = (who.editor_of(&org.id) || who.is_admin()) && who.may_write();
    let members = if is_member { review::members(app, who, &org).await? } else { vec![] };
    let requests = if is_editor { review::join_requests(app, who, &org).await? } else { vec![] };
    let join_pending = !is_member
        && !app.store().join_requests(Some(&org.id), Some(&who.user_id), &["pending".into()]).await?.is_empty();
    let (tl, title) = org.title.get(lang).unwrap_or(("en", ""));
    Ok(MembersPage {
        page: PageMeta::new(lang, format!("{} – {title}", t(lang, "members-title")), uri),
        slug: org.slug.clone(),
        title: title.to_string(),
        title_lang: tl.to_string(),
        is_member,
        is_editor,
        join_pending,
        members: members
            .into_iter()
            .map(|m| MemberRow {
                user_id: m.user_id,
                name: m.name,
                role: t(lang, &format!("member-role-{}", m.role)),
                since: i18n::format_date(lang, &m.since),
            })
            .collect(),
        requests: requests
            .into_iter()
            .map(|r| JoinRow {
                id: r.id,
                name: r.user_name,
                message: r.message,
                at: i18n::format_datetime(lang, &r.created_at),
            })
            .collect(),
        roles: cogov_app::OrgRole::ALL
            .iter()
            .map(|r| (r.code(), t(lang, &format!("member-role-{}", r.code()))))
            .collect(),
        person: form.person,
        role: form.role,
        errors,
    })
}

async fn members_page(
    State(app): State<App>,
    Path((lang, slug)): Path<(String, String)>,
    uri: Uri,
    RequireUser(who): RequireUser,
) -> PageResult {
    let lang = page_lang(&lang, &uri)?;
    let view = members_view(&app, lang, &uri, &who, &slug, MemberForm::default(), vec![])
        .await
        .map_err(|x| PageError::new(lang, &uri, x))?;
    Ok(render(&view))
}

fn back_to_members(lang: Lang, slug: &str) -> axum::response::Response {
    Redirect::to(&format!("/{}/entries/{slug}/members", lang.code())).into_response()
}

#[derive(Deserialize, Default)]
struct MemberForm {
    #[serde(default)]
    person: String,
    #[serde(default)]
    role: String,
}

async fn set_member(
    State(app): State<App>,
    Path((lang, slug)): Path<(String, String)>,
    uri: Uri,
    RequireUser(who): RequireUser,
    Form(f): Form<MemberForm>,
) -> PageResult {
    let lang = page_lang(&lang, &uri)?;
    let err = |x| PageError::new(lang, &uri, x);
    let org = review::organization(&app, &slug).await.map_err(err)?;
    let mut errors = Vec::new();
    if f.person.trim().is_empty() {
        errors.push(("person", t(lang, "form-error-required")));
    }
    let role = cogov_app::OrgRole::from_code(&f.role);
    if role.is_none() {
        errors.push(("role", t(lang, "form-error-required")));
    }
    if let (true, Some(role)) = (errors.is_empty(), role) {
        match review::set_member(&app, &who, &org, &f.person, role).await {
            Ok(_) => return Ok(back_to_members(lang, &org.slug)),
            Err(AppError::Validation(v)) => {
                errors.extend(v.iter().map(|e| ("person", t(lang, &format!("member-error-{}", e.code)))))
            }
            Err(x) => return Err(err(x)),
        }
    }
    let view = members_view(&app, lang, &uri, &who, &slug, f, errors).await.map_err(err)?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&view)).into_response())
}

#[derive(Deserialize, Default)]
struct UserForm {
    #[serde(default)]
    user: String,
}

async fn remove_member(
    State(app): State<App>,
    Path((lang, slug)): Path<(String, String)>,
    uri: Uri,
    RequireUser(who): RequireUser,
    Form(f): Form<UserForm>,
) -> PageResult {
    let lang = page_lang(&lang, &uri)?;
    let err = |x| PageError::new(lang, &uri, x);
    let org = review::organization(&app, &slug).await.map_err(err)?;
    match review::remove_member(&app, &who, &org, &f.user).await {
        Ok(()) => Ok(back_to_members(lang, &org.slug)),
        Err(AppError::Conflict { .. }) => {
            let errors = vec![("person", t(lang, "member-error-last_editor"))];
            let view = members_view(&app, lang, &uri, &who, &slug, MemberForm::default(), errors).await.map_err(err)?;
            Ok((StatusCode::CONFLICT, render(&view)).into_response())
        }
        Err(x) => Err(err(x)),
    }
}

#[derive(Deserialize, Default)]
struct JoinForm {
    #[serde(default)]
    message: String,
}

async fn request_join(
    State(app): State<App>,
    Path((lang, slug)): Path<(String, String)>,
    uri: Uri,
    RequireUser(who): RequireUser,
    Form(f): Form<JoinForm>,
) -> PageResult {
    let lang = page_lang(&lang, &uri)?;
    let err = |x| PageError::new(lang, &uri, x);
    let org = review::organization(&app, &slug).await.map_err(err)?;
    review::request_join(&app, &who, &org, &f.message).await.map_err(err)?;
    Ok(back_to_members(lang, &org.slug))
}

#[derive(Deserialize, Default)]
struct JoinDecisionForm {
    #[serde(default)]
    decision: String,
}

async fn decide_join(
    State(app): State<App>,
    Path((lang, slug, id)): Path<(String, String, String)>,
    uri: Uri,
    RequireUser(who): RequireUser,
    Form(f): Form<JoinDecisionForm>,
) -> PageResult {
    let lang = page_lang(&lang, &uri)?;
    let err = |x| PageError::new(lang, &uri, x);
    let org = review::organization(&app, &slug).await.map_err(err)?;
    let approve = match f.decision.as_str() {
        "approve" => true,
        "decline" => false,
        _ => return Err(err(AppError::invalid("decision", "approve or decline"))),
    };
    review::decide_join(&app, &who, &org, &id, approve).await.map_err(err)?;
    Ok(back_to_members(lang, &org.slug))
}
