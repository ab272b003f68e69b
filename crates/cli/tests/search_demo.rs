//! The bundled demo content is findable on a fresh `cogov serve` by words in English, French and Chinese, on the
//! search page and through the API, and its facet counts are those of the matching entries as the store holds
//! them.

use std::collections::BTreeMap;
use std::process::{Command, Stdio};
use std::time::Duration;

use cogov_store::Store;

mod support;
use support::{free_port, get, json, wait_until};

fn encode(s: &str) -> String {
    s.bytes().map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") }).collect()
}

/// A facet's counts in a search answer.
fn counts(answer: &serde_json::Value, facet: &str) -> BTreeMap<String, i64> {
    answer["facets"]
        .as_array()
        .expect("facets")
        .iter()
        .filter(|f| f["facet"] == facet)
        .flat_map(|f| f["values"].as_array().cloned().unwrap_or_default())
        .map(|v| (v["value"].as_str().expect("value").to_string(), v["count"].as_i64().expect("count")))
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_bundled_demo_is_found_in_english_french_and_chinese_with_the_stores_counts() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("data");
    let port = free_port();
    let mut server = Command::new(env!("CARGO_BIN_EXE_cogov"))
        .args(["--data-dir", &data.display().to_string(), "serve", "--listen", &format!("127.0.0.1:{port}")])
        .env("COGOV_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn cogov");
    wait_until("the index", Duration::from_secs(180), || {
        get(port, "/api/v1/search/status")
            .filter(|(s, _)| *s == 200)
            .and_then(|(_, b)| serde_json::from_str::<serde_json::Value>(&b).ok())
            .is_some_and(|s| s["lag"] == 0 && s["indexed_seq"].as_i64().unwrap_or(0) > 0)
    });
    let store = cogov_store::SqliteStore::open(&data.join("cogov.db"), 1).await.expect("the server's store");
    let mut bundled = Vec::new();
    for (source, id) in [("iati", "FR-6-ML-ML-52"), ("iati", "46002-P-GN-IBE-002"), ("polis", "3phdex2kjf")] {
        let entry = store.entry_by_external_id(source, id).await.expect("store");
        bundled.push(entry.unwrap_or_else(|| panic!("the bundled {source}:{id} is loaded")));
    }
    let [french, afdb, vtaiwan] = [&bundled[0], &bundled[1], &bundled[2]];

    // (reader's language, query, entries it must find, a text its page must show)
    let cases = [
        ("en", "public health systems", vec![afdb], "West Africa"),
        ("fr", "santé", vec![french, afdb], "Lutte contre la maladie"),
        ("fr", "épidémie", vec![french], "Lutte contre la maladie"),
        ("zh", "討論", vec![vtaiwan], "UberX"),
        ("zh", "法律", vec![vtaiwan], "UberX"),
    ];
    for (lang, q, expected, shown) in cases {
        let answer = json(port, &format!("/api/v1/search?q={}&lang={lang}&limit=100", encode(q)));
        let ids: Vec<String> =
            answer["hits"].as_array().expect("hits").iter().map(|h| h["id"].as_str().expect("id").into()).collect();
        for e in &expected {
            assert!(ids.contains(&e.id), "{q}: finds {} in {ids:?}", e.slug);
        }
        assert_eq!(answer["total"].as_i64(), Some(ids.len() as i64), "{q}: one page holds them all");
        // The counts are those of the matching entries as stored.
        let mut want: BTreeMap<&str, BTreeMap<String, i64>> = BTreeMap::new();
        for id in &ids {
            let entry = store.entry(id).await.expect("store").expect("a hit is an entry");
            assert_eq!(entry.status.code(), "published", "{q}: only published entries");
            *want.entry("kind").or_default().entry(entry.kind.code().to_string()).or_default() += 1;
            for c in &entry.countries {
                *want.entry("country").or_default().entry(c.clone()).or_default() += 1;
            }
            let langs: std::collections::BTreeSet<String> = entry
                .title
                .values
                .iter()
                .chain(&entry.summary.values)
                .filter(|(_, v)| !v.trim().is_empty())
                .map(|(l, _)| l.split('-').next().unwrap_or(l).to_ascii_lowercase())
                .collect();
            for l in langs {
                *want.entry("lang").or_default().entry(l).or_default() += 1;
            }
        }
        for facet in ["kind", "country", "lang"] {
            assert_eq!(counts(&answer, facet), want.get(facet).cloned().unwrap_or_default(), "{q}: {facet} counts");
        }
        // The search page shows the same.
        let (status, page) = get(port, &format!("/{lang}/search?q={}", encode(q))).expect("page");
        assert_eq!(status, 200, "/{lang}/search?q={q}");
        assert!(page.contains(shown), "/{lang}/search?q={q} shows {shown:?}");
    }
    server.kill().expect("stop");
    server.wait().expect("reaped");
}
