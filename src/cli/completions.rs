//! `whosaid completions SHELL`: the shell's completion script for every subcommand and flag,
//! generated from the command-line definition, on standard output.

use clap_complete::Shell;

use crate::cli::output;
use crate::error::Result;

#[derive(Debug, clap::Args)]
#[command(after_help = "Install, for example:
  bash: whosaid completions bash > ~/.local/share/bash-completion/completions/whosaid
  zsh:  whosaid completions zsh > ~/.zfunc/_whosaid   (with ~/.zfunc on $fpath)
  fish: whosaid completions fish > ~/.config/fish/completions/whosaid.fish")]
pub struct Args {
    /// The shell to complete for.
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: Shell,
}

/// Print the completion script of `cmd`, the whole command line (`Cli::command()`).
pub fn run(args: Args, mut cmd: clap::Command) -> Result<()> {
    let mut buf = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "whosaid", &mut buf);
    output::write_all(None, &buf)
}
