//! Lowering of the parser's syntax tree into the DAG, with the semantic
//! checks the parser cannot make: known functions and their arities, the
//! constants `pi` and `e`, and names bound by definitions.

use crate::error::{SemanticError, SemanticErrorKind};
use crate::func::{Callable, lookup, suggest};
use crate::graph::{Constant, Graph, NodeId};
use crate::number::Number;
use rustc_hash::FxHashMap;
use symdiff_parser::{AddOp, Expr, ExprKind, MulOp, Program, Span, UnaryOp};

/// Lowers a parsed program into `graph`, returning the final expression.
/// Each definition is lowered once and shared wherever its name is used.
pub fn lower_program(
    graph: &mut Graph,
    program: &Program<'_>,
    source: &str,
) -> Result<NodeId, SemanticError> {
    let mut lowering = Lowering {
        graph,
        source,
        definitions: FxHashMap::default(),
    };
    for definition in &program.definitions {
        if constant_named(definition.name).is_some() {
            return Err(lowering.error(
                SemanticErrorKind::RedefinedConstant {
                    name: definition.name.to_owned(),
                },
                definition.name_span,
            ));
        }
        let value = lowering.lower(&definition.value)?;
        lowering.definitions.insert(definition.name, value);
    }
    lowering.lower(&program.body)
}

struct Lowering<'g, 'src> {
    graph: &'g mut Graph,
    source: &'src str,
    definitions: FxHashMap<&'src str, NodeId>,
}

fn constant_named(name: &str) -> Option<Constant> {
    match name {
        "pi" => Some(Constant::Pi),
        "e" => Some(Constant::E),
        _ => None,
    }
}

impl<'src> Lowering<'_, 'src> {
    fn error(&self, kind: SemanticErrorKind, span: Span) -> SemanticError {
        SemanticError {
            kind,
            span,
            source: self.source.into(),
        }
    }

    fn lower(&mut self, expr: &Expr<'src>) -> Result<NodeId, SemanticError> {
        match &expr.kind {
            ExprKind::Number(text) => match Number::from_decimal(text) {
                Some(number) => Ok(self.graph.num(number)),
                None => Err(self.error(
                    SemanticErrorKind::InvalidNumber {
                        text: (*text).to_owned(),
                    },
                    expr.span,
                )),
            },
            ExprKind::Name(name) => Ok(self.lower_name(name)),
            ExprKind::Unary { op, operand } => {
                let operand = self.lower(operand)?;
                Ok(match op {
                    UnaryOp::Neg => self.graph.neg(operand),
                    UnaryOp::Plus => operand,
                })
            }
            ExprKind::Sum { first, rest } => {
                let mut terms = Vec::with_capacity(rest.len() + 1);
                terms.push(self.lower(first)?);
                for (op, term) in rest {
                    let term = self.lower(term)?;
                    terms.push(match op {
                        AddOp::Add => term,
                        AddOp::Sub => self.graph.neg(term),
                    });
                }
                Ok(self.graph.add(&terms))
            }
            ExprKind::Product { first, rest } => {
                let mut factors = Vec::with_capacity(rest.len() + 1);
                factors.push(self.lower(first)?);
                for (op, factor) in rest {
                    let factor = self.lower(factor)?;
                    factors.push(match op {
                        MulOp::Mul => factor,
                        MulOp::Div => self.graph.powi(factor, -1),
                    });
                }
                Ok(self.graph.mul(&factors))
            }
            ExprKind::Power { base, exponent } => {
                let base = self.lower(base)?;
                let exponent = self.lower(exponent)?;
                Ok(self.graph.pow(base, exponent))
            }
            ExprKind::Call {
                name,
                name_span,
                args,
            } => self.lower_call(name, *name_span, args),
        }
    }

    fn lower_name(&mut self, name: &str) -> NodeId {
        if let Some(&value) = self.definitions.get(name) {
            return value;
        }
        match constant_named(name) {
            Some(constant) => self.graph.constant(constant),
            None => self.graph.var(name),
        }
    }

    fn lower_call(
        &mut self,
        name: &str,
        name_span: Span,
        args: &[Expr<'src>],
    ) -> Result<NodeId, SemanticError> {
        let Some((callable, arity)) = lookup(name) else {
            let kind = SemanticErrorKind::UnknownFunction {
                name: name.to_owned(),
                suggestion: suggest(name),
            };
            return Err(self.error(kind, name_span));
        };
        if args.len() != arity {
            let kind = SemanticErrorKind::WrongArity {
                name: name.to_owned(),
                expected: arity,
                found: args.len(),
            };
            return Err(self.error(kind, name_span));
        }
        let args = args
            .iter()
            .map(|arg| self.lower(arg))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(match callable {
            Callable::Func(func) => self.graph.call(func, &args),
            Callable::Pow => self.graph.pow(args[0], args[1]),
        })
    }
}
