//! What `#[derive_grad]` emits when the function cannot be differentiated:
//! the function itself (with engine calls inlined, so it still compiles),
//! stand-ins for the generated functions when their signatures are known, and
//! the errors. Callers of the function and of `NAME_grad` then compile, and
//! one mistake in the body does not cascade into errors elsewhere.

use crate::derive_grad::valid::{Options, Output};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The function, the stand-ins when `shape` (the number of variables of the
/// derivatives, and what the function returns) is known, and the errors.
pub(crate) fn emit(
    original: &syn::ItemFn,
    options: &Options,
    shape: Option<(usize, Output)>,
    error: syn::Error,
) -> TokenStream {
    let errors = error.to_compile_error();
    let stand_ins = shape.map(|(n, output)| {
        let functions = match output.vector_len() {
            None => stand_ins(original, options, n),
            Some(m) => jacobian_stand_ins(original, n, m),
        };
        let names = wrt_stand_in(original, n);
        quote!(#functions #names)
    });
    quote! {
        #original
        #stand_ins
        #errors
    }
}

/// A stand-in for `NAME_WRT`, the names of `n` variables.
fn wrt_stand_in(original: &syn::ItemFn, n: usize) -> TokenStream {
    let vis = &original.vis;
    let name = format_ident!("{}_WRT", original.sig.ident.to_string().to_uppercase());
    let n = proc_macro2::Literal::usize_unsuffixed(n);
    quote! {
        #vis const #name: [&::core::primitive::str; #n] = [""; #n];
    }
}

/// Functions with the signatures of the generated ones, whose bodies never
/// run: the crate does not compile while the errors stand.
fn stand_ins(original: &syn::ItemFn, options: &Options, n: usize) -> TokenStream {
    let vis = &original.vis;
    let name = &original.sig.ident;
    let inputs = &original.sig.inputs;
    let f64_path = quote!(::core::primitive::f64);
    let n = proc_macro2::Literal::usize_unsuffixed(n);
    let grad = format_ident!("{}_grad", name);
    let value_and_grad = format_ident!("{}_value_and_grad", name);
    let hessian_name = format_ident!("{}_hessian", name);
    let hessian = options.hessian.then(|| {
        quote! {
            #[allow(unused_variables)]
            #vis fn #hessian_name(#inputs) -> [[#f64_path; #n]; #n] {
                ::core::unreachable!()
            }
        }
    });
    // The direction's name, as the emitter picks it (`v` unless taken).
    let taken = |name: &str| {
        inputs.iter().any(|input| {
            matches!(input, syn::FnArg::Typed(typed)
                if matches!(&*typed.pat, syn::Pat::Ident(ident) if ident.ident == name))
        })
    };
    let direction = ["v", "direction", "__direction"]
        .into_iter()
        .find(|name| !taken(name))
        .unwrap_or("__direction");
    let direction = format_ident!("{}", direction);
    let hvp_name = format_ident!("{}_hvp", name);
    let comma = (!inputs.is_empty() && !inputs.trailing_punct()).then(|| quote!(,));
    let hvp = options.hvp.then(|| {
        quote! {
            #[allow(unused_variables)]
            #vis fn #hvp_name(#inputs #comma #direction: [#f64_path; #n]) -> [#f64_path; #n] {
                ::core::unreachable!()
            }
        }
    });
    quote! {
        #[allow(unused_variables)]
        #vis fn #grad(#inputs) -> [#f64_path; #n] {
            ::core::unreachable!()
        }
        #[allow(unused_variables)]
        #vis fn #value_and_grad(#inputs) -> (#f64_path, [#f64_path; #n]) {
            ::core::unreachable!()
        }
        #hessian
        #hvp
    }
}

/// Stand-ins for `NAME_jacobian` and `NAME_value_and_jacobian`, of `m`
/// outputs over `n` variables.
fn jacobian_stand_ins(original: &syn::ItemFn, n: usize, m: usize) -> TokenStream {
    let vis = &original.vis;
    let name = &original.sig.ident;
    let inputs = &original.sig.inputs;
    let f64_path = quote!(::core::primitive::f64);
    let n = proc_macro2::Literal::usize_unsuffixed(n);
    let m = proc_macro2::Literal::usize_unsuffixed(m);
    let jacobian = format_ident!("{}_jacobian", name);
    let value_and_jacobian = format_ident!("{}_value_and_jacobian", name);
    quote! {
        #[allow(unused_variables)]
        #vis fn #jacobian(#inputs) -> [[#f64_path; #n]; #m] {
            ::core::unreachable!()
        }
        #[allow(unused_variables)]
        #vis fn #value_and_jacobian(#inputs) -> ([#f64_path; #m], [[#f64_path; #n]; #m]) {
            ::core::unreachable!()
        }
    }
}

/// `#[derive_grad]` on something that is not a function: the item unchanged,
/// and the error.
pub(crate) fn not_a_function(item: TokenStream, error: syn::Error) -> TokenStream {
    let errors = error.to_compile_error();
    quote! {
        #item
        #errors
    }
}
