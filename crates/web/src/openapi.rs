//! The OpenAPI 3.1 document of the JSON API, generated from the handlers' `#[utoipa::path]` attributes and the
//! types they return (`#[derive(utoipa::ToSchema)]`), served at `/api/v1/openapi.json`. `tests/openapi.rs` fails
//! when a route of the router is missing from it, and keeps a snapshot of it.
//!
//! To add a route: annotate the handler with `#[utoipa::path(…)]`, derive `ToSchema` on what it takes and
//! returns (`IntoParams` on a query-string struct), and list the handler in `paths(…)` below.

use std::sync::OnceLock;

use axum::http::header;
use axum::response::{IntoResponse, Response};
use cogov_app::ErrorCode;
use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, Schema, SchemaType, Type};
use utoipa::openapi::RefOr;
use utoipa::OpenApi;

use crate::error::{status_of, ErrorBody};
use crate::{account, api, map, ops, review, search};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "cogov",
        description = "The JSON API of cogov, a registry for global digital cooperation: frameworks and their \
            crosswalks, entries, countries, full-text search and the GDC implementation map. Errors are \
            `{error, message, field?, errors?}` with a stable `error` code (see the `ErrorBody` schema). \
            Unknown query parameters are refused (400) with their name.",
        license(name = "AGPL-3.0-or-later", identifier = "AGPL-3.0-or-later"),
    ),
    paths(
        api::frameworks, api::framework, api::framework_versions, api::node, api::crosswalk,
        api::list_entries, api::entry, api::countries, api::country, api::regions,
        search::api_search, search::api_suggest, search::api_status,
        map::api_heatmap, map::api_world, map::api_gaps, map::api_endorsements, map::api_report,
        map::api_coverage, map::api_commitment, map::api_country, map::api_contribution,
        account::api_me, account::api_export, account::api_tokens, account::api_create_token,
        account::api_revoke_token, account::api_users, account::api_set_role, account::api_ban, account::api_unban,
        account::api_audit, account::api_resend_verification,
        review::api_propose, review::api_mine, review::api_queue, review::api_proposal, review::api_decide,
        review::api_revise, review::api_withdraw, review::api_history, review::api_confirm, review::api_members,
        review::api_set_member, review::api_remove_member, review::api_join_requests, review::api_request_join,
        review::api_decide_join,
        openapi_json,
        ops::healthz, ops::readyz, ops::metrics,
    ),
    components(schemas(ErrorBody)),
    tags(
        (name = "frameworks", description = "framework files, their nodes and crosswalks"),
        (name = "entries", description = "published registry entries"),
        (name = "geography", description = "countries and M49 regions"),
        (name = "search", description = "full-text search over published entries"),
        (name = "map", description = "the GDC implementation map"),
        (name = "accounts", description = "the signed-in account, API tokens, and admin actions (roles, bans, audit log)"),
        (name = "review", description = "proposals and their review, public record histories, confirming entries, organization members"),
        (name = "meta", description = "this document"),
        (name = "operations", description = "liveness, readiness and metrics (outside /api/v1)"),
    ),
)]
struct ApiDoc;

mod page;
pub use page::page_routes;

/// The document, built once per process.
pub fn document() -> &'static utoipa::openapi::OpenApi {
    static DOC: OnceLock<utoipa::openapi::OpenApi> = OnceLock::new();
    DOC.get_or_init(|| {
        let mut doc = ApiDoc::openapi();
        open_flattened(&mut doc);
        doc
    })
}

/// A struct flattened into another (`#[serde(flatten)]`, an `allOf` part) must not forbid the other's
/// properties: `deny_unknown_fields` on the inner type (for its input) would make every real answer invalid.
fn open_flattened(doc: &mut utoipa::openapi::OpenApi) {
    let Some(components) = doc.components.as_mut() else { return };
    let mut flattened = Vec::new();
    for schema in components.schemas.values() {
        if let RefOr::T(Schema::AllOf(all)) = schema {
            for item in &all.items {
                if let RefOr::Ref(r) = item {
                    flattened.push(r.ref_location.trim_start_matches("#/components/schemas/").to_string());
                }
            }
        }
    }
    for name in flattened {
        if let Some(RefOr::T(Schema::Object(o))) = components.schemas.get_mut(&name) {
            o.additional_properties = None;
        }
    }
}

fn document_json() -> &'static str {
    static JSON: OnceLock<String> = OnceLock::new();
    JSON.get_or_init(|| document().to_pretty_json().unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}")))
}

/// This document.
#[utoipa::path(get, path = "/api/v1/openapi.json", tag = "meta",
    responses((status = 200, description = "the OpenAPI 3.1 document of this API", body = Object)))]
pub(crate) async fn openapi_json() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], document_json()).into_response()
}

/// The error body's schema, written here (the type holds `&'static str` codes): `error` is one of
/// [`ErrorCode::ALL`], so a new code joins the document by itself.
impl utoipa::PartialSchema for ErrorBody {
    fn schema() -> RefOr<Schema> {
        let codes = ErrorCode::ALL
            .iter()
            .map(|c| format!("{} ({})", c.as_str(), status_of(*c).as_u16()))
            .collect::<Vec<_>>()
            .join(", ");
        ObjectBuilder::new()
            .description(Some(format!(
                "Every error of the API. `error` is a stable code, with its HTTP status: {codes}."
            )))
            .property(
                "error",
                ObjectBuilder::new()
                    .schema_type(Type::String)
                    .enum_values(Some(ErrorCode::ALL.iter().map(|c| c.as_str()))),
            )
            .required("error")
            .property(
                "message",
                ObjectBuilder::new().schema_type(Type::String).description(Some("what is wrong, for people")),
            )
            .required("message")
            .property(
                "field",
                ObjectBuilder::new()
                    .schema_type(Type::String)
                    .description(Some("the parameter or field concerned, when there is one")),
            )
            .property(
                "errors",
                ArrayBuilder::new().items(ObjectBuilder::new().schema_type(SchemaType::AnyValue)).description(Some(
                    "every problem when several are reported at once: {field, code, message} for validation, \
                         {file, line, code, message} for refused files",
                )),
            )
            .into()
    }
}

impl utoipa::ToSchema for ErrorBody {}

/// Every `(method, path)` the document describes, paths as the router writes them (`/api/v1/nodes/{id}`).
pub fn operations() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (path, item) in &document().paths.paths {
        let methods = [
            ("get", item.get.is_some()),
            ("post", item.post.is_some()),
            ("put", item.put.is_some()),
            ("patch", item.patch.is_some()),
            ("delete", item.delete.is_some()),
            ("head", item.head.is_some()),
            ("options", item.options.is_some()),
        ];
        for (m, present) in methods {
            if present {
                out.push((m.to_string(), path.clone()));
            }
        }
    }
    out
}
