//! Side by side in one run: the generated gradient against a hand-written
//! analytic gradient, against the function itself, and against forward-mode
//! dual numbers (num-dual); and the time the macros themselves take to expand.
//! BENCHMARKS.md records the figures.

use criterion::{Criterion, criterion_group, criterion_main};
use nalgebra033::SVector;
use num_dual::{DualNum, DualSVec64, gradient};
use std::hint::black_box;
use std::time::Duration;

#[path = "../tests/suite/handwritten.rs"]
mod handwritten;

#[allow(dead_code, reason = "the suite's checks use the rest of the module")]
#[rustfmt::skip]
#[path = "../tests/suite/generated.rs"]
mod generated;

// The expansion as pure functions: a proc-macro crate cannot export them, so
// the bench compiles the same source files as modules of its own.
#[allow(
    dead_code,
    unreachable_pub,
    reason = "only the expansion entry points are timed"
)]
#[path = "../src/derive_grad/mod.rs"]
mod derive_grad;
#[allow(dead_code, reason = "only the expansion entry points are timed")]
#[path = "../src/errors.rs"]
mod errors;
#[allow(dead_code, reason = "only the expansion entry points are timed")]
#[path = "../src/straight_line.rs"]
mod straight_line;
#[allow(dead_code, reason = "only the expansion entry points are timed")]
#[path = "../src/string_macros.rs"]
mod string_macros;

/// A point with coordinates in [0.2, 1.2), as in the suite tests.
fn point<const N: usize>(seed: u64) -> [f64; N] {
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    std::array::from_fn(|_| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        0.2 + (state >> 11) as f64 / (1u64 << 53) as f64
    })
}

fn sigmoid<D: DualNum<f64> + Copy>(z: D) -> D {
    (D::one() + (-z).exp()).recip()
}

fn neuron_dual<D: DualNum<f64> + Copy>(w: D, b: D, x: f64, t: f64) -> D {
    let y = sigmoid(w * x + b);
    (y - t).powi(2)
}

fn rosen_dual<D: DualNum<f64> + Copy, const N: usize>(x: &SVector<D, N>) -> D {
    (0..N - 1)
        .map(|i| {
            let gap = x[i + 1] - x[i].powi(2);
            gap.powi(2) * 100.0 + (D::one() - x[i]).powi(2)
        })
        .sum()
}

/// `mlp4` over its 25 parameters `[w (16), c (4), v (4), d]`.
fn mlp4_dual<D: DualNum<f64> + Copy>(p: &SVector<D, 25>, x: &[f64; 4], t: f64) -> D {
    let mut z = p[24];
    for unit in 0..4 {
        let pre = p[4 * unit] * x[0]
            + p[4 * unit + 1] * x[1]
            + p[4 * unit + 2] * x[2]
            + p[4 * unit + 3] * x[3]
            + p[16 + unit];
        z += p[20 + unit] * pre.tanh();
    }
    (sigmoid(z) - t).powi(2)
}

fn neuron(c: &mut Criterion) {
    let [w, b, x, t] = point::<4>(1);
    let mut group = c.benchmark_group("neuron");
    group.bench_function("function", |bench| {
        bench.iter(|| handwritten::neuron(black_box(w), black_box(b), black_box(x), black_box(t)))
    });
    group.bench_function("generated_grad", |bench| {
        bench.iter(|| {
            handwritten::neuron_grad(black_box(w), black_box(b), black_box(x), black_box(t))
        })
    });
    group.bench_function("hand_grad", |bench| {
        bench.iter(|| {
            handwritten::neuron_grad_by_hand(black_box(w), black_box(b), black_box(x), black_box(t))
        })
    });
    group.bench_function("num_dual_grad", |bench| {
        bench.iter(|| {
            gradient(
                |p: SVector<DualSVec64<2>, 2>| neuron_dual(p[0], p[1], black_box(x), black_box(t)),
                SVector::from([black_box(w), black_box(b)]),
            )
        })
    });
    group.finish();
}

fn rosen10(c: &mut Criterion) {
    let x = point::<10>(2);
    let mut group = c.benchmark_group("rosen10");
    group.bench_function("function", |bench| {
        bench.iter(|| handwritten::rosen10(black_box(&x)))
    });
    group.bench_function("generated_grad", |bench| {
        bench.iter(|| handwritten::rosen10_grad(black_box(&x)))
    });
    group.bench_function("hand_grad", |bench| {
        bench.iter(|| handwritten::rosen10_grad_by_hand(black_box(&x)))
    });
    group.bench_function("num_dual_grad", |bench| {
        bench.iter(|| {
            gradient(
                |p: SVector<DualSVec64<10>, 10>| rosen_dual(&p),
                SVector::from(black_box(x)),
            )
        })
    });
    group.finish();
}

fn mlp4(c: &mut Criterion) {
    let p = point::<30>(3);
    let w: [f64; 16] = std::array::from_fn(|i| p[i] - 0.7);
    let bias: [f64; 4] = std::array::from_fn(|i| p[16 + i] - 0.7);
    let v: [f64; 4] = std::array::from_fn(|i| 2.0 * p[20 + i] - 1.0);
    let (d, x, t) = (p[24] - 0.7, [p[25], p[26], p[27], p[28]], p[29]);
    let params: [f64; 25] = std::array::from_fn(|i| match i {
        0..16 => w[i],
        16..20 => bias[i - 16],
        20..24 => v[i - 20],
        _ => d,
    });
    let mut group = c.benchmark_group("mlp4");
    group.bench_function("function", |bench| {
        bench.iter(|| handwritten::mlp4(black_box(&w), &bias, &v, d, &x, t))
    });
    group.bench_function("generated_grad", |bench| {
        bench.iter(|| handwritten::mlp4_grad(black_box(&w), &bias, &v, d, &x, t))
    });
    group.bench_function("hand_grad", |bench| {
        bench.iter(|| handwritten::mlp4_grad_by_hand(black_box(&w), &bias, &v, d, &x, t))
    });
    group.bench_function("num_dual_grad", |bench| {
        bench.iter(|| {
            gradient(
                |p: SVector<DualSVec64<25>, 25>| mlp4_dual(&p, &x, t),
                SVector::from(black_box(params)),
            )
        })
    });
    group.finish();
}

fn rosen100(c: &mut Criterion) {
    let x = point::<100>(4);
    let mut group = c.benchmark_group("rosen100");
    group.bench_function("function", |bench| {
        bench.iter(|| generated::rosen100::value(black_box(&x)))
    });
    group.bench_function("generated_grad", |bench| {
        bench.iter(|| generated::rosen100::gradient_array(black_box(&x)))
    });
    group.bench_function("num_dual_grad", |bench| {
        bench.iter(|| {
            gradient(
                |p: SVector<DualSVec64<100>, 100>| rosen_dual(&p),
                SVector::from(black_box(x)),
            )
        })
    });
    group.finish();
}

/// The functions of `examples/mlp16_hessian.rs` and `tests/suite/handwritten.rs`
/// whose names are given, as token streams.
fn function_tokens(source: &str, name: &str) -> proc_macro2::TokenStream {
    let Ok(file) = syn::parse_file(source) else {
        return proc_macro2::TokenStream::new();
    };
    file.items
        .into_iter()
        .find_map(|item| match item {
            syn::Item::Fn(mut func) if func.sig.ident == name => {
                func.attrs.clear();
                Some(quote::quote!(#func))
            }
            _ => None,
        })
        .unwrap_or_default()
}

fn expansion(c: &mut Criterion) {
    let handwritten = include_str!("../tests/suite/handwritten.rs");
    let neuron = function_tokens(handwritten, "neuron");
    let mlp4 = function_tokens(handwritten, "mlp4");
    let mlp16 = function_tokens(include_str!("../examples/mlp16_hessian.rs"), "mlp16");
    let mut group = c.benchmark_group("expansion");
    group.bench_function("derive_grad_neuron", |bench| {
        bench.iter(|| derive_grad::expand(quote::quote!(wrt(w, b)), black_box(neuron.clone())))
    });
    group.bench_function("derive_grad_mlp4", |bench| {
        bench.iter(|| derive_grad::expand(quote::quote!(), black_box(mlp4.clone())))
    });
    group.bench_function("grad_string_mlp4", |bench| {
        let source = generated::CASES
            .iter()
            .find(|case| case.name == "mlp4")
            .map_or("", |case| case.source);
        let literal = proc_macro2::Literal::string(source);
        bench.iter(|| string_macros::grad(black_box(quote::quote!(#literal))))
    });
    group.sample_size(10);
    group.bench_function("derive_grad_hessian_mlp16", |bench| {
        bench.iter(|| derive_grad::expand(quote::quote!(hessian), black_box(mlp16.clone())))
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    targets = neuron, rosen10, mlp4, rosen100, expansion
}
criterion_main!(benches);
