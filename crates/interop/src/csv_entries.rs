//! Entries and their tags as CSV (UTF-8, header row, RFC 4180 quoting). Columns are documented in
//! `docs/interop.md`:
//!
//! `external_source, external_id, kind, status, slug, title.LANG…, summary.LANG…, stakeholder_group, countries,
//! regions, website, tags, attributes` — lists separated by `;`, `attributes` a JSON object. Export adds `id`
//! first (ignored on import). Import keys each row by `external_source:external_id`.

use std::collections::{BTreeMap, BTreeSet};
use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};

use cogov_app::entries::EntryInput;
use cogov_app::import::{ImportInput, Location, Problem, Record, RecordSource};
use cogov_core::entry::{Entry, ExternalId, Provenance, Tag};
use cogov_core::Text;

pub const SOURCE: &str = "csv";

const FIXED: &[&str] = &[
    "external_source",
    "external_id",
    "kind",
    "status",
    "slug",
    "stakeholder_group",
    "countries",
    "regions",
    "website",
    "tags",
    "attributes",
];

/// Entries as CSV text, one row each (title and summary columns for every language any entry uses).
pub fn export(entries: &[Entry]) -> Result<String, csv::Error> {
    let mut langs = BTreeSet::new();
    for e in entries {
        langs.extend(e.title.values.keys().cloned());
        langs.extend(e.summary.values.keys().cloned());
    }
    let mut header = vec!["id".to_string(), "external_source".into(), "external_id".into(), "kind".into()];
    header.extend(["status", "slug"].map(String::from));
    header.extend(langs.iter().map(|l| format!("title.{l}")));
    header.extend(langs.iter().map(|l| format!("summary.{l}")));
    header.extend(["stakeholder_group", "countries", "regions", "website", "tags", "attributes"].map(String::from));
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(&header)?;
    for e in entries {
        let ext = e.external_ids.first();
        let mut row = vec![
            e.id.clone(),
            ext.map(|x| x.source.clone()).unwrap_or_default(),
            ext.map(|x| x.id.clone()).unwrap_or_default(),
            e.kind.code().to_string(),
            e.status.code().to_string(),
            e.slug.clone(),
        ];
        row.extend(langs.iter().map(|l| e.title.values.get(l).cloned().unwrap_or_default()));
        row.extend(langs.iter().map(|l| e.summary.values.get(l).cloned().unwrap_or_default()));
        row.push(e.stakeholder_group.map(|g| g.code().to_string()).unwrap_or_default());
        row.push(e.countries.join(";"));
        row.push(e.regions.join(";"));
        row.push(e.website.clone().unwrap_or_default());
        row.push(e.tags.iter().map(|t| t.node.as_str()).collect::<Vec<_>>().join(";"));
        row.push(if e.attributes.is_empty() {
            String::new()
        } else {
            serde_json::Value::Object(e.attributes.clone()).to_string()
        });
        w.write_record(&row)?;
    }
    let bytes = w.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// A CSV file of entries to import.
pub struct CsvFile {
    path: PathBuf,
    label: String,
    fingerprint: String,
    size: u64,
}

impl CsvFile {
    pub fn new(path: &Path) -> std::io::Result<Self> {
        let bytes = std::fs::read(path)?;
        use sha2::{Digest, Sha256};
        let fingerprint = Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
        Ok(CsvFile {
            path: path.to_path_buf(),
            label: path.display().to_string(),
            fingerprint,
            size: bytes.len() as u64,
        })
    }
}

impl ImportInput for CsvFile {
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
        let problem =
            |field: &str, reason: String| Box::new(Problem::new(Location::at(&self.label, 1, 1), field, reason));
        let file = File::open(&self.path).map_err(|e| problem("file", e.to_string()))?;
        let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(BufReader::new(file));
        let header: Vec<String> = reader
            .headers()
            .map_err(|e| problem("header", e.to_string()))?
            .iter()
            .enumerate()
            .map(|(i, h)| if i == 0 { h.trim_start_matches('\u{feff}').to_string() } else { h.to_string() })
            .collect();
        for h in &header {
            let known = h == "id"
                || FIXED.contains(&h.as_str())
                || h.strip_prefix("title.").or_else(|| h.strip_prefix("summary.")).is_some_and(|l| !l.is_empty());
            if !known {
                return Err(problem(h, format!("unknown column '{h}' (see docs/interop.md)")));
            }
        }
        for required in ["external_source", "external_id", "kind"] {
            if !header.iter().any(|h| h == required) {
                return Err(problem(required, format!("the column '{required}' is required")));
            }
        }
        Ok(Box::new(CsvSource { reader, header, label: self.label.clone(), index: 0 }))
    }
}

struct CsvSource {
    reader: csv::Reader<BufReader<File>>,
    header: Vec<String>,
    label: String,
    index: u64,
}

impl RecordSource for CsvSource {
    fn next_record(&mut self) -> Option<Result<Record, Problem>> {
        let mut row = csv::StringRecord::new();
        match self.reader.read_record(&mut row) {
            Ok(false) => None,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                // A broken row (bad quoting, wrong column count, invalid UTF-8): the reader cannot go on safely.
                let problem = Problem::new(Location::at(&self.label, line, 1), "row", e.to_string());
                self.index = u64::MAX;
                Some(Err(problem))
            }
            Ok(true) if self.index == u64::MAX => None,
            Ok(true) => {
                self.index += 1;
                let line = row.position().map_or(0, |p| p.line());
                let location = Location { record: Some(self.index), ..Location::at(&self.label, line, 1) };
                Some(
                    self.map(&row)
                        .map_err(|(field, reason)| Problem::new(location.clone(), field, reason))
                        .map(|(key, input)| Record { location, key, input, flags: vec![], flags_in_attributes: false }),
                )
            }
        }
    }

    fn bytes_read(&self) -> u64 {
        self.reader.position().byte()
    }
}

impl CsvSource {
    fn map(&self, row: &csv::StringRecord) -> Result<(ExternalId, EntryInput), (String, String)> {
        let mut cols: BTreeMap<&str, &str> = BTreeMap::new();
        for (h, v) in self.header.iter().zip(row.iter()) {
            cols.insert(h.as_str(), v);
        }
        let get = |k: &str| cols.get(k).map(|v| v.trim()).filter(|v| !v.is_empty());
        let bad = |k: &str, m: String| (k.to_string(), m);
        let source = get("external_source").ok_or_else(|| bad("external_source", "required".into()))?;
        let id = get("external_id").ok_or_else(|| bad("external_id", "required".into()))?;
        let key = ExternalId { source: source.to_string(), id: id.to_string() };
        let list = |k: &str| -> Vec<String> {
            get(k)
                .map(|v| v.split(';').map(|x| x.trim().to_string()).filter(|x| !x.is_empty()).collect())
                .unwrap_or_default()
        };
        let texts = |prefix: &str| -> Option<Text> {
            let values: BTreeMap<String, String> = cols
                .iter()
                .filter_map(|(h, v)| Some((h.strip_prefix(prefix)?.to_string(), v.trim().to_string())))
                .filter(|(_, v)| !v.is_empty())
                .collect();
            (!values.is_empty()).then(|| Text::from_map(values))
        };
        let provenance = Provenance::Imported { source: key.source.clone(), external_id: key.id.clone() };
        let attributes = match get("attributes") {
            None => None,
            Some(text) => match serde_json::from_str::<serde_json::Value>(text) {
                Ok(serde_json::Value::Object(m)) => Some(m),
                Ok(_) => return Err(bad("attributes", "must be a JSON object".into())),
                Err(e) => return Err(bad("attributes", format!("invalid JSON at column {}: {e}", e.column()))),
            },
        };
        let input = EntryInput {
            kind: Some(get("kind").unwrap_or_default().parse().map_err(|e| bad("kind", format!("{e}")))?),
            status: get("status").map(str::parse).transpose().map_err(|e| bad("status", format!("{e}")))?,
            slug: get("slug").map(str::to_string),
            title: texts("title."),
            summary: texts("summary."),
            stakeholder_group: get("stakeholder_group")
                .map(str::parse)
                .transpose()
                .map_err(|e| bad("stakeholder_group", format!("{e}")))?,
            countries: Some(list("countries")),
            regions: Some(list("regions")),
            website: Some(get("website").unwrap_or_default().to_string()),
            external_ids: Some(vec![key.clone()]),
            tags: Some(
                list("tags")
                    .into_iter()
                    .map(|node| Tag { node, provenance: provenance.clone(), evidence: None })
                    .collect(),
            ),
            attributes,
            attributes_json: None,
        };
        Ok((key, input))
    }
}
