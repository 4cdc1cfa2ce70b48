//! The `symdiff` binary: everything happens in [`symdiff_cli::run`].

use std::io::Write;

fn main() {
    let outcome = symdiff_cli::run_on(
        std::env::args_os(),
        &mut std::io::stdin().lock(),
        symdiff_cli::Terminal::detect(),
    );
    // A closed pipe (`symdiff ... | head`) is not worth a second error.
    let _ = std::io::stdout()
        .lock()
        .write_all(outcome.stdout.as_bytes());
    let _ = std::io::stderr()
        .lock()
        .write_all(outcome.stderr.as_bytes());
    std::process::exit(outcome.code);
}
