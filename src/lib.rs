//! The `symdiff` command line as a library: [`run`] takes the arguments and
//! standard input and returns what to print and the exit status, so tests
//! drive every subcommand in-process and `main.rs` only does the I/O.
//!
//! Exit status: 0 on success, 1 when `check` finds a failing entry, 2 for
//! any error in the input (expression, `--at`, `--wrt`, options).

mod cli;
mod commands;
mod diagnostics;
mod direction;
mod error;
mod eval;
mod input;
mod output;
mod outputs;
mod plot;
mod point;
mod session;
mod stats;
mod wrt;

use clap::Parser;
use std::ffi::OsString;
use std::io::Read;

pub use cli::{Cli, ColorChoice, Command, Format};
pub use diagnostics::{Mistake, NameHelp, Warning};
pub use error::{CliError, Place};

/// What one invocation printed and how it ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// What it printed on standard output.
    pub stdout: String,
    /// What it printed on standard error.
    pub stderr: String,
    /// The exit status: 0, 1 for a failing `check`, 2 for bad input.
    pub code: i32,
}

/// Where standard error goes, which decides whether `--color auto` colours
/// error messages.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Terminal {
    /// Standard error is a terminal.
    pub stderr_is_terminal: bool,
    /// The `NO_COLOR` environment variable is set to a value that is not
    /// empty (<https://no-color.org>).
    pub no_color: bool,
}

impl Terminal {
    /// The program's own standard error and environment.
    pub fn detect() -> Self {
        use std::io::IsTerminal;
        Terminal {
            stderr_is_terminal: std::io::stderr().is_terminal(),
            no_color: std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty()),
        }
    }

    /// Whether error messages are coloured under `choice`.
    fn style(self, choice: ColorChoice) -> symdiff_parser::DiagnosticStyle {
        let colored = match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => self.stderr_is_terminal && !self.no_color,
        };
        if colored {
            symdiff_parser::DiagnosticStyle::Colored
        } else {
            symdiff_parser::DiagnosticStyle::Plain
        }
    }
}

/// Runs the command line `args` (the first is the program name) with
/// `stdin` as standard input (read only for the expression `-`). What it
/// prints goes into strings, not to a terminal, so `--color auto` is plain.
pub fn run<I, T>(args: I, stdin: &mut dyn Read) -> Outcome
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    run_on(args, stdin, Terminal::default())
}

/// Runs the command line like [`run`], with `terminal` deciding what
/// `--color auto` does.
pub fn run_on<I, T>(args: I, stdin: &mut dyn Read, terminal: Terminal) -> Outcome
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    match Cli::try_parse_from(args) {
        Ok(cli) => run_cli_on(&cli, stdin, terminal),
        Err(error) => clap_outcome(&error),
    }
}

/// Runs an already parsed command line, printing into strings.
pub fn run_cli(cli: &Cli, stdin: &mut dyn Read) -> Outcome {
    run_cli_on(cli, stdin, Terminal::default())
}

/// Runs an already parsed command line, with `terminal` deciding what
/// `--color auto` does.
pub fn run_cli_on(cli: &Cli, stdin: &mut dyn Read, terminal: Terminal) -> Outcome {
    let mut session = session::Session::new(cli.format, cli.stats, cli.repeat, cli.max_nodes);
    session.precision = cli.precision.map(usize::from);
    session.style = terminal.style(cli.color);
    let code = match commands::dispatch(&cli.command, &mut session, stdin) {
        Ok(code) => code,
        Err(error) => {
            session.error(&error);
            2
        }
    };
    session.finish(code)
}

/// Usage errors, `--help` and `--version`, as clap renders them.
fn clap_outcome(error: &clap::Error) -> Outcome {
    let text = error.render().to_string();
    let code = error.exit_code();
    if error.use_stderr() {
        Outcome {
            stdout: String::new(),
            stderr: text,
            code,
        }
    } else {
        Outcome {
            stdout: text,
            stderr: String::new(),
            code,
        }
    }
}
