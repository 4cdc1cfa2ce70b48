//! Snapshots of the Rust source that `codegen` and `#[derive_grad]` share.

use expect_test::{Expect, expect};
use symdiff::emit_rust::{Param, ParamKind, RustSpec, emit_derivative_functions};
use symdiff::graph::VarId;

/// Emits the gradient functions of `source` over all its variables, as scalars.
fn check(source: &str, hessian: bool, expect: Expect) {
    expect.assert_eq(&emit(source, hessian, false, false));
}

/// The generated functions, with the Hessian-vector product and the sparse
/// Hessian on demand.
fn emit(source: &str, hessian: bool, hvp: bool, sparse_hessian: bool) -> String {
    let expr = symdiff::Expr::parse(source).expect("test input parses");
    let names = expr.variables();
    let params: Vec<Param> = names
        .iter()
        .map(|name| Param {
            name: name.clone(),
            kind: ParamKind::Scalar,
        })
        .collect();
    let mut graph = expr.graph().borrow_mut();
    let wrt: Vec<_> = names
        .iter()
        .filter_map(|name| graph.find_var(name))
        .collect();
    let spec = RustSpec {
        name: "f",
        visibility: "pub",
        params: &params,
        wrt: &wrt,
        hessian,
        hvp,
        sparse_hessian,
    };
    emit_derivative_functions(&mut graph, expr.id(), &spec).expect("emits")
}

/// The spec of a private `f` with its gradient only.
fn gradient_only<'a>(params: &'a [Param], wrt: &'a [VarId]) -> RustSpec<'a> {
    RustSpec {
        name: "f",
        visibility: "",
        params,
        wrt,
        hessian: false,
        hvp: false,
        sparse_hessian: false,
    }
}

#[test]
fn hessian_vector_product_and_sparse_hessian() {
    let code = emit("x^2*y + y^3 + z", false, true, true);
    let products = &code[code
        .find("/// The Hessian of `f` with respect to (x, y, z) times")
        .expect("NAME_hvp")..];
    expect![[r#"
        /// The Hessian of `f` with respect to (x, y, z) times `v`, without forming the Hessian.
        ///
        /// ```text
        /// (H·v)_x = 2*v[0]*y + 2*v[1]*x
        /// (H·v)_y = 2*v[0]*x + 6*v[1]*y
        /// (H·v)_z = 0
        /// ```
        #[allow(unused_variables, unused_parens, non_snake_case, clippy::all, clippy::pedantic, clippy::nursery)]
        pub fn f_hvp(x: ::core::primitive::f64, y: ::core::primitive::f64, z: ::core::primitive::f64, v: [::core::primitive::f64; 3]) -> [::core::primitive::f64; 3] {
            let [__t_v_0, __t_v_1, __t_v_2] = v;
            let __t0: ::core::primitive::f64 = y;
            let __t1: ::core::primitive::f64 = 2.0_f64;
            let __t2: ::core::primitive::f64 = __t_v_0;
            let __t3: ::core::primitive::f64 = __t2 * __t1;
            let __t4: ::core::primitive::f64 = __t3 * __t0;
            let __t5: ::core::primitive::f64 = __t_v_1;
            let __t6: ::core::primitive::f64 = x;
            let __t7: ::core::primitive::f64 = __t6 * __t1;
            let __t8: ::core::primitive::f64 = __t7 * __t5;
            let __t9: ::core::primitive::f64 = __t4 + __t8;
            let __t10: ::core::primitive::f64 = __t7 * __t2;
            let __t11: ::core::primitive::f64 = 3.0_f64;
            let __t12: ::core::primitive::f64 = __t0 * __t1;
            let __t13: ::core::primitive::f64 = __t12 * __t5;
            let __t14: ::core::primitive::f64 = __t13 * __t11;
            let __t15: ::core::primitive::f64 = __t10 + __t14;
            let __t16: ::core::primitive::f64 = 0.0_f64;
            [__t9, __t15, __t16]
        }

        /// Where the entries of `f_hessian_sparse` are: (row, column) in the lower
        /// triangle, row by row; 3 of the 6 entries of the triangle over (x, y, z).
        pub const F_HESSIAN_PATTERN: [(usize, usize); 3] = [(0, 0), (1, 0), (1, 1)];

        /// The Hessian of `f`: the 3 entries of its lower triangle that are not identically zero, row by row (see `F_HESSIAN_PATTERN`).
        ///
        /// ```text
        /// ∂²/∂x² = 2*y
        /// ∂²/∂y∂x = 2*x
        /// ∂²/∂y² = 6*y
        /// ```
        #[allow(unused_variables, unused_parens, non_snake_case, clippy::all, clippy::pedantic, clippy::nursery)]
        pub fn f_hessian_sparse(x: ::core::primitive::f64, y: ::core::primitive::f64, z: ::core::primitive::f64) -> [::core::primitive::f64; 3] {
            let __t0: ::core::primitive::f64 = 2.0_f64;
            let __t1: ::core::primitive::f64 = y;
            let __t2: ::core::primitive::f64 = __t1 * __t0;
            let __t3: ::core::primitive::f64 = x;
            let __t4: ::core::primitive::f64 = __t3 * __t0;
            let __t5: ::core::primitive::f64 = 6.0_f64;
            let __t6: ::core::primitive::f64 = __t1 * __t5;
            [__t2, __t4, __t6]
        }

        /// The variables of `f`'s derivatives, in the order of their entries.
        pub const F_WRT: [&::core::primitive::str; 3] = ["x", "y", "z"];

    "#]].assert_eq(products);
}

#[test]
fn neuron() {
    check(
        "(sigmoid(w*x + b) - t)^2",
        false,
        expect![[r#"
            /// The gradient of `f` with respect to (w, x, b, t).
            ///
            /// ```text
            /// ∂/∂w = 2*x*sigmoid(b + w*x)*(1 - sigmoid(b + w*x))*(sigmoid(b + w*x) - t)
            /// ∂/∂x = 2*w*sigmoid(b + w*x)*(1 - sigmoid(b + w*x))*(sigmoid(b + w*x) - t)
            /// ∂/∂b = 2*sigmoid(b + w*x)*(1 - sigmoid(b + w*x))*(sigmoid(b + w*x) - t)
            /// ∂/∂t = -2*(sigmoid(b + w*x) - t)
            /// ```
            #[allow(unused_variables, unused_parens, non_snake_case, clippy::all, clippy::pedantic, clippy::nursery)]
            pub fn f_grad(w: ::core::primitive::f64, x: ::core::primitive::f64, b: ::core::primitive::f64, t: ::core::primitive::f64) -> [::core::primitive::f64; 4] {
                let __t0: ::core::primitive::f64 = x;
                let __t1: ::core::primitive::f64 = b;
                let __t2: ::core::primitive::f64 = w;
                let __t3: ::core::primitive::f64 = __t2 * __t0;
                let __t4: ::core::primitive::f64 = __t1 + __t3;
                let __t5: ::core::primitive::f64 = 1.0_f64 / (1.0_f64 + ::core::primitive::f64::exp(-__t4));
                let __t6: ::core::primitive::f64 = 1.0_f64;
                let __t7: ::core::primitive::f64 = __t6 - __t5;
                let __t8: ::core::primitive::f64 = __t7 * __t5;
                let __t9: ::core::primitive::f64 = 2.0_f64;
                let __t10: ::core::primitive::f64 = t;
                let __t11: ::core::primitive::f64 = __t5 - __t10;
                let __t12: ::core::primitive::f64 = __t11 * __t9;
                let __t13: ::core::primitive::f64 = __t12 * __t8;
                let __t14: ::core::primitive::f64 = __t13 * __t0;
                let __t15: ::core::primitive::f64 = __t13 * __t2;
                let __t16: ::core::primitive::f64 = -2.0_f64;
                let __t17: ::core::primitive::f64 = __t11 * __t16;
                [__t14, __t15, __t13, __t17]
            }

            /// The value of `f` and its gradient, sharing one forward pass.
            ///
            /// ```text
            /// f = (sigmoid(b + w*x) - t)^2
            /// ∂/∂w = 2*x*sigmoid(b + w*x)*(1 - sigmoid(b + w*x))*(sigmoid(b + w*x) - t)
            /// ∂/∂x = 2*w*sigmoid(b + w*x)*(1 - sigmoid(b + w*x))*(sigmoid(b + w*x) - t)
            /// ∂/∂b = 2*sigmoid(b + w*x)*(1 - sigmoid(b + w*x))*(sigmoid(b + w*x) - t)
            /// ∂/∂t = -2*(sigmoid(b + w*x) - t)
            /// ```
            #[allow(unused_variables, unused_parens, non_snake_case, clippy::all, clippy::pedantic, clippy::nursery)]
            pub fn f_value_and_grad(w: ::core::primitive::f64, x: ::core::primitive::f64, b: ::core::primitive::f64, t: ::core::primitive::f64) -> (::core::primitive::f64, [::core::primitive::f64; 4]) {
                let __t0: ::core::primitive::f64 = 1.0_f64;
                let __t1: ::core::primitive::f64 = t;
                let __t2: ::core::primitive::f64 = b;
                let __t3: ::core::primitive::f64 = w;
                let __t4: ::core::primitive::f64 = x;
                let __t5: ::core::primitive::f64 = __t4 * __t3;
                let __t6: ::core::primitive::f64 = __t2 + __t5;
                let __t7: ::core::primitive::f64 = 1.0_f64 / (1.0_f64 + ::core::primitive::f64::exp(-__t6));
                let __t8: ::core::primitive::f64 = __t7 - __t1;
                let __t9: ::core::primitive::f64 = 2.0_f64;
                let __t10: ::core::primitive::f64 = __t8 * __t8;
                let __t11: ::core::primitive::f64 = __t0 - __t7;
                let __t12: ::core::primitive::f64 = __t11 * __t7;
                let __t13: ::core::primitive::f64 = __t8 * __t9;
                let __t14: ::core::primitive::f64 = __t13 * __t12;
                let __t15: ::core::primitive::f64 = __t14 * __t4;
                let __t16: ::core::primitive::f64 = __t14 * __t3;
                let __t17: ::core::primitive::f64 = -2.0_f64;
                let __t18: ::core::primitive::f64 = __t8 * __t17;
                (__t10, [__t15, __t16, __t14, __t18])
            }

            /// The variables of `f`'s derivatives, in the order of their entries.
            pub const F_WRT: [&::core::primitive::str; 4] = ["w", "x", "b", "t"];

        "#]],
    );
}

#[test]
fn saddle_with_hessian() {
    check(
        "x^2 - y^2 + x*y^3",
        true,
        expect![[r#"
            /// The gradient of `f` with respect to (x, y).
            ///
            /// ```text
            /// ∂/∂x = 2*x + y^3
            /// ∂/∂y = 3*x*y^2 - 2*y
            /// ```
            #[allow(unused_variables, unused_parens, non_snake_case, clippy::all, clippy::pedantic, clippy::nursery)]
            pub fn f_grad(x: ::core::primitive::f64, y: ::core::primitive::f64) -> [::core::primitive::f64; 2] {
                let __t0: ::core::primitive::f64 = 2.0_f64;
                let __t1: ::core::primitive::f64 = x;
                let __t2: ::core::primitive::f64 = __t1 * __t0;
                let __t3: ::core::primitive::f64 = y;
                let __t4: ::core::primitive::f64 = 3.0_f64;
                let __t5: ::core::primitive::f64 = ::core::primitive::f64::powi(__t3, 3_i32);
                let __t6: ::core::primitive::f64 = __t2 + __t5;
                let __t7: ::core::primitive::f64 = __t3 * __t3;
                let __t8: ::core::primitive::f64 = __t7 * __t4;
                let __t9: ::core::primitive::f64 = __t8 * __t1;
                let __t10: ::core::primitive::f64 = __t3 * __t0;
                let __t11: ::core::primitive::f64 = __t9 - __t10;
                [__t6, __t11]
            }

            /// The value of `f` and its gradient, sharing one forward pass.
            ///
            /// ```text
            /// f = x^2 + x*y^3 - y^2
            /// ∂/∂x = 2*x + y^3
            /// ∂/∂y = 3*x*y^2 - 2*y
            /// ```
            #[allow(unused_variables, unused_parens, non_snake_case, clippy::all, clippy::pedantic, clippy::nursery)]
            pub fn f_value_and_grad(x: ::core::primitive::f64, y: ::core::primitive::f64) -> (::core::primitive::f64, [::core::primitive::f64; 2]) {
                let __t0: ::core::primitive::f64 = x;
                let __t1: ::core::primitive::f64 = 2.0_f64;
                let __t2: ::core::primitive::f64 = __t0 * __t0;
                let __t3: ::core::primitive::f64 = y;
                let __t4: ::core::primitive::f64 = 3.0_f64;
                let __t5: ::core::primitive::f64 = ::core::primitive::f64::powi(__t3, 3_i32);
                let __t6: ::core::primitive::f64 = __t5 * __t0;
                let __t7: ::core::primitive::f64 = __t3 * __t3;
                let __t8: ::core::primitive::f64 = __t2 + __t6;
                let __t9: ::core::primitive::f64 = __t8 - __t7;
                let __t10: ::core::primitive::f64 = __t0 * __t1;
                let __t11: ::core::primitive::f64 = __t10 + __t5;
                let __t12: ::core::primitive::f64 = __t7 * __t4;
                let __t13: ::core::primitive::f64 = __t12 * __t0;
                let __t14: ::core::primitive::f64 = __t3 * __t1;
                let __t15: ::core::primitive::f64 = __t13 - __t14;
                (__t9, [__t11, __t15])
            }

            /// The Hessian of `f` with respect to (x, y).
            ///
            /// ```text
            /// ∂²/∂x² = 2
            /// ∂²/∂x∂y = 3*y^2
            /// ∂²/∂y∂x = 3*y^2
            /// ∂²/∂y² = 6*x*y - 2
            /// ```
            #[allow(unused_variables, unused_parens, non_snake_case, clippy::all, clippy::pedantic, clippy::nursery)]
            pub fn f_hessian(x: ::core::primitive::f64, y: ::core::primitive::f64) -> [[::core::primitive::f64; 2]; 2] {
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

            /// The variables of `f`'s derivatives, in the order of their entries.
            pub const F_WRT: [&::core::primitive::str; 2] = ["x", "y"];

        "#]],
    );
}

#[test]
fn non_finite_constants_are_named() {
    check(
        "x/0 + max(y, 0/0)",
        false,
        expect![[r#"
            /// The gradient of `f` with respect to (x, y).
            ///
            /// ```text
            /// ∂/∂x = 1/0
            /// ∂/∂y = sqrt(-1)
            /// ```
            #[allow(unused_variables, unused_parens, non_snake_case, clippy::all, clippy::pedantic, clippy::nursery)]
            pub fn f_grad(x: ::core::primitive::f64, y: ::core::primitive::f64) -> [::core::primitive::f64; 2] {
                let __t0: ::core::primitive::f64 = ::core::primitive::f64::INFINITY;
                let __t1: ::core::primitive::f64 = ::core::primitive::f64::NAN;
                [__t0, __t1]
            }

            /// The value of `f` and its gradient, sharing one forward pass.
            ///
            /// ```text
            /// f = 1/0*x + max(y, sqrt(-1))
            /// ∂/∂x = 1/0
            /// ∂/∂y = sqrt(-1)
            /// ```
            #[allow(unused_variables, unused_parens, non_snake_case, clippy::all, clippy::pedantic, clippy::nursery)]
            pub fn f_value_and_grad(x: ::core::primitive::f64, y: ::core::primitive::f64) -> (::core::primitive::f64, [::core::primitive::f64; 2]) {
                let __t0: ::core::primitive::f64 = ::core::primitive::f64::INFINITY;
                let __t1: ::core::primitive::f64 = x;
                let __t2: ::core::primitive::f64 = __t1 * __t0;
                let __t3: ::core::primitive::f64 = y;
                let __t4: ::core::primitive::f64 = ::core::primitive::f64::NAN;
                let __t5: ::core::primitive::f64 = if ::core::primitive::f64::is_nan(__t3) || ::core::primitive::f64::is_nan(__t4) { ::core::primitive::f64::NAN } else if __t4 > __t3 { __t4 } else { __t3 };
                let __t6: ::core::primitive::f64 = __t2 + __t5;
                (__t6, [__t0, __t4])
            }

            /// The variables of `f`'s derivatives, in the order of their entries.
            pub const F_WRT: [&::core::primitive::str; 2] = ["x", "y"];

        "#]],
    );
}

/// Past 512 statements the temporaries are declared up front and assigned
/// once each, so that rustc's debug build does not recurse once per `let`.
#[test]
fn long_bodies_declare_their_temporaries_up_front() {
    // A chain of 300 nested calls, written with definitions to stay within
    // the parser's nesting limit: `a1 = sin(x); a2 = sin(a1); …; a300`.
    let definitions: String = (1..=300)
        .map(|k| format!("a{k} = sin(a{}); ", k - 1))
        .collect();
    let chain = format!("a0 = x; {definitions}a300");
    let expr = symdiff::Expr::parse(&chain).expect("parses");
    let gradient = expr.gradient(&["x"]);
    let graph = expr.graph().borrow();
    let x = graph.find_var("x").expect("x is a variable");
    let inputs = [(x, "x".to_owned())];
    let ids: Vec<_> = gradient.iter().map(symdiff::Expr::id).collect();
    let body = symdiff::emit_rust::emit_closure_body(
        &graph,
        &ids,
        &inputs,
        symdiff::emit_rust::OutputShape::Vector,
    )
    .expect("emits");
    let declarations = body
        .lines()
        .filter(|line| line.trim_start().starts_with("let ("))
        .count();
    let lets = body
        .lines()
        .filter(|line| line.trim_start().starts_with("let __"))
        .count();
    let assignments = body
        .lines()
        .filter(|line| line.trim_start().starts_with("__t"))
        .count();
    assert!(assignments > 512, "{assignments} assignments");
    assert_eq!(
        (declarations, lets),
        (assignments.div_ceil(256), 0),
        "{}",
        &body[..200]
    );
}

/// A body past 4,096 statements fills its result in place, each entry right
/// after the statement that computes it, and ends a basic block every 256
/// statements (LLVM's scheduler and vectoriser are superlinear in a block's
/// size).
#[test]
fn long_bodies_fill_their_result_in_place_between_block_ends() {
    let definitions: String = (1..=1500)
        .map(|k| format!("a{k} = sin(a{})*y; ", k - 1))
        .collect();
    let chain = format!("a0 = x; {definitions}a1500");
    let expr = symdiff::Expr::parse(&chain).expect("parses");
    let gradient = expr.gradient(&["x", "y"]);
    let graph = expr.graph().borrow();
    let inputs: Vec<_> = ["x", "y"]
        .iter()
        .map(|name| {
            (
                graph.find_var(name).expect("a variable"),
                (*name).to_owned(),
            )
        })
        .collect();
    let ids: Vec<_> = gradient.iter().map(symdiff::Expr::id).collect();
    let body = symdiff::emit_rust::emit_closure_body(
        &graph,
        &ids,
        &inputs,
        symdiff::emit_rust::OutputShape::Vector,
    )
    .expect("emits");
    let lines: Vec<&str> = body.lines().map(str::trim).collect();
    let assignments = lines
        .iter()
        .filter(|line| line.starts_with("__t") && !line.starts_with("__tout"))
        .count();
    let boundaries = lines
        .iter()
        .filter(|line| line.starts_with("if ::core::hint::black_box(false)"))
        .count();
    assert!(assignments > 4096, "{assignments} assignments");
    assert_eq!(boundaries, (assignments - 1) / 256);
    assert!(lines.contains(&"let mut __tout = [0.0_f64; 2];"));
    let stores: Vec<usize> = (0..lines.len())
        .filter(|&index| lines[index].starts_with("__tout["))
        .collect();
    assert_eq!(stores.len(), 2);
    for index in stores {
        let stored = lines[index].rsplit(" = ").next().expect("a store");
        let defined = format!("{} = ", stored.trim_end_matches(';'));
        assert!(
            lines[..index]
                .iter()
                .rev()
                .find(|line| !line.starts_with("__tout["))
                .is_some_and(|line| line.starts_with(&defined)),
            "{} is not stored where it is computed",
            lines[index]
        );
    }
    assert_eq!(lines[lines.len() - 2..], ["__tout", "}"]);
}

/// `NAME_jacobian` and `NAME_value_and_jacobian` of several outputs given
/// as text, over the variables `wrt`, every variable a scalar parameter.
fn emit_jacobian(sources: &[&str], wrt: &[&str]) -> String {
    let mut graph = symdiff::graph::Graph::new();
    let roots: Vec<_> = sources
        .iter()
        .map(|source| {
            let expr = symdiff::Expr::parse(source).expect("test input parses");
            symdiff::import::import(&mut graph, &expr.graph().borrow(), expr.id())
        })
        .collect();
    let params: Vec<Param> = wrt
        .iter()
        .map(|name| Param {
            name: (*name).to_owned(),
            kind: ParamKind::Scalar,
        })
        .collect();
    let wrt: Vec<_> = wrt.iter().map(|name| graph.var_id(name)).collect();
    let names: Vec<String> = (0..roots.len())
        .map(|index| format!("f[{index}]"))
        .collect();
    let spec = gradient_only(&params, &wrt);
    symdiff::emit_rust::emit_jacobian_functions(&mut graph, &roots, &names, &spec).expect("emits")
}

#[test]
fn jacobian_of_three_outputs_over_two_variables() {
    expect![[r#"
        /// The Jacobian of `f` with respect to (x, y): one row per output, 3 by 2.
        ///
        /// ```text
        /// ∂f[0]/∂x = y
        /// ∂f[0]/∂y = x
        /// ∂f[1]/∂x = 1
        /// ∂f[1]/∂y = 1
        /// ∂f[2]/∂x = cos(x)
        /// ∂f[2]/∂y = 0
        /// ```
        #[allow(unused_variables, unused_parens, non_snake_case, clippy::all, clippy::pedantic, clippy::nursery)]
        fn f_jacobian(x: ::core::primitive::f64, y: ::core::primitive::f64) -> [[::core::primitive::f64; 2]; 3] {
            let __t0: ::core::primitive::f64 = y;
            let __t1: ::core::primitive::f64 = x;
            let __t2: ::core::primitive::f64 = 1.0_f64;
            let __t3: ::core::primitive::f64 = ::core::primitive::f64::cos(__t1);
            let __t4: ::core::primitive::f64 = 0.0_f64;
            [[__t0, __t1], [__t2, __t2], [__t3, __t4]]
        }

        /// The values of `f` and its Jacobian, sharing one forward pass.
        ///
        /// ```text
        /// f[0] = x*y
        /// f[1] = x + y
        /// f[2] = sin(x)
        /// ∂f[0]/∂x = y
        /// ∂f[0]/∂y = x
        /// ∂f[1]/∂x = 1
        /// ∂f[1]/∂y = 1
        /// ∂f[2]/∂x = cos(x)
        /// ∂f[2]/∂y = 0
        /// ```
        #[allow(unused_variables, unused_parens, non_snake_case, clippy::all, clippy::pedantic, clippy::nursery)]
        fn f_value_and_jacobian(x: ::core::primitive::f64, y: ::core::primitive::f64) -> ([::core::primitive::f64; 3], [[::core::primitive::f64; 2]; 3]) {
            let __t0: ::core::primitive::f64 = x;
            let __t1: ::core::primitive::f64 = y;
            let __t2: ::core::primitive::f64 = __t1 * __t0;
            let __t3: ::core::primitive::f64 = __t0 + __t1;
            let __t4: ::core::primitive::f64 = ::core::primitive::f64::sin(__t0);
            let __t5: ::core::primitive::f64 = 1.0_f64;
            let __t6: ::core::primitive::f64 = ::core::primitive::f64::cos(__t0);
            let __t7: ::core::primitive::f64 = 0.0_f64;
            ([__t2, __t3, __t4], [[__t1, __t0], [__t5, __t5], [__t6, __t7]])
        }

        /// The variables of `f`'s derivatives, in the order of their entries.
        const F_WRT: [&::core::primitive::str; 2] = ["x", "y"];

    "#]].assert_eq(&emit_jacobian(&["x*y", "x + y", "sin(x)"], &["x", "y"]));
}

#[test]
fn jacobian_without_variables_has_empty_rows() {
    let code = emit_jacobian(&["2", "3"], &[]);
    assert!(
        code.contains("fn f_jacobian() -> [[::core::primitive::f64; 0]; 2]"),
        "{code}"
    );
    assert!(code.contains("[[], []]"), "{code}");
}

/// A function body that calls `erf` (through `gelu`, its derivative and
/// `erf` itself) carries the item that computes it once, at its top, so that
/// generated code needs nothing beyond `::core`; the new functions of two
/// arguments are `f64`'s own methods by absolute path.
#[test]
fn erf_is_emitted_once_per_function_as_a_local_item() {
    let code = emit(
        "gelu(x)*erf(y) + atan2(y, x) + hypot(x, y) + log(x, y) + tanh(x*y)",
        false,
        false,
        false,
    );
    let bodies = code.matches("pub fn f_").count();
    assert_eq!(bodies, 2, "f_grad and f_value_and_grad");
    assert_eq!(code.matches("fn __symdiff_erf(").count(), bodies);
    assert_eq!(code.matches("fn __symdiff_tanh(").count(), bodies);
    assert!(!code.contains("f64::tanh"), "tanh is symdiff's own");
    for call in ["atan2(", "hypot(", "log("] {
        assert!(
            code.contains(&format!("::core::primitive::f64::{call}")),
            "{call}"
        );
    }
    let grad = &code[code.find("pub fn f_grad").expect("f_grad")..];
    let helper = grad.find("fn __symdiff_erf(").expect("the helper");
    let first_let = grad.find("let __t0").expect("the first statement");
    assert!(helper < first_let, "the helper comes before the statements");
}

/// The gradient of Rosenbrock's function over the entries of `x: &[f64;
/// len]`, as generated for `#[derive_grad]`.
fn rosenbrock_over_an_array(len: usize) -> String {
    let mut graph = symdiff::graph::Graph::new();
    let entries: Vec<_> = (0..len)
        .map(|index| graph.var(&format!("x[{index}]")))
        .collect();
    let mut terms = Vec::new();
    for pair in entries.windows(2) {
        let square = graph.powi(pair[0], 2);
        let step = graph.sub(pair[1], square);
        let step_squared = graph.powi(step, 2);
        let hundred = graph.int(100);
        terms.push(graph.mul2(hundred, step_squared));
        let one = graph.one();
        let offset = graph.sub(one, pair[0]);
        terms.push(graph.powi(offset, 2));
    }
    let root = graph.add(&terms);
    let wrt: Vec<_> = (0..len)
        .filter_map(|index| graph.find_var(&format!("x[{index}]")))
        .collect();
    let params = [Param {
        name: "x".to_owned(),
        kind: ParamKind::ArrayRef(len),
    }];
    let spec = gradient_only(&params, &wrt);
    emit_derivative_functions(&mut graph, root, &spec).expect("emits")
}

/// A long body reads its array parameters' entries in a basic block of its
/// own, so that LLVM's SLP vectoriser sees them as opaque values (issue 12);
/// a short one reads them where it starts.
#[test]
fn long_bodies_read_array_parameters_in_a_block_of_their_own() {
    let reads_then = |code: &str| -> Vec<String> {
        let lines: Vec<&str> = code.lines().map(str::trim).collect();
        lines
            .iter()
            .enumerate()
            .filter(|(_, line)| line.starts_with("let [__t_x_0, "))
            .map(|(index, _)| lines.get(index + 1).copied().unwrap_or("").to_owned())
            .collect()
    };
    let block_end = "if ::core::hint::black_box(false) { ::core::hint::black_box(()); }";
    let long = rosenbrock_over_an_array(100);
    assert!(long.contains("let [__t_x_0, __t_x_1, __t_x_2, "), "{long}");
    assert!(long.contains("__t_x_99] = *x;"));
    // Both `f_grad` and `f_value_and_grad` read the array, then end the block.
    assert_eq!(reads_then(&long), [block_end, block_end]);
    let short = rosenbrock_over_an_array(3);
    assert!(!short.contains("black_box"), "{short}");
    assert_eq!(reads_then(&short).len(), 2);
}
