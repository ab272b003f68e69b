//! Feeds arbitrary bytes to every pol.is CSV reader: they must return Ok or an error naming the file,
//! never panic. The first byte picks a header prefix so the fuzzer also explores past valid headers.
#![no_main]

use std::collections::HashSet;
use std::path::Path;

use cogov_opinion::polis::{parse_comments, parse_participants_votes, parse_summary_groups, parse_votes};
use libfuzzer_sys::fuzz_target;

const HEADERS: [&[u8]; 4] = [
    b"",
    b"timestamp,datetime,comment-id,voter-id,vote\n",
    b"timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n",
    b"participant,group-id,n-comments,n-votes,n-agree,n-disagree,0,1,2\n",
];

fuzz_target!(|data: &[u8]| {
    let (head, body) = match data.split_first() {
        Some((h, b)) => (HEADERS[usize::from(*h) % HEADERS.len()], b),
        None => (HEADERS[0], data),
    };
    let mut bytes = head.to_vec();
    bytes.extend_from_slice(body);
    let p = Path::new("fuzz.csv");
    let known: HashSet<u64> = (0..3).collect();
    for result in [
        parse_votes(&bytes[..], p, Some(&known)).map(|_| ()),
        parse_votes(&bytes[..], p, None).map(|_| ()),
        parse_comments(&bytes[..], p).map(|_| ()),
        parse_participants_votes(&bytes[..], p, Some(&known)).map(|_| ()),
        parse_summary_groups(&bytes[..], p).map(|_| ()),
    ] {
        if let Err(e) = result {
            assert!(e.to_string().starts_with("fuzz.csv:"));
        }
    }
});
