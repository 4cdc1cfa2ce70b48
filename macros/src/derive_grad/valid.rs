//! Checks of what surrounds the body: the attribute's options and the
//! function's signature. Every problem is recorded, none stops the checks.

use crate::errors::{Errors, NameList, Problem};
use proc_macro2::TokenStream;
use symdiff::error::NameMistake;
use syn::parse::{Parse, Parser};
use syn::{FnArg, Ident, Pat, ReturnType, Signature, Type};

/// The options of `#[derive_grad(wrt(w, b), hessian)]`.
#[derive(Debug, Default)]
pub(crate) struct Options {
    /// The parameters of the gradient; all of them when absent.
    pub(crate) wrt: Option<Vec<Ident>>,
    pub(crate) hessian: bool,
    /// `hvp`: also `NAME_hvp`, the Hessian times a direction.
    pub(crate) hvp: bool,
    /// `hessian = sparse`: also `NAME_hessian_sparse` and its pattern.
    pub(crate) sparse_hessian: bool,
    /// The options that concern a function of one output (`hessian`,
    /// `hvp`), as written, for their errors on a function of several.
    pub(crate) scalar_only: Vec<syn::Path>,
}

/// What the function returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Output {
    /// `f64`: a gradient.
    Scalar,
    /// `[f64; M]`, M > 0: a Jacobian of M rows.
    Array(usize),
    /// `(f64, …, f64)` of M > 0 entries: a Jacobian of M rows.
    Tuple(usize),
}

impl Output {
    /// The number of outputs, `None` for a scalar.
    pub(crate) fn vector_len(self) -> Option<usize> {
        match self {
            Output::Scalar => None,
            Output::Array(len) | Output::Tuple(len) => Some(len),
        }
    }
}

/// How a parameter is passed, for the ones derive_grad understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    Scalar,
    /// `&f64`.
    ScalarRef,
    Array(usize),
    ArrayRef(usize),
    /// `[[f64; cols]; rows]`.
    Matrix(usize, usize),
    /// `&[[f64; cols]; rows]`.
    MatrixRef(usize, usize),
}

impl Shape {
    pub(crate) fn len(self) -> usize {
        match self {
            Shape::Scalar | Shape::ScalarRef => 1,
            Shape::Array(len) | Shape::ArrayRef(len) => len,
            Shape::Matrix(rows, cols) | Shape::MatrixRef(rows, cols) => rows * cols,
        }
    }
}

/// A parameter: its name, and its shape unless its type is unsupported.
#[derive(Debug)]
pub(crate) struct ParamSpec {
    pub(crate) ident: Ident,
    pub(crate) shape: Option<Shape>,
}

pub(crate) fn parse_options(attr: TokenStream, errors: &mut Errors) -> Options {
    let mut options = Options::default();
    let mut unknown = Vec::new();
    let parser = syn::meta::parser(|meta| {
        if meta.path.is_ident("hessian") || meta.path.is_ident("hvp") {
            options.scalar_only.push(meta.path.clone());
        }
        if meta.path.is_ident("hessian") {
            options.hessian = true;
            if meta.input.peek(syn::Token![=]) {
                let value: Ident = meta.value()?.parse()?;
                if value != "sparse" {
                    return Err(meta.error("`hessian = sparse` is the only value `hessian` takes"));
                }
                options.sparse_hessian = true;
            }
        } else if meta.path.is_ident("hvp") {
            options.hvp = true;
        } else if meta.path.is_ident("wrt") {
            let content;
            syn::parenthesized!(content in meta.input);
            let names = content.parse_terminated(Ident::parse, syn::Token![,])?;
            options.wrt = Some(names.into_iter().collect());
        } else {
            // Skip the option's arguments, so that the next option is read too.
            if meta.input.peek(syn::token::Paren) {
                let _arguments;
                syn::parenthesized!(_arguments in meta.input);
            } else if meta.input.peek(syn::Token![=]) {
                meta.value()?.parse::<syn::Expr>()?;
            }
            unknown.push(meta.path.clone());
        }
        Ok(())
    });
    if let Err(error) = parser.parse2(attr) {
        errors.push(error);
    }
    for path in unknown {
        let name = quote::quote!(#path).to_string().replace(' ', "");
        errors.report(path, Problem::UnknownOption { name });
    }
    options
}

/// Checks the signature and returns its parameters and what it returns
/// (`None` when the return type is not supported).
pub(crate) fn check_signature(
    sig: &Signature,
    errors: &mut Errors,
) -> (Vec<ParamSpec>, Option<Output>) {
    if !sig.generics.params.is_empty() || sig.generics.where_clause.is_some() {
        errors.report(&sig.generics, Problem::Generic);
    }
    if let Some(token) = &sig.constness {
        errors.report(
            token,
            Problem::Qualifier {
                which: "a const fn",
            },
        );
    }
    if let Some(token) = &sig.unsafety {
        errors.report(
            token,
            Problem::Qualifier {
                which: "an unsafe fn",
            },
        );
    }
    if let Some(token) = &sig.asyncness {
        errors.report(
            token,
            Problem::Qualifier {
                which: "an async fn",
            },
        );
    }
    if let Some(variadic) = &sig.variadic {
        errors.report(variadic, Problem::ParamType);
    }
    let params = sig
        .inputs
        .iter()
        .filter_map(|input| check_param(input, errors))
        .collect();
    let output = match &sig.output {
        ReturnType::Type(_, ty) => check_output(ty, errors),
        ReturnType::Default => {
            errors.report(&sig.ident, Problem::ReturnType);
            None
        }
    };
    (params, output)
}

/// `f64`, `[f64; M]` or a tuple of `f64`, with M > 0.
fn check_output(ty: &Type, errors: &mut Errors) -> Option<Output> {
    match ty {
        Type::Paren(inner) => check_output(&inner.elem, errors),
        Type::Group(inner) => check_output(&inner.elem, errors),
        _ if is_f64(ty) => Some(Output::Scalar),
        Type::Array(array) if is_f64(&array.elem) => match literal_len(&array.len) {
            Some(0) => errors.report_none(ty, Problem::EmptyOutput),
            Some(len) => Some(Output::Array(len)),
            None => errors.report_none(ty, Problem::ReturnType),
        },
        Type::Tuple(tuple) if tuple.elems.is_empty() => {
            errors.report_none(ty, Problem::EmptyOutput)
        }
        Type::Tuple(tuple) => {
            let mut all_f64 = true;
            for elem in tuple.elems.iter().filter(|elem| !is_f64(elem)) {
                errors.report(elem, Problem::TupleEntryType);
                all_f64 = false;
            }
            all_f64.then_some(Output::Tuple(tuple.elems.len()))
        }
        _ => errors.report_none(ty, Problem::ReturnType),
    }
}

/// Reports `hessian` and `hvp` on a function of several outputs: they are
/// derivatives of one output.
pub(crate) fn check_options_for_output(options: &Options, output: Output, errors: &mut Errors) {
    if output.vector_len().is_none() {
        return;
    }
    for path in &options.scalar_only {
        let name = quote::quote!(#path).to_string();
        errors.report(path, Problem::ScalarOnlyOption { name });
    }
}

fn check_param(input: &FnArg, errors: &mut Errors) -> Option<ParamSpec> {
    let typed = match input {
        FnArg::Typed(typed) => typed,
        FnArg::Receiver(receiver) => {
            errors.report(receiver, Problem::Receiver);
            return None;
        }
    };
    let Pat::Ident(pat) = &*typed.pat else {
        errors.report(&typed.pat, Problem::ParamPattern);
        return None;
    };
    if pat.by_ref.is_some() || pat.subpat.is_some() {
        errors.report(&typed.pat, Problem::ParamPattern);
        return None;
    }
    let shape = shape_of(&typed.ty);
    if shape.is_none() {
        errors.report(&typed.ty, Problem::ParamType);
    }
    Some(ParamSpec {
        ident: pat.ident.clone(),
        shape,
    })
}

fn shape_of(ty: &Type) -> Option<Shape> {
    match ty {
        Type::Paren(inner) => shape_of(&inner.elem),
        Type::Group(inner) => shape_of(&inner.elem),
        _ if is_f64(ty) => Some(Shape::Scalar),
        Type::Array(array) => match array_shape(array)? {
            (len, None) => Some(Shape::Array(len)),
            (rows, Some(cols)) => Some(Shape::Matrix(rows, cols)),
        },
        Type::Reference(reference) if reference.mutability.is_none() => match &*reference.elem {
            Type::Array(array) => match array_shape(array)? {
                (len, None) => Some(Shape::ArrayRef(len)),
                (rows, Some(cols)) => Some(Shape::MatrixRef(rows, cols)),
            },
            elem if is_f64(elem) => Some(Shape::ScalarRef),
            _ => None,
        },
        _ => None,
    }
}

/// `[f64; N]` as `(N, None)`, `[[f64; M]; N]` as `(N, Some(M))`.
fn array_shape(array: &syn::TypeArray) -> Option<(usize, Option<usize>)> {
    let len = literal_len(&array.len)?;
    match &*array.elem {
        elem if is_f64(elem) => Some((len, None)),
        Type::Array(inner) if is_f64(&inner.elem) => Some((len, Some(literal_len(&inner.len)?))),
        _ => None,
    }
}

fn literal_len(len: &syn::Expr) -> Option<usize> {
    match len {
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Int(len),
            ..
        }) => len.base10_parse().ok(),
        _ => None,
    }
}

/// `f64`, `core::primitive::f64` or `std::primitive::f64`.
pub(crate) fn is_f64(ty: &Type) -> bool {
    let Type::Path(path) = ty else {
        return false;
    };
    if path.qself.is_some() {
        return false;
    }
    let names: Vec<String> = path
        .path
        .segments
        .iter()
        .filter(|segment| segment.arguments.is_none())
        .map(|segment| segment.ident.to_string())
        .collect();
    if names.len() != path.path.segments.len() {
        return false;
    }
    match names.as_slice() {
        [only] => only == "f64",
        [root, primitive, last] => {
            (root == "core" || root == "std") && primitive == "primitive" && last == "f64"
        }
        _ => false,
    }
}

/// The indices into `params` of the gradient's parameters, in the order of
/// `wrt(..)` (all parameters, in order, without it).
pub(crate) fn resolve_wrt(
    options: &Options,
    params: &[ParamSpec],
    errors: &mut Errors,
) -> Option<Vec<usize>> {
    let Some(wrt) = &options.wrt else {
        return Some((0..params.len()).collect());
    };
    let mut indices = Vec::with_capacity(wrt.len());
    let mut ok = true;
    for name in wrt {
        match params.iter().position(|param| param.ident == *name) {
            Some(index) if indices.contains(&index) => {
                let mistake = NameMistake::Repeated {
                    name: name.to_string(),
                };
                let list = NameList::Wrt;
                errors.report(name, Problem::Name { mistake, list });
                ok = false;
            }
            Some(index) => indices.push(index),
            None => {
                errors.report(
                    name,
                    Problem::WrtNotAParameter {
                        name: name.to_string(),
                        params: params.iter().map(|param| param.ident.to_string()).collect(),
                    },
                );
                ok = false;
            }
        }
    }
    ok.then_some(indices)
}
