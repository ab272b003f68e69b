//! IATI activity XML (2.01–2.03; 1.0x where it maps), read as a stream: one `<iati-activity>` at a time is
//! held in memory, whatever the file size.
//!
//! Each activity becomes an `initiative` keyed `iati:IATI-IDENTIFIER`; its reporting and participating
//! organizations with a `ref` become `actor` entries keyed `iati-org:REF` (once per file). Mapped: title and
//! description narratives in every language, recipient countries (ISO alpha-2; regions and unknown codes kept in
//! `attributes.iati`), DAC sectors, SDG tags (tag vocabularies 2 = goals, 3 = targets; sector vocabularies 7, 8,
//! 9 = goals, targets, indicators), activity status, dates, a budget and transaction summary. Every other child
//! element is kept as raw XML in `attributes.iati.extension_xml`, and the activity's own attributes in
//! `attributes.iati.activity_attributes`: nothing is dropped.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashSet};
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use cogov_app::entries::EntryInput;
use cogov_app::import::{ImportInput, Location, Problem, Record, RecordSource};
use cogov_core::entry::{EntryKind, ExternalId, Provenance, Status, Tag};
use cogov_core::geo::Country;
use cogov_core::Text;
use quick_xml::events::{BytesStart, Event};
use serde_json::Value;

use crate::iati_codes::FxSet;

pub const SOURCE: &str = "iati";
pub const ORG_SOURCE: &str = "iati-org";

/// One IATI activity file to import.
pub struct IatiFile {
    path: PathBuf,
    label: String,
    fingerprint: String,
    size: u64,
    countries: HashSet<String>,
    regions: HashSet<String>,
    nodes: HashSet<String>,
}

impl IatiFile {
    /// `countries` and `nodes` are the catalog's (codes not in them are kept in attributes, not tagged).
    pub fn new(path: &Path, countries: &[Country], nodes: HashSet<String>) -> std::io::Result<Self> {
        let meta = std::fs::metadata(path)?;
        let modified = meta.modified().ok().and_then(|m| m.duration_since(std::time::UNIX_EPOCH).ok());
        let fingerprint =
            format!("{}:{}:{}", path.display(), meta.len(), modified.map(|d| d.as_millis()).unwrap_or_default());
        Ok(IatiFile {
            path: path.to_path_buf(),
            label: path.display().to_string(),
            fingerprint,
            size: meta.len(),
            countries: countries.iter().map(|c| c.iso2.clone()).collect(),
            regions: known_regions(countries),
            nodes,
        })
    }
}

impl ImportInput for IatiFile {
    fn source(&self) -> &str {
        SOURCE
    }

    fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    fn total_bytes(&self) -> u64 {
        self.size
    }

    fn open(&self) -> Result<Box<dyn RecordSource>, Box<Problem>> {
        let file = File::open(&self.path)
            .map_err(|e| Box::new(Problem::new(Location::file(&self.label), "file", e.to_string())))?;
        Ok(Box::new(
            ActivityStream::new(
                BufReader::with_capacity(1 << 16, file),
                &self.label,
                Some(self.path.clone()),
                self.countries.clone(),
                self.nodes.clone(),
            )
            .with_regions(self.regions.clone()),
        ))
    }
}

/// The stream of records of one IATI file: for each activity, its not-yet-seen organizations, then the
/// activity.
pub struct ActivityStream<R: BufRead> {
    reader: quick_xml::Reader<Recorder<R>>,
    label: String,
    buf: Vec<u8>,
    /// The last activity's tree, emptied: its allocations serve the next one.
    spare: Doc<'static>,
    /// quick-xml's buffer while an activity is skipped over (`read_to_end_into`).
    skip: Vec<u8>,
    /// Bytes of the file read straight from the kept bytes (activities, white space between them), which
    /// quick-xml's reader has not seen: its positions plus these are file offsets.
    skipped: u64,
    /// An event was read already (quick-xml has dealt with a byte order mark or declaration).
    started: bool,
    /// The last event was text: quick-xml has then consumed the `<` of the next markup already, so that markup
    /// must be read by it.
    after_text: bool,
    queue: std::collections::VecDeque<Result<Record, Problem>>,
    seen_orgs: HashSet<String>,
    countries: FxSet<String>,
    /// M49 regions the catalog knows (recipient regions are mapped to these).
    regions: FxSet<String>,
    nodes: FxSet<String>,
    root_lang: Option<String>,
    /// Problems of the file outside any activity (the root's attributes, foreign top-level elements): they flag
    /// every activity read after them.
    file_flags: Vec<Problem>,
    /// How many of `file_flags` an activity carried already.
    flags_used: usize,
    root_location: Option<Location>,
    activity_index: u64,
    done: bool,
}

impl<R: BufRead> ActivityStream<R> {
    /// `path`, when given, lets problems name the line and column (counted in the bytes read, as they go by).
    pub fn new(
        reader: R,
        label: &str,
        path: Option<PathBuf>,
        countries: HashSet<String>,
        nodes: HashSet<String>,
    ) -> Self {
        let mut recorder = Recorder::new(reader);
        recorder.lines = path.map(|_| Lines::default());
        let mut reader = quick_xml::Reader::from_reader(recorder);
        reader.config_mut().trim_text(false);
        ActivityStream {
            reader,
            label: label.to_string(),
            buf: Vec::with_capacity(1 << 14),
            spare: Doc::default(),
            skip: Vec::with_capacity(1 << 12),
            skipped: 0,
            started: false,
            after_text: false,
            queue: Default::default(),
            seen_orgs: HashSet::new(),
            countries: countries.into_iter().collect(),
            regions: FxSet::default(),
            nodes: nodes.into_iter().collect(),
            root_lang: None,
            file_flags: Vec::new(),
            flags_used: 0,
            root_location: None,
            activity_index: 0,
            done: false,
        }
    }

    /// The M49 regions the catalog knows, for mapping recipient regions (none by default).
    pub fn with_regions(mut self, regions: HashSet<String>) -> Self {
        self.regions = regions.into_iter().collect();
        self
    }

    fn location(&mut self, offset: u64) -> Location {
        self.location_in(offset, None)
    }

    /// The location of file offset `offset`; `held` is the recorder's bytes while they are out of it (an
    /// activity being read from them).
    fn location_in(&mut self, offset: u64, held: Option<&[u8]>) -> Location {
        let mut loc = Location::record(&self.label, self.activity_index);
        let rec = self.reader.get_mut();
        let bytes = match held {
            Some(bytes) => bytes,
            None => &rec.bytes[..rec.held],
        };
        if let Some((line, col)) = rec.lines.as_mut().and_then(|l| l.position(offset, bytes, rec.start)) {
            loc.line = Some(line);
            loc.column = Some(col);
        }
        loc
    }

    /// The file offset quick-xml's reader is at.
    fn position(&self) -> u64 {
        self.reader.buffer_position() + self.skipped
    }

    /// Reads up to the next activity (or the end, or a fatal XML error) and queues its records.
    fn advance(&mut self) {
        loop {
            // An activity is read straight from the kept bytes, past quick-xml's reader (see `take_activity`),
            // unless quick-xml is in the middle of a markup already.
            if self.started && !self.after_text {
                match self.activity_ahead() {
                    Ok(Some((at, name))) => return self.take_activity(at, &name),
                    Ok(None) => {}
                    Err(e) => {
                        let at = self.position();
                        self.fatal(at, format!("malformed XML: I/O error: {e}"));
                        return;
                    }
                }
            }
            self.buf.clear();
            let start = self.position();
            // The bytes of the file from here on are kept until the next top-level event: an activity's own
            // bytes, for its unmodelled elements (see `Recorder`).
            self.reader.get_mut().keep_from(start);
            let event = match self.reader.read_event_into(&mut self.buf) {
                Ok(e) => e.into_owned(),
                Err(e) => {
                    let at = self.reader.error_position() + self.skipped;
                    self.fatal(at, format!("malformed XML: {e}"));
                    return;
                }
            };
            self.started = true;
            self.after_text = matches!(event, Event::Text(_));
            match event {
                Event::Eof => {
                    self.done = true;
                    // File problems no activity carried are reported on their own.
                    let unused = self.file_flags.len() - self.flags_used;
                    self.queue.extend(self.file_flags.drain(..).skip(self.flags_used).map(Err));
                    if self.activity_index == 0 && unused == 0 {
                        let location = self.root_location.clone().unwrap_or_else(|| Location::file(&self.label));
                        self.queue.push_back(Err(Problem::new(
                            location,
                            "iati-activities/iati-activity",
                            "no activity: at least one iati-activity is required",
                        )));
                    }
                    return;
                }
                Event::Start(e) if e.local_name().as_ref() == b"iati-activities" => {
                    self.root_lang = attr(&e, "xml:lang");
                    let root = Doc::of_start(&e, start);
                    let mut location = self.location(start);
                    location.record = None;
                    self.root_location = Some(location);
                    for issue in crate::iati_schema::check_root(root.root()) {
                        let mut location = self.location(issue.offset);
                        location.record = None;
                        self.file_flags.push(Problem::new(location, issue.path, issue.message));
                    }
                }
                Event::Start(e) if e.local_name().as_ref() == b"iati-activity" => {
                    // An activity quick-xml read the start of (after text, or first in the file): its extent
                    // read by quick-xml (well-formedness checked, nothing built), then its kept bytes parsed.
                    self.activity_index += 1;
                    if let Err(e) = self.reader.read_to_end_into(e.name(), &mut self.skip) {
                        let at = self.reader.error_position() + self.skipped;
                        self.fatal(at, format!("malformed XML: {e}"));
                        return;
                    }
                    let end = self.position();
                    let bytes = std::mem::take(&mut self.reader.get_mut().bytes);
                    let (recorded_from, held) = (self.reader.get_ref().start, self.reader.get_ref().held);
                    let range =
                        start.saturating_sub(recorded_from) as usize..end.saturating_sub(recorded_from) as usize;
                    let read = match bytes[..held].get(range.clone()) {
                        Some(_) => self.activity(&bytes[..held], range, start),
                        None => {
                            Reading::Malformed(start, "the activity's bytes were not kept (an internal error)".into())
                        }
                    };
                    self.reader.get_mut().bytes = bytes;
                    match read {
                        Reading::Done(_) => {}
                        Reading::Incomplete(at, message) | Reading::Malformed(at, message) => self.fatal(at, message),
                    }
                    return;
                }
                Event::Empty(e) if e.local_name().as_ref() == b"iati-activity" => {
                    self.activity_index += 1;
                    let location = self.location(start);
                    self.queue.push_back(Err(Problem::new(location, "iati-identifier", "an empty activity")));
                    return;
                }
                // Anything else between activities: allowed if namespaced, else flags the activities after it.
                Event::Start(e) | Event::Empty(e)
                    if !crate::iati_schema::allowed_at_top(&String::from_utf8_lossy(e.name().as_ref())) =>
                {
                    let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                    let mut location = self.location(start);
                    location.record = None;
                    self.file_flags.push(Problem::new(
                        location,
                        format!("iati-activities/{name}"),
                        "element not allowed here (extensions must be in a namespace)",
                    ));
                }
                _ => {}
            }
        }
    }

    /// Skips the white space quick-xml's reader is at; if an activity's start tag (`<iati-activity`, any prefix,
    /// not `<iati-activity/>`) follows, its file offset and qualified name.
    fn activity_ahead(&mut self) -> std::io::Result<Option<(u64, Vec<u8>)>> {
        let rec = self.reader.get_mut();
        let before = rec.position();
        let found = loop {
            let rest = &rec.bytes[rec.pos..rec.held];
            let space = rest.iter().take_while(|b| is_space(**b)).count();
            rec.pos += space;
            if space < rest.len() {
                // The name after `<`, whole (read more until what ends it is buffered).
                let at = rec.position();
                rec.keep_from(at);
                let ahead = loop {
                    let rest = &rec.bytes[rec.pos..rec.held];
                    if rest[0] != b'<' {
                        break None;
                    }
                    match rest[1..].iter().position(|b| is_space(*b) || *b == b'>' || *b == b'/') {
                        Some(n) => {
                            let name = &rest[1..1 + n];
                            let local = name.rsplit(|b| *b == b':').next().unwrap_or_default();
                            break (local == b"iati-activity" && rest[1 + n] != b'/').then(|| (at, name.to_vec()));
                        }
                        None if rest.len() > 1024 => break None,
                        None => {
                            if !rec.read_more()? {
                                break None;
                            }
                        }
                    }
                };
                break ahead;
            }
            if !rec.read_more()? {
                break None;
            }
        };
        self.skipped += rec.position() - before;
        Ok(found)
    }

    /// Reads the activity whose start tag (qualified name `name`) is at file offset `at` straight from the kept
    /// bytes, quick-xml's reader being at `at` too: its extent is found by searching for its end tag, then one
    /// parse of those bytes checks them and builds its tree, borrowing names and texts from them (a second
    /// parse by quick-xml's reader, which copies every event, is not needed). An end tag inside a comment,
    /// CDATA section or attribute value leaves that parse short of the activity's end: the next is tried.
    fn take_activity(&mut self, at: u64, name: &[u8]) {
        self.activity_index += 1;
        let mut close = b"</".to_vec();
        close.extend_from_slice(name);
        let mut from = at;
        loop {
            let candidate = match self.reader.get_mut().find_end(&close, from) {
                Ok(c) => c,
                Err(e) => {
                    self.fatal(at, format!("malformed XML: I/O error: {e}"));
                    return;
                }
            };
            let rec = self.reader.get_mut();
            let bytes = std::mem::take(&mut rec.bytes);
            let (offset, held) = (rec.start, rec.held);
            let until = candidate.map_or(held, |(_, end)| (end - offset) as usize);
            let read = self.activity(&bytes[..held], (at - offset) as usize..until, at);
            let rec = self.reader.get_mut();
            rec.bytes = bytes;
            match read {
                Reading::Done(end) => {
                    let before = rec.position();
                    rec.pos = (end - rec.start) as usize;
                    self.skipped += rec.position() - before;
                    return;
                }
                Reading::Incomplete(_, _) if candidate.is_some() => from = candidate.map_or(at, |(c, _)| c + 1),
                Reading::Incomplete(at, message) | Reading::Malformed(at, message) => {
                    self.fatal(at, message);
                    return;
                }
            }
        }
    }

    /// Builds, checks and maps the activity `held[range]` starts with (at file offset `at`; `held` is the
    /// recorder's bytes, out of it), queueing its records or why it is rejected; where it ends.
    fn activity(&mut self, held: &[u8], range: std::ops::Range<usize>, at: u64) -> Reading {
        let bytes = &held[range];
        let utf8 = std::str::from_utf8(bytes);
        let valid = match &utf8 {
            Ok(text) => text,
            // Valid up to a point: the activity may end before it.
            Err(e) => std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default(),
        };
        let tree = match build_tree(valid, at, std::mem::take(&mut self.spare).recycle()) {
            Ok(tree) => tree,
            Err((short, doc)) => {
                self.spare = doc.recycle();
                if !matches!(short, Reading::Incomplete(..)) || utf8.is_ok() {
                    return short;
                }
                // Not UTF-8 within the activity: its extent from a parse of its bytes, and it is rejected.
                let end = match extent(bytes, at) {
                    Ok(end) => end,
                    Err(short) => return short,
                };
                let invalid = utf8.err().map_or(0, |e| e.valid_up_to() as u64);
                let mut location = self.location_in(at + invalid, Some(held));
                location.record = Some(self.activity_index);
                self.queue.push_back(Err(Problem::new(location, "xml", "not UTF-8 text")));
                return Reading::Done(end);
            }
        };
        let root = tree.doc.root();
        let end = root.end();
        if let Some((offset, message)) = tree.problem {
            let mut location = self.location_in(offset, Some(held));
            location.record = Some(self.activity_index);
            self.queue.push_back(Err(Problem::new(location, "xml", message)));
        } else if tree.empty {
            let location = self.location_in(at, Some(held));
            self.queue.push_back(Err(Problem::new(location, "iati-identifier", "an empty activity")));
        } else {
            let location = self.location_in(at, Some(held));
            self.check_and_map(root, &valid[..(end - at) as usize], at, location, held);
        }
        self.spare = tree.doc.recycle();
        Reading::Done(end)
    }

    fn fatal(&mut self, offset: u64, message: String) {
        let mut location = self.location(offset);
        location.record = None;
        self.queue.push_back(Err(Problem::new(
            location,
            "xml",
            format!("{message}; the rest of the file (after activity {}) is not read", self.activity_index),
        )));
        self.done = true;
    }

    /// Checks an activity against the schema and the codelists, then maps it (`text` is the activity as
    /// written, starting at file offset `base`).
    fn check_and_map(&mut self, root: El<'_>, text: &str, base: u64, location: Location, held: &[u8]) {
        let mut flags = self.file_flags.clone();
        self.flags_used = self.file_flags.len();
        let mut issues = crate::iati_schema::check_activity(root);
        issues.extend(crate::iati_codes::check_activity(root));
        // In file order: line numbers are counted forward.
        issues.sort_by_key(|i| i.offset);
        for issue in issues {
            let mut at = self.location_in(issue.offset, Some(held));
            at.record = location.record;
            flags.push(Problem::new(at, issue.path, issue.message));
        }
        self.map_activity(root, text, base, location, flags);
    }

    fn map_activity(&mut self, a: El<'_>, text: &str, base: u64, location: Location, flags: Vec<Problem>) {
        let default_lang = a.attr("xml:lang").or(self.root_lang.clone()).unwrap_or_else(|| "en".into());
        // The activity's child elements, each with what it is to the mapping, named once (the mapping looks for
        // a dozen names, and an activity has dozens of children).
        let children: Vec<(Child, El<'_>)> = a.elements().map(|e| (Child::of(e.name()), e)).collect();
        let named = |kind: Child| children.iter().filter(move |(k, _)| *k == kind).map(|(_, e)| *e);
        let given_identifier =
            named(Child::Identifier).next().map(|e| e.text_ref().trim().to_string()).filter(|s| !s.is_empty());
        let identifier = match &given_identifier {
            Some(id) => id.clone(),
            None => {
                // The schema allows an empty identifier; such an activity is keyed by its content, so the same
                // activity imported again is still found, and it is flagged.
                use sha2::{Digest, Sha256};
                let digest = Sha256::digest(a.to_xml().as_bytes());
                format!("no-identifier-{}", digest.iter().take(12).map(|b| format!("{b:02x}")).collect::<String>())
            }
        };
        let title = narratives(named(Child::Title).next(), &default_lang);
        if title.is_empty() {
            self.queue
                .push_back(Err(Problem::new(location, "title", "an activity needs a title")
                    .with_key(format!("{SOURCE}:{identifier}"))));
            return;
        }
        let provenance = Provenance::Imported { source: SOURCE.into(), external_id: identifier.clone() };

        let description = named(Child::Description)
            .find(|d| d.attr_ref("type").is_none_or(|t| t == "1" || t == "general"))
            .or_else(|| named(Child::Description).next());
        let summary = narratives(description, &default_lang);

        // The attributes as JSON text (`{"iati": {…, "extension_xml": […]}}`), written here on the reader's thread
        // as the mapping goes, member by member (no `serde_json::Value` built for another thread to serialize and
        // free): the kept XML (most of an activity's bytes) copied from the file's text as deferred strings,
        // escaped only where the text is expanded (`cogov_core::entry::DEFERRED`: not on SQLite's path). The entry's
        // document is made in this buffer: room before the attributes ([`room_before_attributes`]) and after them.
        let size = (a.end() - a.offset()) as usize;
        let room = room_before_attributes(&title, &summary, &identifier, &children);
        let mut json = JsonText::with_room(room, 1024 + size + size / 4);
        json.begin('{');
        json.key("iati");
        json.begin('{');
        if given_identifier.is_none() {
            json.key("identifier_missing");
            json.raw("true");
        }
        json.key("activity_attributes");
        json.begin('{');
        // As a map keeps them: a name given twice has its first place and its last value.
        let attrs = a.attrs();
        for (i, (k, _)) in attrs.iter().enumerate() {
            if attrs[..i].iter().all(|(seen, _)| seen != k) {
                json.key(k);
                json.string(attrs.iter().rev().find(|(n, _)| n == k).map_or("", |(_, v)| v));
            }
        }
        json.end('}');

        // Organizations: actors keyed by their ref, once per file.
        json.key("organizations");
        json.begin('[');
        for (el, role) in named(Child::ReportingOrg)
            .map(|e| (e, "reporting"))
            .chain(named(Child::ParticipatingOrg).map(|e| (e, e.attr_ref("role").unwrap_or_default())))
        {
            let name = narratives(Some(el), &default_lang);
            let r#ref = el.attr_ref("ref").map(str::trim).filter(|r| !r.is_empty());
            json.begin('{');
            json.key("role");
            json.string(role_label(role));
            if let Some(t) = el.attr_ref("type") {
                json.key("type");
                json.string(t);
            }
            if !name.is_empty() {
                json.key("name");
                json.begin('{');
                for (lang, value) in &name.values {
                    json.key(lang);
                    json.string(value);
                }
                json.end('}');
            }
            if let Some(r) = r#ref {
                json.key("ref");
                json.string(r);
                json.key("actor");
                json.string(&[ORG_SOURCE, ":", r].concat());
                if !name.is_empty() && !self.seen_orgs.contains(r) {
                    self.seen_orgs.insert(r.to_string());
                    self.queue.push_back(Ok(Record {
                        location: location.clone(),
                        key: ExternalId { source: ORG_SOURCE.into(), id: r.to_string() },
                        input: EntryInput {
                            kind: Some(EntryKind::Actor),
                            status: Some(Status::Published),
                            title: Some(name.clone()),
                            external_ids: Some(vec![ExternalId { source: ORG_SOURCE.into(), id: r.to_string() }]),
                            attributes: Some(
                                [("iati_org_type".to_string(), el.attr_ref("type").map_or(Value::Null, Value::from))]
                                    .into_iter()
                                    .collect(),
                            ),
                            ..Default::default()
                        },
                        flags: vec![],
                        flags_in_attributes: false,
                    }));
                }
            }
            json.end('}');
        }
        json.end(']');

        let mut countries = Vec::new();
        let mut other_places = Vec::new();
        for c in named(Child::RecipientCountry) {
            let code = c.attr_ref("code").unwrap_or_default().trim().to_ascii_uppercase();
            if self.countries.contains(&code) {
                if !countries.contains(&code) {
                    countries.push(code);
                }
            } else {
                other_places.push((code, c.text_ref()));
            }
        }
        // Regions: each kept as given; those with an M49 equivalent the catalog knows also become entry regions.
        let mut m49_regions: Vec<String> = Vec::new();
        let mut regions = named(Child::RecipientRegion).peekable();
        if regions.peek().is_some() {
            json.key("recipient_regions");
            json.begin('[');
            for r in regions {
                let vocabulary = r.attr_ref("vocabulary").unwrap_or("1");
                let code = r.attr_ref("code").unwrap_or_default();
                // An empty vocabulary is read as the default one (DAC), as for an absent one.
                let mapped_vocabulary = Some(vocabulary.trim()).filter(|v| !v.is_empty()).unwrap_or("1");
                json.begin('{');
                json.key("code");
                json.optional(r.attr_ref("code"));
                json.key("vocabulary");
                json.string(vocabulary);
                json.key("percentage");
                json.optional(r.attr_ref("percentage"));
                json.key("m49");
                json.begin('[');
                for m in region_to_m49(mapped_vocabulary, code.trim()).into_iter().filter(|m| self.regions.contains(*m))
                {
                    if !m49_regions.iter().any(|x| x == m) {
                        m49_regions.push(m.to_string());
                    }
                    json.string(m);
                }
                json.end(']');
                json.end('}');
            }
            json.end(']');
        }
        if !other_places.is_empty() {
            json.key("unmatched_countries");
            json.begin('[');
            for (code, name) in &other_places {
                json.begin('{');
                json.key("country");
                json.string(code);
                json.key("name");
                json.string(name.trim());
                json.end('}');
            }
            json.end(']');
        }

        let mut tags: Vec<Tag> = Vec::new();
        let add_tag = |node: String, tags: &mut Vec<Tag>| {
            if self.nodes.contains(&node) && !tags.iter().any(|t| t.node == node) {
                tags.push(Tag { node, provenance: provenance.clone(), evidence: None });
            }
        };
        json.key("sectors");
        json.begin('[');
        for s in named(Child::Sector) {
            let vocabulary = s.attr_ref("vocabulary").unwrap_or("1");
            let code = s.attr_ref("code").unwrap_or_default().trim();
            if Child::Sector.tags_sdg(Some(vocabulary)) {
                add_tag(["sdg:", code].concat(), &mut tags);
            }
            json.begin('{');
            json.key("vocabulary");
            json.string(vocabulary);
            json.key("code");
            json.string(code);
            json.key("percentage");
            json.optional(s.attr_ref("percentage"));
            json.end('}');
        }
        json.end(']');
        let mut other_tags = Vec::new();
        for t in named(Child::Tag) {
            let vocabulary = t.attr_ref("vocabulary").unwrap_or_default();
            let code = t.attr_ref("code").unwrap_or_default().trim();
            if Child::Tag.tags_sdg(Some(vocabulary)) {
                add_tag(["sdg:", code].concat(), &mut tags);
            } else {
                other_tags.push((vocabulary, code));
            }
        }
        if !other_tags.is_empty() {
            json.key("tags");
            json.begin('[');
            for (vocabulary, code) in other_tags {
                json.begin('{');
                json.key("vocabulary");
                json.string(vocabulary);
                json.key("code");
                json.string(code);
                json.end('}');
            }
            json.end(']');
        }

        if let Some(s) = named(Child::Status).next() {
            let code = s.attr_ref("code").unwrap_or_default();
            json.key("status");
            json.begin('{');
            json.key("code");
            json.string(code);
            json.key("label");
            json.string(status_label(code));
            json.end('}');
        }
        // As a map keeps them: a type given twice has its first place and its last date.
        let mut dates: Vec<(&str, Cow<str>)> = Vec::new();
        for d in named(Child::Date) {
            let label = date_label(d.attr_ref("type").unwrap_or_default());
            let date = match d.attr_ref("iso-date") {
                Some(date) => Cow::Borrowed(date),
                None => Cow::Owned(d.text_ref().trim().to_string()),
            };
            match dates.iter_mut().find(|(l, _)| *l == label) {
                Some((_, value)) => *value = date,
                None => dates.push((label, date)),
            }
        }
        if !dates.is_empty() {
            json.key("dates");
            json.begin('{');
            for (label, date) in &dates {
                json.key(label);
                json.string(date);
            }
            json.end('}');
        }

        let default_currency = a.attr_ref("default-currency").unwrap_or_default();
        let mut budget: BTreeMap<&str, f64> = BTreeMap::new();
        for b in named(Child::Budget) {
            if let Some(v) = b.child("value") {
                let currency = v.attr_ref("currency").unwrap_or(default_currency);
                *budget.entry(currency).or_default() += parse_amount(&v.text_ref());
            }
        }
        let mut transactions: BTreeMap<&str, (u64, BTreeMap<&str, f64>)> = BTreeMap::new();
        for t in named(Child::Transaction) {
            let kind = t.child("transaction-type").and_then(|x| x.attr_ref("code")).unwrap_or_default();
            let entry = transactions.entry(transaction_label(kind)).or_default();
            entry.0 += 1;
            if let Some(v) = t.child("value") {
                let currency = v.attr_ref("currency").unwrap_or(default_currency);
                *entry.1.entry(currency).or_default() += parse_amount(&v.text_ref());
            }
        }
        if !budget.is_empty() {
            json.key("budget_total");
            json.amounts(&budget);
        }
        if !transactions.is_empty() {
            json.key("transactions");
            json.begin('{');
            for (kind, (count, sums)) in &transactions {
                json.key(kind);
                json.begin('{');
                json.key("count");
                json.raw(&count.to_string());
                json.key("total");
                json.amounts(sums);
                json.end('}');
            }
            json.end('}');
        }

        // Every element not mapped above (and budgets and transactions themselves, summarised only) as XML: its
        // bytes exactly as in the file.
        let mut kept =
            children.iter().filter(|(kind, e)| !kind.is_mapped() && !is_same(*e, description)).map(|(_, e)| *e);
        if let Some(first) = kept.next() {
            json.key("extension_xml");
            json.begin('[');
            for e in std::iter::once(first).chain(kept) {
                match text.get((e.offset() - base) as usize..(e.end() - base) as usize) {
                    Some(raw) => json.deferred(raw),
                    None => json.string(&e.to_xml()),
                }
            }
            json.end(']');
        }
        json.end('}');
        // The flags as the import records them (their last member), written here: the import does not look
        // through these ~12 KB for a member of that name to add them (`Record::flags_in_attributes`).
        if !flags.is_empty() {
            json.key("import_flags");
            json.raw(&cogov_app::import::flags_json(&flags));
        }
        json.end('}');
        let attributes_json = json.out;
        self.queue.push_back(Ok(Record {
            location,
            key: ExternalId { source: SOURCE.into(), id: identifier.clone() },
            input: EntryInput {
                kind: Some(EntryKind::Initiative),
                status: Some(Status::Published),
                title: Some(title),
                summary: Some(summary),
                countries: Some(countries),
                regions: Some(m49_regions),
                external_ids: Some(vec![ExternalId { source: SOURCE.into(), id: identifier }]),
                tags: Some(tags),
                attributes_json: Some(attributes_json),
                ..Default::default()
            },
            flags,
            flags_in_attributes: true,
        }));
    }
}

/// What a child element of an activity is to [`ActivityStream::map_activity`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Child {
    Identifier,
    Title,
    Description,
    ReportingOrg,
    ParticipatingOrg,
    RecipientCountry,
    RecipientRegion,
    Sector,
    Tag,
    Status,
    Date,
    Budget,
    Transaction,
    Other,
}

impl Child {
    fn of(name: &str) -> Child {
        match name {
            "iati-identifier" => Child::Identifier,
            "title" => Child::Title,
            "description" => Child::Description,
            "reporting-org" => Child::ReportingOrg,
            "participating-org" => Child::ParticipatingOrg,
            "recipient-country" => Child::RecipientCountry,
            "recipient-region" => Child::RecipientRegion,
            "sector" => Child::Sector,
            "tag" => Child::Tag,
            "activity-status" => Child::Status,
            "activity-date" => Child::Date,
            "budget" => Child::Budget,
            "transaction" => Child::Transaction,
            _ => Child::Other,
        }
    }

    /// An SDG tag (`sdg:CODE`) when it has this vocabulary: a sector of vocabulary 7, 8 or 9 (goals, targets,
    /// indicators), a tag of vocabulary 2 or 3 (goals, targets).
    fn tags_sdg(self, vocabulary: Option<&str>) -> bool {
        matches!((self, vocabulary), (Child::Sector, Some("7" | "8" | "9")) | (Child::Tag, Some("2" | "3")))
    }

    /// Mapped into the entry, not kept as XML (a budget or transaction is summarised and kept; a description
    /// other than the summary's is kept).
    fn is_mapped(self) -> bool {
        !matches!(self, Child::Description | Child::Budget | Child::Transaction | Child::Other)
    }
}

/// Room (spaces, so the text is still JSON) at the start of an activity's attributes text for the entry's members
/// before them (id, slug, title, summary, countries, regions, tags, provenance): the import writes them there
/// instead of moving the attributes (`cogov_core::entry::with_attributes_json`). Generous: room not used is
/// neither stored nor packed; too little is only slower. The texts with a little more (escapes), the title twice
/// (the slug is made from it).
fn room_before_attributes(title: &Text, summary: &Text, identifier: &str, children: &[(Child, El<'_>)]) -> usize {
    let text_size = |t: &Text| t.values.iter().map(|(l, v)| l.len() + v.len() + v.len() / 8 + 8).sum::<usize>();
    let (mut tags_at_most, mut places) = (0, 0);
    for (kind, e) in children {
        match kind {
            Child::RecipientCountry | Child::RecipientRegion => places += 1,
            _ if kind.tags_sdg(e.attr_ref("vocabulary")) => tags_at_most += 1,
            _ => {}
        }
    }
    384 + 2 * text_size(title)
        + text_size(summary)
        + 3 * identifier.len()
        + 8 * places
        + (96 + identifier.len()) * tags_at_most
}

/// JSON text written member by member, as serde_json writes the same values (compact; see
/// `cogov_core::entry::push_json_str`). Commas go where they belong: [`JsonText::key`] and the values start a
/// member or element, [`JsonText::begin`] and [`JsonText::end`] a container.
struct JsonText {
    out: String,
    /// Nothing written yet in the current container, or a key just written: no comma before the next value.
    fresh: bool,
}

impl JsonText {
    /// Starting with `room` spaces (see [`ActivityStream::map_activity`]), with room for `capacity` bytes after
    /// them.
    fn with_room(room: usize, capacity: usize) -> Self {
        const SPACES: &str = "                                                                ";
        let mut out = String::with_capacity(room + capacity);
        while out.len() < room {
            out.push_str(&SPACES[..(room - out.len()).min(SPACES.len())]);
        }
        JsonText { out, fresh: true }
    }

    fn value(&mut self) {
        if !self.fresh {
            self.out.push(',');
        }
        self.fresh = false;
    }

    fn begin(&mut self, open: char) {
        self.value();
        self.out.push(open);
        self.fresh = true;
    }

    fn end(&mut self, close: char) {
        self.out.push(close);
        self.fresh = false;
    }

    fn key(&mut self, name: &str) {
        self.string(name);
        self.out.push(':');
        self.fresh = true;
    }

    fn string(&mut self, s: &str) {
        self.value();
        cogov_core::entry::push_json_str(&mut self.out, s);
    }

    /// A string written as it is, escaped when the text is expanded (`cogov_core::entry::DEFERRED`).
    fn deferred(&mut self, s: &str) {
        self.value();
        cogov_core::entry::push_deferred_json_str(&mut self.out, s);
    }

    fn optional(&mut self, s: Option<&str>) {
        match s {
            Some(s) => self.string(s),
            None => self.raw("null"),
        }
    }

    /// A number, `true`, `null`: written as given.
    fn raw(&mut self, text: &str) {
        self.value();
        self.out.push_str(text);
    }

    /// Sums by currency, rounded to cents (as serde_json writes an `f64`: a float that is not finite is null).
    fn amounts(&mut self, sums: &BTreeMap<&str, f64>) {
        self.begin('{');
        for (currency, sum) in sums {
            self.key(currency);
            self.value();
            // Writing an f64 cannot fail.
            let number = serde_json::to_string(&((sum * 100.0).round() / 100.0));
            self.out.push_str(number.as_deref().unwrap_or("null"));
        }
        self.end('}');
    }
}

impl<R: BufRead + Send> RecordSource for ActivityStream<R> {
    fn next_record(&mut self) -> Option<Result<Record, Problem>> {
        while self.queue.is_empty() && !self.done {
            self.advance();
        }
        self.queue.pop_front()
    }

    fn bytes_read(&self) -> u64 {
        self.position()
    }
}

/// A raw parse of a file with quick-xml, the benchmark's baseline: every event read, nothing built.
pub fn raw_parse(path: &Path) -> std::io::Result<(u64, u64)> {
    let mut reader = quick_xml::Reader::from_reader(BufReader::with_capacity(1 << 16, File::open(path)?));
    let mut buf = Vec::new();
    let (mut events, mut activities) = (0u64, 0u64);
    loop {
        buf.clear();
        match reader.read_event_into(&mut buf) {
            Ok(Event::Eof) => return Ok((events, activities)),
            Ok(Event::Start(e)) => {
                if e.local_name().as_ref() == b"iati-activity" {
                    activities += 1;
                }
                events += 1;
            }
            Ok(_) => events += 1,
            Err(e) => return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, e.to_string())),
        }
    }
}

/// A name or a text of the element tree: borrowed from the activity's text (owned only where an entity was
/// replaced).
pub(crate) type Str<'a> = Cow<'a, str>;

/// The element tree of one activity, as one arena: its elements and texts in document order in `items`, their
/// attributes in `attrs` (each element's a range of it), children linked by index. Two allocations per activity
/// instead of two per element, and reused from one activity to the next ([`Doc::recycle`]).
#[derive(Debug, Default)]
pub(crate) struct Doc<'a> {
    items: Vec<Item<'a>>,
    attrs: Vec<(Str<'a>, Str<'a>)>,
}

/// No item (an index of [`Doc::items`]).
const NONE: u32 = u32::MAX;

#[derive(Debug)]
struct Item<'a> {
    /// An element's name, or a text.
    value: Str<'a>,
    element: bool,
    /// The element's attributes: `attrs[from..to]`.
    attrs: (u32, u32),
    first_child: u32,
    last_child: u32,
    next_sibling: u32,
    /// Byte offset of the element's start tag (or the text) in its file.
    offset: u64,
    /// Byte offset just after the element's end tag (0 until it is read).
    end: u64,
}

impl<'a> Doc<'a> {
    /// The same (empty) vectors for another activity's tree, their allocations kept.
    fn recycle<'b>(self) -> Doc<'b> {
        fn empty<T, U>(mut v: Vec<T>) -> Vec<U> {
            v.clear();
            // Collected in place (same size and alignment): no allocation, none freed.
            v.into_iter().map(|_| unreachable!("the vector is empty")).collect()
        }
        Doc { items: empty(self.items), attrs: empty(self.attrs) }
    }

    pub(crate) fn root(&self) -> El<'_> {
        El { doc: self, i: 0 }
    }

    /// Adds an element or a text as the last child of `parent` (`NONE`: a root); its index.
    fn push(&mut self, parent: u32, value: Str<'a>, element: bool, attrs: (u32, u32), offset: u64) -> u32 {
        let i = self.items.len() as u32;
        self.items.push(Item {
            value,
            element,
            attrs,
            first_child: NONE,
            last_child: NONE,
            next_sibling: NONE,
            offset,
            end: 0,
        });
        if parent != NONE {
            let last = self.items[parent as usize].last_child;
            match last {
                NONE => self.items[parent as usize].first_child = i,
                last => self.items[last as usize].next_sibling = i,
            }
            self.items[parent as usize].last_child = i;
        }
        i
    }

    /// Adds the element `e` (read from `text`, or from elsewhere: then its strings are copied) opens as the last
    /// child of `parent`; its index.
    fn push_start(&mut self, parent: u32, text: &'a str, e: &BytesStart<'_>, offset: u64) -> u32 {
        let from = self.attrs.len() as u32;
        let raw = e.attributes_raw();
        if !scan_attrs(raw, |key, value| self.push_attr(text, key, value)) {
            // Something unusual (no `=`, an unquoted value, no closing quote): quick-xml's own iterator, which
            // skips what it cannot read, from the start of the tag again.
            self.attrs.truncate(from as usize);
            for a in e.attributes().with_checks(false).filter_map(|a| a.ok()) {
                self.push_attr(text, a.key.as_ref(), &a.value);
            }
        }
        let to = self.attrs.len() as u32;
        self.push(parent, borrowed(text, e.name().as_ref()), true, (from, to), offset)
    }

    /// Adds an attribute (`key`, `value` as written) of the element being added.
    fn push_attr(&mut self, text: &'a str, key: &[u8], value: &[u8]) {
        // A value with a reference quick-xml cannot replace is kept as written.
        let value = unescaped(borrowed(text, value)).unwrap_or_else(|(raw, _)| raw);
        self.attrs.push((borrowed(text, key), value));
    }

    /// A tree of the one element `e` opens (its attributes only), its strings copied.
    fn of_start(e: &BytesStart<'_>, offset: u64) -> Doc<'static> {
        let mut doc = Doc::default();
        doc.push_start(NONE, "", e, offset);
        doc
    }
}

/// An element of a [`Doc`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct El<'t> {
    doc: &'t Doc<'t>,
    i: u32,
}

/// A child of an element: an element or a text.
pub(crate) enum Node<'t> {
    El(El<'t>),
    Text(&'t str),
}

/// `part` (bytes of an event read from `text`) as a slice of `text`, so it lives as long as `text`; `None` if it
/// is not one (an event read from elsewhere).
#[inline]
fn within<'a>(text: &'a str, part: &[u8]) -> Option<&'a str> {
    let from = (part.as_ptr() as usize).checked_sub(text.as_ptr() as usize)?;
    text.get(from..from.checked_add(part.len())?)
}

/// `part` as a `Str` borrowed from `text` when it is a slice of it, else copied.
#[inline]
fn borrowed<'a>(text: &'a str, part: &[u8]) -> Str<'a> {
    match within(text, part) {
        Some(s) => Cow::Borrowed(s),
        None => Cow::Owned(String::from_utf8_lossy(part).into_owned()),
    }
}

/// `raw` (a text or an attribute value as written) with its entity and character references replaced: itself
/// when it has none; given back with why when quick-xml cannot replace one.
fn unescaped(raw: Str<'_>) -> Result<Str<'_>, (Str<'_>, quick_xml::escape::EscapeError)> {
    if !raw.as_bytes().contains(&b'&') {
        return Ok(raw);
    }
    replaced(raw)
}

/// [`unescaped`] for `raw` known to hold a `&`.
fn replaced(raw: Str<'_>) -> Result<Str<'_>, (Str<'_>, quick_xml::escape::EscapeError)> {
    match quick_xml::escape::unescape(&raw).map(Cow::into_owned) {
        Ok(v) => Ok(Cow::Owned(v)),
        Err(e) => Err((raw, e)),
    }
}

/// Where the first `end` in `b` is, and whether a `&` comes before it (found in the same search).
fn up_to(end: u8, b: &[u8]) -> Option<(usize, bool)> {
    let first = memchr::memchr2(end, b'&', b)?;
    if b[first] == end {
        return Some((first, false));
    }
    memchr::memchr(end, &b[first..]).map(|n| (first + n, true))
}

/// The index of the first byte at or after `i` that is not XML white space (`b.len()` if none).
fn skip_space(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && is_space(b[i]) {
        i += 1;
    }
    i
}

/// The attributes of a start tag (`raw`: its bytes after the name), each given to `found` as (qualified name,
/// value as written), as quick-xml's attribute iterator reads them when each is `name="value"` or
/// `name='value'` (white space around `=` allowed, none needed after a closing quote); false, at the first
/// attribute that is not, for quick-xml's iterator to read them all again (and skip what it cannot read).
/// Duplicates are not checked, as with quick-xml's iterator `with_checks(false)`.
fn scan_attrs(raw: &[u8], mut found: impl FnMut(&[u8], &[u8])) -> bool {
    let mut i = 0;
    let len = raw.len();
    loop {
        i = skip_space(raw, i);
        if i == len {
            return true;
        }
        let key_start = i;
        // The name's first byte is taken whatever it is (an `=` too), as quick-xml does.
        i += 1;
        while i < len && raw[i] != b'=' && !is_space(raw[i]) {
            i += 1;
        }
        let key_end = i;
        i = skip_space(raw, i);
        if i == len || raw[i] != b'=' {
            return false;
        }
        i = skip_space(raw, i + 1);
        let quote = match raw.get(i) {
            Some(&q @ (b'"' | b'\'')) => q,
            _ => return false,
        };
        let Some(n) = memchr::memchr(quote, &raw[i + 1..]) else { return false };
        found(&raw[key_start..key_end], &raw[i + 1..i + 1 + n]);
        i += n + 2;
    }
}

/// How reading an activity ended.
enum Reading {
    /// Read (imported, or rejected alone): it ends at this file offset.
    Done(u64),
    /// The bytes given end before the activity does (its end tag was found inside a comment, CDATA section or
    /// attribute value, or the file ended): where, and what to say if the file has no more.
    Incomplete(u64, String),
    /// Not well-formed XML: where and why; the rest of the file is not read.
    Malformed(u64, String),
}

/// quick-xml's error `e` at `offset` (a file offset), `at_end` if it is at the end of the bytes given: input that
/// ends inside a markup is incomplete, anything else malformed.
fn xml_error(e: quick_xml::Error, offset: u64, at_end: bool) -> Reading {
    use quick_xml::errors::SyntaxError;
    let message = format!("malformed XML: {e}");
    match e {
        quick_xml::Error::Syntax(SyntaxError::InvalidBangMarkup) if !at_end => Reading::Malformed(offset, message),
        quick_xml::Error::Syntax(_) => Reading::Incomplete(offset, message),
        _ => Reading::Malformed(offset, message),
    }
}

/// The next event of `reader` (over `len` bytes starting at file offset `base`), with the file offset where
/// it starts.
fn next_event<'i>(
    reader: &mut quick_xml::Reader<&'i [u8]>,
    base: u64,
    len: usize,
) -> Result<(u64, Event<'i>), Reading> {
    let at = base + reader.buffer_position();
    match reader.read_event() {
        Ok(event) => Ok((at, event)),
        Err(e) => {
            let offset = reader.error_position();
            Err(xml_error(e, base + offset, offset + 8 >= len as u64))
        }
    }
}

/// The activity's end tag is not in the bytes given (`name` its start tag's name).
fn missing_end(name: &[u8], offset: u64) -> Reading {
    let e = quick_xml::errors::IllFormedError::MissingEndTag(String::from_utf8_lossy(name).into_owned());
    Reading::Incomplete(offset, format!("malformed XML: {e}"))
}

/// XML white space.
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

/// Where the element `bytes` start with ends (file offset; `bytes` start at `base`), from a parse that builds
/// nothing and does not need UTF-8.
fn extent(bytes: &[u8], base: u64) -> Result<u64, Reading> {
    let mut reader = quick_xml::Reader::from_reader(bytes);
    reader.config_mut().trim_text(false);
    let mut depth = 0usize;
    let mut name = Vec::new();
    loop {
        let (at, event) = next_event(&mut reader, base, bytes.len())?;
        match event {
            Event::Start(e) => {
                if depth == 0 {
                    name = e.name().as_ref().to_vec();
                }
                depth += 1;
            }
            Event::End(_) if depth == 1 => return Ok(base + reader.buffer_position()),
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::Empty(_) if depth == 0 => return Ok(base + reader.buffer_position()),
            Event::Eof => return Err(missing_end(&name, at)),
            _ => {}
        }
    }
}

/// An activity's element tree.
struct Tree<'a> {
    /// The activity is its root.
    doc: Doc<'a>,
    /// The activity is an empty element.
    empty: bool,
    /// The first text quick-xml could not unescape (an unknown entity): where and why. The activity is
    /// rejected.
    problem: Option<(u64, String)>,
}

/// The element tree of the element `text` starts with (an activity, at file offset `base`), in `doc` (empty),
/// borrowing names, attribute values and texts from `text` (copied only where an entity is replaced), read in one
/// parse that also checks it is well-formed. Bytes after the element are not read. On an error, `doc` is
/// given back.
fn build_tree<'a>(text: &'a str, base: u64, doc: Doc<'a>) -> Result<Tree<'a>, (Reading, Doc<'a>)> {
    match build_plain_tree(text, base, doc) {
        Ok(tree) => Ok(tree),
        Err(doc) => build_tree_by_quick_xml(text, base, doc),
    }
}

/// The bytes of the element and attribute names [`build_plain_tree`] reads (ASCII letters, digits, `_ : . -`);
/// any other name is left to quick-xml. A table: names are most of an activity's markup.
const PLAIN_NAME: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric() || matches!(c, b'_' | b':' | b'.' | b'-');
        b += 1;
    }
    table
};

fn is_plain_name(b: u8) -> bool {
    PLAIN_NAME[usize::from(b)]
}

/// `a == b`, for names: most are 4 to 16 bytes long, compared here as two words each (the first and the last
/// eight or four bytes, overlapping) instead of by a call to `memcmp` (the schema check made one for most
/// children and attributes, the tree one for each end tag).
#[inline]
pub(crate) fn same_name(a: &str, b: &str) -> bool {
    same_bytes(a.as_bytes(), b.as_bytes())
}

#[inline]
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    if let (Some(a0), Some(a1), Some(b0), Some(b1)) =
        (a.first_chunk::<8>(), a.last_chunk::<8>(), b.first_chunk::<8>(), b.last_chunk::<8>())
    {
        if a.len() <= 16 {
            return a0 == b0 && a1 == b1;
        }
    } else if let (Some(a0), Some(a1), Some(b0), Some(b1)) =
        (a.first_chunk::<4>(), a.last_chunk::<4>(), b.first_chunk::<4>(), b.last_chunk::<4>())
    {
        return a0 == b0 && a1 == b1;
    }
    a == b
}

/// [`build_tree`] for the common activity: start tags with plain names and quoted attributes, end tags, empty
/// tags and text — one pass that finds each tag's end and its attributes together, where quick-xml's reader
/// finds a tag's end and the attributes are then read again. The tree is the one quick-xml's events build (the
/// same items, attributes, offsets and ends; a test compares them on every activity of the test files and on
/// generated ones). Anything else — a comment, CDATA, a processing instruction, another name, a mismatched or
/// missing end tag — gives `doc` back, emptied, for [`build_tree_by_quick_xml`], which reads it (or says what is
/// wrong) as before.
fn build_plain_tree<'a>(text: &'a str, base: u64, mut doc: Doc<'a>) -> Result<Tree<'a>, Doc<'a>> {
    let b = text.as_bytes();
    let mut stack: Vec<u32> = Vec::with_capacity(16);
    let mut problem = None;
    let mut i = 0;
    let unusual = |mut doc: Doc<'a>| {
        doc.items.clear();
        doc.attrs.clear();
        Err(doc)
    };
    loop {
        let top = stack.last().copied().unwrap_or(NONE);
        if b.get(i) != Some(&b'<') {
            // Text, up to the next markup (none: the activity's end is not in these bytes). A reference (`&`) is
            // looked for in the same search: most texts have none, and are then not searched again.
            let Some((n, reference)) = up_to(b'<', &b[i..]) else { return unusual(doc) };
            let raw = Cow::Borrowed(&text[i..i + n]);
            let value = if reference {
                replaced(raw).unwrap_or_else(|(raw, e)| {
                    problem.get_or_insert((base + i as u64, format!("malformed text: {e}")));
                    raw
                })
            } else {
                raw
            };
            if top != NONE {
                doc.push(top, value, false, (0, 0), base + i as u64);
            }
            i += n;
            continue;
        }
        let at = i;
        if b.get(i + 1) == Some(&b'/') {
            // An end tag: the name of the element open, optional white space, `>`.
            let Some(open) = doc.items.get(top as usize).map(|item| item.value.as_bytes()) else {
                return unusual(doc);
            };
            if !b.get(i + 2..i + 2 + open.len()).is_some_and(|name| same_bytes(name, open)) {
                return unusual(doc);
            }
            let j = skip_space(b, i + 2 + open.len());
            if b.get(j) != Some(&b'>') {
                return unusual(doc);
            }
            i = j + 1;
            doc.items[top as usize].end = base + i as u64;
            stack.pop();
            if stack.is_empty() {
                return Ok(Tree { doc, empty: false, problem });
            }
            continue;
        }
        // A start tag: its name, then attributes (`name="value"` or `name='value'`), then `>` or `/>`.
        let mut j = i + 1;
        while j < b.len() && is_plain_name(b[j]) {
            j += 1;
        }
        if j == i + 1 {
            return unusual(doc);
        }
        let name = &text[i + 1..j];
        let from = doc.attrs.len() as u32;
        let empty = loop {
            j = skip_space(b, j);
            match b.get(j) {
                Some(b'>') => break false,
                Some(b'/') if b.get(j + 1) == Some(&b'>') => {
                    j += 1;
                    break true;
                }
                Some(&c) if is_plain_name(c) => {}
                _ => return unusual(doc),
            }
            let key_from = j;
            while j < b.len() && is_plain_name(b[j]) {
                j += 1;
            }
            let key = &text[key_from..j];
            j = skip_space(b, j);
            if b.get(j) != Some(&b'=') {
                return unusual(doc);
            }
            j = skip_space(b, j + 1);
            let quote = match b.get(j) {
                Some(&q @ (b'"' | b'\'')) => q,
                _ => return unusual(doc),
            };
            let Some((n, reference)) = up_to(quote, &b[j + 1..]) else { return unusual(doc) };
            // Between ASCII quotes: whole UTF-8 text, kept as written where a reference cannot be replaced.
            let raw = Cow::Borrowed(&text[j + 1..j + 1 + n]);
            let value = if reference { replaced(raw).unwrap_or_else(|(raw, _)| raw) } else { raw };
            doc.attrs.push((Cow::Borrowed(key), value));
            j += n + 2;
        };
        i = j + 1;
        let to = doc.attrs.len() as u32;
        let e = doc.push(top, Cow::Borrowed(name), true, (from, to), base + at as u64);
        if empty {
            doc.items[e as usize].end = base + i as u64;
            if top == NONE {
                return Ok(Tree { doc, empty: true, problem });
            }
        } else {
            stack.push(e);
        }
    }
}

/// [`build_tree`] by quick-xml's reader: any well-formed activity, and what is wrong with one that is not.
fn build_tree_by_quick_xml<'a>(text: &'a str, base: u64, mut doc: Doc<'a>) -> Result<Tree<'a>, (Reading, Doc<'a>)> {
    let mut reader = quick_xml::Reader::from_str(text);
    reader.config_mut().trim_text(false);
    let mut stack: Vec<u32> = Vec::with_capacity(16);
    let mut problem = None;
    let mut name: &[u8] = b"iati-activity";
    loop {
        let (at, event) = match next_event(&mut reader, base, text.len()) {
            Ok(e) => e,
            Err(short) => return Err((short, doc)),
        };
        let top = stack.last().copied().unwrap_or(NONE);
        match event {
            Event::Start(e) => {
                if stack.is_empty() {
                    name = within(text, e.name().into_inner()).map_or(name, str::as_bytes);
                }
                let i = doc.push_start(top, text, &e, at);
                stack.push(i);
            }
            Event::Empty(e) => {
                let i = doc.push_start(top, text, &e, at);
                doc.items[i as usize].end = base + reader.buffer_position();
                if top == NONE {
                    return Ok(Tree { doc, empty: true, problem });
                }
            }
            Event::Text(t) => {
                let value = unescaped(borrowed(text, &t)).unwrap_or_else(|(raw, e)| {
                    problem.get_or_insert((at, format!("malformed text: {e}")));
                    raw
                });
                if top != NONE {
                    doc.push(top, value, false, (0, 0), at);
                }
            }
            Event::CData(t) if top != NONE => {
                doc.push(top, borrowed(text, &t), false, (0, 0), at);
            }
            Event::End(_) => {
                let Some(done) = stack.pop() else {
                    return Err((Reading::Malformed(at, "unbalanced element".to_string()), doc));
                };
                doc.items[done as usize].end = base + reader.buffer_position();
                if stack.is_empty() {
                    return Ok(Tree { doc, empty: false, problem });
                }
            }
            Event::Eof => return Err((missing_end(name, at), doc)),
            _ => {}
        }
    }
}

/// The children of an element, in order.
pub(crate) struct Children<'t> {
    doc: &'t Doc<'t>,
    next: u32,
}

impl<'t> Iterator for Children<'t> {
    type Item = Node<'t>;

    fn next(&mut self) -> Option<Node<'t>> {
        let item = self.doc.items.get(self.next as usize)?;
        let i = self.next;
        self.next = item.next_sibling;
        Some(if item.element { Node::El(El { doc: self.doc, i }) } else { Node::Text(&item.value) })
    }
}

impl<'t> El<'t> {
    fn item(&self) -> &'t Item<'t> {
        &self.doc.items[self.i as usize]
    }

    /// The element's qualified name.
    pub(crate) fn name(&self) -> &'t str {
        &self.item().value
    }

    /// Byte offset of the element's start tag in its file.
    pub(crate) fn offset(&self) -> u64 {
        self.item().offset
    }

    /// Byte offset just after the element's end tag.
    pub(crate) fn end(&self) -> u64 {
        self.item().end
    }

    /// The attributes (qualified name, value), in order.
    pub(crate) fn attrs(&self) -> &'t [(Str<'t>, Str<'t>)] {
        let (from, to) = self.item().attrs;
        &self.doc.attrs[from as usize..to as usize]
    }

    fn attr(&self, name: &str) -> Option<String> {
        self.attr_ref(name).map(str::to_string)
    }

    pub(crate) fn attr_ref(&self, name: &str) -> Option<&'t str> {
        self.attrs().iter().find(|(k, _)| k == name).map(|(_, v)| v.as_ref())
    }

    /// The child elements and texts.
    pub(crate) fn children(&self) -> Children<'t> {
        Children { doc: self.doc, next: self.item().first_child }
    }

    /// The child elements.
    pub(crate) fn elements(&self) -> impl Iterator<Item = El<'t>> {
        self.children().filter_map(|n| match n {
            Node::El(e) => Some(e),
            _ => None,
        })
    }

    fn child(&self, name: &str) -> Option<El<'t>> {
        self.elements().find(|e| e.name() == name)
    }

    fn children_named<'s>(&self, name: &'s str) -> impl Iterator<Item = El<'t>> + 's
    where
        't: 's,
    {
        self.elements().filter(move |e| e.name() == name)
    }

    /// The element's text, borrowed when it is one piece (most are).
    pub(crate) fn text_ref(&self) -> Cow<'t, str> {
        let mut texts = self.children().filter_map(|n| if let Node::Text(t) = n { Some(t) } else { None });
        match (texts.next(), texts.next()) {
            (None, _) => Cow::Borrowed(""),
            (Some(one), None) => Cow::Borrowed(one),
            (Some(first), Some(second)) => {
                let mut all = String::from(first);
                all.push_str(second);
                texts.for_each(|t| all.push_str(t));
                Cow::Owned(all)
            }
        }
    }

    fn to_xml(self) -> String {
        let mut out = String::new();
        self.write_xml(&mut out);
        out
    }

    fn write_xml(&self, out: &mut String) {
        out.push('<');
        out.push_str(self.name());
        for (k, v) in self.attrs() {
            out.push(' ');
            out.push_str(k);
            out.push_str("=\"");
            out.push_str(&quick_xml::escape::escape(v.as_ref()));
            out.push('"');
        }
        if self.item().first_child == NONE {
            out.push_str("/>");
            return;
        }
        out.push('>');
        for n in self.children() {
            match n {
                Node::El(e) => e.write_xml(out),
                Node::Text(t) => out.push_str(&quick_xml::escape::escape(t)),
            }
        }
        out.push_str("</");
        out.push_str(self.name());
        out.push('>');
    }
}

fn is_same(a: El, b: Option<El>) -> bool {
    b.is_some_and(|b| std::ptr::eq(a.doc, b.doc) && a.i == b.i)
}

fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.try_get_attribute(name).ok().flatten().and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
}

/// The texts of an element: its `narrative` children (2.0x) each in its language, or its own text (1.0x).
fn narratives(el: Option<El<'_>>, default_lang: &str) -> Text {
    let Some(el) = el else { return Text::default() };
    let mut values = BTreeMap::new();
    let mut any = false;
    for n in el.children_named("narrative") {
        any = true;
        let lang = n.attr_ref("xml:lang").unwrap_or(default_lang);
        let text = n.text_ref().trim().to_string();
        if !text.is_empty() {
            values.entry(language_code(lang)).or_insert(text);
        }
    }
    if !any {
        let lang = el.attr_ref("xml:lang").unwrap_or(default_lang);
        let text = el.text_ref().trim().to_string();
        if !text.is_empty() {
            values.insert(language_code(lang), text);
        }
    }
    let mut text = Text::from_map(values);
    let default = language_code(default_lang);
    if text.values.contains_key(&default) {
        text.original = Some(default);
    }
    text
}

/// A BCP 47 primary tag as cogov stores it: lowercase; anything unusable becomes `und`.
fn language_code(lang: &str) -> String {
    let primary = lang.trim().split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase();
    if (2..=3).contains(&primary.len()) && primary.bytes().all(|b| b.is_ascii_lowercase()) {
        primary
    } else {
        "und".into()
    }
}

fn parse_amount(text: &str) -> f64 {
    let text = text.trim();
    let parsed = match memchr::memchr(b',', text.as_bytes()) {
        None => text.parse::<f64>(),
        Some(_) => text.replace(',', "").parse::<f64>(),
    };
    parsed.ok().filter(|v| v.is_finite()).unwrap_or(0.0)
}

fn role_label(code: &str) -> &str {
    match code {
        "1" | "Funding" => "funding",
        "2" | "Accountable" => "accountable",
        "3" | "Extending" => "extending",
        "4" | "Implementing" => "implementing",
        other => other,
    }
}

/// The M49 regions of the catalog's countries (their regions, sub-regions and intermediate regions), and the
/// world (001) above them.
fn known_regions(countries: &[Country]) -> HashSet<String> {
    let mut known: HashSet<String> = countries
        .iter()
        .flat_map(|c| [&c.region, &c.subregion, &c.intermediate_region])
        .filter(|r| !r.is_empty())
        .cloned()
        .collect();
    if !known.is_empty() {
        known.insert("001".into());
    }
    known
}

/// The UN M49 regions an IATI recipient region stands for. Vocabulary 1 (OECD DAC regions): the M49 region
/// covering the same countries, or the two whose union does (389 Caribbean & Central America, 689 South &
/// Central Asia, 789 Far East Asia); 589 Middle East is taken as Western Asia. 88 (States Ex-Yugoslavia) and
/// 998 (developing countries) have no M49 equivalent. Vocabulary 2 is M49 itself. Other vocabularies (99:
/// the reporting organization's own) map to nothing. Unmapped regions stay in `attributes.iati`.
pub fn region_to_m49(vocabulary: &str, code: &str) -> Vec<&'static str> {
    let one = |m: &'static str| vec![m];
    match (vocabulary, code) {
        ("1", "89") => one("150"),
        ("1", "189") => one("015"),
        ("1", "289") => one("202"),
        ("1", "298") => one("002"),
        ("1", "380") | ("1", "1031") => one("029"),
        ("1", "389") => vec!["029", "013"],
        ("1", "489") => one("005"),
        ("1", "498") => one("019"),
        ("1", "589") => one("145"),
        ("1", "619") => one("143"),
        ("1", "679") => one("034"),
        ("1", "689") => vec!["034", "143"],
        ("1", "789") => vec!["030", "035"],
        ("1", "798") => one("142"),
        ("1", "889") => one("009"),
        ("1", "1027") => one("014"),
        ("1", "1028") => one("017"),
        ("1", "1029") => one("018"),
        ("1", "1030") => one("011"),
        ("1", "1032") => one("013"),
        ("1", "1033") => one("054"),
        ("1", "1034") => one("057"),
        ("1", "1035") => one("061"),
        ("2", code) => {
            M49_REGIONS.iter().copied().filter(|m| m.trim_start_matches('0') == code.trim_start_matches('0')).collect()
        }
        _ => vec![],
    }
}

/// The M49 region codes (vocabulary 2 is matched against these, leading zeros or not).
const M49_REGIONS: &[&str] = &[
    "001", "002", "005", "009", "011", "013", "014", "015", "017", "018", "019", "021", "029", "030", "034", "035",
    "039", "053", "054", "057", "061", "142", "143", "145", "150", "151", "154", "155", "202", "419",
];

fn status_label(code: &str) -> &'static str {
    match code {
        "1" => "pipeline/identification",
        "2" => "implementation",
        "3" => "finalisation",
        "4" => "closed",
        "5" => "cancelled",
        "6" => "suspended",
        _ => "unknown",
    }
}

fn date_label(code: &str) -> &str {
    match code {
        "1" | "start-planned" => "planned_start",
        "2" | "start-actual" => "actual_start",
        "3" | "end-planned" => "planned_end",
        "4" | "end-actual" => "actual_end",
        other => other,
    }
}

fn transaction_label(code: &str) -> &str {
    match code {
        "1" | "IF" => "incoming_funds",
        "2" | "C" => "outgoing_commitment",
        "3" | "D" => "disbursement",
        "4" | "E" => "expenditure",
        "5" | "IR" => "interest_payment",
        "6" | "LR" => "loan_repayment",
        "7" | "R" => "reimbursement",
        "8" | "QP" => "purchase_of_equity",
        "9" | "QS" => "sale_of_equity",
        "10" | "CG" => "credit_guarantee",
        "11" => "incoming_commitment",
        "12" => "outgoing_pledge",
        "13" => "incoming_pledge",
        other => other,
    }
}

/// The file's bytes, read in large blocks and kept from a given offset on, under quick-xml's reader (a
/// `BufRead`: it reads only through `fill_buf` and `consume`). An element's original text is a slice of them (no
/// re-serialising, nothing lost: quoting, entities, comments stay as written), and an activity is parsed from
/// them in place ([`ActivityStream::take_activity`]), moving the read position past it.
pub(crate) struct Recorder<R> {
    inner: R,
    /// Offset in the file of `bytes[0]`.
    start: u64,
    /// The bytes read and held are `bytes[..held]`; the rest is room to read into, zero-filled only when it
    /// grows (not for every block read).
    bytes: Vec<u8>,
    held: usize,
    /// The read position in `bytes`.
    pos: usize,
    /// Bytes before this file offset may be dropped.
    keep: u64,
    /// Lines and columns, when they are counted: bytes are counted before they are dropped.
    lines: Option<Lines>,
}

/// How much is read from the file at a time.
const BLOCK: usize = 1 << 16;

impl<R: BufRead> Recorder<R> {
    fn new(inner: R) -> Self {
        Recorder { inner, start: 0, bytes: Vec::new(), held: 0, pos: 0, keep: 0, lines: None }
    }

    /// Lets the bytes before file offset `offset` go.
    fn keep_from(&mut self, offset: u64) {
        self.keep = offset;
    }

    /// The file offset of the read position.
    fn position(&self) -> u64 {
        self.start + self.pos as u64
    }

    /// Reads more of the file after the bytes held, first dropping those before the kept offset when they are
    /// at least half of them (so each byte is moved at most once on average); false at the end of the file.
    fn read_more(&mut self) -> std::io::Result<bool> {
        let drop = (self.keep.saturating_sub(self.start) as usize).min(self.pos);
        if drop > 0 && drop >= self.held / 2 {
            if let Some(lines) = &mut self.lines {
                lines.count_to(self.start + drop as u64, &self.bytes[..self.held], self.start);
            }
            self.bytes.copy_within(drop..self.held, 0);
            self.held -= drop;
            self.pos -= drop;
            self.start += drop as u64;
        }
        let held = self.held;
        if self.bytes.len() < held + BLOCK {
            self.bytes.resize(held + BLOCK, 0);
        }
        let n = loop {
            match self.inner.read(&mut self.bytes[held..held + BLOCK]) {
                Ok(n) => break n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            }
        };
        self.held += n;
        Ok(n > 0)
    }

    /// Finds `close` (`</NAME`, an end tag's start) at or after file offset `from`, followed by optional white
    /// space and `>`, reading more of the file as needed: the file offsets of its `<` and of the byte after
    /// its `>`; `None` if the file ends first (all of it is then held). `from` must not be before the kept
    /// offset.
    fn find_end(&mut self, close: &[u8], mut from: u64) -> std::io::Result<Option<(u64, u64)>> {
        loop {
            let i = (from - self.start) as usize;
            match memchr::memmem::find(&self.bytes[i..self.held], close) {
                Some(j) => {
                    let after = i + j + close.len();
                    match self.bytes[after..self.held].iter().position(|b| !is_space(*b)) {
                        Some(k) if self.bytes[after + k] == b'>' => {
                            let at = self.start + (i + j) as u64;
                            return Ok(Some((at, self.start + (after + k + 1) as u64)));
                        }
                        // A longer name (`</iati-activity-x`): on.
                        Some(_) => {
                            from = self.start + (i + j + 1) as u64;
                            continue;
                        }
                        None => from = self.start + (i + j) as u64,
                    }
                }
                None => from = self.start + self.held.saturating_sub(close.len()).max(i) as u64,
            }
            if !self.read_more()? {
                return Ok(None);
            }
        }
    }
}

impl<R: BufRead> Read for Recorder<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(out.len());
        out[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Recorder<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        if self.pos == self.held {
            self.read_more()?;
        }
        Ok(&self.bytes[self.pos..self.held])
    }

    fn consume(&mut self, amount: usize) {
        self.pos = (self.pos + amount).min(self.held);
    }
}

/// How many bytes of `bytes` match: 64 at a time into a byte-sized sum, which the compiler turns into vector
/// compares and adds (a plain `filter().count()` stays a byte-by-byte loop).
fn count(bytes: &[u8], matches: impl Fn(u8) -> bool) -> u64 {
    let mut chunks = bytes.chunks_exact(64);
    let mut n = 0u64;
    for chunk in &mut chunks {
        n += u64::from(chunk.iter().map(|&b| u8::from(matches(b))).sum::<u8>());
    }
    n + chunks.remainder().iter().filter(|&&b| matches(b)).count() as u64
}

/// Byte offsets to lines and columns, counted forward in the bytes read (offsets asked for only grow; the
/// recorder counts its bytes before it drops them, so each byte is counted once and the file is read once).
/// Counting is done with loops the compiler vectorises (newlines, then characters after the last one), not
/// byte by byte.
#[derive(Debug, Default)]
struct Lines {
    /// The file offset counted up to.
    offset: u64,
    /// Line and column at `offset`, less one each.
    line: u64,
    col: u64,
}

impl Lines {
    /// Counts up to file offset `target` (or the end of `bytes`, which start at file offset `start` and hold
    /// the bytes from the offset counted up to on).
    fn count_to(&mut self, target: u64, bytes: &[u8], start: u64) {
        let (Some(from), Some(to)) = (self.offset.checked_sub(start), target.checked_sub(start)) else { return };
        let to = (to as usize).min(bytes.len());
        let Some(bytes) = bytes.get(from as usize..to) else { return };
        let chars = |b: &[u8]| count(b, |b| (b & 0xC0) != 0x80);
        let newlines = count(bytes, |b| b == b'\n');
        if newlines == 0 {
            self.col += chars(bytes);
        } else {
            self.line += newlines;
            let last = bytes.iter().rposition(|b| *b == b'\n').unwrap_or(0);
            self.col = chars(&bytes[last + 1..]);
        }
        self.offset += bytes.len() as u64;
    }

    /// The line and column of file offset `target` (none if it is before the offset counted up to).
    fn position(&mut self, target: u64, bytes: &[u8], start: u64) -> Option<(u64, u64)> {
        if target < self.offset {
            return None;
        }
        self.count_to(target, bytes, start);
        Some((self.line + 1, self.col + 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The IATI files of the tests: the conformance files and the D-Portal extract.
    fn test_files() -> Vec<PathBuf> {
        let mut files = Vec::new();
        let mut dirs = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/iati")];
        while let Some(d) = dirs.pop() {
            for path in std::fs::read_dir(d).into_iter().flatten().filter_map(|e| e.ok().map(|e| e.path())) {
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|x| x == "xml") {
                    files.push(path);
                }
            }
        }
        files
    }

    /// Whether the plain reader reads `text`; if it does, quick-xml's reader must read it too, to the same tree
    /// (asserted).
    fn plain_tree_is_quick_xml_tree(text: &str) -> bool {
        let Ok(plain) = build_plain_tree(text, 7, Doc::default()) else { return false };
        let quick = build_tree_by_quick_xml(text, 7, Doc::default())
            .unwrap_or_else(|_| panic!("quick-xml refuses what the plain reader read: {text:?}"));
        assert_eq!(
            (format!("{:?}", plain.doc), plain.empty, &plain.problem),
            (format!("{:?}", quick.doc), quick.empty, &quick.problem),
            "{text:?}"
        );
        true
    }

    #[test]
    fn the_plain_tree_of_every_test_activity_is_quick_xml_tree() {
        let paths = test_files();
        let (mut activities, mut plain, mut dportal, mut plain_without_comments) = (0, 0, 0, 0);
        for path in &paths {
            let bytes = std::fs::read(path).expect("readable");
            let text = match std::str::from_utf8(&bytes) {
                Ok(t) => t,
                Err(e) => std::str::from_utf8(&bytes[..e.valid_up_to()]).expect("valid prefix"),
            };
            // The conformance files' activities are full of comments (left to quick-xml): compared without them
            // too.
            let mut uncommented = String::with_capacity(text.len());
            let mut rest = text;
            while let Some(from) = rest.find("<!--") {
                uncommented.push_str(&rest[..from]);
                rest = rest[from..].find("-->").map_or("", |to| &rest[from + to + 3..]);
            }
            uncommented.push_str(rest);
            for (at, _) in text.match_indices("<iati-activity") {
                activities += 1;
                if plain_tree_is_quick_xml_tree(&text[at..]) {
                    plain += 1;
                    dportal += usize::from(path.ends_with("dportal-activities-4e93a72.xml"));
                }
            }
            for (at, _) in uncommented.match_indices("<iati-activity") {
                plain_without_comments += usize::from(plain_tree_is_quick_xml_tree(&uncommented[at..]));
            }
        }
        // Every activity of the real extract is read by the plain reader, and most without their comments.
        assert!(paths.len() > 500 && activities > 600, "{} files, {activities} activities", paths.len());
        assert_eq!(dportal, 100);
        assert!(plain > dportal, "{plain} of {activities}");
        assert!(plain_without_comments * 10 > activities * 8, "{plain_without_comments} of {activities}");
    }

    #[test]
    fn the_plain_reader_gives_unusual_markup_to_quick_xml() {
        for text in [
            "<a><!-- c --></a>",
            "<a><![CDATA[x]]></a>",
            "<a><?pi x?></a>",
            "<a></b>",
            "<a x=1></a>",
            "<a x=\"1></a>",
            "<a/ ></a>",
            "<é></é>",
            "< a></a>",
            "<a></a >x",
            "<a>text",
            "<a><b></a>",
        ] {
            let unusual = build_plain_tree(text, 0, Doc::default()).is_err();
            // `<a></a >` is plain (white space before `>`); the rest is quick-xml's.
            assert_eq!(unusual, text != "<a></a >x", "{text:?}");
        }
        // What it reads, with its text problem and its empty root, as quick-xml's tree.
        for text in ["<a x='1' y = \"&amp;>\"/>", "<a>t&bad;<b/>&lt;</a>", "<a x=\"1\"y='2'>\n</a\t>"] {
            assert!(plain_tree_is_quick_xml_tree(text), "{text:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn the_plain_tree_is_quick_xml_tree(parts in proptest::collection::vec(0usize..24, 0..40)) {
            const PARTS: [&str; 24] = [
                "<a>", "</a>", "<b x=\"1\">", "</b>", "<c/>", "<c y='2' z = \"3\"/>", "text", " ", "\n\t",
                "&amp;", "&bad;", "é中", "<!-- c -->", "<![CDATA[x]]>", "<?pi?>", "</ a>", "<a x=\"1\"y='2'>",
                "<b x=\">\">", "<b:c>", "</b:c>", "<d\n>", "</d >", "<a x='&lt;'>", ">",
            ];
            let text: String = std::iter::once("<r>")
                .chain(parts.iter().map(|&i| PARTS[i]))
                .chain(std::iter::once("</r>"))
                .collect();
            plain_tree_is_quick_xml_tree(&text);
        }
    }

    #[test]
    fn attributes_are_read_as_quick_xml_reads_them() {
        let tags = [
            "a",
            "a ",
            r#"a x="1""#,
            r#"a x="1" y='2'"#,
            r#"a x = "1"  y	=
'2' "#,
            r#"a x="1"y="2""#,
            r#"a x="1" x="2""#,
            r#"a x="" y='"' z="'""#,
            r#"a x="a &amp; b" xml:lang="fr""#,
            r#"a =="1""#,
            r#"a x"#,
            r#"a x y="1""#,
            r#"a x="#,
            r#"a x=1 y="2""#,
            r#"a x="1"#,
            r#"a x="1" y"#,
            r#"a x='1" y="2'"#,
            "a x=\"caf\u{e9}\" \u{e9}=\"\u{2603}\"",
        ];
        for tag in tags {
            let e = BytesStart::from_content(tag, 1);
            let expected: Vec<(Vec<u8>, Vec<u8>)> = e
                .attributes()
                .with_checks(false)
                .filter_map(|a| a.ok())
                .map(|a| (a.key.as_ref().to_vec(), a.value.to_vec()))
                .collect();
            let mut scanned = Vec::new();
            let whole = scan_attrs(e.attributes_raw(), |k, v| scanned.push((k.to_vec(), v.to_vec())));
            if whole {
                assert_eq!(scanned, expected, "{tag}");
            }
            // Through the tree either way.
            let doc = Doc::of_start(&e, 0);
            let attrs: Vec<(Vec<u8>, Vec<u8>)> =
                doc.root().attrs().iter().map(|(k, v)| (k.as_bytes().to_vec(), v.as_bytes().to_vec())).collect();
            let unescaped: Vec<(Vec<u8>, Vec<u8>)> = expected
                .iter()
                .map(|(k, v)| {
                    let v = String::from_utf8_lossy(v).into_owned();
                    (k.clone(), quick_xml::escape::unescape(&v).map_or(v.clone(), |u| u.into_owned()).into_bytes())
                })
                .collect();
            assert_eq!(attrs, unescaped, "{tag}");
        }
        assert!(!scan_attrs(br#" x=1"#, |_, _| {}));
        assert!(scan_attrs(br#" x="1" y='2'"#, |_, _| {}));
    }

    /// Activities' attributes are written as text; they must be exactly what serde_json writes for them (the
    /// store keeps documents as serde writes them), with the kept XML as it is in the file.
    #[test]
    fn attributes_written_as_text_are_what_serde_writes() {
        let files = test_files();
        assert!(files.len() > 10, "the conformance files are there");
        let (mut activities, mut kept) = (0, 0);
        for path in files {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            let mut stream = ActivityStream::new(text.as_bytes(), "t", None, HashSet::new(), HashSet::new());
            while let Some(item) = stream.next_record() {
                let Ok(record) = item else { continue };
                let Some(deferred) = record.input.attributes_json else { continue };
                activities += 1;
                // The kept XML is written deferred (see `cogov_core::entry::DEFERRED`), escaped when expanded.
                let json = cogov_core::entry::expand_deferred(&deferred);
                let parsed: serde_json::Map<String, Value> = serde_json::from_str(&json).expect("JSON");
                let kept_here = parsed["iati"].get("extension_xml").and_then(Value::as_array).map_or(0, Vec::len);
                assert_eq!(deferred.matches('\0').count(), 2 * kept_here, "{}", path.display());
                // After the room left for the rest of the document.
                assert_eq!(serde_json::to_string(&parsed).expect("JSON"), json.trim_start(), "{}", path.display());
                for xml in parsed["iati"].get("extension_xml").and_then(Value::as_array).into_iter().flatten() {
                    assert!(text.contains(xml.as_str().expect("text")), "{}: {xml}", path.display());
                    kept += 1;
                }
            }
        }
        assert!(activities > 100 && kept > 500, "{activities} activities, {kept} elements kept");
    }

    /// Names are compared as words: equal exactly when the strings are, at every length and whichever byte
    /// differs.
    #[test]
    fn names_are_the_same_when_they_are_equal() {
        let base: Vec<u8> = (0..40u8).map(|i| b'a' + i % 26).collect();
        for len in 0..=base.len() {
            let a = std::str::from_utf8(&base[..len]).expect("ASCII");
            assert!(same_name(a, a), "{a}");
            // Every byte changed in turn, and every other length.
            for at in 0..len {
                let mut other = base[..len].to_vec();
                other[at] = b'-';
                let b = std::str::from_utf8(&other).expect("ASCII");
                assert!(!same_name(a, b), "{a} {b}");
                assert!(!same_name(b, a), "{b} {a}");
            }
            for other in 0..=base.len() {
                let b = std::str::from_utf8(&base[..other]).expect("ASCII");
                assert_eq!(same_name(a, b), len == other, "{a} {b}");
            }
        }
        assert!(same_name("narrative", "narrative") && !same_name("narrative", "narrativf"));
        assert!(!same_name("participating-org", "participating-orh"));
    }

    /// The end of a text or value is found with whether a reference comes before it, and a reference after the
    /// end does not count.
    #[test]
    fn the_search_for_an_end_notes_a_reference_before_it() {
        assert_eq!(up_to(b'<', b"plain text<b/>"), Some((10, false)));
        assert_eq!(up_to(b'<', b"<"), Some((0, false)));
        assert_eq!(up_to(b'<', b"a &amp; b</t>"), Some((9, true)));
        assert_eq!(up_to(b'<', b"&<"), Some((1, true)));
        assert_eq!(up_to(b'"', b"AT&amp;T\" x='&'"), Some((8, true)));
        assert_eq!(up_to(b'"', b"2024-01-01\" x='&amp;'"), Some((10, false)));
        // No end: the bytes hold no whole text or value.
        assert_eq!(up_to(b'<', b"no end &amp; here"), None);
        assert_eq!(up_to(b'<', b""), None);
        // Longer than a vector, the `&` past the first 32 bytes.
        let long = format!("{}&lt;{}<", "x".repeat(40), "y".repeat(40));
        assert_eq!(up_to(b'<', long.as_bytes()), Some((long.len() - 1, true)));
    }

    #[test]
    fn counting_by_chunks_counts_like_a_plain_loop() {
        let text = "ligne 1\nlíne 2 — ☃\n\n".repeat(37) + "fin";
        for len in [0, 1, 63, 64, 65, 200, text.len()] {
            let bytes = &text.as_bytes()[..len];
            assert_eq!(count(bytes, |b| b == b'\n'), bytes.iter().filter(|b| **b == b'\n').count() as u64);
            let chars = bytes.iter().filter(|b| (**b & 0xC0) != 0x80).count() as u64;
            assert_eq!(count(bytes, |b| (b & 0xC0) != 0x80), chars);
        }
    }
}
