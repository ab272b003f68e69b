//! The whole-instance dump file (`cogov dump` / `cogov restore`): JSON, one object
//! `{"format": "cogov-dump", "version": 1, "tables": [{name, columns, rows}, …]}`, tables by name, one table
//! per line. The same content gives the same bytes whichever backend it was dumped from.

use cogov_store::TableDump;
use serde::{Deserialize, Serialize};

pub const FORMAT: &str = "cogov-dump";
pub const VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Header {
    format: String,
    version: u32,
    tables: Vec<TableDump>,
}

/// The dump file's bytes.
pub fn write(tables: &[TableDump]) -> Vec<u8> {
    let mut out = format!("{{\"format\":\"{FORMAT}\",\"version\":{VERSION},\"tables\":[\n").into_bytes();
    for (i, t) in tables.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(b",\n");
        }
        // A table of strings, integers and nulls always serializes.
        out.extend(serde_json::to_vec(t).unwrap_or_default());
    }
    out.extend_from_slice(b"\n]}\n");
    out
}

/// Reads a dump file; errors name the line and column.
pub fn read(name: &str, bytes: &[u8]) -> Result<Vec<TableDump>, String> {
    let text = crate::decode_utf8(bytes).map_err(|e| format!("{name}: {e}"))?;
    let header: Header =
        serde_json::from_str(text).map_err(|e| format!("{name}:{}:{}: not a cogov dump: {e}", e.line(), e.column()))?;
    if header.format != FORMAT || header.version != VERSION {
        return Err(format!(
            "{name}: format '{}' version {} (this cogov reads '{FORMAT}' version {VERSION})",
            header.format, header.version
        ));
    }
    Ok(header.tables)
}
