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
            const F_WRT: [&::core::primitive::str; 3] = [""; 3];
            ::core::compile_error! {
                "the function has no final expression to differentiate\n= help: remove the semicolon after the last expression"
            }
        "#]],
    );
}

#[test]
fn derive_jacobian_of_an_array_and_of_a_tuple() {
    let array = quote! {
        pub fn polar(r: f64, theta: f64) -> [f64; 2] {
            [r * theta.cos(), r * theta.sin()]
        }
    };
    let tuple = quote! {
        fn pair(x: [f64; 2]) -> (f64, f64) {
            let s = x[0] + x[1];
            (s * s, x[0] / x[1])
        }
    };
    let both = format!("{}\n{}", derive(quote!(), array), derive(quote!(), tuple));
    expect_file!["../tests/expand/jacobian.expanded.rs"].assert_eq(&both);
}

#[test]
fn derive_jacobian_stand_ins_when_only_the_body_fails() {
    let item = quote! {
        fn f(w: f64, x: &[f64; 2]) -> [f64; 3] {
            [w * x[0], w]
        }
    };
    check_derive(
        quote!(),
        item,
        expect![[r#"
            fn f(w: f64, x: &[f64; 2]) -> [f64; 3] {
                [w * x[0], w]
            }
            #[allow(unused_variables)]
            fn f_jacobian(w: f64, x: &[f64; 2]) -> [[::core::primitive::f64; 3]; 3] {
                ::core::unreachable!()
            }
            #[allow(unused_variables)]
            fn f_value_and_jacobian(
                w: f64,
                x: &[f64; 2],
            ) -> ([::core::primitive::f64; 3], [[::core::primitive::f64; 3]; 3]) {
                ::core::unreachable!()
            }
            const F_WRT: [&::core::primitive::str; 3] = [""; 3];
            ::core::compile_error! {
                "the function is declared to return 3 values, but this returns 2\n= help: return one value per output: `[a, b, c]`, `(a, b)` or a local array of that length"
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
                let __symdiff_generated = {
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
                        let __t0: ::core::primitive::f64 = x;
                        let __t1: ::core::primitive::f64 = b;
                        let __t2: ::core::primitive::f64 = w;
                        let __t3: ::core::primitive::f64 = __t2 * __t0;
                        let __t4: ::core::primitive::f64 = __t1 + __t3;
                        let __t5: ::core::primitive::f64 = 1.0_f64
                            / (1.0_f64 + ::core::primitive::f64::exp(-__t4));
                        let __t6: ::core::primitive::f64 = 1.0_f64;
                        let __t7: ::core::primitive::f64 = __t6 - __t5;
                        let __t8: ::core::primitive::f64 = __t7 * __t5;
                        let __t9: ::core::primitive::f64 = __t8 * __t0;
                        let __t10: ::core::primitive::f64 = __t8 * __t2;
                        [__t9, __t10, __t8]
                    }
                    __symdiff_generated
                };
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
                let __symdiff_generated = {
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
                        let __t0: ::core::primitive::f64 = 2.0_f64;
                        let __t1: ::core::primitive::f64 = x;
                        let __t2: ::core::primitive::f64 = __t1 * __t0;
                        [__t2]
                    }
                    __symdiff_generated
                };
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
                let __symdiff_generated = {
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
                        let __t0: ::core::primitive::f64 = 2.0_f64;
                        let __t1: ::core::primitive::f64 = 3.0_f64;
                        let __t2: ::core::primitive::f64 = y;
                        let __t3: ::core::primitive::f64 = __t2 * __t2;
                        let __t4: ::core::primitive::f64 = __t3 * __t1;
                        let __t5: ::core::primitive::f64 = x;
                        let __t6: ::core::primitive::f64 = 6.0_f64;
                        let __t7: ::core::primitive::f64 = __t2 * __t6;
                        let __t8: ::core::primitive::f64 = __t7 * __t5;
                        let __t9: ::core::primitive::f64 = __t8 - __t0;
                        [[__t0, __t4], [__t4, __t9]]
                    }
                    __symdiff_generated
                };
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
                let __symdiff_generated = {
                    #[allow(
                        unused_variables,
                        non_snake_case,
                        clippy::all,
                        clippy::pedantic,
                        clippy::nursery
                    )]
                    #[inline]
                    fn __symdiff_generated(x: ::core::primitive::f64) -> ::core::primitive::f64 {
                        let __t0: ::core::primitive::f64 = 3.0_f64;
                        let __t1: ::core::primitive::f64 = x;
                        let __t2: ::core::primitive::f64 = __t1 * __t1;
                        let __t3: ::core::primitive::f64 = __t2 * __t0;
                        __t3
                    }
                    __symdiff_generated
                };
                __symdiff_generated(x)
            };
        "#]],
    );
    check_expr(
        string_macros::diff(quote!("x^3", x, 3)),
        expect![[r#"
            const EXPANDED: () = |x: ::core::primitive::f64| -> ::core::primitive::f64 {
                let __symdiff_generated = {
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
                    __symdiff_generated
                };
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
                    "2*x*sigmoid(b + w*x)*(1 - sigmoid(b + w*x))*(sigmoid(b + w*x) - t)",
                    "2*sigmoid(b + w*x)*(1 - sigmoid(b + w*x))*(sigmoid(b + w*x) - t)",
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
                    "expected an operand after `+`\n --> <input>:1:15\n  |\n1 | sigmoid(w*x + )\n  |               ^\n  |\n  = help: found `)`; `+` needs an operand on its right"
                }
            };
        "#]],
    );
    check_expr(
        string_macros::grad(quote!("sigmod(x)")),
        expect![[r#"
            const EXPANDED: () = {
                ::core::compile_error! {
                    "unknown function `sigmod`\n --> <input>:1:1\n  |\n1 | sigmod(x)\n  | ^^^^^^\n  |\n  = help: did you mean `sigmoid`?"
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
                    "expected `wrt = [..]` or `args = [..]`"
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

/// A small deterministic generator (xorshift), so that the random tests
/// below need no dependency and always test the same inputs.
struct Random(u64);

impl Random {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }

    fn pick<'a>(&mut self, choices: &[&'a str]) -> &'a str {
        choices[self.below(choices.len())]
    }

    /// A random Rust expression over `x`, `y` and `a` (an array), mostly of
    /// what derive_grad supports and sometimes not.
    fn rust_expr(&mut self, depth: usize) -> String {
        if depth == 0 {
            return self
                .pick(&[
                    "x", "y", "a[0]", "a[1]", "2.0", "0.5", "a[i]", "z", "1", "PI",
                ])
                .to_owned();
        }
        let inner = self.rust_expr(depth - 1);
        let other = self.rust_expr(depth - 1);
        match self.below(12) {
            0 => format!("({inner} + {other})"),
            1 => format!("({inner} * {other})"),
            2 => format!("({inner} / {other})"),
            3 => format!("-{inner}"),
            4 => format!(
                "({inner}).{}()",
                self.pick(&["exp", "ln", "tanh", "sqrt", "abs", "signum"])
            ),
            5 => format!("({inner}).powi({})", self.pick(&["2", "-1", "n"])),
            6 => format!(
                "({inner}).{}({other})",
                self.pick(&["max", "min", "powf", "hypot"])
            ),
            7 => format!(
                "{}({inner})",
                self.pick(&["sigmoid", "relu", "softplus", "foo"])
            ),
            8 => format!("leaky_relu({inner}, {other})"),
            9 => format!("if {inner} > 0.0 {{ {other} }} else {{ {inner} }}"),
            10 => format!("f64::{}({inner})", self.pick(&["exp", "sin", "nope"])),
            _ => format!("({inner} - {other})"),
        }
    }
}

impl Random {
    /// A random expression inside loops over `i` (and `j`), mostly valid.
    fn loop_expr(&mut self, depth: usize) -> String {
        if depth == 0 {
            return self
                .pick(&[
                    "x",
                    "y",
                    "a[i]",
                    "a[i + 1]",
                    "a[2 - i]",
                    "h[i]",
                    "acc",
                    "(i as f64)",
                    "1.5",
                    "a[j]",
                    "w[i][j]",
                    "a[x]",
                    "n",
                ])
                .to_owned();
        }
        let inner = self.loop_expr(depth - 1);
        let other = self.loop_expr(depth - 1);
        match self.below(10) {
            0 => format!("({inner} + {other})"),
            1 => format!("({inner} * {other})"),
            2 => format!("({inner} - {other})"),
            3 => format!("({inner}).{}()", self.pick(&["tanh", "exp", "abs", "sqrt"])),
            4 => format!("if {inner} > {other} {{ {inner} }} else {{ {other} }}"),
            5 => format!("({inner}).clamp(-1.0, 1.0)"),
            6 => "a.iter().map(|v| v * v).sum::<f64>()".to_owned(),
            7 => "a.iter().zip(h.iter()).fold(0.0, |s, (p, q)| s + p * q)".to_owned(),
            8 => format!("({inner}).max({other})"),
            _ => format!("({inner} / {other})"),
        }
    }

    /// A random statement: assignments, loops, branches, early returns.
    fn loop_stmt(&mut self, depth: usize) -> String {
        let expr = self.loop_expr(2);
        let cond = format!(
            "{} {} {}",
            self.loop_expr(1),
            self.pick(&["<", "<=", ">", ">=", "==", "!="]),
            self.loop_expr(1)
        );
        if depth == 0 {
            return match self.below(5) {
                0 => format!("acc {} {expr};", self.pick(&["+=", "-=", "*=", "/=", "="])),
                1 => format!("h[{}] = {expr};", self.pick(&["i", "0", "i + 1", "3"])),
                2 => format!("let t = {expr}; acc += t;"),
                3 => format!("if {cond} {{ return {expr}; }}"),
                _ => format!("acc += {expr};"),
            };
        }
        let body = self.loop_stmt(depth - 1);
        let other = self.loop_stmt(depth - 1);
        let range = self.pick(&[
            "0..3",
            "0..=2",
            "(0..a.len()).rev()",
            "0..2",
            "0..n",
            "0..x",
            "0..N",
        ]);
        match self.below(6) {
            0 => format!("for i in {range} {{ {body} }}"),
            1 => format!("for j in 0..2 {{ for i in {range} {{ {body} }} }}"),
            2 => format!("if {cond} {{ {body} }} else {{ {other} }}"),
            3 => format!("if i_known == 1 {{ {body} }} else if {cond} && {cond} {{ {other} }}"),
            4 => format!("while acc < x {{ {body} }}"),
            _ => format!("{body} {other}"),
        }
    }
}

/// Expands `#[derive_grad(attr)]` on each source that lexes: the expansion
/// never panics, always parses as items, and either reports errors or
/// generates all the functions, the last of them `last_generated`. Both
/// kinds must occur often.
fn check_expansions(
    attr: &TokenStream,
    last_generated: &str,
    sources: impl Iterator<Item = String>,
) {
    let (mut generated, mut rejected) = (0, 0);
    for source in sources {
        let Ok(item) = source.parse::<TokenStream>() else {
            continue;
        };
        let expanded = derive_grad::expand(attr.clone(), item);
        let text = expanded.to_string();
        assert!(syn::parse2::<syn::File>(expanded).is_ok(), "{source}");
        if text.contains("compile_error") {
            rejected += 1;
        } else {
            assert!(text.contains(last_generated), "{source}");
            generated += 1;
        }
    }
    assert!(
        generated > 30 && rejected > 30,
        "{generated} generated, {rejected} rejected"
    );
}

/// Random bodies with loops, mutable locals, arrays and branches, valid and
/// not.
#[test]
fn random_loop_bodies_expand_to_items_without_panicking() {
    let mut random = Random(0xB0D1E5);
    check_expansions(
        &quote!(hessian),
        "fn f_hessian",
        (0..300).map(|_| {
            let depth = random.below(4);
            let body = random.loop_stmt(depth);
            format!(
                "fn f(x: f64, y: f64, a: [f64; 3], w: &[[f64; 2]; 3]) -> f64 {{ \
             const N: usize = 3; let i_known = 1; let i = 0; let j = 1; \
             let mut acc = 0.0; let mut h = [0.0; 3]; {body} acc + h[0] }}"
            )
        }),
    );
}

/// Random function bodies, valid and not.
#[test]
fn random_functions_expand_to_items_without_panicking() {
    let mut random = Random(0x5EED);
    check_expansions(
        &quote!(hessian),
        "fn f_hessian",
        (0..300).map(|_| {
            let depth = 1 + random.below(4);
            format!(
                "fn f(x: f64, y: f64, a: [f64; 2]) -> f64 {{ let t = {}; {} }}",
                random.rust_expr(depth),
                random.rust_expr(depth)
            )
        }),
    );
}

/// Random functions of several outputs (an array literal, a tuple, a local
/// array), valid and not.
#[test]
fn random_vector_functions_expand_to_items_without_panicking() {
    let mut random = Random(0x7EC7);
    let sources = (0..300).map(|_| {
        let depth = 1 + random.below(3);
        let (first, second) = ("t".to_owned(), random.rust_expr(1));
        let (output, result) = match random.below(3) {
            0 => ("[f64; 2]", format!("[{first}, {second}]")),
            1 => ("(f64, f64)", format!("({first}, {second})")),
            _ => (
                "[f64; 2]",
                format!("let mut h = [0.0; 2]; h[0] = {first}; h[1] += {second}; h"),
            ),
        };
        format!(
            "fn f(x: f64, y: f64, a: [f64; 2]) -> {output} {{ let t = {}; {result} }}",
            random.rust_expr(depth)
        )
    });
    check_expansions(&quote!(), "fn f_value_and_jacobian", sources);
}

/// Random strings over the expression alphabet: `grad!` never panics and
/// always expands to an expression.
#[test]
fn random_strings_expand_to_expressions_without_panicking() {
    let mut random = Random(0xF00D);
    let pieces = [
        "x", "y", "+", "-", "*", "/", "^", "(", ")", "2", "0.5", "sin(", "sigmoid(", ",", "e",
        "pi", " ", "max(", "1e999", "ln", "=", ";",
    ];
    for _ in 0..500 {
        let length = random.below(12);
        let text: String = (0..length).map(|_| random.pick(&pieces)).collect();
        let literal = proc_macro2::Literal::string(&text);
        for expanded in [
            string_macros::grad(quote!(#literal)),
            string_macros::hessian(quote!(#literal)),
            string_macros::grad_formulas(quote!(#literal)),
        ] {
            assert!(syn::parse2::<syn::Expr>(expanded).is_ok(), "{text}");
        }
    }
}

/// The functions of an expansion or of `symdiff codegen`'s output, by name,
/// each as its doc comment, signature and body (attributes such as `allow`
/// and the visibility are the caller's, so they are left out).
fn generated_functions(file: &syn::File) -> std::collections::BTreeMap<String, String> {
    file.items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Fn(function) => {
                let docs = function
                    .attrs
                    .iter()
                    .filter(|attr| attr.path().is_ident("doc"));
                let sig = &function.sig;
                // derive_grad's functions start with `let _ = f;`, a use of
                // the user's function, which codegen has not got.
                let mut block = function.block.clone();
                if let Some(syn::Stmt::Local(local)) = block.stmts.first()
                    && matches!(&local.pat, syn::Pat::Wild(_))
                {
                    block.stmts.remove(0);
                }
                let text = quote!(#(#docs)* #sig #block).to_string();
                Some((function.sig.ident.to_string(), text))
            }
            _ => None,
        })
        .collect()
}

/// The body of function `name` of `file`, as text.
fn function_body(file: &syn::File, name: &str) -> Option<String> {
    file.items.iter().find_map(|item| match item {
        syn::Item::Fn(function) if function.sig.ident == name => {
            let block = &function.block;
            Some(quote!(#block).to_string())
        }
        _ => None,
    })
}

/// The gradient block of derive_grad's `f_value_and_grad`, whose body is
/// `(f(..), { gradient })`.
fn gradient_of_value_and_grad(file: &syn::File) -> Option<String> {
    let function = file.items.iter().find_map(|item| match item {
        syn::Item::Fn(function) if function.sig.ident == "f_value_and_grad" => Some(function),
        _ => None,
    })?;
    match function.block.stmts.as_slice() {
        [syn::Stmt::Expr(syn::Expr::Tuple(tuple), None)] => {
            let gradient = tuple.elems.iter().nth(1)?;
            Some(quote!(#gradient).to_string())
        }
        _ => None,
    }
}

/// Where two long texts first differ, with some context, or `None` if they
/// are equal: a whole generated function is too long for a failure message.
fn first_difference(left: &str, right: &str) -> Option<String> {
    let at = left
        .char_indices()
        .zip(right.chars())
        .find(|&((_, a), b)| a != b)
        .map_or(left.len().min(right.len()), |((index, _), _)| index);
    if left == right {
        return None;
    }
    let window = |text: &str| -> String {
        text.chars()
            .skip(at.saturating_sub(120))
            .take(240)
            .collect()
    };
    Some(format!(
        "codegen: …{}…\nderive_grad: …{}…",
        window(left),
        window(right)
    ))
}

/// `symdiff codegen` prints exactly what `#[derive_grad]` expands to, on every
/// case of the suite that `tests/suite/generated.rs` writes as Rust: the same
/// functions, doc comments and bodies, whichever way the expression was built.
#[test]
fn codegen_agrees_with_derive_grad_on_the_suite() {
    let generated: syn::File =
        syn::parse_str(include_str!("../tests/suite/generated.rs")).expect("parses");
    let suite: std::collections::BTreeMap<&str, &str> =
        include_str!("../../symdiff/benches/data/suite.tsv")
            .lines()
            .filter_map(|line| line.split_once('\t'))
            .collect();
    let mut compared = 0;
    for item in &generated.items {
        let syn::Item::Mod(module) = item else {
            continue;
        };
        let name = module.ident.to_string();
        let Some(source) = suite.get(name.as_str()) else {
            continue;
        };
        let items = module.content.iter().flat_map(|(_, items)| items);
        let Some(mut function) = items
            .filter_map(|item| match item {
                syn::Item::Fn(function) => Some(function.clone()),
                _ => None,
            })
            .find(|function| {
                function
                    .attrs
                    .iter()
                    .any(|a| a.path().is_ident("derive_grad"))
            })
        else {
            continue;
        };
        let position = function
            .attrs
            .iter()
            .position(|a| a.path().is_ident("derive_grad"));
        let attr = position.map(|index| function.attrs.remove(index));
        let args = match attr.map(|attr| attr.meta) {
            Some(syn::Meta::List(list)) => list.tokens,
            _ => TokenStream::new(),
        };
        let hessian = args.to_string().contains("hessian");
        let expanded: syn::File =
            syn::parse2(derive_grad::expand(args, quote!(#function))).expect("an expansion");
        let expr = symdiff::Expr::parse(source).expect("a suite case");
        let code = symdiff::emit_rust::emit_expr_functions(
            &expr,
            "f",
            &expr.variables(),
            &expr.variables(),
            hessian,
        )
        .expect("emits");
        let printed: syn::File = syn::parse_str(&code).expect("codegen's output parses");
        let (mut ours, theirs) = (
            generated_functions(&printed),
            generated_functions(&expanded),
        );
        // derive_grad's `f_value_and_grad` takes its value from the function's
        // own body, which codegen does not have; its gradient is `f_grad`'s.
        ours.remove("f_value_and_grad");
        let gradient_body = gradient_of_value_and_grad(&expanded);
        let f_grad_body = function_body(&printed, "f_grad");
        assert!(
            gradient_body.is_some() && gradient_body == f_grad_body,
            "{name}: f_value_and_grad's gradient is not codegen's f_grad"
        );
        let differences: Vec<String> = ours
            .iter()
            .filter_map(|(function_name, text)| {
                let expanded = theirs.get(function_name).map_or("", String::as_str);
                let difference = first_difference(text, expanded)?;
                Some(format!("{name}: {function_name}: {difference}"))
            })
            .collect();
        assert!(
            differences.is_empty(),
            "codegen and derive_grad differ:\n{}",
            differences.join("\n")
        );
        compared += 1;
    }
    assert_eq!(compared, suite.len(), "every suite case is compared");
}

/// The `compile_error!` messages of an expansion, one per line.
fn errors_of(expanded: TokenStream) -> String {
    let mut messages = Vec::new();
    let mut tokens = expanded.into_iter().peekable();
    while let Some(token) = tokens.next() {
        let proc_macro2::TokenTree::Ident(ident) = &token else {
            continue;
        };
        if ident != "compile_error" {
            continue;
        }
        let group = tokens.find_map(|next| match next {
            proc_macro2::TokenTree::Group(group) => Some(group),
            _ => None,
        });
        if let Some(message) = group.and_then(|group| group.stream().into_iter().next()) {
            messages.push(message.to_string());
        }
    }
    messages.join("\n")
}

/// An error inside a loop body or a closure is reported once, not once per
/// iteration or item; an `if` on data that leaves an integer different is
/// an error at its condition.
#[test]
fn errors_in_loops_are_reported_once() {
    let item = quote! {
        fn f(x: [f64; 3]) -> f64 {
            let mut total = 0.0;
            for i in 0..3 {
                total += x[i].signum();
            }
            let mut k = 0;
            if x[0] > 0.0 {
                k = 1;
            }
            total + x.iter().map(|v| v.nope()).sum::<f64>() + x[k]
        }
    };
    expect![[r#"
        "unknown f64 method `signum`\n= help: the known methods are sin, cos, tan, asin, acos, atan, sinh, cosh, tanh, exp, ln, sqrt, abs, max, min, ln_1p, exp_m1, atan2, hypot, cbrt, log, log10, log2, powi, powf, clamp, recip, exp2, mul_add"
        "the branches of this `if` on data leave an integer, or an array's or a tuple's shape, different\n= help: an `if` on f64 values may change f64 values only; decide integers and array lengths by constants"
        "unknown f64 method `nope`\n= help: the known methods are sin, cos, tan, asin, acos, atan, sinh, cosh, tanh, exp, ln, sqrt, abs, max, min, ln_1p, exp_m1, atan2, hypot, cbrt, log, log10, log2, powi, powf, clamp, recip, exp2, mul_add""#]].assert_eq(&errors_of(derive_grad::expand(quote!(), item)));
}

/// The words of the first backquoted list after `lead` in `text`.
fn listed_after<'a>(text: &'a str, lead: &str) -> Vec<&'a str> {
    let start = text.find(lead).map_or(text.len(), |at| at + lead.len());
    text[start..]
        .split('`')
        .nth(1)
        .unwrap_or_default()
        .split_whitespace()
        .collect()
}

/// `#[derive_grad]`'s documentation lists exactly the methods and the
/// functions called by name (those of the function table that are no
/// method, and their other names) that the macros read.
#[test]
fn derive_grad_docs_list_every_method_and_function() {
    let docs = include_str!("../docs/derive_grad.md");
    let methods = crate::derive_grad::calls::method_names();
    assert_eq!(listed_after(docs, "the `f64` methods"), methods);
    let functions: Vec<&str> = symdiff::func::Func::CALLABLE
        .iter()
        .map(|func| func.info())
        .filter(|info| info.method.is_none())
        .flat_map(|info| std::iter::once(info.name).chain(info.aliases.iter().copied()))
        .collect();
    assert_eq!(
        listed_after(docs, "the engine's functions by name:"),
        functions
    );
}

/// Constructs `#[derive_grad]` refuses, each with the error at its place
/// rather than a panic or an error from the generated code.
#[test]
fn derive_refuses_with_an_error() {
    let cases = [
        quote! { unsafe fn f(x: f64) -> f64 { x * x } },
        quote! {
            fn f(x: [f64; 2]) -> f64 {
                x.iter().map(|v| { if *v > 0.0 { return v * 2.0; } *v }).sum::<f64>()
            }
        },
        quote! { fn f(x: f64) -> f64 { let a = [0.0; 4611686018427387904]; x } },
        quote! { fn f(x: f64) -> f64 { let a = [[0.0; 1_000_000]; 1_000_000]; x } },
        quote! { fn f(x: [f64; 4]) -> f64 { x.iter().step_by(0).sum::<f64>() } },
    ];
    let errors: Vec<String> = cases
        .into_iter()
        .map(|item| errors_of(derive_grad::expand(quote!(), item)))
        .collect();
    expect![[r#"
        "derive_grad cannot differentiate an unsafe fn\n= help: derive_grad differentiates plain functions of f64 values"
        "a closure that returns early cannot be differentiated\n= help: give the closure its value as its last expression: `if c { a } else { b }`"
        "this array has more than 1000000 entries\n= help: arrays are kept entry by entry at compile time: use fewer entries"
        "this array has more than 1000000 entries\n= help: arrays are kept entry by entry at compile time: use fewer entries"
        "`step_by(0)` panics\n= help: step by 1 or more""#]].assert_eq(&errors.join("\n"));
}
