//! The side-by-side comparison of issue 14, in one criterion run:
//!
//! 1. `parse/CASE/PEER`: parsing every case of the suite with symdiff,
//!    fasteval, meval and exmex;
//! 2. `gradient/CASE/PEER`, `hessian/CASE/PEER`: building the symbolic
//!    gradient and Hessian from the parsed function, symdiff against exmex's
//!    partial derivatives (on the cases exmex finishes in time);
//! 3. `point/CASE/PEER`: evaluating value + gradient (and Hessian) at one
//!    point: symdiff's tape against exmex, fasteval (value only), num-dual,
//!    the hand-written gradient, the generated code (`#[derive_grad]`,
//!    `grad!`) and the `symdiff` 2.1 crate;
//! 4. `batch/CASE/PEER`: the tape over 10,000 points, one point at a time
//!    and as one batch.
//!
//! Before anything is timed, every peer's gradient is checked against
//! symdiff's at a point (an assertion). BENCHMARKS.md at the top of the
//! checkout has the figures and how to run this.

use criterion::{BenchmarkGroup, Criterion, SamplingMode, Throughput, measurement::WallTime};
use exmex::prelude::*;
use std::hint::black_box;
use symdiff::Expr;
use symdiff::compile::Tape;
use symdiff::graph::{Graph, NodeId, VarId};
use symdiff_bench_peers::{coded, points::points, suite};

/// The cases on which the benchmark times exmex's gradient and Hessian:
/// `examples/probe.rs` (one build each, BENCHMARKS.md) gave the others more
/// than 10 s each (exmex's Hessian of product30 13 s, of mlp4 over a minute
/// for 13 of its 30 rows; its gradient of mlp16 58 s, of rosen100 over two
/// minutes). exmex cannot read `ode200` and `deepmlp8` (definitions).
const EXMEX_GRADIENT: &[&str] = &[
    "neuron",
    "gauss2d",
    "saddle",
    "rosen10",
    "nested20",
    "product30",
    "softmax5",
    "mlp4",
];
const EXMEX_HESSIAN: &[&str] = &[
    "neuron", "gauss2d", "saddle", "rosen10", "nested20", "softmax5",
];

const BATCH_POINTS: usize = 10_000;

fn main() {
    // Deep cases (rnn200 nests 200 calls) recurse deeply in the peers'
    // parsers and in exmex's derivatives: give them a large stack.
    std::thread::Builder::new()
        .stack_size(1 << 30)
        .spawn(|| {
            let mut c = Criterion::default().configure_from_args();
            parsing(&mut c);
            symbolic(&mut c);
            evaluation(&mut c);
            batch(&mut c);
            c.final_summary();
        })
        .expect("the benchmark thread starts")
        .join()
        .expect("the benchmarks run");
}

// ---------------------------------------------------------------------------
// 1. Parsing

fn parsing(c: &mut Criterion) {
    println!("\nWho reads which case (parsing):");
    for (name, source) in suite::cases() {
        let exmex_text = suite::for_exmex(source);
        let mut slab = fasteval::Slab::with_capacity(4096);
        let fasteval_ok = fasteval::Parser::new().parse(source, &mut slab.ps).is_ok();
        let meval_ok = source.parse::<meval::Expr>().is_ok();
        let exmex_ok = exmex_text
            .as_deref()
            .is_some_and(|text| FlatEx::<f64>::parse(text).is_ok());
        println!("  {name:<9} fasteval {fasteval_ok:<5} meval {meval_ok:<5} exmex {exmex_ok}");
        symdiff_parser::parse(source).expect("symdiff parses the suite");

        let mut group = c.benchmark_group(format!("parse/{name}"));
        group.bench_function("symdiff", |b| {
            b.iter(|| symdiff_parser::parse(black_box(source)))
        });
        // Like for like with fasteval's slab: the program's vectors kept and
        // reused from one parse to the next.
        let mut buffers = symdiff_parser::ParseBuffers::new();
        group.bench_function("symdiff_reused", |b| {
            b.iter(|| {
                if let Ok(program) = buffers.parse(black_box(source)) {
                    buffers.recycle(black_box(program));
                }
            })
        });
        if fasteval_ok {
            // fasteval parses into a slab that is reused and cleared, as it
            // intends (this favours it).
            group.bench_function("fasteval", |b| {
                b.iter(|| {
                    slab.clear();
                    let parsed = fasteval::Parser::new().parse(black_box(source), &mut slab.ps);
                    black_box(parsed.is_ok())
                })
            });
        }
        if meval_ok {
            group.bench_function("meval", |b| {
                b.iter(|| black_box(source).parse::<meval::Expr>())
            });
        }
        if let (true, Some(text)) = (exmex_ok, exmex_text.as_deref()) {
            group.bench_function("exmex", |b| {
                b.iter(|| FlatEx::<f64>::parse(black_box(text)))
            });
        }
        group.finish();
    }
}

// ---------------------------------------------------------------------------
// 2. Symbolic gradient and Hessian

/// The parsed function's graph, its root and its variables sorted by name.
fn lowered(source: &str) -> (Graph, NodeId, Vec<VarId>) {
    let program = symdiff_parser::parse(source).expect("parses");
    let mut graph = Graph::new();
    let root = symdiff::lower::lower_program(&mut graph, &program, source).expect("lowers");
    let mut vars = symdiff::variables_of(&graph, &[root]);
    vars.sort_by(|a, b| graph.var_name(*a).cmp(graph.var_name(*b)));
    (graph, root, vars)
}

fn exmex_gradient(expr: &FlatEx<f64>) -> Vec<FlatEx<f64>> {
    (0..expr.var_names().len())
        .map(|i| expr.clone().partial(i).expect("exmex differentiates"))
        .collect()
}

/// The upper triangle, row by row, as symdiff builds it.
fn exmex_hessian(gradient: &[FlatEx<f64>]) -> Vec<FlatEx<f64>> {
    let n = gradient.len();
    (0..n)
        .flat_map(|i| (i..n).map(move |j| (i, j)))
        .map(|(i, j)| {
            gradient[i]
                .clone()
                .partial(j)
                .expect("exmex differentiates")
        })
        .collect()
}

fn symbolic(c: &mut Criterion) {
    println!("\nSizes of symdiff's results (tree nodes, distinct DAG nodes, tape instructions):");
    println!(
        "  {:<9} {:>4} {:>12} {:>8} {:>8} {:>12} {:>8} {:>8} {:>8}",
        "case", "vars", "grad tree", "dag", "instr", "hess tree", "dag", "instr", "f instr"
    );
    for (name, source) in suite::cases() {
        let (mut graph, root, vars) = lowered(source);
        let gradient = symdiff::gradient::gradient(&mut graph, root, &vars);
        let hessian = symdiff::gradient::hessian_from_gradient(&mut graph, &gradient, &vars);
        let entries: Vec<NodeId> = hessian
            .iter()
            .enumerate()
            .flat_map(|(i, row)| row[i..].iter().copied())
            .collect();
        let tree =
            |roots: &[NodeId]| -> f64 { symdiff::size::tree_sizes(&graph, roots).iter().sum() };
        let instructions = |roots: &[NodeId]| {
            Tape::new(&graph, roots, &vars).map_or(0, |tape| tape.instructions().len())
        };
        println!(
            "  {name:<9} {:>4} {:>12.3e} {:>8} {:>8} {:>12.3e} {:>8} {:>8} {:>8}",
            vars.len(),
            tree(&gradient),
            symdiff::size::dag_size(&graph, &gradient),
            instructions(&gradient),
            tree(&entries),
            symdiff::size::dag_size(&graph, &entries),
            instructions(&entries),
            instructions(&[root]),
        );
    }

    for (kind, exmex_cases) in [("gradient", EXMEX_GRADIENT), ("hessian", EXMEX_HESSIAN)] {
        for (name, source) in suite::cases() {
            let (graph, root, vars) = lowered(source);
            let mut group = c.benchmark_group(format!("{kind}/{name}"));
            group.sample_size(10).sampling_mode(SamplingMode::Flat);
            // From the parsed function, in a fresh copy of its graph each
            // time, as exmex starts from its parsed expression.
            group.bench_function("symdiff", |b| {
                b.iter_batched(
                    || graph.clone(),
                    |mut graph| {
                        let gradient = symdiff::gradient::gradient(&mut graph, root, &vars);
                        if kind == "hessian" {
                            let hessian = symdiff::gradient::hessian_from_gradient(
                                &mut graph, &gradient, &vars,
                            );
                            black_box(hessian);
                        }
                        (graph, gradient)
                    },
                    criterion::BatchSize::LargeInput,
                )
            });
            if exmex_cases.contains(&name) {
                let text = suite::for_exmex(source).expect("exmex reads the case");
                let expr = FlatEx::<f64>::parse(&text).expect("exmex parses the case");
                group.bench_function("exmex", |b| {
                    b.iter(|| {
                        let gradient = exmex_gradient(&expr);
                        if kind == "hessian" {
                            black_box(exmex_hessian(&gradient));
                        }
                        gradient
                    })
                });
            }
            group.finish();
        }
    }
}

// ---------------------------------------------------------------------------
// 3. Evaluation at one point

/// The tape of `[f, gradient]`, with the Hessian's upper triangle too when
/// `with_hessian`, over `names` in that order.
fn tape_of(source: &str, names: &[String], with_hessian: bool) -> Tape {
    let expr = Expr::parse(source).expect("parses");
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let mut outputs = vec![expr.clone()];
    if with_hessian {
        let (gradient, hessian) = expr.gradient_and_hessian(&names);
        outputs.extend(gradient);
        for (i, row) in hessian.into_iter().enumerate() {
            outputs.extend(row.into_iter().skip(i));
        }
    } else {
        outputs.extend(expr.gradient(&names));
    }
    Expr::compile(&outputs, &names).expect("compiles")
}

/// Asserts that `got` agrees with symdiff's `want` to 1e-9, relatively.
fn assert_close(case: &str, peer: &str, got: &[f64], want: &[f64]) {
    assert_eq!(got.len(), want.len(), "{case}: {peer} has the wrong length");
    for (k, (g, w)) in got.iter().zip(want).enumerate() {
        assert!(
            (g - w).abs() <= 1e-9 * (1.0 + w.abs()),
            "{case}: {peer} disagrees with symdiff at entry {k}: {g} against {w}"
        );
    }
}

/// fasteval's namespace: the point's variables by name, and the functions
/// fasteval lacks.
fn fasteval_namespace<'a>(
    names: &'a [String],
    point: &'a [f64],
) -> impl FnMut(&str, Vec<f64>) -> Option<f64> + 'a {
    move |name, args| match (name, args.as_slice()) {
        ("exp", [u]) => Some(u.exp()),
        ("ln", [u]) => Some(u.ln()),
        ("sqrt", [u]) => Some(u.sqrt()),
        ("sigmoid", [u]) => Some(1.0 / (1.0 + (-u).exp())),
        ("pi", []) => Some(std::f64::consts::PI),
        (_, []) => names.iter().position(|n| n == name).map(|k| point[k]),
        _ => None,
    }
}

fn evaluation(c: &mut Criterion) {
    let coded = coded::all();
    for (name, source) in suite::cases() {
        let coded_case = coded.iter().find(|case| case.name == name);
        let names = coded_case.map_or_else(
            || suite::sorted_variables(source),
            |case| case.names.clone(),
        );
        let n = names.len();
        let point = points(1, n, 7);
        let tape = tape_of(source, &names, false);
        let mut want = vec![0.0; 1 + n];
        tape.eval(&point, &mut want).expect("evaluates");
        let tape_hessian = tape_of(source, &names, true);
        let mut want_h = vec![0.0; tape_hessian.outputs().len()];
        tape_hessian.eval(&point, &mut want_h).expect("evaluates");

        let mut group = c.benchmark_group(format!("point/{name}"));
        let mut out = vec![0.0; 1 + n];
        group.bench_function("tape_value_grad", |b| {
            b.iter(|| tape.eval(black_box(&point), &mut out))
        });
        let mut out_h = vec![0.0; want_h.len()];
        group.bench_function("tape_value_grad_hessian", |b| {
            b.iter(|| tape_hessian.eval(black_box(&point), &mut out_h))
        });

        // exmex: the value and each partial derivative, evaluated one by one
        // (variables in its own order, sorted by name: the point is put in
        // that order beforehand).
        if EXMEX_GRADIENT.contains(&name) {
            let text = suite::for_exmex(source).expect("exmex reads the case");
            let expr = FlatEx::<f64>::parse(&text).expect("exmex parses the case");
            let order: Vec<usize> = expr
                .var_names()
                .iter()
                .map(|v| names.iter().position(|n| n == v).expect("same variables"))
                .collect();
            let exmex_point: Vec<f64> = order.iter().map(|&k| point[k]).collect();
            let gradient = exmex_gradient(&expr);
            let mut got = vec![0.0; 1 + n];
            got[0] = expr.eval(&exmex_point).expect("exmex evaluates");
            for (i, partial) in gradient.iter().enumerate() {
                got[1 + order[i]] = partial.eval(&exmex_point).expect("exmex evaluates");
            }
            assert_close(name, "exmex", &got, &want);
            group.bench_function("exmex_value_grad", |b| {
                b.iter(|| {
                    let point = black_box(&exmex_point);
                    let value = expr.eval(point);
                    let partials: Vec<_> = gradient.iter().map(|g| g.eval(point)).collect();
                    (value, partials)
                })
            });
            if EXMEX_HESSIAN.contains(&name) {
                let hessian = exmex_hessian(&gradient);
                group.bench_function("exmex_value_grad_hessian", |b| {
                    b.iter(|| {
                        let point = black_box(&exmex_point);
                        let value = expr.eval(point);
                        let partials: Vec<_> = gradient.iter().map(|g| g.eval(point)).collect();
                        let second: Vec<_> = hessian.iter().map(|h| h.eval(point)).collect();
                        (value, partials, second)
                    })
                });
            }
        }

        // fasteval: the value only, compiled, with a namespace callback.
        let fasteval_text = suite::for_fasteval_eval(source);
        let mut slab = fasteval::Slab::with_capacity(4096);
        if let Ok(parsed) = fasteval::Parser::new().parse(&fasteval_text, &mut slab.ps) {
            use fasteval::{Compiler, Evaler};
            let compiled = parsed.from(&slab.ps).compile(&slab.ps, &mut slab.cs);
            let mut namespace = fasteval_namespace(&names, &point);
            let value = compiled
                .eval(&slab, &mut namespace)
                .expect("fasteval evaluates");
            assert_close(name, "fasteval", &[value], &want[..1]);
            group.bench_function("fasteval_value", |b| {
                b.iter(|| compiled.eval(&slab, &mut namespace))
            });
        }

        if let Some(case) = coded_case {
            bench_coded(&mut group, case, &point, &want);
        }
        group.finish();
    }
}

/// The Rust-coded peers of one case, each checked against symdiff's
/// value and gradient `want` first.
fn bench_coded(
    group: &mut BenchmarkGroup<'_, WallTime>,
    case: &coded::Coded,
    point: &[f64],
    want: &[f64],
) {
    let n = case.names.len();
    let mut out = vec![0.0; n];
    let name = case.name;
    assert_close(name, "function", &[(case.function)(point)], &want[..1]);
    group.bench_function("function", |b| b.iter(|| (case.function)(black_box(point))));

    let gradients: [(&str, Option<coded::GradFn>); 4] = [
        ("generated_grad", Some(case.generated_grad)),
        ("string_grad", Some(case.string_grad)),
        ("hand_grad", case.hand_grad),
        ("crates_io_grad", case.crates_io_grad),
    ];
    for (peer, gradient) in gradients {
        let Some(gradient) = gradient else { continue };
        gradient(point, &mut out);
        assert_close(name, peer, &out, &want[1..]);
        group.bench_function(peer, |b| b.iter(|| gradient(black_box(point), &mut out)));
    }
    let value_and_gradients = [
        ("generated_value_grad", case.generated_value_and_grad),
        ("num_dual_value_grad", case.num_dual),
    ];
    for (peer, value_and_gradient) in value_and_gradients {
        let value = value_and_gradient(point, &mut out);
        assert_close(name, peer, &[value], &want[..1]);
        assert_close(name, peer, &out, &want[1..]);
        group.bench_function(peer, |b| {
            b.iter(|| value_and_gradient(black_box(point), &mut out))
        });
    }
}

// ---------------------------------------------------------------------------
// 4. The tape over a batch of points

fn batch(c: &mut Criterion) {
    for (name, source) in suite::cases() {
        let names = suite::sorted_variables(source);
        let tape = tape_of(source, &names, false);
        let (n_inputs, n_outputs) = (names.len(), 1 + names.len());
        let inputs = points(BATCH_POINTS, n_inputs, 11);
        let mut single = vec![0.0; BATCH_POINTS * n_outputs];
        for (point, out) in inputs.chunks(n_inputs).zip(single.chunks_mut(n_outputs)) {
            tape.eval(point, out).expect("evaluates");
        }
        let mut batched = vec![0.0; BATCH_POINTS * n_outputs];
        tape.eval_batch(&inputs, &mut batched).expect("evaluates");
        assert!(
            single
                .iter()
                .zip(&batched)
                .all(|(a, b)| a.to_bits() == b.to_bits()),
            "{name}: the batch differs from the single-point path"
        );

        let mut group = c.benchmark_group(format!("batch/{name}"));
        group.throughput(Throughput::Elements(BATCH_POINTS as u64));
        group.sample_size(10).sampling_mode(SamplingMode::Flat);
        group.bench_function("tape_single", |b| {
            b.iter(|| {
                for (point, out) in inputs.chunks(n_inputs).zip(single.chunks_mut(n_outputs)) {
                    tape.eval(black_box(point), out).expect("evaluates");
                }
            })
        });
        group.bench_function("tape_batch", |b| {
            b.iter(|| tape.eval_batch(black_box(&inputs), &mut batched))
        });
        group.finish();
    }
}
