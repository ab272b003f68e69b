//! Every row of the GDC matrix in seed 004 (transcribed independently into `fixtures/gdc_matrix_seed004.tsv`)
//! has exactly the SDGs and WSIS Action Lines the seed gives in the bundled framework files' crosswalks.

use std::collections::BTreeSet;

use cogov_core::crosswalk::FrameworkGraph;
use cogov_core::framework::{framework_of, parse_framework_file, FrameworkFile};

const FIXTURE: &str = include_str!("fixtures/gdc_matrix_seed004.tsv");
const FILES: &[(&str, &str)] = &[
    ("sdg.jsonl", include_str!("../../../data/frameworks/sdg.jsonl")),
    ("wsis.jsonl", include_str!("../../../data/frameworks/wsis.jsonl")),
    ("hlpdc.jsonl", include_str!("../../../data/frameworks/hlpdc.jsonl")),
    ("roadmap.jsonl", include_str!("../../../data/frameworks/roadmap.jsonl")),
    ("igf.jsonl", include_str!("../../../data/frameworks/igf.jsonl")),
    ("gdc.jsonl", include_str!("../../../data/frameworks/gdc.jsonl")),
];

fn bundled() -> Vec<FrameworkFile> {
    let mut files: Vec<FrameworkFile> = Vec::new();
    for (name, text) in FILES {
        let known = |id: &str| files.iter().any(|f| f.nodes.iter().any(|n| n.id == id));
        let file = parse_framework_file(name, text, &known).unwrap_or_else(|e| panic!("{e}"));
        files.push(file);
    }
    files
}

fn expand(cell: &str, all: &[&str], prefix: &str) -> BTreeSet<String> {
    match cell {
        "all" => all.iter().map(|s| s.to_string()).collect(),
        "" => BTreeSet::new(),
        list => list.split(',').map(|x| format!("{prefix}{}", x.trim())).collect(),
    }
}

#[test]
fn every_gdc_matrix_row_crosswalks_to_exactly_the_seeds_sdgs_and_wsis_lines() {
    let files = bundled();
    let nodes: Vec<_> = files.iter().flat_map(|f| f.nodes.iter().cloned()).collect();
    let edges: Vec<_> = files.iter().flat_map(|f| f.edges.iter().cloned()).collect();
    let graph = FrameworkGraph::new(&nodes, edges);
    let all_sdgs: Vec<String> = (1..=17).map(|g| format!("sdg:{g}")).collect();
    let all_sdgs: Vec<&str> = all_sdgs.iter().map(String::as_str).collect();
    let all_wsis: Vec<String> = (1..=11).map(|c| format!("wsis:C{c}")).collect();
    let all_wsis: Vec<&str> = all_wsis.iter().map(String::as_str).collect();

    let mut rows = 0;
    let mut commitments_in_fixture = BTreeSet::new();
    for (i, line) in FIXTURE.lines().enumerate().skip(1) {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 6, "fixture line {}: {line:?}", i + 1);
        let (section, area, position, sdgs, wsis, text_start) = (cols[0], cols[1], cols[2], cols[3], cols[4], cols[5]);
        let id =
            if area == "0" { format!("gdc:{section}.{position}") } else { format!("gdc:{section}.{area}.{position}") };
        let node = nodes.iter().find(|n| n.id == id).unwrap_or_else(|| panic!("fixture line {}: no node {id}", i + 1));
        assert_eq!(node.level, "commitment", "{id}");
        let title = node.title.get("en").map(String::as_str).unwrap_or_default();
        if text_start.is_empty() {
            assert!(node.labelled_by_position, "{id} has no text in the seed, so it must be labelled by position");
        } else {
            assert!(title.starts_with(text_start), "{id}: title {title:?} should start with {text_start:?}");
            assert!(!node.labelled_by_position, "{id}");
        }
        let links = graph.crosswalk(&id);
        let got_sdg: BTreeSet<String> =
            links.iter().filter(|l| framework_of(&l.node) == "sdg").map(|l| l.node.clone()).collect();
        let got_wsis: BTreeSet<String> =
            links.iter().filter(|l| framework_of(&l.node) == "wsis").map(|l| l.node.clone()).collect();
        let sdg_prefixed = expand(sdgs, &all_sdgs, "sdg:");
        let wsis_expected = expand(wsis, &all_wsis, "wsis:");
        assert_eq!(got_sdg, sdg_prefixed, "{id}: SDGs");
        assert_eq!(got_wsis, wsis_expected, "{id}: WSIS Action Lines");
        commitments_in_fixture.insert(id);
        rows += 1;
    }
    assert_eq!(rows, 84, "the seed's matrix has 84 commitment rows");
    let commitments_in_data: BTreeSet<String> =
        nodes.iter().filter(|n| n.framework() == "gdc" && n.level == "commitment").map(|n| n.id.clone()).collect();
    assert_eq!(commitments_in_data, commitments_in_fixture, "the data has exactly the seed's rows");
}

#[test]
fn bundled_frameworks_have_the_expected_shape() {
    let files = bundled();
    let count = |fw: &str, level: &str| {
        files.iter().flat_map(|f| &f.nodes).filter(|n| n.framework() == fw && n.level == level).count()
    };
    assert_eq!(count("sdg", "goal"), 17);
    assert_eq!(count("sdg", "target"), 169);
    assert!(count("sdg", "indicator") >= 230);
    assert_eq!(count("wsis", "line"), 11);
    assert_eq!(count("wsis", "sub-line"), 8);
    assert_eq!(count("gdc", "objective"), 5);
    let sdg = &files[0];
    for n in sdg.nodes.iter().filter(|n| n.level != "indicator") {
        for lang in ["ar", "en", "es", "fr", "ru", "zh"] {
            assert!(n.title.get(lang).is_some_and(|t| !t.is_empty()), "{} lacks a {lang} title", n.id);
        }
    }
}
