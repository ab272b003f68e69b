//! Readers for pol.is export files (`comments.csv`, `votes.csv`, `participants-votes.csv`, and the optional
//! `summary.csv`), as published in the pol.is open-data repository.
//!
//! Every reader validates what it reads and reports problems as [`Error::Input`] naming the file and the
//! 1-based line (the header is line 1). The readers never panic, whatever the bytes (there is a fuzz target
//! and a property test feeding them arbitrary input).

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::error::{Error, Result};
use crate::matrix::{ParticipantId, StatementId, Vote, VoteMatrix, VoteMatrixBuilder};

/// A statement ("comment" in pol.is).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Statement {
    /// pol.is `comment-id`.
    pub id: StatementId,
    /// The statement's text (`comment-body`), empty if absent.
    pub text: String,
    /// pol.is moderation state: −1 moderated out, 0 not moderated, 1 accepted.
    pub moderated: i8,
    /// pol.is `author-id`, if given.
    pub author: Option<ParticipantId>,
}

impl Statement {
    /// Whether the statement was moderated out (excluded from the analysis as in pol.is).
    pub fn is_moderated_out(&self) -> bool {
        self.moderated < 0
    }
}

/// One row of `votes.csv`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VoteRecord {
    /// Milliseconds since the epoch (0 if the file has no timestamp column).
    pub timestamp: i64,
    /// The statement voted on.
    pub statement: StatementId,
    /// The voter.
    pub participant: ParticipantId,
    /// The vote.
    pub vote: Vote,
    /// The line in the file (1-based, header = 1).
    pub line: u64,
}

/// What `participants-votes.csv` holds: pol.is's group per participant and the final vote matrix.
#[derive(Clone, Debug, Default)]
pub struct ParticipantsVotes {
    /// pol.is's group id of every participant that has one (participants pol.is left out have none).
    pub groups: HashMap<ParticipantId, u32>,
    /// Participants in file order.
    pub participants: Vec<ParticipantId>,
    /// Statement ids of the vote columns, in file order.
    pub statements: Vec<StatementId>,
    /// (participant, statement, vote) for every non-empty cell, in file order.
    pub votes: Vec<(ParticipantId, StatementId, Vote)>,
}

/// A pol.is conversation read from an export directory.
#[derive(Clone, Debug)]
pub struct PolisExport {
    /// The directory it was read from.
    pub dir: PathBuf,
    /// The statements of `comments.csv`, by increasing id (plus any id that only appears in votes, when
    /// the votes come from `participants-votes.csv`).
    pub statements: Vec<Statement>,
    /// The vote matrix (latest vote per participant and statement).
    pub matrix: VoteMatrix,
    /// pol.is's own group id per participant, when `participants-votes.csv` is present.
    pub polis_groups: HashMap<ParticipantId, u32>,
    /// Number of groups pol.is reported in `summary.csv`, when present.
    pub polis_group_count: Option<usize>,
    /// Number of votes superseded by a later vote of the same participant on the same statement.
    pub superseded_votes: usize,
    /// Which file the votes came from.
    pub votes_source: PathBuf,
}

impl PolisExport {
    /// Statement ids that pol.is moderated out.
    pub fn moderated_out(&self) -> HashSet<StatementId> {
        self.statements.iter().filter(|s| s.is_moderated_out()).map(|s| s.id).collect()
    }
}

/// Reads a pol.is export directory: `comments.csv` (required), `votes.csv` (or, if absent,
/// `participants-votes.csv` as the vote source), `participants-votes.csv` (optional: pol.is's groups) and
/// `summary.csv` (optional: pol.is's group count).
pub fn read_dir(dir: &Path) -> Result<PolisExport> {
    let comments_path = dir.join("comments.csv");
    let votes_path = dir.join("votes.csv");
    let pv_path = dir.join("participants-votes.csv");
    let summary_path = dir.join("summary.csv");

    let statements = parse_comments(open(&comments_path)?, &comments_path)?;
    let known: HashSet<StatementId> = statements.iter().map(|s| s.id).collect();
    let pv =
        if pv_path.exists() { Some(parse_participants_votes(open(&pv_path)?, &pv_path, Some(&known))?) } else { None };

    let mut builder = VoteMatrixBuilder::new();
    for s in &statements {
        builder.add_statement(s.id);
    }
    let votes_source = if votes_path.exists() {
        let mut votes = parse_votes(open(&votes_path)?, &votes_path, Some(&known))?;
        // Chronological order; for equal timestamps, file order. The latest vote wins.
        votes.sort_by_key(|v| (v.timestamp, v.line));
        for v in &votes {
            builder.push(v.participant, v.statement, v.vote);
        }
        votes_path
    } else if let Some(pv) = &pv {
        for &(p, s, v) in &pv.votes {
            builder.push(p, s, v);
        }
        pv_path.clone()
    } else {
        return Err(Error::input(&votes_path, 0, "missing: need votes.csv or participants-votes.csv"));
    };
    let n_events = builder.n_events();
    let matrix = builder.build();
    let superseded = n_events - matrix.n_votes();

    let polis_group_count =
        if summary_path.exists() { parse_summary_groups(open(&summary_path)?, &summary_path)? } else { None };
    Ok(PolisExport {
        dir: dir.to_path_buf(),
        statements,
        matrix,
        polis_groups: pv.map(|p| p.groups).unwrap_or_default(),
        polis_group_count,
        superseded_votes: superseded,
        votes_source,
    })
}

/// Replays an export through the incremental [`crate::Engine`], one update per `window_ms` of conversation
/// time (by `votes.csv` timestamps), as pol.is's math worker saw the conversation: warm-started PCA and
/// clusters, sticky qualification, k smoothing. Returns the export, the last update's analysis and the
/// number of updates. Needs `votes.csv`.
pub fn replay_dir(
    dir: &Path,
    window_ms: i64,
    params: &crate::analysis::Params,
) -> Result<(PolisExport, crate::analysis::Analysis, usize)> {
    let export = read_dir(dir)?;
    let path = dir.join("votes.csv");
    if !path.exists() {
        return Err(Error::input(&path, 0, "missing: a replay needs the timestamped votes.csv"));
    }
    let known: HashSet<StatementId> = export.statements.iter().map(|s| s.id).collect();
    let mut votes = parse_votes(open(&path)?, &path, Some(&known))?;
    votes.sort_by_key(|v| (v.timestamp, v.line));
    let mut engine = crate::engine::Engine::new(params.clone());
    for s in &export.statements {
        engine.add_statement(s.id);
        engine.moderate(s.id, s.is_moderated_out());
    }
    let window = window_ms.max(1);
    let (mut i, mut updates) = (0, 0);
    let mut last = None;
    while i < votes.len() {
        let end = votes[i].timestamp.saturating_add(window);
        while i < votes.len() && votes[i].timestamp < end {
            engine.vote(votes[i].participant, votes[i].statement, votes[i].vote);
            i += 1;
        }
        last = Some(engine.update());
        updates += 1;
    }
    let analysis = match last {
        Some(a) => a,
        None => engine.update(),
    };
    Ok((export, analysis, updates))
}

fn open(path: &Path) -> Result<std::fs::File> {
    std::fs::File::open(path).map_err(|e| Error::io(path, e))
}

fn reader<R: Read>(r: R) -> csv::Reader<R> {
    csv::ReaderBuilder::new().has_headers(true).flexible(false).from_reader(r)
}

fn csv_error(path: &Path, e: &csv::Error) -> Error {
    let line = e.position().map(|p| p.line()).unwrap_or(0);
    let msg = match e.kind() {
        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
            format!("expected {expected_len} fields, found {len}")
        }
        csv::ErrorKind::Utf8 { err, .. } => format!("invalid UTF-8: {err}"),
        csv::ErrorKind::Io(err) => format!("read error: {err}"),
        _ => format!("malformed CSV: {e}"),
    };
    Error::input(path, line, msg)
}

struct Header {
    names: Vec<String>,
}

impl Header {
    fn read<R: Read>(rdr: &mut csv::Reader<R>, path: &Path) -> Result<Header> {
        let h = rdr.byte_headers().map_err(|e| csv_error(path, &e))?;
        if h.is_empty() || (h.len() == 1 && h.get(0).is_some_and(<[u8]>::is_empty)) {
            return Err(Error::input(path, 1, "empty file: no header line"));
        }
        let names = h.iter().map(|f| String::from_utf8_lossy(f).trim().to_string()).collect();
        Ok(Header { names })
    }

    fn find(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|n| n == name)
    }

    fn require(&self, name: &str, path: &Path) -> Result<usize> {
        self.find(name).ok_or_else(|| Error::input(path, 1, format!("missing column '{name}'")))
    }
}

fn field(rec: &csv::ByteRecord, i: usize) -> &[u8] {
    rec.get(i).unwrap_or(b"")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn parse_id(bytes: &[u8], what: &str, path: &Path, line: u64) -> Result<u64> {
    let s = std::str::from_utf8(bytes).unwrap_or("").trim();
    s.parse::<u64>().map_err(|_| {
        Error::input(path, line, format!("{what} must be a non-negative integer, found '{}'", text(bytes)))
    })
}

fn parse_vote(bytes: &[u8], path: &Path, line: u64) -> Result<Vote> {
    let s = std::str::from_utf8(bytes).unwrap_or("").trim();
    s.parse::<i64>()
        .ok()
        .and_then(Vote::from_value)
        .ok_or_else(|| Error::input(path, line, format!("vote must be -1, 0 or 1, found '{}'", text(bytes))))
}

fn record_line(rec: &csv::ByteRecord) -> u64 {
    rec.position().map(|p| p.line()).unwrap_or(0)
}

/// Reads `comments.csv` (columns `comment-id`, and optionally `comment-body`, `moderated`, `author-id`).
/// Statements are returned by increasing id; a repeated id is an error.
pub fn parse_comments<R: Read>(r: R, path: &Path) -> Result<Vec<Statement>> {
    let mut rdr = reader(r);
    let h = Header::read(&mut rdr, path)?;
    let id_col = h.require("comment-id", path)?;
    let body_col = h.find("comment-body");
    let mod_col = h.find("moderated");
    let author_col = h.find("author-id");
    let mut out: Vec<Statement> = Vec::new();
    let mut seen: HashMap<StatementId, u64> = HashMap::new();
    let mut rec = csv::ByteRecord::new();
    loop {
        match rdr.read_byte_record(&mut rec) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => return Err(csv_error(path, &e)),
        }
        let line = record_line(&rec);
        let id = parse_id(field(&rec, id_col), "comment-id", path, line)?;
        if let Some(first) = seen.insert(id, line) {
            return Err(Error::input(path, line, format!("duplicate comment-id {id} (first on line {first})")));
        }
        let moderated = match mod_col {
            None => 0,
            Some(c) => {
                let s = std::str::from_utf8(field(&rec, c)).unwrap_or("").trim().to_string();
                if s.is_empty() {
                    0
                } else {
                    match s.parse::<i64>() {
                        Ok(v @ -1..=1) => v as i8,
                        _ => {
                            return Err(Error::input(path, line, format!("moderated must be -1, 0 or 1, found '{s}'")))
                        }
                    }
                }
            }
        };
        let author = match author_col {
            Some(c) if !field(&rec, c).iter().all(u8::is_ascii_whitespace) => {
                Some(parse_id(field(&rec, c), "author-id", path, line)?)
            }
            _ => None,
        };
        out.push(Statement { id, text: body_col.map(|c| text(field(&rec, c))).unwrap_or_default(), moderated, author });
    }
    out.sort_by_key(|s| s.id);
    Ok(out)
}

/// Reads `votes.csv` (columns `comment-id`, `voter-id`, `vote`, and optionally `timestamp`). With `known`,
/// a vote on a statement not in it is an error. Records are returned in file order; duplicates are kept
/// (the caller decides: [`read_dir`] keeps the latest).
pub fn parse_votes<R: Read>(r: R, path: &Path, known: Option<&HashSet<StatementId>>) -> Result<Vec<VoteRecord>> {
    let mut rdr = reader(r);
    let h = Header::read(&mut rdr, path)?;
    let s_col = h.require("comment-id", path)?;
    let p_col = h.require("voter-id", path)?;
    let v_col = h.require("vote", path)?;
    let t_col = h.find("timestamp");
    let mut out = Vec::new();
    let mut rec = csv::ByteRecord::new();
    loop {
        match rdr.read_byte_record(&mut rec) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => return Err(csv_error(path, &e)),
        }
        let line = record_line(&rec);
        let statement = parse_id(field(&rec, s_col), "comment-id", path, line)?;
        if let Some(k) = known {
            if !k.contains(&statement) {
                return Err(Error::input(
                    path,
                    line,
                    format!("vote on unknown statement {statement} (not in comments.csv)"),
                ));
            }
        }
        let participant = parse_id(field(&rec, p_col), "voter-id", path, line)?;
        let vote = parse_vote(field(&rec, v_col), path, line)?;
        let timestamp = match t_col {
            None => 0,
            Some(c) => {
                let s = std::str::from_utf8(field(&rec, c)).unwrap_or("").trim().to_string();
                s.parse::<i64>()
                    .map_err(|_| Error::input(path, line, format!("timestamp must be an integer, found '{s}'")))?
            }
        };
        out.push(VoteRecord { timestamp, statement, participant, vote, line });
    }
    Ok(out)
}

const PV_META: [&str; 7] = ["participant", "xid", "group-id", "n-comments", "n-votes", "n-agree", "n-disagree"];

/// Reads `participants-votes.csv`: one row per participant with pol.is's `group-id` (empty when pol.is
/// did not place the participant in a group) and one column per statement id holding the vote or nothing.
pub fn parse_participants_votes<R: Read>(
    r: R,
    path: &Path,
    known: Option<&HashSet<StatementId>>,
) -> Result<ParticipantsVotes> {
    let mut rdr = reader(r);
    let h = Header::read(&mut rdr, path)?;
    let p_col = h.require("participant", path)?;
    let g_col = h.require("group-id", path)?;
    let mut vote_cols: Vec<(usize, StatementId)> = Vec::new();
    let mut seen_cols = HashSet::new();
    for (i, name) in h.names.iter().enumerate() {
        if PV_META.contains(&name.as_str()) {
            continue;
        }
        let tid = name
            .parse::<u64>()
            .map_err(|_| Error::input(path, 1, format!("unexpected column '{name}' (expected a statement id)")))?;
        if !seen_cols.insert(tid) {
            return Err(Error::input(path, 1, format!("statement column {tid} appears twice")));
        }
        if let Some(k) = known {
            if !k.contains(&tid) {
                return Err(Error::input(path, 1, format!("column for unknown statement {tid} (not in comments.csv)")));
            }
        }
        vote_cols.push((i, tid));
    }
    let mut out = ParticipantsVotes { statements: vote_cols.iter().map(|&(_, t)| t).collect(), ..Default::default() };
    let mut seen_rows: HashMap<ParticipantId, u64> = HashMap::new();
    let mut rec = csv::ByteRecord::new();
    loop {
        match rdr.read_byte_record(&mut rec) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => return Err(csv_error(path, &e)),
        }
        let line = record_line(&rec);
        let p = parse_id(field(&rec, p_col), "participant", path, line)?;
        if let Some(first) = seen_rows.insert(p, line) {
            return Err(Error::input(path, line, format!("duplicate participant {p} (first on line {first})")));
        }
        let g = field(&rec, g_col);
        if !g.iter().all(u8::is_ascii_whitespace) {
            let gid = parse_id(g, "group-id", path, line)?;
            let gid = u32::try_from(gid).map_err(|_| Error::input(path, line, "group-id too large"))?;
            out.groups.insert(p, gid);
        }
        out.participants.push(p);
        for &(c, tid) in &vote_cols {
            let cell = field(&rec, c);
            if cell.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            out.votes.push((p, tid, parse_vote(cell, path, line)?));
        }
    }
    Ok(out)
}

/// Reads the `groups` line of `summary.csv` (a two-column key/value file). `None` if there is none.
pub fn parse_summary_groups<R: Read>(r: R, path: &Path) -> Result<Option<usize>> {
    let mut rdr = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(r);
    let mut rec = csv::ByteRecord::new();
    loop {
        match rdr.read_byte_record(&mut rec) {
            Ok(false) => return Ok(None),
            Ok(true) => {}
            Err(e) => return Err(csv_error(path, &e)),
        }
        if field(&rec, 0) == b"groups" {
            let line = record_line(&rec);
            return parse_id(field(&rec, 1), "groups", path, line).map(|g| Some(g as usize));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p() -> &'static Path {
        Path::new("x.csv")
    }

    #[test]
    fn comments_parse_with_quotes_and_moderation() {
        let csv = "timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n\
                   1,d,5,9,1,0,-1,\"Hello, \"\"world\"\"\"\n\
                   2,d,2,,0,0,1,Second\n";
        let st = parse_comments(csv.as_bytes(), p()).expect("valid");
        assert_eq!(st.len(), 2);
        assert_eq!(st[0].id, 2);
        assert_eq!(st[0].author, None);
        assert_eq!(st[1].text, "Hello, \"world\"");
        assert!(st[1].is_moderated_out());
        assert_eq!(st[1].author, Some(9));
    }

    #[test]
    fn votes_errors_name_the_line() {
        let csv = "timestamp,datetime,comment-id,voter-id,vote\n1,d,0,1,1\n2,d,0,2,2\n";
        let e = parse_votes(csv.as_bytes(), p(), None).expect_err("vote 2");
        assert_eq!(e.to_string(), "x.csv:3: vote must be -1, 0 or 1, found '2'");
        let csv = "timestamp,datetime,comment-id,voter-id,vote\n1,d,0,1,1\n2,d,7,2,1\n";
        let known: HashSet<u64> = [0].into_iter().collect();
        let e = parse_votes(csv.as_bytes(), p(), Some(&known)).expect_err("unknown");
        assert!(e.to_string().starts_with("x.csv:3: vote on unknown statement 7"), "{e}");
        let csv = "timestamp,datetime,comment-id,voter-id,vote\n1,d,0,1,1\n2,d,0\n";
        let e = parse_votes(csv.as_bytes(), p(), None).expect_err("short row");
        assert_eq!(e.to_string(), "x.csv:3: expected 5 fields, found 3");
        let e = parse_votes("".as_bytes(), p(), None).expect_err("empty");
        assert!(e.to_string().starts_with("x.csv:1: "), "{e}");
        let e = parse_votes("a,b\n".as_bytes(), p(), None).expect_err("columns");
        assert_eq!(e.to_string(), "x.csv:1: missing column 'comment-id'");
    }

    #[test]
    fn participants_votes_groups_and_cells() {
        let csv = "participant,group-id,n-comments,n-votes,n-agree,n-disagree,0,1\n\
                   3,1,0,2,1,1,1,-1\n\
                   4,,0,1,0,0,,0\n";
        let pv = parse_participants_votes(csv.as_bytes(), p(), None).expect("valid");
        assert_eq!(pv.groups.get(&3), Some(&1));
        assert_eq!(pv.groups.get(&4), None);
        assert_eq!(pv.votes, vec![(3, 0, Vote::Agree), (3, 1, Vote::Disagree), (4, 1, Vote::Pass)]);
        let bad = "participant,group-id,n-comments,n-votes,n-agree,n-disagree,0,x\n";
        let e = parse_participants_votes(bad.as_bytes(), p(), None).expect_err("bad header");
        assert!(e.to_string().contains("unexpected column 'x'"), "{e}");
    }

    #[test]
    fn summary_groups_line() {
        let csv = "topic,T\nconversation-description,\"multi\nline\"\ngroups,3\n";
        assert_eq!(parse_summary_groups(csv.as_bytes(), p()).expect("ok"), Some(3));
        assert_eq!(parse_summary_groups("topic,T\n".as_bytes(), p()).expect("ok"), None);
    }
}
