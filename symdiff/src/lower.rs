//! Lowering of the parser's syntax tree into the DAG, with the semantic
//! checks the parser cannot make: known functions and their arities, the
//! constants `pi` and `e`, and names bound by definitions.
//!
//! The syntax tree is an arena in post-order (children before parents), so
//! lowering is one loop over it in id order, mapping each `ExprId` to the
//! `NodeId` of its value. The graph's nodes are made in the order a recursive
//! lowering would make them, so node numbering (and with it the canonical
//! order of terms and factors) does not depend on how the tree is stored.

use crate::error::{SemanticError, SemanticErrorKind};
use crate::func::{Callable, Lookup, WHERE, is_callable, lookup, suggest};
use crate::graph::{Constant, Graph, NodeId};
use crate::number::Number;
use rustc_hash::FxHashMap;
use symdiff_parser::{AddOp, Expr, ExprId, ExprKind, MulOp, Program, Span, UnaryOp};

/// Whether `name` is called as a function: a callable of the table, or
/// `where`.
fn is_function(name: &str) -> bool {
    name == WHERE || is_callable(name)
}

/// What a call means, once its name and arguments are checked.
enum Call {
    Callable(Callable),
    /// `where(left op right, a, b)`: the comparison's sides, in the
    /// engine's order (`a > b` is `b < a`).
    Where(crate::func::Comparison, [ExprId; 2]),
}

/// Lowers a parsed program into `graph`, returning the final expression.
/// Each definition is lowered once and shared wherever its name is used.
pub fn lower_program(
    graph: &mut Graph,
    program: &Program<'_>,
    source: &str,
) -> Result<NodeId, SemanticError> {
    lower_program_with(graph, program, source, &[]).map(|lowered| lowered.root)
}

/// A lowered program: its final expression and the value of each of its
/// definitions, in the order written.
#[derive(Debug, Clone)]
pub struct LoweredProgram {
    pub root: NodeId,
    pub definitions: Vec<(String, NodeId)>,
}

/// Lowers a parsed program like [`lower_program`], keeping each definition's
/// value. For each `(index, node)` of `bind`, the definition written at
/// `index` is still lowered and checked, but its name stands for `node`
/// wherever it is used after it (the derivatives with respect to a named
/// step, `steps.rs`, and the step-by-step explanation, `explain.rs`, make
/// steps variables this way).
pub fn lower_program_with(
    graph: &mut Graph,
    program: &Program<'_>,
    source: &str,
    bind: &[(usize, NodeId)],
) -> Result<LoweredProgram, SemanticError> {
    let mut lowering = Lowering {
        graph,
        program,
        source,
        definitions: FxHashMap::default(),
        nodes: Vec::with_capacity(program.len()),
        then: then_steps(program),
        operands: Vec::new(),
    };
    let mut values = Vec::with_capacity(program.definitions().len());
    for (index, definition) in program.definitions().iter().enumerate() {
        let name = definition.name.to_owned();
        let redefined = match () {
            () if Constant::named(definition.name).is_some() => {
                Some(SemanticErrorKind::RedefinedConstant { name })
            }
            () if is_function(definition.name) => {
                Some(SemanticErrorKind::RedefinedFunction { name })
            }
            () => None,
        };
        if let Some(kind) = redefined {
            return Err(lowering.error(kind, definition.name_span));
        }
        let value = lowering.lower_through(definition.value)?;
        let stands_for = bind
            .iter()
            .find(|&&(bound, _)| bound == index)
            .map_or(value, |&(_, node)| node);
        lowering.definitions.insert(definition.name, stands_for);
        values.push((definition.name.to_owned(), value));
    }
    let root = lowering.lower_through(program.body())?;
    Ok(LoweredProgram {
        root,
        definitions: values,
    })
}

/// What a node's value becomes as an operand of its parent: a term after `-`
/// is negated, a factor after `/` inverted.
#[derive(Clone, Copy, PartialEq)]
enum Then {
    Keep,
    Negate,
    Invert,
}

/// The [`Then`] step of every node, by id. A recursive lowering negates a
/// term right after lowering it, before the next term; applying the step as
/// soon as the loop has lowered the node keeps that order.
fn then_steps(program: &Program<'_>) -> Vec<Then> {
    let mut then = vec![Then::Keep; program.len()];
    let mut mark = |id: ExprId, step: Then| {
        if let Some(slot) = then.get_mut(id.index()) {
            *slot = step;
        }
    };
    for expr in program.exprs() {
        match expr.kind {
            ExprKind::Sum { rest, .. } => {
                for &(op, term) in program.terms(rest) {
                    if op == AddOp::Sub {
                        mark(term, Then::Negate);
                    }
                }
            }
            ExprKind::Product { rest, .. } => {
                for &(op, factor) in program.factors(rest) {
                    if op == MulOp::Div {
                        mark(factor, Then::Invert);
                    }
                }
            }
            _ => {}
        }
    }
    then
}

struct Lowering<'g, 'p, 'src> {
    graph: &'g mut Graph,
    program: &'p Program<'src>,
    source: &'src str,
    definitions: FxHashMap<&'src str, NodeId>,
    /// The lowered value of each node lowered so far, by id, after its
    /// [`Then`] step.
    nodes: Vec<NodeId>,
    then: Vec<Then>,
    /// Scratch space for the operands of one sum, product or call.
    operands: Vec<NodeId>,
}

impl<'src> Lowering<'_, '_, 'src> {
    fn error(&self, kind: SemanticErrorKind, span: Span) -> SemanticError {
        SemanticError {
            kind,
            span,
            source: self.source.into(),
        }
    }

    /// The lowered value of `id`, which the loop has passed.
    fn node(&self, id: ExprId) -> NodeId {
        self.nodes[id.index()]
    }

    /// Lowers the nodes from the first not yet lowered through `root`: the
    /// whole tree of a definition's value or of the body.
    fn lower_through(&mut self, root: ExprId) -> Result<NodeId, SemanticError> {
        let program = self.program;
        let start = self.nodes.len();
        let run = program
            .exprs()
            .get(start..=root.index())
            .unwrap_or_default();
        for (index, expr) in run.iter().enumerate() {
            let value = match self.lower_node(expr) {
                Ok(value) => value,
                Err(error) => return Err(self.first_error(root).unwrap_or(error)),
            };
            let value = match self.then.get(start + index) {
                Some(Then::Negate) => self.graph.neg(value),
                Some(Then::Invert) => self.graph.powi(value, -1),
                Some(Then::Keep) | None => value,
            };
            self.nodes.push(value);
        }
        Ok(self.node(root))
    }

    /// Lowers one node whose children are lowered.
    fn lower_node(&mut self, expr: &Expr<'src>) -> Result<NodeId, SemanticError> {
        let program = self.program;
        match expr.kind {
            ExprKind::Number(text) => match Number::from_decimal(text) {
                Some(number) => Ok(self.graph.num(number)),
                None => Err(self.invalid_number(text, expr.span)),
            },
            ExprKind::Name(name) => match self.function_as_value(name, expr.span) {
                Some(error) => Err(error),
                None => Ok(self.lower_name(name)),
            },
            ExprKind::Unary { op, operand } => {
                let operand = self.node(operand);
                let is_zero = self.graph.as_number(operand).is_some_and(Number::is_zero);
                Ok(match op {
                    // `-0` is IEEE's negative zero (`1/(-0.0)` is `-1/0`).
                    UnaryOp::Neg if is_zero => self.graph.num(Number::Float(-0.0)),
                    UnaryOp::Neg => self.graph.neg(operand),
                    UnaryOp::Plus => operand,
                })
            }
            ExprKind::Sum { first, rest } => {
                let terms = program.terms(rest).iter().map(|&(_, term)| term);
                self.collect_operands(std::iter::once(first).chain(terms));
                Ok(self.graph.add(&self.operands))
            }
            ExprKind::Product { first, rest } => {
                let factors = program.factors(rest).iter().map(|&(_, factor)| factor);
                self.collect_operands(std::iter::once(first).chain(factors.clone()));
                self.splice_quotients(std::iter::once(first).chain(factors));
                Ok(self.graph.mul(&self.operands))
            }
            ExprKind::Power { base, exponent } => {
                let (base, exponent) = (self.node(base), self.node(exponent));
                Ok(self.graph.pow(base, exponent))
            }
            ExprKind::Call {
                name,
                name_span,
                args,
            } => {
                let args = program.args(args);
                let call = self.check_call(name, name_span, args)?;
                self.collect_operands(args.iter().copied());
                Ok(match call {
                    Call::Callable(Callable::Func(func)) => {
                        match self.graph.try_call(func, &self.operands) {
                            Ok(call) => call,
                            Err(error) => {
                                let kind = SemanticErrorKind::WrongArity {
                                    name: name.to_owned(),
                                    expected: vec![error.func.arity()],
                                    found: error.found,
                                };
                                return Err(self.error(kind, name_span));
                            }
                        }
                    }
                    Call::Callable(Callable::Pow) => {
                        self.graph.pow(self.operands[0], self.operands[1])
                    }
                    Call::Where(comparison, [left, right]) => {
                        let (l, r) = (self.node(left), self.node(right));
                        let (a, b) = (self.operands[1], self.operands[2]);
                        self.graph.select(comparison, l, r, a, b)
                    }
                })
            }
            // A comparison has no value of its own: the `where` it is the
            // condition of reads its sides (and `check_call` rejects it
            // anywhere else).
            ExprKind::Compare { .. } => Ok(self.graph.zero()),
        }
    }

    /// Replaces each divisor in `self.operands` that became a product (`a/(b*c)`
    /// is `a*(b^-1*c^-1)`) by its factors: a quotient is one product, as the
    /// printer writes a product with a denominator, however many factors the
    /// denominator has (see `Graph::merges_nested`).
    fn splice_quotients(&mut self, ids: impl Iterator<Item = ExprId>) {
        let mut spliced = Vec::with_capacity(self.operands.len());
        for (id, &operand) in ids.zip(&self.operands) {
            match self.then.get(id.index()) {
                Some(Then::Invert) => spliced.extend(self.graph.divisor_factors(operand)),
                _ => spliced.push(operand),
            }
        }
        self.operands = spliced;
    }

    /// Fills `self.operands` with the lowered values of `ids`.
    fn collect_operands(&mut self, ids: impl Iterator<Item = ExprId>) {
        self.operands.clear();
        for id in ids {
            let value = self.node(id);
            self.operands.push(value);
        }
    }

    fn lower_name(&mut self, name: &str) -> NodeId {
        if let Some(&value) = self.definitions.get(name) {
            return value;
        }
        match Constant::named(name) {
            Some(constant) => self.graph.constant(constant),
            None => self.graph.var(name),
        }
    }

    /// The error of a function's name used as a value (unless a definition
    /// gave the name a value, which the definitions' check forbids anyway).
    fn function_as_value(&self, name: &str, span: Span) -> Option<SemanticError> {
        let is_function = is_function(name) && !self.definitions.contains_key(name);
        is_function.then(|| {
            let kind = SemanticErrorKind::FunctionAsValue {
                name: name.to_owned(),
            };
            self.error(kind, span)
        })
    }

    #[cold]
    fn invalid_number(&self, text: &str, span: Span) -> SemanticError {
        let kind = SemanticErrorKind::InvalidNumber {
            text: text.to_owned(),
        };
        self.error(kind, span)
    }

    /// What the call `name(args)` means, or the error of an unknown
    /// function or a wrong arity (at the function's name), or of a
    /// comparison that is not the condition of `where` (at the comparison).
    fn check_call(
        &self,
        name: &str,
        name_span: Span,
        args: &[ExprId],
    ) -> Result<Call, SemanticError> {
        let program = self.program;
        let comparison = |id: &ExprId| match program.expr(*id).kind {
            ExprKind::Compare { op, left, right } => Some((op, left, right)),
            _ => None,
        };
        if name == WHERE && !self.definitions.contains_key(name) {
            if args.len() != 3 {
                let kind = SemanticErrorKind::WrongArity {
                    name: name.to_owned(),
                    expected: vec![3],
                    found: args.len(),
                };
                return Err(self.error(kind, name_span));
            }
            let Some((op, left, right)) = args.first().and_then(comparison) else {
                let span = args.first().map_or(name_span, |&id| program.expr(id).span);
                return Err(self.error(SemanticErrorKind::WhereCondition, span));
            };
            if let Some(&stray) = args.iter().skip(1).find(|id| comparison(id).is_some()) {
                let kind = SemanticErrorKind::ComparisonOutsideWhere;
                return Err(self.error(kind, program.expr(stray).span));
            }
            let (comparison, swap) = crate::piecewise::comparison_of(op);
            let sides = if swap { [right, left] } else { [left, right] };
            return Ok(Call::Where(comparison, sides));
        }
        let callable = self.callable(name, name_span, args.len())?;
        if let Some(&stray) = args.iter().find(|id| comparison(id).is_some()) {
            let kind = SemanticErrorKind::ComparisonOutsideWhere;
            return Err(self.error(kind, program.expr(stray).span));
        }
        Ok(Call::Callable(callable))
    }

    /// The function `name` called with `n_args` arguments, or the error of
    /// an unknown function or a wrong arity, at the function's name.
    fn callable(
        &self,
        name: &str,
        name_span: Span,
        n_args: usize,
    ) -> Result<Callable, SemanticError> {
        match lookup(name, n_args) {
            Lookup::Found(callable) => Ok(callable),
            Lookup::WrongArity(expected) => {
                let kind = SemanticErrorKind::WrongArity {
                    name: name.to_owned(),
                    expected,
                    found: n_args,
                };
                Err(self.error(kind, name_span))
            }
            Lookup::Unknown => {
                let kind = SemanticErrorKind::UnknownFunction {
                    name: name.to_owned(),
                    suggestion: suggest(name),
                };
                Err(self.error(kind, name_span))
            }
        }
    }

    /// The error of the tree `root` that comes first in source order, where
    /// a call's own error comes before any in its arguments: the one a
    /// recursive lowering would report. The loop meets a call's arguments
    /// before the call, so on an error it asks this walk which to report.
    #[cold]
    fn first_error(&self, root: ExprId) -> Option<SemanticError> {
        let program = self.program;
        let mut stack = vec![root];
        while let Some(id) = stack.pop() {
            let expr = program.expr(id);
            match expr.kind {
                ExprKind::Number(text) if Number::from_decimal(text).is_none() => {
                    return Some(self.invalid_number(text, expr.span));
                }
                ExprKind::Name(name) => {
                    if let Some(error) = self.function_as_value(name, expr.span) {
                        return Some(error);
                    }
                }
                ExprKind::Number(_) => {}
                ExprKind::Unary { operand, .. } => stack.push(operand),
                ExprKind::Sum { first, rest } => {
                    stack.extend(program.terms(rest).iter().rev().map(|&(_, term)| term));
                    stack.push(first);
                }
                ExprKind::Product { first, rest } => {
                    stack.extend(
                        program
                            .factors(rest)
                            .iter()
                            .rev()
                            .map(|&(_, factor)| factor),
                    );
                    stack.push(first);
                }
                ExprKind::Power { base, exponent } => {
                    stack.push(exponent);
                    stack.push(base);
                }
                ExprKind::Call {
                    name,
                    name_span,
                    args,
                } => {
                    let args = program.args(args);
                    if let Err(error) = self.check_call(name, name_span, args) {
                        return Some(error);
                    }
                    stack.extend(args.iter().rev());
                }
                ExprKind::Compare { left, right, .. } => {
                    stack.push(right);
                    stack.push(left);
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use expect_test::{Expect, expect};

    /// The message and position of the error lowering `source` reports.
    fn check_error(source: &str, expect: Expect) {
        let actual = match crate::Expr::parse(source) {
            Ok(expr) => format!("parsed: {expr}"),
            Err(error) => {
                let rendered = error.to_string();
                let mut lines = rendered.lines();
                let message = lines.next().unwrap_or_default();
                let position = lines.next().unwrap_or_default().trim();
                format!("{message} {position}")
            }
        };
        expect.assert_eq(&actual);
    }

    /// With several mistakes, the first in source order is reported, and a
    /// call's own mistake before those in its arguments, although the loop
    /// meets the arguments first.
    #[test]
    fn first_error_in_source_order() {
        check_error(
            "foo(bar(x))",
            expect!["error: unknown function `foo` --> <input>:1:1"],
        );
        check_error(
            "sin(1, sigmod(x))",
            expect!["error: `sin` takes 1 argument, but 2 were given --> <input>:1:1"],
        );
        check_error(
            "x + sinn(1e400) * max(y)",
            expect!["error: unknown function `sinn` --> <input>:1:5"],
        );
        check_error(
            "x + sin(1e400) * max(y)",
            expect!["error: the number `1e400` is out of range --> <input>:1:9"],
        );
        check_error(
            "z = exp(x); pi = foo(z); z",
            expect!["error: `pi` is a constant and cannot be redefined --> <input>:1:13"],
        );
        check_error(
            "z = foo(x); pi = 2; z",
            expect!["error: unknown function `foo` --> <input>:1:5"],
        );
    }

    /// Terms after `-` and factors after `/` are negated and inverted in
    /// place; definitions are shared.
    #[test]
    fn signs_and_definitions() {
        check_error("a - b/c - -d", expect!["parsed: a - b/c + d"]);
        check_error("z = x - y; z/z + z", expect!["parsed: 1 + x - y"]);
    }
}
