//! The calls `#[derive_grad]` understands: the engine's functions called by
//! name (`sigmoid(z)`), the methods of `f64` that are engine functions
//! (`z.exp()`, `y.atan2(x)`, read from the function table), and the other
//! methods of `f64`, which are built from them (`z.log10()`), with the graph
//! each one builds and, for the functions, the inline `f64` code that
//! replaces the call in the re-emitted function (the table's own Rust).

use crate::errors::Problem;
use proc_macro2::{Group, Span, TokenStream, TokenTree};
use quote::{format_ident, quote_spanned};
use symdiff::error::SemanticErrorKind;
use symdiff::func::{Callable, Comparison, Func, Lookup, callable_names, lookup};
use symdiff::graph::{Graph, NodeId};
use symdiff::number::Number;

/// The methods of `f64` that are not engine functions but are built from
/// them, with the number of arguments besides the receiver.
const COMPOSED_METHODS: &[(&str, usize)] = &[
    ("log10", 0),
    ("log2", 0),
    ("powi", 1),
    ("powf", 1),
    ("clamp", 2),
    ("recip", 0),
    ("exp2", 0),
    ("mul_add", 2),
];

pub(crate) fn function_names() -> Vec<&'static str> {
    callable_names()
}

/// Every method the macros differentiate: the function table's, then the
/// composed ones.
pub(crate) fn method_names() -> Vec<&'static str> {
    Func::CALLABLE
        .iter()
        .filter_map(|func| func.info().method)
        .chain(COMPOSED_METHODS.iter().map(|&(name, _)| name))
        .collect()
}

/// The engine function that the method `name` is, if any.
fn method_function(name: &str) -> Option<Func> {
    Func::CALLABLE
        .iter()
        .copied()
        .find(|func| func.info().method == Some(name))
}

/// The number of arguments of method `name` besides the receiver.
pub(crate) fn method_arity(name: &str) -> Option<usize> {
    if let Some(func) = method_function(name) {
        return Some(func.arity() - 1);
    }
    COMPOSED_METHODS
        .iter()
        .find(|&&(known, _)| known == name)
        .map(|&(_, arity)| arity)
}

/// What the engine function call `name(…)` with `n_args` arguments means.
pub(crate) fn function(name: &str, n_args: usize) -> Lookup {
    lookup(name, n_args)
}

/// `func(args)` as a graph node, or the error of a wrong number of
/// arguments.
fn call(graph: &mut Graph, func: Func, args: &[NodeId]) -> Result<NodeId, Problem> {
    graph.try_call(func, args).map_err(|error| {
        Problem::Semantic(SemanticErrorKind::WrongArity {
            name: func.name().to_owned(),
            expected: vec![func.arity()],
            found: error.found,
        })
    })
}

/// `receiver.name(args)` as graph nodes. The caller has checked the name and
/// the number of arguments.
pub(crate) fn build_method(
    graph: &mut Graph,
    name: &str,
    receiver: NodeId,
    args: &[NodeId],
) -> Result<NodeId, Problem> {
    if let Some(func) = method_function(name) {
        let mut operands = vec![receiver];
        operands.extend_from_slice(args);
        return call(graph, func, &operands);
    }
    let arg = |index: usize| args.get(index).copied();
    let log_base = |graph: &mut Graph, base: NodeId| graph.call(Func::LogBase, &[receiver, base]);
    let node = match (name, arg(0), arg(1)) {
        ("log10", ..) => {
            let ten = graph.int(10);
            log_base(graph, ten)
        }
        ("log2", ..) => {
            let two = graph.int(2);
            log_base(graph, two)
        }
        ("recip", ..) => graph.powi(receiver, -1),
        ("exp2", ..) => {
            let two = graph.int(2);
            graph.pow(two, receiver)
        }
        ("powi", Some(exponent), _) => match graph.as_number(exponent).and_then(Number::as_integer)
        {
            Some(_) => graph.pow(receiver, exponent),
            None => return Err(Problem::PowiExponent),
        },
        ("powf", Some(exponent), _) => graph.pow(receiver, exponent),
        // As Rust computes it: `low` below, `high` above, the receiver
        // between them and at either end (so its derivative there is 1).
        ("clamp", Some(low), Some(high)) => {
            let above = graph.select(Comparison::Less, high, receiver, high, receiver);
            graph.select(Comparison::Less, receiver, low, low, above)
        }
        ("mul_add", Some(factor), Some(addend)) => {
            let product = graph.mul2(receiver, factor);
            graph.add2(product, addend)
        }
        _ => {
            return Err(Problem::UnknownMethod {
                name: name.to_owned(),
            });
        }
    };
    Ok(node)
}

/// The engine function `callable` applied to `args` as graph nodes.
pub(crate) fn build_function(
    graph: &mut Graph,
    callable: Callable,
    args: &[NodeId],
) -> Result<NodeId, Problem> {
    match (callable, args) {
        (Callable::Func(func), args) => call(graph, func, args),
        (Callable::Pow, &[base, exponent]) => Ok(graph.pow(base, exponent)),
        (Callable::Pow, _) => Err(Problem::Semantic(SemanticErrorKind::WrongArity {
            name: symdiff::func::POW.to_owned(),
            expected: vec![2],
            found: args.len(),
        })),
    }
}

/// The inline `f64` code for a call of the engine function `name`: the
/// function table's Rust (the code `symdiff codegen` emits, with the same
/// semantics as the interpreter), after the items it needs (the function
/// computing `erf`), so that the re-emitted function needs no definition of
/// `sigmoid` and no run-time dependency. The arguments are bound to
/// temporaries first; the temporaries and the table's code have mixed-site
/// hygiene and cannot capture or shadow the caller's names.
pub(crate) fn inline_function(name: &str, args: &[&syn::Expr]) -> Option<TokenStream> {
    let Lookup::Found(callable) = lookup(name, args.len()) else {
        return None;
    };
    let hygienic = Span::mixed_site();
    let names: Vec<syn::Ident> = (0..args.len())
        .map(|index| format_ident!("__symdiff_{}", index, span = hygienic))
        .collect();
    let name_texts: Vec<String> = names.iter().map(ToString::to_string).collect();
    let name_refs: Vec<&str> = name_texts.iter().map(String::as_str).collect();
    let (body, helpers) = match callable {
        Callable::Func(func) => (func.rust_expr(&name_refs), func.info().helpers),
        Callable::Pow => (
            format!("::core::primitive::f64::powf({})", name_refs.join(", ")),
            &[][..],
        ),
    };
    let helper_items: String = helpers.iter().map(|helper| helper.source).collect();
    let body: TokenStream = respan(body.parse().ok()?, hygienic);
    let helper_items: TokenStream = respan(helper_items.parse().ok()?, hygienic);
    let f64_path = quote_spanned!(hygienic=> ::core::primitive::f64);
    Some(quote_spanned! {hygienic=>
        {
            #helper_items
            #(let #names: #f64_path = #args;)*
            #body
        }
    })
}

/// `tokens` with every span set to `span`.
fn respan(tokens: TokenStream, span: Span) -> TokenStream {
    tokens
        .into_iter()
        .map(|tree| match tree {
            TokenTree::Group(group) => {
                let mut respanned = Group::new(group.delimiter(), respan(group.stream(), span));
                respanned.set_span(span);
                TokenTree::Group(respanned)
            }
            mut other => {
                other.set_span(span);
                other
            }
        })
        .collect()
}
