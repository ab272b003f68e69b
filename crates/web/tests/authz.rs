//! The authorization matrix (`tests/authz.tsv`): every listed route × every kind of caller, on SQLite and
//! PostgreSQL. Every disagreement with the table is reported at once.

mod support;

use axum::http::{header, Method, StatusCode};
use cogov_app::{OrgRole, Role, Scope};
use support::accounts::{self as acc, Auth, Payload};

const CALLERS: [&str; 9] =
    ["anonymous", "member", "editor", "other_editor", "moderator", "admin", "token_read", "token_write", "token_admin"];

struct Row {
    line: usize,
    method: Method,
    path: String,
    body: String,
    verdicts: Vec<bool>,
}

fn rows() -> Vec<Row> {
    let text = include_str!("authz.tsv");
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 3 + CALLERS.len(), "authz.tsv line {}: {} columns", i + 1, cols.len());
        let verdicts = cols[3..]
            .iter()
            .map(|v| match *v {
                "allow" => true,
                "deny" => false,
                other => panic!("authz.tsv line {}: verdict '{other}' is not allow or deny", i + 1),
            })
            .collect();
        out.push(Row {
            line: i + 1,
            method: cols[0].parse().unwrap_or_else(|_| panic!("authz.tsv line {}: method", i + 1)),
            path: cols[1].to_string(),
            body: cols[2].to_string(),
            verdicts,
        });
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_route_and_caller_is_allowed_or_denied_as_the_table_says() {
    let rows = rows();
    assert!(rows.len() >= 20, "only {} rows", rows.len());
    for t in acc::backends().await {
        let org = acc::org(&t.app, "acme").await;
        let other_org = acc::org(&t.app, "other").await;
        let victim = acc::user(&t.app, Role::User, &[]).await;
        let admin = acc::user(&t.app, Role::Admin, &[]).await;
        let sessions = [
            acc::anonymous(),
            acc::user(&t.app, Role::User, &[(&org, OrgRole::Member)]).await,
            acc::user(&t.app, Role::User, &[(&org, OrgRole::Editor)]).await,
            acc::user(&t.app, Role::User, &[(&other_org, OrgRole::Editor)]).await,
            acc::user(&t.app, Role::Moderator, &[]).await,
            admin.clone(),
        ];
        let tokens = [
            acc::token(&t.app, &admin, Scope::Read).await,
            acc::token(&t.app, &admin, Scope::Write).await,
            acc::token(&t.app, &admin, Scope::Admin).await,
        ];
        let mut wrong = Vec::new();
        for row in &rows {
            let path =
                row.path.replace("{org}", &org).replace("{other_org}", &other_org).replace("{user}", &victim.user_id);
            for (c, caller) in CALLERS.iter().enumerate() {
                let auth = match c {
                    0..=5 => Auth::Browser(&sessions[c]),
                    _ => Auth::Bearer(&tokens[c - 6]),
                };
                let form: Vec<(String, String)>;
                let pairs: Vec<(&str, &str)>;
                let payload = if let Some(j) = row.body.strip_prefix("json:") {
                    Payload::Json(serde_json::from_str(j).unwrap_or_else(|e| panic!("line {}: {e}", row.line)))
                } else if let Some(f) = row.body.strip_prefix("form:") {
                    form =
                        form_urlencoded::parse(f.as_bytes()).map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
                    pairs = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
                    Payload::Form(&pairs)
                } else {
                    Payload::Empty
                };
                let r = acc::send(&t.app, row.method.clone(), &path, auth, payload).await;
                let to_sign_in = r.status.is_redirection()
                    && r.headers
                        .get(header::LOCATION)
                        .and_then(|l| l.to_str().ok())
                        .is_some_and(|l| l.contains("/sign-in"));
                let denied = r.status == StatusCode::UNAUTHORIZED || r.status == StatusCode::FORBIDDEN || to_sign_in;
                if r.status.is_server_error() || denied == row.verdicts[c] {
                    wrong.push(format!(
                        "line {} {} {} as {caller}: {} (expected {})",
                        row.line,
                        row.method,
                        row.path,
                        r.status,
                        if row.verdicts[c] { "allow" } else { "deny" }
                    ));
                }
            }
        }
        assert!(wrong.is_empty(), "{}: {} disagreements with authz.tsv:\n{}", t.backend, wrong.len(), wrong.join("\n"));
    }
}
