//! The bundled illustrative sample of the GDC map (`data/demo/gdc-sample.json`): a few fictional organizations
//! and initiatives with contributions and endorsements, so the map has something to show on a demo instance.
//! It is labelled everywhere as an illustrative sample, not real declarations. Loading goes through the same use
//! cases as any submission, so the sample is validated like real input; loading it twice changes nothing.

use serde::Deserialize;

use super::{ContributionInput, EndorsementInput};
use crate::entries::{self, Actor, EntryInput};
use crate::{App, AppError};

pub const SAMPLE_FILE: &str = "data/demo/gdc-sample.json";
pub const SAMPLE_JSON: &str = include_str!("../../../../data/demo/gdc-sample.json");

/// The `meta` key that records that the sample was loaded.
const LOADED_KEY: &str = "demo:gdc-sample";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SampleFile {
    label: String,
    #[allow(dead_code)]
    note: String,
    entries: Vec<EntryInput>,
    contributions: Vec<ContributionInput>,
    endorsements: Vec<EndorsementInput>,
}

/// What [`load`] did.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SampleLoaded {
    pub label: String,
    pub entries: usize,
    pub contributions: usize,
    pub endorsements: usize,
    /// False when the sample was already loaded (nothing written).
    pub written: bool,
}

/// Loads the sample unless it was loaded before. A record that fails validation stops the load with an error
/// naming the record (the bundled file is checked by a test, so this is a guard, not an expected path).
pub async fn load(app: &App) -> Result<SampleLoaded, AppError> {
    let file: SampleFile = serde_json::from_str(SAMPLE_JSON)
        .map_err(|e| AppError::invalid(SAMPLE_FILE, format!("line {}, column {}: {e}", e.line(), e.column())))?;
    let mut done = SampleLoaded {
        label: file.label.clone(),
        entries: file.entries.len(),
        contributions: file.contributions.len(),
        endorsements: file.endorsements.len(),
        written: false,
    };
    if app.store().meta(LOADED_KEY).await?.is_some() {
        return Ok(done);
    }
    let actor = Actor::manual("cogov demo (illustrative sample)");
    let reason = "illustrative sample, not a real declaration";
    let at = |what: &str, i: usize, e: AppError| match e {
        AppError::Validation(errors) => AppError::invalid(
            &format!("{SAMPLE_FILE} {what}[{i}]"),
            errors.iter().map(|f| format!("{}: {}", f.field, f.message)).collect::<Vec<_>>().join("; "),
        ),
        other => other,
    };
    for (i, input) in file.entries.into_iter().enumerate() {
        if let Some(slug) = &input.slug {
            if app.store().entry_by_slug(slug).await?.is_some() {
                continue;
            }
        }
        entries::create(app, input, &actor, reason).await.map_err(|e| at("entries", i, e))?;
    }
    for (i, input) in file.contributions.into_iter().enumerate() {
        super::create_contribution(app, input, &actor, reason).await.map_err(|e| at("contributions", i, e))?;
    }
    for (i, input) in file.endorsements.into_iter().enumerate() {
        super::create_endorsement(app, input, &actor, reason).await.map_err(|e| at("endorsements", i, e))?;
    }
    app.store().set_meta(LOADED_KEY, &cogov_store::now()).await?;
    done.written = true;
    Ok(done)
}
