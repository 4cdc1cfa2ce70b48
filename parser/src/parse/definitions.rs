//! The rules for definitions: each name is defined once, and used only
//! after its definition.

use super::{Error, PResult};
use crate::{ExprKind, ParseErrorKind, Program};
use std::collections::HashMap;

/// Each definition's name is new, and no definition uses a name defined at
/// or after it. Checked in source order, so the first problem is reported.
pub(super) fn check_definitions(program: &Program<'_>) -> PResult<()> {
    if program.definitions.is_empty() {
        return Ok(());
    }
    let mut first_definition: HashMap<&str, usize> = HashMap::new();
    for (index, definition) in program.definitions.iter().enumerate() {
        first_definition.entry(definition.name).or_insert(index);
    }
    let mut stack = Vec::new();
    for (index, definition) in program.definitions.iter().enumerate() {
        let first = first_definition
            .get(definition.name)
            .copied()
            .unwrap_or(index);
        if first < index {
            let kind = ParseErrorKind::DuplicateDefinition {
                name: definition.name.to_owned(),
                first: program.definitions[first].name_span,
            };
            return Err(Error::new(kind, definition.name_span));
        }
        stack.push(&definition.value);
        while let Some(expr) = stack.pop() {
            match &expr.kind {
                ExprKind::Number(_) => {}
                ExprKind::Name(name) => {
                    if let Some(&defined) = first_definition.get(name)
                        && defined >= index
                    {
                        let kind = ParseErrorKind::UsedBeforeDefinition {
                            name: (*name).to_owned(),
                            definition: program.definitions[defined].name_span,
                        };
                        return Err(Error::new(kind, expr.span));
                    }
                }
                ExprKind::Unary { operand, .. } => stack.push(operand),
                ExprKind::Sum { first, rest } => {
                    stack.extend(rest.iter().rev().map(|(_, term)| term));
                    stack.push(first);
                }
                ExprKind::Product { first, rest } => {
                    stack.extend(rest.iter().rev().map(|(_, factor)| factor));
                    stack.push(first);
                }
                ExprKind::Power { base, exponent } => {
                    stack.push(exponent);
                    stack.push(base);
                }
                ExprKind::Call { args, .. } => stack.extend(args.iter().rev()),
            }
        }
    }
    Ok(())
}
