//! Post-processing of the emitter's items on tokens: each generated function
//! gets the caller's attributes and the span of the user's function for its
//! name, and `NAME_value_and_grad` returns the value of the user's own body.
//! It works on tokens, not on a syntax tree: the emitter's output for a
//! large Hessian is megabytes long, and parsing it with syn would cost more
//! than differentiating it. (Long bodies are already laid out by the emitter
//! so that debug builds compile them; see `symdiff::emit_rust`.)

use proc_macro2::{Delimiter, Group, Ident, Span, TokenStream, TokenTree};
use quote::{ToTokens, format_ident, quote};

/// The emitter's items (`#[..] fn name(..) -> T { .. }`, one after the other)
/// with `attrs` added to each and each function's name given the span of the
/// user's function `original` (so that "go to definition" lands there). An
/// item ends with its body, the only brace-delimited group at the top level
/// of an item.
///
/// The emitter computes `NAME_value_and_grad`'s value from the simplified
/// graph, which may differ from the function where it is NaN or infinite
/// (`x/x` at 0) and in the last bits (`x.ln_1p()` near 0). So that the value
/// is the function's own, that item is rebuilt: the function's body as a
/// nested function for the value, and `NAME_grad`'s body for the gradient.
pub(crate) fn rewrite_items(
    items: TokenStream,
    attrs: &TokenStream,
    original: &syn::ItemFn,
) -> TokenStream {
    let name = &original.sig.ident;
    let grad_name = format!("{name}_grad");
    let value_and_grad_name = format!("{name}_value_and_grad");
    let mut gradient: Option<Item> = None;
    let mut out = TokenStream::new();
    let (items, rest) = split_items(items, name.span());
    for item in items {
        let item_name = item.name.as_ref().map(ToString::to_string);
        let item = match (&gradient, item_name) {
            (Some(gradient), Some(item_name)) if item_name == value_and_grad_name => {
                value_from_body(item, gradient, original)
            }
            (_, Some(item_name)) if item_name == grad_name => {
                gradient = Some(item.clone());
                item
            }
            _ => item,
        };
        attrs.to_tokens(&mut out);
        item.to_tokens(&mut out);
    }
    out.extend(rest);
    out
}

/// One item of the emitter's output.
#[derive(Clone)]
struct Item {
    /// The `#[doc = ".."]` attributes, each as its `#` and its bracket group.
    docs: Vec<TokenTree>,
    /// The other attributes and the signature.
    head: Vec<TokenTree>,
    /// The function's name, from the signature.
    name: Option<Ident>,
    body: Group,
}

impl ToTokens for Item {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        tokens.extend(self.docs.iter().cloned());
        tokens.extend(self.head.iter().cloned());
        tokens.extend([TokenTree::Group(self.body.clone())]);
    }
}

/// The items, with their names given `name_span`, and whatever follows the
/// last body (nothing, from the emitter).
fn split_items(items: TokenStream, name_span: Span) -> (Vec<Item>, Vec<TokenTree>) {
    let mut out = Vec::new();
    let (mut docs, mut head) = (Vec::new(), Vec::new());
    let mut name = None;
    let mut after_fn = false;
    for mut tree in items {
        if let TokenTree::Ident(ident) = &mut tree {
            if after_fn {
                ident.set_span(name_span);
                name = Some(ident.clone());
            }
            after_fn = ident == "fn";
        } else {
            after_fn = false;
        }
        match tree {
            TokenTree::Group(body) if body.delimiter() == Delimiter::Brace => {
                out.push(Item {
                    docs: std::mem::take(&mut docs),
                    head: std::mem::take(&mut head),
                    name: name.take(),
                    body,
                });
            }
            TokenTree::Group(attr) if is_doc_attr(&attr) && ends_with_pound(&head) => {
                docs.extend(head.pop());
                docs.push(TokenTree::Group(attr));
            }
            other => head.push(other),
        }
    }
    (out, head)
}

/// `[doc = ".."]`, the bracket group of a doc attribute.
fn is_doc_attr(group: &Group) -> bool {
    group.delimiter() == Delimiter::Bracket
        && matches!(
            group.stream().into_iter().next(),
            Some(TokenTree::Ident(ident)) if ident == "doc"
        )
}

fn ends_with_pound(head: &[TokenTree]) -> bool {
    matches!(head.last(), Some(TokenTree::Punct(punct)) if punct.as_char() == '#')
}

/// `NAME_value_and_grad` with the value computed by the user's own body (a
/// nested function with the user's parameters, return type and body) and the
/// gradient by `NAME_grad`'s body, and `NAME_grad`'s formulas as its doc. The
/// nested function is declared in a block of its own (an item would shadow
/// the parameters of the same name in its block) and reached through a local
/// with mixed-site hygiene, which no parameter of the user's can shadow.
fn value_from_body(item: Item, gradient: &Item, original: &syn::ItemFn) -> Item {
    let name = &original.sig.ident;
    let summary = format!(" The value of `{name}` and its gradient.");
    let detail = format!(
        " The value is computed by the body of `{name}` itself, so it is NaN or \
         infinite exactly where `{name}` is; the gradient is `{name}_grad`'s."
    );
    let mut docs: Vec<TokenTree> = quote!(#[doc = #summary] #[doc = ""] #[doc = #detail])
        .into_iter()
        .collect();
    // The gradient's doc after its summary line: its formulas.
    docs.extend(gradient.docs.iter().skip(2).cloned());
    let value_fn = Ident::new("__symdiff_value", Span::mixed_site());
    let inputs = &original.sig.inputs;
    let output = &original.sig.output;
    let block = &original.block;
    // The arguments name the parameters of the emitted signature, which were
    // lexed from text and so have call-site spans.
    let args = inputs.iter().filter_map(|input| match input {
        syn::FnArg::Typed(typed) => match &*typed.pat {
            syn::Pat::Ident(pat) => Some(format_ident!("{}", pat.ident.to_string())),
            _ => None,
        },
        syn::FnArg::Receiver(_) => None,
    });
    let gradient_body = &gradient.body;
    let body = quote! {
        {
            let #value_fn = {
                fn #value_fn(#inputs) #output #block
                #value_fn
            };
            (#value_fn(#(#args),*), #gradient_body)
        }
    };
    let body = match body.into_iter().next() {
        Some(TokenTree::Group(body)) => body,
        _ => item.body,
    };
    Item { docs, body, ..item }
}
