//! Post-processing of the emitter's items on tokens: each generated function
//! gets the caller's attributes and the span of the user's function for its
//! name. It works on tokens, not on a syntax tree: the emitter's output for a
//! large Hessian is megabytes long, and parsing it with syn would cost more
//! than differentiating it. (Long bodies are already laid out by the emitter
//! so that debug builds compile them; see `symdiff::emit_rust`.)

use proc_macro2::{Delimiter, Span, TokenStream, TokenTree};
use quote::ToTokens;

/// The emitter's items (`#[..] fn name(..) -> T { .. }`, one after the other)
/// with `attrs` added to each and each function's name given `name_span` (the
/// span of the user's function, so that "go to definition" lands there). An item ends with its body, the only
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
                attrs.to_tokens(&mut out);
                out.extend(std::mem::take(&mut item));
                out.extend([TokenTree::Group(body)]);
            }
            other => item.extend([other]),
        }
    }
    out.extend(item);
    out
}
