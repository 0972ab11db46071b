//! `whosaid migrate`: bring the database to this whosaid's schema version. Commands that
//! write do it themselves; this is for a database that is only read. Articles stored before
//! the sentence cache get theirs, as a command that writes gives them.

use crate::cli::{print_lines, Context};
use crate::error::Result;
use crate::store::SCHEMA_VERSION;

#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(ctx: &Context, _args: Args) -> Result<()> {
    let path = ctx.db_path();
    if !path.exists() {
        return Err(crate::error::Error::msg(format!(
            "{}: no such database (expected a whosaid database to migrate; see --db)",
            path.display()
        )));
    }
    let store = ctx.store()?;
    print_lines(&[format!("{}: schema version {SCHEMA_VERSION}", store.name())])
}
