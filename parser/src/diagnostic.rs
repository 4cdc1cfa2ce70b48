//! Rendering of a message with a caret under the offending columns, shared by
//! the parser, the engine's semantic errors and the command line.

use crate::Span;
use std::fmt;

/// Writes a diagnostic in the style of rustc:
///
/// ```text
/// error: expected an operand after `+`
///  --> 1:15
///   |
/// 1 | sigmoid(w*x + )
///   |               ^
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
    let start = floor_char_boundary(source, span.start.min(source.len()));
    let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = source[start..]
        .find('\n')
        .map_or(source.len(), |i| start + i);
    let line_number = source[..start].matches('\n').count() + 1;
    let line_text = &source[line_start..line_end];
    let column = source[line_start..start].chars().count() + 1;
    let end = floor_char_boundary(source, span.end.clamp(start, line_end));
    let width = source[start..end].chars().count().max(1);

    let gutter = " ".repeat(line_number.to_string().len());
    writeln!(out, "error: {message}")?;
    writeln!(out, "{gutter}--> {line_number}:{column}")?;
    writeln!(out, "{gutter} |")?;
    writeln!(out, "{line_number} | {}", printable(line_text))?;
    write!(
        out,
        "{gutter} | {}{}",
        " ".repeat(column - 1),
        "^".repeat(width)
    )?;
    if let Some(help) = help {
        write!(out, "\n{gutter} = help: {help}")?;
    }
    Ok(())
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
