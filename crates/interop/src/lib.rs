//! cogov's interchange formats. Each module turns files into [`cogov_app::import::Record`]s for the shared
//! import use case (`cogov_app::import::run`), or entries back into a format; none touches a database.
//!
//! - [`dpg`]: the Digital Public Goods Alliance registry (nominees and DPG Standard answers), both ways;
//! - [`csv_entries`]: entries and their tags as CSV, both ways;
//! - [`iati`]: IATI activity XML, streamed, each activity checked against the 2.03 schema ([`iati_schema`]);
//! - [`dump`]: the whole-instance dump file;
//! - [`jsonld`]: entries as schema.org JSON-LD;
//! - [`countries`]: country names as registries write them, resolved to ISO 3166-1 alpha-2 codes.

// A rejected record's `Problem` is smaller than the `Record` it stands for: boxing it would buy nothing.
#![allow(clippy::result_large_err)]

pub mod bench;
pub mod countries;
pub mod csv_entries;
pub mod dpg;
pub mod dump;
pub mod iati;
pub mod iati_codes;
pub mod iati_schema;
pub mod jsonld;
mod text;

pub use text::{decode_utf8, first_http_url, normalise_url};

/// The DPG registry bundled as demo content (`data/demo/dpg-registry`, Unlicense; see its SOURCE.md).
pub mod demo {
    include!(concat!(env!("OUT_DIR"), "/demo_files.rs"));

    /// The bundled registry, ready to import.
    pub fn registry(countries: &[cogov_core::geo::Country]) -> crate::dpg::DpgRegistry {
        let files = FILES.iter().map(|(name, bytes)| (name.to_string(), bytes.to_vec())).collect();
        crate::dpg::DpgRegistry::from_files("data/demo/dpg-registry", files, countries)
    }
}
