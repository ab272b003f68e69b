//! `/{lang}/api`: the JSON API for people — every operation of the OpenAPI document with its parameters and
//! answers, and the error codes with their HTTP status. Built from [`super::document`] and
//! `app::ErrorCode`, so it lists exactly what the API does. Operation texts come from the document (English,
//! marked `lang="en"`); the page around them is translated.

use askama::Template;
use axum::extract::Path;
use axum::http::Uri;
use axum::routing::get;
use axum::Router;
use cogov_app::{App, ErrorCode};
use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::Required;

use crate::error::status_of;
use crate::i18n;
use crate::pages::{page_lang, render, PageMeta, PageResult};

pub fn page_routes() -> Router<App> {
    Router::new().route("/{lang}/api", get(page))
}

struct Group {
    tag: String,
    operations: Vec<OperationView>,
}

struct OperationView {
    method: String,
    path: String,
    /// From the handler's documentation, in English.
    summary: String,
    params: Vec<ParamView>,
    /// `200 …`, `400 …`: status and what it means, in English.
    responses: Vec<(String, String)>,
}

struct ParamView {
    name: String,
    location: &'static str,
    required: bool,
    description: String,
}

struct ErrorRow {
    code: &'static str,
    status: u16,
    meaning: String,
}

#[derive(Template)]
#[template(path = "api.html")]
struct ApiPage {
    page: PageMeta,
    groups: Vec<Group>,
    errors: Vec<ErrorRow>,
}

fn operation_view(method: &str, path: &str, op: &Operation) -> OperationView {
    let summary = op.summary.clone().or_else(|| op.description.clone()).unwrap_or_default();
    let params = op
        .parameters
        .iter()
        .flatten()
        .map(|p| ParamView {
            name: p.name.clone(),
            location: match p.parameter_in {
                ParameterIn::Path => "path",
                ParameterIn::Query => "query",
                ParameterIn::Header => "header",
                ParameterIn::Cookie => "cookie",
            },
            required: matches!(p.required, Required::True),
            description: p.description.clone().unwrap_or_default(),
        })
        .collect();
    let responses =
        op.responses.responses.iter().map(|(status, r)| (status.clone(), description_of(r))).collect::<Vec<_>>();
    OperationView { method: method.to_uppercase(), path: path.to_string(), summary, params, responses }
}

fn description_of(r: &utoipa::openapi::RefOr<utoipa::openapi::Response>) -> String {
    match r {
        utoipa::openapi::RefOr::T(r) => r.description.clone(),
        utoipa::openapi::RefOr::Ref(r) => r.ref_location.clone(),
    }
}

/// The operations of the document grouped by their first tag, in the document's tag order.
fn groups() -> Vec<Group> {
    let doc = crate::openapi::document();
    let tags: Vec<String> = doc.tags.iter().flatten().map(|t| t.name.clone()).collect();
    let mut groups: Vec<Group> = tags.iter().map(|t| Group { tag: t.clone(), operations: vec![] }).collect();
    for (path, item) in &doc.paths.paths {
        let ops = [
            ("get", &item.get),
            ("post", &item.post),
            ("put", &item.put),
            ("patch", &item.patch),
            ("delete", &item.delete),
        ];
        for (method, op) in ops {
            let Some(op) = op else { continue };
            let tag = op.tags.iter().flatten().next().cloned().unwrap_or_default();
            let view = operation_view(method, path, op);
            match groups.iter_mut().find(|g| g.tag == tag) {
                Some(g) => g.operations.push(view),
                None => groups.push(Group { tag, operations: vec![view] }),
            }
        }
    }
    groups.retain(|g| !g.operations.is_empty());
    groups
}

async fn page(Path(lang): Path<String>, uri: Uri) -> PageResult {
    let lang = page_lang(&lang, &uri)?;
    let errors = ErrorCode::ALL
        .iter()
        .map(|c| ErrorRow {
            code: c.as_str(),
            status: status_of(*c).as_u16(),
            meaning: i18n::message(lang, &format!("api-error-{}", c.as_str().replace('_', "-"))),
        })
        .collect();
    Ok(render(&ApiPage { page: PageMeta::new(lang, i18n::message(lang, "api-title"), &uri), groups: groups(), errors }))
}
