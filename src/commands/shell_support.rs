//! `symdiff completions SHELL` and `symdiff man`, both generated from the
//! clap definition, so they never fall behind the options.

use crate::cli::Cli;
use crate::error::CliError;
use crate::session::Session;
use clap::CommandFactory;

pub(crate) fn completions(
    shell: clap_complete::Shell,
    session: &mut Session,
) -> Result<i32, CliError> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "symdiff", &mut script);
    session.print(&String::from_utf8_lossy(&script));
    Ok(0)
}

pub(crate) fn man(session: &mut Session) -> Result<i32, CliError> {
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut page)
        .map_err(|error| crate::diagnostics::Mistake::Internal {
            what: format!("cannot write the manual page: {error}"),
        })?;
    session.print(&String::from_utf8_lossy(&page));
    Ok(0)
}
