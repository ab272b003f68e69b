//! The Digital Public Goods Alliance registry format (DPGAlliance/publicgoods-candidates): `nominees/*.json`
//! (one digital public good or nominee each, described by `nominee-schema.json`) and `digitalpublicgoods/*.json`
//! (its answers to the DPG Standard, same file name).
//!
//! Import: each nominee becomes a `dpg` entry keyed `dpg-registry:FILE-STEM`; each organization becomes an
//! `actor` entry keyed `dpg-registry-org:NAME|WEBSITE` (deduplicated on normalised name and website), with the
//! relation (owner, maintainer, funder, implementer) recorded on both sides. Contact names and e-mails are never
//! read. Real-world quirks handled: byte-order marks, and files that are git symbolic links checked out as text
//! (the file holds another file's name).
//!
//! Export: `dpg` entries back to nominee records valid against `nominee-schema.json`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use cogov_app::entries::EntryInput;
use cogov_app::import::{ImportInput, Location, Problem, Record, RecordSource};
use cogov_core::entry::{Entry, EntryKind, Evidence, ExternalId, Provenance, Status, Tag};
use cogov_core::geo::Country;
use cogov_core::Text;
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};

use crate::countries::CountryNames;
use crate::text::{decode_utf8, first_http_url, normalise_url};

pub const SOURCE: &str = "dpg-registry";
pub const ORG_SOURCE: &str = "dpg-registry-org";

/// The registry's JSON Schema for nominee records (draft-07), as published with the registry.
pub const NOMINEE_SCHEMA: &str = include_str!("../../../data/demo/dpg-registry/nominee-schema.json");

/// The nine indicators of the DPG Standard, in order, with the key of their answer in
/// `digitalpublicgoods/*.json` (indicators 1 and 2 are answered by the nominee record's SDGs and licences).
pub const INDICATORS: [(&str, &str); 9] = [
    ("relevance_to_sdgs", "SDGs"),
    ("open_licensing", "license"),
    ("clear_ownership", "clearOwnership"),
    ("platform_independence", "platformIndependence"),
    ("documentation", "documentation"),
    ("mechanism_for_extracting_data", "NonPII"),
    ("privacy_and_applicable_laws", "privacy"),
    ("standards_and_best_practices", "standards"),
    ("do_no_harm", "doNoHarm"),
];

/// A registry checkout (or the bundled copy), read into memory: it is a few megabytes.
pub struct DpgRegistry {
    label: String,
    /// Path relative to the registry root (`nominees/x.json`) → bytes.
    files: BTreeMap<String, Vec<u8>>,
    countries: Vec<Country>,
    fingerprint: String,
    total_bytes: u64,
}

impl DpgRegistry {
    /// Reads `nominees/*.json` and `digitalpublicgoods/*.json` under `root`.
    pub fn from_dir(root: &Path, countries: &[Country]) -> std::io::Result<Self> {
        let mut files = Vec::new();
        for dir in ["nominees", "digitalpublicgoods"] {
            let path = root.join(dir);
            if dir == "digitalpublicgoods" && !path.exists() {
                continue;
            }
            for item in std::fs::read_dir(&path)
                .map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", path.display())))?
            {
                let item = item?;
                let name = item.file_name().to_string_lossy().into_owned();
                if name.ends_with(".json") {
                    files.push((format!("{dir}/{name}"), std::fs::read(item.path())?));
                }
            }
        }
        Ok(Self::from_files(&root.display().to_string(), files, countries))
    }

    /// A registry from in-memory files named relative to its root (`nominees/x.json`).
    pub fn from_files(label: &str, files: Vec<(String, Vec<u8>)>, countries: &[Country]) -> Self {
        let files: BTreeMap<String, Vec<u8>> = files.into_iter().collect();
        let mut hash = Sha256::new();
        for (name, bytes) in &files {
            hash.update(name.as_bytes());
            hash.update([0]);
            hash.update(bytes);
        }
        let fingerprint = hash.finalize().iter().map(|b| format!("{b:02x}")).collect();
        let total_bytes = files.values().map(|b| b.len() as u64).sum();
        DpgRegistry { label: label.to_string(), files, countries: countries.to_vec(), fingerprint, total_bytes }
    }

    pub fn nominee_count(&self) -> usize {
        self.files.keys().filter(|k| k.starts_with("nominees/")).count()
    }

    /// Every record: the organizations first (so a DPG's actors exist when it arrives), then the DPGs; and
    /// the problems of files that could not be read.
    pub fn records(&self) -> Vec<Result<Record, Problem>> {
        let names = CountryNames::new(&self.countries);
        let mut orgs: BTreeMap<String, Org> = BTreeMap::new();
        let mut goods = Vec::new();
        for path in self.files.keys().filter(|k| k.starts_with("nominees/")) {
            let stem = path.trim_start_matches("nominees/").trim_end_matches(".json").to_string();
            let location = Location::file(format!("{}/{path}", self.label));
            let nominee = match self.read_json(path) {
                Ok(v) => v,
                Err(reason) => {
                    goods.push(Err(Problem::new(location, "file", reason).with_key(format!("{SOURCE}:{stem}"))));
                    continue;
                }
            };
            let answers_path = format!("digitalpublicgoods/{stem}.json");
            let answers = match self.files.contains_key(&answers_path) {
                true => match self.read_json(&answers_path) {
                    Ok(v) => Some(v),
                    Err(reason) => {
                        let location = Location::file(format!("{}/{answers_path}", self.label));
                        goods.push(Err(Problem::new(location, "file", reason).with_key(format!("{SOURCE}:{stem}"))));
                        continue;
                    }
                },
                false => None,
            };
            match map_nominee(&stem, &nominee, answers.as_ref(), &names, &mut orgs) {
                Ok(input) => goods.push(Ok(Record {
                    location,
                    key: ExternalId { source: SOURCE.into(), id: stem },
                    input,
                    flags: vec![],
                    flags_in_attributes: false,
                })),
                Err((field, reason)) => {
                    goods.push(Err(Problem::new(location, field, reason).with_key(format!("{SOURCE}:{stem}"))))
                }
            }
        }
        let mut records: Vec<Result<Record, Problem>> = orgs
            .into_iter()
            .map(|(key, org)| {
                Ok(Record {
                    location: Location::file(format!("{}/{}", self.label, org.first_seen)),
                    key: ExternalId { source: ORG_SOURCE.into(), id: key.clone() },
                    input: org.into_input(key),
                    flags: vec![],
                    flags_in_attributes: false,
                })
            })
            .collect();
        records.extend(goods);
        records
    }

    /// A file's JSON, following a symbolic link stored as text (a file whose whole content is another file's
    /// name in the same directory), at most a few hops.
    fn read_json(&self, path: &str) -> Result<Value, String> {
        let mut path = path.to_string();
        for _ in 0..4 {
            let bytes = self.files.get(&path).ok_or_else(|| format!("{path} is missing"))?;
            let text = decode_utf8(bytes).map_err(|e| format!("{path}: {e}"))?;
            let trimmed = text.trim();
            if !trimmed.starts_with('{') && trimmed.ends_with(".json") && !trimmed.contains(['\n', '/', '\\']) {
                let dir = path.rsplit_once('/').map(|(d, _)| d).unwrap_or("");
                path = format!("{dir}/{trimmed}");
                continue;
            }
            return serde_json::from_str(text)
                .map_err(|e| format!("{path}:{}:{}: malformed JSON: {e}", e.line(), e.column()));
        }
        Err(format!("{path}: too many symbolic links"))
    }
}

impl ImportInput for DpgRegistry {
    fn source(&self) -> &str {
        SOURCE
    }

    fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    fn total_bytes(&self) -> u64 {
        self.total_bytes
    }

    fn open(&self) -> Result<Box<dyn RecordSource>, Box<Problem>> {
        let records = self.records();
        let per_record = self.total_bytes / (records.len().max(1) as u64);
        Ok(Box::new(VecSource { records: records.into_iter(), done: 0, per_record }))
    }
}

/// Records built up front (small inputs).
pub struct VecSource {
    records: std::vec::IntoIter<Result<Record, Problem>>,
    done: u64,
    per_record: u64,
}

impl VecSource {
    pub fn new(records: Vec<Result<Record, Problem>>, total_bytes: u64) -> Self {
        let per_record = total_bytes / (records.len().max(1) as u64);
        VecSource { records: records.into_iter(), done: 0, per_record }
    }
}

impl RecordSource for VecSource {
    fn next_record(&mut self) -> Option<Result<Record, Problem>> {
        let next = self.records.next();
        if next.is_some() {
            self.done += 1;
        }
        next
    }

    fn bytes_read(&self) -> u64 {
        self.done * self.per_record
    }
}

/// An organization as met across nominees.
struct Org {
    name: String,
    website: Option<String>,
    first_seen: String,
    relations: BTreeSet<(String, String)>,
}

impl Org {
    fn into_input(self, key: String) -> EntryInput {
        let relations: Vec<Value> = self
            .relations
            .iter()
            .map(|(dpg, relation)| json!({"dpg": format!("{SOURCE}:{dpg}"), "relation": relation}))
            .collect();
        let mut attributes = Map::new();
        attributes.insert("dpg_relations".into(), Value::Array(relations));
        EntryInput {
            kind: Some(EntryKind::Actor),
            status: Some(Status::Published),
            title: Some(Text::new("en", self.name)),
            website: Some(self.website.unwrap_or_default()),
            external_ids: Some(vec![ExternalId { source: ORG_SOURCE.into(), id: key }]),
            attributes: Some(attributes),
            ..Default::default()
        }
    }
}

/// The deduplication key of an organization: its name and website, normalised.
pub fn org_key(name: &str, website: Option<&str>) -> String {
    let name: String = name.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    let site = website
        .unwrap_or("")
        .trim()
        .to_lowercase()
        .trim_start_matches("https://")
        .trim_start_matches("http://")
        .trim_start_matches("www.")
        .trim_end_matches('/')
        .to_string();
    format!("{name}|{site}")
}

type FieldProblem = (String, String);

fn field(name: &str, reason: impl Into<String>) -> FieldProblem {
    (name.to_string(), reason.into())
}

fn map_nominee(
    stem: &str,
    n: &Value,
    answers: Option<&Value>,
    names: &CountryNames,
    orgs: &mut BTreeMap<String, Org>,
) -> Result<EntryInput, FieldProblem> {
    let obj = n.as_object().ok_or_else(|| field("record", "a nominee record is a JSON object"))?;
    let text_of = |key: &str| -> Result<Option<String>, FieldProblem> {
        match obj.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(field(key, "must be a string")),
        }
    };
    let name = text_of("name")?.filter(|s| !s.trim().is_empty()).ok_or_else(|| field("name", "required"))?;
    let description = text_of("description")?.ok_or_else(|| field("description", "required"))?;
    let stage = text_of("stage")?.ok_or_else(|| field("stage", "required"))?;
    let array_of = |key: &str| -> Result<Option<&Vec<Value>>, FieldProblem> {
        match obj.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Array(a)) => Ok(Some(a)),
            Some(_) => Err(field(key, "must be an array")),
        }
    };
    let source_ref = || Provenance::Imported { source: SOURCE.into(), external_id: stem.to_string() };

    let mut attributes = Map::new();
    let types: Vec<Value> = array_of("type")?.ok_or_else(|| field("type", "required"))?.clone();
    if types.is_empty() {
        return Err(field("type", "at least one type is required"));
    }
    attributes.insert("dpg_type".into(), Value::Array(types));
    attributes.insert("stage".into(), Value::String(stage));
    if let Some(a) = array_of("aliases")? {
        attributes.insert("aliases".into(), Value::Array(a.clone()));
    }
    let mut licenses = Vec::new();
    for (i, l) in array_of("license")?.ok_or_else(|| field("license", "required"))?.iter().enumerate() {
        let spdx =
            l.get("spdx").and_then(Value::as_str).ok_or_else(|| field(&format!("license[{i}].spdx"), "required"))?;
        let url = l.get("licenseURL").and_then(Value::as_str).unwrap_or("");
        licenses.push(json!({"spdx": spdx, "url": url}));
    }
    attributes.insert("licenses".into(), Value::Array(licenses));
    if let Some(a) = array_of("sectors")? {
        attributes.insert("sectors".into(), Value::Array(a.clone()));
    }
    if let Some(repos) = array_of("repositories")? {
        let repos: Vec<Value> = repos
            .iter()
            .map(|r| {
                let mut o = Map::new();
                if let Some(n) = r.get("name").and_then(Value::as_str) {
                    o.insert("name".into(), n.into());
                }
                o.insert("url".into(), r.get("url").and_then(Value::as_str).unwrap_or("").into());
                Value::Object(o)
            })
            .collect();
        attributes.insert("repositories".into(), Value::Array(repos));
    }
    let raw_website = text_of("website")?;
    let website = raw_website.as_deref().and_then(normalise_url);
    if raw_website.is_some() && raw_website != website {
        attributes.insert("registry_website".into(), raw_website.clone().unwrap_or_default().into());
    }

    // SDGs, with their evidence; a URL field holding several URLs or prose keeps its first URL on the tag and
    // the field as written in `sdg_evidence_urls`.
    let mut tags = Vec::new();
    let mut raw_urls = Map::new();
    let mut goals = Vec::new();
    for (i, s) in array_of("SDGs")?.ok_or_else(|| field("SDGs", "required"))?.iter().enumerate() {
        let number = s
            .get("SDGNumber")
            .and_then(Value::as_f64)
            .filter(|n| n.fract() == 0.0 && (1.0..=17.0).contains(n))
            .ok_or_else(|| field(&format!("SDGs[{i}].SDGNumber"), "must be a number from 1 to 17"))?
            as u32;
        if goals.contains(&number) {
            continue;
        }
        goals.push(number);
        let text = s.get("evidenceText").and_then(Value::as_str).map(str::to_string).filter(|t| !t.trim().is_empty());
        let raw_url = s.get("evidenceURL").and_then(Value::as_str);
        let url = raw_url.and_then(first_http_url);
        if let Some(raw) = raw_url {
            if url.as_deref() != Some(raw) {
                raw_urls.insert(number.to_string(), raw.into());
            }
        }
        let evidence = (text.is_some() || url.is_some()).then_some(Evidence { text, url });
        tags.push(Tag { node: format!("sdg:{number}"), provenance: source_ref(), evidence });
    }
    if tags.is_empty() {
        return Err(field("SDGs", "at least one SDG is required"));
    }
    if !raw_urls.is_empty() {
        attributes.insert("sdg_evidence_urls".into(), Value::Object(raw_urls));
    }

    let mut organizations = Vec::new();
    for (i, o) in array_of("organizations")?.ok_or_else(|| field("organizations", "required"))?.iter().enumerate() {
        // Only these three fields are read: contact_name and contact_email are personal data.
        let org_name = o.get("name").and_then(Value::as_str).map(str::trim).unwrap_or("");
        if org_name.is_empty() {
            return Err(field(&format!("organizations[{i}].name"), "required"));
        }
        let org_site_raw = o.get("website").and_then(Value::as_str);
        let org_site = org_site_raw.and_then(normalise_url);
        let relation = o.get("org_type").and_then(Value::as_str).unwrap_or("owner").to_string();
        let key = org_key(org_name, org_site.as_deref());
        let org = orgs.entry(key.clone()).or_insert_with(|| Org {
            name: org_name.to_string(),
            website: org_site.clone(),
            first_seen: format!("nominees/{stem}.json"),
            relations: BTreeSet::new(),
        });
        org.relations.insert((stem.to_string(), relation.clone()));
        let mut entry = Map::new();
        entry.insert("name".into(), org_name.into());
        if let Some(site) = org_site_raw {
            entry.insert("website".into(), site.into());
        }
        entry.insert("relation".into(), relation.into());
        entry.insert("actor".into(), format!("{ORG_SOURCE}:{key}").into());
        organizations.push(Value::Object(entry));
    }
    attributes.insert("organizations".into(), Value::Array(organizations));

    let mut countries = BTreeSet::new();
    if let Some(answers) = answers {
        let mut standard = Map::new();
        for (name, key) in INDICATORS {
            let answer = match key {
                "SDGs" => Value::Array(goals.iter().map(|g| json!(g)).collect()),
                "license" => attributes.get("licenses").cloned().unwrap_or(Value::Null),
                other => answers.get(other).cloned().unwrap_or(Value::Null),
            };
            standard.insert(name.into(), answer);
        }
        attributes.insert("dpg_standard".into(), Value::Object(standard));
        let mut locations = Map::new();
        for (key, out) in [("developmentCountries", "development"), ("deploymentCountries", "deployment")] {
            let listed: Vec<&str> = answers
                .pointer(&format!("/locations/{key}"))
                .and_then(Value::as_array)
                .map(|a| a.iter().filter_map(Value::as_str).map(str::trim).filter(|s| !s.is_empty()).collect())
                .unwrap_or_default();
            let mut codes = Vec::new();
            let mut unmatched = Vec::new();
            for name in listed {
                match names.resolve(name) {
                    Some(code) => {
                        countries.insert(code.to_string());
                        if !codes.contains(&code) {
                            codes.push(code);
                        }
                    }
                    None => unmatched.push(name),
                }
            }
            let mut place = Map::new();
            place.insert("countries".into(), json!(codes));
            if !unmatched.is_empty() {
                place.insert("unmatched_names".into(), json!(unmatched));
            }
            locations.insert(out.into(), Value::Object(place));
        }
        attributes.insert("locations".into(), Value::Object(locations));
    }

    Ok(EntryInput {
        kind: Some(EntryKind::DigitalPublicGood),
        status: Some(Status::Published),
        title: Some(Text::new("en", name)),
        summary: Some(Text::new("en", description)),
        website: Some(website.unwrap_or_default()),
        countries: Some(countries.into_iter().collect()),
        external_ids: Some(vec![ExternalId { source: SOURCE.into(), id: stem.to_string() }]),
        tags: Some(tags),
        attributes: Some(attributes),
        ..Default::default()
    })
}

/// Why an entry could not be exported as a nominee record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportProblem {
    pub slug: String,
    pub field: String,
    pub reason: String,
}

/// The nominee record of a `dpg` entry, valid against [`NOMINEE_SCHEMA`]; or what is missing. The file name
/// to use is the entry's registry id if it came from the registry, else its slug (see [`export_name`]).
pub fn export_nominee(entry: &Entry) -> Result<Value, ExportProblem> {
    let problem = |f: &str, r: &str| ExportProblem { slug: entry.slug.clone(), field: f.into(), reason: r.into() };
    if entry.kind != EntryKind::DigitalPublicGood {
        return Err(problem("kind", "not a digital public good"));
    }
    let enums = schema_enums();
    let attrs = &entry.attributes;
    let mut out = Map::new();
    out.insert("name".into(), entry.title.display(cogov_core::Lang::En).into());
    if let Some(a) = attrs.get("aliases") {
        out.insert("aliases".into(), a.clone());
    }
    out.insert("description".into(), entry.summary.display(cogov_core::Lang::En).into());
    let website = attrs.get("registry_website").and_then(Value::as_str).map(str::to_string).or(entry.website.clone());
    if let Some(w) = website {
        out.insert("website".into(), w.into());
    }
    let licenses: Vec<Value> = attrs
        .get("licenses")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|l| {
                    let spdx = l.get("spdx")?.as_str()?;
                    Some(json!({"spdx": spdx, "licenseURL": l.get("url").and_then(Value::as_str).unwrap_or("")}))
                })
                .collect()
        })
        .unwrap_or_default();
    if licenses.is_empty() {
        return Err(problem("attributes.licenses", "a digital public good needs at least one licence"));
    }
    for l in &licenses {
        if !enums.spdx.iter().any(|s| Some(s.as_str()) == l["spdx"].as_str()) {
            return Err(problem(
                "attributes.licenses",
                &format!("{} is not a licence the registry accepts", l["spdx"]),
            ));
        }
    }
    out.insert("license".into(), Value::Array(licenses));
    let raw_urls = attrs.get("sdg_evidence_urls").and_then(Value::as_object);
    let mut sdgs = Vec::new();
    for tag in &entry.tags {
        let Some(goal) = tag.node.strip_prefix("sdg:").and_then(|g| g.parse::<u32>().ok()) else { continue };
        let mut s = Map::new();
        s.insert("SDGNumber".into(), json!(goal));
        if let Some(ev) = &tag.evidence {
            if let Some(t) = &ev.text {
                s.insert("evidenceText".into(), t.clone().into());
            }
            let url = raw_urls.and_then(|m| m.get(&goal.to_string())).and_then(Value::as_str).map(str::to_string);
            if let Some(u) = url.or(ev.url.clone()) {
                s.insert("evidenceURL".into(), u.into());
            }
        } else if let Some(u) = raw_urls.and_then(|m| m.get(&goal.to_string())) {
            s.insert("evidenceURL".into(), u.clone());
        }
        sdgs.push(Value::Object(s));
    }
    if sdgs.is_empty() {
        return Err(problem("tags", "a digital public good needs at least one SDG goal tag (sdg:1 … sdg:17)"));
    }
    out.insert("SDGs".into(), Value::Array(sdgs));
    if let Some(s) = attrs.get("sectors").and_then(Value::as_array) {
        let valid: Vec<Value> =
            s.iter().filter(|v| enums.sectors.iter().any(|e| Some(e.as_str()) == v.as_str())).cloned().collect();
        out.insert("sectors".into(), Value::Array(valid));
    }
    let types: Vec<Value> = attrs
        .get("dpg_type")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter(|v| enums.types.iter().any(|e| Some(e.as_str()) == v.as_str())).cloned().collect())
        .unwrap_or_default();
    if types.is_empty() {
        return Err(problem("attributes.dpg_type", "a digital public good needs a type the registry accepts"));
    }
    out.insert("type".into(), Value::Array(types));
    if let Some(r) = attrs.get("repositories") {
        out.insert("repositories".into(), r.clone());
    }
    let orgs: Vec<Value> = attrs
        .get("organizations")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .map(|o| {
                    let mut m = Map::new();
                    m.insert("name".into(), o.get("name").cloned().unwrap_or(Value::String(String::new())));
                    if let Some(w) = o.get("website") {
                        m.insert("website".into(), w.clone());
                    }
                    if let Some(r) = o.get("relation") {
                        m.insert("org_type".into(), r.clone());
                    }
                    Value::Object(m)
                })
                .collect()
        })
        .unwrap_or_default();
    out.insert("organizations".into(), Value::Array(orgs));
    let stage = attrs.get("stage").and_then(Value::as_str).unwrap_or(match entry.status {
        Status::Archived => "archive",
        _ => "nominee",
    });
    if !enums.stages.iter().any(|s| s == stage) {
        return Err(problem("attributes.stage", &format!("'{stage}' is not a registry stage")));
    }
    out.insert("stage".into(), stage.into());
    Ok(Value::Object(out))
}

/// The file stem an exported entry is written under: its registry id, else its slug.
pub fn export_name(entry: &Entry) -> String {
    entry.external_ids.iter().find(|x| x.source == SOURCE).map(|x| x.id.clone()).unwrap_or_else(|| entry.slug.clone())
}

struct SchemaEnums {
    spdx: Vec<String>,
    types: Vec<String>,
    stages: Vec<String>,
    sectors: Vec<String>,
}

fn schema_enums() -> SchemaEnums {
    let schema: Value = serde_json::from_str(NOMINEE_SCHEMA).unwrap_or(Value::Null);
    let list = |pointer: &str| -> Vec<String> {
        schema
            .pointer(pointer)
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(Value::as_str).map(str::to_string).collect())
            .unwrap_or_default()
    };
    SchemaEnums {
        spdx: list("/properties/license/items/properties/spdx/enum"),
        types: list("/properties/type/items/enum"),
        stages: list("/properties/stage/enum"),
        sectors: list("/properties/sectors/items/enum"),
    }
}
