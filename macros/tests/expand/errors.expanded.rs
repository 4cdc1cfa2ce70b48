fn bad(w: f64, n: usize, x: [f64; 3]) -> f64 {
    let i = 1;
    let y = if w > 0.0 { w } else { 0.0 };
    let z = x[i] + unknown(w) + w % 2.0;
    for k in 0..3 {}
    {
        let __symdiff_0: ::core::primitive::f64 = y + z;
        1.0_f64 / (1.0_f64 + ::core::primitive::f64::exp(-__symdiff_0))
    }
}
::core::compile_error! {
    "unknown derive_grad option `hesian`\n= help: the options are `wrt(a, b)`, `hessian`, `hessian = sparse` and `hvp`"
}
::core::compile_error! {
    "derive_grad cannot differentiate this parameter type\n= help: use f64, &f64, [f64; N] or &[f64; N]"
}
::core::compile_error! {
    "`q` in wrt(..) is not a parameter of this function\n= help: the parameters are: w, n, x"
}
::core::compile_error! {
    "unknown function `unknown`\n= help: the known functions are sin, cos, tan, asin, acos, atan, sinh, cosh, tanh, exp, log, ln, sqrt, abs, sign, sigmoid, relu, leaky_relu, softplus, heaviside, max, min, erf, gelu, silu, swish, elu, softsign, log1p, expm1, atan2, hypot, cbrt, pow, and f64 methods such as `x.exp()`; a call of another function cannot be differentiated, even of one marked #[derive_grad]: write the helper's body inline, or as a `let` binding"
}
::core::compile_error! {
    "operator `%` cannot be differentiated\n= help: use + - * / and the f64 methods powi and powf"
}
