//! The `whosaid` binary: parse the command line, run it, print an error once and map it to an
//! exit code (1 for bad input or a failed operation, 2 for usage errors).

use clap::Parser;

fn main() {
    let cli = whosaid::cli::Cli::parse();
    match whosaid::cli::run(cli) {
        Ok(()) => {}
        // A closed stdout pipe (`| head -1`) is not an error.
        Err(e) if e.is_broken_pipe() => {}
        Err(e) => {
            eprintln!("whosaid: {e}");
            std::process::exit(e.exit_code());
        }
    }
}
