//! The calls `#[derive_grad]` understands, one table each: the engine's
//! functions called by name (`sigmoid(z)`) and the methods of `f64`
//! (`z.exp()`), with the graph each one builds and, for the functions, the
//! inline `f64` code that replaces the call in the re-emitted function.

use crate::errors::Problem;
use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use symdiff::func::{CALLABLES, Callable, Comparison, Func, lookup};
use symdiff::graph::{Graph, NodeId};
use symdiff::number::Number;

/// The methods of `f64` that can be differentiated, with the number of
/// arguments besides the receiver.
const METHODS: &[(&str, usize)] = &[
    ("exp", 0),
    ("ln", 0),
    ("log10", 0),
    ("log2", 0),
    ("log", 1),
    ("sqrt", 0),
    ("sin", 0),
    ("cos", 0),
    ("tan", 0),
    ("asin", 0),
    ("acos", 0),
    ("atan", 0),
    ("sinh", 0),
    ("cosh", 0),
    ("tanh", 0),
    ("abs", 0),
    ("powi", 1),
    ("powf", 1),
    ("max", 1),
    ("min", 1),
    ("clamp", 2),
    ("recip", 0),
    ("exp_m1", 0),
    ("ln_1p", 0),
    ("exp2", 0),
    ("hypot", 1),
    ("mul_add", 2),
];

pub(crate) fn function_names() -> Vec<&'static str> {
    CALLABLES.iter().map(|&(name, _, _)| name).collect()
}

pub(crate) fn method_names() -> Vec<&'static str> {
    METHODS.iter().map(|&(name, _)| name).collect()
}

/// The number of arguments of method `name` besides the receiver.
pub(crate) fn method_arity(name: &str) -> Option<usize> {
    METHODS
        .iter()
        .find(|&&(known, _)| known == name)
        .map(|&(_, arity)| arity)
}

/// The number of arguments of the engine function `name`.
pub(crate) fn function_arity(name: &str) -> Option<usize> {
    lookup(name).map(|(_, arity)| arity)
}

/// `receiver.name(args)` as graph nodes. The caller has checked the name and
/// the number of arguments.
pub(crate) fn build_method(
    graph: &mut Graph,
    name: &str,
    receiver: NodeId,
    args: &[NodeId],
) -> Result<NodeId, Problem> {
    let arg = |index: usize| args.get(index).copied();
    let unary = |func: Func, graph: &mut Graph| graph.call(func, &[receiver]);
    let log_base = |graph: &mut Graph, base: NodeId| {
        let numerator = graph.call(Func::Log, &[receiver]);
        let denominator = graph.call(Func::Log, &[base]);
        graph.div(numerator, denominator)
    };
    let node = match (name, arg(0), arg(1)) {
        ("exp", ..) => unary(Func::Exp, graph),
        ("ln", ..) => unary(Func::Log, graph),
        ("sqrt", ..) => unary(Func::Sqrt, graph),
        ("sin", ..) => unary(Func::Sin, graph),
        ("cos", ..) => unary(Func::Cos, graph),
        ("tan", ..) => unary(Func::Tan, graph),
        ("asin", ..) => unary(Func::Asin, graph),
        ("acos", ..) => unary(Func::Acos, graph),
        ("atan", ..) => unary(Func::Atan, graph),
        ("sinh", ..) => unary(Func::Sinh, graph),
        ("cosh", ..) => unary(Func::Cosh, graph),
        ("tanh", ..) => unary(Func::Tanh, graph),
        ("abs", ..) => unary(Func::Abs, graph),
        ("log10", ..) => {
            let ten = graph.int(10);
            log_base(graph, ten)
        }
        ("log2", ..) => {
            let two = graph.int(2);
            log_base(graph, two)
        }
        ("log", Some(base), _) => log_base(graph, base),
        ("recip", ..) => graph.powi(receiver, -1),
        ("exp_m1", ..) => {
            let exp = graph.call(Func::Exp, &[receiver]);
            let minus_one = graph.int(-1);
            graph.add2(exp, minus_one)
        }
        ("ln_1p", ..) => {
            let one = graph.one();
            let sum = graph.add2(one, receiver);
            graph.call(Func::Log, &[sum])
        }
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
        ("max", Some(other), _) => graph.call(Func::Max, &[receiver, other]),
        ("min", Some(other), _) => graph.call(Func::Min, &[receiver, other]),
        ("hypot", Some(other), _) => {
            let a = graph.powi(receiver, 2);
            let b = graph.powi(other, 2);
            let sum = graph.add2(a, b);
            let half = graph.num(Number::HALF);
            graph.pow(sum, half)
        }
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

/// The engine function `name(args)` as graph nodes. The caller has checked
/// the name and the number of arguments.
pub(crate) fn build_function(
    graph: &mut Graph,
    name: &str,
    args: &[NodeId],
) -> Result<NodeId, Problem> {
    match (lookup(name), args) {
        (Some((Callable::Func(func), _)), args) => Ok(graph.call(func, args)),
        (Some((Callable::Pow, _)), &[base, exponent]) => Ok(graph.pow(base, exponent)),
        _ => Err(Problem::UnknownFunction {
            name: name.to_owned(),
            suggestion: symdiff::func::suggest(name),
        }),
    }
}

/// The inline `f64` code for a call of the engine function `name`, with the
/// same semantics as `symdiff::func` (`relu(0) = 0`, `heaviside(0) = 0`,
/// `max` and `min` propagate NaN), so that the re-emitted function needs no
/// definition of `sigmoid` and no run-time dependency. The temporaries have
/// mixed-site hygiene and cannot capture or shadow the caller's names.
pub(crate) fn inline_function(name: &str, args: &[&syn::Expr]) -> Option<TokenStream> {
    let (callable, arity) = lookup(name)?;
    if args.len() != arity {
        return None;
    }
    let hygienic = Span::mixed_site();
    let x = syn::Ident::new("__symdiff_x", hygienic);
    let y = syn::Ident::new("__symdiff_y", hygienic);
    let f64_path = quote_spanned!(hygienic=> ::core::primitive::f64);
    let body = match callable {
        Callable::Pow => quote_spanned!(hygienic=> #x.powf(#y)),
        Callable::Func(func) => inline_body(func, &x, &y),
    };
    let first = args.first()?;
    let bind_second = args
        .get(1)
        .map(|second| quote_spanned!(hygienic=> let #y: #f64_path = #second;));
    Some(quote_spanned! {hygienic=>
        {
            let #x: #f64_path = #first;
            #bind_second
            #body
        }
    })
}

fn inline_body(func: Func, x: &syn::Ident, y: &syn::Ident) -> TokenStream {
    let nan = quote!(::core::primitive::f64::NAN);
    match func {
        Func::Sigmoid => quote!(1.0 / (1.0 + (-#x).exp())),
        Func::Relu => quote!(if #x > 0.0 || #x.is_nan() { #x } else { 0.0 }),
        Func::LeakyRelu => quote!(if #x > 0.0 { #x } else { #y * #x }),
        Func::Softplus => quote!(if #x > 30.0 { #x + (-#x).exp() } else { #x.exp().ln_1p() }),
        Func::Heaviside => {
            quote!(if #x > 0.0 { 1.0 } else if #x.is_nan() { #x } else { 0.0 })
        }
        Func::Sign => quote!(if #x > 0.0 { 1.0 } else if #x < 0.0 { -1.0 } else { #x * 0.0 }),
        Func::Max => {
            quote!(if #x.is_nan() || #y.is_nan() { #nan } else if #y > #x { #y } else { #x })
        }
        Func::Min => {
            quote!(if #x.is_nan() || #y.is_nan() { #nan } else if #y < #x { #y } else { #x })
        }
        Func::Log => quote!(#x.ln()),
        other => {
            let method = syn::Ident::new(other.name(), Span::mixed_site());
            quote!(#x.#method())
        }
    }
}
