//! What one invocation has printed so far, and its statistics.

use crate::Outcome;
use crate::cli::Format;
use crate::error::CliError;
use crate::stats::Stats;

#[derive(Debug)]
pub(crate) struct Session {
    pub(crate) format: Format,
    pub(crate) stats: Stats,
    /// The node budget of every graph the command builds (`--max-nodes`).
    pub(crate) max_nodes: usize,
    /// Significant digits of printed values (`--precision`); all by default.
    pub(crate) precision: Option<usize>,
    /// Whether errors are printed in colour (`--color`).
    pub(crate) style: symdiff_parser::DiagnosticStyle,
    stdout: String,
    stderr: String,
}

impl Session {
    pub(crate) fn new(
        format: Format,
        stats_enabled: bool,
        repeat: usize,
        max_nodes: usize,
    ) -> Self {
        Session {
            format,
            stats: Stats::new(stats_enabled, repeat),
            max_nodes,
            precision: None,
            style: symdiff_parser::DiagnosticStyle::Plain,
            stdout: String::new(),
            stderr: String::new(),
        }
    }

    /// Appends `text` and a newline to standard output.
    pub(crate) fn print(&mut self, text: &str) {
        self.stdout.push_str(text);
        if !text.ends_with('\n') {
            self.stdout.push('\n');
        }
    }

    pub(crate) fn warn(&mut self, warning: &crate::diagnostics::Warning) {
        self.stderr.push_str("warning: ");
        self.stderr.push_str(&warning.message());
        self.stderr.push('\n');
    }

    pub(crate) fn error(&mut self, error: &CliError) {
        self.stderr.push_str(&error.render(self.style));
        self.stderr.push('\n');
    }

    /// The outcome, with the statistics line when asked for and the command
    /// got as far as producing a result.
    pub(crate) fn finish(mut self, code: i32) -> Outcome {
        if code != 2
            && let Some(line) = self.stats.json_line()
        {
            self.stderr.push_str(&line);
            self.stderr.push('\n');
        }
        Outcome {
            stdout: self.stdout,
            stderr: self.stderr,
            code,
        }
    }
}
