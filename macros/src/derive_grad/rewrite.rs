//! The function as the user wrote it, with every call of an engine function
//! (`sigmoid(z)`, `relu(z)`, ...) replaced by inline `f64` code, so that it
//! compiles and runs without the user defining those functions and without a
//! run-time dependency.

use crate::derive_grad::calls;
use syn::visit_mut::{self, VisitMut};

pub(crate) fn inline_engine_calls(mut func: syn::ItemFn) -> syn::ItemFn {
    InlineEngineCalls.visit_block_mut(&mut func.block);
    func
}

struct InlineEngineCalls;

impl VisitMut for InlineEngineCalls {
    fn visit_expr_mut(&mut self, expr: &mut syn::Expr) {
        // Arguments first, so that `sigmoid(relu(z))` is rewritten inside out.
        visit_mut::visit_expr_mut(self, expr);
        if let syn::Expr::Call(call) = expr
            && let Some(inlined) = inline_call(call)
        {
            *expr = inlined;
        }
    }
}

fn inline_call(call: &syn::ExprCall) -> Option<syn::Expr> {
    let syn::Expr::Path(path) = &*call.func else {
        return None;
    };
    if path.qself.is_some() {
        return None;
    }
    let name = path.path.get_ident()?.to_string();
    let args: Vec<&syn::Expr> = call.args.iter().collect();
    let tokens = calls::inline_function(&name, &args)?;
    syn::parse2(tokens).ok()
}
