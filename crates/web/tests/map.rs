//! The GDC implementation map over HTTP, on the bundled demo sample: the pages' tables equal their CSV and JSON
//! exports cell for cell, and the heatmap, world map and gap list show numbers equal to direct counts from the
//! store.

mod support;

use std::collections::BTreeMap;

use cogov_app::entries::{self, Actor, EntryInput};
use cogov_app::map::{self, coverage::DevGroup};
use cogov_core::entry::{EntryKind, Provenance, Status, Tag};
use cogov_core::Text;
use cogov_store::ContributionQuery;
use support::{fetch, seeded_app, tokenize, Token};

/// The data tables of a page: caption, header and rows as the reader sees them (text of each cell).
fn html_tables(html: &str) -> Vec<(String, Vec<String>, Vec<Vec<String>>)> {
    let mut tables = Vec::new();
    let (mut in_table, mut in_cell, mut in_caption) = (false, false, false);
    let (mut caption, mut header, mut rows): (String, Vec<String>, Vec<Vec<String>>) = Default::default();
    let mut row: Vec<String> = Vec::new();
    let mut cell = String::new();
    let mut head = false;
    for token in tokenize(html) {
        match token {
            Token::Open { name, attrs, .. } => match name.as_str() {
                "table" if attrs.iter().any(|(k, v)| k == "class" && v == "data") => in_table = true,
                "caption" if in_table => in_caption = true,
                "thead" if in_table => head = true,
                "tbody" if in_table => head = false,
                "tr" if in_table => row.clear(),
                "td" | "th" if in_table => {
                    in_cell = true;
                    cell.clear();
                }
                _ => {}
            },
            Token::Close { name } => match name.as_str() {
                "caption" => in_caption = false,
                "td" | "th" if in_table => {
                    in_cell = false;
                    row.push(cell.trim().to_string());
                }
                "tr" if in_table => {
                    if head {
                        header = row.clone();
                    } else {
                        rows.push(row.clone());
                    }
                }
                "table" if in_table => {
                    in_table = false;
                    tables.push((std::mem::take(&mut caption), std::mem::take(&mut header), std::mem::take(&mut rows)));
                }
                _ => {}
            },
            Token::Text(t) => {
                if in_cell {
                    cell.push_str(&t);
                } else if in_caption {
                    caption.push_str(t.trim());
                }
            }
        }
    }
    tables
}

fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let (mut row, mut field, mut quoted, mut chars) = (Vec::new(), String::new(), false, text.chars().peekable());
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                out.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    out
}

/// Every map view, its CSV and its JSON show the same tables.
fn assert_exports_match(url: &str, html: &str, csv: &str, json: &serde_json::Value) {
    let tables = html_tables(html);
    assert!(!tables.is_empty(), "{url}: no data table");
    let json_tables = json["tables"].as_array().expect("tables");
    assert_eq!(json_tables.len(), tables.len(), "{url}: JSON tables");
    let mut expected_csv: Vec<Vec<String>> = Vec::new();
    for (i, (caption, header, rows)) in tables.iter().enumerate() {
        let jt = &json_tables[i];
        assert_eq!(jt["caption"].as_str(), Some(caption.as_str()), "{url}: caption {i}");
        let columns: Vec<String> = jt["columns"]
            .as_array()
            .expect("columns")
            .iter()
            .map(|c| c.as_str().unwrap_or_default().to_string())
            .collect();
        assert_eq!(&columns, header, "{url}: columns of table {i}");
        let json_rows: Vec<Vec<String>> = jt["rows"]
            .as_array()
            .expect("rows")
            .iter()
            .map(|r| {
                r.as_array()
                    .expect("row")
                    .iter()
                    .map(|c| c.as_str().map(str::to_string).unwrap_or_else(|| c.to_string()))
                    .collect()
            })
            .collect();
        assert_eq!(&json_rows, rows, "{url}: rows of table {i}");
        if tables.len() > 1 {
            if i > 0 {
                expected_csv.push(vec![String::new()]);
            }
            expected_csv.push(vec![caption.clone()]);
        }
        expected_csv.push(header.clone());
        expected_csv.extend(rows.iter().cloned());
    }
    assert_eq!(parse_csv(csv), expected_csv, "{url}: CSV");
}

async fn demo() -> support::TestApp {
    let t = seeded_app().await;
    map::sample::load(&t.app).await.expect("sample");
    let dpg = EntryInput {
        kind: Some(EntryKind::DigitalPublicGood),
        status: Some(Status::Published),
        title: Some(Text::new("en", "Open school maps")),
        tags: Some(vec![Tag {
            node: "sdg:9.c".into(),
            provenance: Provenance::Manual { by: "t".into() },
            evidence: None,
        }]),
        ..Default::default()
    };
    entries::create(&t.app, dpg, &Actor::manual("t"), "t").await.expect("dpg");
    t
}

#[tokio::test]
async fn exports_reproduce_exactly_what_each_page_shows() {
    let t = demo().await;
    let contribution =
        t.app.store().list_contributions(&ContributionQuery { limit: 1, ..Default::default() }).await.expect("list");
    let urls = [
        "/{lang}/map".to_string(),
        "/{lang}/map?by=region&progress=ongoing".to_string(),
        "/{lang}/map?by=progress".to_string(),
        "/{lang}/map?by=dev&group=government".to_string(),
        "/{lang}/map/world".to_string(),
        "/{lang}/map/world?commitment=gdc:1.1.1".to_string(),
        "/{lang}/map/gaps?few=0".to_string(),
        "/{lang}/map/gaps?dev=sids".to_string(),
        "/{lang}/map/commitments/gdc:1.1.1".to_string(),
        "/{lang}/map/countries/KE".to_string(),
        "/{lang}/map/endorsements?group=government".to_string(),
        "/{lang}/map/report?from=2025-01-01&to=2025-12-31".to_string(),
        format!("/{{lang}}/map/contributions/{}", contribution[0].id),
    ];
    for lang in ["en", "fr", "ar"] {
        for template in &urls {
            let url = template.replace("{lang}", lang);
            let html = fetch(&t.app, &url, &[]).await;
            assert_eq!(html.status.as_u16(), 200, "{url}");
            let sep = if url.contains('?') { '&' } else { '?' };
            let csv = fetch(&t.app, &format!("{url}{sep}format=csv"), &[]).await;
            assert_eq!(csv.headers.get("content-type").and_then(|v| v.to_str().ok()), Some("text/csv; charset=utf-8"));
            let json = fetch(&t.app, &format!("{url}{sep}format=json"), &[]).await;
            let json: serde_json::Value = serde_json::from_slice(&json.body).expect("json");
            assert_exports_match(&url, &html.text(), &csv.text(), &json);
        }
    }
    // The API serves the same view as the page's JSON export.
    let page = fetch(&t.app, "/fr/map/gaps?format=json", &[]).await;
    let api = fetch(&t.app, "/api/v1/map/gaps?lang=fr", &[]).await;
    assert_eq!(api.status.as_u16(), 200);
    assert_eq!(page.body, api.body);
}

#[tokio::test]
async fn the_heatmap_world_map_and_gaps_show_direct_counts_from_the_store() {
    let t = demo().await;
    let store = t.app.store();
    let catalog = t.app.catalog();
    let count = |nodes: Vec<String>, countries: Vec<String>| {
        let q = ContributionQuery { statuses: vec!["published".into()], nodes, countries, ..Default::default() };
        async move { store.count_contributions(&q).await.expect("count").to_string() }
    };
    let html = fetch(&t.app, "/en/map", &[]).await.text();
    assert!(html.contains("<svg") && html.contains("</svg>"), "inline heatmap");
    assert!(!html.contains("style=") && !html.contains("<script"), "CSP: no style attributes, no scripts");
    let tables = html_tables(&html);
    let (_, header, rows) = &tables[0];
    assert_eq!(rows.len(), map::commitments(&catalog).len());
    let implied_col = header.len() - 1;
    for row in rows {
        let id = format!("gdc:{}", row[0]);
        assert_eq!(row[1], count(vec![id.clone()], vec![]).await, "total of {id}");
        let groups: u64 = row[2..implied_col].iter().map(|c| c.parse::<u64>().expect("number")).sum();
        assert_eq!(groups.to_string(), row[1], "{id}: the group columns add up to the total");
    }
    let row_1_1_1 = rows.iter().find(|r| r[0] == "1.1.1").expect("1.1.1");
    assert_eq!(
        row_1_1_1[implied_col], "1",
        "the DPG tagged sdg:9.c is implied coverage of gdc:1.1.1, apart from the total"
    );

    // By progress and by country group (LDC, LLDC, SIDS): each column against the store's own count.
    let ldc: Vec<String> = catalog.countries.iter().filter(|c| c.ldc).map(|c| c.iso2.clone()).collect();
    let in_group = |g: DevGroup| -> Vec<String> {
        catalog.countries.iter().filter(|c| c.groups().contains(&g.code())).map(|c| c.iso2.clone()).collect()
    };
    let progress = fetch(&t.app, "/en/map?by=progress", &[]).await.text();
    let (_, _, rows) = &html_tables(&progress)[0];
    let dev = fetch(&t.app, "/en/map?by=dev", &[]).await.text();
    let (_, header, dev_rows) = &html_tables(&dev)[0];
    assert_eq!(&header[2..5], &["LDC", "LLDC", "SIDS"]);
    for (row, dev_row) in rows.iter().zip(dev_rows) {
        let id = format!("gdc:{}", row[0]);
        for (i, p) in ["planned", "ongoing", "completed"].iter().enumerate() {
            let q = ContributionQuery {
                statuses: vec!["published".into()],
                nodes: vec![id.clone()],
                progress: vec![p.to_string()],
                ..Default::default()
            };
            assert_eq!(row[2 + i], store.count_contributions(&q).await.expect("count").to_string(), "{id} {p}");
        }
        assert_eq!(dev_row[2], count(vec![id.clone()], ldc.clone()).await, "{id} LDC");
        assert_eq!(dev_row[3], count(vec![id.clone()], in_group(DevGroup::Lldc)).await, "{id} LLDC");
        assert_eq!(dev_row[4], count(vec![id.clone()], in_group(DevGroup::Sids)).await, "{id} SIDS");
    }

    let world = fetch(&t.app, "/en/map/world", &[]).await.text();
    let (_, _, rows) = &html_tables(&world)[0];
    let mut shown = BTreeMap::new();
    for row in rows {
        let iso2 = catalog
            .countries
            .iter()
            .find(|c| c.name(cogov_core::Lang::En) == row[0])
            .map(|c| c.iso2.clone())
            .expect("country");
        assert_eq!(row[1], count(vec![], vec![iso2.clone()]).await, "contributions in {iso2}");
        shown.insert(iso2, row[1].clone());
    }
    assert!(shown.contains_key("KE") && shown.contains_key("FJ"));
    let svg = fetch(&t.app, "/map/world.svg", &[]).await;
    assert_eq!(svg.headers.get("content-type").and_then(|v| v.to_str().ok()), Some("image/svg+xml"));
    assert!(svg.text().matches("<path").count() > 150);

    let gaps = fetch(&t.app, "/en/map/gaps?few=0", &[]).await.text();
    let (_, _, rows) = &html_tables(&gaps)[0];
    let sids: Vec<String> = catalog
        .countries
        .iter()
        .filter(|c| c.groups().contains(&DevGroup::Sids.code()))
        .map(|c| c.iso2.clone())
        .collect();
    let ldc: Vec<String> = catalog.countries.iter().filter(|c| c.ldc).map(|c| c.iso2.clone()).collect();
    let mut listed = 0;
    for commitment in map::commitments(&catalog) {
        let total = count(vec![commitment.id.clone()], vec![]).await;
        let for_ldc = count(vec![commitment.id.clone()], ldc.clone()).await;
        let for_sids = count(vec![commitment.id.clone()], sids.clone()).await;
        let row = rows.iter().find(|r| format!("gdc:{}", r[0]) == commitment.id);
        let is_gap = total == "0" || for_ldc == "0" || for_sids == "0";
        assert_eq!(row.is_some(), is_gap, "{} in the gap list", commitment.id);
        if let Some(row) = row {
            listed += 1;
            assert_eq!((&row[2], &row[3], &row[4]), (&total, &for_ldc, &for_sids), "{}", commitment.id);
        }
    }
    assert!(listed > 0 && listed < rows.len() + 1);
}

#[tokio::test]
async fn bad_filters_are_refused_with_the_parameter_named() {
    let t = demo().await;
    for (url, field) in [
        ("/api/v1/map/heatmap?progress=done", "progress"),
        ("/api/v1/map/heatmap?from=2025-02-30", "from"),
        ("/api/v1/map/heatmap?from=2025-02-01&to=2025-01-01", "to"),
        ("/api/v1/map/world?commitment=gdc:1", "commitment"),
        ("/api/v1/map/gaps?colour=red", "colour"),
        ("/api/v1/map/heatmap?by=kind", "by"),
    ] {
        let r = fetch(&t.app, url, &[]).await;
        assert_eq!(r.status.as_u16(), 400, "{url}");
        let body: serde_json::Value = serde_json::from_slice(&r.body).expect("json");
        assert_eq!(body["field"].as_str(), Some(field), "{url}: {body}");
    }
    assert_eq!(fetch(&t.app, "/en/map/commitments/gdc:9.9", &[]).await.status.as_u16(), 404);
    assert_eq!(fetch(&t.app, "/en/map?progress=done", &[]).await.status.as_u16(), 400);
}
