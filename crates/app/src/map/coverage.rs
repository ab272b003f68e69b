//! Coverage of the GDC commitments: a projection of the store that follows the change log.
//!
//! The projection keeps, for every published contribution, only what counting needs (commitment and country
//! indexes, progress, evidence level, period, contributor), and for every entry its kind, stakeholder group,
//! countries and the commitments its SDG / WSIS tags imply. It is built from the store on first use, then kept in
//! step by reading the change log from its last sequence number (`contribution` and `entry` changes are applied
//! one by one; a framework or geography change, or a long backlog, rebuilds it). Counting then runs in memory:
//! a full matrix over 100,000 contributions takes milliseconds (`cogov bench coverage`).
//!
//! **Direct** coverage counts published contributions. **Implied** coverage counts published entries tagged with
//! an SDG goal / target / indicator or a WSIS Action Line (or a node below it) that a commitment links to by a
//! framework edge; it is reported in its own field and never added to the direct counts.

use std::collections::HashMap;
use std::sync::Arc;

use cogov_core::contribution::{Contribution, EvidenceLevel, Progress};
use cogov_core::entry::{Entry, EntryKind, StakeholderGroup, Status};
use cogov_store::{ContributionQuery, EntryQuery};
use serde::Serialize;

use crate::{App, AppError, Catalog};

/// Changes beyond this many since the last refresh rebuild the projection instead of replaying them.
const REPLAY_LIMIT: i64 = 2_000;

/// The map's projection, shared by every clone of the [`App`]: built on first use.
#[derive(Default)]
pub struct MapState {
    index: tokio::sync::Mutex<Option<CoverageIndex>>,
}

/// Which contributions to count. `None` means any.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct CoverageFilter {
    pub progress: Option<Progress>,
    /// Contributor's stakeholder group; `Some(None)` selects contributors without one (initiatives).
    pub group: Option<Option<StakeholderGroup>>,
    /// M49 region at any level: contributions with a country in it.
    pub region: Option<String>,
    pub country: Option<String>,
    /// `ldc`, `lldc` or `sids`: contributions with a country in the group.
    pub dev_group: Option<DevGroup>,
    /// At least this evidence level.
    pub evidence: Option<EvidenceLevel>,
    /// Contributions whose period overlaps `[from, to]` (ISO dates).
    pub from: Option<String>,
    pub to: Option<String>,
    /// Only commitments under this GDC objective (rows, not contributions).
    pub objective: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum DevGroup {
    Ldc,
    Lldc,
    Sids,
}

impl DevGroup {
    pub const ALL: [DevGroup; 3] = [DevGroup::Ldc, DevGroup::Lldc, DevGroup::Sids];

    pub fn code(self) -> &'static str {
        match self {
            DevGroup::Ldc => "ldc",
            DevGroup::Lldc => "lldc",
            DevGroup::Sids => "sids",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            DevGroup::Ldc => "LDC",
            DevGroup::Lldc => "LLDC",
            DevGroup::Sids => "SIDS",
        }
    }

    pub fn parse(s: &str) -> Option<DevGroup> {
        DevGroup::ALL.into_iter().find(|g| g.code() == s)
    }
}

/// One region column: an M49 region, or `None` for contributions that name no country.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct RegionColumn {
    pub m49: Option<String>,
}

/// The coverage matrix: one row per commitment (in framework order), counts of distinct published
/// contributions matching the filter.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Coverage {
    pub filter: CoverageFilter,
    /// Distinct contributions matching the filter (a contribution to several commitments counts once).
    pub contributions: u64,
    /// Region columns of `rows[].regions`, in order: the M49 regions, then "not country-specific".
    pub regions: Vec<RegionColumn>,
    /// Stakeholder-group columns of `rows[].groups`: the six groups, then "none" (initiatives).
    pub groups: Vec<Option<StakeholderGroup>>,
    pub rows: Vec<CommitmentCoverage>,
    /// Contributions per country (ISO alpha-2), matching the filter; countries without any are left out.
    pub countries: Vec<(String, u64)>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CommitmentCoverage {
    pub commitment: String,
    pub total: u64,
    /// Planned, ongoing, completed.
    pub progress: [u64; 3],
    pub groups: Vec<u64>,
    /// A contribution counts once in every region where it names a country.
    pub regions: Vec<u64>,
    pub ldc: u64,
    pub lldc: u64,
    pub sids: u64,
    /// Published entries tagged with an SDG or WSIS node this commitment links to. Not in `total`.
    pub implied: u64,
}

impl CommitmentCoverage {
    pub fn dev_group(&self, g: DevGroup) -> u64 {
        match g {
            DevGroup::Ldc => self.ldc,
            DevGroup::Lldc => self.lldc,
            DevGroup::Sids => self.sids,
        }
    }
}

impl MapState {
    /// Computes coverage for `filter`, first bringing the projection up to date with the store.
    pub async fn coverage(&self, app: &App, filter: &CoverageFilter) -> Result<Coverage, AppError> {
        let catalog = app.catalog();
        let mut guard = self.index.lock().await;
        let stale = guard.as_ref().is_none_or(|i| i.reference_seq != catalog.reference_seq);
        if stale {
            *guard = Some(CoverageIndex::build(app, catalog.clone()).await?);
        } else if let Some(index) = guard.as_mut() {
            if !index.follow(app).await? {
                *guard = Some(CoverageIndex::build(app, catalog.clone()).await?);
            }
        }
        match guard.as_ref() {
            Some(index) => Ok(index.compute(filter)),
            None => Err(AppError::not_found("coverage projection")),
        }
    }

    /// Drops the projection: the next request rebuilds it from the store (benchmarks measure a cold build).
    pub async fn reset(&self) {
        *self.index.lock().await = None;
    }

    /// The change-log position the projection reflects, if built.
    pub async fn seq(&self) -> Option<i64> {
        self.index.lock().await.as_ref().map(|i| i.seq)
    }
}

/// What the projection holds of one published contribution.
struct Fact {
    /// Slot of the contributing entry in `entries`.
    contributor: usize,
    commitments: Vec<u16>,
    countries: Vec<u16>,
    progress: Progress,
    evidence: EvidenceLevel,
    start: String,
    end: Option<String>,
}

/// What it holds of one entry.
struct EntryFact {
    published: bool,
    group: Option<StakeholderGroup>,
    kind: EntryKind,
    countries: Vec<u16>,
    implied: Vec<u16>,
}

impl EntryFact {
    /// An entry not (or no longer) in the store: no group, counts nowhere.
    fn unknown() -> EntryFact {
        EntryFact { published: false, group: None, kind: EntryKind::Initiative, countries: vec![], implied: vec![] }
    }
}

struct CountryAxis {
    iso2: String,
    region_col: Option<usize>,
    regions: Vec<String>,
    ldc: bool,
    lldc: bool,
    sids: bool,
}

struct CoverageIndex {
    reference_seq: i64,
    seq: i64,
    commitments: Vec<String>,
    commitment_index: HashMap<String, u16>,
    /// Commitment → its objective (first ancestor).
    commitment_objective: Vec<String>,
    countries: Vec<CountryAxis>,
    country_index: HashMap<String, u16>,
    region_codes: Vec<String>,
    /// Framework node → commitments a tag on it implies.
    implies: HashMap<String, Vec<u16>>,
    /// Facts in slots (dense, for fast scans); a removed contribution leaves `None` until the next rebuild.
    contributions: Vec<Option<Fact>>,
    contribution_slot: HashMap<String, usize>,
    entries: Vec<EntryFact>,
    entry_slot: HashMap<String, usize>,
}

impl CoverageIndex {
    async fn build(app: &App, catalog: Arc<Catalog>) -> Result<CoverageIndex, AppError> {
        let store = app.store();
        let seq = store.last_seq().await?;
        let commitments: Vec<String> = super::commitments(&catalog).into_iter().map(|n| n.id.clone()).collect();
        let commitment_index = commitments.iter().enumerate().map(|(i, c)| (c.clone(), i as u16)).collect();
        let commitment_objective = commitments
            .iter()
            .map(|c| super::objective_of(&catalog, c).map(|n| n.id.clone()).unwrap_or_default())
            .collect();
        let mut region_codes: Vec<String> =
            catalog.regions.iter().filter(|r| r.level == "region").map(|r| r.m49.clone()).collect();
        region_codes.sort();
        let countries: Vec<CountryAxis> = catalog
            .countries
            .iter()
            .map(|c| CountryAxis {
                iso2: c.iso2.clone(),
                region_col: region_codes.iter().position(|r| *r == c.region),
                regions: c.region_codes().map(str::to_string).collect(),
                ldc: c.ldc,
                lldc: c.lldc,
                sids: c.sids,
            })
            .collect();
        let country_index = countries.iter().enumerate().map(|(i, c)| (c.iso2.clone(), i as u16)).collect();
        let mut implies: HashMap<String, Vec<u16>> = HashMap::new();
        for (ci, c) in commitments.iter().enumerate() {
            for edge in catalog.edges.iter().filter(|e| e.from() == c || e.to() == c) {
                let other = if edge.from() == c { edge.to() } else { edge.from() };
                if !matches!(cogov_core::framework::framework_of(other), "sdg" | "wsis") {
                    continue;
                }
                for n in catalog.subtree(other) {
                    let list = implies.entry(n.id.clone()).or_default();
                    if !list.contains(&(ci as u16)) {
                        list.push(ci as u16);
                    }
                }
            }
        }
        let mut index = CoverageIndex {
            reference_seq: catalog.reference_seq,
            seq,
            commitments,
            commitment_index,
            commitment_objective,
            countries,
            country_index,
            region_codes,
            implies,
            contributions: Vec::new(),
            contribution_slot: HashMap::new(),
            entries: Vec::new(),
            entry_slot: HashMap::new(),
        };
        let mut after_slug = None;
        loop {
            let page = store
                .list_entries(&EntryQuery { after_slug: after_slug.clone(), limit: 10_000, ..Default::default() })
                .await?;
            for e in &page {
                index.put_entry(e);
            }
            match page.last() {
                Some(last) if page.len() == 10_000 => after_slug = Some(last.slug.clone()),
                _ => break,
            }
        }
        let mut after_id = None;
        loop {
            let query = ContributionQuery {
                statuses: vec![Status::Published.code().to_string()],
                after_id: after_id.clone(),
                limit: 10_000,
                ..Default::default()
            };
            let page = store.list_contributions(&query).await?;
            for c in &page {
                index.put_contribution(c);
            }
            match page.last() {
                Some(last) if page.len() == 10_000 => after_id = Some(last.id.clone()),
                _ => break,
            }
        }
        Ok(index)
    }

    /// Applies the change log since `seq`. Returns false when a rebuild is needed instead.
    async fn follow(&mut self, app: &App) -> Result<bool, AppError> {
        let store = app.store();
        let last = store.last_seq().await?;
        if last == self.seq {
            return Ok(true);
        }
        if last - self.seq > REPLAY_LIMIT {
            return Ok(false);
        }
        loop {
            let changes = store.changes_since(self.seq, 500).await?;
            if changes.is_empty() {
                return Ok(true);
            }
            for change in &changes {
                match change.entity.as_str() {
                    "contribution" => match store.contribution(&change.entity_id).await? {
                        Some(c) => self.put_contribution(&c),
                        None => self.remove_contribution(&change.entity_id),
                    },
                    "entry" => match store.entry(&change.entity_id).await? {
                        Some(e) => self.put_entry(&e),
                        None => {
                            if let Some(&slot) = self.entry_slot.get(&change.entity_id) {
                                self.entries[slot] = EntryFact::unknown();
                            }
                        }
                    },
                    "framework" | "geography" => return Ok(false),
                    _ => {}
                }
                self.seq = change.seq;
            }
        }
    }

    fn put_contribution(&mut self, c: &Contribution) {
        if c.status != Status::Published {
            self.remove_contribution(&c.id);
            return;
        }
        let contributor = self.entry_slot_of(&c.contributor);
        let mut commitments: Vec<u16> =
            c.commitments.iter().filter_map(|n| self.commitment_index.get(n).copied()).collect();
        commitments.sort_unstable();
        commitments.dedup();
        let mut countries: Vec<u16> = c.countries.iter().filter_map(|n| self.country_index.get(n).copied()).collect();
        countries.sort_unstable();
        countries.dedup();
        let fact = Fact {
            contributor,
            commitments,
            countries,
            progress: c.progress,
            evidence: c.evidence_level,
            start: c.period.start.clone(),
            end: c.period.end.clone(),
        };
        match self.contribution_slot.get(&c.id) {
            Some(&slot) => self.contributions[slot] = Some(fact),
            None => {
                self.contribution_slot.insert(c.id.clone(), self.contributions.len());
                self.contributions.push(Some(fact));
            }
        }
    }

    fn remove_contribution(&mut self, id: &str) {
        if let Some(&slot) = self.contribution_slot.get(id) {
            self.contributions[slot] = None;
        }
    }

    /// The slot of an entry, reserving one (not yet known) if needed.
    fn entry_slot_of(&mut self, id: &str) -> usize {
        if let Some(&slot) = self.entry_slot.get(id) {
            return slot;
        }
        self.entry_slot.insert(id.to_string(), self.entries.len());
        self.entries.push(EntryFact::unknown());
        self.entries.len() - 1
    }

    fn put_entry(&mut self, e: &Entry) {
        let mut implied: Vec<u16> =
            e.tags.iter().flat_map(|t| self.implies.get(&t.node).into_iter().flatten().copied()).collect();
        implied.sort_unstable();
        implied.dedup();
        let countries = e.countries.iter().filter_map(|c| self.country_index.get(c).copied()).collect();
        let slot = self.entry_slot_of(&e.id);
        self.entries[slot] = EntryFact {
            published: e.status == Status::Published,
            group: e.stakeholder_group,
            kind: e.kind,
            countries,
            implied,
        };
    }

    fn country_matches(&self, countries: &[u16], filter: &CoverageFilter) -> bool {
        let any = |pred: &dyn Fn(&CountryAxis) -> bool| countries.iter().any(|&i| pred(&self.countries[i as usize]));
        filter.country.as_deref().is_none_or(|iso2| any(&|c| c.iso2 == iso2))
            && filter.region.as_deref().is_none_or(|m49| any(&|c| c.regions.iter().any(|r| r == m49)))
            && filter.dev_group.is_none_or(|g| {
                any(&|c| match g {
                    DevGroup::Ldc => c.ldc,
                    DevGroup::Lldc => c.lldc,
                    DevGroup::Sids => c.sids,
                })
            })
    }

    fn compute(&self, filter: &CoverageFilter) -> Coverage {
        let groups: Vec<Option<StakeholderGroup>> =
            StakeholderGroup::ALL.iter().copied().map(Some).chain(std::iter::once(None)).collect();
        let n_regions = self.region_codes.len() + 1;
        let mut rows: Vec<CommitmentCoverage> = self
            .commitments
            .iter()
            .map(|c| CommitmentCoverage {
                commitment: c.clone(),
                total: 0,
                progress: [0; 3],
                groups: vec![0; groups.len()],
                regions: vec![0; n_regions],
                ldc: 0,
                lldc: 0,
                sids: 0,
                implied: 0,
            })
            .collect();
        let mut per_country = vec![0u64; self.countries.len()];
        let mut distinct = 0u64;
        let mut region_hit = vec![false; n_regions];
        for fact in self.contributions.iter().flatten() {
            if filter.progress.is_some_and(|p| p != fact.progress)
                || filter.evidence.is_some_and(|e| fact.evidence < e)
                || !overlaps(&fact.start, fact.end.as_deref(), filter.from.as_deref(), filter.to.as_deref())
                || !self.country_matches(&fact.countries, filter)
            {
                continue;
            }
            let contributor = &self.entries[fact.contributor];
            let group = if contributor.kind == EntryKind::Actor { contributor.group } else { None };
            if filter.group.is_some_and(|g| g != group) {
                continue;
            }
            let in_objective =
                |ci: u16| filter.objective.as_deref().is_none_or(|o| self.commitment_objective[ci as usize] == o);
            if !fact.commitments.iter().any(|&ci| in_objective(ci)) {
                continue;
            }
            distinct += 1;
            for &ci in &fact.countries {
                per_country[ci as usize] += 1;
            }
            region_hit.iter_mut().for_each(|h| *h = false);
            let (mut ldc, mut lldc, mut sids) = (false, false, false);
            for &ci in &fact.countries {
                let c = &self.countries[ci as usize];
                if let Some(col) = c.region_col {
                    region_hit[col] = true;
                }
                ldc |= c.ldc;
                lldc |= c.lldc;
                sids |= c.sids;
            }
            if fact.countries.is_empty() {
                region_hit[n_regions - 1] = true;
            }
            let progress = Progress::ALL.iter().position(|p| *p == fact.progress).unwrap_or(0);
            let group_col = groups.iter().position(|g| *g == group).unwrap_or(groups.len() - 1);
            for &ci in fact.commitments.iter().filter(|&&ci| in_objective(ci)) {
                let row = &mut rows[ci as usize];
                row.total += 1;
                row.progress[progress] += 1;
                row.groups[group_col] += 1;
                for (col, hit) in region_hit.iter().enumerate() {
                    row.regions[col] += u64::from(*hit);
                }
                row.ldc += u64::from(ldc);
                row.lldc += u64::from(lldc);
                row.sids += u64::from(sids);
            }
        }
        let place_filtered = filter.country.is_some() || filter.region.is_some() || filter.dev_group.is_some();
        for e in self.entries.iter().filter(|e| e.published && !e.implied.is_empty()) {
            if place_filtered && !self.country_matches(&e.countries, filter) {
                continue;
            }
            for &ci in &e.implied {
                rows[ci as usize].implied += 1;
            }
        }
        let rows = rows
            .into_iter()
            .enumerate()
            .filter(|(i, _)| filter.objective.as_deref().is_none_or(|o| self.commitment_objective[*i] == o))
            .map(|(_, r)| r)
            .collect();
        let countries =
            self.countries.iter().zip(per_country).filter(|(_, n)| *n > 0).map(|(c, n)| (c.iso2.clone(), n)).collect();
        let mut regions: Vec<RegionColumn> =
            self.region_codes.iter().map(|m| RegionColumn { m49: Some(m.clone()) }).collect();
        regions.push(RegionColumn { m49: None });
        Coverage { filter: filter.clone(), contributions: distinct, regions, groups, rows, countries }
    }
}

fn overlaps(start: &str, end: Option<&str>, from: Option<&str>, to: Option<&str>) -> bool {
    to.is_none_or(|to| start <= to)
        && match (end, from) {
            (Some(end), Some(from)) => end >= from,
            _ => true,
        }
}

/// Coverage for `filter` through the app's projection.
pub async fn coverage(app: &App, filter: &CoverageFilter) -> Result<Coverage, AppError> {
    app.map().coverage(app, filter).await
}
