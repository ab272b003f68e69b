//! The write API of submission and review (`/api/v1/proposals…`, `/history…`, `/entries/{id}/confirm`,
//! `/orgs/{id}/…`): everything the review pages do. The rules live in `cogov_app::review`; this layer parses,
//! checks the principal is there, and answers JSON. Validation errors list every `{field, code, message}`.

use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use cogov_app::review::{self, Decision, ProposalInput, Target};
use cogov_app::{App, AppError, OrgRole};
use cogov_core::entry::Status;
use cogov_store::{JoinRequest, Proposal, ProposalEvent};
use serde::{Deserialize, Serialize};

use crate::auth::RequireUser;
use crate::error::{ApiError, ErrorBody};
use crate::query;

type ApiResult<T> = Result<Json<T>, ApiError>;

pub fn api_routes() -> Router<App> {
    Router::new()
        .route("/proposals", get(api_mine).post(api_propose))
        .route("/proposals/queue", get(api_queue))
        .route("/proposals/{id}", get(api_proposal))
        .route("/proposals/{id}/decision", post(api_decide))
        .route("/proposals/{id}/revision", post(api_revise))
        .route("/proposals/{id}/withdraw", post(api_withdraw))
        .route("/history/{target}/{id}", get(api_history))
        .route("/entries/{id}/confirm", post(api_confirm))
        .route("/orgs/{id}/members", get(api_members).post(api_set_member))
        .route("/orgs/{id}/members/{user}", axum::routing::delete(api_remove_member))
        .route("/orgs/{id}/join-requests", get(api_join_requests).post(api_request_join))
        .route("/orgs/{id}/join-requests/{request}", post(api_decide_join))
}

fn body<T>(b: Result<Json<T>, JsonRejection>) -> Result<T, AppError> {
    b.map(|Json(v)| v).map_err(|e| AppError::invalid("body", e.body_text()))
}

/// A proposal as the API shows it to its proposer and to moderators.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ProposalOut {
    pub id: String,
    /// `entry`, `contribution` or `endorsement`.
    pub target: String,
    pub record_id: Option<String>,
    pub base_revision: Option<i64>,
    pub org: Option<String>,
    pub proposer: String,
    pub proposer_name: String,
    /// `pending`, `changes_requested`, `approved`, `rejected`, `withdrawn`, `published`.
    pub state: String,
    pub created_at: String,
    pub updated_at: String,
    /// The submitted fields.
    #[schema(value_type = Object)]
    pub input: serde_json::Value,
    pub message: String,
    pub events: Vec<EventOut>,
}

/// One state change of a proposal.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct EventOut {
    pub number: i64,
    pub at: String,
    pub actor: String,
    pub actor_name: String,
    /// `submitted`, `resubmitted`, `changes_requested`, `approved`, `rejected`, `withdrawn`, `published_directly`.
    pub action: String,
    pub reason: String,
}

fn proposal_out(p: Proposal, events: Vec<ProposalEvent>) -> ProposalOut {
    let input = p.doc.get("input").cloned().unwrap_or_default();
    let message = p.doc.get("message").and_then(|m| m.as_str()).unwrap_or_default().to_string();
    ProposalOut {
        id: p.id,
        target: p.target,
        record_id: p.record_id,
        base_revision: p.base_revision,
        org: p.org,
        proposer: p.proposer,
        proposer_name: p.proposer_name,
        state: p.state,
        created_at: p.created_at,
        updated_at: p.updated_at,
        input,
        message,
        events: events
            .into_iter()
            .map(|e| EventOut {
                number: e.number,
                at: e.at,
                actor: e.actor,
                actor_name: e.actor_name,
                action: e.action,
                reason: e.reason,
            })
            .collect(),
    }
}

async fn with_events(app: &App, p: Proposal) -> Result<ProposalOut, AppError> {
    let events = app.store().proposal_events(&p.id).await?;
    Ok(proposal_out(p, events))
}

/// A new proposal (the request body of `POST /proposals`).
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewProposal {
    /// `entry`, `contribution` or `endorsement`.
    pub target: String,
    /// The record edited (id, or slug for entries); absent for a new record.
    #[serde(default)]
    pub record: Option<String>,
    /// The organization (actor entry id or slug) the proposer acts for.
    #[serde(default)]
    pub org: Option<String>,
    /// The record's fields, as in the entry / contribution / endorsement documents (no `status`).
    #[schema(value_type = Object)]
    pub input: serde_json::Value,
    #[serde(default)]
    pub message: String,
}

fn target(code: &str) -> Result<Target, AppError> {
    Target::from_code(code).ok_or_else(|| {
        AppError::invalid("target", format!("unknown target '{code}': expected entry, contribution or endorsement"))
    })
}

#[utoipa::path(post, path = "/api/v1/proposals", tag = "review", request_body = NewProposal, security(("bearer" = [])),
    responses((status = 201, description = "stored: `pending` for review, or `published` directly by an editor of the record's organization", body = ProposalOut), (status = 401, description = "no valid session or token (`unauthenticated`)", body = ErrorBody), (status = 403, description = "a read-only token (`forbidden`)", body = ErrorBody), (status = 422, description = "every field problem (`validation_failed`); nothing written", body = ErrorBody), (status = 429, description = "the daily proposal quota is used up (`rate_limited`)", body = ErrorBody)))]
pub(crate) async fn api_propose(
    State(app): State<App>,
    RequireUser(who): RequireUser,
    b: Result<Json<NewProposal>, JsonRejection>,
) -> Result<(StatusCode, Json<ProposalOut>), ApiError> {
    let b = body(b)?;
    let input =
        ProposalInput { target: target(&b.target)?, record: b.record, org: b.org, input: b.input, message: b.message };
    let p = review::propose(&app, &who, input).await?;
    Ok((StatusCode::CREATED, Json(with_events(&app, p).await?)))
}

#[utoipa::path(get, path = "/api/v1/proposals", tag = "review", security(("bearer" = [])),
    responses((status = 200, description = "the signed-in account's proposals, newest first", body = Vec<ProposalOut>), (status = 401, description = "no valid session or token (`unauthenticated`)", body = ErrorBody)))]
pub(crate) async fn api_mine(State(app): State<App>, RequireUser(who): RequireUser) -> ApiResult<Vec<ProposalOut>> {
    let mut out = Vec::new();
    for p in review::mine(&app, &who).await? {
        out.push(with_events(&app, p).await?);
    }
    Ok(Json(out))
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub(crate) struct QueueQuery {
    /// `entry`, `contribution` or `endorsement` (comma-separated); all when absent.
    target: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/proposals/queue", tag = "review", params(QueueQuery), security(("bearer" = [])),
    responses((status = 200, description = "proposals waiting for a moderator, oldest first", body = Vec<ProposalOut>), (status = 401, description = "no valid session or token (`unauthenticated`)", body = ErrorBody), (status = 403, description = "not a moderator, or a token without the admin scope (`forbidden`)", body = ErrorBody)))]
pub(crate) async fn api_queue(
    State(app): State<App>,
    RequireUser(who): RequireUser,
    RawQuery(raw): RawQuery,
) -> ApiResult<Vec<ProposalOut>> {
    let q: QueueQuery = query::parse(raw.as_deref())?;
    let targets = query::list(&q.target).iter().map(|t| target(t)).collect::<Result<Vec<_>, _>>()?;
    let mut out = Vec::new();
    for p in review::queue(&app, &who, &targets).await? {
        out.push(with_events(&app, p).await?);
    }
    Ok(Json(out))
}

#[utoipa::path(get, path = "/api/v1/proposals/{id}", tag = "review", params(("id" = String, Path, description = "the proposal's id")), security(("bearer" = [])),
    responses((status = 200, description = "the proposal with its events", body = ProposalOut), (status = 401, description = "no valid session or token (`unauthenticated`)", body = ErrorBody), (status = 404, description = "no such proposal, or not yours (`not_found`)", body = ErrorBody)))]
pub(crate) async fn api_proposal(
    State(app): State<App>,
    RequireUser(who): RequireUser,
    Path(id): Path<String>,
) -> ApiResult<ProposalOut> {
    let v = review::get(&app, &who, &id).await?;
    Ok(Json(proposal_out(v.proposal, v.events)))
}

/// A moderator's decision.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionBody {
    /// `approve`, `reject` or `request_changes`.
    pub decision: String,
    /// Required to reject or to ask for changes; shown to the proposer and in the public history.
    #[serde(default)]
    pub reason: String,
}

#[utoipa::path(post, path = "/api/v1/proposals/{id}/decision", tag = "review", request_body = DecisionBody, params(("id" = String, Path, description = "the proposal's id")), security(("bearer" = [])),
    responses((status = 200, description = "decided; an approval published the record", body = ProposalOut), (status = 401, description = "no valid session or token (`unauthenticated`)", body = ErrorBody), (status = 403, description = "not a moderator, a token without the admin scope, or one's own proposal (`forbidden`)", body = ErrorBody), (status = 404, description = "no such proposal (`not_found`)", body = ErrorBody), (status = 409, description = "not pending, or the record changed since (`conflict`)", body = ErrorBody), (status = 422, description = "a reason is required (`validation_failed`)", body = ErrorBody)))]
pub(crate) async fn api_decide(
    State(app): State<App>,
    RequireUser(who): RequireUser,
    Path(id): Path<String>,
    b: Result<Json<DecisionBody>, JsonRejection>,
) -> ApiResult<ProposalOut> {
    let b = body(b)?;
    let decision = match b.decision.as_str() {
        "approve" => Decision::Approve,
        "reject" => Decision::Reject,
        "request_changes" => Decision::RequestChanges,
        other => {
            return Err(AppError::invalid(
                "decision",
                format!("unknown decision '{other}': expected approve, reject or request_changes"),
            )
            .into())
        }
    };
    let p = review::decide(&app, &who, &id, decision, &b.reason).await?;
    Ok(Json(with_events(&app, p).await?))
}

/// A revised proposal.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RevisionBody {
    #[schema(value_type = Object)]
    pub input: serde_json::Value,
    #[serde(default)]
    pub message: String,
}

#[utoipa::path(post, path = "/api/v1/proposals/{id}/revision", tag = "review", request_body = RevisionBody, params(("id" = String, Path, description = "the proposal's id")), security(("bearer" = [])),
    responses((status = 200, description = "revised: pending again", body = ProposalOut), (status = 401, description = "no valid session or token (`unauthenticated`)", body = ErrorBody), (status = 403, description = "a read-only token (`forbidden`)", body = ErrorBody), (status = 404, description = "no such proposal of yours (`not_found`)", body = ErrorBody), (status = 409, description = "already decided (`conflict`)", body = ErrorBody), (status = 422, description = "every field problem (`validation_failed`)", body = ErrorBody)))]
pub(crate) async fn api_revise(
    State(app): State<App>,
    RequireUser(who): RequireUser,
    Path(id): Path<String>,
    b: Result<Json<RevisionBody>, JsonRejection>,
) -> ApiResult<ProposalOut> {
    let b = body(b)?;
    let p = review::revise(&app, &who, &id, b.input, &b.message).await?;
    Ok(Json(with_events(&app, p).await?))
}

#[utoipa::path(post, path = "/api/v1/proposals/{id}/withdraw", tag = "review", params(("id" = String, Path, description = "the proposal's id")), security(("bearer" = [])),
    responses((status = 200, description = "withdrawn", body = ProposalOut), (status = 401, description = "no valid session or token (`unauthenticated`)", body = ErrorBody), (status = 404, description = "no such proposal of yours (`not_found`)", body = ErrorBody), (status = 409, description = "already decided (`conflict`)", body = ErrorBody)))]
pub(crate) async fn api_withdraw(
    State(app): State<App>,
    RequireUser(who): RequireUser,
    Path(id): Path<String>,
) -> ApiResult<ProposalOut> {
    let p = review::withdraw(&app, &who, &id).await?;
    Ok(Json(with_events(&app, p).await?))
}

/// One step of a record's public history.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct HistoryOut {
    pub at: String,
    /// `revision`, or a review action (`submitted`, `approved`, `rejected`, …).
    pub kind: String,
    /// The public name of who acted.
    pub actor: String,
    pub reason: String,
    pub revision: Option<i64>,
    pub fields: Vec<String>,
    pub status_from: Option<String>,
    pub status_to: Option<String>,
    pub proposal: Option<String>,
}

/// Whether a record is public (published), so its history is.
pub(crate) async fn published_record(app: &App, target: Target, id: &str) -> Result<String, AppError> {
    let store = app.store();
    let found = match target {
        Target::Entry => {
            let e = match store.entry(id).await? {
                Some(e) => Some(e),
                None => store.entry_by_slug(id).await?,
            };
            e.filter(|e| e.status == Status::Published).map(|e| e.id)
        }
        Target::Contribution => store.contribution(id).await?.filter(|c| c.status == Status::Published).map(|c| c.id),
        Target::Endorsement => store.endorsement(id).await?.filter(|e| e.status == Status::Published).map(|e| e.id),
    };
    found.ok_or_else(|| AppError::not_found(format!("{} '{id}'", target.code())))
}

#[utoipa::path(get, path = "/api/v1/history/{target}/{id}", tag = "review", params(("target" = String, Path, description = "`entry`, `contribution` or `endorsement`"), ("id" = String, Path, description = "the record's id (or an entry's slug)")),
    responses((status = 200, description = "the public history, newest first: revisions and review events with their reasons", body = Vec<HistoryOut>), (status = 404, description = "no such published record (`not_found`)", body = ErrorBody)))]
pub(crate) async fn api_history(
    State(app): State<App>,
    Path((t, id)): Path<(String, String)>,
) -> ApiResult<Vec<HistoryOut>> {
    let t = Target::from_code(&t).ok_or_else(|| AppError::not_found(format!("history of '{t}'")))?;
    let id = published_record(&app, t, &id).await?;
    let items = review::history(&app, t, &id).await?;
    Ok(Json(
        items
            .into_iter()
            .map(|h| HistoryOut {
                at: h.at,
                kind: h.kind,
                actor: h.actor,
                reason: h.reason,
                revision: h.revision,
                fields: h.fields,
                status_from: h.status_from,
                status_to: h.status_to,
                proposal: h.proposal,
            })
            .collect(),
    ))
}

#[utoipa::path(post, path = "/api/v1/entries/{id}/confirm", tag = "review", params(("id" = String, Path, description = "the entry's id or slug")), security(("bearer" = [])),
    responses((status = 204, description = "confirmed as current: the stale label goes"), (status = 401, description = "no valid session or token (`unauthenticated`)", body = ErrorBody), (status = 403, description = "not an editor of the organization that keeps it (`forbidden`)", body = ErrorBody), (status = 404, description = "no such entry (`not_found`)", body = ErrorBody)))]
pub(crate) async fn api_confirm(
    State(app): State<App>,
    RequireUser(who): RequireUser,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    review::confirm(&app, &who, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A member of an organization.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct MemberOut {
    pub user_id: String,
    pub name: String,
    /// `member` or `editor`.
    pub role: String,
    pub since: String,
}

#[utoipa::path(get, path = "/api/v1/orgs/{id}/members", tag = "review", params(("id" = String, Path, description = "the organization's entry id or slug")), security(("bearer" = [])),
    responses((status = 200, description = "its members (names and roles, never addresses)", body = Vec<MemberOut>), (status = 401, description = "no valid session or token (`unauthenticated`)", body = ErrorBody), (status = 403, description = "not a member (`forbidden`)", body = ErrorBody), (status = 404, description = "no such organization (`not_found`)", body = ErrorBody)))]
pub(crate) async fn api_members(
    State(app): State<App>,
    RequireUser(who): RequireUser,
    Path(id): Path<String>,
) -> ApiResult<Vec<MemberOut>> {
    let org = review::organization(&app, &id).await?;
    let list = review::members(&app, &who, &org).await?;
    Ok(Json(
        list.into_iter()
            .map(|m| MemberOut { user_id: m.user_id, name: m.name, role: m.role, since: m.since })
            .collect(),
    ))
}

/// Adds a person or changes their role.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MemberBody {
    /// The person's e-mail address or account id.
    pub person: String,
    /// `member` or `editor`.
    pub role: String,
}

fn org_role(code: &str) -> Result<OrgRole, AppError> {
    OrgRole::from_code(code)
        .ok_or_else(|| AppError::invalid("role", format!("unknown role '{code}': expected member or editor")))
}

#[utoipa::path(post, path = "/api/v1/orgs/{id}/members", tag = "review", request_body = MemberBody, params(("id" = String, Path, description = "the organization's entry id or slug")), security(("bearer" = [])),
    responses((status = 200, description = "the member as stored", body = MemberOut), (status = 401, description = "no valid session or token (`unauthenticated`)", body = ErrorBody), (status = 403, description = "not an editor of the organization or an admin (`forbidden`)", body = ErrorBody), (status = 404, description = "no such organization (`not_found`)", body = ErrorBody), (status = 422, description = "no such account (`validation_failed`)", body = ErrorBody)))]
pub(crate) async fn api_set_member(
    State(app): State<App>,
    RequireUser(who): RequireUser,
    Path(id): Path<String>,
    b: Result<Json<MemberBody>, JsonRejection>,
) -> ApiResult<MemberOut> {
    let b = body(b)?;
    let org = review::organization(&app, &id).await?;
    let m = review::set_member(&app, &who, &org, &b.person, org_role(&b.role)?).await?;
    Ok(Json(MemberOut { user_id: m.user_id, name: m.name, role: m.role, since: m.since }))
}

#[utoipa::path(delete, path = "/api/v1/orgs/{id}/members/{user}", tag = "review", params(("id" = String, Path, description = "the organization's entry id or slug"), ("user" = String, Path, description = "the member's account id")), security(("bearer" = [])),
    responses((status = 204, description = "removed"), (status = 401, description = "no valid session or token (`unauthenticated`)", body = ErrorBody), (status = 403, description = "not an editor of the organization or an admin (`forbidden`)", body = ErrorBody), (status = 404, description = "no such organization or member (`not_found`)", body = ErrorBody), (status = 409, description = "the last editor (`conflict`)", body = ErrorBody)))]
pub(crate) async fn api_remove_member(
    State(app): State<App>,
    RequireUser(who): RequireUser,
    Path((id, user)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    let org = review::organization(&app, &id).await?;
    review::remove_member(&app, &who, &org, &user).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A request to join an organization.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct JoinRequestOut {
    pub id: String,
    pub org: String,
    pub user_id: String,
    pub user_name: String,
    pub message: String,
    /// `pending`, `approved`, `declined`.
    pub state: String,
    pub created_at: String,
}

fn join_out(r: JoinRequest) -> JoinRequestOut {
    JoinRequestOut {
        id: r.id,
        org: r.org,
        user_id: r.user_id,
        user_name: r.user_name,
        message: r.message,
        state: r.state,
        created_at: r.created_at,
    }
}

#[utoipa::path(get, path = "/api/v1/orgs/{id}/join-requests", tag = "review", params(("id" = String, Path, description = "the organization's entry id or slug")), security(("bearer" = [])),
    responses((status = 200, description = "pending requests to join", body = Vec<JoinRequestOut>), (status = 401, description = "no valid session or token (`unauthenticated`)", body = ErrorBody), (status = 403, description = "not an editor of the organization or an admin (`forbidden`)", body = ErrorBody), (status = 404, description = "no such organization (`not_found`)", body = ErrorBody)))]
pub(crate) async fn api_join_requests(
    State(app): State<App>,
    RequireUser(who): RequireUser,
    Path(id): Path<String>,
) -> ApiResult<Vec<JoinRequestOut>> {
    let org = review::organization(&app, &id).await?;
    Ok(Json(review::join_requests(&app, &who, &org).await?.into_iter().map(join_out).collect()))
}

/// Asking to join.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct JoinBody {
    #[serde(default)]
    pub message: String,
}

#[utoipa::path(post, path = "/api/v1/orgs/{id}/join-requests", tag = "review", request_body = JoinBody, params(("id" = String, Path, description = "the organization's entry id or slug")), security(("bearer" = [])),
    responses((status = 201, description = "asked: the organization's editors decide", body = JoinRequestOut), (status = 401, description = "no valid session or token (`unauthenticated`)", body = ErrorBody), (status = 404, description = "no such organization (`not_found`)", body = ErrorBody), (status = 409, description = "already a member, or a request is pending (`conflict`)", body = ErrorBody)))]
pub(crate) async fn api_request_join(
    State(app): State<App>,
    RequireUser(who): RequireUser,
    Path(id): Path<String>,
    b: Result<Json<JoinBody>, JsonRejection>,
) -> Result<(StatusCode, Json<JoinRequestOut>), ApiError> {
    let b = body(b)?;
    let org = review::organization(&app, &id).await?;
    let r = review::request_join(&app, &who, &org, &b.message).await?;
    Ok((StatusCode::CREATED, Json(join_out(r))))
}

/// An editor's answer to a request to join.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct JoinDecisionBody {
    pub approve: bool,
}

#[utoipa::path(post, path = "/api/v1/orgs/{id}/join-requests/{request}", tag = "review", request_body = JoinDecisionBody, params(("id" = String, Path, description = "the organization's entry id or slug"), ("request" = String, Path, description = "the request's id")), security(("bearer" = [])),
    responses((status = 204, description = "decided; an approved person is a member"), (status = 401, description = "no valid session or token (`unauthenticated`)", body = ErrorBody), (status = 403, description = "not an editor of the organization or an admin (`forbidden`)", body = ErrorBody), (status = 404, description = "no such organization or request (`not_found`)", body = ErrorBody), (status = 409, description = "already decided (`conflict`)", body = ErrorBody)))]
pub(crate) async fn api_decide_join(
    State(app): State<App>,
    RequireUser(who): RequireUser,
    Path((id, request)): Path<(String, String)>,
    b: Result<Json<JoinDecisionBody>, JsonRejection>,
) -> Result<StatusCode, ApiError> {
    let b = body(b)?;
    let org = review::organization(&app, &id).await?;
    review::decide_join(&app, &who, &org, &request, b.approve).await?;
    Ok(StatusCode::NO_CONTENT)
}
