//! Crosswalks: from any framework node to every node of every other framework linked to it.
//!
//! Two nodes are linked **directly** when an edge joins them, or **through the SDGs** when both are linked to the
//! same SDG goal (a link to a goal, one of its targets or one of its indicators counts for the goal). Each link
//! carries the path of node ids that joins the two ends, so a reader can see why they are related.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::framework::{framework_of, Edge, Node};

/// The framework through which indirect crosswalks pass.
pub const HUB_FRAMEWORK: &str = "sdg";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Via {
    Direct,
    Sdg,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct CrosswalkLink {
    pub node: String,
    pub framework: String,
    pub via: Via,
    /// Node ids from the start node to `node`, both included.
    pub path: Vec<String>,
    /// Relation and source of the first edge on the path.
    pub relation: String,
    pub source: String,
}

/// The nodes and edges of every loaded framework, indexed for crosswalk queries.
#[derive(Debug, Default, Clone)]
pub struct FrameworkGraph {
    order: HashMap<String, usize>,
    parents: HashMap<String, String>,
    neighbours: HashMap<String, Vec<usize>>,
    edges: Vec<Edge>,
    /// SDG goal id → the edges (by index) that touch it or any node below it.
    goal_edges: HashMap<String, Vec<usize>>,
}

impl FrameworkGraph {
    /// Builds the graph. `nodes` must list parents before children within each framework.
    pub fn new(nodes: &[Node], edges: Vec<Edge>) -> Self {
        let mut g = FrameworkGraph { edges, ..Default::default() };
        for (i, n) in nodes.iter().enumerate() {
            g.order.insert(n.id.clone(), i);
            if let Some(p) = &n.parent {
                g.parents.insert(n.id.clone(), p.clone());
            }
        }
        for (i, e) in g.edges.iter().enumerate() {
            for end in &e.ends {
                g.neighbours.entry(end.clone()).or_default().push(i);
            }
        }
        for (i, e) in g.edges.iter().enumerate() {
            for end in &e.ends {
                if let Some(goal) = g.sdg_goal(end) {
                    g.goal_edges.entry(goal).or_default().push(i);
                }
            }
        }
        g
    }

    pub fn contains(&self, id: &str) -> bool {
        self.order.contains_key(id)
    }

    /// The SDG goal a node of the SDG framework belongs to (itself if it is a goal).
    pub fn sdg_goal(&self, id: &str) -> Option<String> {
        if framework_of(id) != HUB_FRAMEWORK || !self.order.contains_key(id) {
            return None;
        }
        let mut current = id;
        while let Some(p) = self.parents.get(current) {
            current = p;
        }
        Some(current.to_string())
    }

    /// Every node of another framework linked to `id`, directly or through an SDG goal, in file order.
    /// A node reachable both ways is listed once, directly.
    pub fn crosswalk(&self, id: &str) -> Vec<CrosswalkLink> {
        let own = framework_of(id);
        let mut found: BTreeMap<String, CrosswalkLink> = BTreeMap::new();
        for &ei in self.neighbours.get(id).into_iter().flatten() {
            let edge = &self.edges[ei];
            let other = other_end(edge, id);
            if framework_of(other) != own {
                found.insert(
                    other.to_string(),
                    self.link(other, Via::Direct, vec![id.to_string(), other.to_string()], edge),
                );
            }
        }
        for (goal, start) in self.goals_of(id) {
            for &ei in self.goal_edges.get(&goal).into_iter().flatten() {
                let edge = &self.edges[ei];
                let (hub, other) = if framework_of(edge.from()) == HUB_FRAMEWORK {
                    (edge.from(), edge.to())
                } else {
                    (edge.to(), edge.from())
                };
                if other == id
                    || framework_of(other) == own
                    || framework_of(other) == HUB_FRAMEWORK
                    || found.contains_key(other)
                {
                    continue;
                }
                let mut path = start.clone();
                for step in [goal.as_str(), hub, other] {
                    if path.last().map(String::as_str) != Some(step) {
                        path.push(step.to_string());
                    }
                }
                found.insert(other.to_string(), self.link(other, Via::Sdg, path, edge));
            }
        }
        let mut links: Vec<CrosswalkLink> = found.into_values().collect();
        links.sort_by_key(|l| (l.via.clone() as u8, self.order.get(&l.node).copied().unwrap_or(usize::MAX)));
        links
    }

    /// The SDG goals through which `id` reaches other frameworks, each with the path from `id` to the goal.
    fn goals_of(&self, id: &str) -> Vec<(String, Vec<String>)> {
        if let Some(goal) = self.sdg_goal(id) {
            let mut path = vec![id.to_string()];
            if goal != id {
                path.push(goal.clone());
            }
            return vec![(goal, path)];
        }
        let mut goals: Vec<(String, Vec<String>)> = Vec::new();
        for &ei in self.neighbours.get(id).into_iter().flatten() {
            let other = other_end(&self.edges[ei], id);
            if let Some(goal) = self.sdg_goal(other) {
                if !goals.iter().any(|(g, _)| *g == goal) {
                    goals.push((goal, vec![id.to_string(), other.to_string()]));
                }
            }
        }
        goals
    }

    fn link(&self, node: &str, via: Via, path: Vec<String>, edge: &Edge) -> CrosswalkLink {
        CrosswalkLink {
            node: node.to_string(),
            framework: framework_of(node).to_string(),
            via,
            path,
            relation: edge.relation.clone(),
            source: edge.source.clone(),
        }
    }
}

fn other_end<'a>(edge: &'a Edge, id: &str) -> &'a str {
    if edge.from() == id {
        edge.to()
    } else {
        edge.from()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(id: &str, parent: Option<&str>) -> Node {
        Node {
            id: id.into(),
            parent: parent.map(Into::into),
            level: "x".into(),
            title: [("en".to_string(), id.to_string())].into(),
            short: Default::default(),
            description: Default::default(),
            url: None,
            labelled_by_position: false,
            source: "t".into(),
        }
    }

    fn edge(a: &str, b: &str) -> Edge {
        Edge { ends: [a.into(), b.into()], relation: "serves".into(), source: format!("{a}-{b}") }
    }

    fn graph() -> FrameworkGraph {
        let nodes = vec![
            node("sdg:4", None),
            node("sdg:4.1", Some("sdg:4")),
            node("sdg:9", None),
            node("wsis:C3", None),
            node("wsis:C4", None),
            node("gdc:1", None),
            node("gdc:1.1", Some("gdc:1")),
            node("gdc:1.2", Some("gdc:1")),
            node("igf:x", None),
        ];
        let edges = vec![
            edge("gdc:1.1", "sdg:4"),
            edge("gdc:1.1", "wsis:C3"),
            edge("gdc:1.2", "sdg:9"),
            edge("wsis:C4", "sdg:4.1"),
            edge("igf:x", "sdg:9"),
        ];
        FrameworkGraph::new(&nodes, edges)
    }

    #[test]
    fn lists_direct_links_then_links_through_sdg_goals() {
        let g = graph();
        let links = g.crosswalk("gdc:1.1");
        let got: Vec<(&str, &Via, Vec<&str>)> =
            links.iter().map(|l| (l.node.as_str(), &l.via, l.path.iter().map(String::as_str).collect())).collect();
        assert_eq!(
            got,
            vec![
                ("sdg:4", &Via::Direct, vec!["gdc:1.1", "sdg:4"]),
                ("wsis:C3", &Via::Direct, vec!["gdc:1.1", "wsis:C3"]),
                ("wsis:C4", &Via::Sdg, vec!["gdc:1.1", "sdg:4", "sdg:4.1", "wsis:C4"]),
            ]
        );
    }

    #[test]
    fn a_target_reaches_what_its_goal_reaches() {
        let g = graph();
        let nodes: Vec<String> = g.crosswalk("sdg:4.1").into_iter().map(|l| l.node).collect();
        assert_eq!(nodes, vec!["wsis:C4", "gdc:1.1"]);
        assert_eq!(g.sdg_goal("sdg:4.1").as_deref(), Some("sdg:4"));
        assert_eq!(g.sdg_goal("gdc:1"), None);
    }

    #[test]
    fn never_lists_its_own_framework_or_unlinked_nodes() {
        let g = graph();
        let nodes: Vec<String> = g.crosswalk("gdc:1.2").into_iter().map(|l| l.node).collect();
        assert_eq!(nodes, vec!["sdg:9", "igf:x"]);
        assert!(g.crosswalk("gdc:1").is_empty());
        assert!(g.crosswalk("nope:1").is_empty());
    }
}
