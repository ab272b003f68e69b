//! The cogov domain model. This crate knows nothing of IO: files arrive as text, databases and HTTP live in
//! other crates. It holds the rules that every layer shares:
//!
//! - [`lang`]: the six UN languages and multilingual text (language → text, original language marked);
//! - [`entry`]: registry entries (actors, initiatives, digital public goods, processes, documents, events),
//!   their lifecycle, external identifiers, tags and revisions;
//! - [`framework`]: framework files (SDGs, WSIS, GDC, …) parsed and validated as a whole;
//! - [`crosswalk`]: the graph of framework nodes and the paths that link them;
//! - [`geo`]: countries and UN M49 regions with LDC / LLDC / SIDS flags;
//! - [`contribution`]: the GDC implementation map's contributions and endorsements.

pub mod contribution;
pub mod crosswalk;
pub mod entry;
pub mod framework;
pub mod geo;
pub mod lang;

pub use lang::{Lang, Text};
