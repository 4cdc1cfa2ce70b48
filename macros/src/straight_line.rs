//! A workaround for very long straight-line code. Every `let` opens a lexical
//! scope nested in the previous one, and rustc's debug-info generation
//! recurses once per scope: a function of tens of thousands of `let`s (the
//! Hessian of a 102-variable network) overflows the compiler's stack in a
//! debug build. Past [`LET_LIMIT`] statements, the temporaries are therefore
//! declared up front in a few tuple patterns, `let (__t0, .., __t255): (f64,
//! .., f64);`, and each statement becomes an assignment to a binding that is
//! initialised exactly once. The optimised code is the same.

use quote::quote;

/// Blocks with at most this many `let` statements are left as they are.
const LET_LIMIT: usize = 512;

/// How many temporaries one declaration introduces.
const CHUNK: usize = 256;

/// Rewrites a long block of `let name: type = value;` statements as
/// declarations followed by assignments.
pub(crate) fn flatten_block(block: &mut syn::Block) {
    let n_lets = block
        .stmts
        .iter()
        .filter(|stmt| simple_let(stmt).is_some())
        .count();
    if n_lets <= LET_LIMIT {
        return;
    }
    let mut declared: Vec<(syn::Ident, syn::Type)> = Vec::with_capacity(n_lets);
    let mut statements: Vec<syn::Stmt> = Vec::with_capacity(block.stmts.len());
    for stmt in block.stmts.drain(..) {
        match simple_let(&stmt) {
            Some((ident, ty, value)) => {
                statements.push(syn::parse_quote!(#ident = #value;));
                declared.push((ident.clone(), ty.clone()));
            }
            None => statements.push(stmt),
        }
    }
    let declarations = declared.chunks(CHUNK).map(|chunk| {
        let idents = chunk.iter().map(|(ident, _)| ident);
        let types = chunk.iter().map(|(_, ty)| ty);
        let declaration: syn::Stmt = syn::parse_quote!(let (#(#idents,)*): (#(#types,)*););
        declaration
    });
    block.stmts = declarations.chain(statements).collect();
}

/// `let name: type = value;` with nothing else to it.
fn simple_let(stmt: &syn::Stmt) -> Option<(&syn::Ident, &syn::Type, &syn::Expr)> {
    let syn::Stmt::Local(local) = stmt else {
        return None;
    };
    let syn::Pat::Type(typed) = &local.pat else {
        return None;
    };
    let syn::Pat::Ident(pat) = &*typed.pat else {
        return None;
    };
    let init = local.init.as_ref()?;
    let plain = pat.by_ref.is_none()
        && pat.mutability.is_none()
        && pat.subpat.is_none()
        && init.diverge.is_none()
        && local.attrs.is_empty();
    plain.then_some((&pat.ident, &*typed.ty, &*init.expr))
}

/// Flattens a block given as tokens (a closure body), leaving tokens that do
/// not parse as a block unchanged.
pub(crate) fn flatten_tokens(body: proc_macro2::TokenStream) -> proc_macro2::TokenStream {
    match syn::parse2::<syn::Block>(body.clone()) {
        Ok(mut block) => {
            flatten_block(&mut block);
            quote!(#block)
        }
        Err(_) => body,
    }
}
