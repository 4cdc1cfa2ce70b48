//! Side by side in one run: the generated gradient against a hand-written
//! analytic gradient, against the function itself, and against forward-mode
//! dual numbers (num-dual), each over a batch of 64 points; and the time the
//! macros themselves take to expand. The top-level BENCHMARKS.md records the figures.

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

#[allow(dead_code, reason = "the suite's checks use the rest of the module")]
#[path = "../tests/suite/loops.rs"]
mod loops;

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
#[path = "../src/emitted_items.rs"]
mod emitted_items;
#[allow(dead_code, reason = "only the expansion entry points are timed")]
#[path = "../src/errors.rs"]
mod errors;
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

/// How many points each timed iteration evaluates: a batch amortises the
/// timing loop, so that differences of a few instructions show.
const BATCH: usize = 64;

fn points<const N: usize>(seed: u64) -> Vec<[f64; N]> {
    (0..BATCH as u64)
        .map(|k| point::<N>(seed * 1000 + k))
        .collect()
}

/// Times `f` over every point of a batch, under `name` in `group`.
fn bench_batch<P, R>(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    name: &str,
    points: &[P],
    f: impl Fn(&P) -> R,
) {
    group.bench_function(name, |bench| {
        bench.iter(|| {
            for point in points {
                black_box(f(black_box(point)));
            }
        })
    });
}

fn neuron(c: &mut Criterion) {
    let points = points::<4>(1);
    let mut group = c.benchmark_group("neuron");
    bench_batch(&mut group, "function", &points, |&[w, b, x, t]| {
        handwritten::neuron(w, b, x, t)
    });
    bench_batch(&mut group, "generated_grad", &points, |&[w, b, x, t]| {
        handwritten::neuron_grad(w, b, x, t)
    });
    bench_batch(&mut group, "hand_grad", &points, |&[w, b, x, t]| {
        handwritten::neuron_grad_by_hand(w, b, x, t)
    });
    bench_batch(&mut group, "num_dual_grad", &points, |&[w, b, x, t]| {
        gradient(
            |p: SVector<DualSVec64<2>, 2>| neuron_dual(p[0], p[1], x, t),
            SVector::from([w, b]),
        )
    });
    group.finish();
}

fn rosen10(c: &mut Criterion) {
    let points = points::<10>(2);
    let mut group = c.benchmark_group("rosen10");
    bench_batch(&mut group, "function", &points, handwritten::rosen10);
    bench_batch(
        &mut group,
        "generated_grad",
        &points,
        handwritten::rosen10_grad,
    );
    bench_batch(
        &mut group,
        "hand_grad",
        &points,
        handwritten::rosen10_grad_by_hand,
    );
    bench_batch(&mut group, "num_dual_grad", &points, |x| {
        gradient(
            |p: SVector<DualSVec64<10>, 10>| rosen_dual(&p),
            SVector::from(*x),
        )
    });
    group.finish();
}

/// `mlp4`'s arguments from 30 coordinates in [0.2, 1.2).
#[derive(Clone, Copy)]
struct Mlp4Point {
    w: [f64; 16],
    c: [f64; 4],
    v: [f64; 4],
    d: f64,
    x: [f64; 4],
    t: f64,
}

impl Mlp4Point {
    fn new(p: [f64; 30]) -> Self {
        Mlp4Point {
            w: std::array::from_fn(|i| p[i] - 0.7),
            c: std::array::from_fn(|i| p[16 + i] - 0.7),
            v: std::array::from_fn(|i| 2.0 * p[20 + i] - 1.0),
            d: p[24] - 0.7,
            x: [p[25], p[26], p[27], p[28]],
            t: p[29],
        }
    }

    /// The 25 trained parameters `[w, c, v, d]`.
    fn params(&self) -> [f64; 25] {
        std::array::from_fn(|i| match i {
            0..16 => self.w[i],
            16..20 => self.c[i - 16],
            20..24 => self.v[i - 20],
            _ => self.d,
        })
    }
}

fn mlp4(c: &mut Criterion) {
    let points: Vec<Mlp4Point> = points::<30>(3).into_iter().map(Mlp4Point::new).collect();
    let mut group = c.benchmark_group("mlp4");
    bench_batch(&mut group, "function", &points, |p| {
        handwritten::mlp4(&p.w, &p.c, &p.v, p.d, &p.x, p.t)
    });
    bench_batch(&mut group, "generated_grad", &points, |p| {
        handwritten::mlp4_grad(&p.w, &p.c, &p.v, p.d, &p.x, p.t)
    });
    bench_batch(&mut group, "hand_grad", &points, |p| {
        handwritten::mlp4_grad_by_hand(&p.w, &p.c, &p.v, p.d, &p.x, p.t)
    });
    bench_batch(&mut group, "num_dual_grad", &points, |p| {
        gradient(
            |params: SVector<DualSVec64<25>, 25>| mlp4_dual(&params, &p.x, p.t),
            SVector::from(p.params()),
        )
    });
    group.finish();
}

fn rosen100(c: &mut Criterion) {
    let points = points::<100>(4);
    let mut group = c.benchmark_group("rosen100");
    bench_batch(&mut group, "function", &points, |x| {
        generated::rosen100::value(x)
    });
    bench_batch(&mut group, "generated_grad", &points, |x| {
        generated::rosen100::gradient_array(x)
    });
    bench_batch(&mut group, "num_dual_grad", &points, |x| {
        gradient(
            |p: SVector<DualSVec64<100>, 100>| rosen_dual(&p),
            SVector::from(*x),
        )
    });
    group.finish();
}

/// The suite's rosen100 and mlp16 written with loops (`tests/suite/loops.rs`)
/// against the same functions written out as expression strings.
fn loops_vs_strings(c: &mut Criterion) {
    let mut group = c.benchmark_group("loops_vs_strings");
    let points100 = points::<100>(4);
    bench_batch(&mut group, "rosen100_string_grad", &points100, |x| {
        generated::rosen100::gradient_array(x)
    });
    bench_batch(
        &mut group,
        "rosen100_loop_grad",
        &points100,
        loops::rosen100_grad,
    );
    let points102 = points::<102>(5);
    bench_batch(&mut group, "mlp16_string_grad", &points102, |x| {
        generated::mlp16::gradient_array(x)
    });
    let args: Vec<loops::MlpArgs<16>> = points102.iter().map(|x| loops::MlpArgs::of(x)).collect();
    bench_batch(&mut group, "mlp16_loop_grad", &args, |a| {
        loops::mlp16_grad(&a.w, &a.c, &a.v, a.d, &a.x, a.t)
    });
    group.finish();
}

/// The loop version of mlp16 as tokens, for its expansion time.
fn loop_mlp16_tokens() -> proc_macro2::TokenStream {
    function_tokens(include_str!("../tests/suite/loops.rs"), "mlp16")
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
    let loop_mlp16 = loop_mlp16_tokens();
    group.bench_function("derive_grad_loop_mlp16", |bench| {
        bench.iter(|| derive_grad::expand(quote::quote!(), black_box(loop_mlp16.clone())))
    });
    group.bench_function("derive_grad_hessian_loop_mlp16", |bench| {
        bench.iter(|| derive_grad::expand(quote::quote!(hessian), black_box(loop_mlp16.clone())))
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    targets = neuron, rosen10, mlp4, rosen100, loops_vs_strings, expansion
}
criterion_main!(benches);
