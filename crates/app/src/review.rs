//! Submission and review: anyone signed in proposes a new record or an edit of one (entries of every kind, GDC
//! contributions and endorsements); moderators approve, reject with a reason, or ask for changes, which the
//! proposer answers by revising. An organization's editors may publish their own organization's records
//! directly when the instance allows it. Every state change is an event (who, when, what, why) and an approval
//! writes the record, its revision and the decision in one transaction.
//!
//! Also here: stewardship and staleness (who keeps an entry current, when it was last confirmed, reminders),
//! and organization membership (editors add, remove and promote members; people ask to join).

use cogov_core::entry::{Entry, EntryKind, FieldError, Provenance, Status};
use cogov_store::{JoinRequest, Proposal, ProposalEvent, ProposalQuery, RecordWrite, Stewardship};
use serde::{Deserialize, Serialize};

use crate::access::{OrgRole, Principal};
use crate::entries::{self, Actor, EntryInput};
use crate::map::{self, ContributionInput, EndorsementInput, Prepared};
use crate::{App, AppError};

/// The review rules an operator can tune (`review.*` in the configuration).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewConfig {
    /// Whether an organization's editors publish their organization's records without review.
    pub editors_publish_directly: bool,
    /// Proposals one account may make in 24 hours.
    pub proposals_per_day: i64,
    /// An entry not confirmed by its owners for this many days is labelled stale.
    pub stale_after_days: i64,
    /// `serve` reminds the owners of stale entries every this many hours (0: never; `cogov remind-stale` then).
    pub remind_every_hours: i64,
}

impl Default for ReviewConfig {
    fn default() -> Self {
        ReviewConfig {
            editors_publish_directly: true,
            proposals_per_day: 20,
            stale_after_days: 365,
            remind_every_hours: 24,
        }
    }
}

/// What a proposal is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    Entry,
    Contribution,
    Endorsement,
}

impl Target {
    pub fn code(self) -> &'static str {
        match self {
            Target::Entry => "entry",
            Target::Contribution => "contribution",
            Target::Endorsement => "endorsement",
        }
    }

    pub fn from_code(code: &str) -> Option<Target> {
        [Target::Entry, Target::Contribution, Target::Endorsement].into_iter().find(|t| t.code() == code)
    }
}

/// Where a proposal is.
pub mod state {
    pub const PENDING: &str = "pending";
    pub const CHANGES_REQUESTED: &str = "changes_requested";
    pub const APPROVED: &str = "approved";
    pub const REJECTED: &str = "rejected";
    pub const WITHDRAWN: &str = "withdrawn";
    /// Published directly by an editor of the record's organization.
    pub const PUBLISHED: &str = "published";
    pub const ALL: &[&str] = &[PENDING, CHANGES_REQUESTED, APPROVED, REJECTED, WITHDRAWN, PUBLISHED];
    /// States a moderator still has to act on.
    pub const OPEN: &[&str] = &[PENDING];
}

/// A proposal as submitted: a new record (`record` absent) or an edit of `record`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProposalInput {
    pub target: Target,
    /// The record edited (id, or slug for entries); absent for a new record.
    #[serde(default)]
    pub record: Option<String>,
    /// The organization (actor entry id or slug) the proposer acts for.
    #[serde(default)]
    pub org: Option<String>,
    /// The record's fields, as the entry / contribution / endorsement input of the API.
    pub input: serde_json::Value,
    /// A note for the moderators (why, sources).
    #[serde(default)]
    pub message: String,
}

const MAX_MESSAGE: usize = 2_000;

fn actor_of(who: &Principal) -> Actor {
    Actor { id: who.name.clone(), provenance: Provenance::Manual { by: who.name.clone() } }
}

/// A write scope and a confirmed e-mail address (`forbidden`, `email_unverified`).
fn need_writer(who: &Principal) -> Result<(), AppError> {
    who.check_writer()
}

fn need_moderator(who: &Principal) -> Result<(), AppError> {
    if who.is_moderator() {
        Ok(())
    } else {
        Err(AppError::forbidden("only moderators review proposals (with a session or an admin-scoped token)"))
    }
}

/// The input a proposal carries, parsed as its target's input type; a parse problem is a field error.
fn parse_input<T: serde::de::DeserializeOwned>(value: &serde_json::Value) -> Result<T, FieldError> {
    serde_json::from_value(value.clone()).map_err(|e| FieldError::new("input", "invalid", e.to_string()))
}

/// The record a proposal would write, checked in full, and the organization that stewards it.
struct Plan {
    record_id: String,
    base_revision: Option<i64>,
    /// The organization the record belongs to (for direct publishing and stewardship).
    owner: Option<String>,
    write: PlannedWrite,
}

enum PlannedWrite {
    None,
    CreateEntry(cogov_store::EntryWrite),
    UpdateEntry(cogov_store::EntryWrite),
    CreateContribution(cogov_core::contribution::Contribution, cogov_core::entry::Revision),
    UpdateContribution(cogov_core::contribution::Contribution, cogov_core::entry::Revision),
    CreateEndorsement(cogov_core::contribution::Endorsement, cogov_core::entry::Revision),
    UpdateEndorsement(cogov_core::contribution::Endorsement, cogov_core::entry::Revision),
}

impl PlannedWrite {
    /// Dates the record's revision at the decision that writes it, so the history pairs them.
    fn at(mut self, at: &str) -> Self {
        match &mut self {
            PlannedWrite::None => {}
            PlannedWrite::CreateEntry(w) | PlannedWrite::UpdateEntry(w) => w.revision.at = at.to_string(),
            PlannedWrite::CreateContribution(_, r)
            | PlannedWrite::UpdateContribution(_, r)
            | PlannedWrite::CreateEndorsement(_, r)
            | PlannedWrite::UpdateEndorsement(_, r) => r.at = at.to_string(),
        }
        self
    }

    fn as_record_write(&self) -> Option<RecordWrite<'_>> {
        Some(match self {
            PlannedWrite::None => return None,
            PlannedWrite::CreateEntry(w) => RecordWrite::CreateEntry(&w.entry, &w.revision),
            PlannedWrite::UpdateEntry(w) => RecordWrite::UpdateEntry(&w.entry, &w.revision),
            PlannedWrite::CreateContribution(c, r) => RecordWrite::CreateContribution(c, r),
            PlannedWrite::UpdateContribution(c, r) => RecordWrite::UpdateContribution(c, r),
            PlannedWrite::CreateEndorsement(e, r) => RecordWrite::CreateEndorsement(e, r),
            PlannedWrite::UpdateEndorsement(e, r) => RecordWrite::UpdateEndorsement(e, r),
        })
    }
}

/// An entry by id or slug.
async fn find_entry(app: &App, reference: &str) -> Result<Option<Entry>, AppError> {
    Ok(match app.store().entry(reference).await? {
        Some(e) => Some(e),
        None => app.store().entry_by_slug(reference).await?,
    })
}

/// The organization an entry belongs to: an organization (actor) is its own; others have a steward.
async fn owner_of_entry(app: &App, entry: &Entry) -> Result<Option<String>, AppError> {
    if entry.kind == EntryKind::Actor {
        return Ok(Some(entry.id.clone()));
    }
    Ok(app.store().stewardship(&entry.id).await?.and_then(|s| s.org))
}

/// Validates a proposal's input against its target (every field at once) and works out what publishing it
/// would write. `publish` gives new records status `published`; `reason` goes into the record's revision.
async fn plan(
    app: &App,
    target: Target,
    record: Option<&str>,
    org: Option<&Entry>,
    input: &serde_json::Value,
    actor: &Actor,
    reason: &str,
) -> Result<Plan, AppError> {
    let published = serde_json::Value::String(Status::Published.code().to_string());
    let mut input = input.clone();
    if let Some(map) = input.as_object_mut() {
        if map.contains_key("status") {
            return Err(AppError::Validation(vec![FieldError::new(
                "input.status",
                "not_allowed",
                "a proposal does not set a status: review publishes it",
            )]));
        }
        if record.is_none() {
            map.insert("status".into(), published);
        }
    } else {
        return Err(AppError::Validation(vec![FieldError::new("input", "invalid", "input must be a JSON object")]));
    }
    match target {
        Target::Entry => {
            let parsed: EntryInput = parse_input(&input).map_err(|e| AppError::Validation(vec![e]))?;
            match record {
                None => {
                    let mut writes = entries::prepare_creates(app, vec![(parsed, actor.clone())], reason).await?;
                    let write = writes.pop().unwrap_or_else(|| Err(AppError::invalid("input", "nothing to create")))?;
                    // An organization owns itself; another entry is stewarded by the organization proposing it.
                    let owner = if write.entry.kind == EntryKind::Actor {
                        Some(write.entry.id.clone())
                    } else {
                        org.map(|o| o.id.clone())
                    };
                    Ok(Plan {
                        record_id: write.entry.id.clone(),
                        base_revision: None,
                        owner,
                        write: PlannedWrite::CreateEntry(write),
                    })
                }
                Some(reference) => {
                    let before = find_entry(app, reference)
                        .await?
                        .ok_or_else(|| AppError::not_found(format!("entry '{reference}'")))?;
                    let last = app.store().revisions(&before.id).await?.last().map_or(0, |r| r.number);
                    let owner = owner_of_entry(app, &before).await?;
                    let write = entries::prepare_update(&app.catalog(), &before, last, parsed, actor, reason)?;
                    Ok(Plan {
                        record_id: before.id.clone(),
                        base_revision: Some(last),
                        owner,
                        write: write.map_or(PlannedWrite::None, PlannedWrite::UpdateEntry),
                    })
                }
            }
        }
        Target::Contribution => {
            let parsed: ContributionInput = parse_input(&input).map_err(|e| AppError::Validation(vec![e]))?;
            match record {
                None => {
                    let c = map::new_contribution(app, parsed, actor).await?;
                    let contributor = app.store().entry(&c.contributor).await?;
                    let owner = match contributor {
                        Some(e) => owner_of_entry(app, &e).await?,
                        None => None,
                    };
                    let revision = first_revision(&c.id, &c.created_at, actor, reason, c.changes_since(None));
                    Ok(Plan {
                        record_id: c.id.clone(),
                        base_revision: None,
                        owner,
                        write: PlannedWrite::CreateContribution(c, revision),
                    })
                }
                Some(id) => {
                    let base = app.store().map_revisions("contribution", id).await?.last().map(|r| r.number);
                    let prepared = map::prepare_contribution_update(app, id, parsed, actor, reason).await?;
                    let c = match &prepared {
                        Prepared::Unchanged(c) | Prepared::Changed(c, _) => c.clone(),
                    };
                    let owner = match app.store().entry(&c.contributor).await? {
                        Some(e) => owner_of_entry(app, &e).await?,
                        None => None,
                    };
                    Ok(Plan {
                        record_id: c.id.clone(),
                        base_revision: base,
                        owner,
                        write: match prepared {
                            Prepared::Unchanged(_) => PlannedWrite::None,
                            Prepared::Changed(c, r) => PlannedWrite::UpdateContribution(c, r),
                        },
                    })
                }
            }
        }
        Target::Endorsement => {
            let parsed: EndorsementInput = parse_input(&input).map_err(|e| AppError::Validation(vec![e]))?;
            match record {
                None => {
                    let (e, revision) = map::prepare_endorsement(app, parsed, actor, reason).await?;
                    Ok(Plan {
                        record_id: e.id.clone(),
                        base_revision: None,
                        owner: Some(e.actor.clone()),
                        write: PlannedWrite::CreateEndorsement(e, revision),
                    })
                }
                Some(id) => {
                    let base = app.store().map_revisions("endorsement", id).await?.last().map(|r| r.number);
                    let prepared = map::prepare_endorsement_update(app, id, parsed, actor, reason).await?;
                    let e = match &prepared {
                        Prepared::Unchanged(e) | Prepared::Changed(e, _) => e.clone(),
                    };
                    Ok(Plan {
                        record_id: e.id.clone(),
                        base_revision: base,
                        owner: Some(e.actor.clone()),
                        write: match prepared {
                            Prepared::Unchanged(_) => PlannedWrite::None,
                            Prepared::Changed(e, r) => PlannedWrite::UpdateEndorsement(e, r),
                        },
                    })
                }
            }
        }
    }
}

fn first_revision(
    id: &str,
    at: &str,
    actor: &Actor,
    reason: &str,
    changes: Vec<cogov_core::entry::FieldChange>,
) -> cogov_core::entry::Revision {
    cogov_core::entry::Revision {
        entry_id: id.to_string(),
        number: 1,
        at: at.to_string(),
        actor: actor.id.clone(),
        reason: reason.to_string(),
        changes,
    }
}

fn event(p: &Proposal, number: i64, who: &Principal, action: &str, reason: &str, at: &str) -> ProposalEvent {
    ProposalEvent {
        proposal_id: p.id.clone(),
        number,
        at: at.to_string(),
        actor: who.user_id.clone(),
        actor_name: who.name.clone(),
        action: action.to_string(),
        reason: reason.to_string(),
    }
}

fn hours_ago(hours: i64) -> String {
    cogov_store::format_time(time::OffsetDateTime::now_utc() - time::Duration::hours(hours))
}

/// Refuses a proposal over the account's daily quota (429 with the seconds until one frees up).
async fn check_quota(app: &App, who: &Principal) -> Result<(), AppError> {
    let limit = app.review().proposals_per_day;
    let since = hours_ago(24);
    if app.store().count_proposals_since(&who.user_id, &since).await? < limit {
        return Ok(());
    }
    let recent = app
        .store()
        .list_proposals(&ProposalQuery {
            proposer: Some(who.user_id.clone()),
            limit: limit.max(1),
            ..Default::default()
        })
        .await?;
    let oldest = recent.iter().map(|p| p.created_at.as_str()).filter(|at| *at >= since.as_str()).min();
    let retry_after = oldest
        .and_then(|at| time::OffsetDateTime::parse(at, &time::format_description::well_known::Rfc3339).ok())
        .map(|t| (t + time::Duration::hours(24) - time::OffsetDateTime::now_utc()).whole_seconds().max(1) as u64)
        .unwrap_or(3_600);
    Err(AppError::RateLimited { retry_after })
}

/// Validates the organization a proposer names: an existing actor entry the proposer belongs to.
async fn resolve_org(app: &App, who: &Principal, org: Option<&str>) -> Result<Option<Entry>, AppError> {
    let Some(reference) = org.map(str::trim).filter(|o| !o.is_empty()) else { return Ok(None) };
    let errors = |code: &str, message: String| AppError::Validation(vec![FieldError::new("org", code, message)]);
    let Some(entry) = find_entry(app, reference).await?.filter(|e| e.kind == EntryKind::Actor) else {
        return Err(errors("unknown_org", format!("no organization '{reference}'")));
    };
    if !who.member_of(&entry.id) && !who.is_admin() {
        return Err(errors("not_member", "you can only act for an organization you belong to".to_string()));
    }
    Ok(Some(entry))
}

fn check_message(message: &str) -> Result<String, AppError> {
    let message = message.trim();
    if message.chars().count() > MAX_MESSAGE {
        return Err(AppError::Validation(vec![FieldError::new(
            "message",
            "too_long",
            format!("at most {MAX_MESSAGE} characters"),
        )]));
    }
    Ok(message.to_string())
}

/// Only moderators mark a contribution's evidence as verified: a proposal by anyone else that sets
/// `evidence_level: verified` is refused, its error listed with the input's other problems (all at once).
fn with_moderator_rules(
    who: &Principal,
    target: Target,
    input: &serde_json::Value,
    planned: Result<Plan, AppError>,
) -> Result<Plan, AppError> {
    let verified = cogov_core::contribution::EvidenceLevel::Verified.code();
    let refused = (target == Target::Contribution
        && !who.is_moderator()
        && input.get("evidence_level").and_then(|v| v.as_str()) == Some(verified))
    .then(|| FieldError::new("evidence_level", "moderators_only", "only moderators mark a contribution as verified"));
    match (planned, refused) {
        (Ok(plan), None) => Ok(plan),
        (Ok(_), Some(e)) => Err(AppError::Validation(vec![e])),
        (Err(AppError::Validation(mut errors)), Some(e)) => {
            errors.push(e);
            Err(AppError::Validation(errors))
        }
        (Err(x), _) => Err(x),
    }
}

fn steward_for(plan: &Plan, target: Target, who: &Principal, at: &str) -> Option<Stewardship> {
    (target == Target::Entry).then(|| Stewardship {
        entry_id: plan.record_id.clone(),
        org: plan.owner.clone(),
        confirmed_at: at.to_string(),
        confirmed_by: who.user_id.clone(),
        reminded_at: None,
    })
}

/// Submits a proposal. An editor of the organization the record belongs to publishes it at once when the
/// instance allows it (state `published`); everything else waits for review (`pending`). Every field of the
/// input is checked first: a proposal that would not validate is refused and nothing is written.
pub async fn propose(app: &App, who: &Principal, input: ProposalInput) -> Result<Proposal, AppError> {
    need_writer(who)?;
    let message = check_message(&input.message)?;
    let org = resolve_org(app, who, input.org.as_deref()).await?;
    check_quota(app, who).await?;
    let now = cogov_store::now();
    let direct_reason = format!("published directly by an editor of the organization: {message}");
    let planned =
        plan(app, input.target, input.record.as_deref(), org.as_ref(), &input.input, &actor_of(who), &direct_reason)
            .await;
    let plan = with_moderator_rules(who, input.target, &input.input, planned)?;
    if input.record.is_some() && matches!(plan.write, PlannedWrite::None) {
        return Err(AppError::Validation(vec![FieldError::new("input", "unchanged", "this edit changes nothing")]));
    }
    let direct = app.review().editors_publish_directly
        && plan.owner.as_deref().is_some_and(|o| who.editor_of(o))
        && org.as_ref().is_none_or(|o| Some(&o.id) == plan.owner.as_ref());
    let mut p = Proposal {
        id: uuid::Uuid::now_v7().to_string(),
        target: input.target.code().to_string(),
        record_id: input.record.as_ref().map(|_| plan.record_id.clone()),
        base_revision: plan.base_revision,
        org: org.as_ref().map(|o| o.id.clone()).or_else(|| plan.owner.clone().filter(|_| direct)),
        proposer: who.user_id.clone(),
        proposer_name: who.name.clone(),
        state: state::PENDING.to_string(),
        created_at: now.clone(),
        updated_at: now.clone(),
        doc: serde_json::json!({"input": input.input, "message": message}),
    };
    if direct {
        let now = cogov_store::now();
        p.state = state::PUBLISHED.to_string();
        p.record_id = Some(plan.record_id.clone());
        let steward = steward_for(&plan, input.target, who, &now);
        let e = event(&p, 1, who, "published_directly", &message, &now);
        let write = plan.write.at(&now);
        app.store().save_proposal(&p, &e, write.as_record_write(), steward.as_ref()).await?;
    } else {
        let e = event(&p, 1, who, "submitted", &message, &now);
        app.store().save_proposal(&p, &e, None, None).await?;
    }
    Ok(p)
}

/// Checks a proposal as [`propose`] would, every field at once, without writing anything (a form that found
/// problems of its own still shows the use case's).
pub async fn check(app: &App, who: &Principal, input: ProposalInput) -> Result<(), AppError> {
    need_writer(who)?;
    let org = resolve_org(app, who, input.org.as_deref()).await?;
    let planned =
        plan(app, input.target, input.record.as_deref(), org.as_ref(), &input.input, &actor_of(who), "").await;
    with_moderator_rules(who, input.target, &input.input, planned).map(|_| ())
}

/// A proposal with its events.
#[derive(Debug, Clone, Serialize)]
pub struct ProposalView {
    pub proposal: Proposal,
    pub events: Vec<ProposalEvent>,
}

/// A proposal as its proposer or a moderator sees it (others: not found).
pub async fn get(app: &App, who: &Principal, id: &str) -> Result<ProposalView, AppError> {
    let p = app.store().proposal(id).await?.filter(|p| p.proposer == who.user_id || who.is_moderator());
    let p = p.ok_or_else(|| AppError::not_found(format!("proposal '{id}'")))?;
    let events = app.store().proposal_events(id).await?;
    Ok(ProposalView { proposal: p, events })
}

/// The review queue (moderators): open proposals, oldest first, of the given targets (all when empty).
pub async fn queue(app: &App, who: &Principal, targets: &[Target]) -> Result<Vec<Proposal>, AppError> {
    need_moderator(who)?;
    let q = ProposalQuery {
        states: state::OPEN.iter().map(|s| s.to_string()).collect(),
        targets: targets.iter().map(|t| t.code().to_string()).collect(),
        limit: 500,
        ..Default::default()
    };
    let mut list = app.store().list_proposals(&q).await?;
    list.reverse();
    Ok(list)
}

/// The signed-in person's own proposals, newest first.
pub async fn mine(app: &App, who: &Principal) -> Result<Vec<Proposal>, AppError> {
    let q = ProposalQuery { proposer: Some(who.user_id.clone()), limit: 200, ..Default::default() };
    Ok(app.store().list_proposals(&q).await?)
}

/// A moderator's decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Approve,
    Reject,
    RequestChanges,
}

impl Decision {
    pub fn code(self) -> &'static str {
        match self {
            Decision::Approve => "approve",
            Decision::Reject => "reject",
            Decision::RequestChanges => "request_changes",
        }
    }
}

async fn current(app: &App, id: &str) -> Result<(Proposal, i64), AppError> {
    let p = app.store().proposal(id).await?.ok_or_else(|| AppError::not_found(format!("proposal '{id}'")))?;
    let last = app.store().proposal_events(id).await?.last().map_or(0, |e| e.number);
    Ok((p, last))
}

fn wrong_state(p: &Proposal) -> AppError {
    AppError::Conflict {
        field: "state".into(),
        message: format!("this proposal is {}, not open for this action", p.state),
    }
}

/// A moderator approves, rejects (a reason is required) or asks for changes (a reason is required). A
/// moderator cannot approve their own proposal. Approval publishes the record: for an edit, only if the record
/// has not changed since the proposal was made (else a conflict: ask the proposer to revise).
pub async fn decide(
    app: &App,
    who: &Principal,
    id: &str,
    decision: Decision,
    reason: &str,
) -> Result<Proposal, AppError> {
    need_moderator(who)?;
    need_writer(who)?;
    let reason = check_message(reason)?;
    let (mut p, last) = current(app, id).await?;
    if p.state != state::PENDING {
        return Err(wrong_state(&p));
    }
    if decision != Decision::Approve && reason.is_empty() {
        return Err(AppError::Validation(vec![FieldError::new(
            "reason",
            "required",
            "say why: the proposer and the public history show it",
        )]));
    }
    let now = cogov_store::now();
    p.updated_at = now.clone();
    let target =
        Target::from_code(&p.target).ok_or_else(|| AppError::Internal(format!("proposal target {}", p.target)))?;
    match decision {
        Decision::Reject | Decision::RequestChanges => {
            let (new_state, action) = if decision == Decision::Reject {
                (state::REJECTED, "rejected")
            } else {
                (state::CHANGES_REQUESTED, "changes_requested")
            };
            p.state = new_state.to_string();
            let e = event(&p, last + 1, who, action, &reason, &now);
            app.store().save_proposal(&p, &e, None, None).await?;
        }
        Decision::Approve => {
            if p.proposer == who.user_id {
                return Err(AppError::forbidden(
                    "a moderator cannot approve their own proposal: another moderator must",
                ));
            }
            let org = match p.org.as_deref() {
                Some(o) => app.store().entry(o).await?,
                None => None,
            };
            let revision_reason = if reason.is_empty() {
                format!("approved by {}; proposed by {}", who.name, p.proposer_name)
            } else {
                format!("approved by {}; proposed by {}: {reason}", who.name, p.proposer_name)
            };
            let proposer =
                Actor { id: p.proposer_name.clone(), provenance: Provenance::Manual { by: p.proposer_name.clone() } };
            let input = p.doc.get("input").cloned().unwrap_or_default();
            let plan =
                plan(app, target, p.record_id.as_deref(), org.as_ref(), &input, &proposer, &revision_reason).await?;
            if p.record_id.is_some() && plan.base_revision != p.base_revision {
                return Err(AppError::Conflict {
                    field: "record".into(),
                    message: "the record changed since this proposal was made: ask the proposer to revise it".into(),
                });
            }
            // After the record's own timestamps, so the history lists the approval above the revision.
            let now = cogov_store::now();
            p.updated_at = now.clone();
            p.state = state::APPROVED.to_string();
            p.record_id = Some(plan.record_id.clone());
            let steward = steward_for(&plan, target, who, &now).map(|mut s| {
                s.confirmed_by = p.proposer.clone();
                s
            });
            // An edit keeps the stewarding organization it had.
            let steward = match (&steward, p.base_revision) {
                (Some(_), Some(_)) => None,
                _ => steward,
            };
            let e = event(&p, last + 1, who, "approved", &reason, &now);
            let write = plan.write.at(&now);
            app.store().save_proposal(&p, &e, write.as_record_write(), steward.as_ref()).await?;
        }
    }
    let _ = app
        .record_audit(
            who,
            &format!("proposal.{}", decision.code()),
            &format!("proposal:{}", p.id),
            &reason,
            serde_json::json!({"target": p.target, "record": p.record_id}),
        )
        .await;
    Ok(p)
}

/// The proposer revises a proposal (after a request for changes, or while it waits): the new input is checked
/// in full and the proposal waits for review again.
pub async fn revise(
    app: &App,
    who: &Principal,
    id: &str,
    input: serde_json::Value,
    message: &str,
) -> Result<Proposal, AppError> {
    need_writer(who)?;
    let message = check_message(message)?;
    let (mut p, last) = current(app, id).await?;
    if p.proposer != who.user_id {
        return Err(AppError::not_found(format!("proposal '{id}'")));
    }
    if p.state != state::PENDING && p.state != state::CHANGES_REQUESTED {
        return Err(wrong_state(&p));
    }
    let target =
        Target::from_code(&p.target).ok_or_else(|| AppError::Internal(format!("proposal target {}", p.target)))?;
    let org = match p.org.as_deref() {
        Some(o) => app.store().entry(o).await?,
        None => None,
    };
    let planned = plan(app, target, p.record_id.as_deref(), org.as_ref(), &input, &actor_of(who), "").await;
    let plan = with_moderator_rules(who, target, &input, planned)?;
    if p.record_id.is_some() && matches!(plan.write, PlannedWrite::None) {
        return Err(AppError::Validation(vec![FieldError::new("input", "unchanged", "this edit changes nothing")]));
    }
    let now = cogov_store::now();
    p.base_revision = plan.base_revision;
    p.state = state::PENDING.to_string();
    p.updated_at = now.clone();
    p.doc = serde_json::json!({"input": input, "message": message});
    let e = event(&p, last + 1, who, "resubmitted", &message, &now);
    app.store().save_proposal(&p, &e, None, None).await?;
    Ok(p)
}

/// The proposer withdraws an open proposal.
pub async fn withdraw(app: &App, who: &Principal, id: &str) -> Result<Proposal, AppError> {
    need_writer(who)?;
    let (mut p, last) = current(app, id).await?;
    if p.proposer != who.user_id {
        return Err(AppError::not_found(format!("proposal '{id}'")));
    }
    if p.state != state::PENDING && p.state != state::CHANGES_REQUESTED {
        return Err(wrong_state(&p));
    }
    let now = cogov_store::now();
    p.state = state::WITHDRAWN.to_string();
    p.updated_at = now.clone();
    let e = event(&p, last + 1, who, "withdrawn", "", &now);
    app.store().save_proposal(&p, &e, None, None).await?;
    Ok(p)
}

/// One step of a record's public history: a revision of the record, or a review event of a proposal about
/// it. Only public facts: names people chose to show, actions, reasons, the fields changed.
#[derive(Debug, Clone, Serialize)]
pub struct HistoryItem {
    pub at: String,
    /// `revision`, or the review action (`submitted`, `changes_requested`, `resubmitted`, `approved`,
    /// `rejected`, `withdrawn`, `published_directly`).
    pub kind: String,
    pub actor: String,
    pub reason: String,
    /// For revisions: the revision number and the fields it changed, with the status change if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revision: Option<i64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_from: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_to: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub proposal: Option<String>,
}

/// The public history of a published record, newest first: its revisions (with status changes and their
/// reasons) and the review of every proposal about it.
pub async fn history(app: &App, target: Target, record_id: &str) -> Result<Vec<HistoryItem>, AppError> {
    let revisions = match target {
        Target::Entry => app.store().revisions(record_id).await?,
        Target::Contribution | Target::Endorsement => app.store().map_revisions(target.code(), record_id).await?,
    };
    let mut items: Vec<HistoryItem> = revisions
        .into_iter()
        .map(|r| {
            let status = r.changes.iter().find(|c| c.field == "status");
            let text = |v: Option<&serde_json::Value>| v.and_then(|v| v.as_str()).map(str::to_string);
            HistoryItem {
                at: r.at,
                kind: "revision".into(),
                actor: r.actor,
                reason: r.reason,
                revision: Some(r.number),
                fields: r.changes.iter().map(|c| c.field.clone()).collect(),
                status_from: status.and_then(|c| text(c.before.as_ref())),
                status_to: status.and_then(|c| text(c.after.as_ref())),
                proposal: None,
            }
        })
        .collect();
    let q =
        ProposalQuery { targets: vec![target.code().into()], record_id: Some(record_id.into()), ..Default::default() };
    let mut events: Vec<(HistoryItem, i64)> = Vec::new();
    for p in app.store().list_proposals(&q).await? {
        for e in app.store().proposal_events(&p.id).await? {
            let number = e.number;
            let item = HistoryItem {
                at: e.at,
                kind: e.action,
                actor: e.actor_name,
                reason: e.reason,
                revision: None,
                fields: vec![],
                status_from: None,
                status_to: None,
                proposal: Some(p.id.clone()),
            };
            events.push((item, number));
        }
    }
    // Newest first (events of one proposal by number when the clock ties); a revision written by a decision
    // carries the decision's time and follows it.
    events.sort_by(|(a, an), (b, bn)| b.at.cmp(&a.at).then_with(|| bn.cmp(an)));
    items.sort_by(|a, b| b.at.cmp(&a.at).then_with(|| b.revision.cmp(&a.revision)));
    let mut out = Vec::with_capacity(items.len() + events.len());
    let mut revisions = items.into_iter().peekable();
    for (e, _) in events {
        let decision = matches!(e.kind.as_str(), "approved" | "published_directly");
        while revisions.peek().is_some_and(|r| r.at > e.at) {
            out.extend(revisions.next());
        }
        let at = e.at.clone();
        out.push(e);
        if decision {
            if let Some(r) = revisions.next_if(|r| r.at == at) {
                out.push(r);
            }
        }
    }
    out.extend(revisions);
    Ok(out)
}

/// Whether an entry last confirmed at `last_confirmed` is stale now.
pub fn is_stale(app: &App, last_confirmed: &str) -> bool {
    let cutoff = hours_ago(app.review().stale_after_days * 24);
    last_confirmed < cutoff.as_str()
}

/// The ids of the given entries that are stale.
pub async fn stale_among(app: &App, ids: &[String]) -> Result<std::collections::HashSet<String>, AppError> {
    let cutoff = hours_ago(app.review().stale_after_days * 24);
    Ok(app
        .store()
        .last_confirmed(ids)
        .await?
        .into_iter()
        .filter(|(_, at)| at.as_str() < cutoff.as_str())
        .map(|(id, _)| id)
        .collect())
}

/// Whether `who` may confirm an entry: an editor of the organization that owns it, or a moderator.
pub async fn can_confirm(app: &App, who: &Principal, entry: &Entry) -> Result<bool, AppError> {
    if who.is_moderator() {
        return Ok(true);
    }
    Ok(owner_of_entry(app, entry).await?.is_some_and(|o| who.editor_of(&o)))
}

/// An owner confirms that an entry is still current.
pub async fn confirm(app: &App, who: &Principal, entry_ref: &str) -> Result<(), AppError> {
    need_writer(who)?;
    let entry = find_entry(app, entry_ref).await?.ok_or_else(|| AppError::not_found(format!("entry '{entry_ref}'")))?;
    if !can_confirm(app, who, &entry).await? {
        return Err(AppError::forbidden("only the editors of the organization that keeps this entry confirm it"));
    }
    Ok(app.store().confirm_entry(&entry.id, &who.user_id, &cogov_store::now()).await?)
}

/// One reminder about a stale entry.
#[derive(Debug, Clone, Serialize)]
pub struct Reminder {
    pub entry: String,
    pub slug: String,
    pub last_confirmed: String,
    /// The editors reminded (names; their addresses are never printed).
    pub editors: Vec<String>,
    pub sent: bool,
}

/// Stale entries whose organization has editors and that were not reminded in the last 30 days: each editor
/// gets a message through the instance's mailer (unless `dry_run`), and the reminder is recorded.
///
/// Each reminder is claimed in the store before its mail goes out ([`cogov_store::ReviewStore::claim_reminder`]),
/// so runs that overlap — `cogov remind-stale` while `serve` runs its schedule, or several nodes on one
/// PostgreSQL — send it once. A mail that cannot be sent gives the claim back for the next run.
pub async fn remind_stale(app: &App, dry_run: bool) -> Result<Vec<Reminder>, AppError> {
    let cutoff = hours_ago(app.review().stale_after_days * 24);
    let recent = hours_ago(REMIND_AGAIN_DAYS * 24);
    let mut out = Vec::new();
    for stale in app.store().stale_entries(&cutoff, 10_000).await? {
        if stale.reminded_at.as_deref().is_some_and(|r| r >= recent.as_str()) {
            continue;
        }
        let Some(entry) = app.store().entry(&stale.entry_id).await? else { continue };
        let Some(org) = owner_of_entry(app, &entry).await? else { continue };
        let mut editors = Vec::new();
        for m in app.store().members_of(&org).await? {
            if m.role != OrgRole::Editor.code() {
                continue;
            }
            if let Some(user) = app.store().user(&m.user_id).await? {
                if user.banned_at.is_none() {
                    editors.push(user);
                }
            }
        }
        if editors.is_empty() {
            continue;
        }
        let title = entry.title.get(cogov_core::Lang::En).map(|(_, t)| t.to_string()).unwrap_or_default();
        if !dry_run {
            let now = cogov_store::now();
            if !app.store().claim_reminder(&entry.id, &now, &recent).await? {
                continue; // another run or node reminded about it meanwhile
            }
            let link = format!("{}/en/entries/{}", app.accounts().config.public_url.trim_end_matches('/'), entry.slug);
            for user in &editors {
                let body = format!(
                    "Hello {},\n\n\"{title}\" was last confirmed on {}. If it is still current, open it and press \
                     \"Confirm\"; if not, propose an edit:\n\n{link}\n",
                    user.name,
                    &stale.last_confirmed[..10.min(stale.last_confirmed.len())]
                );
                let mail = crate::mail::Mail {
                    to: user.email.clone(),
                    subject: format!("cogov: please confirm \"{title}\""),
                    body,
                };
                if let Err(e) = app.accounts().mailer.send(mail).await {
                    app.store().release_reminder(&entry.id, &now, stale.reminded_at.as_deref()).await?;
                    return Err(e);
                }
            }
        }
        out.push(Reminder {
            entry: entry.id.clone(),
            slug: entry.slug.clone(),
            last_confirmed: stale.last_confirmed.clone(),
            editors: editors.iter().map(|u| u.name.clone()).collect(),
            sent: !dry_run,
        });
    }
    Ok(out)
}

/// A stale entry's owners are reminded again after this many days.
pub const REMIND_AGAIN_DAYS: i64 = 30;

/// A member of an organization as its editors see it.
#[derive(Debug, Clone, Serialize)]
pub struct Member {
    pub user_id: String,
    pub name: String,
    pub role: String,
    pub since: String,
}

/// The organization (an actor entry, by id or slug).
pub async fn organization(app: &App, reference: &str) -> Result<Entry, AppError> {
    find_entry(app, reference)
        .await?
        .filter(|e| e.kind == EntryKind::Actor && e.status == Status::Published)
        .ok_or_else(|| AppError::not_found(format!("organization '{reference}'")))
}

fn need_org_editor(who: &Principal, org: &Entry) -> Result<(), AppError> {
    if (who.editor_of(&org.id) || who.is_admin()) && who.can_write() {
        Ok(())
    } else {
        Err(AppError::forbidden("only the organization's editors (and admins) manage its members"))
    }
}

/// The members of an organization (its members, editors and admins may look).
pub async fn members(app: &App, who: &Principal, org: &Entry) -> Result<Vec<Member>, AppError> {
    if !who.member_of(&org.id) && !who.is_admin() {
        return Err(AppError::forbidden("only the organization's members see its member list"));
    }
    let mut out = Vec::new();
    for m in app.store().members_of(&org.id).await? {
        let name = app.store().user(&m.user_id).await?.map(|u| u.name).unwrap_or_default();
        out.push(Member { user_id: m.user_id, name, role: m.role, since: m.created_at });
    }
    Ok(out)
}

/// An editor adds a person (by e-mail address or user id) or changes their role.
pub async fn set_member(
    app: &App,
    who: &Principal,
    org: &Entry,
    person: &str,
    role: OrgRole,
) -> Result<Member, AppError> {
    need_org_editor(who, org)?;
    need_writer(who)?;
    let person = person.trim();
    let user = match app.store().user(person).await? {
        Some(u) => Some(u),
        None => app.store().user_by_email(&crate::accounts::normalize_email(person)).await?,
    };
    let Some(user) = user.filter(|u| u.banned_at.is_none()) else {
        return Err(AppError::Validation(vec![FieldError::new(
            "person",
            "unknown_account",
            "no account with this address: the person registers first",
        )]));
    };
    app.store().set_membership(&org.id, &user.id, role.code()).await?;
    let _ = app
        .record_audit(
            who,
            "membership.set",
            &format!("org:{}", org.id),
            "",
            serde_json::json!({"user": user.id, "role": role.code()}),
        )
        .await;
    Ok(Member { user_id: user.id, name: user.name, role: role.code().into(), since: cogov_store::now() })
}

/// An editor removes a member. The last editor cannot be removed (someone must keep the organization).
pub async fn remove_member(app: &App, who: &Principal, org: &Entry, user_id: &str) -> Result<(), AppError> {
    need_org_editor(who, org)?;
    need_writer(who)?;
    let members = app.store().members_of(&org.id).await?;
    let Some(target) = members.iter().find(|m| m.user_id == user_id) else {
        return Err(AppError::not_found(format!("member '{user_id}'")));
    };
    let editors = members.iter().filter(|m| m.role == OrgRole::Editor.code()).count();
    if target.role == OrgRole::Editor.code() && editors == 1 && !who.is_admin() {
        return Err(AppError::Conflict {
            field: "person".into(),
            message: "the last editor cannot be removed: make someone else editor first".into(),
        });
    }
    app.store().remove_membership(&org.id, user_id).await?;
    let _ = app
        .record_audit(who, "membership.remove", &format!("org:{}", org.id), "", serde_json::json!({"user": user_id}))
        .await;
    Ok(())
}

/// A signed-in person asks to join an organization.
pub async fn request_join(app: &App, who: &Principal, org: &Entry, message: &str) -> Result<JoinRequest, AppError> {
    need_writer(who)?;
    let message = check_message(message)?;
    if who.member_of(&org.id) {
        return Err(AppError::Conflict { field: "org".into(), message: "you are already a member".into() });
    }
    let r = JoinRequest {
        id: uuid::Uuid::now_v7().to_string(),
        org: org.id.clone(),
        user_id: who.user_id.clone(),
        user_name: who.name.clone(),
        message,
        state: "pending".into(),
        created_at: cogov_store::now(),
        decided_at: None,
        decided_by: None,
    };
    app.store().create_join_request(&r).await?;
    Ok(r)
}

/// Pending requests to join an organization (its editors and admins).
pub async fn join_requests(app: &App, who: &Principal, org: &Entry) -> Result<Vec<JoinRequest>, AppError> {
    need_org_editor(who, org)?;
    Ok(app.store().join_requests(Some(&org.id), None, &["pending".into()]).await?)
}

/// An editor approves (the person becomes a member) or declines a request to join.
pub async fn decide_join(
    app: &App,
    who: &Principal,
    org: &Entry,
    request_id: &str,
    approve: bool,
) -> Result<(), AppError> {
    need_org_editor(who, org)?;
    need_writer(who)?;
    let r = app
        .store()
        .join_request(request_id)
        .await?
        .filter(|r| r.org == org.id)
        .ok_or_else(|| AppError::not_found(format!("join request '{request_id}'")))?;
    let state = if approve { "approved" } else { "declined" };
    app.store().decide_join_request(&r.id, state, &who.user_id, &cogov_store::now()).await?;
    if approve {
        app.store().set_membership(&org.id, &r.user_id, OrgRole::Member.code()).await?;
    }
    let _ = app
        .record_audit(
            who,
            &format!("membership.request_{state}"),
            &format!("org:{}", org.id),
            "",
            serde_json::json!({"user": r.user_id}),
        )
        .await;
    Ok(())
}
