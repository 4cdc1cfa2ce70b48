//! Measures how long `#[derive_grad(hessian)]` takes to compile on the
//! 16-unit network of the benchmark suite (`mlp16`, 102 variables: a Hessian
//! of 10,404 entries). Built only with the `compile-time-bench` feature:
//!
//! ```text
//! cargo build --release -p symdiff-macros --example mlp16_hessian --features compile-time-bench
//! ```
//!
//! The top-level BENCHMARKS.md records the time.

use symdiff_macros::derive_grad;

/// A 4-16-1 network: tanh hidden layer, sigmoid output, squared loss.
#[derive_grad(hessian)]
#[allow(clippy::too_many_arguments)]
fn mlp16(w: &[f64; 64], c: &[f64; 16], v: &[f64; 16], d: f64, x: &[f64; 4], t: f64) -> f64 {
    let h1 = (w[0] * x[0] + w[1] * x[1] + w[2] * x[2] + w[3] * x[3] + c[0]).tanh();
    let h2 = (w[4] * x[0] + w[5] * x[1] + w[6] * x[2] + w[7] * x[3] + c[1]).tanh();
    let h3 = (w[8] * x[0] + w[9] * x[1] + w[10] * x[2] + w[11] * x[3] + c[2]).tanh();
    let h4 = (w[12] * x[0] + w[13] * x[1] + w[14] * x[2] + w[15] * x[3] + c[3]).tanh();
    let h5 = (w[16] * x[0] + w[17] * x[1] + w[18] * x[2] + w[19] * x[3] + c[4]).tanh();
    let h6 = (w[20] * x[0] + w[21] * x[1] + w[22] * x[2] + w[23] * x[3] + c[5]).tanh();
    let h7 = (w[24] * x[0] + w[25] * x[1] + w[26] * x[2] + w[27] * x[3] + c[6]).tanh();
    let h8 = (w[28] * x[0] + w[29] * x[1] + w[30] * x[2] + w[31] * x[3] + c[7]).tanh();
    let h9 = (w[32] * x[0] + w[33] * x[1] + w[34] * x[2] + w[35] * x[3] + c[8]).tanh();
    let h10 = (w[36] * x[0] + w[37] * x[1] + w[38] * x[2] + w[39] * x[3] + c[9]).tanh();
    let h11 = (w[40] * x[0] + w[41] * x[1] + w[42] * x[2] + w[43] * x[3] + c[10]).tanh();
    let h12 = (w[44] * x[0] + w[45] * x[1] + w[46] * x[2] + w[47] * x[3] + c[11]).tanh();
    let h13 = (w[48] * x[0] + w[49] * x[1] + w[50] * x[2] + w[51] * x[3] + c[12]).tanh();
    let h14 = (w[52] * x[0] + w[53] * x[1] + w[54] * x[2] + w[55] * x[3] + c[13]).tanh();
    let h15 = (w[56] * x[0] + w[57] * x[1] + w[58] * x[2] + w[59] * x[3] + c[14]).tanh();
    let h16 = (w[60] * x[0] + w[61] * x[1] + w[62] * x[2] + w[63] * x[3] + c[15]).tanh();
    let y = sigmoid(
        v[0] * h1
            + v[1] * h2
            + v[2] * h3
            + v[3] * h4
            + v[4] * h5
            + v[5] * h6
            + v[6] * h7
            + v[7] * h8
            + v[8] * h9
            + v[9] * h10
            + v[10] * h11
            + v[11] * h12
            + v[12] * h13
            + v[13] * h14
            + v[14] * h15
            + v[15] * h16
            + d,
    );
    (y - t).powi(2)
}

fn main() {
    let w: [f64; 64] = std::array::from_fn(|i| (i as f64 * 0.37).sin() * 0.5);
    let c: [f64; 16] = std::array::from_fn(|i| (i as f64 * 0.11).cos() * 0.1);
    let v: [f64; 16] = std::array::from_fn(|i| (i as f64 * 0.23).sin());
    let x = [0.5, -0.25, 0.75, 1.0];
    let hessian = mlp16_hessian(&w, &c, &v, 0.1, &x, 0.3);
    let trace: f64 = (0..102).map(|i| hessian[i][i]).sum();
    println!("loss {}", mlp16(&w, &c, &v, 0.1, &x, 0.3));
    println!("trace of the Hessian {trace}");
}
