//! Search over real stores (SQLite and PostgreSQL): multilingual matching, facet counts against a direct filter
//! over the store, cursors, hostile queries, and the index following the change log across restarts.

use std::collections::{BTreeMap, BTreeSet};
use std::str::FromStr;

use cogov_app::entries::{self, Actor, EntryInput};
use cogov_app::{search, App};
use cogov_core::entry::{Entry, EntryKind, Provenance, Status, Tag};
use cogov_core::{Lang, Text};
use cogov_search::{Facet, SearchRequest, SearchResults};
use cogov_store::{EntryQuery, PostgresStore, SqliteStore, Store};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

struct Harness {
    app: App,
}

async fn sqlite_store(dir: &std::path::Path) -> Box<dyn Store> {
    let store = SqliteStore::open(&dir.join("t.db"), 4).await.expect("open sqlite");
    store.migrate().await.expect("migrate");
    Box::new(store)
}

/// A PostgreSQL store in a fresh schema, or `None` (said aloud) when PostgreSQL is unreachable outside CI.
async fn postgres_store() -> Option<Box<dyn Store>> {
    let url = std::env::var("COGOV_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".to_string());
    let admin = match PostgresStore::connect(&url, 1).await {
        Ok(s) => s,
        Err(e) if std::env::var("CI").is_ok_and(|v| v == "true") => panic!("PostgreSQL unreachable under CI: {e}"),
        Err(e) => {
            eprintln!("SKIPPED: PostgreSQL half of this test ({url} unreachable: {e})");
            return None;
        }
    };
    let schema = format!("t_{}", uuid_like());
    sqlx::query(&format!("CREATE SCHEMA {schema}")).execute(admin.pool()).await.expect("schema");
    let options =
        sqlx::postgres::PgConnectOptions::from_str(&url).expect("url").options([("search_path", schema.as_str())]);
    let store = PostgresStore::connect_with(options, 4).await.expect("connect");
    store.migrate().await.expect("migrate");
    Some(Box::new(store))
}

fn uuid_like() -> String {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
    format!("{nanos:x}{:x}", std::process::id())
}

async fn harness(store: Box<dyn Store>, dir: &tempfile::TempDir) -> Harness {
    let app = App::start(store).await.expect("start");
    let index = search::open_index(&dir.path().join("search")).expect("index");
    Harness { app: app.with_search(index) }
}

/// Runs `body` once on SQLite and once on PostgreSQL.
macro_rules! both_backends {
    ($name:ident, $body:expr) => {
        mod $name {
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let dir = tempfile::tempdir().expect("dir");
                let store = sqlite_store(dir.path()).await;
                ($body)(harness(store, &dir).await).await;
                drop(dir);
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if let Some(store) = postgres_store().await {
                    let dir = tempfile::tempdir().expect("dir");
                    ($body)(harness(store, &dir).await).await;
                    drop(dir);
                }
            }
        }
    };
}

fn text(pairs: &[(&str, &str)]) -> Text {
    Text::from_map(pairs.iter().map(|(l, t)| (l.to_string(), t.to_string())).collect())
}

fn tag(node: &str) -> Tag {
    Tag { node: node.to_string(), provenance: Provenance::Manual { by: "test".into() }, evidence: None }
}

async fn add(app: &App, kind: EntryKind, title: Text, summary: Text, countries: &[&str], tags: &[&str]) -> Entry {
    let input = EntryInput {
        kind: Some(kind),
        status: Some(Status::Published),
        title: Some(title),
        summary: Some(summary),
        countries: Some(countries.iter().map(|c| c.to_string()).collect()),
        tags: Some(tags.iter().map(|t| tag(t)).collect()),
        ..Default::default()
    };
    entries::create(app, input, &Actor::manual("test"), "fixture").await.expect("create")
}

fn request(q: &str) -> SearchRequest {
    SearchRequest { q: q.to_string(), limit: 20, facets: Facet::ALL.to_vec(), ..Default::default() }
}

fn slugs(r: &SearchResults) -> Vec<String> {
    r.hits.iter().map(|h| h.slug.clone()).collect()
}

fn counts(r: &SearchResults, facet: Facet) -> BTreeMap<String, u64> {
    r.facets
        .iter()
        .filter(|f| f.facet == facet)
        .flat_map(|f| f.values.iter().map(|v| (v.value.clone(), v.count)))
        .collect()
}

async fn multilingual_fixtures(app: &App) -> [Entry; 4] {
    let school = add(
        app,
        EntryKind::Initiative,
        text(&[("en", "Connecting schools in Senegal"), ("fr", "Connecter les écoles du Sénégal")]),
        text(&[
            ("en", "Broadband for every school and educational materials for teachers."),
            ("fr", "Le haut débit pour chaque école et des ressources éducatives numériques pour les enseignants."),
        ]),
        &["SN"],
        &["sdg:4.1", "wsis:C7.e-learning"],
    )
    .await;
    let dpg = add(
        app,
        EntryKind::DigitalPublicGood,
        text(&[("zh", "开放数字公共产品平台"), ("en", "Open digital public goods platform")]),
        text(&[
            ("zh", "一个用于教育和卫生的开源数字公共产品。"),
            ("en", "An open-source platform for health records."),
        ]),
        &["CN", "KE"],
        &["sdg:3", "sdg:9.c"],
    )
    .await;
    let health = add(
        app,
        EntryKind::Initiative,
        text(&[("fr", "Santé numérique au Sénégal")]),
        text(&[("fr", "Dossiers médicaux électroniques dans les hôpitaux publics.")]),
        &["SN"],
        &["sdg:3.8"],
    )
    .await;
    let fiji = add(
        app,
        EntryKind::Process,
        text(&[("en", "Pacific islands cable governance forum")]),
        text(&[("en", "Submarine cables and resilient networks for small island states.")]),
        &["FJ"],
        &["sdg:9.c"],
    )
    .await;
    [school, dpg, health, fiji]
}

both_backends!(finds_entries_by_words_in_english_french_and_chinese, |h: Harness| async move {
    let app = &h.app;
    let [school, dpg, health, fiji] = multilingual_fixtures(app).await;
    let draft_input = EntryInput {
        kind: Some(EntryKind::Initiative),
        title: Some(text(&[("en", "Secret schools draft")])),
        ..Default::default()
    };
    entries::create(app, draft_input, &Actor::manual("test"), "draft").await.expect("draft");
    search::catch_up(app).await.expect("catch up");

    let find = |q: &str| search::search(app, request(q)).expect("search");
    // English, with stemming (schools → school) and never the draft.
    assert_eq!(slugs(&find("schools")), vec![school.slug.clone()]);
    // French, with and without accents, stemmed (écoles → école).
    assert_eq!(slugs(&find("écoles")), vec![school.slug.clone()]);
    assert_eq!(slugs(&find("numerique senegal")).len(), 2, "both French entries");
    assert!(slugs(&find("santé")).contains(&health.slug));
    // Chinese, segmented: a word inside a longer title.
    assert_eq!(slugs(&find("数字公共产品")), vec![dpg.slug.clone()]);
    assert_eq!(slugs(&find("教育")), vec![dpg.slug.clone()]);
    // A phrase, a typo, a prefix.
    assert_eq!(slugs(&find("\"submarine cables\"")), vec![fiji.slug.clone()]);
    assert!(find("\"cables submarine\"").hits.is_empty(), "phrase order matters");
    assert_eq!(slugs(&find("submarin")), vec![fiji.slug.clone()], "one edit for a long word");
    assert!(find("scho").hits.is_empty(), "no prefix matching unless asked");
    let typed = search::search(app, SearchRequest { prefix: true, ..request("scho") }).expect("prefix");
    assert_eq!(slugs(&typed), vec![school.slug.clone()]);

    // Highlights: the matched word is marked in the reader's language.
    let r = search::search(app, SearchRequest { lang: Some(Lang::Fr), ..request("écoles") }).expect("fr");
    let hit = &r.hits[0];
    assert_eq!(hit.title.lang, "fr");
    let marked: Vec<&str> = hit.title.segments().into_iter().filter(|(_, m)| *m).map(|(t, _)| t).collect();
    assert_eq!(marked, vec!["écoles"]);

    // Facets over everything published: kinds, nodes at every level, countries, regions, groups, languages.
    let all = find("");
    assert_eq!(all.total, 4);
    let kinds = counts(&all, Facet::Kind);
    assert_eq!(kinds, BTreeMap::from([("initiative".into(), 2), ("dpg".into(), 1), ("process".into(), 1)]));
    let nodes = counts(&all, Facet::Node);
    assert_eq!(nodes.get("sdg:4.1"), Some(&1));
    assert_eq!(nodes.get("sdg:4"), Some(&1), "a target counts for its goal");
    assert_eq!(nodes.get("sdg:3"), Some(&2), "sdg:3 directly and sdg:3.8 below it");
    assert_eq!(nodes.get("sdg:9"), Some(&2));
    assert_eq!(nodes.get("wsis:C7"), Some(&1), "WSIS line above the sub-line");
    let regions = counts(&all, Facet::Region);
    assert_eq!(regions.get("202"), Some(&3), "Sub-Saharan Africa: two Senegal entries and Kenya");
    assert_eq!(regions.get("002"), Some(&3));
    assert_eq!(regions.get("011"), Some(&2), "Western Africa");
    assert_eq!(regions.get("009"), Some(&1), "Oceania");
    assert_eq!(counts(&all, Facet::Group), BTreeMap::from([("ldc".into(), 2), ("sids".into(), 1)]));
    assert_eq!(counts(&all, Facet::Lang), BTreeMap::from([("en".into(), 3), ("fr".into(), 2), ("zh".into(), 1)]));
    assert_eq!(counts(&all, Facet::Status), BTreeMap::from([("published".into(), 4)]));

    // Filters: AND across facets, OR within one; a facet's own counts ignore its own filter.
    let filtered = search::search(
        app,
        SearchRequest {
            filters: vec![(Facet::Country, vec!["SN".into(), "FJ".into()]), (Facet::Node, vec!["sdg:9".into()])],
            ..request("")
        },
    )
    .expect("filtered");
    assert_eq!(slugs(&filtered), vec![fiji.slug.clone()]);
    assert_eq!(counts(&filtered, Facet::Country).get("KE"), Some(&1), "other countries stay visible");
    // Unknown values match nothing; they are not errors.
    let unknown =
        search::search(app, SearchRequest { filters: vec![(Facet::Node, vec!["nope:1".into()])], ..request("school") });
    assert_eq!(unknown.expect("no error").total, 0);
    // Drafts stay private even when asked for.
    let drafts =
        search::search(app, SearchRequest { filters: vec![(Facet::Status, vec!["draft".into()])], ..request("") });
    assert_eq!(drafts.expect("no error").total, 0);
});

both_backends!(the_index_follows_the_change_log_and_resumes_after_a_restart, |h: Harness| async move {
    let app = h.app;
    let [school, ..] = multilingual_fixtures(&app).await;
    let first = search::catch_up(&app).await.expect("first catch-up");
    assert_eq!(first.rebuilt, Some(4), "a new index is built from the store");
    let lag = search::lag(&app).await.expect("lag");
    assert_eq!((lag.lag, lag.documents), (0, 4));

    let change = EntryInput { title: Some(text(&[("en", "Connecting libraries in Senegal")])), ..Default::default() };
    entries::update(&app, &school.id, change, &Actor::manual("test"), "retitle").await.expect("update");
    assert_eq!(search::lag(&app).await.expect("lag").lag, 1);
    let second = search::catch_up(&app).await.expect("second catch-up");
    assert_eq!((second.changes, second.entries, second.rebuilt), (1, 1, None));
    assert_eq!(slugs(&search::search(&app, request("libraries")).expect("s")), vec![school.slug.clone()]);
    assert_eq!(search::search(&app, request("écoles")).expect("s").total, 1, "the French title did not change");
    assert_eq!(search::search(&app, request("")).expect("s").total, 4, "replaced, not duplicated");

    // A restart: the old index lets go of its files, a new one opens them and finds its checkpoint there.
    let dir = app.search_index().and_then(|i| i.path()).expect("on disk").to_path_buf();
    let before = app.search_index().expect("index").checkpoint();
    let app = app.without_search();
    let app = app.with_search(search::open_index(&dir).expect("reopen"));
    assert_eq!(app.search_index().expect("index").checkpoint(), before);
    let kinds = |app: &App| counts(&search::search(app, request("")).expect("s"), Facet::Kind);
    assert_eq!(kinds(&app).get("event"), None);
    add(&app, EntryKind::Event, text(&[("en", "Regional school connectivity summit")]), Text::default(), &["KE"], &[])
        .await;
    let third = search::catch_up(&app).await.expect("third");
    assert_eq!((third.changes, third.entries, third.rebuilt), (1, 1, None), "only the new change is read");
    assert_eq!(search::search(&app, request("school")).expect("s").total, 2);
    assert_eq!(kinds(&app).get("event"), Some(&1), "counts are never served from before a commit");

    // A rebuild from scratch gives the same answers.
    let before = search::search(&app, request("")).expect("s");
    assert_eq!(search::reindex(&app).await.expect("reindex"), 5);
    let after = search::search(&app, request("")).expect("s");
    assert_eq!(slugs(&after), slugs(&before));
    assert_eq!(after.facets, before.facets);
});

/// A small deterministic generator, so fixtures are the same on every run and backend.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
    fn some<'a>(&mut self, pool: &[&'a str], max: usize) -> Vec<&'a str> {
        let mut out: Vec<&str> = (0..self.next(max + 1)).map(|_| pool[self.next(pool.len())]).collect();
        out.sort();
        out.dedup();
        out
    }
}

const NODES: &[&str] = &["sdg:4.1", "sdg:4.2", "sdg:4", "sdg:9.c", "sdg:3.8", "wsis:C7.e-learning", "gdc:1.1.1"];
const COUNTRIES: &[&str] = &["SN", "FR", "CN", "KE", "FJ", "NP", "BR"];
const WORDS: &[&str] = &["water", "school", "network", "health"];
const KINDS: &[EntryKind] =
    &[EntryKind::Actor, EntryKind::Initiative, EntryKind::DigitalPublicGood, EntryKind::Process];
const STATUSES: &[Status] = &[Status::Published, Status::Published, Status::Draft, Status::Archived];

async fn random_fixtures(app: &App, n: usize) {
    let mut rng = Lcg(42);
    for i in 0..n {
        let kind = KINDS[rng.next(KINDS.len())];
        let langs = [["en"].as_slice(), &["fr"], &["zh"], &["en", "fr"], &["en", "zh"]][rng.next(5)];
        let word = WORDS[rng.next(WORDS.len())];
        let title: Vec<(&str, String)> = langs.iter().map(|l| (*l, format!("{word} fixture {i}"))).collect();
        let input = EntryInput {
            kind: Some(kind),
            status: Some(STATUSES[rng.next(STATUSES.len())]),
            title: Some(Text::from_map(title.into_iter().map(|(l, t)| (l.to_string(), t)).collect())),
            stakeholder_group: (kind == EntryKind::Actor).then(|| {
                [cogov_core::entry::StakeholderGroup::Government, cogov_core::entry::StakeholderGroup::Academia]
                    [rng.next(2)]
            }),
            countries: Some(rng.some(COUNTRIES, 2).into_iter().map(str::to_string).collect()),
            regions: Some(if rng.next(4) == 0 { vec!["150".to_string()] } else { vec![] }),
            tags: Some(rng.some(NODES, 2).into_iter().map(tag).collect()),
            ..Default::default()
        };
        entries::create(app, input, &Actor::manual("test"), "fixture").await.expect("fixture");
    }
}

/// The facet values of an entry, worked out from the catalog (not from the index's own expansion).
fn values_of(catalog: &cogov_app::Catalog, e: &Entry, facet: Facet) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    match facet {
        Facet::Kind => {
            out.insert(e.kind.code().to_string());
        }
        Facet::Status => {
            out.insert(e.status.code().to_string());
        }
        Facet::Stakeholder => out.extend(e.stakeholder_group.map(|g| g.code().to_string())),
        Facet::Lang => out.extend(e.title.values.keys().chain(e.summary.values.keys()).cloned()),
        Facet::Country => out.extend(e.countries.iter().cloned()),
        Facet::Group => {
            for c in e.countries.iter().filter_map(|c| catalog.country(c)) {
                out.extend(c.groups().into_iter().map(str::to_string));
            }
        }
        Facet::Node => {
            for t in &e.tags {
                out.insert(t.node.clone());
                out.extend(catalog.ancestors(&t.node).into_iter().map(|n| n.id.clone()));
            }
        }
        Facet::Region => {
            let mut codes: Vec<String> = e.regions.clone();
            for c in e.countries.iter().filter_map(|c| catalog.country(c)) {
                codes.extend(c.region_codes().map(str::to_string));
            }
            while let Some(code) = codes.pop() {
                if let Some(r) = catalog.region(&code) {
                    codes.extend(r.parent.clone());
                }
                if code != "001" {
                    out.insert(code);
                }
            }
        }
    }
    out
}

/// Published entries matching the query word and every filter except `skip`'s: the store filters what it can
/// (kind, framework subtree, country), the rest is checked entry by entry.
async fn expected(app: &App, word: Option<&str>, filters: &[(Facet, Vec<String>)], skip: Option<Facet>) -> Vec<Entry> {
    let catalog = app.catalog();
    let get =
        |f: Facet| filters.iter().find(|(x, _)| *x == f && Some(f) != skip).map(|(_, v)| v.clone()).unwrap_or_default();
    let nodes: Vec<String> =
        get(Facet::Node).iter().flat_map(|n| catalog.subtree(n).into_iter().map(|x| x.id.clone())).collect();
    if !get(Facet::Node).is_empty() && nodes.is_empty() {
        return vec![];
    }
    let query = EntryQuery {
        kinds: get(Facet::Kind),
        statuses: vec!["published".into()],
        nodes,
        countries: get(Facet::Country),
        limit: 10_000,
        ..Default::default()
    };
    let listed = app.store().list_entries(&query).await.expect("list");
    listed
        .into_iter()
        .filter(|e| word.is_none_or(|w| e.title.values.values().any(|t| t.contains(w))))
        .filter(|e| {
            [Facet::Region, Facet::Group, Facet::Lang, Facet::Stakeholder].iter().all(|f| {
                let wanted = get(*f);
                wanted.is_empty() || !values_of(&catalog, e, *f).is_disjoint(&wanted.into_iter().collect())
            })
        })
        .collect()
}

both_backends!(facet_counts_and_results_equal_a_direct_filter_over_the_store, |h: Harness| async move {
    let app = h.app;
    random_fixtures(&app, 70).await;
    search::catch_up(&app).await.expect("catch up");
    let pools: Vec<(Facet, Vec<&str>)> = vec![
        (Facet::Kind, vec!["actor", "initiative", "dpg", "process", "event"]),
        (Facet::Node, vec!["sdg:4", "sdg:4.1", "sdg:9", "wsis:C7", "gdc:1", "gdc:1.1.1", "nope:9"]),
        (Facet::Country, vec!["SN", "FR", "CN", "KE", "FJ", "XX"]),
        (Facet::Region, vec!["002", "202", "150", "009", "419"]),
        (Facet::Group, vec!["ldc", "lldc", "sids"]),
        (Facet::Lang, vec!["en", "fr", "zh", "ar"]),
        (Facet::Stakeholder, vec!["government", "academia", "private-sector"]),
    ];
    let strategy = (
        proptest::option::of(proptest::sample::select(WORDS.to_vec())),
        pools
            .iter()
            .map(|(f, pool)| (Just(*f), proptest::sample::subsequence(pool.clone(), 0..=2)))
            .collect::<Vec<_>>(),
        proptest::bool::ANY,
    );
    // Both query paths: the facet tables (the default) and a query per filter (segments too big for a table).
    let index = app.search_index().expect("search index").clone();
    for tables in [true, false] {
        index.set_facet_tables(tables);
        let mut runner = TestRunner::new(Config {
            cases: if tables { 40 } else { 20 },
            failure_persistence: None,
            ..Config::default()
        });
        let handle = tokio::runtime::Handle::current();
        let result = runner.run(&strategy, |(word, picks, recent)| {
            let filters: Vec<(Facet, Vec<String>)> = picks
                .into_iter()
                .filter(|(_, v)| !v.is_empty())
                .map(|(f, v)| (f, v.into_iter().map(str::to_string).collect()))
                .collect();
            let request = SearchRequest {
                q: word.unwrap_or("").to_string(),
                filters: filters.clone(),
                limit: 7,
                facets: Facet::ALL.to_vec(),
                sort: if recent { cogov_search::Sort::Recent } else { cogov_search::Sort::Relevance },
                ..Default::default()
            };
            // Every page, through the cursors.
            let mut ids = Vec::new();
            let mut req = request.clone();
            let first = search::search(&app, req.clone()).expect("search");
            let mut page = first.clone();
            loop {
                ids.extend(page.hits.iter().map(|h| h.id.clone()));
                match page.next_cursor.clone() {
                    Some(c) => {
                        req.cursor = Some(c);
                        page = search::search(&app, req.clone()).expect("next page");
                    }
                    None => break,
                }
            }
            let catalog = app.catalog();
            let want = tokio::task::block_in_place(|| handle.block_on(expected(&app, word, &filters, None)));
            let mut want_ids: Vec<String> = want.iter().map(|e| e.id.clone()).collect();
            want_ids.sort();
            let got_total = ids.len();
            ids.sort();
            ids.dedup();
            prop_assert_eq!(got_total, ids.len(), "a page repeated a hit");
            prop_assert_eq!(&ids, &want_ids);
            prop_assert_eq!(first.total as usize, want_ids.len());
            for facet in Facet::ALL {
                let base = tokio::task::block_in_place(|| handle.block_on(expected(&app, word, &filters, Some(facet))));
                let mut want_counts: BTreeMap<String, u64> = BTreeMap::new();
                for e in &base {
                    for v in values_of(&catalog, e, facet) {
                        *want_counts.entry(v).or_default() += 1;
                    }
                }
                prop_assert_eq!(counts(&first, facet), want_counts, "facet {}", facet);
            }
            Ok(())
        });
        if let Err(e) = result {
            panic!("facet tables {}: {e}", if tables { "on" } else { "off" });
        }
    }
});

both_backends!(hostile_queries_give_results_or_a_clear_400, |h: Harness| async move {
    let app = h.app;
    multilingual_fixtures(&app).await;
    search::catch_up(&app).await.expect("catch up");
    let fixed = [
        "AND OR NOT",
        "\"unbalanced",
        "((((",
        "title:x",
        "-school +school",
        "*",
        "?",
        "\\",
        "\u{200F}مدرسة\u{200E}",
        "😀 school 🎓",
        "\u{0}\u{1}\u{7f}",
        "schoo*",
        "'; DROP TABLE entries; --",
        "\"\"",
        "a\"b\"c\"",
    ];
    for q in fixed {
        let r = search::search(&app, request(q));
        assert!(r.is_ok(), "{q:?}: {r:?}");
    }
    let long = "school ".repeat(1500);
    match search::search(&app, request(&long)) {
        Err(cogov_app::AppError::InvalidParameter { field, message }) => {
            assert_eq!(field, "q");
            assert!(message.contains("500"), "{message}");
        }
        other => panic!("10 KB query: {other:?}"),
    }
    let bad_cursor = search::search(&app, SearchRequest { cursor: Some("garbage".into()), ..request("school") });
    assert!(matches!(bad_cursor, Err(cogov_app::AppError::InvalidParameter { .. })));
    let deep = search::search(&app, SearchRequest { cursor: Some("t5.1.1000".into()), ..request("") });
    match deep {
        Err(cogov_app::AppError::InvalidParameter { message, .. }) => assert!(message.contains("1000"), "{message}"),
        other => panic!("deep page: {other:?}"),
    }
    let mut runner = TestRunner::new(Config { cases: 300, failure_persistence: None, ..Config::default() });
    let result = runner.run(&proptest::string::string_regex("(?s).{0,80}").expect("regex"), |q| {
        match search::search(&app, SearchRequest { prefix: true, ..request(&q) }) {
            Ok(_) | Err(cogov_app::AppError::InvalidParameter { .. }) => Ok(()),
            Err(e) => Err(TestCaseError::fail(format!("{q:?}: {e}"))),
        }
    });
    if let Err(e) = result {
        panic!("{e}");
    }
});
