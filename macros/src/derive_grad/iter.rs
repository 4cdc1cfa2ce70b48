//! Iterators over values known at expansion time: an array or a range
//! becomes a sequence of values, and the adapters and consumers engineers
//! write on fixed arrays (`iter`, `zip`, `enumerate`, `map`, `sum`,
//! `product`, `fold`, ...) act on it now, closures included.

use crate::derive_grad::ast::Translator;
use crate::derive_grad::value::Value;
use crate::errors::Problem;
use symdiff::error::SemanticErrorKind;
use symdiff::graph::NodeId;
use syn::Expr;

impl Translator<'_> {
    /// `receiver.method(args)` for an array or a sequence receiver.
    pub(super) fn sequence_method(
        &mut self,
        call: &syn::ExprMethodCall,
        receiver: Value,
    ) -> Option<Value> {
        let (Value::Array(items) | Value::Seq(items)) = receiver else {
            return None;
        };
        let name = call.method.to_string();
        let args: Vec<&Expr> = call.args.iter().collect();
        let Some(expected) = sequence_method_arity(&name) else {
            return self.report(&call.method, Problem::IteratorMethod { name });
        };
        if args.len() != expected {
            let found = args.len();
            return self.report(
                &call.method,
                Problem::Semantic(SemanticErrorKind::WrongArity {
                    name,
                    expected: vec![expected],
                    found,
                }),
            );
        }
        if let Some(turbofish) = &call.turbofish
            && !(matches!(name.as_str(), "sum" | "product") && turbofish_is_f64(turbofish))
        {
            return self.report(
                turbofish,
                Problem::Unsupported {
                    what: "this turbofish",
                },
            );
        }
        match (name.as_str(), args.as_slice()) {
            ("iter" | "into_iter" | "copied" | "cloned", _) => Some(Value::Seq(items)),
            ("len" | "count", _) => Some(Value::Int(i64::try_from(items.len()).ok()?)),
            ("rev", _) => Some(Value::Seq(items.into_iter().rev().collect())),
            ("enumerate", _) => Some(Value::Seq(
                items
                    .into_iter()
                    .enumerate()
                    .map(|(index, item)| {
                        Value::Tuple(vec![Value::Int(i64::try_from(index).unwrap_or(0)), item])
                    })
                    .collect(),
            )),
            ("zip", [other]) => {
                let other = match self.expr(other)? {
                    Value::Array(other) | Value::Seq(other) => other,
                    Value::Poisoned => return None,
                    _ => return self.report(other, Problem::NotIterable),
                };
                Some(Value::Seq(
                    items
                        .into_iter()
                        .zip(other)
                        .map(|(a, b)| Value::Tuple(vec![a, b]))
                        .collect(),
                ))
            }
            ("skip" | "take" | "step_by", [count_expr]) => {
                let count = usize::try_from(self.int_expr(count_expr)?).ok()?;
                if name == "step_by" && count == 0 {
                    // As `Iterator::step_by` panics on 0.
                    return self.report(count_expr, Problem::StepByZero);
                }
                Some(Value::Seq(match name.as_str() {
                    "skip" => items.into_iter().skip(count).collect(),
                    "take" => items.into_iter().take(count).collect(),
                    _ => items.into_iter().step_by(count).collect(),
                }))
            }
            ("map", [closure]) => {
                let closure = self.closure(closure, 1)?;
                let mut mapped = Vec::with_capacity(items.len());
                for item in items {
                    // The first item that fails has reported the closure's
                    // errors; the others would repeat them.
                    mapped.push(self.apply(closure, vec![item])?);
                }
                Some(Value::Seq(mapped))
            }
            ("sum" | "product", _) => self.reduce(call, name == "sum", items),
            ("fold", [init, closure]) => {
                let init = self.expr(init);
                let closure = self.closure(closure, 2)?;
                let mut acc = init?;
                for item in items {
                    acc = self.apply(closure, vec![acc, item])?;
                }
                Some(acc)
            }
            _ => None,
        }
    }

    /// The sum or product of the items, as one node (as `a + b + c` is).
    fn reduce(
        &mut self,
        call: &syn::ExprMethodCall,
        is_sum: bool,
        items: Vec<Value>,
    ) -> Option<Value> {
        if items.iter().all(|item| matches!(item, Value::Int(_))) && call.turbofish.is_none() {
            let mut ints = items.iter().filter_map(|item| match item {
                Value::Int(int) => Some(*int),
                _ => None,
            });
            let result = match is_sum {
                true => ints.try_fold(0i64, i64::checked_add),
                false => ints.try_fold(1i64, i64::checked_mul),
            };
            return match result {
                Some(result) => Some(Value::Int(result)),
                None => self.report(call, Problem::IntegerOverflow),
            };
        }
        let nodes: Vec<Option<NodeId>> = items
            .into_iter()
            .map(|item| self.num(item, &call.receiver))
            .collect();
        let nodes: Vec<NodeId> = nodes.into_iter().collect::<Option<_>>()?;
        Some(Value::Num(match is_sum {
            true => self.graph.add(&nodes),
            false => self.graph.mul(&nodes),
        }))
    }

    /// The closure written inline as an argument, taking `n_params`.
    fn closure<'e>(&mut self, expr: &'e Expr, n_params: usize) -> Option<&'e syn::ExprClosure> {
        match expr {
            Expr::Closure(closure) if closure.inputs.len() == n_params => Some(closure),
            Expr::Paren(inner) => self.closure(&inner.expr, n_params),
            _ => self.report(expr, Problem::ClosureExpected),
        }
    }

    /// The closure's body with its parameters bound to `args`.
    fn apply(&mut self, closure: &syn::ExprClosure, args: Vec<Value>) -> Option<Value> {
        let scope_start = self.bindings.len();
        for (pat, arg) in closure.inputs.iter().zip(args) {
            self.bind_pattern(pat, arg);
        }
        // A `return` in the closure returns from the closure, not from the
        // function: a final one gives the closure's value, and one under a
        // condition on data is refused.
        let outer_returns = std::mem::take(&mut self.returns);
        let outer_returned = self.returned.take();
        let value = match closure.body.as_ref() {
            // `|v| return v * 2.0`: the closure's value.
            Expr::Return(syn::ExprReturn {
                expr: Some(value), ..
            }) => self.expr(value),
            body => self.expr(body),
        };
        let returned = std::mem::replace(&mut self.returned, outer_returned);
        let early = std::mem::replace(&mut self.returns, outer_returns);
        self.bindings.truncate(scope_start);
        if !early.is_empty() {
            return self.report(&closure.body, Problem::ReturnInClosure);
        }
        returned.or(value)
    }
}

/// The number of arguments of an iterator method, if it is one.
fn sequence_method_arity(name: &str) -> Option<usize> {
    Some(match name {
        "iter" | "into_iter" | "copied" | "cloned" | "len" | "count" | "rev" | "enumerate"
        | "sum" | "product" => 0,
        "zip" | "skip" | "take" | "step_by" | "map" => 1,
        "fold" => 2,
        _ => return None,
    })
}

/// Whether `name` is a method of arrays and iterators that derive_grad
/// understands.
pub(super) fn is_sequence_method(name: &str) -> bool {
    sequence_method_arity(name).is_some()
}

/// `::<f64>`.
fn turbofish_is_f64(turbofish: &syn::AngleBracketedGenericArguments) -> bool {
    match turbofish.args.iter().collect::<Vec<_>>().as_slice() {
        [syn::GenericArgument::Type(ty)] => super::valid::is_f64(ty),
        _ => false,
    }
}
