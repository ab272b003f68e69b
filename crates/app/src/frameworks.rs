//! Framework use cases: import a new version of a framework file, look up crosswalks.

use cogov_core::crosswalk::CrosswalkLink;
use cogov_core::framework::parse_framework_file;
use cogov_store::FrameworkPut;

use crate::{App, AppError};

/// Validates `text` (named `file_name` in messages) against the stored frameworks and stores it as a new
/// version. A refused file changes nothing.
pub async fn import(app: &App, file_name: &str, text: &str, actor: &str) -> Result<FrameworkPut, AppError> {
    let nodes = app.store().nodes().await?;
    let known: std::collections::HashSet<&str> = nodes.iter().map(|n| n.id.as_str()).collect();
    let file = parse_framework_file(file_name, text, &|id| known.contains(id)).map_err(AppError::FileRefused)?;
    let put = app.store().put_framework(&file, actor).await?;
    app.refresh_catalog().await?;
    Ok(put)
}

/// The crosswalk of a node, or `not_found`.
pub fn crosswalk(app: &App, node_id: &str) -> Result<Vec<CrosswalkLink>, AppError> {
    let catalog = app.catalog();
    if catalog.node(node_id).is_none() {
        return Err(AppError::not_found(format!("framework node '{node_id}'")));
    }
    Ok(catalog.crosswalk(node_id))
}
