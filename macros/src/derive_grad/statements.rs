//! Blocks and statements: `let` (and `let mut`), `const N: usize`,
//! assignments and compound assignments to locals and their entries, `for`
//! loops unrolled at expansion time, `if` (known now, or on data: both
//! branches are translated and their values merged through `where`), and
//! `return` at the end of the function or of a branch.

use crate::derive_grad::ast::Translator;
use crate::derive_grad::valid::Output;
use crate::derive_grad::value::{Cond, Value, merge, select};
use crate::errors::Problem;
use proc_macro2::TokenStream;
use quote::ToTokens;
use symdiff::graph::NodeId;
use syn::{BinOp, Block, Expr, Local, Pat, Stmt};

impl Translator<'_> {
    /// The function's body: its outputs (one for `f64`), with the early
    /// returns applied.
    /// Without a supported return type (`output` is `None`), only the
    /// body's own problems are reported.
    pub(super) fn function_body(
        &mut self,
        body: &Block,
        output: Option<Output>,
    ) -> Option<Vec<NodeId>> {
        let value = self.block(body);
        let value = match self.returned.take() {
            Some(returned) => Some(returned),
            None => value,
        };
        let output = output?;
        let value = match value {
            Some(Value::Unit) => {
                self.missing_return(body);
                return None;
            }
            value => value?,
        };
        let mut result = match output {
            Output::Scalar => self.outputs(value, output, body)?,
            _ => self.outputs(value, output, tail_tokens(body))?,
        };
        for (cond, value) in std::mem::take(&mut self.returns).into_iter().rev() {
            let returned = self.outputs(value, output, body)?;
            result = returned
                .into_iter()
                .zip(result)
                .map(|(returned, rest)| select(self.graph, &cond, returned, rest))
                .collect();
        }
        Some(result)
    }

    /// The outputs `value` gives: itself as a number for a function returning
    /// `f64`, its entries for an array or a tuple of the declared length.
    fn outputs(
        &mut self,
        value: Value,
        output: Output,
        tokens: impl ToTokens,
    ) -> Option<Vec<NodeId>> {
        let Some(expected) = output.vector_len() else {
            return Some(vec![self.num(value, tokens)?]);
        };
        match value {
            Value::Array(entries) | Value::Tuple(entries) if entries.len() == expected => {
                let nodes: Vec<Option<NodeId>> = entries
                    .into_iter()
                    .map(|entry| self.num(entry, &tokens))
                    .collect();
                nodes.into_iter().collect()
            }
            Value::Array(entries) | Value::Tuple(entries) => {
                let found = Some(entries.len());
                self.report(tokens, Problem::OutputArity { expected, found })
            }
            Value::Num(_) | Value::Int(_) => self.report(
                tokens,
                Problem::OutputArity {
                    expected,
                    found: None,
                },
            ),
            value => {
                self.num(value, tokens);
                None
            }
        }
    }

    fn missing_return(&mut self, body: &Block) {
        match body.stmts.last() {
            Some(last @ Stmt::Expr(_, Some(_))) => self.report::<()>(
                last,
                Problem::MissingReturn {
                    after_semicolon: true,
                },
            ),
            _ => {
                self.n_errors += 1;
                self.errors.report_at(
                    body.brace_token.span.close(),
                    Problem::MissingReturn {
                        after_semicolon: false,
                    },
                );
                None
            }
        };
    }

    /// A block's statements in order; its value is its final expression's
    /// (`Unit` without one).
    pub(super) fn block(&mut self, block: &Block) -> Option<Value> {
        let scope_start = self.bindings.len();
        let mut value = Some(Value::Unit);
        let n_stmts = block.stmts.len();
        for (stmt_idx, stmt) in block.stmts.iter().enumerate() {
            if self.returned.is_some() {
                break;
            }
            let is_last = stmt_idx + 1 == n_stmts;
            value = Some(Value::Unit);
            match stmt {
                Stmt::Local(local) => self.local(local),
                Stmt::Item(item) => self.item(item),
                Stmt::Macro(mac) => {
                    self.report::<()>(mac, Problem::MacroCall);
                }
                Stmt::Expr(Expr::Return(ret), _) => self.return_value(ret, is_last),
                Stmt::Expr(expr, None) if is_last => value = self.expr(expr),
                // The missing result is reported by the function's body; the
                // statement's own problems are reported here.
                Stmt::Expr(expr, Some(_)) if is_last => {
                    self.expr(expr);
                }
                Stmt::Expr(expr, _) => self.statement(expr),
            }
        }
        self.bindings.truncate(scope_start);
        value
    }

    /// An expression statement: what it assigns or loops is its effect; a
    /// value computed and dropped contributes nothing.
    fn statement(&mut self, expr: &Expr) {
        match self.expr(expr) {
            Some(Value::Unit) | None => {}
            Some(_) => {
                self.report::<()>(expr, Problem::UselessStatement);
            }
        }
    }

    fn return_value(&mut self, ret: &syn::ExprReturn, is_last: bool) {
        if !is_last {
            self.report::<()>(ret, Problem::EarlyReturn);
            return;
        }
        let value = match &ret.expr {
            Some(value) => self.expr(value),
            None => self.report(
                ret,
                Problem::MissingReturn {
                    after_semicolon: false,
                },
            ),
        };
        self.returned = Some(value.unwrap_or(Value::Poisoned));
    }

    fn local(&mut self, local: &Local) {
        let value = match &local.init {
            Some(init) if init.diverge.is_none() => self.expr(&init.expr),
            Some(init) => self.report(init.expr.as_ref(), Problem::LetWithoutValue),
            None => self.report(local, Problem::LetWithoutValue),
        };
        if let Pat::Type(typed) = &local.pat
            && !type_is_supported(&typed.ty)
        {
            self.report::<()>(&typed.ty, Problem::LetType);
            self.bind_pattern(&local.pat, Value::Poisoned);
            return;
        }
        self.bind_pattern(&local.pat, value.unwrap_or(Value::Poisoned));
    }

    /// `const N: usize = 16;` binds an integer; other items are errors.
    fn item(&mut self, item: &syn::Item) {
        if let syn::Item::Const(constant) = item {
            let value = self.int_expr(&constant.expr);
            let value = value.map_or(Value::Poisoned, Value::Int);
            self.bindings.push((constant.ident.to_string(), value));
            return;
        }
        self.report::<()>(item, Problem::NestedItem);
    }

    /// Binds the names of `pat` to the parts of `value`: a name, `_`, `&v`,
    /// `(a, b)` for zipped items, `name: T`.
    pub(super) fn bind_pattern(&mut self, pat: &Pat, value: Value) {
        match (pat, value) {
            (Pat::Ident(ident), value) if ident.by_ref.is_none() && ident.subpat.is_none() => {
                self.bindings.push((ident.ident.to_string(), value));
            }
            (Pat::Wild(_), _) => {}
            (Pat::Reference(reference), value) => self.bind_pattern(&reference.pat, value),
            (Pat::Paren(inner), value) => self.bind_pattern(&inner.pat, value),
            (Pat::Type(typed), value) => self.bind_pattern(&typed.pat, value),
            (Pat::Tuple(tuple), Value::Tuple(values)) if tuple.elems.len() == values.len() => {
                for (elem, value) in tuple.elems.iter().zip(values) {
                    self.bind_pattern(elem, value);
                }
            }
            (Pat::Tuple(tuple), Value::Poisoned) => {
                for elem in &tuple.elems {
                    self.bind_pattern(elem, Value::Poisoned);
                }
            }
            (pat, value) => {
                if !matches!(value, Value::Poisoned) {
                    self.report::<()>(pat, Problem::LetPattern);
                }
                // Every name in the pattern is bound, so that its uses do not
                // add errors of their own.
                for name in pattern_names(pat) {
                    self.bindings.push((name, Value::Poisoned));
                }
            }
        }
    }

    /// `target = value` or `target op= value`, for a local or an entry of a
    /// local array (`h[j]`, `w[i][j]`).
    pub(super) fn assign(&mut self, target: &Expr, op: Option<BinOp>, value: &Expr) {
        let rhs = self.expr(value);
        let Some((name, indices)) = place(target) else {
            self.report::<()>(target, Problem::AssignTarget);
            return;
        };
        let positions: Vec<Option<i64>> =
            indices.iter().map(|&index| self.int_expr(index)).collect();
        let Some(slot) = self.bindings.iter().rposition(|(known, _)| *known == name) else {
            self.report::<()>(target, Problem::UnknownName { name });
            return;
        };
        let (Some(rhs), Some(positions)) = (rhs, positions.into_iter().collect::<Option<Vec<_>>>())
        else {
            self.poison_place(slot);
            return;
        };
        // The entry assigned to, checked against each length.
        let mut current = &self.bindings[slot].1;
        for (&position, &index) in positions.iter().zip(&indices) {
            current = match current {
                Value::Array(entries) => {
                    match usize::try_from(position)
                        .ok()
                        .and_then(|at| entries.get(at))
                    {
                        Some(entry) => entry,
                        None => {
                            let len = entries.len();
                            self.report::<()>(
                                index,
                                Problem::IndexOutOfBounds {
                                    index: position,
                                    len,
                                },
                            );
                            return;
                        }
                    }
                }
                Value::Poisoned => return,
                _ => {
                    self.report::<()>(target, Problem::AssignTarget);
                    return;
                }
            };
        }
        let current = current.clone();
        let new = match op {
            None => Some(rhs),
            Some(op) => self.combine(current, op, rhs, target, value),
        };
        let new = new.unwrap_or(Value::Poisoned);
        let mut slot_value = &mut self.bindings[slot].1;
        for &position in &positions {
            let Value::Array(entries) = slot_value else {
                return;
            };
            let Some(entry) = usize::try_from(position)
                .ok()
                .and_then(|at| entries.get_mut(at))
            else {
                return;
            };
            slot_value = entry;
        }
        *slot_value = new;
    }

    fn poison_place(&mut self, slot: usize) {
        if let Some((_, value)) = self.bindings.get_mut(slot)
            && !matches!(value, Value::Array(_))
        {
            *value = Value::Poisoned;
        }
    }

    /// `current op rhs` for a compound assignment.
    fn combine(
        &mut self,
        current: Value,
        op: BinOp,
        rhs: Value,
        target: &Expr,
        value: &Expr,
    ) -> Option<Value> {
        if let (Value::Int(a), Value::Int(b)) = (&current, &rhs) {
            let result = match op {
                BinOp::AddAssign(_) => a.checked_add(*b),
                BinOp::SubAssign(_) => a.checked_sub(*b),
                BinOp::MulAssign(_) => a.checked_mul(*b),
                _ => a.checked_div(*b),
            };
            return match result {
                Some(result) => Some(Value::Int(result)),
                None => self.report(target, Problem::IntegerOverflow),
            };
        }
        let current = self.num(current, target);
        let rhs = self.num(rhs, value);
        let (current, rhs) = (current?, rhs?);
        Some(Value::Num(match op {
            BinOp::AddAssign(_) => self.graph.add2(current, rhs),
            BinOp::SubAssign(_) => self.graph.sub(current, rhs),
            BinOp::MulAssign(_) => self.graph.mul2(current, rhs),
            _ => self.graph.div(current, rhs),
        }))
    }

    /// A `for` loop, unrolled: its body once per item, with the pattern
    /// bound to the item.
    pub(super) fn for_loop(&mut self, for_loop: &syn::ExprForLoop) {
        if let Some(label) = &for_loop.label {
            self.report::<()>(
                label,
                Problem::Unsupported {
                    what: "a labelled loop",
                },
            );
            return;
        }
        let items = match self.expr(&for_loop.expr) {
            Some(Value::Seq(items) | Value::Array(items)) => items,
            Some(Value::Poisoned) | None => return,
            Some(_) => {
                self.report::<()>(&for_loop.expr, Problem::NotIterable);
                return;
            }
        };
        for item in items {
            if self.returned.is_some() {
                break;
            }
            if self.iterations_left == 0 {
                let limit = super::ast::MAX_ITERATIONS;
                self.report::<()>(&for_loop.expr, Problem::LoopTooLong { limit });
                break;
            }
            self.iterations_left -= 1;
            let errors_before = self.n_errors;
            let scope_start = self.bindings.len();
            self.bind_pattern(&for_loop.pat, item);
            self.block(&for_loop.body);
            self.bindings.truncate(scope_start);
            if self.n_errors > errors_before {
                break;
            }
        }
    }

    /// `if`: a condition known now takes one branch; a condition on data
    /// takes both, and merges what they leave.
    pub(super) fn if_expr(&mut self, expr_if: &syn::ExprIf) -> Option<Value> {
        let cond = self.condition(&expr_if.cond);
        let else_branch = expr_if.else_branch.as_ref().map(|(_, branch)| &**branch);
        let run_else = |translator: &mut Self| match else_branch {
            Some(branch) => translator.expr(branch),
            None => Some(Value::Unit),
        };
        match cond.as_ref().and_then(Cond::known) {
            Some(true) => self.block(&expr_if.then_branch),
            Some(false) => run_else(self),
            None => {
                // On a failed condition the branches are still translated,
                // for their errors.
                let cond = cond.unwrap_or(Cond::Known(true));
                let value = self.branches(
                    &cond,
                    |translator| translator.block(&expr_if.then_branch),
                    run_else,
                    keyword_and_condition(expr_if),
                );
                if cond.known().is_some() { None } else { value }
            }
        }
    }

    /// Both branches of an `if` on data, from the same state, merged.
    fn branches(
        &mut self,
        cond: &Cond,
        then_branch: impl FnOnce(&mut Self) -> Option<Value>,
        else_branch: impl FnOnce(&mut Self) -> Option<Value>,
        tokens: impl ToTokens,
    ) -> Option<Value> {
        let saved_bindings = self.bindings.clone();
        let saved_returns = std::mem::take(&mut self.returns);
        let then_value = then_branch(self);
        let then_bindings = std::mem::replace(&mut self.bindings, saved_bindings);
        let then_returns = std::mem::take(&mut self.returns);
        let then_returned = self.returned.take();
        let else_value = else_branch(self);
        let else_returns = std::mem::take(&mut self.returns);
        let else_returned = self.returned.take();
        self.returns = saved_returns;
        for (inner, value) in then_returns {
            self.returns.push((cond.clone().and(inner), value));
        }
        for (inner, value) in else_returns {
            self.returns.push((cond.clone().not().and(inner), value));
        }
        match (then_returned, else_returned) {
            (Some(then_value), Some(else_value)) => {
                let merged = self.merge_values(cond, &then_value, &else_value, &tokens);
                self.returned = Some(merged.unwrap_or(Value::Poisoned));
                Some(Value::Unit)
            }
            (Some(then_value), None) => {
                self.returns.push((cond.clone(), then_value));
                else_value
            }
            (None, Some(else_value)) => {
                self.returns.push((cond.clone().not(), else_value));
                self.bindings = then_bindings;
                then_value
            }
            (None, None) => {
                // Both branches end with the bindings they started with
                // (each block truncates its own).
                let else_bindings = std::mem::take(&mut self.bindings);
                for ((name, then_binding), (_, else_binding)) in
                    then_bindings.into_iter().zip(else_bindings)
                {
                    let merged = self.merge_values(cond, &then_binding, &else_binding, &tokens);
                    self.bindings
                        .push((name, merged.unwrap_or(Value::Poisoned)));
                }
                let (then_value, else_value) = (then_value?, else_value?);
                self.merge_values(cond, &then_value, &else_value, &tokens)
            }
        }
    }

    fn merge_values(
        &mut self,
        cond: &Cond,
        a: &Value,
        b: &Value,
        tokens: impl ToTokens,
    ) -> Option<Value> {
        match merge(self.graph, cond, a, b) {
            Some(value) => Some(value),
            None => self.report(tokens, Problem::BranchMismatch),
        }
    }
}

/// The local and the indices an assignment writes: `acc`, `h[j]`,
/// `w[i][j]`.
fn place(target: &Expr) -> Option<(String, Vec<&Expr>)> {
    match target {
        Expr::Path(path) if path.qself.is_none() => {
            Some((path.path.get_ident()?.to_string(), Vec::new()))
        }
        Expr::Paren(inner) => place(&inner.expr),
        Expr::Index(index) => {
            let (name, mut indices) = place(&index.expr)?;
            indices.push(&index.index);
            Some((name, indices))
        }
        _ => None,
    }
}

/// The types a `let` may name: f64, integers, bool, arrays of them, `_`.
fn type_is_supported(ty: &syn::Type) -> bool {
    match ty {
        syn::Type::Array(array) => type_is_supported(&array.elem),
        syn::Type::Paren(inner) => type_is_supported(&inner.elem),
        syn::Type::Infer(_) => true,
        ty if super::valid::is_f64(ty) => true,
        syn::Type::Path(path) => path.path.get_ident().is_some_and(|ident| {
            matches!(
                ident.to_string().as_str(),
                "usize" | "isize" | "i32" | "i64" | "u32" | "u64" | "bool"
            )
        }),
        _ => false,
    }
}

/// `if condition`, without the branches: the part a diagnostic underlines.
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
        Pat::Reference(reference) => pattern_names(&reference.pat),
        Pat::Slice(slice) => slice.elems.iter().flat_map(pattern_names).collect(),
        Pat::TupleStruct(tuple) => tuple.elems.iter().flat_map(pattern_names).collect(),
        _ => Vec::new(),
    }
}

/// The tokens of what the body returns last: its final expression, or the
/// value of a final `return`, else the whole body.
fn tail_tokens(body: &Block) -> TokenStream {
    match body.stmts.last() {
        Some(Stmt::Expr(
            Expr::Return(syn::ExprReturn {
                expr: Some(value), ..
            }),
            _,
        )) => value.to_token_stream(),
        Some(Stmt::Expr(expr, None)) => expr.to_token_stream(),
        _ => body.to_token_stream(),
    }
}
