//! `whosaid claim add|edit|rm`: record, correct or remove claims by hand. Content, cue and
//! mention are given as words copied from the article and found in its text by
//! [`crate::annotation::locate`].

use clap::Subcommand;

use crate::annotation::locate::{locate_content, locate_word, nonblank};
use crate::cli::{note, print_lines, Context};
use crate::error::{Error, Result};
use crate::model::{Attribution, Form, Identity, Origin, Role};
use crate::store::{articles, claims};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub action: Action,
}

#[derive(Debug, Subcommand)]
pub enum Action {
    /// Record a claim of an article by hand; prints the claim's id.
    Add(AddArgs),
    /// Correct a claim; it becomes hand-recorded, so `extract` keeps it.
    Edit(EditArgs),
    /// Remove claims.
    Rm(RmArgs),
    /// Read a filled worksheet (`whosaid worksheet`) back as claims, all in one transaction.
    Import(crate::cli::worksheet::ImportArgs),
}

#[derive(Debug, clap::Args)]
pub struct AddArgs {
    /// The article: its numeric id or its external id.
    #[arg(value_name = "ARTICLE")]
    pub article: String,

    /// What is attributed, copied exactly from the article.
    #[arg(long, value_name = "TEXT")]
    pub content: String,

    /// Which occurrence of the content is meant, when it occurs more than once (1 = first).
    #[arg(long, value_name = "N", value_parser = crate::cli::OCCURRENCE.u32())]
    pub occurrence: Option<u32>,

    /// Who the claim rests on, resolved ("Claudia Sheinbaum" for "She").
    #[arg(long, value_name = "NAME")]
    pub source: String,

    #[arg(long, value_enum)]
    pub identity: Identity,

    #[arg(long, value_enum)]
    pub role: Role,

    #[arg(long, value_enum)]
    pub form: Form,

    /// The words that signal the attribution ("said", "according to"), matched as whole
    /// words outside the content: the nearest before the content in its sentence, else the
    /// nearest after it.
    #[arg(long, value_name = "WORDS")]
    pub cue: Option<String>,

    /// Which whole-word occurrence of the cue in the article is meant (1 = first).
    #[arg(long, value_name = "N", requires = "cue",
          value_parser = crate::cli::OCCURRENCE.u32())]
    pub cue_occurrence: Option<u32>,

    /// The words that name the source as written ("She"), matched as the cue is.
    #[arg(long, value_name = "WORDS")]
    pub mention: Option<String>,

    /// Which whole-word occurrence of the mention in the article is meant (1 = first).
    #[arg(long, value_name = "N", requires = "mention",
          value_parser = crate::cli::OCCURRENCE.u32())]
    pub mention_occurrence: Option<u32>,

    /// The wording distances the writer from the claim ("reportedly", "allegedly").
    #[arg(long)]
    pub hedged: bool,

    /// For a cited source in a chain: who cites it.
    #[arg(long, value_name = "NAME")]
    pub via: Option<String>,

    /// Who records the claim.
    #[arg(long, value_name = "NAME", default_value = "manual")]
    pub annotator: String,
}

#[derive(Debug, clap::Args)]
pub struct EditArgs {
    /// The claim's id (see `whosaid claims ARTICLE`).
    #[arg(value_name = "CLAIM")]
    pub claim: String,

    /// New content, copied exactly from the article.
    #[arg(long, value_name = "TEXT")]
    pub content: Option<String>,

    /// Which occurrence of the new content is meant (1 = first).
    #[arg(long, value_name = "N", requires = "content", value_parser = crate::cli::OCCURRENCE.u32())]
    pub occurrence: Option<u32>,

    #[arg(long, value_name = "NAME")]
    pub source: Option<String>,

    #[arg(long, value_enum)]
    pub identity: Option<Identity>,

    #[arg(long, value_enum)]
    pub role: Option<Role>,

    #[arg(long, value_enum)]
    pub form: Option<Form>,

    /// New cue words, matched as `claim add` does.
    #[arg(long, value_name = "WORDS", conflicts_with = "no_cue")]
    pub cue: Option<String>,

    /// Which whole-word occurrence of the new cue in the article is meant (1 = first).
    #[arg(long, value_name = "N", requires = "cue",
          value_parser = crate::cli::OCCURRENCE.u32())]
    pub cue_occurrence: Option<u32>,

    /// Remove the cue.
    #[arg(long)]
    pub no_cue: bool,

    /// New mention words, matched as `claim add` does.
    #[arg(long, value_name = "WORDS", conflicts_with = "no_mention")]
    pub mention: Option<String>,

    /// Which whole-word occurrence of the new mention in the article is meant (1 = first).
    #[arg(long, value_name = "N", requires = "mention",
          value_parser = crate::cli::OCCURRENCE.u32())]
    pub mention_occurrence: Option<u32>,

    /// Remove the mention.
    #[arg(long)]
    pub no_mention: bool,

    /// Mark the claim hedged.
    #[arg(long, conflicts_with = "not_hedged")]
    pub hedged: bool,

    /// Mark the claim not hedged.
    #[arg(long)]
    pub not_hedged: bool,

    #[arg(long, value_name = "NAME", conflicts_with = "no_via")]
    pub via: Option<String>,

    /// Remove the via source.
    #[arg(long)]
    pub no_via: bool,

    /// Who made the correction.
    #[arg(long, value_name = "NAME")]
    pub annotator: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct RmArgs {
    /// The claims' ids (see `whosaid claims ARTICLE`).
    #[arg(required = true, value_name = "CLAIM")]
    pub claims: Vec<String>,
}

fn add(ctx: &Context, args: AddArgs) -> Result<()> {
    nonblank("--source", &args.source)?;
    nonblank("--annotator", &args.annotator)?;
    let mut store = ctx.store()?;
    let article = articles::resolve(store.conn(), &args.article)?;
    let content = locate_content(&article, &args.content, args.occurrence)?;
    let cue = match &args.cue {
        Some(w) => Some(locate_word(
            &article,
            "cue",
            w,
            Some(&content),
            args.cue_occurrence,
        )?),
        None => None,
    };
    let mention = match &args.mention {
        Some(w) => Some(locate_word(
            &article,
            "mention",
            w,
            Some(&content),
            args.mention_occurrence,
        )?),
        None => None,
    };
    let a = Attribution {
        source: args.source.trim().to_string(),
        mention,
        cue,
        content: Some(content),
        identity: args.identity,
        role: args.role,
        form: args.form,
        hedged: args.hedged,
        via: args.via.filter(|v| !v.trim().is_empty()),
        rule: String::new(),
        trigger: String::new(),
        anonymity_reason: None,
    };
    let annotator = args.annotator.trim().to_string();
    let id = store.write(|tx| claims::insert(tx, article.id, &a, Origin::Manual, &annotator))?;
    print_lines(&[id.to_string()])
}

fn edit(ctx: &Context, args: EditArgs) -> Result<()> {
    let changes = args.content.is_some()
        || args.source.is_some()
        || args.identity.is_some()
        || args.role.is_some()
        || args.form.is_some()
        || args.cue.is_some()
        || args.no_cue
        || args.mention.is_some()
        || args.no_mention
        || args.hedged
        || args.not_hedged
        || args.via.is_some()
        || args.no_via
        || args.annotator.is_some();
    if !changes {
        return Err(Error::usage(
            "nothing to change (give at least one of --content, --source, --identity, --role, \
             --form, --cue, --mention, --hedged, --via, --annotator or their --no-/--not- forms)",
        ));
    }
    let mut store = ctx.store()?;
    let mut claim = claims::resolve(store.conn(), &args.claim)?;
    let article = articles::get(store.conn(), claim.article_id)?
        .ok_or_else(|| Error::msg(format!("claim {}: its article is gone", claim.id)))?;
    let a = &mut claim.attribution;
    if let Some(c) = &args.content {
        a.content = Some(locate_content(&article, c, args.occurrence)?);
    }
    if let Some(s) = &args.source {
        nonblank("--source", s)?;
        a.source = s.trim().to_string();
    }
    if let Some(w) = &args.cue {
        a.cue = Some(locate_word(
            &article,
            "cue",
            w,
            a.content.as_ref(),
            args.cue_occurrence,
        )?);
    } else if args.no_cue {
        a.cue = None;
    }
    if let Some(w) = &args.mention {
        a.mention = Some(locate_word(
            &article,
            "mention",
            w,
            a.content.as_ref(),
            args.mention_occurrence,
        )?);
    } else if args.no_mention {
        a.mention = None;
    }
    if let Some(v) = args.identity {
        a.identity = v;
        // only an anonymous source has a reason for not being named
        if v != crate::model::Identity::Anonymous {
            a.anonymity_reason = None;
        }
    }
    if let Some(v) = args.role {
        a.role = v;
    }
    if let Some(v) = args.form {
        a.form = v;
    }
    if args.hedged {
        a.hedged = true;
    } else if args.not_hedged {
        a.hedged = false;
    }
    if let Some(v) = &args.via {
        a.via = Some(v.trim().to_string()).filter(|v| !v.is_empty());
    } else if args.no_via {
        a.via = None;
    }
    if let Some(n) = &args.annotator {
        nonblank("--annotator", n)?;
        claim.annotator = n.trim().to_string();
    }
    claim.origin = Origin::Manual;
    store.write(|tx| claims::update(tx, &claim))?;
    note(format!("claim {} updated", claim.id));
    Ok(())
}

fn rm(ctx: &Context, args: RmArgs) -> Result<()> {
    let mut store = ctx.store()?;
    let mut ids = Vec::with_capacity(args.claims.len());
    for key in &args.claims {
        // A claim named twice (`claim rm 6 6`) is removed once.
        let id = claims::resolve(store.conn(), key)?.id;
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    store.write(|tx| {
        for &id in &ids {
            claims::delete(tx, id)?;
        }
        Ok(())
    })?;
    for id in ids {
        note(format!("claim {id} removed"));
    }
    Ok(())
}

pub fn run(ctx: &Context, args: Args) -> Result<()> {
    match args.action {
        Action::Add(a) => add(ctx, a),
        Action::Edit(a) => edit(ctx, a),
        Action::Rm(a) => rm(ctx, a),
        Action::Import(a) => crate::cli::worksheet::import(ctx, a),
    }
}
