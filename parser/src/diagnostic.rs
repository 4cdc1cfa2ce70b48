//! Rendering of a message with a caret under the offending columns, shared by
//! the parser, the engine's semantic errors and the command line. The layout
//! and the colours are annotate-snippets', the crate rustc and cargo render
//! their diagnostics with, so they read as Rust users know them.

use crate::Span;
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use std::fmt;

/// The name the origin line (`--> <input>:1:15`) gives the source text, which
/// has no file name: an expression, or the value of a flag.
const ORIGIN: &str = "<input>";

/// Whether a diagnostic is written as plain text or with ANSI colours.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DiagnosticStyle {
    /// Plain text, for pipes, files and `Display`.
    #[default]
    Plain,
    /// With the ANSI colours of rustc, for a terminal.
    Colored,
}

/// Writes a diagnostic in the style of rustc:
///
/// ```text
/// error: expected an operand after `+`
///  --> <input>:1:15
///   |
/// 1 | sigmoid(w*x + )
///   |               ^
///   |
///   = help: ...
/// ```
///
/// Line and column are 1-based and count characters, not bytes. A span that
/// runs past the end of its line is underlined to the end of the line; an
/// empty span (such as the end of the input) gets a single caret.
pub fn render_diagnostic(
    out: &mut dyn fmt::Write,
    source: &str,
    span: Span,
    message: &str,
    help: Option<&str>,
) -> fmt::Result {
    render_diagnostic_styled(out, source, span, message, help, DiagnosticStyle::Plain)
}

/// Writes a diagnostic like [`render_diagnostic`], in colour when `style`
/// asks for it.
pub fn render_diagnostic_styled(
    out: &mut dyn fmt::Write,
    source: &str,
    span: Span,
    message: &str,
    help: Option<&str>,
    style: DiagnosticStyle,
) -> fmt::Result {
    let start = floor_char_boundary(source, span.start.min(source.len()));
    let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = source[start..]
        .find('\n')
        .map_or(source.len(), |i| start + i);
    let line_number = source[..start].matches('\n').count() + 1;
    let end = floor_char_boundary(source, span.end.clamp(start, line_end));
    // Only the offending line is shown, with its control characters made
    // visible, so that the caret stays under its column.
    let line_text = printable(&source[line_start..line_end]);
    let caret_start = printable(&source[line_start..start]).len();
    let caret_end = caret_start + printable(&source[start..end]).len();

    let snippet = Snippet::source(line_text.as_str())
        .line_start(line_number)
        .path(ORIGIN)
        .annotation(AnnotationKind::Primary.span(caret_start..caret_end));
    let mut group = Level::ERROR.primary_title(message).element(snippet);
    if let Some(help) = help {
        group = group.element(Level::HELP.message(help));
    }
    let report: [Group<'_>; 1] = [group];
    out.write_str(&renderer(style).render(&report))
}

/// Writes an error without a source to point into, in the layout of
/// [`render_diagnostic_styled`]: the `error: ` line and the `= help: ` line.
pub fn render_message_styled(
    out: &mut dyn fmt::Write,
    message: &str,
    help: Option<&str>,
    style: DiagnosticStyle,
) -> fmt::Result {
    let mut group = Group::with_title(Level::ERROR.primary_title(message));
    if let Some(help) = help {
        group = group.element(Level::HELP.message(help));
    }
    let report: [Group<'_>; 1] = [group];
    out.write_str(&renderer(style).render(&report))
}

fn renderer(style: DiagnosticStyle) -> Renderer {
    match style {
        DiagnosticStyle::Plain => Renderer::plain(),
        DiagnosticStyle::Colored => Renderer::styled(),
    }
}

/// A tab is shown as one space and other control characters (a NUL byte)
/// as one visible replacement character: each stays one column wide, so the
/// caret stays aligned, and none can upset the terminal.
fn printable(line: &str) -> String {
    line.chars()
        .map(|c| match c {
            '\t' => ' ',
            c if c.is_control() => '\u{fffd}',
            c => c,
        })
        .collect()
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// Adapts [`render_diagnostic`] to a `Display` implementation.
pub(crate) struct Rendered<'a> {
    pub(crate) source: &'a str,
    pub(crate) span: Span,
    pub(crate) message: &'a str,
    pub(crate) help: Option<&'a str>,
}

impl fmt::Display for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        render_diagnostic(f, self.source, self.span, self.message, self.help)
    }
}
