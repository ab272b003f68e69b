//! Account pages and API: sign-in and sign-out, registration, e-mail verification, password reset, the
//! account page (name, sessions, API tokens, export, deletion), the admin pages (roles, bans, audit log).
//! Forms check every field and show every error at once: inline and in a linked summary.

use askama::Template;
use axum::extract::{Path, Query, RawQuery, State};
use axum::http::{header, HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Json, Router};
use cogov_app::accounts::Registration;
use cogov_app::{App, AppError, Principal, Role, Scope};
use cogov_core::entry::FieldError;
use cogov_core::Lang;
use cogov_store::{ApiToken, AuditEvent, StoredSession, User};
use serde::{Deserialize, Serialize};

use crate::auth::{self, Auth, RequireUser};
use crate::error::{ApiError, ErrorBody};
use crate::i18n;
use crate::pages::{page_lang, render, PageError, PageMeta, PageResult};

pub fn page_routes(app: &App, limiters: &auth::RateLimiters) -> Router<App> {
    let limited = Router::new()
        .route("/{lang}/sign-in", get(sign_in_page).post(sign_in))
        .route("/{lang}/register", get(register_page).post(register))
        .route("/{lang}/forgot-password", get(forgot_page).post(forgot))
        .route("/{lang}/reset-password", get(reset_page).post(reset))
        .route_layer(auth::auth_limit(app, limiters));
    Router::new()
        .merge(limited)
        .route("/{lang}/verify-email", get(verify_email))
        .route("/{lang}/account", get(account_page))
        .route("/{lang}/account/export", get(export_page))
        .route("/{lang}/admin/users", get(admin_users))
        .route("/{lang}/admin/audit", get(admin_audit))
        .merge(form_actions())
}

/// Form actions (POST only): not pages, so not in `tests/pages.txt`; each redirects or re-renders its page.
fn form_actions() -> Router<App> {
    const SIGN_OUT: &str = "/{lang}/sign-out";
    const ACTIONS: [&str; 7] = [
        "/{lang}/verify-email/resend",
        "/{lang}/account/name",
        "/{lang}/account/sessions/revoke",
        "/{lang}/account/tokens",
        "/{lang}/account/tokens/revoke",
        "/{lang}/account/delete",
        "/{lang}/admin/users/{id}",
    ];
    let [resend, name, revoke_s, tokens, revoke_t, delete, admin] = ACTIONS;
    Router::new()
        .route(SIGN_OUT, post(sign_out))
        .route(resend, post(resend_verification))
        .route(name, post(rename))
        .route(revoke_s, post(revoke_session))
        .route(tokens, post(create_token))
        .route(revoke_t, post(revoke_token))
        .route(delete, post(delete_account))
        .route(admin, post(admin_user_action))
}

pub fn api_routes() -> Router<App> {
    Router::new()
        .route("/me", get(api_me))
        .route("/me/export", get(api_export))
        .route("/me/verification", post(api_resend_verification))
        .route("/tokens", get(api_tokens).post(api_create_token))
        .route("/tokens/{id}", axum::routing::delete(api_revoke_token))
        .route("/admin/users", get(api_users))
        .route("/admin/users/{id}/role", post(api_set_role))
        .route("/admin/users/{id}/ban", post(api_ban))
        .route("/admin/users/{id}/unban", post(api_unban))
        .route("/admin/audit", get(api_audit))
}

// ---------------------------------------------------------------- forms

/// One form field as rendered.
pub struct Field {
    pub name: &'static str,
    pub label: String,
    pub kind: &'static str,
    pub autocomplete: &'static str,
    pub value: String,
    pub hint: String,
    pub error: Option<String>,
}

#[derive(Template)]
#[template(path = "form.html")]
struct FormPage {
    page: PageMeta,
    heading: String,
    intro: String,
    notice: Option<String>,
    action: String,
    hidden: Vec<(&'static str, String)>,
    fields: Vec<Field>,
    submit: String,
    links: Vec<(String, String)>,
    /// Another way in (the OpenID Connect provider's link on the sign-in page): address and text.
    alternative: Option<(String, String)>,
}

impl FormPage {
    fn errors(&self) -> Vec<(&'static str, String)> {
        self.fields.iter().filter_map(|f| f.error.clone().map(|e| (f.name, format!("{}: {e}", f.label)))).collect()
    }
}

fn field(lang: Lang, name: &'static str, kind: &'static str, autocomplete: &'static str, value: &str) -> Field {
    Field {
        name,
        label: i18n::message(lang, &format!("field-{name}")),
        kind,
        autocomplete,
        value: if kind == "password" { String::new() } else { value.to_string() },
        hint: i18n::try_message(lang, &format!("field-{name}-hint")).unwrap_or_default(),
        error: None,
    }
}

/// The interface message of a field error (by its code), in the page's language.
pub fn error_text(lang: Lang, e: &FieldError) -> String {
    i18n::try_message(lang, &format!("form-error-{}", e.code)).unwrap_or_else(|| e.message.clone())
}

/// Puts each error on its field (unknown fields go on the first one).
fn attach(lang: Lang, fields: &mut [Field], errors: &[FieldError]) {
    for e in errors {
        let text = error_text(lang, e);
        let target = fields.iter().position(|f| f.name == e.field).unwrap_or(0);
        if let Some(f) = fields.get_mut(target) {
            f.error = Some(match &f.error {
                Some(prev) => format!("{prev} {text}"),
                None => text,
            });
        }
    }
}

fn t(lang: Lang, key: &str) -> String {
    i18n::message(lang, key)
}

fn form_page(lang: Lang, uri: &Uri, key: &str, action: &str, fields: Vec<Field>) -> FormPage {
    FormPage {
        page: PageMeta::new(lang, t(lang, &format!("{key}-title")), uri),
        heading: t(lang, &format!("{key}-title")),
        intro: i18n::try_message(lang, &format!("{key}-intro")).unwrap_or_default(),
        notice: None,
        action: format!("/{}/{action}", lang.code()),
        hidden: vec![],
        fields,
        submit: i18n::try_message(lang, &format!("{key}-submit")).unwrap_or_default(),
        links: vec![],
        alternative: None,
    }
}

fn with_status(status: StatusCode, page: &FormPage) -> Response {
    (status, render(page)).into_response()
}

/// `next` must be a path on this site (never `//host` or a scheme): an open redirect otherwise.
pub(crate) fn safe_next(next: &str, lang: Lang) -> String {
    if next.starts_with('/') && !next.starts_with("//") && !next.contains('\\') {
        next.to_string()
    } else {
        format!("/{}/account", lang.code())
    }
}

fn user_agent(headers: &HeaderMap) -> String {
    headers.get(header::USER_AGENT).and_then(|v| v.to_str().ok()).unwrap_or("").to_string()
}

// ---------------------------------------------------------------- sign-in, sign-out

#[derive(Deserialize, Default)]
struct SignInForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
}

#[derive(Deserialize, Default)]
struct NextQuery {
    next: Option<String>,
}

fn sign_in_form(app: &App, lang: Lang, uri: &Uri, email: &str, next: &str) -> FormPage {
    let mut p = form_page(
        lang,
        uri,
        "sign-in",
        "sign-in",
        vec![
            field(lang, "email", "email", "username", email),
            field(lang, "password", "password", "current-password", ""),
        ],
    );
    p.hidden.push(("next", next.to_string()));
    p.alternative = crate::oidc::sign_in_link(app, lang, next);
    p.links = vec![
        (format!("/{}/register", lang.code()), t(lang, "sign-in-register")),
        (format!("/{}/forgot-password", lang.code()), t(lang, "sign-in-forgot")),
    ];
    p
}

async fn sign_in_page(
    State(app): State<App>,
    Path(lang): Path<String>,
    uri: Uri,
    Query(q): Query<NextQuery>,
) -> PageResult {
    let lang = page_lang(&lang, &uri)?;
    Ok(render(&sign_in_form(&app, lang, &uri, "", q.next.as_deref().unwrap_or(""))))
}

async fn sign_in(
    State(app): State<App>,
    Path(lang): Path<String>,
    uri: Uri,
    headers: HeaderMap,
    Form(f): Form<SignInForm>,
) -> PageResult {
    let lang = page_lang(&lang, &uri)?;
    let mut errors = Vec::new();
    if f.email.trim().is_empty() {
        errors.push(FieldError::new("email", "required", "required"));
    }
    if f.password.is_empty() {
        errors.push(FieldError::new("password", "required", "required"));
    }
    if errors.is_empty() {
        match app.sign_in(&f.email, &f.password, &user_agent(&headers)).await {
            Ok(s) => {
                let max_age = app.accounts().config.session_days * 24 * 3600;
                let mut r = Redirect::to(&safe_next(&f.next, lang)).into_response();
                r.headers_mut().append(
                    header::SET_COOKIE,
                    auth::set_cookie(auth::SESSION_COOKIE, &s.cookie, Some(max_age), auth::secure_cookies(&app)),
                );
                return Ok(r);
            }
            Err(_) => errors.push(FieldError::new("email", "sign_in_refused", "refused")),
        }
    }
    let mut page = sign_in_form(&app, lang, &uri, &f.email, &f.next);
    attach(lang, &mut page.fields, &errors);
    Ok(with_status(StatusCode::UNPROCESSABLE_ENTITY, &page))
}

async fn sign_out(State(app): State<App>, Path(lang): Path<String>, uri: Uri, a: Auth) -> PageResult {
    let lang = page_lang(&lang, &uri)?;
    if let Some(s) = &a.session {
        app.sign_out(s).await.map_err(|e| PageError::new(lang, &uri, e))?;
    }
    let mut r = Redirect::to(&format!("/{}/", lang.code())).into_response();
    r.headers_mut().append(header::SET_COOKIE, auth::set_cookie(auth::SESSION_COOKIE, "", Some(0), a.secure_cookies));
    Ok(r)
}

// ---------------------------------------------------------------- registration and e-mail

#[derive(Deserialize, Default)]
struct RegisterForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    password: String,
}

fn register_form(lang: Lang, uri: &Uri, f: &RegisterForm) -> FormPage {
    form_page(
        lang,
        uri,
        "register",
        "register",
        vec![
            field(lang, "email", "email", "email", &f.email),
            field(lang, "name", "text", "nickname", &f.name),
            field(lang, "password", "password", "new-password", ""),
        ],
    )
}

async fn register_page(Path(lang): Path<String>, uri: Uri) -> PageResult {
    let lang = page_lang(&lang, &uri)?;
    Ok(render(&register_form(lang, &uri, &RegisterForm::default())))
}

fn notice_page(lang: Lang, uri: &Uri, key: &str) -> Response {
    let mut p = form_page(lang, uri, key, "", vec![]);
    p.notice = Some(t(lang, &format!("{key}-done")));
    p.action.clear();
    render(&p)
}

async fn register(
    State(app): State<App>,
    Path(lang): Path<String>,
    uri: Uri,
    Form(f): Form<RegisterForm>,
) -> PageResult {
    let lang = page_lang(&lang, &uri)?;
    let r = Registration { email: f.email.clone(), name: f.name.clone(), password: f.password.clone() };
    match app.register(&r).await {
        Ok(()) => Ok(notice_page(lang, &uri, "register")),
        Err(AppError::Validation(errors)) => {
            let mut page = register_form(lang, &uri, &f);
            attach(lang, &mut page.fields, &errors);
            Ok(with_status(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(e) => Err(PageError::new(lang, &uri, e)),
    }
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct TokenQuery {
    #[serde(default)]
    token: String,
}

async fn verify_email(
    State(app): State<App>,
    Path(lang): Path<String>,
    uri: Uri,
    RawQuery(raw): RawQuery,
) -> PageResult {
    let lang = page_lang(&lang, &uri)?;
    let q: TokenQuery = crate::query::parse(raw.as_deref()).map_err(|e| PageError::new(lang, &uri, e))?;
    let ok = app.verify_email(&q.token).await.map_err(|e| PageError::new(lang, &uri, e))?;
    let mut p = form_page(lang, &uri, "verify", "", vec![]);
    p.action.clear();
    p.notice = Some(t(lang, if ok { "verify-done" } else { "verify-failed" }));
    Ok(with_status(if ok { StatusCode::OK } else { StatusCode::BAD_REQUEST }, &p))
}

/// "Send a new confirmation link", from the account page or a refused write.
async fn resend_verification(
    State(app): State<App>,
    Path(lang): Path<String>,
    uri: Uri,
    RequireUser(who): RequireUser,
) -> PageResult {
    let lang = page_lang(&lang, &uri)?;
    let sent = app.resend_verification(&who).await.map_err(|e| PageError::new(lang, &uri, e))?;
    let mut p = form_page(lang, &uri, "verify", "", vec![]);
    p.action.clear();
    p.notice = Some(t(lang, if sent { "verify-resent" } else { "verify-done" }));
    p.links = vec![(format!("/{}/account", lang.code()), t(lang, "nav-account"))];
    Ok(render(&p))
}

#[derive(Deserialize, Default)]
struct EmailForm {
    #[serde(default)]
    email: String,
}

async fn forgot_page(Path(lang): Path<String>, uri: Uri) -> PageResult {
    let lang = page_lang(&lang, &uri)?;
    Ok(render(&form_page(lang, &uri, "forgot", "forgot-password", vec![field(lang, "email", "email", "email", "")])))
}

async fn forgot(State(app): State<App>, Path(lang): Path<String>, uri: Uri, Form(f): Form<EmailForm>) -> PageResult {
    let lang = page_lang(&lang, &uri)?;
    if f.email.trim().is_empty() {
        let mut p =
            form_page(lang, &uri, "forgot", "forgot-password", vec![field(lang, "email", "email", "email", "")]);
        attach(lang, &mut p.fields, &[FieldError::new("email", "required", "required")]);
        return Ok(with_status(StatusCode::UNPROCESSABLE_ENTITY, &p));
    }
    app.request_password_reset(&f.email).await.map_err(|e| PageError::new(lang, &uri, e))?;
    Ok(notice_page(lang, &uri, "forgot"))
}

#[derive(Deserialize, Default)]
struct ResetForm {
    #[serde(default)]
    token: String,
    #[serde(default)]
    password: String,
}

fn reset_form(lang: Lang, uri: &Uri, token: &str) -> FormPage {
    let mut p =
        form_page(lang, uri, "reset", "reset-password", vec![field(lang, "password", "password", "new-password", "")]);
    p.hidden.push(("token", token.to_string()));
    p
}

async fn reset_page(Path(lang): Path<String>, uri: Uri, RawQuery(raw): RawQuery) -> PageResult {
    let lang = page_lang(&lang, &uri)?;
    let q: TokenQuery = crate::query::parse(raw.as_deref()).map_err(|e| PageError::new(lang, &uri, e))?;
    Ok(render(&reset_form(lang, &uri, &q.token)))
}

async fn reset(State(app): State<App>, Path(lang): Path<String>, uri: Uri, Form(f): Form<ResetForm>) -> PageResult {
    let lang = page_lang(&lang, &uri)?;
    match app.reset_password(&f.token, &f.password).await {
        Ok(()) => Ok(notice_page(lang, &uri, "reset")),
        Err(AppError::Validation(errors)) => {
            let mut page = reset_form(lang, &uri, &f.token);
            attach(lang, &mut page.fields, &errors);
            Ok(with_status(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(e) => Err(PageError::new(lang, &uri, e)),
    }
}

// ---------------------------------------------------------------- the account page

struct SessionRow {
    id: String,
    created_at: String,
    last_seen_at: String,
    user_agent: String,
    current: bool,
}

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage {
    page: PageMeta,
    user: User,
    role: String,
    sessions: Vec<SessionRow>,
    tokens: Vec<ApiToken>,
    new_token: Option<String>,
    name_field: Field,
    token_field: Field,
    delete_field: Field,
    errors: Vec<(&'static str, String)>,
}

#[derive(Default)]
struct AccountExtras {
    new_token: Option<String>,
    errors: Vec<FieldError>,
    name: Option<String>,
    token_name: String,
}

async fn account_view(
    app: &App,
    lang: Lang,
    uri: &Uri,
    who: &Principal,
    current: Option<&StoredSession>,
    extras: AccountExtras,
) -> Result<AccountPage, AppError> {
    let user = app.store().user(&who.user_id).await?.ok_or_else(|| AppError::not_found("account"))?;
    let sessions = app
        .store()
        .sessions_of(&who.user_id, &cogov_store::now())
        .await?
        .into_iter()
        .map(|s| SessionRow {
            current: current.is_some_and(|c| c.id_hash == s.id_hash),
            id: s.id_hash,
            created_at: s.created_at,
            last_seen_at: s.last_seen_at,
            user_agent: s.user_agent,
        })
        .collect();
    let tokens = app.store().api_tokens_of(&who.user_id).await?;
    let mut name_field = field(lang, "name", "text", "nickname", extras.name.as_deref().unwrap_or(&user.name));
    let mut token_field = field(lang, "token_name", "text", "off", &extras.token_name);
    let mut delete_field = field(lang, "confirm", "password", "current-password", "");
    let mut errors = Vec::new();
    for e in &extras.errors {
        let target = match e.field.as_str() {
            "name" if extras.name.is_some() => &mut name_field,
            "confirm" => &mut delete_field,
            _ => &mut token_field,
        };
        let text = error_text(lang, e);
        errors.push((target.name, format!("{}: {text}", target.label)));
        target.error = Some(text);
    }
    Ok(AccountPage {
        page: PageMeta::new(lang, t(lang, "account-title"), uri),
        role: t(lang, &format!("role-{}", user.role)),
        user,
        sessions,
        tokens,
        new_token: extras.new_token,
        name_field,
        token_field,
        delete_field,
        errors,
    })
}

async fn account_page(
    State(app): State<App>,
    Path(lang): Path<String>,
    uri: Uri,
    a: Auth,
    RequireUser(who): RequireUser,
) -> PageResult {
    let lang = page_lang(&lang, &uri)?;
    let view = account_view(&app, lang, &uri, &who, a.session.as_ref(), AccountExtras::default())
        .await
        .map_err(|e| PageError::new(lang, &uri, e))?;
    Ok(render(&view))
}

#[derive(Deserialize, Default)]
struct NameForm {
    #[serde(default)]
    name: String,
}

/// After a successful account form: back to the account page (POST/redirect/GET).
fn back_to_account(lang: Lang) -> Response {
    Redirect::to(&format!("/{}/account", lang.code())).into_response()
}

async fn account_result(
    app: &App,
    lang: Lang,
    uri: &Uri,
    who: &Principal,
    a: &Auth,
    result: Result<(), AppError>,
    extras: impl FnOnce(Vec<FieldError>) -> AccountExtras,
) -> PageResult {
    match result {
        Ok(()) => Ok(back_to_account(lang)),
        Err(AppError::Validation(errors)) => {
            let view = account_view(app, lang, uri, who, a.session.as_ref(), extras(errors))
                .await
                .map_err(|e| PageError::new(lang, uri, e))?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&view)).into_response())
        }
        Err(e) => Err(PageError::new(lang, uri, e)),
    }
}

async fn rename(
    State(app): State<App>,
    Path(lang): Path<String>,
    uri: Uri,
    a: Auth,
    RequireUser(who): RequireUser,
    Form(f): Form<NameForm>,
) -> PageResult {
    let lang = page_lang(&lang, &uri)?;
    let result = app.rename(&who, &f.name).await;
    account_result(&app, lang, &uri, &who, &a, result, |errors| AccountExtras {
        errors,
        name: Some(f.name.clone()),
        ..Default::default()
    })
    .await
}

#[derive(Deserialize, Default)]
struct IdForm {
    #[serde(default)]
    id: String,
}

async fn revoke_session(
    State(app): State<App>,
    Path(lang): Path<String>,
    uri: Uri,
    RequireUser(who): RequireUser,
    Form(f): Form<IdForm>,
) -> PageResult {
    let lang = page_lang(&lang, &uri)?;
    app.store().delete_session(&who.user_id, &f.id).await.map_err(|e| PageError::new(lang, &uri, e.into()))?;
    Ok(back_to_account(lang))
}

#[derive(Deserialize, Default)]
struct TokenForm {
    #[serde(default)]
    token_name: String,
    #[serde(default)]
    scope: String,
}

async fn create_token(
    State(app): State<App>,
    Path(lang): Path<String>,
    uri: Uri,
    a: Auth,
    RequireUser(who): RequireUser,
    Form(f): Form<TokenForm>,
) -> PageResult {
    let lang = page_lang(&lang, &uri)?;
    match app.create_api_token(&who, &f.token_name, &f.scope).await {
        Ok((secret, _)) => {
            let extras = AccountExtras { new_token: Some(secret), ..Default::default() };
            let view = account_view(&app, lang, &uri, &who, a.session.as_ref(), extras)
                .await
                .map_err(|e| PageError::new(lang, &uri, e))?;
            let mut r = render(&view);
            r.headers_mut().insert(header::CACHE_CONTROL, header::HeaderValue::from_static("no-store"));
            Ok(r)
        }
        Err(e) => {
            account_result(&app, lang, &uri, &who, &a, Err(e), |errors| AccountExtras {
                errors,
                token_name: f.token_name.clone(),
                ..Default::default()
            })
            .await
        }
    }
}

async fn revoke_token(
    State(app): State<App>,
    Path(lang): Path<String>,
    uri: Uri,
    RequireUser(who): RequireUser,
    Form(f): Form<IdForm>,
) -> PageResult {
    let lang = page_lang(&lang, &uri)?;
    app.store()
        .revoke_api_token(&who.user_id, &f.id, &cogov_store::now())
        .await
        .map_err(|e| PageError::new(lang, &uri, e.into()))?;
    Ok(back_to_account(lang))
}

fn json_download(value: &serde_json::Value) -> Response {
    let mut r = Json(value).into_response();
    r.headers_mut().insert(
        header::CONTENT_DISPOSITION,
        header::HeaderValue::from_static("attachment; filename=\"cogov-personal-data.json\""),
    );
    r.headers_mut().insert(header::CACHE_CONTROL, header::HeaderValue::from_static("no-store"));
    r
}

async fn export_page(
    State(app): State<App>,
    Path(lang): Path<String>,
    uri: Uri,
    RequireUser(who): RequireUser,
) -> PageResult {
    let lang = page_lang(&lang, &uri)?;
    let data = app.export_personal_data(&who.user_id).await.map_err(|e| PageError::new(lang, &uri, e))?;
    Ok(json_download(&data))
}

#[derive(Deserialize, Default)]
struct DeleteForm {
    #[serde(default)]
    confirm: String,
}

async fn delete_account(
    State(app): State<App>,
    Path(lang): Path<String>,
    uri: Uri,
    a: Auth,
    RequireUser(who): RequireUser,
    Form(f): Form<DeleteForm>,
) -> PageResult {
    let lang = page_lang(&lang, &uri)?;
    match app.delete_account(&who, &f.confirm).await {
        Ok(()) => {
            let mut r = Redirect::to(&format!("/{}/", lang.code())).into_response();
            r.headers_mut()
                .append(header::SET_COOKIE, auth::set_cookie(auth::SESSION_COOKIE, "", Some(0), a.secure_cookies));
            Ok(r)
        }
        Err(e) => {
            account_result(&app, lang, &uri, &who, &a, Err(e), |errors| AccountExtras { errors, ..Default::default() })
                .await
        }
    }
}

// ---------------------------------------------------------------- admin

struct UserRow {
    user: User,
    role: String,
}

#[derive(Template)]
#[template(path = "admin_users.html")]
struct AdminUsersPage {
    page: PageMeta,
    users: Vec<UserRow>,
    is_admin: bool,
    roles: Vec<(&'static str, String)>,
    errors: Vec<(&'static str, String)>,
    total: i64,
}

#[derive(Deserialize, Default, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub(crate) struct PageQuery {
    #[serde(default)]
    offset: i64,
}

fn require_moderator(lang: Lang, uri: &Uri, who: &Principal) -> Result<(), PageError> {
    if who.is_moderator() {
        Ok(())
    } else {
        Err(PageError::new(lang, uri, AppError::forbidden("moderators and admins only")))
    }
}

async fn admin_users_view(
    app: &App,
    lang: Lang,
    uri: &Uri,
    who: &Principal,
    offset: i64,
    errors: Vec<FieldError>,
) -> Result<AdminUsersPage, AppError> {
    let users = app
        .store()
        .list_users(offset, 200)
        .await?
        .into_iter()
        .map(|u| UserRow { role: t(lang, &format!("role-{}", u.role)), user: u })
        .collect();
    Ok(AdminUsersPage {
        page: PageMeta::new(lang, t(lang, "admin-users-title"), uri),
        users,
        is_admin: who.is_admin(),
        roles: Role::ALL.iter().map(|r| (r.code(), t(lang, &format!("role-{}", r.code())))).collect(),
        errors: errors
            .iter()
            .map(|e| (if e.field == "reason" { "a-reason" } else { "a-role" }, error_text(lang, e)))
            .collect(),
        total: app.store().count_users().await?,
    })
}

async fn admin_users(
    State(app): State<App>,
    Path(lang): Path<String>,
    uri: Uri,
    RawQuery(raw): RawQuery,
    RequireUser(who): RequireUser,
) -> PageResult {
    let lang = page_lang(&lang, &uri)?;
    require_moderator(lang, &uri, &who)?;
    let q: PageQuery = crate::query::parse(raw.as_deref()).map_err(|e| PageError::new(lang, &uri, e))?;
    let view =
        admin_users_view(&app, lang, &uri, &who, q.offset, vec![]).await.map_err(|e| PageError::new(lang, &uri, e))?;
    Ok(render(&view))
}

#[derive(Deserialize, Default)]
struct AdminForm {
    #[serde(default)]
    action: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    reason: String,
}

async fn admin_user_action(
    State(app): State<App>,
    Path((lang, id)): Path<(String, String)>,
    uri: Uri,
    RequireUser(who): RequireUser,
    Form(f): Form<AdminForm>,
) -> PageResult {
    let lang = page_lang(&lang, &uri)?;
    require_moderator(lang, &uri, &who)?;
    let result = match f.action.as_str() {
        "role" => app.set_role(&who, &id, &f.role, &f.reason).await,
        "ban" => app.ban(&who, &id, &f.reason).await,
        "unban" => app.unban(&who, &id, &f.reason).await,
        _ => Err(AppError::invalid("action", "one of role, ban, unban")),
    };
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/{}/admin/users", lang.code())).into_response()),
        Err(AppError::Validation(errors)) => {
            let view =
                admin_users_view(&app, lang, &uri, &who, 0, errors).await.map_err(|e| PageError::new(lang, &uri, e))?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&view)).into_response())
        }
        Err(e) => Err(PageError::new(lang, &uri, e)),
    }
}

#[derive(Template)]
#[template(path = "admin_audit.html")]
struct AuditPage {
    page: PageMeta,
    events: Vec<AuditEvent>,
    next: Option<String>,
}

#[derive(Deserialize, Default, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub(crate) struct AuditQuery {
    before: Option<String>,
}

async fn admin_audit(
    State(app): State<App>,
    Path(lang): Path<String>,
    uri: Uri,
    RawQuery(raw): RawQuery,
    RequireUser(who): RequireUser,
) -> PageResult {
    let lang = page_lang(&lang, &uri)?;
    if !who.is_admin() {
        return Err(PageError::new(lang, &uri, AppError::forbidden("admins only")));
    }
    let q: AuditQuery = crate::query::parse(raw.as_deref()).map_err(|e| PageError::new(lang, &uri, e))?;
    let events =
        app.store().audit_log(q.before.as_deref(), 100).await.map_err(|e| PageError::new(lang, &uri, e.into()))?;
    let next = (events.len() == 100)
        .then(|| events.last().map(|e| format!("/{}/admin/audit?before={}", lang.code(), e.id)))
        .flatten();
    Ok(render(&AuditPage { page: PageMeta::new(lang, t(lang, "admin-audit-title"), &uri), events, next }))
}

// ---------------------------------------------------------------- API

type ApiResult<T> = Result<Json<T>, ApiError>;

#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct Me {
    #[serde(flatten)]
    principal: Principal,
    email: String,
    email_verified: bool,
}

#[utoipa::path(get, path = "/api/v1/me", tag = "accounts",
    responses((status = 200, description = "the signed-in account: role, memberships, how it signed in", body = Me), (status = 401, description = "no valid session or token (`unauthenticated`)", body = ErrorBody)))]
pub(crate) async fn api_me(State(app): State<App>, RequireUser(who): RequireUser) -> ApiResult<Me> {
    let user =
        app.store().user(&who.user_id).await.map_err(AppError::from)?.ok_or_else(|| AppError::not_found("account"))?;
    Ok(Json(Me { principal: who, email: user.email, email_verified: user.email_verified_at.is_some() }))
}

#[utoipa::path(get, path = "/api/v1/me/export", tag = "accounts",
    responses((status = 200, description = "everything kept about the account, as a JSON download (no secrets)", body = serde_json::Value), (status = 401, description = "no valid session or token (`unauthenticated`)", body = ErrorBody)))]
pub(crate) async fn api_export(State(app): State<App>, RequireUser(who): RequireUser) -> Result<Response, ApiError> {
    Ok(json_download(&app.export_personal_data(&who.user_id).await?))
}

/// The answer to a request for a new verification link.
#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct VerificationSent {
    /// `true`: a new link is on its way; `false`: the address is already confirmed (nothing sent).
    sent: bool,
}

#[utoipa::path(post, path = "/api/v1/me/verification", tag = "accounts",
    responses((status = 200, description = "a new confirmation link is sent when the address is not confirmed yet", body = VerificationSent), (status = 401, description = "no valid session or token (`unauthenticated`)", body = ErrorBody), (status = 403, description = "a read-only token (`forbidden`)", body = ErrorBody)))]
pub(crate) async fn api_resend_verification(
    State(app): State<App>,
    RequireUser(who): RequireUser,
) -> ApiResult<VerificationSent> {
    require_write(&who)?;
    Ok(Json(VerificationSent { sent: app.resend_verification(&who).await? }))
}

fn require_write(who: &Principal) -> Result<(), ApiError> {
    if who.can_write() {
        Ok(())
    } else {
        Err(ApiError(AppError::forbidden("this token's scope is read: writing needs scope write or admin")))
    }
}

fn require_admin(who: &Principal) -> Result<(), ApiError> {
    if who.is_admin() {
        Ok(())
    } else {
        Err(ApiError(AppError::forbidden("admins only (a token needs scope admin)")))
    }
}

fn require_mod(who: &Principal) -> Result<(), ApiError> {
    if who.is_moderator() {
        Ok(())
    } else {
        Err(ApiError(AppError::forbidden("moderators and admins only (a token needs scope admin)")))
    }
}

#[utoipa::path(get, path = "/api/v1/tokens", tag = "accounts",
    responses((status = 200, description = "the account's API tokens (never their values), revoked ones too", body = Vec<ApiToken>), (status = 401, description = "no valid session or token (`unauthenticated`)", body = ErrorBody)))]
pub(crate) async fn api_tokens(State(app): State<App>, RequireUser(who): RequireUser) -> ApiResult<Vec<ApiToken>> {
    Ok(Json(app.store().api_tokens_of(&who.user_id).await.map_err(AppError::from)?))
}

/// A new API token: a name and a scope (`read`, `write`, `admin`).
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct NewToken {
    #[serde(default)]
    name: String,
    #[serde(default)]
    scope: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct CreatedToken {
    /// Shown once: the store keeps only its hash.
    token: String,
    #[serde(flatten)]
    info: ApiToken,
}

#[utoipa::path(post, path = "/api/v1/tokens", tag = "accounts", request_body = NewToken,
    responses((status = 201, description = "the new token: its value is shown this once", body = CreatedToken), (status = 401, description = "no valid session or token (`unauthenticated`)", body = ErrorBody), (status = 403, description = "the role or the token scope does not allow it (`forbidden`)", body = ErrorBody), (status = 422, description = "a field is not acceptable (`validation_failed`, every field listed)", body = ErrorBody)))]
pub(crate) async fn api_create_token(
    State(app): State<App>,
    RequireUser(who): RequireUser,
    body: Result<Json<NewToken>, axum::extract::rejection::JsonRejection>,
) -> Result<(StatusCode, Json<CreatedToken>), ApiError> {
    require_write(&who)?;
    let Json(body) = body.map_err(|e| AppError::invalid("body", e.body_text()))?;
    if who.scope().is_some_and(|s| Scope::from_code(&body.scope).is_some_and(|want| want > s)) {
        return Err(ApiError(AppError::forbidden("a token cannot create a token with a wider scope than its own")));
    }
    let (token, info) = app.create_api_token(&who, &body.name, &body.scope).await?;
    Ok((StatusCode::CREATED, Json(CreatedToken { token, info })))
}

#[utoipa::path(delete, path = "/api/v1/tokens/{id}", tag = "accounts", params(("id" = String, Path, description = "the token's id")),
    responses((status = 204, description = "revoked"), (status = 401, description = "no valid session or token (`unauthenticated`)", body = ErrorBody), (status = 403, description = "the role or the token scope does not allow it (`forbidden`)", body = ErrorBody), (status = 404, description = "no such unrevoked token of this account (`not_found`)", body = ErrorBody)))]
pub(crate) async fn api_revoke_token(
    State(app): State<App>,
    Path(id): Path<String>,
    RequireUser(who): RequireUser,
) -> Result<StatusCode, ApiError> {
    require_write(&who)?;
    if app.store().revoke_api_token(&who.user_id, &id, &cogov_store::now()).await.map_err(AppError::from)? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError(AppError::not_found("token")))
    }
}

#[utoipa::path(get, path = "/api/v1/admin/users", tag = "accounts", params(PageQuery),
    responses((status = 200, description = "accounts by creation time, 200 at a time (moderators and admins)", body = Vec<User>), (status = 401, description = "no valid session or token (`unauthenticated`)", body = ErrorBody), (status = 403, description = "the role or the token scope does not allow it (`forbidden`)", body = ErrorBody)))]
pub(crate) async fn api_users(
    State(app): State<App>,
    RawQuery(raw): RawQuery,
    RequireUser(who): RequireUser,
) -> ApiResult<Vec<User>> {
    require_mod(&who)?;
    let q: PageQuery = crate::query::parse(raw.as_deref())?;
    Ok(Json(app.store().list_users(q.offset, 200).await.map_err(AppError::from)?))
}

/// An admin action: the new `role` (for a role change) and the `reason` (always).
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct AdminBody {
    #[serde(default)]
    role: String,
    #[serde(default)]
    reason: String,
}

type AdminJson = Result<Json<AdminBody>, axum::extract::rejection::JsonRejection>;

#[utoipa::path(post, path = "/api/v1/admin/users/{id}/role", tag = "accounts", request_body = AdminBody, params(("id" = String, Path, description = "the account's id")),
    responses((status = 204, description = "changed and recorded in the audit log (admins)"), (status = 401, description = "no valid session or token (`unauthenticated`)", body = ErrorBody), (status = 403, description = "the role or the token scope does not allow it (`forbidden`)", body = ErrorBody), (status = 422, description = "a field is not acceptable (`validation_failed`, every field listed)", body = ErrorBody)))]
pub(crate) async fn api_set_role(
    State(app): State<App>,
    Path(id): Path<String>,
    RequireUser(who): RequireUser,
    body: AdminJson,
) -> Result<StatusCode, ApiError> {
    require_admin(&who)?;
    let Json(b) = body.map_err(|e| AppError::invalid("body", e.body_text()))?;
    app.set_role(&who, &id, &b.role, &b.reason).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(post, path = "/api/v1/admin/users/{id}/ban", tag = "accounts", request_body = AdminBody, params(("id" = String, Path, description = "the account's id")),
    responses((status = 204, description = "banned: signed out, tokens stop working; recorded with the reason"), (status = 401, description = "no valid session or token (`unauthenticated`)", body = ErrorBody), (status = 403, description = "the role or the token scope does not allow it (`forbidden`)", body = ErrorBody), (status = 422, description = "a field is not acceptable (`validation_failed`, every field listed)", body = ErrorBody)))]
pub(crate) async fn api_ban(
    State(app): State<App>,
    Path(id): Path<String>,
    RequireUser(who): RequireUser,
    body: AdminJson,
) -> Result<StatusCode, ApiError> {
    require_mod(&who)?;
    let Json(b) = body.map_err(|e| AppError::invalid("body", e.body_text()))?;
    app.ban(&who, &id, &b.reason).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(post, path = "/api/v1/admin/users/{id}/unban", tag = "accounts", request_body = AdminBody, params(("id" = String, Path, description = "the account's id")),
    responses((status = 204, description = "the ban is lifted (recorded)"), (status = 401, description = "no valid session or token (`unauthenticated`)", body = ErrorBody), (status = 403, description = "the role or the token scope does not allow it (`forbidden`)", body = ErrorBody), (status = 422, description = "a field is not acceptable (`validation_failed`, every field listed)", body = ErrorBody)))]
pub(crate) async fn api_unban(
    State(app): State<App>,
    Path(id): Path<String>,
    RequireUser(who): RequireUser,
    body: AdminJson,
) -> Result<StatusCode, ApiError> {
    require_mod(&who)?;
    let Json(b) = body.map_err(|e| AppError::invalid("body", e.body_text()))?;
    app.unban(&who, &id, &b.reason).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/api/v1/admin/audit", tag = "accounts", params(AuditQuery),
    responses((status = 200, description = "moderator and admin actions, newest first, 100 at a time (admins)", body = Vec<AuditEvent>), (status = 401, description = "no valid session or token (`unauthenticated`)", body = ErrorBody), (status = 403, description = "the role or the token scope does not allow it (`forbidden`)", body = ErrorBody)))]
pub(crate) async fn api_audit(
    State(app): State<App>,
    RawQuery(raw): RawQuery,
    RequireUser(who): RequireUser,
) -> ApiResult<Vec<AuditEvent>> {
    require_admin(&who)?;
    let q: AuditQuery = crate::query::parse(raw.as_deref())?;
    Ok(Json(app.store().audit_log(q.before.as_deref(), 100).await.map_err(AppError::from)?))
}
