//! Translation of a function body into the engine's graph. A `let` binds a
//! name to a node, so a bound value is shared wherever the name is used, as a
//! definition is in the string syntax. Every construct that cannot be
//! differentiated is reported with its span and the translation goes on, so
//! that all the problems of a function are reported together.

use crate::derive_grad::calls;
use crate::errors::{Errors, Problem};
use quote::ToTokens;
use symdiff::graph::{Constant, Graph, NodeId};
use symdiff::number::Number;
use syn::{BinOp, Block, Expr, Lit, Local, Pat, Stmt, UnOp};

/// What a name stands for in the body.
#[derive(Debug, Clone)]
pub(crate) enum Binding {
    Scalar(NodeId),
    /// An array parameter: one variable per entry.
    Array(Vec<NodeId>),
    /// A name whose value could not be translated (an error is already
    /// reported), so its uses report nothing more.
    Poisoned,
}

/// Translates a function body; `None` when anything failed (the errors are in
/// `errors`).
pub(crate) fn translate_body(
    graph: &mut Graph,
    params: Vec<(String, Binding)>,
    body: &Block,
    errors: &mut Errors,
) -> Option<NodeId> {
    let mut translator = Translator {
        graph,
        bindings: params,
        errors,
    };
    translator.block(body)
}

struct Translator<'a> {
    graph: &'a mut Graph,
    /// The names in scope, innermost last: a `let` pushes, the end of a block
    /// truncates, and lookup searches from the end (so shadowing works).
    bindings: Vec<(String, Binding)>,
    errors: &'a mut Errors,
}

impl Translator<'_> {
    fn report(&mut self, tokens: impl ToTokens, problem: Problem) -> Option<NodeId> {
        self.errors.report(tokens, problem);
        None
    }

    fn block(&mut self, block: &Block) -> Option<NodeId> {
        let scope_start = self.bindings.len();
        let mut result = None;
        let mut has_result = false;
        let n_stmts = block.stmts.len();
        for (stmt_idx, stmt) in block.stmts.iter().enumerate() {
            let is_last = stmt_idx + 1 == n_stmts;
            match stmt {
                Stmt::Local(local) => self.local(local),
                Stmt::Expr(Expr::Return(ret), _) if is_last => {
                    has_result = true;
                    result = match &ret.expr {
                        Some(value) => self.expr(value),
                        None => self.report(
                            ret,
                            Problem::MissingReturn {
                                after_semicolon: false,
                            },
                        ),
                    };
                }
                Stmt::Expr(expr, None) if is_last => {
                    has_result = true;
                    result = self.expr(expr);
                }
                Stmt::Expr(expr, Some(_)) if is_last => {
                    // The missing result is reported below; the statement's
                    // own problems are reported here.
                    self.expr(expr);
                }
                Stmt::Expr(expr, _) => self.statement(expr),
                Stmt::Item(item) => {
                    self.report(item, Problem::NestedItem);
                }
                Stmt::Macro(mac) => {
                    self.report(mac, Problem::MacroCall);
                }
            }
        }
        if !has_result {
            match block.stmts.last() {
                Some(last @ Stmt::Expr(_, Some(_))) => self.errors.report(
                    last,
                    Problem::MissingReturn {
                        after_semicolon: true,
                    },
                ),
                _ => self.errors.report_at(
                    block.brace_token.span.close(),
                    Problem::MissingReturn {
                        after_semicolon: false,
                    },
                ),
            };
        }
        self.bindings.truncate(scope_start);
        result
    }

    /// An expression statement other than the last: it cannot contribute.
    fn statement(&mut self, expr: &Expr) {
        // Translating it reports the specific problem (`if`, a loop, an
        // assignment); a statement that translates still does nothing.
        if self.expr(expr).is_some() {
            self.report(expr, Problem::UselessStatement);
        }
    }

    fn local(&mut self, local: &Local) {
        let value = match &local.init {
            Some(init) if init.diverge.is_none() => self.expr(&init.expr),
            Some(init) => self.report(init.expr.as_ref(), Problem::LetWithoutValue),
            None => self.report(local, Problem::LetWithoutValue),
        };
        let (name, type_ok) = match &local.pat {
            Pat::Ident(pat) if pat.by_ref.is_none() && pat.subpat.is_none() => {
                (Some(pat.ident.to_string()), true)
            }
            Pat::Type(typed) => match &*typed.pat {
                Pat::Ident(pat) if pat.by_ref.is_none() && pat.subpat.is_none() => {
                    (Some(pat.ident.to_string()), super::valid::is_f64(&typed.ty))
                }
                _ => (None, true),
            },
            _ => (None, true),
        };
        if !type_ok && let Pat::Type(typed) = &local.pat {
            self.report(&typed.ty, Problem::LetType);
        }
        match name {
            Some(name) => {
                let binding = match value {
                    Some(node) if type_ok => Binding::Scalar(node),
                    _ => Binding::Poisoned,
                };
                self.bindings.push((name, binding));
            }
            None => {
                self.report(&local.pat, Problem::LetPattern);
                // Every name in the pattern is bound, so that its uses do not
                // add errors of their own.
                for name in pattern_names(&local.pat) {
                    self.bindings.push((name, Binding::Poisoned));
                }
            }
        }
    }

    fn lookup(&self, name: &str) -> Option<&Binding> {
        self.bindings
            .iter()
            .rev()
            .find(|(known, _)| known == name)
            .map(|(_, binding)| binding)
    }

    fn expr(&mut self, expr: &Expr) -> Option<NodeId> {
        match expr {
            Expr::Lit(lit) => self.literal(&lit.lit),
            Expr::Paren(inner) => self.expr(&inner.expr),
            Expr::Group(inner) => self.expr(&inner.expr),
            Expr::Unary(unary) => match unary.op {
                UnOp::Neg(_) => {
                    let operand = self.expr(&unary.expr)?;
                    Some(self.graph.neg(operand))
                }
                // `*x` on a `&f64` parameter is its value. Nothing else in a
                // body that translates is a reference, and rustc rejects the
                // function itself where `*` is applied to a number.
                UnOp::Deref(_) => self.expr(&unary.expr),
                op => self.report(
                    op,
                    Problem::Operator {
                        op: op.to_token_stream().to_string(),
                    },
                ),
            },
            Expr::Binary(binary) => self.binary(binary),
            Expr::Path(path) => self.path(path),
            Expr::Index(index) => self.index(index),
            Expr::MethodCall(call) => self.method_call(call),
            Expr::Call(call) => self.call(call),
            Expr::Block(block) if block.label.is_none() => self.block(&block.block),
            Expr::If(expr_if) => self.report(keyword_and_condition(expr_if), Problem::If),
            Expr::Match(expr_match) => self.report(expr_match.match_token, Problem::Match),
            Expr::ForLoop(_) | Expr::While(_) | Expr::Loop(_) => self.report(expr, Problem::Loop),
            Expr::Assign(_) => self.report(expr, Problem::Assignment),
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

    fn literal(&mut self, lit: &Lit) -> Option<NodeId> {
        let (digits, suffix) = match lit {
            Lit::Float(float) => (float.base10_digits(), float.suffix()),
            Lit::Int(int) => (int.base10_digits(), int.suffix()),
            _ => return self.report(lit, Problem::Literal),
        };
        if !matches!(suffix, "" | "f64" | "f32" | "i32" | "i64") {
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
            Some(number) => Some(self.graph.num(number)),
            None => self.report(lit, Problem::Literal),
        }
    }

    fn binary(&mut self, binary: &syn::ExprBinary) -> Option<NodeId> {
        match binary.op {
            BinOp::Add(_) | BinOp::Sub(_) | BinOp::Mul(_) | BinOp::Div(_) => self.chain(binary),
            BinOp::AddAssign(_)
            | BinOp::SubAssign(_)
            | BinOp::MulAssign(_)
            | BinOp::DivAssign(_) => self.report(binary, Problem::Assignment),
            op => self.report(
                op,
                Problem::Operator {
                    op: op.to_token_stream().to_string(),
                },
            ),
        }
    }

    /// A chain of sums (`a + b - c`) or of products (`a*b/c`), as one sum or
    /// product, the way the text syntax reads it: without parentheses, Rust's
    /// left-nested `(a + b) - c` is one chain, so a function body and the
    /// same formula as text give the same node (see `Graph::merges_nested`).
    fn chain(&mut self, binary: &syn::ExprBinary) -> Option<NodeId> {
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
        // Every operand is translated before any can fail, so that errors in
        // all of them are reported.
        let translated: Vec<(bool, Option<NodeId>)> = operands
            .into_iter()
            .rev()
            .map(|(inverted, operand)| (inverted, self.expr(operand)))
            .collect();
        let mut nodes = Vec::with_capacity(translated.len());
        for (inverted, node) in translated {
            let node = node?;
            match (is_sum, inverted) {
                (true, true) => nodes.push(self.graph.neg(node)),
                (false, true) => nodes.extend(self.graph.reciprocal_factors(node)),
                _ => nodes.push(node),
            }
        }
        Some(match is_sum {
            true => self.graph.add(&nodes),
            false => self.graph.mul(&nodes),
        })
    }

    fn path(&mut self, path: &syn::ExprPath) -> Option<NodeId> {
        if path.qself.is_none()
            && let Some(ident) = path.path.get_ident()
        {
            let name = ident.to_string();
            return match self.lookup(&name) {
                Some(Binding::Scalar(node)) => Some(*node),
                Some(Binding::Poisoned) => None,
                Some(Binding::Array(_)) => self.report(ident, Problem::ArrayAsValue { name }),
                None => self.report(ident, Problem::UnknownName { name }),
            };
        }
        match path_constant(&path.path) {
            Some(constant) => Some(self.constant(constant)),
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

    fn index(&mut self, index: &syn::ExprIndex) -> Option<NodeId> {
        let Expr::Path(base) = without_deref(&index.expr) else {
            return self.report(
                &index.expr,
                Problem::Unsupported {
                    what: "indexing anything but an array parameter",
                },
            );
        };
        let Some(ident) = base.path.get_ident() else {
            return self.report(
                base,
                Problem::NotAnArray {
                    name: base.to_token_stream().to_string(),
                },
            );
        };
        let name = ident.to_string();
        let entries = match self.lookup(&name) {
            Some(Binding::Array(entries)) => entries.clone(),
            Some(Binding::Poisoned) => return None,
            Some(Binding::Scalar(_)) => return self.report(ident, Problem::NotAnArray { name }),
            None => return self.report(ident, Problem::UnknownName { name }),
        };
        let Some(position) = constant_index(&index.index) else {
            return self.report(&index.index, Problem::DynamicIndex);
        };
        match entries.get(position) {
            Some(&entry) => Some(entry),
            None => self.report(
                &index.index,
                Problem::IndexOutOfBounds {
                    index: position,
                    len: entries.len(),
                },
            ),
        }
    }

    fn method_call(&mut self, call: &syn::ExprMethodCall) -> Option<NodeId> {
        let receiver = self.expr(&call.receiver);
        let args: Vec<Option<NodeId>> = call.args.iter().map(|arg| self.expr(arg)).collect();
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
                Problem::WrongArity {
                    name,
                    expected: arity,
                    found,
                },
            );
        }
        let receiver = receiver?;
        let args: Vec<NodeId> = args.into_iter().collect::<Option<_>>()?;
        self.build(call, |graph| {
            calls::build_method(graph, &name, receiver, &args)
        })
    }

    fn call(&mut self, call: &syn::ExprCall) -> Option<NodeId> {
        let args: Vec<Option<NodeId>> = call.args.iter().map(|arg| self.expr(arg)).collect();
        let callee = match &*call.func {
            Expr::Path(path) if path.qself.is_none() => Callee::of(&path.path),
            _ => None,
        };
        let Some(callee) = callee else {
            return self.report(
                &call.func,
                Problem::UnknownFunction {
                    name: call.func.to_token_stream().to_string().replace(' ', ""),
                    suggestion: None,
                },
            );
        };
        let found = args.len();
        match callee {
            Callee::Function(ident) => {
                let name = ident.to_string();
                let Some(expected) = calls::function_arity(&name) else {
                    let suggestion = symdiff::func::suggest(&name);
                    return self.report(ident, Problem::UnknownFunction { name, suggestion });
                };
                if found != expected {
                    return self.report(
                        ident,
                        Problem::WrongArity {
                            name,
                            expected,
                            found,
                        },
                    );
                }
                let args: Vec<NodeId> = args.into_iter().collect::<Option<_>>()?;
                self.build(call, |graph| calls::build_function(graph, &name, &args))
            }
            Callee::F64Method(ident) => {
                let name = ident.to_string();
                let Some(arity) = calls::method_arity(&name) else {
                    return self.report(ident, Problem::UnknownMethod { name });
                };
                if found != arity + 1 {
                    let problem = Problem::WrongArity {
                        name,
                        expected: arity + 1,
                        found,
                    };
                    return self.report(ident, problem);
                }
                let args: Vec<NodeId> = args.into_iter().collect::<Option<_>>()?;
                let (&receiver, rest) = args.split_first()?;
                self.build(call, |graph| {
                    calls::build_method(graph, &name, receiver, rest)
                })
            }
        }
    }

    fn build(
        &mut self,
        tokens: impl ToTokens,
        build: impl FnOnce(&mut Graph) -> Result<NodeId, Problem>,
    ) -> Option<NodeId> {
        match build(self.graph) {
            Ok(node) => Some(node),
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

/// The array of `(*a)[0]`, as of `a[0]`: `a` is an `&[f64; N]` (rustc
/// rejects `*` on an array by value).
fn without_deref(expr: &Expr) -> &Expr {
    match expr {
        Expr::Paren(inner) => without_deref(&inner.expr),
        Expr::Group(inner) => without_deref(&inner.expr),
        Expr::Unary(unary) if matches!(unary.op, UnOp::Deref(_)) => without_deref(&unary.expr),
        _ => expr,
    }
}

/// A constant array index: an integer literal, possibly in parentheses.
fn constant_index(expr: &Expr) -> Option<usize> {
    match expr {
        Expr::Lit(syn::ExprLit {
            lit: Lit::Int(int), ..
        }) => int.base10_parse().ok(),
        Expr::Paren(inner) => constant_index(&inner.expr),
        Expr::Group(inner) => constant_index(&inner.expr),
        _ => None,
    }
}

/// `if condition`, without the branches: the part the diagnostic underlines.
fn keyword_and_condition(expr_if: &syn::ExprIf) -> proc_macro2::TokenStream {
    let if_token = expr_if.if_token;
    let cond = &expr_if.cond;
    quote::quote!(#if_token #cond)
}

fn pattern_names(pat: &Pat) -> Vec<String> {
    match pat {
        Pat::Ident(pat) => vec![pat.ident.to_string()],
        Pat::Type(typed) => pattern_names(&typed.pat),
        Pat::Tuple(tuple) => tuple.elems.iter().flat_map(pattern_names).collect(),
        Pat::Paren(inner) => pattern_names(&inner.pat),
        Pat::Slice(slice) => slice.elems.iter().flat_map(pattern_names).collect(),
        Pat::TupleStruct(tuple) => tuple.elems.iter().flat_map(pattern_names).collect(),
        _ => Vec::new(),
    }
}

/// A short description of an unsupported expression, for its message.
fn describe(expr: &Expr) -> &'static str {
    match expr {
        Expr::Array(_) => "an array expression",
        Expr::Async(_) | Expr::Await(_) => "async code",
        Expr::Break(_) | Expr::Continue(_) => "control flow",
        Expr::Cast(_) => "a cast",
        Expr::Closure(_) => "a closure",
        Expr::Field(_) => "a field access",
        Expr::Let(_) => "a `let` expression",
        Expr::Range(_) => "a range",
        Expr::Reference(_) => "a reference",
        Expr::Repeat(_) => "an array expression",
        Expr::Struct(_) => "a struct expression",
        Expr::Try(_) => "the `?` operator",
        Expr::Tuple(_) => "a tuple",
        Expr::Unsafe(_) => "an unsafe block",
        Expr::Block(_) => "a labelled block",
        _ => "this expression",
    }
}
