//! cogov's interchange formats. Each module turns files into [`cogov_app::import::Record`]s for the shared
//! import use case (`cogov_app::import::run`), or entries back into a format; none touches a database.
//!
//! - [`dpg`]: the Digital Public Goods Alliance registry (nominees and DPG Standard answers), both ways;
//! - [`countries`]: country names as registries write them, resolved to ISO 3166-1 alpha-2 codes.

pub mod countries;
pub mod dpg;
mod text;

pub use text::{decode_utf8, first_http_url, normalise_url};
