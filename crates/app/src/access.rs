//! Who is asking: the signed-in person or API token behind a request, and what they may do.
//!
//! The web layer resolves a session cookie or an `Authorization: Bearer` token into a [`Principal`]
//! (`cogov_web::auth`); use cases and pages decide with the helpers here, so every rule about roles is written
//! once. Codes (`user`, `write`, `editor`, …) are what the store keeps and the API shows.

use serde::{Deserialize, Serialize};

macro_rules! code_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $code:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, utoipa::ToSchema)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            pub fn from_code(code: &str) -> Option<$name> {
                match code { $($code => Some($name::$variant),)+ _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.code())
            }
        }
    };
}

code_enum!(
    /// An account's role on the instance. Ordered: each role can do what the ones before it can.
    Role { User => "user", Moderator => "moderator", Admin => "admin" }
);

code_enum!(
    /// What an API token may do. Ordered: `admin` includes `write`, which includes `read`.
    Scope { Read => "read", Write => "write", Admin => "admin" }
);

code_enum!(
    /// A person's role in an organization (an actor entry).
    OrgRole { Member => "member", Editor => "editor" }
);

/// Membership of an organization: `org` is the actor entry's id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Membership {
    pub org: String,
    pub role: OrgRole,
}

/// How the request proved who it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Via {
    /// A browser session (cookie); state-changing requests also carried a valid CSRF token.
    Session,
    /// An API token with this scope.
    Token(Scope),
}

/// The signed-in account behind a request. Banned accounts never become a principal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Principal {
    pub user_id: String,
    pub name: String,
    pub role: Role,
    pub via: Via,
    pub memberships: Vec<Membership>,
    /// Whether the account's e-mail address is confirmed (accounts made by `cogov admin create` are). Until it
    /// is, the account reads and manages itself but writes nothing else ([`Principal::check_writer`]).
    #[serde(skip)]
    pub verified: bool,
}

impl Principal {
    /// The token's scope, `None` for a browser session.
    pub fn scope(&self) -> Option<Scope> {
        match self.via {
            Via::Session => None,
            Via::Token(s) => Some(s),
        }
    }

    /// Moderator powers: instance role moderator or admin, and (for a token) an admin-scoped token.
    pub fn is_moderator(&self) -> bool {
        self.role >= Role::Moderator && self.scope().is_none_or(|s| s == Scope::Admin)
    }

    /// Admin powers: instance role admin, and (for a token) an admin-scoped token.
    pub fn is_admin(&self) -> bool {
        self.role == Role::Admin && self.scope().is_none_or(|s| s == Scope::Admin)
    }

    /// Whether the request may change anything: a session, or a token of scope write or admin.
    pub fn can_write(&self) -> bool {
        self.scope().is_none_or(|s| s >= Scope::Write)
    }

    /// Whether the request may write records (propose, decide, confirm, manage members, ask to join, create
    /// write tokens): [`Principal::can_write`], from a verified account.
    pub fn may_write(&self) -> bool {
        self.can_write() && self.verified
    }

    /// [`Principal::may_write`] as an error: `forbidden` for a read token, `email_unverified` for an account
    /// that has not confirmed its address.
    pub fn check_writer(&self) -> Result<(), crate::AppError> {
        if !self.can_write() {
            Err(crate::AppError::forbidden("this token may only read: use a token with the write scope"))
        } else if !self.verified {
            Err(crate::AppError::Unverified)
        } else {
            Ok(())
        }
    }

    /// Whether the account belongs to the organization (as member or editor).
    pub fn member_of(&self, org: &str) -> bool {
        self.memberships.iter().any(|m| m.org == org)
    }

    /// Whether the account edits for the organization.
    pub fn editor_of(&self, org: &str) -> bool {
        self.memberships.iter().any(|m| m.org == org && m.role == OrgRole::Editor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn principal(role: Role, via: Via) -> Principal {
        Principal {
            user_id: "u".into(),
            name: "U".into(),
            role,
            via,
            verified: true,
            memberships: vec![
                Membership { org: "a".into(), role: OrgRole::Editor },
                Membership { org: "b".into(), role: OrgRole::Member },
            ],
        }
    }

    #[test]
    fn token_scope_limits_the_role() {
        let admin_read = principal(Role::Admin, Via::Token(Scope::Read));
        assert!(!admin_read.is_admin() && !admin_read.is_moderator() && !admin_read.can_write());
        let admin_write = principal(Role::Admin, Via::Token(Scope::Write));
        assert!(!admin_write.is_admin() && admin_write.can_write());
        let admin_admin = principal(Role::Admin, Via::Token(Scope::Admin));
        assert!(admin_admin.is_admin() && admin_admin.is_moderator());
        let user_admin_token = principal(Role::User, Via::Token(Scope::Admin));
        assert!(!user_admin_token.is_moderator() && user_admin_token.can_write());
        let moderator = principal(Role::Moderator, Via::Session);
        assert!(moderator.is_moderator() && !moderator.is_admin() && moderator.can_write());
    }

    #[test]
    fn memberships() {
        let p = principal(Role::User, Via::Session);
        assert!(p.editor_of("a") && p.member_of("a"));
        assert!(!p.editor_of("b") && p.member_of("b"));
        assert!(!p.member_of("c"));
    }

    #[test]
    fn codes_round_trip() {
        for r in Role::ALL {
            assert_eq!(Role::from_code(r.code()), Some(*r));
        }
        for s in Scope::ALL {
            assert_eq!(Scope::from_code(s.code()), Some(*s));
        }
        assert_eq!(OrgRole::from_code("editor"), Some(OrgRole::Editor));
        assert_eq!(Scope::from_code("root"), None);
    }
}
