//! Bad input: clear errors naming the file and the line, or a well-defined empty result. Never a panic.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use cogov_opinion::cli::{run, Format, OpinionCommand};
use cogov_opinion::{analyze, read_dir, Error, Params};

static COUNTER: AtomicUsize = AtomicUsize::new(0);

const COMMENTS: &str = "timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n\
                        1,d,0,1,0,0,1,First statement\n\
                        2,d,1,1,0,0,1,Second statement\n";
const PV_HEADER: &str = "participant,group-id,n-comments,n-votes,n-agree,n-disagree,0,1\n";

/// A fresh directory with the given files.
fn conv(files: &[(&str, &str)]) -> PathBuf {
    let d = std::env::temp_dir().join(format!(
        "cogov-opinion-bad-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    for (name, content) in files {
        std::fs::write(d.join(name), content).expect("write");
    }
    d
}

fn input_error(dir: &Path) -> (String, u64, String) {
    match read_dir(dir) {
        Err(Error::Input { file, line, message }) => (file, line, message),
        Err(e) => panic!("expected an input error, got {e}"),
        Ok(_) => panic!("expected an error for {}", dir.display()),
    }
}

#[test]
fn malformed_csv_names_file_and_line() {
    let d = conv(&[
        ("comments.csv", COMMENTS),
        ("votes.csv", "timestamp,datetime,comment-id,voter-id,vote\n1,d,0,5,1\n2,d,1,5\n"),
    ]);
    let (file, line, msg) = input_error(&d);
    assert!(file.ends_with("votes.csv"), "{file}");
    assert_eq!(line, 3);
    assert_eq!(msg, "expected 5 fields, found 4");
    // The Display form is "path:line: message".
    let e = read_dir(&d).expect_err("error");
    assert!(e.to_string().ends_with("votes.csv:3: expected 5 fields, found 4"), "{e}");
}

#[test]
fn quoted_newlines_and_bad_ids() {
    // A quoted field spanning two lines: the bad record after it is reported on its physical line (4).
    let d = conv(&[("comments.csv", "comment-id,comment-body\n0,\"two\nlines\"\nseven,b\n")]);
    let (file, line, msg) = input_error(&d);
    assert!(file.ends_with("comments.csv"));
    assert_eq!((line, msg.as_str()), (4, "comment-id must be a non-negative integer, found 'seven'"));
    let d = conv(&[("comments.csv", "comment-id,comment-body\n0,a\nseven,b\n")]);
    let (_, line, msg) = input_error(&d);
    assert_eq!(line, 3);
    assert_eq!(msg, "comment-id must be a non-negative integer, found 'seven'");
    let d = conv(&[("comments.csv", "comment-id,comment-body\n4,a\n4,b\n")]);
    let (_, line, msg) = input_error(&d);
    assert_eq!((line, msg.as_str()), (3, "duplicate comment-id 4 (first on line 2)"));
    let d =
        conv(&[("comments.csv", COMMENTS), ("votes.csv", "timestamp,datetime,comment-id,voter-id,vote\n1,d,0,-3,1\n")]);
    let (_, line, msg) = input_error(&d);
    assert_eq!((line, msg.as_str()), (2, "voter-id must be a non-negative integer, found '-3'"));
}

#[test]
fn votes_outside_the_three_values() {
    for bad in ["2", "-2", "1.5", "yes", ""] {
        let votes = format!("timestamp,datetime,comment-id,voter-id,vote\n1,d,0,5,1\n2,d,1,5,0\n3,d,1,6,{bad}\n");
        let d = conv(&[("comments.csv", COMMENTS), ("votes.csv", &votes)]);
        let (file, line, msg) = input_error(&d);
        assert!(file.ends_with("votes.csv"));
        assert_eq!(line, 4, "vote '{bad}'");
        assert_eq!(msg, format!("vote must be -1, 0 or 1, found '{bad}'"));
    }
    let pv = format!("{PV_HEADER}5,,0,2,1,0,1,7\n");
    let d = conv(&[("comments.csv", COMMENTS), ("participants-votes.csv", &pv)]);
    let (file, line, msg) = input_error(&d);
    assert!(file.ends_with("participants-votes.csv"));
    assert_eq!((line, msg.as_str()), (2, "vote must be -1, 0 or 1, found '7'"));
}

#[test]
fn unknown_statement_ids() {
    let d = conv(&[
        ("comments.csv", COMMENTS),
        ("votes.csv", "timestamp,datetime,comment-id,voter-id,vote\n1,d,0,5,1\n2,d,9,5,1\n"),
    ]);
    let (file, line, msg) = input_error(&d);
    assert!(file.ends_with("votes.csv"));
    assert_eq!((line, msg.as_str()), (3, "vote on unknown statement 9 (not in comments.csv)"));
    let pv = "participant,group-id,n-comments,n-votes,n-agree,n-disagree,0,1,9\n";
    let d = conv(&[("comments.csv", COMMENTS), ("participants-votes.csv", pv)]);
    let (_, line, msg) = input_error(&d);
    assert_eq!((line, msg.as_str()), (1, "column for unknown statement 9 (not in comments.csv)"));
}

#[test]
fn duplicate_votes_latest_wins() {
    // File order is not time order: the vote with the latest timestamp wins, as in pol.is.
    let votes = "timestamp,datetime,comment-id,voter-id,vote\n\
                 300,d,0,5,-1\n\
                 100,d,0,5,1\n\
                 200,d,0,5,0\n\
                 100,d,1,5,1\n\
                 100,d,1,5,-1\n";
    let d = conv(&[("comments.csv", COMMENTS), ("votes.csv", votes)]);
    let e = read_dir(&d).expect("valid");
    assert_eq!(e.matrix.n_votes(), 2);
    assert_eq!(e.superseded_votes, 3);
    assert_eq!(e.matrix.get(0, 0), Some(-1), "timestamp 300 wins");
    assert_eq!(e.matrix.get(0, 1), Some(-1), "same timestamp: the later line wins");
}

#[test]
fn missing_files() {
    let d = conv(&[("votes.csv", "timestamp,datetime,comment-id,voter-id,vote\n")]);
    match read_dir(&d) {
        Err(Error::Io { file, .. }) => assert!(file.ends_with("comments.csv")),
        other => panic!("expected an I/O error, got {other:?}"),
    }
    let d = conv(&[("comments.csv", COMMENTS)]);
    let e = read_dir(&d).expect_err("no votes");
    assert!(e.to_string().contains("need votes.csv or participants-votes.csv"), "{e}");
    let d = conv(&[("comments.csv", ""), ("votes.csv", "")]);
    let (file, line, msg) = input_error(&d);
    assert!(file.ends_with("comments.csv"));
    assert_eq!((line, msg.as_str()), (1, "empty file: no header line"));
}

#[test]
fn empty_conversation_gives_an_empty_result() {
    let d = conv(&[("comments.csv", COMMENTS), ("votes.csv", "timestamp,datetime,comment-id,voter-id,vote\n")]);
    let e = read_dir(&d).expect("valid");
    let a = analyze(&e.matrix, &e.moderated_out(), &Params::default(), None);
    assert_eq!(a.participation.participants, 0);
    assert_eq!(a.participation.votes, 0);
    assert!(a.groups.is_empty() && a.base_clusters.is_empty() && a.divisive.is_empty());
    assert!(a.consensus.agree.is_empty() && a.consensus.group_informed.is_empty());
    assert_eq!(a.statements.len(), 2);
    for format in [Format::Json, Format::Text, Format::Svg] {
        let mut out = Vec::new();
        run(OpinionCommand::Analyze { dir: d.clone(), format, seed: 0 }, &mut out).expect("renders");
        assert!(!out.is_empty());
    }
    let mut out = Vec::new();
    run(OpinionCommand::Analyze { dir: d.clone(), format: Format::Text, seed: 0 }, &mut out).expect("text");
    assert!(String::from_utf8_lossy(&out).contains("No opinion groups"));
    // No statements at all either.
    let d = conv(&[("comments.csv", "comment-id\n"), ("votes.csv", "timestamp,datetime,comment-id,voter-id,vote\n")]);
    let e = read_dir(&d).expect("valid");
    let a = analyze(&e.matrix, &e.moderated_out(), &Params::default(), None);
    assert!(a.statements.is_empty() && a.groups.is_empty());
}

#[test]
fn single_participant_gives_no_groups() {
    let votes = "timestamp,datetime,comment-id,voter-id,vote\n1,d,0,5,1\n2,d,1,5,-1\n";
    let d = conv(&[("comments.csv", COMMENTS), ("votes.csv", votes)]);
    let e = read_dir(&d).expect("valid");
    let a = analyze(&e.matrix, &e.moderated_out(), &Params::default(), None);
    assert_eq!(a.participation.participants, 1);
    assert_eq!(a.participation.in_conversation, 1);
    assert_eq!(a.base_clusters.len(), 1);
    assert!(a.groups.is_empty());
    assert!(a.participants[0].group.is_none());
    assert!(a.participants.iter().all(|p| p.x.is_finite() && p.y.is_finite()));
    // The majority consensus still works without groups.
    assert_eq!(a.statements[0].votes.agree, 1);
}

#[test]
fn compare_without_polis_groups_is_a_clear_error() {
    let votes = "timestamp,datetime,comment-id,voter-id,vote\n1,d,0,5,1\n";
    let d = conv(&[("comments.csv", COMMENTS), ("votes.csv", votes)]);
    let mut out = Vec::new();
    let e = run(OpinionCommand::Compare { dir: d, seed: 0, replay: None }, &mut out).expect_err("no groups");
    assert!(e.to_string().contains("no pol.is group ids"), "{e}");
}

#[test]
fn invalid_utf8_text_is_kept_lossily() {
    let mut comments = b"comment-id,comment-body\n0,caf\xe9\n".to_vec();
    comments.extend_from_slice(b"1,ok\n");
    let d = conv(&[("votes.csv", "timestamp,datetime,comment-id,voter-id,vote\n1,d,0,5,1\n")]);
    std::fs::write(d.join("comments.csv"), comments).expect("write");
    let e = read_dir(&d).expect("valid");
    assert_eq!(e.statements[0].text, "caf\u{fffd}");
}
