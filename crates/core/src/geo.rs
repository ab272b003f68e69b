//! Countries and UN M49 regions, as shipped in `data/reference/` (see its README for sources and licences).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::Lang;

/// A country or area with an ISO 3166-1 alpha-2 code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Country {
    pub iso2: String,
    pub iso3: String,
    pub numeric: String,
    pub m49: String,
    /// M49 codes of its region, sub-region and intermediate region (empty when none).
    pub region: String,
    pub subregion: String,
    pub intermediate_region: String,
    pub ldc: bool,
    pub lldc: bool,
    pub sids: bool,
    /// Names in the six UN languages (UNTERM short names).
    pub names: BTreeMap<String, String>,
}

impl Country {
    pub fn name(&self, lang: Lang) -> &str {
        name_in(&self.names, lang)
    }

    /// The M49 codes this country belongs to, from the most to the least specific.
    pub fn region_codes(&self) -> impl Iterator<Item = &str> {
        [&self.intermediate_region, &self.subregion, &self.region]
            .into_iter()
            .map(String::as_str)
            .filter(|c| !c.is_empty())
    }

    /// The development groups it belongs to: `ldc`, `lldc`, `sids`.
    pub fn groups(&self) -> Vec<&'static str> {
        [(self.ldc, "ldc"), (self.lldc, "lldc"), (self.sids, "sids")]
            .into_iter()
            .filter(|(f, _)| *f)
            .map(|(_, g)| g)
            .collect()
    }
}

/// An M49 region: world, region, sub-region or intermediate region.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Region {
    pub m49: String,
    pub level: String,
    pub parent: Option<String>,
    pub names: BTreeMap<String, String>,
}

impl Region {
    pub fn name(&self, lang: Lang) -> &str {
        name_in(&self.names, lang)
    }
}

fn name_in(names: &BTreeMap<String, String>, lang: Lang) -> &str {
    names.get(lang.code()).filter(|n| !n.is_empty()).or_else(|| names.get("en")).map(String::as_str).unwrap_or_default()
}

/// A problem in a reference CSV file, with its line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct CsvProblem {
    pub file: String,
    pub line: u64,
    pub message: String,
}

/// Parses `countries.csv` (columns documented in `data/reference/README.md`).
pub fn parse_countries(file: &str, text: &str) -> Result<Vec<Country>, CsvProblem> {
    read_rows(file, text, |row| {
        let flag = |k: &str| row.get(k).map(|v| v == "1").unwrap_or(false);
        Country {
            iso2: row.take("iso2"),
            iso3: row.take("iso3"),
            numeric: row.take("numeric"),
            m49: row.take("m49"),
            region: row.take("region"),
            subregion: row.take("subregion"),
            intermediate_region: row.take("intermediate_region"),
            ldc: flag("ldc"),
            lldc: flag("lldc"),
            sids: flag("sids"),
            names: row.names(),
        }
    })
}

/// Parses `regions.csv`.
pub fn parse_regions(file: &str, text: &str) -> Result<Vec<Region>, CsvProblem> {
    read_rows(file, text, |row| Region {
        m49: row.take("m49"),
        level: row.take("level"),
        parent: Some(row.take("parent")).filter(|p| !p.is_empty()),
        names: row.names(),
    })
}

struct Row<'a> {
    headers: &'a csv::StringRecord,
    record: &'a csv::StringRecord,
}

impl Row<'_> {
    fn get(&self, key: &str) -> Option<&str> {
        self.headers.iter().position(|h| h == key).and_then(|i| self.record.get(i))
    }
    fn take(&self, key: &str) -> String {
        self.get(key).unwrap_or_default().trim().to_string()
    }
    fn names(&self) -> BTreeMap<String, String> {
        Lang::ALL
            .iter()
            .filter_map(|l| {
                self.get(&format!("name_{}", l.code())).map(|n| (l.code().to_string(), n.trim().to_string()))
            })
            .filter(|(_, n)| !n.is_empty())
            .collect()
    }
}

fn read_rows<T>(file: &str, text: &str, make: impl Fn(&Row) -> T) -> Result<Vec<T>, CsvProblem> {
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let problem = |line: u64, message: String| CsvProblem { file: file.to_string(), line, message };
    let headers = reader.headers().map_err(|e| problem(1, e.to_string()))?.clone();
    let mut out = Vec::new();
    for result in reader.records() {
        let record = result.map_err(|e| problem(e.position().map(|p| p.line()).unwrap_or(0), e.to_string()))?;
        out.push(make(&Row { headers: &headers, record: &record }));
    }
    Ok(out)
}
