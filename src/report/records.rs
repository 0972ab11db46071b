//! Plain listings (articles, claims): named columns and rows of JSON values, rendered as a
//! table, CSV or a JSON array of objects.

use std::io::Write;

use serde_json::{Map, Value};

use crate::error::Result;
use crate::report::{csv::writer, table};

/// A listing: column names and rows of values.
#[derive(Debug, Clone, Default)]
pub struct Records {
    pub columns: Vec<&'static str>,
    pub rows: Vec<Vec<Value>>,
}

/// A value as a cell: strings bare, null empty, the rest as JSON.
pub fn cell(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

impl Records {
    pub fn new(columns: Vec<&'static str>) -> Records {
        Records {
            columns,
            rows: Vec::new(),
        }
    }

    pub fn push(&mut self, row: Vec<Value>) {
        debug_assert_eq!(row.len(), self.columns.len());
        self.rows.push(row);
    }

    /// Only the named columns, in the order given, under new headers: `(column, header)`.
    pub fn select(&self, columns: &[(&'static str, &'static str)]) -> Records {
        let picked: Vec<(usize, &'static str)> = columns
            .iter()
            .filter_map(|(c, h)| self.columns.iter().position(|x| x == c).map(|i| (i, *h)))
            .collect();
        let idx: Vec<usize> = picked.iter().map(|&(i, _)| i).collect();
        Records {
            columns: picked.iter().map(|&(_, h)| h).collect(),
            rows: self
                .rows
                .iter()
                .map(|r| idx.iter().map(|&i| r[i].clone()).collect())
                .collect(),
        }
    }

    pub fn write_csv(&self, out: &mut dyn Write) -> Result<()> {
        let mut w = writer(out);
        w.write_record(&self.columns)?;
        for row in &self.rows {
            w.write_record(row.iter().map(cell))?;
        }
        w.flush()?;
        Ok(())
    }

    pub fn write_json(&self, out: &mut dyn Write) -> Result<()> {
        let objects: Vec<Value> = self
            .rows
            .iter()
            .map(|row| {
                let map: Map<String, Value> = self
                    .columns
                    .iter()
                    .map(|c| c.to_string())
                    .zip(row.iter().cloned())
                    .collect();
                Value::Object(map)
            })
            .collect();
        crate::report::json::write_pretty(out, &objects)
    }

    /// `truncate` caps the width of the named columns' cells (in characters).
    pub fn write_table(
        &self,
        out: &mut dyn Write,
        width: u16,
        truncate: &[(&str, usize)],
    ) -> Result<()> {
        let mut t = table::new_table(width);
        t.set_header(self.columns.iter().copied());
        for row in &self.rows {
            t.add_row(row.iter().zip(&self.columns).map(|(v, c)| {
                let s = cell(v);
                match truncate.iter().find(|(name, _)| name == c) {
                    Some(&(_, n)) => table::shorten(&s, n),
                    None => s,
                }
            }));
        }
        writeln!(out, "{}", crate::report::terminal::safe(&t.to_string()))?;
        Ok(())
    }
}
