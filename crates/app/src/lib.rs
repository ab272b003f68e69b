//! cogov's use cases. The web pages, the JSON API, the CLI and the importers all call these, so each rule is
//! enforced in one place: validation, reference checks, revisions, and the catalog of frameworks and geography
//! that every page reads.

use std::sync::{Arc, RwLock};

use cogov_store::Store;

pub mod access;
pub mod accounts;
pub mod catalog;
pub mod entries;
pub mod error;
pub mod frameworks;
pub mod import;
pub mod mail;
pub mod map;
pub mod oidc;
pub mod reference;
pub mod review;
pub mod search;

pub use access::{Membership, OrgRole, Principal, Role, Scope, Via};
pub use catalog::Catalog;
pub use error::{AppError, ErrorCode};

/// The application: a store and the in-memory catalog derived from it.
#[derive(Clone)]
pub struct App {
    store: Arc<dyn Store>,
    catalog: Arc<RwLock<Arc<Catalog>>>,
    map: Arc<map::MapState>,
    search: Option<Arc<cogov_search::SearchIndex>>,
    accounts: Arc<accounts::Accounts>,
    review: Arc<review::ReviewConfig>,
    oidc: Option<Arc<oidc::Oidc>>,
}

impl App {
    /// Wraps a migrated store: loads the bundled reference data if it is missing or outdated, then the catalog.
    pub async fn start(store: Box<dyn Store>) -> Result<App, AppError> {
        let store: Arc<dyn Store> = Arc::from(store);
        reference::bootstrap(store.as_ref()).await?;
        let catalog = Catalog::load(store.as_ref()).await?;
        Ok(App {
            store,
            catalog: Arc::new(RwLock::new(Arc::new(catalog))),
            map: Default::default(),
            search: None,
            accounts: Default::default(),
            review: Default::default(),
            oidc: None,
        })
    }

    /// The same application with a search index ([`search`] keeps it in step with the store).
    pub fn with_search(mut self, index: Arc<cogov_search::SearchIndex>) -> App {
        self.search = Some(index);
        self
    }

    /// The review rules ([`review`]).
    pub fn review(&self) -> &review::ReviewConfig {
        &self.review
    }

    /// The same application with these review rules.
    pub fn with_review(mut self, config: review::ReviewConfig) -> App {
        self.review = Arc::new(config);
        self
    }

    /// The same application without its search index (which closes once no clone holds it).
    pub fn without_search(mut self) -> App {
        self.search = None;
        self
    }

    pub fn search_index(&self) -> Option<&Arc<cogov_search::SearchIndex>> {
        self.search.as_ref()
    }

    /// The GDC map's coverage projection ([`map::coverage`]).
    pub fn map(&self) -> &map::MapState {
        &self.map
    }

    pub fn store(&self) -> &dyn Store {
        self.store.as_ref()
    }

    /// The current catalog (frameworks, crosswalk graph, countries, regions): cheap to clone.
    pub fn catalog(&self) -> Arc<Catalog> {
        match self.catalog.read() {
            Ok(c) => c.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// Reloads the catalog if frameworks or geography changed in the store since it was loaded (by this
    /// process or another node on the same database). Returns whether it reloaded.
    pub async fn refresh_catalog(&self) -> Result<bool, AppError> {
        let current = self.catalog();
        let seq = Catalog::reference_seq(self.store()).await?;
        if seq == current.reference_seq {
            return Ok(false);
        }
        let fresh = Arc::new(Catalog::load(self.store()).await?);
        match self.catalog.write() {
            Ok(mut c) => *c = fresh,
            Err(poisoned) => *poisoned.into_inner() = fresh,
        }
        Ok(true)
    }
}
