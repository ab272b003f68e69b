//! The import's stages run at once: a batch is prepared while the one before it is still being written. These
//! tests cover what that must not change: slugs stay unique across batches written together, a record whose
//! key was in the batch still being written updates the entry instead of colliding with it, and revision 1 of an
//! imported entry is written out when the entry first changes.

mod common;

use std::collections::HashSet;
use std::path::Path;

use cogov_app::import::{self, Options, Summary};
use cogov_interop::iati::IatiFile;
use common::TestApp;

async fn run(t: &TestApp, path: &Path, batch_size: u64) -> Summary {
    let catalog = t.app.catalog();
    let nodes: HashSet<String> = catalog.nodes.iter().map(|n| n.id.clone()).collect();
    let file = IatiFile::new(path, &catalog.countries, nodes).expect("file");
    import::run(&t.app, &file, &Options { batch_size, ..Default::default() }, None).await.expect("import")
}

/// An activity file: each (identifier, title) in order.
fn activities(t: &TestApp, name: &str, items: &[(String, String)]) -> std::path::PathBuf {
    let mut text = String::from("<iati-activities version=\"2.03\">\n");
    for (id, title) in items {
        text.push_str(&format!(
            "<iati-activity><iati-identifier>{id}</iati-identifier><title><narrative>{title}</narrative></title>\
             </iati-activity>\n"
        ));
    }
    text.push_str("</iati-activities>\n");
    let path = t.dir.path().join(name);
    std::fs::write(&path, text).expect("write");
    path
}

app_test!(slugs_stay_unique_across_batches_written_together, |t: TestApp| async move {
    // Twelve activities with one title, two per batch: each batch is prepared while the one before it is written.
    let items: Vec<(String, String)> = (0..12).map(|i| (format!("S-{i}"), "Digital skills for all".into())).collect();
    let path = activities(&t, "same-title.xml", &items);
    let s = run(&t, &path, 2).await;
    assert_eq!((s.created, s.updated, s.rejected.len()), (12, 0, 0), "{s}: {:#?}", s.rejected);
    let q = cogov_store::EntryQuery { kinds: vec!["initiative".into()], limit: 100, ..Default::default() };
    let slugs: HashSet<String> =
        t.app.store().list_entries(&q).await.expect("list").into_iter().map(|e| e.slug).collect();
    assert_eq!(slugs.len(), 12);
    for n in 2..=9 {
        assert!(slugs.contains(&format!("digital-skills-for-all-{n}")), "{slugs:?}");
    }
    let again = run(&t, &path, 2).await;
    assert_eq!((again.created, again.updated, again.unchanged), (0, 0, 12), "{again}");
});

app_test!(a_key_in_the_batch_being_written_updates_its_entry, |t: TestApp| async move {
    // K-1 is in the first batch and again, retitled, in the second: the second batch waits for the first.
    let items = [("K-1", "First title"), ("K-2", "Other"), ("K-1", "Second title"), ("K-3", "Third")]
        .map(|(id, title)| (id.to_string(), title.to_string()));
    let path = activities(&t, "repeated-key.xml", &items);
    let s = run(&t, &path, 2).await;
    assert_eq!((s.created, s.updated, s.rejected.len()), (3, 1, 0), "{s}: {:#?}", s.rejected);
    let e = t.app.store().entry_by_external_id("iati", "K-1").await.expect("q").expect("entry");
    assert_eq!(e.title.display(cogov_core::Lang::En), "Second title");
    let revisions = t.app.store().revisions(&e.id).await.expect("revisions");
    assert_eq!(revisions.len(), 2);
    let title_of = |r: &cogov_core::entry::Revision| {
        r.changes.iter().find(|c| c.field == "title").and_then(|c| c.after.clone()).expect("title change")
    };
    let text = |t: &str| serde_json::to_value(cogov_core::Text::new("en", t)).expect("text");
    assert_eq!(title_of(&revisions[0]), text("First title"), "revision 1 as created");
    assert_eq!(title_of(&revisions[1]), text("Second title"));
});

app_test!(a_slug_is_only_given_once_the_store_was_asked_about_it, |t: TestApp| async move {
    // In the store already: "water-3", and "water-2-2" (the second candidate of a title "Water 2").
    let items = [("W-0", "Water 3"), ("W-1", "Water 2 2")].map(|(id, title)| (id.to_string(), title.to_string()));
    let s = run(&t, &activities(&t, "before.xml", &items), 10).await;
    assert_eq!((s.created, s.rejected.len()), (2, 0), "{s}");
    // One batch. The store is asked about each title's own slug first, and about the other candidates only for
    // titles whose own slug is taken or shared within the batch ("Water"): the second "Water" takes "water-2",
    // the own slug of "Water 2", which was asked about alone; "Water 2" then gets its title with its whole id,
    // not "water-2-2" (never asked about, and taken).
    let items = [("W-2", "Water"), ("W-3", "Water"), ("W-4", "Water 2"), ("W-5", "Water")]
        .map(|(id, title)| (id.to_string(), title.to_string()));
    let s = run(&t, &activities(&t, "batch.xml", &items), 10).await;
    assert_eq!((s.created, s.updated, s.rejected.len()), (4, 0, 0), "{s}: {:#?}", s.rejected);
    assert_eq!(slug_of(&t, "W-2").await, "water");
    assert_eq!(slug_of(&t, "W-3").await, "water-2");
    let own = slug_of(&t, "W-4").await;
    assert!(own.starts_with("water-2-") && own != "water-2-2" && own.len() > "water-2-".len() + 30, "{own}");
    assert_eq!(slug_of(&t, "W-5").await, "water-4");
});

async fn slug_of(t: &TestApp, iati_id: &str) -> String {
    t.app.store().entry_by_external_id("iati", iati_id).await.expect("query").expect("entry").slug
}
