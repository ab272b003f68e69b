//! Property tests: the readers never panic on arbitrary bytes, and the analysis keeps its invariants on
//! arbitrary small conversations.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use cogov_opinion::polis::{parse_comments, parse_participants_votes, parse_summary_groups, parse_votes};
use cogov_opinion::{adjusted_rand_index, analyze, Params, Vote, VoteMatrix, VoteMatrixBuilder};
use proptest::prelude::*;

fn csvish() -> impl Strategy<Value = Vec<u8>> {
    // Mostly CSV-like bytes (digits, separators, quotes, newlines), sometimes anything.
    prop_oneof![
        proptest::collection::vec(
            prop_oneof![Just(b','), Just(b'\n'), Just(b'"'), Just(b'-'), 0x30u8..0x3a, any::<u8>()],
            0..400
        ),
        proptest::collection::vec(any::<u8>(), 0..400),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// The CSV readers return `Ok` or an error, never panic, whatever the bytes (with or without a valid header).
    #[test]
    fn readers_never_panic(body in csvish(), header in 0usize..4) {
        let p = Path::new("f.csv");
        let headers: [&[u8]; 4] = [
            b"",
            b"timestamp,datetime,comment-id,voter-id,vote\n",
            b"timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n",
            b"participant,group-id,n-comments,n-votes,n-agree,n-disagree,0,1,2\n",
        ];
        let mut bytes = headers[header].to_vec();
        bytes.extend_from_slice(&body);
        let known: HashSet<u64> = (0..3).collect();
        if let Err(e) = parse_votes(&bytes[..], p, Some(&known)) {
            prop_assert!(e.to_string().starts_with("f.csv:"));
        }
        if let Err(e) = parse_comments(&bytes[..], p) {
            prop_assert!(e.to_string().starts_with("f.csv:"));
        }
        if let Err(e) = parse_participants_votes(&bytes[..], p, Some(&known)) {
            prop_assert!(e.to_string().starts_with("f.csv:"));
        }
        let _ = parse_summary_groups(&bytes[..], p);
    }

    /// Building from a vote log keeps exactly the last vote of every (participant, statement).
    #[test]
    fn builder_keeps_the_latest_vote(log in proptest::collection::vec((0u64..6, 0u64..5, -1i64..=1), 0..60)) {
        let mut b = VoteMatrixBuilder::new();
        let mut model: HashMap<(u64, u64), i8> = HashMap::new();
        for &(p, s, v) in &log {
            b.push(p, s, Vote::from_value(v).expect("valid"));
            model.insert((p, s), v as i8);
        }
        let m = b.build();
        prop_assert_eq!(m.n_votes(), model.len());
        let pi = m.participant_index();
        let si = m.statement_index();
        for (&(p, s), &v) in &model {
            prop_assert_eq!(m.get(pi[&p], si[&s]), Some(v));
        }
    }

    /// Invariants of the analysis on arbitrary small conversations.
    #[test]
    fn analysis_invariants(
        rows in proptest::collection::vec(proptest::collection::vec(prop_oneof![Just(None), Just(Some(1i8)), Just(Some(-1i8)), Just(Some(0i8))], 0..12), 0..40),
        seed in 0u64..4,
    ) {
        let m = VoteMatrix::from_dense(&rows).expect("valid matrix");
        let a = analyze(&m, &HashSet::new(), &Params { seed, ..Params::default() }, None);
        prop_assert_eq!(a.participants.len(), rows.len());
        prop_assert!(a.participants.iter().all(|p| p.x.is_finite() && p.y.is_finite()));
        prop_assert!(a.groups.is_empty() || (2..=5).contains(&a.groups.len()));
        let mut seen = HashSet::new();
        for g in &a.groups {
            prop_assert!(g.size > 0 && g.size == g.members.len());
            for &mbr in &g.members {
                prop_assert!(seen.insert(mbr), "participant in two groups");
            }
            prop_assert!(g.representative.len() <= 5);
        }
        prop_assert_eq!(seen.len(), a.participation.grouped);
        for p in &a.participants {
            prop_assert!(p.group.is_none() || p.in_conversation);
            prop_assert!(p.in_conversation == p.base_cluster.is_some());
        }
        for s in &a.statements {
            prop_assert_eq!(s.votes.seen, s.votes.agree + s.votes.disagree + s.votes.pass());
            if let Some(c) = s.group_informed_consensus {
                prop_assert!(c > 0.0 && c < 1.0);
            }
            if let Some(d) = s.divisiveness {
                prop_assert!((0.0..1.0).contains(&d));
            }
        }
        // Deterministic.
        let b = analyze(&m, &HashSet::new(), &Params { seed, ..Params::default() }, None);
        prop_assert_eq!(serde_json::to_string(&a).expect("json"), serde_json::to_string(&b).expect("json"));
        prop_assert_eq!(a.warm, b.warm);
    }

    /// ARI: 1 on identical partitions, symmetric, invariant under relabelling, within [-1, 1].
    #[test]
    fn ari_properties(a in proptest::collection::vec(0u32..4, 2..60), shift in 1u32..4, b_seed in proptest::collection::vec(0u32..3, 60)) {
        let b: Vec<u32> = b_seed[..a.len()].to_vec();
        prop_assert!((adjusted_rand_index(&a, &a) - 1.0).abs() < 1e-12);
        let relabelled: Vec<u32> = a.iter().map(|x| (x + shift) % 4).collect();
        prop_assert!((adjusted_rand_index(&a, &b) - adjusted_rand_index(&relabelled, &b)).abs() < 1e-12);
        prop_assert!((adjusted_rand_index(&a, &b) - adjusted_rand_index(&b, &a)).abs() < 1e-12);
        let r = adjusted_rand_index(&a, &b);
        prop_assert!((-1.0..=1.0).contains(&r));
    }
}
