//! The derive_grad expansion: the phases in order, then the engine's Rust
//! emitter (the same one as `symdiff codegen`) writes the derivatives.

use crate::derive_grad::ast;
use crate::derive_grad::valid::{self, Options, Output, ParamSpec, Shape};
use crate::derive_grad::value::Value;
use crate::derive_grad::{fallback, rewrite};
use crate::errors::{Errors, Problem};
use proc_macro2::TokenStream;
use quote::{ToTokens, quote};
use symdiff::emit_rust::{
    Param, ParamKind, RustSpec, emit_derivative_functions, emit_jacobian_functions,
};
use symdiff::graph::{Graph, NodeId, VarId};

/// Expands `#[derive_grad(attr)] item`.
pub(crate) fn expand(attr: TokenStream, item: TokenStream) -> TokenStream {
    let func: syn::ItemFn = match syn::parse2(item.clone()) {
        Ok(func) => func,
        Err(_) => {
            let error = syn::Error::new_spanned(&item, Problem::NotAFunction);
            return fallback::not_a_function(item, error);
        }
    };
    let mut errors = Errors::new();
    let options = valid::parse_options(attr, &mut errors);
    let (params, output) = valid::check_signature(&func.sig, &mut errors);
    if let Some(output) = output {
        valid::check_options_for_output(&options, output, &mut errors);
    }
    let wrt = valid::resolve_wrt(&options, &params, &mut errors);
    let mut graph = Graph::new();
    let (bindings, param_vars) = bind_params(&mut graph, &params);
    let roots = ast::translate_body(&mut graph, bindings, &func.block, output, &mut errors);
    let original = rewrite::inline_engine_calls(func);
    let all_shapes_known = params.iter().all(|param| param.shape.is_some());
    let gradient_len = wrt
        .as_ref()
        .filter(|_| all_shapes_known)
        .map(|wrt| wrt.iter().map(|&index| param_len(&params[index])).sum());
    let generated = match (errors.is_empty(), roots, &wrt, output) {
        (true, Some(roots), Some(wrt), Some(output)) => {
            let wrt_vars: Vec<VarId> = wrt
                .iter()
                .flat_map(|&index| param_vars[index].iter().copied())
                .collect();
            let target = Target {
                roots: &roots,
                output,
                wrt: &wrt_vars,
            };
            derivative_functions(&mut graph, &target, &original, &params, &options)
        }
        _ => Err(None),
    };
    match generated {
        Ok(generated) => quote! {
            #original
            #generated
        },
        Err(engine_error) => {
            if let Some(engine_error) = engine_error {
                errors.push(engine_error);
            }
            match errors.finish() {
                Err(error) => {
                    let shape = gradient_len.zip(output);
                    fallback::emit(&original, &options, shape, error)
                }
                Ok(()) => original.into_token_stream(),
            }
        }
    }
}

fn param_len(param: &ParamSpec) -> usize {
    param.shape.map_or(0, Shape::len)
}

/// The graph variables of the parameters, in order (so that the gradient lists
/// them in order), and the bindings the body starts with.
fn bind_params(graph: &mut Graph, params: &[ParamSpec]) -> (Vec<(String, Value)>, Vec<Vec<VarId>>) {
    let mut bindings = Vec::with_capacity(params.len());
    let mut param_vars = Vec::with_capacity(params.len());
    for param in params {
        let name = param.ident.to_string();
        let (binding, vars) = match param.shape {
            Some(Shape::Scalar | Shape::ScalarRef) => {
                let node = graph.var(&name);
                (Value::Num(node), var_of(graph, node).into_iter().collect())
            }
            Some(Shape::Array(len) | Shape::ArrayRef(len)) => {
                let nodes: Vec<NodeId> = (0..len)
                    .map(|index| graph.var(&format!("{name}[{index}]")))
                    .collect();
                let vars = nodes
                    .iter()
                    .filter_map(|&node| var_of(graph, node))
                    .collect();
                (
                    Value::Array(nodes.into_iter().map(Value::Num).collect()),
                    vars,
                )
            }
            Some(Shape::Matrix(rows, cols) | Shape::MatrixRef(rows, cols)) => {
                let mut vars = Vec::with_capacity(rows * cols);
                let mut matrix = Vec::with_capacity(rows);
                for row in 0..rows {
                    let mut entries = Vec::with_capacity(cols);
                    for col in 0..cols {
                        let node = graph.var(&format!("{name}[{row}][{col}]"));
                        vars.extend(var_of(graph, node));
                        entries.push(Value::Num(node));
                    }
                    matrix.push(Value::Array(entries));
                }
                (Value::Array(matrix), vars)
            }
            None => (Value::Poisoned, Vec::new()),
        };
        bindings.push((name, binding));
        param_vars.push(vars);
    }
    (bindings, param_vars)
}

fn var_of(graph: &Graph, node: NodeId) -> Option<VarId> {
    match graph.node(node) {
        symdiff::graph::Node::Var(var) => Some(*var),
        _ => None,
    }
}

/// What to differentiate: the body's outputs, what the function returns,
/// and the variables of the derivatives.
struct Target<'a> {
    roots: &'a [NodeId],
    output: Output,
    wrt: &'a [VarId],
}

/// The engine's derivative functions (the gradient's for one output, the
/// Jacobian's for several), with the original's `cfg` and `allow`
/// attributes. `Err(Some(..))` is a failure of the engine or its emitter.
fn derivative_functions(
    graph: &mut Graph,
    target: &Target<'_>,
    original: &syn::ItemFn,
    params: &[ParamSpec],
    options: &Options,
) -> Result<TokenStream, Option<syn::Error>> {
    let engine_error =
        |problem: Problem| Some(syn::Error::new_spanned(&original.sig.ident, problem));
    let spec_params: Vec<Param> = params
        .iter()
        .filter_map(|param| {
            let kind = match param.shape? {
                Shape::Scalar => ParamKind::Scalar,
                Shape::ScalarRef => ParamKind::ScalarRef,
                Shape::Array(len) => ParamKind::Array(len),
                Shape::ArrayRef(len) => ParamKind::ArrayRef(len),
                Shape::Matrix(rows, cols) => ParamKind::Matrix(rows, cols),
                Shape::MatrixRef(rows, cols) => ParamKind::MatrixRef(rows, cols),
            };
            Some(Param {
                name: param.ident.to_string(),
                kind,
            })
        })
        .collect();
    let name = original.sig.ident.to_string();
    let visibility = original.vis.to_token_stream().to_string();
    let spec = RustSpec {
        name: &name,
        visibility: &visibility,
        params: &spec_params,
        wrt: target.wrt,
        hessian: options.hessian,
        hvp: options.hvp,
        sparse_hessian: options.sparse_hessian,
    };
    let emitted = match (target.output, target.roots) {
        (Output::Scalar, &[root]) => emit_derivative_functions(graph, root, &spec),
        (output, roots) => {
            let names = output_names(&name, output, roots.len());
            emit_jacobian_functions(graph, roots, &names, &spec)
        }
    };
    let items = Problem::from_emitted(graph, emitted).map_err(engine_error)?;
    let inherited: TokenStream = original
        .attrs
        .iter()
        .filter(|attr| attr.path().is_ident("cfg") || attr.path().is_ident("allow"))
        .map(ToTokens::to_token_stream)
        .collect();
    Ok(crate::emitted_items::rewrite_items(
        items,
        &inherited,
        original,
        target.output,
    ))
}

/// How the docs name the outputs: `f[0]`, `f[1]` for an array, `f.0`,
/// `f.1` for a tuple.
fn output_names(name: &str, output: Output, n_outputs: usize) -> Vec<String> {
    (0..n_outputs)
        .map(|index| match output {
            Output::Tuple(_) => format!("{name}.{index}"),
            _ => format!("{name}[{index}]"),
        })
        .collect()
}
