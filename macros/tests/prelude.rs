//! Generated code names everything by absolute path, so it compiles where the
//! prelude's names, `f64`, `str`, `core` and `std` mean something else (after
//! proc-macro-workshop's `09-redefined-prelude-types`).

mod shadowed {
    #![allow(non_camel_case_types, dead_code)]

    use symdiff_macros::{derive_grad, diff, grad, grad_formulas, hessian};

    type Option = ();
    type Result = ();
    type Box = ();
    type Vec = ();
    type Some = ();
    struct f64;
    struct str;
    mod core {}
    mod std {}

    type Real = ::core::primitive::f64;

    #[derive_grad(hessian)]
    pub(super) fn loss(
        w: ::core::primitive::f64,
        x: [::core::primitive::f64; 2],
    ) -> ::core::primitive::f64 {
        let y = sigmoid(w * x[0]) + relu(x[1]).max(softplus(w)) - heaviside(w) + min(w, x[1]);
        y * y / ::core::f64::consts::PI
    }

    #[derive_grad]
    pub(super) fn pair(
        w: ::core::primitive::f64,
        x: [::core::primitive::f64; 2],
    ) -> (::core::primitive::f64, ::core::primitive::f64) {
        (w * x[0], sigmoid(x[1]))
    }

    pub(super) fn closures(at: Real) -> [Real; 5] {
        let gradient = grad!("sigmoid(w*x + b) + pi*w", wrt = [w]);
        let hessian = hessian!("x^2*y");
        let derivative = diff!("exp(x)/x", x);
        let formulas: [&'static ::core::primitive::str; 1] = grad_formulas!("x^3");
        assert_eq!(formulas, ["3*x^2"]);
        [
            gradient(at, 1.0, 0.0)[0],
            hessian(at, 1.0)[0][1],
            derivative(at),
            0.0,
            0.0,
        ]
    }
}

#[test]
fn generated_code_ignores_shadowed_names() {
    let x = [0.3, 0.7];
    let (value, gradient) = shadowed::loss_value_and_grad(0.5, x);
    assert!((value - shadowed::loss(0.5, x)).abs() <= 1e-14 * value.abs());
    assert_eq!(gradient, shadowed::loss_grad(0.5, x));
    assert_eq!(shadowed::loss_hessian(0.5, x).len(), 3);
    let (values, jacobian) = shadowed::pair_value_and_jacobian(0.5, x);
    assert_eq!(values, [0.5 * x[0], 1.0 / (1.0 + (-x[1]).exp())]);
    assert_eq!(jacobian, shadowed::pair_jacobian(0.5, x));
    assert_eq!(jacobian[0], [x[0], 0.5, 0.0]);
    let [d_w, d_xy, d_x, ..] = shadowed::closures(2.0);
    let sigmoid_2 = 1.0 / (1.0 + (-2.0f64).exp());
    assert!((d_w - (sigmoid_2 * (1.0 - sigmoid_2) + std::f64::consts::PI)).abs() < 1e-12);
    assert_eq!(d_xy, 4.0);
    assert!((d_x - 2.0f64.exp() / 4.0).abs() < 1e-12);
}
