use symdiff_macros::derive_grad;

#[derive_grad(hessian = sparse, hvp)]
fn polar(r: f64, theta: f64) -> [f64; 2] {
    [r * theta.cos(), r * theta.sin()]
}

fn main() {
    let _ = polar_jacobian(1.0, 0.5);
}
