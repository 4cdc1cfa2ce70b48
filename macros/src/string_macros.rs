//! `grad!`, `hessian!`, `diff!`, `grad_formulas!` and `grad_names!`: a math
//! expression in a string literal, parsed and differentiated by the engine at
//! compile time.
//!
//! The closures take every variable of the expression as an `f64`, in order
//! of first appearance or in the order of `args = [..]`, and their bodies are
//! the engine emitter's straight-line code. A literal the engine cannot read
//! becomes a `compile_error!` on the literal whose message repeats the
//! expression with a caret under the bad column (a span inside a literal
//! cannot be had on stable Rust).

use crate::errors::{Errors, NameList, Problem};
use proc_macro2::{Literal, Span, TokenStream};
use quote::{format_ident, quote};
use symdiff::Expr;
use symdiff::emit_rust::{OutputShape, emit_closure_body};
use symdiff::error::NameMistake;
use symdiff::graph::{Graph, NodeId, VarId};
use syn::ext::IdentExt;
use syn::parse::{Parse, ParseStream};
use syn::{Ident, LitStr, Token};

/// `"expression"` optionally followed by `, wrt = [a, b]` and
/// `, args = [a, b, c]`, in either order.
struct ExprArgs {
    source: LitStr,
    wrt: Option<Vec<Ident>>,
    args: Option<ArgOrder>,
}

/// `args = [w, b, x, t]`: the closure's parameters in order.
struct ArgOrder {
    names: Vec<Ident>,
    /// The brackets, where a missing variable is reported.
    span: Span,
}

/// A list of names in brackets, `[a, b]`, and the span of the brackets.
fn bracketed_names(input: ParseStream<'_>) -> syn::Result<(Vec<Ident>, Span)> {
    let content;
    let brackets = syn::bracketed!(content in input);
    let names = content.parse_terminated(Ident::parse_any, Token![,])?;
    Ok((names.into_iter().collect(), brackets.span.join()))
}

/// Reads `key = [..]` options after the arguments, each at most once.
fn parse_options(
    input: ParseStream<'_>,
    allowed: &[&str],
    mut read: impl FnMut(&str, Vec<Ident>, Span),
) -> syn::Result<()> {
    let expected = allowed
        .iter()
        .map(|key| format!("`{key} = [..]`"))
        .collect::<Vec<_>>()
        .join(" or ");
    let mut seen: Vec<String> = Vec::new();
    while input.parse::<Option<Token![,]>>()?.is_some() && !input.is_empty() {
        let key = input.call(Ident::parse_any)?;
        let name = key.to_string();
        if !allowed.contains(&name.as_str()) {
            return Err(syn::Error::new(key.span(), format!("expected {expected}")));
        }
        if seen.contains(&name) {
            return Err(syn::Error::new(
                key.span(),
                format!("`{name}` is given twice"),
            ));
        }
        input.parse::<Token![=]>()?;
        let (names, span) = bracketed_names(input)?;
        read(&name, names, span);
        seen.push(name);
    }
    Ok(())
}

impl Parse for ExprArgs {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let source = input.parse()?;
        let (mut wrt, mut args) = (None, None);
        parse_options(input, &["wrt", "args"], |key, names, span| match key {
            "wrt" => wrt = Some(names),
            _ => args = Some(ArgOrder { names, span }),
        })?;
        Ok(ExprArgs { source, wrt, args })
    }
}

/// `"expression", x` optionally followed by `, order` and `, args = [..]`.
struct DiffArgs {
    source: LitStr,
    var: Ident,
    /// Any expression, so that a negative or non-literal order gets the
    /// macro's own message.
    order: Option<syn::Expr>,
    args: Option<ArgOrder>,
}

impl Parse for DiffArgs {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let source = input.parse()?;
        input.parse::<Token![,]>()?;
        let var = input.call(Ident::parse_any)?;
        let mut order = None;
        let options_follow = |input: ParseStream<'_>| {
            input.peek(Token![,]) && input.peek2(Ident::peek_any) && input.peek3(Token![=])
        };
        if !options_follow(input)
            && input.parse::<Option<Token![,]>>()?.is_some()
            && !input.is_empty()
        {
            order = Some(input.parse()?);
        }
        let mut args = None;
        parse_options(input, &["args"], |_, names, span| {
            args = Some(ArgOrder { names, span });
        })?;
        Ok(DiffArgs {
            source,
            var,
            order,
            args,
        })
    }
}

pub(crate) fn grad(input: TokenStream) -> TokenStream {
    expand_with(input, |args: ExprArgs| {
        let parsed = Parsed::new(&args.source, args.args.as_ref())?;
        let names = parsed.wrt_names(args.wrt.as_deref(), Steps::Allowed)?;
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        // `Expr::gradient` takes a definition's name as the step it names
        // (the adjoint of `z` in `z = w*x + b; sigmoid(z)`).
        let gradient: Vec<NodeId> = parsed.expr.gradient(&names).iter().map(Expr::id).collect();
        parsed.closure(
            &parsed.expr.graph().borrow(),
            &gradient,
            OutputShape::Vector,
        )
    })
}

/// Whether `wrt = [..]` may name the expression's definitions.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Steps {
    Allowed,
    Refused,
}

pub(crate) fn hessian(input: TokenStream) -> TokenStream {
    expand_with(input, |args: ExprArgs| {
        let parsed = Parsed::new(&args.source, args.args.as_ref())?;
        let wrt = parsed.wrt_vars(args.wrt.as_deref())?;
        let mut graph = parsed.graph_mut();
        let rows = symdiff::gradient::hessian(&mut graph, parsed.root, &wrt);
        let entries: Vec<NodeId> = rows.into_iter().flatten().collect();
        parsed.closure(&graph, &entries, OutputShape::Matrix(wrt.len()))
    })
}

pub(crate) fn diff(input: TokenStream) -> TokenStream {
    expand_with(input, |args: DiffArgs| {
        let parsed = Parsed::new(&args.source, args.args.as_ref())?;
        let order = match &args.order {
            Some(order) => diff_order(order)?,
            None => 1,
        };
        let names = parsed.wrt_names(Some(std::slice::from_ref(&args.var)), Steps::Allowed)?;
        let name = names.first().map_or("", String::as_str);
        // The engine's capped repeated derivative: it stops once the result
        // is 0, and refuses an order above its cap only if it is not 0 by
        // then (a definition's name is the step it names, as in `grad!`).
        let derivative = parsed.expr.try_diff_n(name, order).map_err(|error| {
            let problem = Problem::DiffOrderTooHigh(error);
            match &args.order {
                Some(order) => syn::Error::new_spanned(order, problem),
                None => syn::Error::new(parsed.source.span(), problem),
            }
        })?;
        parsed.closure(
            &parsed.expr.graph().borrow(),
            &[derivative.id()],
            OutputShape::Scalar,
        )
    })
}

/// The names of `grad!`'s entries, in order, as `[&'static str; N]`: the
/// variables (in order of first appearance, or of `args = [..]`), or the
/// names of `wrt = [..]`.
pub(crate) fn grad_names(input: TokenStream) -> TokenStream {
    expand_with(input, |args: ExprArgs| {
        let parsed = Parsed::new(&args.source, args.args.as_ref())?;
        let names = parsed.wrt_names(args.wrt.as_deref(), Steps::Allowed)?;
        let n = Literal::usize_unsuffixed(names.len());
        Ok(quote! {
            {
                const NAMES: [&'static ::core::primitive::str; #n] = [#(#names),*];
                NAMES
            }
        })
    })
}

pub(crate) fn grad_formulas(input: TokenStream) -> TokenStream {
    expand_with(input, |args: ExprArgs| {
        let parsed = Parsed::new(&args.source, args.args.as_ref())?;
        let wrt = parsed.wrt_vars(args.wrt.as_deref())?;
        let mut graph = parsed.graph_mut();
        let gradient = symdiff::gradient::gradient(&mut graph, parsed.root, &wrt);
        let texts = gradient
            .iter()
            .map(|&entry| symdiff::print::to_text(&graph, entry));
        let n = Literal::usize_unsuffixed(gradient.len());
        Ok(quote! {
            {
                const FORMULAS: [&'static ::core::primitive::str; #n] = [#(#texts),*];
                FORMULAS
            }
        })
    })
}

/// The order of `diff!`: a non-negative integer literal (how high it may
/// be is the engine's to say, see `diff`).
fn diff_order(order: &syn::Expr) -> syn::Result<usize> {
    let literal = match order {
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Int(literal),
            ..
        }) => Some(literal),
        _ => None,
    };
    literal
        .and_then(|literal| literal.base10_parse::<usize>().ok())
        .ok_or_else(|| syn::Error::new_spanned(order, Problem::DiffOrder))
}

/// Parses the macro's arguments and expands them, turning every error into
/// `compile_error!`. The errors sit in a block, which is an expression however
/// many there are.
fn expand_with<Args: Parse>(
    input: TokenStream,
    expand: impl FnOnce(Args) -> syn::Result<TokenStream>,
) -> TokenStream {
    syn::parse2(input).and_then(expand).unwrap_or_else(|error| {
        let errors = error.to_compile_error();
        quote!({ #errors })
    })
}

/// The names of `args = [..]`, which must list every variable of the
/// expression (`variables`) once.
fn arg_order(args: &ArgOrder, variables: &[String]) -> syn::Result<Vec<String>> {
    let mut errors = Errors::new();
    let mut names: Vec<String> = Vec::with_capacity(args.names.len());
    for ident in &args.names {
        let name = ident.unraw().to_string();
        if !variables.contains(&name) {
            let list = NameList::Variables(variables.to_vec());
            let mistake = NameMistake::NotAVariable { name };
            errors.report(ident, Problem::Name { mistake, list });
        } else if names.contains(&name) {
            let mistake = NameMistake::Repeated { name };
            let list = NameList::Args;
            errors.report(ident, Problem::Name { mistake, list });
        } else {
            names.push(name);
        }
    }
    if let Some(mistake) = NameMistake::missing_from(variables, &names) {
        let list = NameList::Args;
        errors.report_at(args.span, Problem::Name { mistake, list });
    }
    errors.finish()?;
    Ok(names)
}

/// Keywords that syn still reads as identifiers but Rust reserves (`gen`
/// since edition 2024): rejected like the others rather than left to fail in
/// the generated closure.
const RESERVED_BY_RUST: &[&str] = &["gen"];

/// An expression parsed from a literal, with its variables.
struct Parsed {
    expr: Expr,
    root: NodeId,
    /// The variables in order of first appearance, or in the order of
    /// `args = [..]`: the closure's parameters, and the derivatives' order
    /// without `wrt = [..]`.
    variables: Vec<String>,
    /// The literal, where errors in the expression are reported.
    source: LitStr,
}

impl Parsed {
    fn new(source: &LitStr, args: Option<&ArgOrder>) -> syn::Result<Parsed> {
        let text = source.value();
        let expr = Expr::parse(&text)
            .map_err(|error| syn::Error::new(source.span(), Problem::InvalidExpression(error)))?;
        let variables = expr.variables();
        let mut errors = Errors::new();
        for name in &variables {
            if syn::parse_str::<Ident>(name).is_err() || RESERVED_BY_RUST.contains(&name.as_str()) {
                let problem = Problem::VariableNotAnIdentifier { name: name.clone() };
                errors.report(source, problem);
            }
        }
        errors.finish()?;
        let variables = match args {
            Some(args) => arg_order(args, &variables)?,
            None => variables,
        };
        Ok(Parsed {
            root: expr.id(),
            expr,
            variables,
            source: source.clone(),
        })
    }

    fn graph_mut(&self) -> std::cell::RefMut<'_, Graph> {
        self.expr.graph().borrow_mut()
    }

    fn var(&self, name: &str) -> Option<VarId> {
        self.expr.graph().borrow().find_var(name)
    }

    /// The variables named in `wrt = [..]` (every variable without it); each
    /// name must be a variable of the expression.
    fn wrt_vars(&self, wrt: Option<&[Ident]>) -> syn::Result<Vec<VarId>> {
        let names = self.wrt_names(wrt, Steps::Refused)?;
        Ok(names.iter().filter_map(|name| self.var(name)).collect())
    }

    /// The names in `wrt = [..]` (every variable without it); each must be
    /// a variable of the expression, or one of its definitions where
    /// `steps` allows.
    fn wrt_names(&self, wrt: Option<&[Ident]>, steps: Steps) -> syn::Result<Vec<String>> {
        let Some(idents) = wrt else {
            return Ok(self.variables.clone());
        };
        let is_step = |name: &str| {
            steps == Steps::Allowed
                && self
                    .expr
                    .steps()
                    .is_some_and(|program| program.is_step(name))
        };
        let mut errors = Errors::new();
        let mut names: Vec<String> = Vec::with_capacity(idents.len());
        for ident in idents {
            let name = ident.unraw().to_string();
            let known = self.variables.contains(&name) || is_step(&name);
            match known {
                true if names.contains(&name) => {
                    let mistake = NameMistake::Repeated { name };
                    let list = NameList::Wrt;
                    errors.report(ident, Problem::Name { mistake, list });
                }
                true => names.push(name),
                false => {
                    let mistake = NameMistake::NotAVariable { name };
                    let list = NameList::Variables(self.variables.clone());
                    errors.report(ident, Problem::Name { mistake, list });
                }
            }
        }
        errors.finish()?;
        Ok(names)
    }

    /// `|a: f64, b: f64, ..| -> OUTPUT { .. }` computing `roots`. The
    /// straight-line code sits in a nested function, so that the lints it
    /// trips by design (long literals such as pi's digits, many temporaries,
    /// parameters an output does not read) can be allowed on an item. It is
    /// declared in a block of its own, since an item shadows the closure's
    /// parameters in the block that declares it, and is reached through a
    /// local with mixed-site hygiene, which no variable of the expression can
    /// shadow.
    fn closure(
        &self,
        graph: &Graph,
        roots: &[NodeId],
        shape: OutputShape,
    ) -> syn::Result<TokenStream> {
        let inputs: Vec<(VarId, String)> = self
            .variables
            .iter()
            .filter_map(|name| Some((graph.find_var(name)?, name.clone())))
            .collect();
        let params: Vec<Ident> = inputs
            .iter()
            .map(|(_, name)| format_ident!("{}", name))
            .collect();
        let engine_error = |problem: Problem| syn::Error::new(self.source.span(), problem);
        let emitted = emit_closure_body(graph, roots, &inputs, shape);
        let body = Problem::from_emitted(graph, emitted).map_err(engine_error)?;
        let f64_path = quote!(::core::primitive::f64);
        let generated = Ident::new("__symdiff_generated", Span::mixed_site());
        let output = match shape {
            OutputShape::Scalar => f64_path.clone(),
            OutputShape::Vector => {
                let n = Literal::usize_unsuffixed(roots.len());
                quote!([#f64_path; #n])
            }
            OutputShape::Matrix(n) => {
                let n = Literal::usize_unsuffixed(n);
                quote!([[#f64_path; #n]; #n])
            }
        };
        Ok(quote! {
            |#(#params: #f64_path),*| -> #output {
                let #generated = {
                    #[allow(
                        unused_variables,
                        non_snake_case,
                        clippy::all,
                        clippy::pedantic,
                        clippy::nursery
                    )]
                    #[inline]
                    fn #generated(#(#params: #f64_path),*) -> #output #body
                    #generated
                };
                #generated(#(#params),*)
            }
        })
    }
}
