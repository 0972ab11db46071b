//! The article's entities (`analyze --entities`): who is mentioned, as what, how, and how
//! often quoted, as a table, CSV or a JSON array.

use std::io::Write;

use serde_json::{json, Value};

use crate::error::Result;
use crate::model::Entity;
use crate::report::records::Records;

/// The columns of the entity listing; `forms` joins the forms with "; " in the table and CSV.
pub const COLUMNS: &[&str] = &["name", "type", "role", "mentions", "forms", "claims"];

/// The entities as a listing with [`COLUMNS`].
pub fn records(entities: &[Entity]) -> Records {
    let mut r = Records::new(COLUMNS.to_vec());
    for e in entities {
        r.push(vec![
            json!(e.name),
            json!(e.kind),
            json!(e.role),
            json!(e.mentions),
            Value::String(e.forms.join("; ")),
            json!(e.claims),
        ]);
    }
    r
}

/// The table, readable in `width` columns.
pub fn table(out: &mut dyn Write, entities: &[Entity], width: u16) -> Result<()> {
    if entities.is_empty() {
        writeln!(out, "no people or organisations found")?;
        return Ok(());
    }
    records(entities).write_table(out, width, &[("name", 30), ("forms", 60)])
}

pub fn csv(out: &mut dyn Write, entities: &[Entity]) -> Result<()> {
    records(entities).write_csv(out)
}

/// A JSON array of the entities, `forms` as an array.
pub fn json(out: &mut dyn Write, entities: &[Entity]) -> Result<()> {
    crate::report::json::write_pretty(out, entities)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EntityType, Role};

    fn entity() -> Entity {
        Entity {
            name: "Ann Lee".into(),
            kind: EntityType::Person,
            role: Role::Official,
            mentions: 3,
            forms: vec!["Ann Lee".into(), "Lee".into(), "She".into()],
            claims: 2,
        }
    }

    #[test]
    fn csv_joins_the_forms() {
        let mut out = Vec::new();
        csv(&mut out, &[entity()]).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "name,type,role,mentions,forms,claims\nAnn Lee,person,official,3,Ann Lee; Lee; She,2\n"
        );
    }

    #[test]
    fn json_keeps_the_forms_as_an_array() {
        let mut out = Vec::new();
        json(&mut out, &[entity()]).unwrap();
        let v: Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v[0]["type"], "person");
        assert_eq!(v[0]["forms"][2], "She");
    }
}
