//! The catalog: frameworks, their crosswalk graph and the reference geography, held in memory.
//!
//! It is a projection of the store (rebuilt from it at start, and again whenever the change log shows a
//! framework or geography change), small enough to keep whole: a few thousand nodes and countries.

use std::collections::HashMap;

use cogov_core::crosswalk::{CrosswalkLink, FrameworkGraph};
use cogov_core::framework::{Edge, Node};
use cogov_core::geo::{Country, Region};
use cogov_store::{FrameworkInfo, Store};

use crate::AppError;

pub struct Catalog {
    pub frameworks: Vec<FrameworkInfo>,
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
    pub graph: FrameworkGraph,
    pub countries: Vec<Country>,
    pub regions: Vec<Region>,
    /// The change-log position this catalog reflects (last framework or geography change).
    pub reference_seq: i64,
    node_index: HashMap<String, usize>,
    children: HashMap<String, Vec<usize>>,
    country_index: HashMap<String, usize>,
    region_index: HashMap<String, usize>,
}

impl Catalog {
    pub async fn load(store: &dyn Store) -> Result<Catalog, AppError> {
        let reference_seq = Self::reference_seq(store).await?;
        let frameworks = store.frameworks().await?;
        let nodes = store.nodes().await?;
        let edges = store.edges().await?;
        let countries = store.countries().await?;
        let regions = store.regions().await?;
        Ok(Catalog::new(frameworks, nodes, edges, countries, regions, reference_seq))
    }

    pub fn new(
        frameworks: Vec<FrameworkInfo>,
        nodes: Vec<Node>,
        edges: Vec<Edge>,
        countries: Vec<Country>,
        regions: Vec<Region>,
        reference_seq: i64,
    ) -> Catalog {
        let graph = FrameworkGraph::new(&nodes, edges.clone());
        let node_index = nodes.iter().enumerate().map(|(i, n)| (n.id.clone(), i)).collect();
        let mut children: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, n) in nodes.iter().enumerate() {
            if let Some(p) = &n.parent {
                children.entry(p.clone()).or_default().push(i);
            }
        }
        let country_index = countries.iter().enumerate().map(|(i, c)| (c.iso2.clone(), i)).collect();
        let region_index = regions.iter().enumerate().map(|(i, r)| (r.m49.clone(), i)).collect();
        Catalog {
            frameworks,
            nodes,
            edges,
            graph,
            countries,
            regions,
            reference_seq,
            node_index,
            children,
            country_index,
            region_index,
        }
    }

    pub(crate) async fn reference_seq(store: &dyn Store) -> Result<i64, AppError> {
        Ok(store.last_seq_of("framework").await?.max(store.last_seq_of("geography").await?))
    }

    pub fn framework(&self, code: &str) -> Option<&FrameworkInfo> {
        self.frameworks.iter().find(|f| f.header.code == code)
    }

    pub fn node(&self, id: &str) -> Option<&Node> {
        self.node_index.get(id).map(|&i| &self.nodes[i])
    }

    /// The top-level nodes of a framework, in file order.
    pub fn roots<'a>(&'a self, framework: &'a str) -> impl Iterator<Item = &'a Node> {
        self.nodes.iter().filter(move |n| n.parent.is_none() && n.framework() == framework)
    }

    pub fn children(&self, id: &str) -> impl Iterator<Item = &Node> {
        self.children.get(id).into_iter().flatten().map(|&i| &self.nodes[i])
    }

    /// The node's ancestors, from the root down, excluding the node.
    pub fn ancestors(&self, id: &str) -> Vec<&Node> {
        let mut chain = Vec::new();
        let mut current = self.node(id).and_then(|n| n.parent.as_deref());
        while let Some(p) = current.and_then(|p| self.node(p)) {
            chain.push(p);
            current = p.parent.as_deref();
        }
        chain.reverse();
        chain
    }

    /// The node and every node below it.
    pub fn subtree(&self, id: &str) -> Vec<&Node> {
        let mut out = Vec::new();
        let mut stack: Vec<&Node> = self.node(id).into_iter().collect();
        while let Some(n) = stack.pop() {
            out.push(n);
            let mut kids: Vec<&Node> = self.children(&n.id).collect();
            kids.reverse();
            stack.extend(kids);
        }
        out
    }

    pub fn crosswalk(&self, id: &str) -> Vec<CrosswalkLink> {
        self.graph.crosswalk(id)
    }

    pub fn country(&self, iso2: &str) -> Option<&Country> {
        self.country_index.get(&iso2.to_ascii_uppercase()).map(|&i| &self.countries[i])
    }

    pub fn region(&self, m49: &str) -> Option<&Region> {
        self.region_index.get(m49).map(|&i| &self.regions[i])
    }

    /// Countries in a region at any level (region, sub-region, intermediate region).
    pub fn countries_in(&self, m49: &str) -> impl Iterator<Item = &Country> {
        let m49 = m49.to_string();
        self.countries.iter().filter(move |c| c.region_codes().any(|r| r == m49))
    }
}
