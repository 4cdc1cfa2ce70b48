//! Cases of the suite written as ordinary Rust, with loops over arrays,
//! mutable accumulators, iterators and branches (issue 12), and an `if`-based
//! Huber loss: their generated gradients and Hessians agree with the
//! expression strings' (the engine's, at run time) and with central
//! differences.

use symdiff_macros::derive_grad;

/// Rosenbrock in 100 variables: a loop up to the array's length.
#[derive_grad(hessian)]
pub(crate) fn rosen100(x: &[f64; 100]) -> f64 {
    let mut total = 0.0;
    for i in 0..x.len() - 1 {
        total += 100.0 * (x[i + 1] - x[i].powi(2)).powi(2) + (1.0 - x[i]).powi(2);
    }
    total
}

/// A 4-4-1 network in iterator style: a `const`, a local array written
/// entry by entry, `zip`/`map`/`sum` and `fold`.
#[derive_grad(hessian)]
pub(crate) fn mlp4(
    w: &[[f64; 4]; 4],
    c: &[f64; 4],
    v: &[f64; 4],
    d: f64,
    x: &[f64; 4],
    t: f64,
) -> f64 {
    const N: usize = 4;
    let mut hidden = [0.0; N];
    for i in 0..N {
        hidden[i] = (w[i].iter().zip(x.iter()).map(|(a, b)| a * b).sum::<f64>() + c[i]).tanh();
    }
    let out = v.iter().zip(&hidden).fold(d, |acc, (vi, hi)| acc + vi * hi);
    (sigmoid(out) - t).powi(2)
}

/// A 4-16-1 network as nested loops: the dense layer of issue 12.
#[derive_grad(hessian)]
pub(crate) fn mlp16(
    w: &[[f64; 4]; 16],
    c: &[f64; 16],
    v: &[f64; 16],
    d: f64,
    x: &[f64; 4],
    t: f64,
) -> f64 {
    let mut out = d;
    for i in 0..16 {
        let mut pre = c[i];
        for j in 0..4 {
            pre += w[i][j] * x[j];
        }
        out += v[i] * pre.tanh();
    }
    (sigmoid(out) - t).powi(2)
}

/// The Huber loss of 8 residuals, with an `if` on data.
#[derive_grad(hessian)]
pub(crate) fn huber(r: &[f64; 8], delta: f64) -> f64 {
    let mut total = 0.0;
    for &ri in r.iter() {
        let size = ri.abs();
        if size <= delta {
            total += 0.5 * ri * ri;
        } else {
            total += delta * (size - 0.5 * delta);
        }
    }
    total
}

/// The same Huber loss as an expression string, over `r1` … `r8`, `delta`.
pub(crate) fn huber_source() -> String {
    let terms: Vec<String> = (1..=8)
        .map(|i| format!("where(abs(r{i}) <= delta, r{i}^2/2, delta*(abs(r{i}) - delta/2))"))
        .collect();
    terms.join(" + ")
}

/// The suite's variable name of each position of the loop versions'
/// parameters, flattened in order.
pub(crate) fn rosen100_names() -> Vec<String> {
    (1..=100).map(|i| format!("x{i}")).collect()
}

pub(crate) fn mlp_names(n_hidden: usize) -> Vec<String> {
    let mut names = Vec::new();
    for i in 1..=n_hidden {
        for j in 1..=4 {
            names.push(format!("W{i}_{j}"));
        }
    }
    names.extend((1..=n_hidden).map(|i| format!("c{i}")));
    names.extend((1..=n_hidden).map(|i| format!("v{i}")));
    names.push("d".to_owned());
    names.extend((1..=4).map(|j| format!("x{j}")));
    names.push("t".to_owned());
    names
}

pub(crate) fn huber_names() -> Vec<String> {
    let mut names: Vec<String> = (1..=8).map(|i| format!("r{i}")).collect();
    names.push("delta".to_owned());
    names
}

/// The flat point's entries as the loop versions' parameters.
pub(crate) struct MlpArgs<const H: usize> {
    pub(crate) w: [[f64; 4]; H],
    pub(crate) c: [f64; H],
    pub(crate) v: [f64; H],
    pub(crate) d: f64,
    pub(crate) x: [f64; 4],
    pub(crate) t: f64,
}

impl<const H: usize> MlpArgs<H> {
    pub(crate) fn of(at: &[f64]) -> Self {
        Self {
            w: std::array::from_fn(|i| std::array::from_fn(|j| at[4 * i + j])),
            c: std::array::from_fn(|i| at[4 * H + i]),
            v: std::array::from_fn(|i| at[5 * H + i]),
            d: at[6 * H],
            x: std::array::from_fn(|j| at[6 * H + 1 + j]),
            t: at[6 * H + 5],
        }
    }
}

/// One loop case: its variables' names in the string, the string, and the
/// generated functions over a flat point.
pub(crate) struct LoopCase {
    pub(crate) name: &'static str,
    pub(crate) names: Vec<String>,
    pub(crate) source: String,
    pub(crate) value: fn(&[f64]) -> f64,
    pub(crate) gradient: fn(&[f64]) -> Vec<f64>,
    pub(crate) hessian: fn(&[f64]) -> Vec<Vec<f64>>,
}

fn rows<const N: usize>(hessian: [[f64; N]; N]) -> Vec<Vec<f64>> {
    hessian.iter().map(|row| row.to_vec()).collect()
}

pub(crate) fn cases(suite_source: impl Fn(&str) -> String) -> Vec<LoopCase> {
    vec![
        LoopCase {
            name: "rosen100",
            names: rosen100_names(),
            source: suite_source("rosen100"),
            value: |at| rosen100(&std::array::from_fn(|i| at[i])),
            gradient: |at| rosen100_grad(&std::array::from_fn(|i| at[i])).to_vec(),
            hessian: |at| rows(rosen100_hessian(&std::array::from_fn(|i| at[i]))),
        },
        LoopCase {
            name: "mlp4",
            names: mlp_names(4),
            source: suite_source("mlp4"),
            value: |at| {
                let a = MlpArgs::<4>::of(at);
                mlp4(&a.w, &a.c, &a.v, a.d, &a.x, a.t)
            },
            gradient: |at| {
                let a = MlpArgs::<4>::of(at);
                mlp4_grad(&a.w, &a.c, &a.v, a.d, &a.x, a.t).to_vec()
            },
            hessian: |at| {
                let a = MlpArgs::<4>::of(at);
                rows(mlp4_hessian(&a.w, &a.c, &a.v, a.d, &a.x, a.t))
            },
        },
        LoopCase {
            name: "mlp16",
            names: mlp_names(16),
            source: suite_source("mlp16"),
            value: |at| {
                let a = MlpArgs::<16>::of(at);
                mlp16(&a.w, &a.c, &a.v, a.d, &a.x, a.t)
            },
            gradient: |at| {
                let a = MlpArgs::<16>::of(at);
                mlp16_grad(&a.w, &a.c, &a.v, a.d, &a.x, a.t).to_vec()
            },
            hessian: |at| {
                let a = MlpArgs::<16>::of(at);
                rows(mlp16_hessian(&a.w, &a.c, &a.v, a.d, &a.x, a.t))
            },
        },
        LoopCase {
            name: "huber",
            names: huber_names(),
            source: huber_source(),
            value: |at| huber(&std::array::from_fn(|i| at[i]), at[8]),
            gradient: |at| huber_grad(&std::array::from_fn(|i| at[i]), at[8]).to_vec(),
            hessian: |at| rows(huber_hessian(&std::array::from_fn(|i| at[i]), at[8])),
        },
    ]
}
