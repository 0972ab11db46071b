//! The `whosaid` binary: parse the command line, run it, print an error once and map it to an
//! exit code (1 for bad input or a failed operation, 2 for usage errors).

// The engine makes many small, short-lived allocations (tokens' lower-case forms, names,
// candidate spans); mimalloc serves them in fewer instructions than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let cli = match whosaid::cli::command::parse() {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => e.exit(), // --help, --version
        Err(e) => {
            let usage = whosaid::cli::usage_line(&e);
            eprintln!("whosaid: {}", whosaid::report::terminal::line(&usage));
            std::process::exit(2);
        }
    };
    match whosaid::cli::command::run(cli) {
        Ok(()) => {}
        // A closed stdout pipe (`| head -1`) is not an error.
        Err(e) if e.is_broken_pipe() => {}
        Err(e) => {
            eprintln!(
                "whosaid: {}",
                whosaid::report::terminal::line(&e.to_string())
            );
            std::process::exit(e.exit_code());
        }
    }
}
