//! The rules for definitions: each name is defined once, and used only
//! after its definition.

use super::{Error, PResult};
use crate::{ExprKind, ParseErrorKind, Program};
use std::collections::HashMap;

/// Each definition's name is new, and no definition uses a name defined at
/// or after it. Checked in source order, so the first problem is reported.
///
/// A definition's nodes are the run of the arena that ends at its value, and
/// the names in a run are in source order, so a plain scan finds the first
/// offending use.
#[inline(always)]
pub(super) fn check_definitions(program: &Program<'_>) -> PResult<()> {
    if program.definitions().is_empty() {
        return Ok(());
    }
    check_each_definition(program)
}

/// [`check_definitions`] for a program that has definitions.
fn check_each_definition(program: &Program<'_>) -> PResult<()> {
    let definitions = program.definitions();
    let mut first_definition: HashMap<&str, usize> = HashMap::with_capacity(definitions.len());
    for (index, definition) in definitions.iter().enumerate() {
        first_definition.entry(definition.name).or_insert(index);
    }
    let mut run_start = 0;
    for (index, definition) in definitions.iter().enumerate() {
        let first = first_definition
            .get(definition.name)
            .copied()
            .unwrap_or(index);
        if let Some(first) = definitions.get(first).filter(|_| first < index) {
            let kind = ParseErrorKind::DuplicateDefinition {
                name: definition.name.to_owned(),
                first: first.name_span,
            };
            return Err(Error::new(kind, definition.name_span));
        }
        let run_end = definition.value.index() + 1;
        let run = program.exprs().get(run_start..run_end).unwrap_or_default();
        run_start = run_end;
        for expr in run {
            if let ExprKind::Name(name) = expr.kind
                && let Some(&defined) = first_definition.get(name)
                && defined >= index
                && let Some(later) = definitions.get(defined)
            {
                if defined == index {
                    let kind = ParseErrorKind::UsedInOwnDefinition {
                        name: name.to_owned(),
                    };
                    return Err(Error::new(kind, expr.span));
                }
                let kind = ParseErrorKind::UsedBeforeDefinition {
                    name: name.to_owned(),
                    definition: later.name_span,
                };
                return Err(Error::new(kind, expr.span));
            }
        }
    }
    Ok(())
}
