//! Post-processing of the emitter's items on tokens: each generated item
//! gets the caller's attributes and the span of the user's function for its
//! name, `NAME_value_and_grad` (or `NAME_value_and_jacobian`) returns
//! the value of the user's own function, and every other generated function
//! names the user's function, so that a function used only through its
//! generated siblings is not reported as never used.
//! It works on tokens, not on a syntax tree: the emitter's output for a
//! large Hessian is megabytes long, and parsing it with syn would cost more
//! than differentiating it. (Long bodies are already laid out by the emitter
//! so that debug builds compile them; see `symdiff::emit_rust`.)

use crate::derive_grad::Output;
use proc_macro2::{Delimiter, Group, Ident, Span, TokenStream, TokenTree};
use quote::{ToTokens, format_ident, quote};

/// The emitter's items (`#[..] fn name(..) -> T { .. }` and
/// `#[..] const NAME: T = ..;`, one after the other) with `attrs` added to
/// each and each function's name given the span of the user's function
/// `original` (so that "go to definition" lands there). A function ends with
/// its body, the only brace-delimited group at the top level of an item, and
/// a constant with its semicolon.
///
/// The emitter computes `NAME_value_and_grad`'s value from the simplified
/// graph, which may differ from the function where it is NaN or infinite
/// (`x/x` at 0) and in the last bits (`x.ln_1p()` near 0). So that the value
/// is the function's own, that item is rebuilt: a call of the function for
/// the value, and `NAME_grad`'s body for the gradient. A function of several
/// outputs (`output`) has `NAME_value_and_jacobian` rebuilt the same way
/// from `NAME_jacobian`. Every other function starts with `let _ = NAME;`,
/// a use of the user's function.
///
/// The user's function is named with mixed-site hygiene, under which a name
/// finds local variables of the macro's own code only and items where the
/// macro was called: so no parameter of the user's (`fn f(f: f64)`) can
/// shadow it, and the generated functions must sit beside the user's, as
/// free functions.
pub(crate) fn rewrite_items(
    items: TokenStream,
    attrs: &TokenStream,
    original: &syn::ItemFn,
    output: Output,
) -> TokenStream {
    let name = &original.sig.ident;
    let derivative = Derivative::of(output);
    let derivative_name = format!("{name}_{}", derivative.suffix);
    let combined_name = format!("{name}_value_and_{}", derivative.suffix);
    let mut derivative_item: Option<Item> = None;
    let mut out = TokenStream::new();
    let (items, rest) = split_items(items, name.span());
    for item in items {
        let item_name = item.name.as_ref().map(ToString::to_string);
        let item = match (&derivative_item, item_name) {
            (Some(derivative_item), Some(item_name)) if item_name == combined_name => {
                value_from_function(item, derivative_item, original, &derivative)
            }
            (_, Some(item_name)) if item_name == derivative_name => {
                derivative_item = Some(item.clone());
                uses_original(item, name)
            }
            _ => uses_original(item, name),
        };
        attrs.to_tokens(&mut out);
        item.to_tokens(&mut out);
    }
    out.extend(rest);
    out
}

/// The derivative whose `NAME_value_and_..` item is rebuilt.
struct Derivative {
    /// `grad` or `jacobian`, as in the items' names.
    suffix: &'static str,
    /// `gradient` or `Jacobian`, for the docs.
    noun: &'static str,
    /// What the user's function returns.
    output: Output,
}

impl Derivative {
    fn of(output: Output) -> Derivative {
        let (suffix, noun) = match output {
            Output::Scalar => ("grad", "gradient"),
            Output::Array(_) | Output::Tuple(_) => ("jacobian", "Jacobian"),
        };
        Derivative {
            suffix,
            noun,
            output,
        }
    }
}

/// One item of the emitter's output.
#[derive(Clone)]
struct Item {
    /// The `#[doc = ".."]` attributes, each as its `#` and its bracket group.
    docs: Vec<TokenTree>,
    /// The other attributes and the signature; for a constant, all of it up
    /// to its semicolon.
    head: Vec<TokenTree>,
    /// The function's name, from the signature.
    name: Option<Ident>,
    /// A function's body; a constant has none.
    body: Option<Group>,
}

impl ToTokens for Item {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        tokens.extend(self.docs.iter().cloned());
        tokens.extend(self.head.iter().cloned());
        tokens.extend(self.body.iter().cloned().map(TokenTree::Group));
    }
}

/// The user's function, named with mixed-site hygiene (see [`rewrite_items`]).
fn original_name(name: &Ident) -> Ident {
    Ident::new(&name.to_string(), Span::mixed_site())
}

/// `item` with `let _ = NAME;` as the first statement of its body, where
/// `NAME` is the user's function: a use of it that costs nothing. A constant
/// is returned as it is.
fn uses_original(item: Item, name: &Ident) -> Item {
    let Some(body) = &item.body else {
        return item;
    };
    let original = original_name(name);
    let statements = body.stream();
    let mut new_body = Group::new(Delimiter::Brace, quote!(let _ = #original; #statements));
    new_body.set_span(body.span());
    Item {
        body: Some(new_body),
        ..item
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
                    body: Some(body),
                });
            }
            TokenTree::Punct(punct) if punct.as_char() == ';' => {
                head.push(TokenTree::Punct(punct));
                out.push(Item {
                    docs: std::mem::take(&mut docs),
                    head: std::mem::take(&mut head),
                    name: name.take(),
                    body: None,
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

/// `NAME_value_and_grad` with the value computed by a call of the user's
/// function and the gradient by `NAME_grad`'s body, and `NAME_grad`'s
/// formulas as its doc (likewise `NAME_value_and_jacobian` from
/// `NAME_jacobian`).
fn value_from_function(
    item: Item,
    gradient: &Item,
    original: &syn::ItemFn,
    derivative: &Derivative,
) -> Item {
    let name = &original.sig.ident;
    let (noun, suffix) = (derivative.noun, derivative.suffix);
    let (summary, detail) = match derivative.output {
        Output::Scalar => (
            format!(" The value of `{name}` and its {noun}."),
            format!(
                " The value is computed by the body of `{name}` itself, so it is NaN or \
                 infinite exactly where `{name}` is; the {noun} is `{name}_{suffix}`'s."
            ),
        ),
        _ => (
            format!(" The values of `{name}` and its {noun}."),
            format!(
                " The values are computed by the body of `{name}` itself, so they are NaN or \
                 infinite exactly where `{name}`'s are; the {noun} is `{name}_{suffix}`'s."
            ),
        ),
    };
    let mut docs: Vec<TokenTree> = quote!(#[doc = #summary] #[doc = ""] #[doc = #detail])
        .into_iter()
        .collect();
    // The gradient's doc after its summary line: its formulas.
    docs.extend(gradient.docs.iter().skip(2).cloned());
    let value_fn = original_name(name);
    // The arguments name the parameters of the emitted signature, which were
    // lexed from text and so have call-site spans.
    let args = original.sig.inputs.iter().filter_map(|input| match input {
        syn::FnArg::Typed(typed) => match &*typed.pat {
            syn::Pat::Ident(pat) => Some(format_ident!("{}", pat.ident.to_string())),
            _ => None,
        },
        syn::FnArg::Receiver(_) => None,
    });
    let gradient_body = &gradient.body;
    let value = as_array(quote!(#value_fn(#(#args),*)), derivative.output);
    let body = quote! {
        {
            (#value, #gradient_body)
        }
    };
    let body = match body.into_iter().next() {
        Some(TokenTree::Group(body)) => Some(body),
        _ => item.body,
    };
    Item { docs, body, ..item }
}

/// The value of `call` as the emitted item returns it: a tuple's entries
/// become an array, other values are returned as they are.
fn as_array(call: TokenStream, output: Output) -> TokenStream {
    let Output::Tuple(len) = output else {
        return call;
    };
    let entries: Vec<Ident> = (0..len)
        .map(|index| Ident::new(&format!("__symdiff_value_{index}"), Span::mixed_site()))
        .collect();
    quote! {
        {
            let (#(#entries,)*) = #call;
            [#(#entries),*]
        }
    }
}
