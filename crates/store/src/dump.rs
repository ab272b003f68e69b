//! Whole-instance dumps: every row of every table, as JSON values, in an order that does not depend on the
//! backend, so the same content dumps to the same bytes from SQLite and from PostgreSQL.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One table of a dump: its columns (by name, sorted) and its rows (sorted), each value a JSON string, integer
/// or null.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TableDump {
    pub name: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Value>>,
}

/// A column's kind: the schemas only use integers and text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ColumnKind {
    Integer,
    Text,
}

impl ColumnKind {
    pub(crate) fn of(declared: &str) -> Self {
        if declared.to_ascii_lowercase().contains("int") {
            ColumnKind::Integer
        } else {
            ColumnKind::Text
        }
    }
}

/// Rows in a backend-independent order: integers numerically, strings by bytes, nulls first.
pub(crate) fn sort_rows(rows: &mut [Vec<Value>]) {
    rows.sort_by(|a, b| {
        for (x, y) in a.iter().zip(b) {
            let o = compare(x, y);
            if o != Ordering::Equal {
                return o;
            }
        }
        a.len().cmp(&b.len())
    });
}

fn compare(a: &Value, b: &Value) -> Ordering {
    match (a, b) {
        (Value::Null, Value::Null) => Ordering::Equal,
        (Value::Null, _) => Ordering::Less,
        (_, Value::Null) => Ordering::Greater,
        (Value::Number(x), Value::Number(y)) => x.as_i64().cmp(&y.as_i64()),
        (Value::Number(_), _) => Ordering::Less,
        (_, Value::Number(_)) => Ordering::Greater,
        (Value::String(x), Value::String(y)) => x.as_bytes().cmp(y.as_bytes()),
        _ => a.to_string().cmp(&b.to_string()),
    }
}

/// Tables ordered so that every table comes after the tables it references (ties by name).
pub(crate) fn insert_order(tables: &BTreeSet<String>, references: &[(String, String)]) -> Vec<String> {
    let mut deps: BTreeMap<&str, BTreeSet<&str>> = tables.iter().map(|t| (t.as_str(), BTreeSet::new())).collect();
    for (from, to) in references {
        if from != to && tables.contains(to) {
            if let Some(d) = deps.get_mut(from.as_str()) {
                d.insert(to.as_str());
            }
        }
    }
    let mut order: Vec<String> = Vec::new();
    while order.len() < tables.len() {
        let ready: Vec<&str> = deps
            .iter()
            .filter(|(t, d)| !order.iter().any(|o| o == *t) && d.iter().all(|x| order.iter().any(|o| o == x)))
            .map(|(t, _)| *t)
            .collect();
        if ready.is_empty() {
            // A reference cycle: append the rest by name (deferred checks are the backend's business).
            order.extend(
                deps.keys().filter(|t| !order.iter().any(|o| o == *t)).map(|t| t.to_string()).collect::<Vec<_>>(),
            );
            break;
        }
        order.extend(ready.into_iter().map(str::to_string));
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn referenced_tables_come_first() {
        let tables: BTreeSet<String> =
            ["a", "entries", "revisions", "tags", "nodes"].iter().map(|s| s.to_string()).collect();
        let refs = vec![
            ("revisions".to_string(), "entries".to_string()),
            ("tags".to_string(), "entries".to_string()),
            ("tags".to_string(), "nodes".to_string()),
            ("a".to_string(), "tags".to_string()),
        ];
        let order = insert_order(&tables, &refs);
        let pos = |t: &str| order.iter().position(|o| o == t).expect("listed");
        assert!(pos("entries") < pos("revisions") && pos("nodes") < pos("tags") && pos("tags") < pos("a"));
        assert_eq!(order.len(), 5);
    }

    #[test]
    fn rows_sort_by_bytes_and_numbers() {
        let mut rows = vec![
            vec![Value::from("b"), Value::from(2)],
            vec![Value::from("B"), Value::from(10)],
            vec![Value::from("b"), Value::from(1)],
            vec![Value::Null, Value::from(1)],
        ];
        sort_rows(&mut rows);
        assert_eq!(rows[0][0], Value::Null);
        assert_eq!(rows[1][0], "B");
        assert_eq!(rows[2][1], 1);
    }
}
