//! What an entry's own tags and countries imply for its facets: every ancestor of a tagged framework node, every
//! M49 region above its countries (and above the regions it names), and the development groups of its countries.
//! Expanded at index time, so a filter on `sdg:4` is one term lookup, not a subtree walk per query.

use std::collections::{BTreeSet, HashMap};

use cogov_core::entry::Entry;
use cogov_core::framework::Node;
use cogov_core::geo::{Country, Region};

/// The hierarchies facets expand along. `version` identifies the reference data it was built from (the store's
/// last framework or geography change): an index built with another version is rebuilt.
#[derive(Debug, Clone, Default)]
pub struct Taxonomy {
    pub version: i64,
    node_parent: HashMap<String, String>,
    region_parent: HashMap<String, String>,
    countries: HashMap<String, CountryFacts>,
}

#[derive(Debug, Clone, Default)]
struct CountryFacts {
    regions: Vec<String>,
    groups: Vec<&'static str>,
}

/// An entry's facet values after expansion.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Expanded {
    pub nodes: BTreeSet<String>,
    pub countries: BTreeSet<String>,
    pub regions: BTreeSet<String>,
    pub groups: BTreeSet<String>,
}

impl Taxonomy {
    pub fn new(version: i64, nodes: &[Node], countries: &[Country], regions: &[Region]) -> Taxonomy {
        let node_parent = nodes.iter().filter_map(|n| n.parent.as_ref().map(|p| (n.id.clone(), p.clone()))).collect();
        let region_parent =
            regions.iter().filter_map(|r| r.parent.as_ref().map(|p| (r.m49.clone(), p.clone()))).collect();
        let countries = countries
            .iter()
            .map(|c| {
                let facts =
                    CountryFacts { regions: c.region_codes().map(str::to_string).collect(), groups: c.groups() };
                (c.iso2.clone(), facts)
            })
            .collect();
        Taxonomy { version, node_parent, region_parent, countries }
    }

    /// The entry's facet values: its nodes and their ancestors; its countries; the regions of its countries and
    /// the regions it names, with theirs above them (the world, `001`, is left out: it says nothing);
    /// the groups of its countries.
    pub fn expand(&self, entry: &Entry) -> Expanded {
        let mut out = Expanded::default();
        for tag in &entry.tags {
            let mut current = Some(tag.node.clone());
            let mut steps = 0;
            // The step bound guards against a parent cycle in bad reference data.
            while let Some(node) = current.filter(|_| steps < 16) {
                current = self.node_parent.get(&node).cloned();
                out.nodes.insert(node);
                steps += 1;
            }
        }
        for iso2 in &entry.countries {
            out.countries.insert(iso2.clone());
            if let Some(facts) = self.countries.get(iso2) {
                for r in &facts.regions {
                    self.add_region(&mut out.regions, r);
                }
                out.groups.extend(facts.groups.iter().map(|g| g.to_string()));
            }
        }
        for r in &entry.regions {
            self.add_region(&mut out.regions, r);
        }
        out
    }

    fn add_region(&self, regions: &mut BTreeSet<String>, code: &str) {
        let mut current = Some(code.to_string());
        let mut steps = 0;
        while let Some(r) = current.filter(|_| steps < 8) {
            current = self.region_parent.get(&r).cloned();
            if r != WORLD {
                regions.insert(r);
            }
            steps += 1;
        }
    }
}

const WORLD: &str = "001";
