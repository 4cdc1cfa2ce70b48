//! A workaround for very long straight-line code. Every `let` opens a lexical
//! scope nested in the previous one, and rustc's debug-info generation
//! recurses once per scope: a function of tens of thousands of `let`s (the
//! Hessian of a 102-variable network) overflows the compiler's stack in a
//! debug build. Past [`LET_LIMIT`] statements, the temporaries are therefore
//! declared up front in a few tuple patterns, `let (__t0, .., __t255): (f64,
//! .., f64);`, and each statement becomes an assignment to a binding that is
//! initialised exactly once. The optimised code is the same.
//!
//! The rewrite works on tokens, not on a syntax tree: the emitter's output
//! for a large Hessian is megabytes long, and parsing it with syn would cost
//! more than differentiating it.

use proc_macro2::{Delimiter, Group, Ident, Punct, Spacing, Span, TokenStream, TokenTree};
use quote::{ToTokens, quote};

/// Blocks with at most this many `let` statements are left as they are.
const LET_LIMIT: usize = 512;

/// How many temporaries one declaration introduces.
const CHUNK: usize = 256;

/// The emitter's items (`#[..] fn name(..) -> T { .. }`, one after the other)
/// with `attrs` added to each, each function's name given `name_span` (the
/// span of the user's function, so that "go to definition" lands there), and
/// long bodies flattened. An item ends with its body, the only
/// brace-delimited group at the top level of an item.
pub(crate) fn rewrite_items(
    items: TokenStream,
    attrs: &TokenStream,
    name_span: Span,
) -> TokenStream {
    let mut out = TokenStream::new();
    let mut item = TokenStream::new();
    let mut after_fn = false;
    for mut tree in items {
        if let TokenTree::Ident(ident) = &mut tree {
            if after_fn {
                ident.set_span(name_span);
            }
            after_fn = ident == "fn";
        } else {
            after_fn = false;
        }
        match tree {
            TokenTree::Group(body) if body.delimiter() == Delimiter::Brace => {
                let mut flattened = Group::new(Delimiter::Brace, flatten_statements(body.stream()));
                flattened.set_span(body.span());
                attrs.to_tokens(&mut out);
                out.extend(std::mem::take(&mut item));
                out.extend([TokenTree::Group(flattened)]);
            }
            other => item.extend([other]),
        }
    }
    out.extend(item);
    out
}

/// A block `{ .. }` with its statements flattened when there are many.
pub(crate) fn flatten_block(block: TokenStream) -> TokenStream {
    let mut trees = block.into_iter();
    match (trees.next(), trees.next()) {
        (Some(TokenTree::Group(group)), None) if group.delimiter() == Delimiter::Brace => {
            let mut flattened = Group::new(Delimiter::Brace, flatten_statements(group.stream()));
            flattened.set_span(group.span());
            TokenTree::Group(flattened).into()
        }
        (first, second) => first.into_iter().chain(second).chain(trees).collect(),
    }
}

/// The statements of a block: `let name: type = value;` becomes `name =
/// value;` after declarations of all the names, when there are more than
/// [`LET_LIMIT`] of them.
fn flatten_statements(stream: TokenStream) -> TokenStream {
    let statements = split_statements(stream);
    let n_lets = statements
        .iter()
        .filter(|stmt| split_let(stmt).is_some())
        .count();
    if n_lets <= LET_LIMIT {
        return statements.into_iter().flatten().collect();
    }
    let mut declared: Vec<(Ident, TokenStream)> = Vec::with_capacity(n_lets);
    let mut body = TokenStream::new();
    for stmt in &statements {
        match split_let(stmt) {
            Some((name, ty, value)) => {
                declared.push((name.clone(), ty.iter().cloned().collect()));
                body.extend([TokenTree::Ident(name.clone())]);
                body.extend([TokenTree::Punct(Punct::new('=', Spacing::Alone))]);
                body.extend(value.iter().cloned());
                body.extend([TokenTree::Punct(Punct::new(';', Spacing::Alone))]);
            }
            None => body.extend(stmt.iter().cloned()),
        }
    }
    let mut out = TokenStream::new();
    for chunk in declared.chunks(CHUNK) {
        let names = chunk.iter().map(|(name, _)| name);
        let types = chunk.iter().map(|(_, ty)| ty);
        out.extend(quote!(let (#(#names,)*): (#(#types,)*);));
    }
    out.extend(body);
    out
}

/// The token trees of a block, cut after each top-level `;` (the last piece
/// is the block's value).
fn split_statements(stream: TokenStream) -> Vec<Vec<TokenTree>> {
    let mut statements = vec![Vec::new()];
    for tree in stream {
        let ends_statement = matches!(&tree, TokenTree::Punct(punct) if punct.as_char() == ';');
        if let Some(current) = statements.last_mut() {
            current.push(tree);
        }
        if ends_statement {
            statements.push(Vec::new());
        }
    }
    statements
}

/// `let name: type = value;` as its name, type and value. The type, a path
/// or an array type, contains no `=`, so the first `=` ends it.
fn split_let(stmt: &[TokenTree]) -> Option<(&Ident, &[TokenTree], &[TokenTree])> {
    let [
        TokenTree::Ident(keyword),
        TokenTree::Ident(name),
        TokenTree::Punct(colon),
        rest @ ..,
    ] = stmt
    else {
        return None;
    };
    if keyword != "let" || name == "mut" || colon.as_char() != ':' {
        return None;
    }
    let (semicolon, rest) = rest.split_last()?;
    if !matches!(semicolon, TokenTree::Punct(punct) if punct.as_char() == ';') {
        return None;
    }
    let equals = rest
        .iter()
        .position(|tree| matches!(tree, TokenTree::Punct(punct) if punct.as_char() == '='))?;
    let (ty, value) = (&rest[..equals], &rest[equals + 1..]);
    (!ty.is_empty() && !value.is_empty()).then_some((name, ty, value))
}
