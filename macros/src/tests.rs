//! Expansion tests: the macros as pure functions on token streams, their
//! output parsed as a `syn::File` and pretty-printed for a readable snapshot.

use crate::{derive_grad, string_macros};
use expect_test::{Expect, expect, expect_file};
use proc_macro2::TokenStream;
use quote::quote;

/// Pretty-prints an expansion, which must parse as a file of items.
fn pretty(expanded: TokenStream) -> String {
    match syn::parse2::<syn::File>(expanded.clone()) {
        Ok(file) => prettyplease::unparse(&file),
        Err(error) => format!("UNPARSABLE ({error}):\n{expanded}"),
    }
}

/// Pretty-prints an expression expansion by wrapping it in a `const`.
fn pretty_expr(expanded: TokenStream) -> String {
    pretty(quote!(const EXPANDED: () = #expanded;))
}

fn derive(attr: TokenStream, item: TokenStream) -> String {
    pretty(derive_grad::expand(attr, item))
}

fn check_derive(attr: TokenStream, item: TokenStream, expect: Expect) {
    expect.assert_eq(&derive(attr, item));
}

fn check_expr(expanded: TokenStream, expect: Expect) {
    expect.assert_eq(&pretty_expr(expanded));
}

#[test]
fn derive_neuron_with_hessian() {
    let item = quote! {
        pub fn loss(w: f64, b: f64, x: f64, t: f64) -> f64 {
            let z = w * x + b;
            let y = sigmoid(z);
            (y - t).powi(2)
        }
    };
    expect_file!["../tests/expand/neuron.expanded.rs"]
        .assert_eq(&derive(quote!(wrt(w, b), hessian), item));
}

#[test]
fn derive_arrays_and_methods() {
    let item = quote! {
        fn layer(weights: &[f64; 2], input: [f64; 2], bias: f64) -> f64 {
            let pre = weights[0] * input[0] + weights[1] * input[(1)] + bias;
            let act = relu(pre).max(leaky_relu(pre, 0.01));
            f64::ln(act.exp() + 1.0) - pre.log10() / std::f64::consts::PI
        }
    };
    expect_file!["../tests/expand/arrays.expanded.rs"]
        .assert_eq(&derive(quote!(wrt(weights, bias)), item));
}

#[test]
fn derive_keeps_attributes_and_names_infinity() {
    let item = quote! {
        #[allow(non_snake_case)]
        #[cfg(test)]
        fn Scaled(x: f64) -> f64 {
            x * f64::INFINITY
        }
    };
    expect_file!["../tests/expand/infinity.expanded.rs"].assert_eq(&derive(quote!(), item));
}

#[test]
fn derive_reports_every_error_and_falls_back() {
    let item = quote! {
        fn bad(w: f64, n: usize, x: [f64; 3]) -> f64 {
            let i = 1;
            let y = if w > 0.0 { w } else { 0.0 };
            let z = x[i] + unknown(w) + w % 2.0;
            for k in 0..3 {}
            sigmoid(y + z)
        }
    };
    expect_file!["../tests/expand/errors.expanded.rs"]
        .assert_eq(&derive(quote!(wrt(w, q), hesian), item));
}

#[test]
fn derive_stand_ins_when_only_the_body_fails() {
    let item = quote! {
        fn f(w: f64, x: &[f64; 2]) -> f64 {
            w * x[0];
        }
    };
    check_derive(
        quote!(hessian),
        item,
        expect![[r#"
            fn f(w: f64, x: &[f64; 2]) -> f64 {
                w * x[0];
            }
            #[allow(unused_variables)]
            fn f_grad(w: f64, x: &[f64; 2]) -> [::core::primitive::f64; 3] {
                ::core::unreachable!()
            }
            #[allow(unused_variables)]
            fn f_value_and_grad(
                w: f64,
                x: &[f64; 2],
            ) -> (::core::primitive::f64, [::core::primitive::f64; 3]) {
                ::core::unreachable!()
            }
            #[allow(unused_variables)]
            fn f_hessian(w: f64, x: &[f64; 2]) -> [[::core::primitive::f64; 3]; 3] {
                ::core::unreachable!()
            }
            ::core::compile_error! {
                "the function has no final expression to differentiate\n= help: remove the semicolon after the last expression"
            }
        "#]],
    );
}

#[test]
fn derive_on_a_struct() {
    check_derive(
        quote!(),
        quote!(
            struct Point;
        ),
        expect![[r##"
            struct Point;
            ::core::compile_error! {
                "#[derive_grad] applies to functions\n= help: write #[derive_grad] above `fn name(x: f64, ..) -> f64`"
            }
        "##]],
    );
}

#[test]
fn grad_closure() {
    check_expr(
        string_macros::grad(quote!("sigmoid(w*x + b)")),
        expect![[r#"
            const EXPANDED: () = |
                w: ::core::primitive::f64,
                x: ::core::primitive::f64,
                b: ::core::primitive::f64,
            | -> [::core::primitive::f64; 3] {
                #[allow(
                    unused_variables,
                    non_snake_case,
                    clippy::all,
                    clippy::pedantic,
                    clippy::nursery
                )]
                #[inline]
                fn __symdiff_generated(
                    w: ::core::primitive::f64,
                    x: ::core::primitive::f64,
                    b: ::core::primitive::f64,
                ) -> [::core::primitive::f64; 3] {
                    let __t0: ::core::primitive::f64 = 1.0_f64;
                    let __t1: ::core::primitive::f64 = w;
                    let __t2: ::core::primitive::f64 = x;
                    let __t3: ::core::primitive::f64 = __t2 * __t1;
                    let __t4: ::core::primitive::f64 = b;
                    let __t5: ::core::primitive::f64 = __t3 + __t4;
                    let __t6: ::core::primitive::f64 = 1.0_f64
                        / (1.0_f64 + ::core::primitive::f64::exp(-__t5));
                    let __t7: ::core::primitive::f64 = __t0 - __t6;
                    let __t8: ::core::primitive::f64 = __t7 * __t6;
                    let __t9: ::core::primitive::f64 = __t8 * __t2;
                    let __t10: ::core::primitive::f64 = __t8 * __t1;
                    [__t9, __t10, __t8]
                }
                __symdiff_generated(w, x, b)
            };
        "#]],
    );
}

#[test]
fn grad_closure_wrt_marks_unread_parameters() {
    check_expr(
        string_macros::grad(quote!("x^2 + 3*y", wrt = [x])),
        expect![[r#"
            const EXPANDED: () = |
                x: ::core::primitive::f64,
                y: ::core::primitive::f64,
            | -> [::core::primitive::f64; 1] {
                #[allow(
                    unused_variables,
                    non_snake_case,
                    clippy::all,
                    clippy::pedantic,
                    clippy::nursery
                )]
                #[inline]
                fn __symdiff_generated(
                    x: ::core::primitive::f64,
                    y: ::core::primitive::f64,
                ) -> [::core::primitive::f64; 1] {
                    let __t0: ::core::primitive::f64 = x;
                    let __t1: ::core::primitive::f64 = 2.0_f64;
                    let __t2: ::core::primitive::f64 = __t0 * __t1;
                    [__t2]
                }
                __symdiff_generated(x, y)
            };
        "#]],
    );
}

#[test]
fn hessian_closure() {
    check_expr(
        string_macros::hessian(quote!("x^2 - y^2 + x*y^3")),
        expect![[r#"
            const EXPANDED: () = |
                x: ::core::primitive::f64,
                y: ::core::primitive::f64,
            | -> [[::core::primitive::f64; 2]; 2] {
                #[allow(
                    unused_variables,
                    non_snake_case,
                    clippy::all,
                    clippy::pedantic,
                    clippy::nursery
                )]
                #[inline]
                fn __symdiff_generated(
                    x: ::core::primitive::f64,
                    y: ::core::primitive::f64,
                ) -> [[::core::primitive::f64; 2]; 2] {
                    let __t0: ::core::primitive::f64 = x;
                    let __t1: ::core::primitive::f64 = 2.0_f64;
                    let __t2: ::core::primitive::f64 = y;
                    let __t3: ::core::primitive::f64 = __t2 * __t2;
                    let __t4: ::core::primitive::f64 = 3.0_f64;
                    let __t5: ::core::primitive::f64 = __t3 * __t4;
                    let __t6: ::core::primitive::f64 = 6.0_f64;
                    let __t7: ::core::primitive::f64 = __t2 * __t0;
                    let __t8: ::core::primitive::f64 = __t7 * __t6;
                    let __t9: ::core::primitive::f64 = __t8 - __t1;
                    [[__t1, __t5], [__t5, __t9]]
                }
                __symdiff_generated(x, y)
            };
        "#]],
    );
}

#[test]
fn diff_closure() {
    check_expr(
        string_macros::diff(quote!("x^3", x)),
        expect![[r#"
            const EXPANDED: () = |x: ::core::primitive::f64| -> ::core::primitive::f64 {
                #[allow(
                    unused_variables,
                    non_snake_case,
                    clippy::all,
                    clippy::pedantic,
                    clippy::nursery
                )]
                #[inline]
                fn __symdiff_generated(x: ::core::primitive::f64) -> ::core::primitive::f64 {
                    let __t0: ::core::primitive::f64 = x;
                    let __t1: ::core::primitive::f64 = 3.0_f64;
                    let __t2: ::core::primitive::f64 = __t0 * __t0;
                    let __t3: ::core::primitive::f64 = __t2 * __t1;
                    __t3
                }
                __symdiff_generated(x)
            };
        "#]],
    );
    check_expr(
        string_macros::diff(quote!("x^3", x, 3)),
        expect![[r#"
            const EXPANDED: () = |x: ::core::primitive::f64| -> ::core::primitive::f64 {
                #[allow(
                    unused_variables,
                    non_snake_case,
                    clippy::all,
                    clippy::pedantic,
                    clippy::nursery
                )]
                #[inline]
                fn __symdiff_generated(x: ::core::primitive::f64) -> ::core::primitive::f64 {
                    let __t0: ::core::primitive::f64 = 6.0_f64;
                    __t0
                }
                __symdiff_generated(x)
            };
        "#]],
    );
}

#[test]
fn grad_formulas_array() {
    check_expr(
        string_macros::grad_formulas(quote!("(sigmoid(w*x + b) - t)^2", wrt = [w, b])),
        expect![[r#"
            const EXPANDED: () = {
                const FORMULAS: [&'static ::core::primitive::str; 2] = [
                    "2*x*sigmoid(w*x + b)*(sigmoid(w*x + b) - t)*(1 - sigmoid(w*x + b))",
                    "2*sigmoid(w*x + b)*(sigmoid(w*x + b) - t)*(1 - sigmoid(w*x + b))",
                ];
                FORMULAS
            };
        "#]],
    );
}

#[test]
fn string_macro_errors() {
    check_expr(
        string_macros::grad(quote!("sigmoid(w*x + )")),
        expect![[r#"
            const EXPANDED: () = {
                ::core::compile_error! {
                    "expected an operand after `+`\n --> 1:15\n  |\n1 | sigmoid(w*x + )\n  |               ^\n  = help: found `)`; `+` needs an operand on its right"
                }
            };
        "#]],
    );
    check_expr(
        string_macros::grad(quote!("sigmod(x)")),
        expect![[r#"
            const EXPANDED: () = {
                ::core::compile_error! {
                    "unknown function `sigmod`\n --> 1:1\n  |\n1 | sigmod(x)\n  | ^^^^^^\n  = help: did you mean `sigmoid`?"
                }
            };
        "#]],
    );
    check_expr(
        string_macros::grad(quote!("x*y", wrt = [x, q, r])),
        expect![[r#"
            const EXPANDED: () = {
                ::core::compile_error! {
                    "`q` is not a variable of the expression\n= help: the variables of the expression are: x, y"
                }
                ::core::compile_error! {
                    "`r` is not a variable of the expression\n= help: the variables of the expression are: x, y"
                }
            };
        "#]],
    );
    check_expr(
        string_macros::diff(quote!("x*y", z)),
        expect![[r#"
            const EXPANDED: () = {
                ::core::compile_error! {
                    "`z` is not a variable of the expression\n= help: the variables of the expression are: x, y"
                }
            };
        "#]],
    );
    check_expr(
        string_macros::grad(quote!(x * y)),
        expect![[r#"
            const EXPANDED: () = {
                ::core::compile_error! {
                    "expected string literal"
                }
            };
        "#]],
    );
    check_expr(
        string_macros::grad(quote!("x*y", with = [x])),
        expect![[r#"
            const EXPANDED: () = {
                ::core::compile_error! {
                    "expected `wrt = [..]`"
                }
            };
        "#]],
    );
}

#[test]
fn never_panics_on_odd_input() {
    let inputs = [
        quote!(),
        quote!(""),
        quote!("(((((((((((x)))))))))))"),
        quote!("x", wrt = []),
        quote!("1e400*x"),
        quote!("x/0"),
        quote!("0^0"),
    ];
    for input in inputs {
        let _ = string_macros::grad(input.clone());
        let _ = string_macros::hessian(input.clone());
        let _ = string_macros::grad_formulas(input);
    }
    let _ = derive_grad::expand(
        quote!(wrt),
        quote!(
            fn f() -> f64 {
                1.0
            }
        ),
    );
    let _ = derive_grad::expand(
        quote!(wrt()),
        quote!(
            fn f(x: [f64; 0]) -> f64 {
                1.0
            }
        ),
    );
    let _ = derive_grad::expand(
        quote!(),
        quote!(
            fn f(x: f64) -> f64 {
                x[99999999999999999999]
            }
        ),
    );
}

#[test]
fn long_straight_line_code_declares_temporaries_up_front() {
    let source = format!(
        "{{ let __t0: f64 = x; {} __t600 }}",
        (1..=600)
            .map(|k| format!("let __t{k}: f64 = __t{} * 2.0_f64;", k - 1))
            .collect::<String>()
    );
    let Ok(block) = source.parse::<TokenStream>() else {
        panic!("the test's block lexes");
    };
    let text = crate::straight_line::flatten_block(block).to_string();
    let declarations = text.matches("let (").count();
    expect!["3 declarations; starts { let (__t0 , __t1 , __t2 , __t3 , __t4 , __t5 , __t6 , __t7; ends 99 = __t598 * 2.0_f64 ; __t600 = __t599 * 2.0_f64 ; __t600 }"].assert_eq(&format!(
        "{declarations} declarations; starts {}; ends {}",
        &text[..60],
        &text[text.len() - 60..]
    ));
}
