//! Translation of a function body into the engine's graph, by evaluating it
//! at expansion time: numbers become nodes, integers (loop indices, lengths)
//! are computed now, loops are unrolled, `if` on data becomes `where` nodes.
//! A `let` binds a name to a value, so a bound value is shared wherever the
//! name is used, as a definition is in the string syntax. Every construct
//! that cannot be differentiated is reported with its span and the
//! translation goes on, so that all the problems of a function are reported
//! together. This file has the expressions; `statements.rs` the blocks,
//! bindings, assignments, loops and branches; `iter.rs` the iterators.

use crate::derive_grad::calls;
use crate::derive_grad::valid::Output;
use crate::derive_grad::value::{Cond, Value};
use crate::errors::{Errors, Problem};
use quote::ToTokens;
use symdiff::error::SemanticErrorKind;
use symdiff::func::{Comparison, Lookup};
use symdiff::graph::{Constant, Graph, NodeId};
use symdiff::number::Number;
use syn::{BinOp, Block, Expr, Lit, UnOp};

/// How many loop iterations a function may unroll in all.
pub(crate) const MAX_ITERATIONS: usize = 1_000_000;

/// Translates a function body into its outputs (one for a function
/// returning `f64`); `None` when anything failed (the errors are in
/// `errors`) or the return type is not supported (`output` is `None`).
pub(crate) fn translate_body(
    graph: &mut Graph,
    params: Vec<(String, Value)>,
    body: &Block,
    output: Option<Output>,
    errors: &mut Errors,
) -> Option<Vec<NodeId>> {
    let mut translator = Translator {
        graph,
        bindings: params,
        errors,
        n_errors: 0,
        returns: Vec::new(),
        returned: None,
        iterations_left: MAX_ITERATIONS,
    };
    translator.function_body(body, output)
}

pub(super) struct Translator<'a> {
    pub(super) graph: &'a mut Graph,
    /// The names in scope, innermost last: a `let` pushes, the end of a block
    /// truncates, lookup searches from the end (so shadowing works), and an
    /// assignment replaces the value in place.
    pub(super) bindings: Vec<(String, Value)>,
    pub(super) errors: &'a mut Errors,
    /// How many errors were reported: a loop stops unrolling after an
    /// iteration that reported any, so that each is reported once.
    pub(super) n_errors: usize,
    /// The values returned early under a condition on data, in order: the
    /// result is the first of them whose condition holds, else the rest of
    /// the body's.
    pub(super) returns: Vec<(Cond, Value)>,
    /// The value returned on every path from here on: the rest of the body
    /// is not reached.
    pub(super) returned: Option<Value>,
    pub(super) iterations_left: usize,
}

impl Translator<'_> {
    pub(super) fn report<T>(&mut self, tokens: impl ToTokens, problem: Problem) -> Option<T> {
        self.n_errors += 1;
        self.errors.report(tokens, problem);
        None
    }

    pub(super) fn lookup(&self, name: &str) -> Option<&Value> {
        self.bindings
            .iter()
            .rev()
            .find(|(known, _)| known == name)
            .map(|(_, value)| value)
    }

    /// `value` as a node of the graph: an integer becomes its number.
    pub(super) fn num(&mut self, value: Value, tokens: impl ToTokens) -> Option<NodeId> {
        match value {
            Value::Num(node) => Some(node),
            Value::Int(int) => Some(self.graph.int(int)),
            Value::Poisoned => None,
            Value::Bool(_) => self.report(tokens, Problem::ConditionAsNumber),
            Value::Array(_) | Value::Seq(_) | Value::Tuple(_) => {
                let name = tokens.to_token_stream().to_string().replace(' ', "");
                self.report(tokens, Problem::ArrayAsValue { name })
            }
            Value::Unit => self.report(
                tokens,
                Problem::Unsupported {
                    what: "a statement",
                },
            ),
        }
    }

    /// The number `expr` evaluates to.
    pub(super) fn num_expr(&mut self, expr: &Expr) -> Option<NodeId> {
        let value = self.expr(expr)?;
        self.num(value, expr)
    }

    /// The integer known at expansion time that `expr` evaluates to.
    pub(super) fn int_expr(&mut self, expr: &Expr) -> Option<i64> {
        match self.expr(expr)? {
            Value::Int(int) => Some(int),
            Value::Poisoned => None,
            _ => self.report(expr, Problem::LoopBound),
        }
    }

    pub(super) fn expr(&mut self, expr: &Expr) -> Option<Value> {
        match expr {
            Expr::Lit(lit) => self.literal(&lit.lit),
            Expr::Paren(inner) => self.expr(&inner.expr),
            Expr::Group(inner) => self.expr(&inner.expr),
            // `&x` and `*x` are `x`: a reference to an array or a number
            // means the same numbers.
            Expr::Reference(reference) => self.expr(&reference.expr),
            Expr::Unary(unary) => self.unary(unary),
            Expr::Binary(binary) => self.binary(binary, expr),
            Expr::Path(path) => self.path(path),
            Expr::Index(index) => self.index(index),
            Expr::MethodCall(call) => self.method_call(call),
            Expr::Call(call) => self.call(call),
            Expr::Cast(cast) => self.cast(cast),
            Expr::Range(range) => self.range(range),
            Expr::Array(array) => {
                let entries: Vec<Option<Value>> =
                    array.elems.iter().map(|elem| self.expr(elem)).collect();
                Some(Value::Array(entries.into_iter().collect::<Option<_>>()?))
            }
            Expr::Repeat(repeat) => {
                let entry = self.expr(&repeat.expr);
                let len = self.int_expr(&repeat.len);
                let len = usize::try_from(len?).ok()?;
                let entry = entry?;
                // Counted through nested arrays: `[[0.0; n]; m]` has n*m.
                if len.saturating_mul(entry.entries()) > MAX_ITERATIONS {
                    let limit = MAX_ITERATIONS;
                    return self.report(&repeat.len, Problem::ArrayTooLong { limit });
                }
                Some(Value::Array(vec![entry; len]))
            }
            Expr::Tuple(tuple) => {
                let entries: Vec<Option<Value>> =
                    tuple.elems.iter().map(|elem| self.expr(elem)).collect();
                Some(Value::Tuple(entries.into_iter().collect::<Option<_>>()?))
            }
            Expr::Block(block) if block.label.is_none() => self.block(&block.block),
            Expr::If(expr_if) => self.if_expr(expr_if),
            Expr::ForLoop(for_loop) => {
                self.for_loop(for_loop);
                Some(Value::Unit)
            }
            Expr::Assign(assign) => {
                self.assign(&assign.left, None, &assign.right);
                Some(Value::Unit)
            }
            Expr::Match(expr_match) => self.report(expr_match.match_token, Problem::Match),
            Expr::While(_) | Expr::Loop(_) => self.report(expr, Problem::Loop),
            Expr::Return(_) => self.report(expr, Problem::EarlyReturn),
            Expr::Macro(_) => self.report(expr, Problem::MacroCall),
            _ => self.report(
                expr,
                Problem::Unsupported {
                    what: describe(expr),
                },
            ),
        }
    }

    fn literal(&mut self, lit: &Lit) -> Option<Value> {
        let (digits, suffix, is_int) = match lit {
            Lit::Float(float) => (float.base10_digits(), float.suffix(), false),
            Lit::Int(int) => (int.base10_digits(), int.suffix(), true),
            _ => return self.report(lit, Problem::Literal),
        };
        let int_suffix = matches!(
            suffix,
            "" | "i32" | "i64" | "usize" | "u32" | "u64" | "isize"
        );
        if is_int
            && int_suffix
            && let Ok(int) = digits.parse::<i64>()
        {
            return Some(Value::Int(int));
        }
        if !matches!(suffix, "" | "f64" | "i32" | "i64") {
            return self.report(lit, Problem::Literal);
        }
        if digits.parse::<f64>().is_ok_and(f64::is_infinite) {
            return self.report(
                lit,
                Problem::LiteralOverflow {
                    literal: lit.to_token_stream().to_string(),
                },
            );
        }
        match Number::from_decimal(digits) {
            Some(number) => Some(Value::Num(self.graph.num(number))),
            None => self.report(lit, Problem::Literal),
        }
    }

    fn unary(&mut self, unary: &syn::ExprUnary) -> Option<Value> {
        match unary.op {
            UnOp::Neg(_) => match self.expr(&unary.expr)? {
                Value::Int(int) => match int.checked_neg() {
                    Some(negated) => Some(Value::Int(negated)),
                    None => self.report(unary, Problem::IntegerOverflow),
                },
                value => {
                    let operand = self.num(value, &unary.expr)?;
                    Some(Value::Num(self.graph.neg(operand)))
                }
            },
            UnOp::Not(_) => {
                let cond = self.condition(&unary.expr)?;
                Some(Value::Bool(cond.not()))
            }
            // `*x` on a `&f64` parameter, or on the item of an iterator, is
            // its value; rustc rejects `*` on a number.
            UnOp::Deref(_) => self.expr(&unary.expr),
            op => self.report(
                op,
                Problem::Operator {
                    op: op.to_token_stream().to_string(),
                },
            ),
        }
    }

    /// The condition `expr` evaluates to.
    pub(super) fn condition(&mut self, expr: &Expr) -> Option<Cond> {
        match self.expr(expr)? {
            Value::Bool(cond) => Some(cond),
            Value::Poisoned => None,
            _ => self.report(expr, Problem::NotACondition),
        }
    }

    fn binary(&mut self, binary: &syn::ExprBinary, whole: &Expr) -> Option<Value> {
        match binary.op {
            BinOp::Add(_) | BinOp::Sub(_) | BinOp::Mul(_) | BinOp::Div(_) => self.chain(binary),
            BinOp::AddAssign(_)
            | BinOp::SubAssign(_)
            | BinOp::MulAssign(_)
            | BinOp::DivAssign(_) => {
                self.assign(&binary.left, Some(binary.op), &binary.right);
                Some(Value::Unit)
            }
            BinOp::Rem(_) => {
                let (left, right) = (self.expr(&binary.left), self.expr(&binary.right));
                match (left?, right?) {
                    (Value::Int(a), Value::Int(b)) => match a.checked_rem(b) {
                        Some(rem) => Some(Value::Int(rem)),
                        None => self.report(whole, Problem::IntegerOverflow),
                    },
                    _ => self.report(binary.op, Problem::Operator { op: "%".to_owned() }),
                }
            }
            BinOp::And(_) | BinOp::Or(_) => {
                let left = self.condition(&binary.left);
                let right = self.condition(&binary.right);
                let (left, right) = (left?, right?);
                Some(Value::Bool(match binary.op {
                    BinOp::And(_) => left.and(right),
                    _ => left.or(right),
                }))
            }
            BinOp::Lt(_)
            | BinOp::Le(_)
            | BinOp::Gt(_)
            | BinOp::Ge(_)
            | BinOp::Eq(_)
            | BinOp::Ne(_) => self.comparison(binary),
            op => self.report(
                op,
                Problem::Operator {
                    op: op.to_token_stream().to_string(),
                },
            ),
        }
    }

    /// A comparison: known now for integers, a condition for numbers.
    fn comparison(&mut self, binary: &syn::ExprBinary) -> Option<Value> {
        let (left, right) = (self.expr(&binary.left), self.expr(&binary.right));
        let (left, right) = (left?, right?);
        if let (Value::Int(a), Value::Int(b)) = (&left, &right) {
            let holds = match binary.op {
                BinOp::Lt(_) => a < b,
                BinOp::Le(_) => a <= b,
                BinOp::Gt(_) => a > b,
                BinOp::Ge(_) => a >= b,
                BinOp::Eq(_) => a == b,
                _ => a != b,
            };
            return Some(Value::Bool(Cond::Known(holds)));
        }
        let l = self.num(left, &binary.left);
        let r = self.num(right, &binary.right);
        let (l, r) = (l?, r?);
        let equal =
            || Cond::Compare(Comparison::LessEq, l, r).and(Cond::Compare(Comparison::LessEq, r, l));
        Some(Value::Bool(match binary.op {
            BinOp::Lt(_) => Cond::Compare(Comparison::Less, l, r),
            BinOp::Le(_) => Cond::Compare(Comparison::LessEq, l, r),
            BinOp::Gt(_) => Cond::Compare(Comparison::Less, r, l),
            BinOp::Ge(_) => Cond::Compare(Comparison::LessEq, r, l),
            BinOp::Eq(_) => equal(),
            _ => equal().not(),
        }))
    }

    /// A chain of sums (`a + b - c`) or of products (`a*b/c`), as one sum or
    /// product, the way the text syntax reads it: without parentheses, Rust's
    /// left-nested `(a + b) - c` is one chain, so a function body and the
    /// same formula as text give the same node (see `Graph::merges_nested`).
    /// A chain of integers (an index `2*i + 1`) is computed now.
    fn chain(&mut self, binary: &syn::ExprBinary) -> Option<Value> {
        let is_sum = matches!(binary.op, BinOp::Add(_) | BinOp::Sub(_));
        let in_chain = |op: &BinOp| match op {
            BinOp::Add(_) | BinOp::Sub(_) => is_sum,
            BinOp::Mul(_) | BinOp::Div(_) => !is_sum,
            _ => false,
        };
        // The operands from right to left, each with whether it is
        // subtracted or divided by.
        let mut operands: Vec<(bool, &syn::Expr)> = Vec::new();
        let mut link = binary;
        loop {
            let inverted = matches!(link.op, BinOp::Sub(_) | BinOp::Div(_));
            operands.push((inverted, &link.right));
            match &*link.left {
                syn::Expr::Binary(left) if in_chain(&left.op) => link = left,
                left => {
                    operands.push((false, left));
                    break;
                }
            }
        }
        operands.reverse();
        // Every operand is translated before any can fail, so that errors in
        // all of them are reported.
        let translated: Vec<(bool, &syn::Expr, Option<Value>)> = operands
            .into_iter()
            .map(|(inverted, operand)| (inverted, operand, self.expr(operand)))
            .collect();
        if translated
            .iter()
            .all(|(_, _, value)| matches!(value, Some(Value::Int(_))))
        {
            return self.int_chain(is_sum, &translated, binary);
        }
        let mut nodes = Vec::with_capacity(translated.len());
        let mut failed = false;
        for (inverted, operand, value) in translated {
            let Some(node) = value.and_then(|value| self.num(value, operand)) else {
                failed = true;
                continue;
            };
            match (is_sum, inverted) {
                (true, true) => nodes.push(self.graph.neg(node)),
                (false, true) => nodes.extend(self.graph.reciprocal_factors(node)),
                _ => nodes.push(node),
            }
        }
        if failed {
            return None;
        }
        Some(Value::Num(match is_sum {
            true => self.graph.add(&nodes),
            false => self.graph.mul(&nodes),
        }))
    }

    /// A chain of integers, in integer arithmetic (`/` rounds toward zero).
    fn int_chain(
        &mut self,
        is_sum: bool,
        operands: &[(bool, &syn::Expr, Option<Value>)],
        whole: &syn::ExprBinary,
    ) -> Option<Value> {
        let mut result: Option<i64> = None;
        for (inverted, _, value) in operands {
            let Some(Value::Int(int)) = value else {
                return None;
            };
            result = match (result, is_sum, inverted) {
                (None, ..) => Some(*int),
                (Some(acc), true, false) => acc.checked_add(*int),
                (Some(acc), true, true) => acc.checked_sub(*int),
                (Some(acc), false, false) => acc.checked_mul(*int),
                (Some(acc), false, true) => acc.checked_div(*int),
            };
            if result.is_none() {
                return self.report(whole, Problem::IntegerOverflow);
            }
        }
        result.map(Value::Int)
    }

    fn path(&mut self, path: &syn::ExprPath) -> Option<Value> {
        if path.qself.is_none()
            && let Some(ident) = path.path.get_ident()
        {
            let name = ident.to_string();
            return match self.lookup(&name) {
                Some(value) => Some(value.clone()),
                None => self.report(ident, Problem::UnknownName { name }),
            };
        }
        match path_constant(&path.path) {
            Some(constant) => Some(Value::Num(self.constant(constant))),
            None => self.report(
                path,
                Problem::UnknownName {
                    name: path.to_token_stream().to_string().replace(' ', ""),
                },
            ),
        }
    }

    fn constant(&mut self, constant: PathConstant) -> NodeId {
        match constant {
            PathConstant::Symbolic(constant) => self.graph.constant(constant),
            PathConstant::Float(value) => self.graph.num(Number::Float(value)),
            PathConstant::PiTimes(numer, denom) => {
                let pi = self.graph.constant(Constant::Pi);
                let scale = self.graph.num(Number::ratio(numer, denom));
                self.graph.mul2(scale, pi)
            }
        }
    }

    fn index(&mut self, index: &syn::ExprIndex) -> Option<Value> {
        let base = self.expr(&index.expr);
        let position = self.expr(&index.index);
        let (base, position) = (base?, position?);
        let entries = match base {
            Value::Array(entries) => entries,
            Value::Poisoned => return None,
            _ => {
                let name = index.expr.to_token_stream().to_string().replace(' ', "");
                return self.report(&index.expr, Problem::NotAnArray { name });
            }
        };
        let position = match position {
            Value::Int(position) => position,
            Value::Poisoned => return None,
            _ => return self.report(&index.index, Problem::DynamicIndex),
        };
        match usize::try_from(position)
            .ok()
            .and_then(|position| entries.get(position))
        {
            Some(entry) => Some(entry.clone()),
            None => self.report(
                &index.index,
                Problem::IndexOutOfBounds {
                    index: position,
                    len: entries.len(),
                },
            ),
        }
    }

    fn cast(&mut self, cast: &syn::ExprCast) -> Option<Value> {
        let value = self.expr(&cast.expr)?;
        let target = cast.ty.to_token_stream().to_string().replace(' ', "");
        let to_float = super::valid::is_f64(&cast.ty);
        let to_int = matches!(
            target.as_str(),
            "usize" | "isize" | "i32" | "i64" | "u32" | "u64"
        );
        match value {
            Value::Int(int) if to_float => Some(Value::Num(self.graph.int(int))),
            Value::Int(int) if to_int => Some(Value::Int(int)),
            Value::Num(node) if to_float => Some(Value::Num(node)),
            // A float as an index or a bound depends on the arguments.
            Value::Num(_) if to_int => self.report(cast, Problem::LoopBound),
            Value::Poisoned => None,
            _ => self.report(cast, Problem::Cast),
        }
    }

    /// `a..b` or `a..=b`: the integers, known now.
    fn range(&mut self, range: &syn::ExprRange) -> Option<Value> {
        let (Some(start), Some(end)) = (&range.start, &range.end) else {
            return self.report(range, Problem::NotIterable);
        };
        let start = self.int_expr(start);
        let end = self.int_expr(end);
        let (start, mut end) = (start?, end?);
        if matches!(range.limits, syn::RangeLimits::Closed(_)) {
            end = end.saturating_add(1);
        }
        let len = usize::try_from(end.saturating_sub(start)).unwrap_or(0);
        if len > MAX_ITERATIONS {
            return self.report(
                range,
                Problem::LoopTooLong {
                    limit: MAX_ITERATIONS,
                },
            );
        }
        Some(Value::Seq((start..end).map(Value::Int).collect()))
    }

    fn method_call(&mut self, call: &syn::ExprMethodCall) -> Option<Value> {
        let receiver = self.expr(&call.receiver);
        match receiver {
            Some(receiver @ (Value::Array(_) | Value::Seq(_))) => {
                self.sequence_method(call, receiver)
            }
            // A failed iterator chain has reported its error already.
            None if super::iter::is_sequence_method(&call.method.to_string()) => None,
            receiver => self.number_method(call, receiver),
        }
    }

    /// A method of `f64`: `x.exp()`, `x.powi(2)`, `x.clamp(a, b)`.
    fn number_method(
        &mut self,
        call: &syn::ExprMethodCall,
        receiver: Option<Value>,
    ) -> Option<Value> {
        let args: Vec<Option<NodeId>> = call.args.iter().map(|arg| self.num_expr(arg)).collect();
        let name = call.method.to_string();
        let Some(arity) = calls::method_arity(&name) else {
            return self.report(&call.method, Problem::UnknownMethod { name });
        };
        if let Some(turbofish) = &call.turbofish {
            return self.report(
                turbofish,
                Problem::Unsupported {
                    what: "a turbofish",
                },
            );
        }
        if args.len() != arity {
            let found = args.len();
            return self.report(
                &call.method,
                Problem::Semantic(SemanticErrorKind::WrongArity {
                    name,
                    expected: vec![arity],
                    found,
                }),
            );
        }
        let receiver = self.num(receiver?, &call.receiver)?;
        let args: Vec<NodeId> = args.into_iter().collect::<Option<_>>()?;
        self.build_method(call, &name, receiver, &args)
    }

    fn build_method(
        &mut self,
        tokens: impl ToTokens,
        name: &str,
        receiver: NodeId,
        args: &[NodeId],
    ) -> Option<Value> {
        self.build(tokens, |graph| {
            calls::build_method(graph, name, receiver, args)
        })
    }

    fn call(&mut self, call: &syn::ExprCall) -> Option<Value> {
        let args: Vec<Option<NodeId>> = call.args.iter().map(|arg| self.num_expr(arg)).collect();
        let callee = match &*call.func {
            Expr::Path(path) if path.qself.is_none() => Callee::of(&path.path),
            _ => None,
        };
        let Some(callee) = callee else {
            return self.report(
                &call.func,
                Problem::Semantic(SemanticErrorKind::UnknownFunction {
                    name: call.func.to_token_stream().to_string().replace(' ', ""),
                    suggestion: None,
                }),
            );
        };
        let found = args.len();
        match callee {
            Callee::Function(ident) => {
                let name = ident.to_string();
                let callable = match calls::function(&name, found) {
                    Lookup::Found(callable) => callable,
                    Lookup::WrongArity(expected) => {
                        let problem = Problem::Semantic(SemanticErrorKind::WrongArity {
                            name,
                            expected,
                            found,
                        });
                        return self.report(ident, problem);
                    }
                    Lookup::Unknown => {
                        let suggestion = symdiff::func::suggest(&name);
                        return self.report(
                            ident,
                            Problem::Semantic(SemanticErrorKind::UnknownFunction {
                                name,
                                suggestion,
                            }),
                        );
                    }
                };
                let args: Vec<NodeId> = args.into_iter().collect::<Option<_>>()?;
                self.build(call, |graph| calls::build_function(graph, callable, &args))
            }
            Callee::F64Method(ident) => {
                let name = ident.to_string();
                let Some(arity) = calls::method_arity(&name) else {
                    return self.report(ident, Problem::UnknownMethod { name });
                };
                if found != arity + 1 {
                    let problem = Problem::Semantic(SemanticErrorKind::WrongArity {
                        name,
                        expected: vec![arity + 1],
                        found,
                    });
                    return self.report(ident, problem);
                }
                let args: Vec<NodeId> = args.into_iter().collect::<Option<_>>()?;
                let (&receiver, rest) = args.split_first()?;
                self.build_method(call, &name, receiver, rest)
            }
        }
    }

    fn build(
        &mut self,
        tokens: impl ToTokens,
        build: impl FnOnce(&mut Graph) -> Result<NodeId, Problem>,
    ) -> Option<Value> {
        match build(self.graph) {
            Ok(node) => Some(Value::Num(node)),
            Err(problem) => self.report(tokens, problem),
        }
    }
}

/// What a called path names.
enum Callee<'a> {
    /// `sigmoid(z)`: an engine function by name.
    Function(&'a syn::Ident),
    /// `f64::exp(z)` (or `core::primitive::f64::exp(z)`): a method of f64.
    F64Method(&'a syn::Ident),
}

impl<'a> Callee<'a> {
    fn of(path: &'a syn::Path) -> Option<Callee<'a>> {
        if let Some(ident) = path.get_ident() {
            return Some(Callee::Function(ident));
        }
        let segments: Vec<&syn::PathSegment> = path.segments.iter().collect();
        match segments.as_slice() {
            [.., ty, method] if ty.ident == "f64" && method.arguments.is_none() => {
                Some(Callee::F64Method(&method.ident))
            }
            _ => None,
        }
    }
}

/// A constant named by a path such as `std::f64::consts::PI`.
#[derive(Debug, Clone, Copy)]
enum PathConstant {
    Symbolic(Constant),
    /// `pi` times a rational number.
    PiTimes(i64, i64),
    Float(f64),
}

fn path_constant(path: &syn::Path) -> Option<PathConstant> {
    let segments: Vec<String> = path
        .segments
        .iter()
        .map(|segment| segment.ident.to_string())
        .collect();
    let (parent, name) = match segments.as_slice() {
        [.., parent, name] => (parent.as_str(), name.as_str()),
        _ => return None,
    };
    let constant = match (parent, name) {
        ("consts", "PI") => PathConstant::Symbolic(Constant::Pi),
        ("consts", "E") => PathConstant::Symbolic(Constant::E),
        ("consts", "FRAC_PI_2") => PathConstant::PiTimes(1, 2),
        ("consts", "FRAC_PI_3") => PathConstant::PiTimes(1, 3),
        ("consts", "FRAC_PI_4") => PathConstant::PiTimes(1, 4),
        ("consts", "FRAC_PI_6") => PathConstant::PiTimes(1, 6),
        ("consts", "FRAC_PI_8") => PathConstant::PiTimes(1, 8),
        ("consts", "TAU") => PathConstant::PiTimes(2, 1),
        ("f64", "INFINITY") => PathConstant::Float(f64::INFINITY),
        ("f64", "NEG_INFINITY") => PathConstant::Float(f64::NEG_INFINITY),
        ("f64", "NAN") => PathConstant::Float(f64::NAN),
        ("f64", "EPSILON") => PathConstant::Float(f64::EPSILON),
        ("f64", "MAX") => PathConstant::Float(f64::MAX),
        ("f64", "MIN") => PathConstant::Float(f64::MIN),
        ("f64", "MIN_POSITIVE") => PathConstant::Float(f64::MIN_POSITIVE),
        _ => return None,
    };
    Some(constant)
}

/// A short description of an unsupported expression, for its message.
fn describe(expr: &Expr) -> &'static str {
    match expr {
        Expr::Async(_) | Expr::Await(_) => "async code",
        Expr::Break(_) | Expr::Continue(_) => "`break` and `continue`",
        Expr::Closure(_) => "a closure outside `map` and `fold`",
        Expr::Field(_) => "a field access",
        Expr::Let(_) => "a `let` expression",
        Expr::Struct(_) => "a struct expression",
        Expr::Try(_) => "the `?` operator",
        Expr::Unsafe(_) => "an unsafe block",
        Expr::Block(_) => "a labelled block",
        _ => "this expression",
    }
}
