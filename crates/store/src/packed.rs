//! Entry documents packed for SQLite. An imported activity's document is ~12 KB of JSON, most of it the XML
//! cogov keeps losslessly; SQLite stores values as they are given, so the IATI bench database was 675–721 MB
//! for 500 MB of input, every page of it written twice (WAL, then checkpoint). SQLite keeps a document from
//! [`PACK_FROM`] bytes as a BLOB: LZ4 (lz4_flex, already in the build for tantivy), its length first. The bench
//! database is 250 MB, and the import faster (BENCHMARKS.md). PostgreSQL compresses large values itself
//! (TOAST, lz4 where the server has it) and is given text.
//!
//! A document may be packed with deferred strings (`cogov_core::entry::DEFERRED`: the IATI importer's kept
//! XML, not escaped on the import's path); [`unpack`] expands them, so what is read is always JSON.
//!
//! A text value is read as it is, so a database written before documents were packed reads the same (a restore
//! packs as the store's own writes do). What is read back is the exact text that was packed: dumps are text,
//! and identical across backends.

use std::borrow::Cow;

use sqlx::error::BoxDynError;
use sqlx::postgres::{PgTypeInfo, PgValueRef};
use sqlx::sqlite::{SqliteTypeInfo, SqliteValueRef};
use sqlx::{Decode, Postgres, Sqlite, Type, TypeInfo, ValueRef};

/// Documents shorter than this stay text (packing them would save little).
pub const PACK_FROM: usize = 1024;

/// A packed document is refused if it claims to unpack to more than this (a damaged value, not a document).
const UNPACKED_AT_MOST: usize = 256 << 20;

/// `doc` (a document's text, as its bytes) as SQLite keeps it: packed from [`PACK_FROM`] bytes, else `None`
/// (kept as text). The text is checked when it is unpacked.
pub fn pack(doc: &[u8]) -> Option<Vec<u8>> {
    (doc.len() >= PACK_FROM).then(|| lz4_flex::block::compress_prepend_size(doc))
}

/// The text of a packed document.
pub fn unpack(packed: &[u8]) -> Result<String, BoxDynError> {
    let (size, _) = lz4_flex::block::uncompressed_size(packed)?;
    if size > UNPACKED_AT_MOST {
        return Err(format!("a packed document claims {size} bytes: damaged").into());
    }
    let text = String::from_utf8(lz4_flex::block::decompress_size_prepended(packed)?)?;
    // Packed as written: an imported document's deferred strings are escaped here, when it is read.
    Ok(cogov_core::entry::expanded(text))
}

/// What to bind for a document: packed where the store packs (and the document is long enough), else text.
pub(crate) fn stored(packs: bool, doc: Cow<'_, str>) -> Stored<'_> {
    match packs.then(|| pack(doc.as_bytes())).flatten() {
        Some(bytes) => Stored::Packed(Cow::Owned(bytes)),
        None => Stored::Text(doc),
    }
}

pub(crate) enum Stored<'a> {
    Text(Cow<'a, str>),
    Packed(Cow<'a, [u8]>),
}

/// A column that holds a document: text, or (SQLite) packed bytes, read as text.
pub(crate) struct Doc(pub String);

impl Type<Sqlite> for Doc {
    fn type_info() -> SqliteTypeInfo {
        <String as Type<Sqlite>>::type_info()
    }

    fn compatible(ty: &SqliteTypeInfo) -> bool {
        <String as Type<Sqlite>>::compatible(ty) || <Vec<u8> as Type<Sqlite>>::compatible(ty)
    }
}

impl<'r> Decode<'r, Sqlite> for Doc {
    fn decode(value: SqliteValueRef<'r>) -> Result<Self, BoxDynError> {
        if value.type_info().name() == "BLOB" {
            Ok(Doc(unpack(<&[u8] as Decode<Sqlite>>::decode(value)?)?))
        } else {
            Ok(Doc(<String as Decode<Sqlite>>::decode(value)?))
        }
    }
}

impl Type<Postgres> for Doc {
    fn type_info() -> PgTypeInfo {
        <String as Type<Postgres>>::type_info()
    }

    fn compatible(ty: &PgTypeInfo) -> bool {
        <String as Type<Postgres>>::compatible(ty)
    }
}

impl<'r> Decode<'r, Postgres> for Doc {
    fn decode(value: PgValueRef<'r>) -> Result<Self, BoxDynError> {
        Ok(Doc(<String as Decode<Postgres>>::decode(value)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_documents_stay_text_and_long_ones_unpack_to_the_same_text() {
        assert_eq!(pack("x".repeat(PACK_FROM - 1).as_bytes()), None);
        let doc = format!("{{\"t\":\"{}é中\"}}", "<narrative>word</narrative>".repeat(100));
        let packed = pack(doc.as_bytes()).expect("long enough");
        assert!(packed.len() < doc.len() / 4, "{} of {}", packed.len(), doc.len());
        assert_eq!(unpack(&packed).expect("unpacks"), doc);
    }

    #[test]
    fn deferred_strings_are_packed_as_written_and_read_as_json() {
        let xml = "<transaction ref=\"a\">\n  <value currency=\"EUR\">1</value>\n</transaction>".repeat(40);
        let mut written = String::from("{\"iati\":{\"extension_xml\":[");
        cogov_core::entry::push_deferred_json_str(&mut written, &xml);
        written.push_str("]}}");
        let packed = pack(written.as_bytes()).expect("long enough");
        let json = serde_json::json!({"iati": {"extension_xml": [xml]}}).to_string();
        assert_eq!(unpack(&packed).expect("unpacks"), json);
    }

    #[test]
    fn damaged_packed_documents_are_errors_not_panics() {
        let packed = pack("abc".repeat(1000).as_bytes()).expect("long enough");
        let mut claims_too_much = packed.clone();
        claims_too_much[3] = 0x7f;
        assert!(unpack(&claims_too_much).expect_err("refused").to_string().contains("damaged"));
        assert!(unpack(&packed[..packed.len() / 2]).is_err());
        assert!(unpack(&[1, 0]).is_err());
        let not_utf8 = lz4_flex::block::compress_prepend_size(&[0xff; 2000]);
        assert!(unpack(&not_utf8).is_err());
    }
}
