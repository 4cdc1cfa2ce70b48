//! Hessian-vector products against the full Hessian times the vector, and
//! the sparse against the dense Hessian, on mlp16 and rosen100: each built
//! from the function's graph, compiled to a tape and evaluated at one point
//! (the work a Newton-CG step repeats).

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use symdiff::Expr;

#[path = "../tests/support/uniform.rs"]
mod uniform;

fn case(name: &str) -> &'static str {
    include_str!("data/suite.tsv")
        .lines()
        .filter_map(|line| line.split_once('\t'))
        .find(|&(case, _)| case == name)
        .map(|(_, source)| source)
        .expect("the case is in the suite")
}

/// The function, its sorted variables, a point and a direction.
fn setup(name: &str) -> (Expr, Vec<String>, Vec<f64>, Vec<f64>) {
    let expr = Expr::parse(case(name)).expect("parses");
    let mut vars = expr.variables();
    vars.sort();
    let point = uniform::uniform(vars.len(), 3, 0.2, 1.0);
    let direction = uniform::uniform(vars.len(), 4, -1.0, 2.0);
    (expr, vars, point, direction)
}

/// Builds `outputs(expr)`, compiles and evaluates them at `point`.
fn build_and_evaluate(expr: &Expr, names: &[&str], point: &[f64], outputs: Vec<Expr>) -> Vec<f64> {
    let tape = Expr::compile(&outputs, names).expect("compiles");
    let mut values = vec![0.0; outputs.len()];
    tape.eval(point, &mut values).expect("evaluates");
    black_box(expr);
    values
}

fn bench_products(c: &mut Criterion) {
    let mut group = c.benchmark_group("products");
    group.sample_size(10);
    for name in ["mlp16", "rosen100"] {
        let (expr, vars, point, direction) = setup(name);
        let names: Vec<&str> = vars.iter().map(String::as_str).collect();
        let v: Vec<Expr> = direction.iter().map(|&x| Expr::constant(x)).collect();
        group.bench_function(format!("{name}/hvp"), |b| {
            b.iter(|| {
                let fresh = Expr::parse(case(name)).expect("parses");
                let product = fresh
                    .hessian_vector(&names, &v)
                    .expect("one component per variable");
                build_and_evaluate(&fresh, &names, &point, product)
            })
        });
        group.bench_function(format!("{name}/hessian_times_v"), |b| {
            b.iter(|| {
                let fresh = Expr::parse(case(name)).expect("parses");
                let hessian: Vec<Expr> = fresh.hessian(&names).into_iter().flatten().collect();
                let values = build_and_evaluate(&fresh, &names, &point, hessian);
                values
                    .chunks(names.len())
                    .map(|row| row.iter().zip(&direction).map(|(h, v)| h * v).sum::<f64>())
                    .collect::<Vec<f64>>()
            })
        });
        black_box(expr);
    }
    let (_, vars, point, _) = setup("rosen100");
    let names: Vec<&str> = vars.iter().map(String::as_str).collect();
    let fresh = Expr::parse(case("rosen100")).expect("parses");
    let dense: Vec<Expr> = fresh.hessian(&names).into_iter().flatten().collect();
    let sparse = fresh.sparse_hessian(&names).entries;
    for (label, outputs) in [("dense", dense), ("sparse", sparse)] {
        let tape = Expr::compile(&outputs, &names).expect("compiles");
        println!(
            "rosen100 {label} Hessian: {} entries, {} instructions",
            outputs.len(),
            tape.instructions().len()
        );
        let mut values = vec![0.0; outputs.len()];
        group.bench_function(format!("rosen100/evaluate_{label}_hessian"), |b| {
            b.iter(|| {
                tape.eval(black_box(&point), &mut values)
                    .expect("evaluates")
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench_products);
criterion_main!(benches);
