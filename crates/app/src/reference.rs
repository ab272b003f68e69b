//! The reference data bundled in the binary (from `data/` in the repository; sources and licences are noted
//! there): countries and M49 regions, and the framework files in load order.

use cogov_core::framework::{parse_framework_file, FrameworkFile};
use cogov_core::geo::{parse_countries, parse_regions};
use cogov_store::Store;

use crate::AppError;

/// A framework file shipped with cogov.
pub struct BundledFile {
    pub name: &'static str,
    pub text: &'static str,
}

/// The bundled frameworks, in load order: a file's edges may point only to frameworks before it.
pub const FRAMEWORKS: &[BundledFile] = &[
    BundledFile { name: "data/frameworks/sdg.jsonl", text: include_str!("../../../data/frameworks/sdg.jsonl") },
    BundledFile { name: "data/frameworks/wsis.jsonl", text: include_str!("../../../data/frameworks/wsis.jsonl") },
    BundledFile { name: "data/frameworks/hlpdc.jsonl", text: include_str!("../../../data/frameworks/hlpdc.jsonl") },
    BundledFile { name: "data/frameworks/roadmap.jsonl", text: include_str!("../../../data/frameworks/roadmap.jsonl") },
    BundledFile { name: "data/frameworks/igf.jsonl", text: include_str!("../../../data/frameworks/igf.jsonl") },
    BundledFile { name: "data/frameworks/gdc.jsonl", text: include_str!("../../../data/frameworks/gdc.jsonl") },
];

pub const COUNTRIES_CSV: &str = include_str!("../../../data/reference/countries.csv");
pub const REGIONS_CSV: &str = include_str!("../../../data/reference/regions.csv");

/// Parses every bundled framework file against the others (no store needed): the files as one consistent set.
pub fn bundled_frameworks() -> Result<Vec<FrameworkFile>, AppError> {
    let mut files: Vec<FrameworkFile> = Vec::new();
    for bundled in FRAMEWORKS {
        let known = |id: &str| files.iter().any(|f| f.nodes.iter().any(|n| n.id == id));
        let file = parse_framework_file(bundled.name, bundled.text, &known).map_err(AppError::FileRefused)?;
        files.push(file);
    }
    Ok(files)
}

/// Loads the bundled reference data into the store where it is missing, or where the binary carries a newer
/// bundled version than the one last applied. A framework that an operator re-imported since is left alone
/// unless the bundled file itself changed.
pub async fn bootstrap(store: &dyn Store) -> Result<(), AppError> {
    let countries = parse_countries("data/reference/countries.csv", COUNTRIES_CSV)
        .map_err(|e| AppError::invalid("countries.csv", e.to_string()))?;
    let regions = parse_regions("data/reference/regions.csv", REGIONS_CSV)
        .map_err(|e| AppError::invalid("regions.csv", e.to_string()))?;
    if store.put_geography(&countries, &regions).await? {
        tracing::info!(countries = countries.len(), regions = regions.len(), "loaded reference geography");
    }
    let stored = store.frameworks().await?;
    for file in bundled_frameworks()? {
        let key = format!("bundled_hash:{}", file.header.code);
        let present = stored.iter().any(|f| f.header.code == file.header.code);
        let applied = store.meta(&key).await?;
        if present && applied.as_deref() == Some(file.content_hash.as_str()) {
            continue;
        }
        let put = store.put_framework(&file, "cogov (bundled reference data)").await?;
        store.set_meta(&key, &file.content_hash).await?;
        tracing::info!(framework = %file.header.code, ?put, "loaded bundled framework");
    }
    Ok(())
}
