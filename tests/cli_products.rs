//! `jacobian`, `hessian --sparse` and `hvp` as data: each case is one
//! invocation, run in-process, with a snapshot of its exit status, standard
//! output and standard error (as in `cli_cases.rs`).

use expect_test::{Expect, expect};

mod common;

/// Runs `symdiff ARGS` with `stdin` and renders what it printed.
fn run(args: &[&str], stdin: &str) -> String {
    common::rendered(args, stdin)
}

fn check(args: &[&str], expect: Expect) {
    expect.assert_eq(&run(args, ""));
}

/// Several invocations in one snapshot, each headed by its arguments.
fn check_all(cases: &[&[&str]], expect: Expect) {
    let mut rendered = String::new();
    for args in cases {
        rendered.push_str(&format!("$ {}\n{}", args.join(" "), run(args, "")));
    }
    expect.assert_eq(&rendered);
}

// --- jacobian

#[test]
fn jacobian_text_latex_json() {
    check(
        &["jacobian", "x*y; x + y; sin(x)", "--at", "x=1,y=2"],
        expect![[r#"
            status 0
            --- stdout
            ∂f1/∂x = y
            ∂f1/∂y = x
            ∂f2/∂x = 1
            ∂f2/∂y = 1
            ∂f3/∂x = cos(x)
            ∂f3/∂y = 0

            at x = 1, y = 2:
            f1     =  2
            f2     =  3
            f3     =  0.8414709848078965
            ∂f1/∂x =  2
            ∂f1/∂y =  1
            ∂f2/∂x =  1
            ∂f2/∂y =  1
            ∂f3/∂x =  0.5403023058681398
            ∂f3/∂y =  0
        "#]],
    );
    check(
        &["jacobian", "z = w*x + b; y = sigmoid(z); y; z^2"],
        expect![[r#"
            status 0
            --- stdout
            z = b + w*x;
            y = sigmoid(z);
            ∂f1/∂w = x*y*(1 - y)
            ∂f1/∂x = w*y*(1 - y)
            ∂f1/∂b = y*(1 - y)
            ∂f2/∂w = 2*x*z
            ∂f2/∂x = 2*w*z
            ∂f2/∂b = 2*z
        "#]],
    );
    check(
        &[
            "jacobian",
            "x*y; x + y",
            "--wrt",
            "y",
            "--format",
            "latex",
            "--at",
            "x=1,y=2",
        ],
        expect![[r#"
            status 0
            --- stdout
            \frac{\partial f_{1}}{\partial y} = x
            \frac{\partial f_{2}}{\partial y} = 1
            f_{1} = 2
            f_{2} = 3
            \frac{\partial f_{1}}{\partial y} = 1
            \frac{\partial f_{2}}{\partial y} = 1
        "#]],
    );
    check(
        &[
            "jacobian",
            "x*y; x + y; sin(x)",
            "--at",
            "x=1,y=2",
            "--format",
            "json",
        ],
        expect![[r#"
            status 0
            --- stdout
            {"formulas":[["y","x"],["1","1"],["cos(x)","0"]],"jacobian":[[2.0,1.0],[1.0,1.0],[0.5403023058681398,0.0]],"values":[2.0,3.0,0.8414709848078965],"vars":["x","y"]}
        "#]],
    );
}

#[test]
fn jacobian_reads_standard_input() {
    expect![[r#"
        status 0
        --- stdout
        ∂f1/∂x = 2*x
        ∂f2/∂x = y
    "#]]
    .assert_eq(&run(&["jacobian", "-", "--wrt", "x"], "x^2; x*y\n"));
}

#[test]
fn jacobian_errors_point_at_the_column() {
    check_all(
        &[
            &["jacobian", "x*y;"],
            &["jacobian", "x;;y"],
            &["jacobian", "z = w*x;"],
            &["jacobian", "z = w*x; y = z^2"],
            &["jacobian", "x; z = 1; z"],
            &["jacobian", "x*y; x +; y"],
            &["jacobian", "x*y;\nsigmod(x)"],
            &["jacobian", ""],
            &["jacobian", "x*y", "x + y", "sin(x)"],
            &["jacobian", "z = x*y; z; x", "--wrt", "z"],
            &["jacobian", "x; y", "--at", "x=1"],
        ],
        expect![[r#"
            $ jacobian x*y;
            status 2
            --- stderr
            error: expected an output after `;`
             --> <input>:1:4
              |
            1 | x*y;
              |    ^
              |
              = help: separate the outputs by single `;`s, with none after the last, as in `z = w*x + b; sigmoid(z); z^2`
            $ jacobian x;;y
            status 2
            --- stderr
            error: expected an output before `;`
             --> <input>:1:3
              |
            1 | x;;y
              |   ^
              |
              = help: separate the outputs by single `;`s, with none after the last, as in `z = w*x + b; sigmoid(z); z^2`
            $ jacobian z = w*x;
            status 2
            --- stderr
            error: expected an output after the definitions
             --> <input>:1:9
              |
            1 | z = w*x;
              |         ^
              |
              = help: write the outputs after the definitions, separated by `;`, as in `z = w*x + b; sigmoid(z); z^2`
            $ jacobian z = w*x; y = z^2
            status 2
            --- stderr
            error: expected `;` and the outputs after the definitions
             --> <input>:1:17
              |
            1 | z = w*x; y = z^2
              |                 ^
              |
              = help: write the outputs after the definitions, separated by `;`, as in `z = w*x + b; sigmoid(z); z^2`
            $ jacobian x; z = 1; z
            status 2
            --- stderr
            error: the definition of `z` comes after an output
             --> <input>:1:4
              |
            1 | x; z = 1; z
              |    ^
              |
              = help: write the definitions first, then the outputs, as in `z = w*x + b; sigmoid(z); z^2`
            $ jacobian x*y; x +; y
            status 2
            --- stderr
            error: expected an operand after `+`
             --> <input>:1:9
              |
            1 | x*y; x +; y
              |         ^
              |
              = help: found end of input; `+` needs an operand on its right
            $ jacobian x*y;
            sigmod(x)
            status 2
            --- stderr
            error: unknown function `sigmod`
             --> <input>:2:1
              |
            2 | sigmod(x)
              | ^^^^^^
              |
              = help: did you mean `sigmoid`?
            $ jacobian 
            status 2
            --- stderr
            error: empty input: expected an expression
             --> <input>:1:1
              |
            1 |
              | ^
              |
              = help: write an expression such as `sigmoid(w*x + b)`
            $ jacobian x*y x + y sin(x)
            status 2
            --- stderr
            error: `jacobian` takes its outputs in one argument, separated by `;` (got 3 arguments)
              |
              = help: symdiff jacobian 'x*y; x + y; sin(x)'
            $ jacobian z = x*y; z; x --wrt z
            status 2
            --- stderr
            error: in --wrt: `z` is defined in the expression, not a variable (derivatives with respect to defined names are given by `diff` and `grad`)
             --> <input>:1:1
              |
            1 | z
              | ^
              |
              = help: its variables are x, y
            $ jacobian x; y --at x=1
            status 2
            --- stderr
            error: --at gives no value for the variable `y`
              |
              = help: every variable needs a value: --at x=…,y=…
        "#]],
    );
}

#[test]
fn jacobian_as_rust() {
    check(
        &["jacobian", "x*y; x", "--format", "rust"],
        expect![[r#"
            status 0
            --- stdout
            /// The Jacobian of `f` with respect to (x, y): one row per output, 2 by 2.
            ///
            /// ```text
            /// ∂f[0]/∂x = y
            /// ∂f[0]/∂y = x
            /// ∂f[1]/∂x = 1
            /// ∂f[1]/∂y = 0
            /// ```
            #[allow(unused_variables, unused_parens, non_snake_case, clippy::all, clippy::pedantic, clippy::nursery)]
            pub fn f_jacobian(x: ::core::primitive::f64, y: ::core::primitive::f64) -> [[::core::primitive::f64; 2]; 2] {
                let __t0: ::core::primitive::f64 = y;
                let __t1: ::core::primitive::f64 = x;
                let __t2: ::core::primitive::f64 = 1.0_f64;
                let __t3: ::core::primitive::f64 = 0.0_f64;
                [[__t0, __t1], [__t2, __t3]]
            }

            /// The values of `f` and its Jacobian, sharing one forward pass.
            ///
            /// ```text
            /// f[0] = x*y
            /// f[1] = x
            /// ∂f[0]/∂x = y
            /// ∂f[0]/∂y = x
            /// ∂f[1]/∂x = 1
            /// ∂f[1]/∂y = 0
            /// ```
            #[allow(unused_variables, unused_parens, non_snake_case, clippy::all, clippy::pedantic, clippy::nursery)]
            pub fn f_value_and_jacobian(x: ::core::primitive::f64, y: ::core::primitive::f64) -> ([::core::primitive::f64; 2], [[::core::primitive::f64; 2]; 2]) {
                let __t0: ::core::primitive::f64 = x;
                let __t1: ::core::primitive::f64 = y;
                let __t2: ::core::primitive::f64 = __t1 * __t0;
                let __t3: ::core::primitive::f64 = 1.0_f64;
                let __t4: ::core::primitive::f64 = 0.0_f64;
                ([__t2, __t0], [[__t1, __t0], [__t3, __t4]])
            }

            /// The variables of `f`'s derivatives, in the order of their entries.
            pub const F_WRT: [&::core::primitive::str; 2] = ["x", "y"];

        "#]],
    );
}

#[test]
fn jacobian_of_constants_has_no_columns() {
    check(
        &["jacobian", "1; 2"],
        expect![[r#"
        status 0
        --- stdout
        the expression has no variables: its Jacobian has no columns
    "#]],
    );
}

// --- hessian --sparse

#[test]
fn sparse_hessian_text_latex_json() {
    let rosenbrock = "100*(y - x^2)^2 + (1 - x)^2 + z";
    check(
        &["hessian", rosenbrock, "--sparse", "--at", "x=1,y=2,z=0"],
        expect![[r#"
            status 0
            --- stdout
            3 of the 6 entries of the lower triangle are not identically zero (density 0.5):
            (0, 0) ∂²/∂y² = 200
            (1, 0) ∂²/∂x∂y = -400*x
            (1, 1) ∂²/∂x² = 2 + 1200*x^2 - 400*y

            at y = 2, x = 1, z = 0:
            (0, 0) ∂²/∂y²  =  200
            (1, 0) ∂²/∂x∂y = -400
            (1, 1) ∂²/∂x²  =  402
        "#]],
    );
    check(
        &[
            "hessian", rosenbrock, "--sparse", "--wrt", "x,y", "--format", "latex",
        ],
        expect![[r#"
            status 0
            --- stdout
            \text{3 of the 3 entries of the lower triangle are not identically zero (density 1)}
            H_{0,0} = \frac{\partial^{2} f}{\partial x^{2}} = 2 + 1200 x^{2} - 400 y
            H_{1,0} = \frac{\partial^{2} f}{\partial y \, \partial x} = -400 x
            H_{1,1} = \frac{\partial^{2} f}{\partial y^{2}} = 200
        "#]],
    );
    check(
        &[
            "hessian",
            rosenbrock,
            "--sparse",
            "--format",
            "json",
            "--at",
            "x=1,y=2,z=0",
        ],
        expect![[r#"
            status 0
            --- stdout
            {"cols":[0,0,1],"density":0.5,"formulas":["200","-400*x","2 + 1200*x^2 - 400*y"],"rows":[0,1,1],"values":[200.0,-400.0,402.0],"vars":["y","x","z"]}
        "#]],
    );
    check(
        &["hessian", "x*y", "--sparse", "--format", "json"],
        expect![[r#"
            status 0
            --- stdout
            {"cols":[0],"density":0.3333333333333333,"formulas":["1"],"rows":[1],"vars":["x","y"]}
        "#]],
    );
}

#[test]
fn sparse_hessian_of_linear_and_constant_and_its_errors() {
    check_all(
        &[
            &["hessian", "x + 2*y", "--sparse"],
            &["hessian", "3", "--sparse"],
            &[
                "hessian", "x*y", "--sparse", "--at", "x=1,y=1", "--tol", "1e-3",
            ],
        ],
        expect![[r#"
            $ hessian x + 2*y --sparse
            status 0
            --- stdout
            0 of the 3 entries of the lower triangle are not identically zero (density 0)
            $ hessian 3 --sparse
            status 0
            --- stdout
            the expression has no variables: its Hessian is empty
            $ hessian x*y --sparse --at x=1,y=1 --tol 1e-3
            status 2
            --- stderr
            error: the argument '--sparse' cannot be used with '--tol <TOL>'

            Usage: symdiff hessian --sparse --at <POINT> <EXPR>

            For more information, try '--help'.
        "#]],
    );
}

#[test]
fn sparse_hessian_as_rust() {
    check(
        &["hessian", "x^2*y", "--sparse", "--format", "rust"],
        expect![[r#"
            status 0
            --- stdout
            /// The gradient of `f` with respect to (x, y).
            ///
            /// ```text
            /// ∂/∂x = 2*x*y
            /// ∂/∂y = x^2
            /// ```
            #[allow(unused_variables, unused_parens, non_snake_case, clippy::all, clippy::pedantic, clippy::nursery)]
            pub fn f_grad(x: ::core::primitive::f64, y: ::core::primitive::f64) -> [::core::primitive::f64; 2] {
                let __t0: ::core::primitive::f64 = y;
                let __t1: ::core::primitive::f64 = 2.0_f64;
                let __t2: ::core::primitive::f64 = x;
                let __t3: ::core::primitive::f64 = __t2 * __t1;
                let __t4: ::core::primitive::f64 = __t3 * __t0;
                let __t5: ::core::primitive::f64 = __t2 * __t2;
                [__t4, __t5]
            }

            /// The value of `f` and its gradient, sharing one forward pass.
            ///
            /// ```text
            /// f = x^2*y
            /// ∂/∂x = 2*x*y
            /// ∂/∂y = x^2
            /// ```
            #[allow(unused_variables, unused_parens, non_snake_case, clippy::all, clippy::pedantic, clippy::nursery)]
            pub fn f_value_and_grad(x: ::core::primitive::f64, y: ::core::primitive::f64) -> (::core::primitive::f64, [::core::primitive::f64; 2]) {
                let __t0: ::core::primitive::f64 = x;
                let __t1: ::core::primitive::f64 = 2.0_f64;
                let __t2: ::core::primitive::f64 = __t0 * __t0;
                let __t3: ::core::primitive::f64 = y;
                let __t4: ::core::primitive::f64 = __t3 * __t2;
                let __t5: ::core::primitive::f64 = __t0 * __t1;
                let __t6: ::core::primitive::f64 = __t5 * __t3;
                (__t4, [__t6, __t2])
            }

            /// Where the entries of `f_hessian_sparse` are: (row, column) in the lower
            /// triangle, row by row; 2 of the 3 entries of the triangle over (x, y).
            pub const F_HESSIAN_PATTERN: [(usize, usize); 2] = [(0, 0), (1, 0)];

            /// The Hessian of `f`: the 2 entries of its lower triangle that are not identically zero, row by row (see `F_HESSIAN_PATTERN`).
            ///
            /// ```text
            /// ∂²/∂x² = 2*y
            /// ∂²/∂y∂x = 2*x
            /// ```
            #[allow(unused_variables, unused_parens, non_snake_case, clippy::all, clippy::pedantic, clippy::nursery)]
            pub fn f_hessian_sparse(x: ::core::primitive::f64, y: ::core::primitive::f64) -> [::core::primitive::f64; 2] {
                let __t0: ::core::primitive::f64 = 2.0_f64;
                let __t1: ::core::primitive::f64 = y;
                let __t2: ::core::primitive::f64 = __t1 * __t0;
                let __t3: ::core::primitive::f64 = x;
                let __t4: ::core::primitive::f64 = __t3 * __t0;
                [__t2, __t4]
            }

            /// The variables of `f`'s derivatives, in the order of their entries.
            pub const F_WRT: [&::core::primitive::str; 2] = ["x", "y"];

        "#]],
    );
}

// --- hvp

#[test]
fn hvp_by_position_and_by_name() {
    let expr = "x^2*y + sin(y)";
    check(
        &["hvp", expr, "--dir", "1,2", "--at", "x=1,y=0"],
        expect![[r#"
            status 0
            --- stdout
            (H·v)_x = 4*x + 2*y
            (H·v)_y = 2*x - 2*sin(y)

            at x = 1, y = 0:
            (H·v)_x =  4
            (H·v)_y =  2
        "#]],
    );
    check(
        &["hvp", expr, "--dir", "y=1"],
        expect![[r#"
        status 0
        --- stdout
        (H·v)_x = 2*x
        (H·v)_y = -sin(y)
    "#]],
    );
    check(
        &[
            "hvp", expr, "--dir", "1/3,0.1", "--format", "json", "--at", "x=1,y=0",
        ],
        expect![[r#"
            status 0
            --- stdout
            {"direction":["1/3","1/10"],"formulas":["x/5 + 2*y/3","2*x/3 - sin(y)/10"],"values":[0.2,0.6666666666666666],"vars":["x","y"]}
        "#]],
    );
    check(
        &["hvp", expr, "--dir", "1,0", "--format", "latex"],
        expect![[r#"
            status 0
            --- stdout
            \left(H v\right)_{x} = 2 y
            \left(H v\right)_{y} = 2 x
        "#]],
    );
}

#[test]
fn hvp_as_rust() {
    check(
        &["hvp", "x*y^2", "--dir", "1,0", "--format", "rust"],
        expect![[r#"
            status 0
            --- stdout
            /// The gradient of `f` with respect to (x, y).
            ///
            /// ```text
            /// ∂/∂x = y^2
            /// ∂/∂y = 2*x*y
            /// ```
            #[allow(unused_variables, unused_parens, non_snake_case, clippy::all, clippy::pedantic, clippy::nursery)]
            pub fn f_grad(x: ::core::primitive::f64, y: ::core::primitive::f64) -> [::core::primitive::f64; 2] {
                let __t0: ::core::primitive::f64 = y;
                let __t1: ::core::primitive::f64 = 2.0_f64;
                let __t2: ::core::primitive::f64 = __t0 * __t0;
                let __t3: ::core::primitive::f64 = x;
                let __t4: ::core::primitive::f64 = __t0 * __t1;
                let __t5: ::core::primitive::f64 = __t4 * __t3;
                [__t2, __t5]
            }

            /// The value of `f` and its gradient, sharing one forward pass.
            ///
            /// ```text
            /// f = x*y^2
            /// ∂/∂x = y^2
            /// ∂/∂y = 2*x*y
            /// ```
            #[allow(unused_variables, unused_parens, non_snake_case, clippy::all, clippy::pedantic, clippy::nursery)]
            pub fn f_value_and_grad(x: ::core::primitive::f64, y: ::core::primitive::f64) -> (::core::primitive::f64, [::core::primitive::f64; 2]) {
                let __t0: ::core::primitive::f64 = x;
                let __t1: ::core::primitive::f64 = y;
                let __t2: ::core::primitive::f64 = 2.0_f64;
                let __t3: ::core::primitive::f64 = __t1 * __t1;
                let __t4: ::core::primitive::f64 = __t3 * __t0;
                let __t5: ::core::primitive::f64 = __t1 * __t2;
                let __t6: ::core::primitive::f64 = __t5 * __t0;
                (__t4, [__t3, __t6])
            }

            /// The Hessian of `f` with respect to (x, y) times `v`, without forming the Hessian.
            ///
            /// ```text
            /// (H·v)_x = 2*v[1]*y
            /// (H·v)_y = 2*v[0]*y + 2*v[1]*x
            /// ```
            #[allow(unused_variables, unused_parens, non_snake_case, clippy::all, clippy::pedantic, clippy::nursery)]
            pub fn f_hvp(x: ::core::primitive::f64, y: ::core::primitive::f64, v: [::core::primitive::f64; 2]) -> [::core::primitive::f64; 2] {
                let [__t_v_0, __t_v_1] = v;
                let __t0: ::core::primitive::f64 = __t_v_1;
                let __t1: ::core::primitive::f64 = 2.0_f64;
                let __t2: ::core::primitive::f64 = y;
                let __t3: ::core::primitive::f64 = __t2 * __t1;
                let __t4: ::core::primitive::f64 = __t3 * __t0;
                let __t5: ::core::primitive::f64 = __t_v_0;
                let __t6: ::core::primitive::f64 = __t5 * __t3;
                let __t7: ::core::primitive::f64 = x;
                let __t8: ::core::primitive::f64 = __t0 * __t1;
                let __t9: ::core::primitive::f64 = __t8 * __t7;
                let __t10: ::core::primitive::f64 = __t6 + __t9;
                [__t4, __t10]
            }

            /// The variables of `f`'s derivatives, in the order of their entries.
            pub const F_WRT: [&::core::primitive::str; 2] = ["x", "y"];

        "#]],
    );
}

#[test]
fn hvp_direction_errors() {
    let expr = "x^2*y + sin(y)";
    check_all(
        &[
            &["hvp", expr, "--dir", "1"],
            &["hvp", expr, "--dir", "1,2,3"],
            &["hvp", expr, "--dir", "q=1"],
            &["hvp", expr, "--dir", "pi=1"],
            &["hvp", "z = x*y; z^2 + w", "--wrt", "x,y", "--dir", "w=1"],
            &["hvp", "z = x*y; z^2 + w", "--wrt", "x,y", "--dir", "z=1"],
            &["hvp", expr, "--dir", "x=1,x=2"],
            &["hvp", expr, "--dir", "x=1,2"],
            &["hvp", expr, "--dir", "x=a"],
            &["hvp", expr, "--dir", "0,1/0"],
            &["hvp", expr, "--dir", "1,"],
            &["hvp", expr, "--dir", ""],
            &["hvp", expr],
        ],
        expect![[r#"
            $ hvp x^2*y + sin(y) --dir 1
            status 2
            --- stderr
            error: in --dir: the direction has 1 component, but the Hessian is over 2 variables (x, y)
             --> <input>:1:2
              |
            1 | 1
              |  ^
              |
              = help: give one number per variable, in the order of --wrt (`--dir 0,0`), or name them (`--dir name=1`)
            $ hvp x^2*y + sin(y) --dir 1,2,3
            status 2
            --- stderr
            error: in --dir: the direction has 3 components, but the Hessian is over 2 variables (x, y)
             --> <input>:1:5
              |
            1 | 1,2,3
              |     ^
              |
              = help: give one number per variable, in the order of --wrt (`--dir 0,0`), or name them (`--dir name=1`)
            $ hvp x^2*y + sin(y) --dir q=1
            status 2
            --- stderr
            error: in --dir: `q` does not appear in the expression
             --> <input>:1:1
              |
            1 | q=1
              | ^
              |
              = help: the Hessian is over x, y
            $ hvp x^2*y + sin(y) --dir pi=1
            status 2
            --- stderr
            error: in --dir: `pi` is a constant, not a variable
             --> <input>:1:1
              |
            1 | pi=1
              | ^^
              |
              = help: the Hessian is over x, y
            $ hvp z = x*y; z^2 + w --wrt x,y --dir w=1
            status 2
            --- stderr
            error: in --dir: `w` is not one of the variables of --wrt
             --> <input>:1:1
              |
            1 | w=1
              | ^
              |
              = help: the Hessian is over x, y
            $ hvp z = x*y; z^2 + w --wrt x,y --dir z=1
            status 2
            --- stderr
            error: in --dir: `z` is defined in the expression, not a variable
             --> <input>:1:1
              |
            1 | z=1
              | ^
              |
              = help: the Hessian is over x, y
            $ hvp x^2*y + sin(y) --dir x=1,x=2
            status 2
            --- stderr
            error: in --dir: `x` is listed twice
             --> <input>:1:5
              |
            1 | x=1,x=2
              |     ^
            $ hvp x^2*y + sin(y) --dir x=1,2
            status 2
            --- stderr
            error: in --dir: expected `name=number`
             --> <input>:1:5
              |
            1 | x=1,2
              |     ^
              |
              = help: name every component or none: `--dir x=1,y=0.5` or `--dir 1,0.5`
            $ hvp x^2*y + sin(y) --dir x=a
            status 2
            --- stderr
            error: in --dir: `a` is not a number
             --> <input>:1:3
              |
            1 | x=a
              |   ^
              |
              = help: components are numbers such as `1`, `-0.5`, `1e-3` or `1/3`
            $ hvp x^2*y + sin(y) --dir 0,1/0
            status 2
            --- stderr
            error: in --dir: `1/0` is not a number
             --> <input>:1:3
              |
            1 | 0,1/0
              |   ^^^
              |
              = help: components are numbers such as `1`, `-0.5`, `1e-3` or `1/3`
            $ hvp x^2*y + sin(y) --dir 1,
            status 2
            --- stderr
            error: in --dir: expected a number here
             --> <input>:1:2
              |
            1 | 1,
              |  ^
              |
              = help: components are numbers such as `1`, `-0.5`, `1e-3` or `1/3`
            $ hvp x^2*y + sin(y) --dir 
            status 2
            --- stderr
            error: in --dir: expected a direction
             --> <input>:1:1
              |
            1 |
              | ^
              |
              = help: give one number per variable (`--dir 1,0`) or name them (`--dir x=1`)
            $ hvp x^2*y + sin(y)
            status 2
            --- stderr
            error: the following required arguments were not provided:
              --dir <DIRECTION>

            Usage: symdiff hvp --dir <DIRECTION> <EXPR>

            For more information, try '--help'.
        "#]],
    );
}
