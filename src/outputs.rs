//! The several outputs of `jacobian`: the program's definitions, then the
//! outputs separated by `;` (`z = w*x + b; sigmoid(z); z^2`). Each output is
//! parsed with the definitions before it, and all of them are brought into
//! the first output's graph, where the definitions are shared nodes.

use crate::diagnostics::Mistake;
use crate::error::CliError;
use crate::input::{Loaded, read_source};
use crate::session::Session;
use std::io::Read;
use std::ops::Range;
use symdiff::Expr;

/// Where the parts of the source are.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Layout {
    /// Where the definitions end: just after the `;` of the last one, or 0.
    definitions_end: usize,
    /// Each output's bytes, between its `;`s.
    outputs: Vec<Range<usize>>,
}

/// Reads the argument `text` (`-` reads standard input) as definitions and
/// a list of outputs.
pub(crate) fn load_outputs(
    text: &str,
    stdin: &mut dyn Read,
    session: &mut Session,
) -> Result<Loaded, CliError> {
    let source = read_source(text, stdin)?;
    let layout = layout(&source)?;
    let max_nodes = session.max_nodes;
    let outputs = session
        .stats
        .time_parse(|| parse_outputs(&source, &layout, max_nodes))?;
    let expr = outputs
        .first()
        .cloned()
        .ok_or_else(|| Mistake::ExpectedOutput.at(&source, 0..0))?;
    Ok(Loaded {
        source,
        expr,
        outputs,
    })
}

/// Parses each output with the definitions, into the first output's graph.
fn parse_outputs(
    source: &str,
    layout: &Layout,
    max_nodes: usize,
) -> Result<Vec<Expr>, symdiff::Error> {
    let definitions = source.get(..layout.definitions_end).unwrap_or_default();
    let mut outputs: Vec<Expr> = Vec::with_capacity(layout.outputs.len());
    for range in &layout.outputs {
        let output = source.get(range.clone()).unwrap_or_default();
        let program = format!("{definitions}{output}");
        let shift = range.start - definitions.len();
        let parsed = Expr::parse_with_max_nodes(&program, max_nodes)
            .map_err(|error| in_source(error, source, definitions.len(), shift))?;
        let Some(first) = outputs.first() else {
            outputs.push(parsed);
            continue;
        };
        let graph = std::rc::Rc::clone(first.graph());
        let id = symdiff::import::import(
            &mut graph.borrow_mut(),
            &parsed.graph().borrow(),
            parsed.id(),
        );
        outputs.push(Expr::from_graph(graph, id));
    }
    Ok(outputs)
}

/// An error in the program of the definitions and one output, moved to the
/// source: offsets in the output move by `shift` (the output's offset in
/// the source less the definitions' length), so an error at the end of the
/// output is at the `;` after it.
fn in_source(
    error: symdiff::Error,
    source: &str,
    definitions_len: usize,
    shift: usize,
) -> symdiff::Error {
    let at = |offset: usize| match offset >= definitions_len {
        true => offset + shift,
        false => offset,
    };
    let moved = |span: symdiff_parser::Span| symdiff_parser::Span {
        start: at(span.start),
        end: at(span.end),
    };
    match error {
        symdiff::Error::Parse(mut error) => {
            error.span = moved(error.span);
            error.source = source.into();
            symdiff::Error::Parse(error)
        }
        symdiff::Error::Semantic(mut error) => {
            error.span = moved(error.span);
            error.source = source.into();
            symdiff::Error::Semantic(error)
        }
        other => other,
    }
}

/// Splits the source at its `;`s into the definitions (`name = …`), which
/// come first, and the outputs after them. A `;` has no other use in the
/// syntax, so one inside parentheses is an error of the output it falls in.
fn layout(source: &str) -> Result<Layout, CliError> {
    let pieces = split_semicolons(source);
    let n_definitions = pieces
        .iter()
        .take_while(|piece| definition_name(&source[(*piece).clone()]).is_some())
        .count();
    let Some(last_definition) = n_definitions.checked_sub(1) else {
        return outputs_after(source, 0, &pieces);
    };
    let rest = &pieces[n_definitions..];
    let nothing_after = rest
        .iter()
        .all(|piece| source[piece.clone()].trim().is_empty());
    if nothing_after && rest.len() <= 1 {
        let end = source.trim_end().len();
        let mistake = if source.trim_end().ends_with(';') {
            Mistake::ExpectedOutputAfterDefinitions
        } else {
            Mistake::ExpectedSemicolonAndOutputs
        };
        return Err(mistake.at(source, end..end));
    }
    let definitions_end = pieces[last_definition].end + 1;
    outputs_after(source, definitions_end, rest)
}

/// The outputs `pieces`, each neither empty nor a definition.
fn outputs_after(
    source: &str,
    definitions_end: usize,
    pieces: &[Range<usize>],
) -> Result<Layout, CliError> {
    // A source with nothing in it gets the parser's own message.
    if source.trim().is_empty() {
        return Ok(Layout {
            definitions_end,
            outputs: pieces.to_vec(),
        });
    }
    for piece in pieces {
        let text = &source[piece.clone()];
        if text.trim().is_empty() {
            return Err(empty_output(source, piece));
        }
        if let Some(name) = definition_name(text) {
            let start = piece.start + (text.len() - text.trim_start().len());
            let span = start..start + name.len();
            let name = name.to_owned();
            return Err(Mistake::DefinitionAfterOutput { name }.at(source, span));
        }
    }
    Ok(Layout {
        definitions_end,
        outputs: pieces.to_vec(),
    })
}

/// An empty output: at the `;` after it, or at the last `;` when it is
/// the end of the source.
fn empty_output(source: &str, piece: &Range<usize>) -> CliError {
    if piece.end < source.len() {
        Mistake::ExpectedOutputBeforeSemicolon.at(source, piece.end..piece.end + 1)
    } else {
        let span = piece.start.saturating_sub(1)..piece.start;
        Mistake::ExpectedOutputAfterSemicolon.at(source, span)
    }
}

/// The byte ranges between the `;`s.
fn split_semicolons(source: &str) -> Vec<Range<usize>> {
    let mut pieces = Vec::new();
    let mut start = 0;
    for (index, byte) in source.bytes().enumerate() {
        if byte == b';' {
            pieces.push(start..index);
            start = index + 1;
        }
    }
    pieces.push(start..source.len());
    pieces
}

/// The name of a definition `name = …`, if `piece` is one.
fn definition_name(piece: &str) -> Option<&str> {
    let text = piece.trim_start();
    let name_len = text
        .bytes()
        .position(|byte| !(byte.is_ascii_alphanumeric() || byte == b'_'))
        .unwrap_or(text.len());
    let name = &text[..name_len];
    let rest = text[name_len..].trim_start();
    (crate::wrt::is_identifier(name) && rest.starts_with('=')).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outputs(source: &str) -> Vec<&str> {
        let layout = layout(source).expect("a valid list");
        layout
            .outputs
            .iter()
            .map(|range| source[range.clone()].trim())
            .collect()
    }

    #[test]
    fn definitions_come_first_then_outputs() {
        assert_eq!(outputs("x*y; x + y; sin(x)"), ["x*y", "x + y", "sin(x)"]);
        assert_eq!(outputs("z = w*x; y = z^2; y; z"), ["y", "z"]);
        assert_eq!(outputs("x"), ["x"]);
    }
}
