//! Products with a vector and sparse Hessians on every case of the suite:
//! H·v against the dense Hessian times v and against central differences of
//! the gradient, J·v and uᵀ·J against the Jacobian, the sparse Hessian
//! against the dense one, and the sizes of each (deterministic, snapshot).

use expect_test::expect;
use symdiff::Expr;

#[path = "support/uniform.rs"]
mod uniform;

const SUITE: &str = include_str!("../benches/data/suite.tsv");

fn suite() -> impl Iterator<Item = (&'static str, &'static str)> {
    SUITE.lines().filter_map(|line| line.split_once('\t'))
}

fn close(a: f64, b: f64, tolerance: f64) -> bool {
    (a - b).abs() <= tolerance * (1.0 + b.abs())
}

struct Case {
    expr: Expr,
    vars: Vec<String>,
    point: Vec<f64>,
    direction: Vec<f64>,
}

impl Case {
    fn new(source: &str, seed: u64) -> Case {
        let expr = Expr::parse(source).expect("suite case parses");
        let mut vars = expr.variables();
        vars.sort();
        let point = uniform::uniform(vars.len(), seed, 0.2, 1.0);
        let direction = uniform::uniform(vars.len(), seed + 1, -1.0, 2.0);
        Case {
            expr,
            vars,
            point,
            direction,
        }
    }

    fn names(&self) -> Vec<&str> {
        self.vars.iter().map(String::as_str).collect()
    }

    /// The values of `exprs` at `point`, through one compiled tape.
    fn eval_all(&self, exprs: &[Expr], point: &[f64]) -> Vec<f64> {
        let tape = Expr::compile(exprs, &self.names()).expect("compiles");
        let mut values = vec![0.0; exprs.len()];
        tape.eval(point, &mut values)
            .expect("one value per variable");
        values
    }

    fn direction_exprs(&self) -> Vec<Expr> {
        self.direction.iter().map(|&v| Expr::constant(v)).collect()
    }
}

fn matrix_vector(matrix: &[Vec<f64>], vector: &[f64]) -> Vec<f64> {
    matrix
        .iter()
        .map(|row| row.iter().zip(vector).map(|(a, v)| a * v).sum())
        .collect()
}

#[test]
fn hessian_vector_products_agree_with_the_hessian_and_with_differences() {
    for (index, (name, source)) in suite().enumerate() {
        let case = Case::new(source, 10 + index as u64);
        let names = case.names();
        let hvp = case
            .expr
            .hessian_vector(&names, &case.direction_exprs())
            .expect("one component per variable");
        let computed = case.eval_all(&hvp, &case.point);
        let hessian: Vec<Vec<f64>> = case
            .expr
            .hessian(&names)
            .iter()
            .map(|row| case.eval_all(row, &case.point))
            .collect();
        let expected = matrix_vector(&hessian, &case.direction);
        // Central differences of the gradient along the direction.
        let gradient = case.expr.gradient(&names);
        let step = 1e-5;
        let shifted = |sign: f64| -> Vec<f64> {
            let point: Vec<f64> = case
                .point
                .iter()
                .zip(&case.direction)
                .map(|(x, v)| x + sign * step * v)
                .collect();
            case.eval_all(&gradient, &point)
        };
        let (plus, minus) = (shifted(1.0), shifted(-1.0));
        for (k, &value) in computed.iter().enumerate() {
            assert!(
                close(value, expected[k], 1e-10),
                "{name}: (H·v)_{k} = {value}, H times v {}",
                expected[k]
            );
            let difference = (plus[k] - minus[k]) / (2.0 * step);
            assert!(
                close(value, difference, 1e-5),
                "{name}: (H·v)_{k} = {value}, differences {difference}"
            );
        }
    }
}

#[test]
fn jacobian_products_agree_with_the_jacobian() {
    for (index, (name, source)) in suite().enumerate() {
        let case = Case::new(source, 40 + index as u64);
        let names = case.names();
        // The gradient as a vector function: its Jacobian is the Hessian.
        let outputs = case.expr.gradient(&names);
        let jacobian: Vec<Vec<f64>> = Expr::jacobian(&outputs, &names)
            .iter()
            .map(|row| case.eval_all(row, &case.point))
            .collect();
        let jvp = Expr::jacobian_vector(&outputs, &names, &case.direction_exprs())
            .expect("one component per variable");
        let expected = matrix_vector(&jacobian, &case.direction);
        for (k, value) in case.eval_all(&jvp, &case.point).into_iter().enumerate() {
            assert!(
                close(value, expected[k], 1e-10),
                "{name}: (J·v)_{k} = {value}, {}",
                expected[k]
            );
        }
        let vjp = Expr::vector_jacobian(&outputs, &case.direction_exprs(), &names)
            .expect("one weight per output");
        for (k, value) in case.eval_all(&vjp, &case.point).into_iter().enumerate() {
            let expected: f64 = (0..outputs.len())
                .map(|i| case.direction[i] * jacobian[i][k])
                .sum();
            assert!(
                close(value, expected, 1e-10),
                "{name}: (uᵀJ)_{k} = {value}, {expected}"
            );
        }
        // More outputs than variables: the forward sweeps give the same.
        let first = &names[..1];
        let tall = Expr::jacobian(&outputs, first);
        for (row, expected) in tall.iter().zip(&jacobian) {
            let value = case.eval_all(row, &case.point)[0];
            assert!(
                close(value, expected[0], 1e-12),
                "{name}: forward {value}, reverse {}",
                expected[0]
            );
        }
    }
}

#[test]
fn sparse_hessians_hold_every_entry_that_is_not_zero() {
    for (index, (name, source)) in suite().enumerate() {
        let case = Case::new(source, 70 + index as u64);
        let names = case.names();
        let dense: Vec<Vec<f64>> = case
            .expr
            .hessian(&names)
            .iter()
            .map(|row| case.eval_all(row, &case.point))
            .collect();
        let sparse = case.expr.sparse_hessian(&names);
        assert!(
            sparse.pattern.windows(2).all(|pair| pair[0] < pair[1]),
            "{name}: row-major order"
        );
        let stored = case.eval_all(&sparse.entries, &case.point);
        let mut entries = stored.iter().zip(&sparse.pattern).peekable();
        for (row, values) in dense.iter().enumerate() {
            for (col, &expected) in values.iter().enumerate().take(row + 1) {
                let value = match entries.next_if(|&(_, &entry)| entry == (row, col)) {
                    Some((&value, _)) => value,
                    None => 0.0,
                };
                assert_eq!(
                    value.to_bits(),
                    expected.to_bits(),
                    "{name}: ({row}, {col})"
                );
            }
        }
        let csc = sparse.csc();
        let mut from_csc: Vec<(usize, usize)> = (0..names.len())
            .flat_map(|col| {
                csc.row_indices[csc.col_starts[col]..csc.col_starts[col + 1]]
                    .iter()
                    .map(move |&row| (row, col))
            })
            .collect();
        from_csc.sort_unstable();
        assert_eq!(
            from_csc, sparse.pattern,
            "{name}: the CSC arrays hold the pattern"
        );
    }
}

#[test]
fn products_cost_a_constant_times_the_gradient() {
    let mut table =
        String::from("case       vars  gradient    H·v  hessian entries  stored  density\n");
    for (index, (name, source)) in suite().enumerate() {
        let case = Case::new(source, 90 + index as u64);
        let names = case.names();
        let instructions = |exprs: &[Expr]| {
            Expr::compile(exprs, &names)
                .expect("compiles")
                .instructions()
                .len()
        };
        let gradient = instructions(&case.expr.gradient(&names));
        let hvp = case
            .expr
            .hessian_vector(&names, &case.direction_exprs())
            .expect("one component per variable");
        let hvp = instructions(&hvp);
        let sparse = case.expr.sparse_hessian(&names);
        let triangle = names.len() * (names.len() + 1) / 2;
        table.push_str(&format!(
            "{name:<10} {:>4} {gradient:>9} {hvp:>6} {triangle:>16} {:>7} {:>8.3}\n",
            names.len(),
            sparse.pattern.len(),
            sparse.density()
        ));
        assert!(
            hvp <= 4 * gradient,
            "{name}: H·v has {hvp} instructions, the gradient {gradient}"
        );
    }
    expect![[r#"
        case       vars  gradient    H·v  hessian entries  stored  density
        neuron        4        18     39               10      10    1.000
        gauss2d       6        53    135               21      21    1.000
        saddle        2        12     15                3       3    1.000
        rosen10      10        95    137               55      19    0.345
        rosen100    100       995   1487             5050     199    0.039
        nested20      1        61    155                1       1    1.000
        product30    30       114    366              465     435    0.935
        softmax5     11        57    152               66      66    1.000
        mlp4         30       148    375              465     465    1.000
        mlp16       102       556   1419             5253    5253    1.000
        rnn200        3      2001   5004                6       6    1.000
        ode200        4      4371  11907               10      10    1.000
        deepmlp8    170       932   2559            14535   14535    1.000
    "#]]
    .assert_eq(&table);
}

#[test]
fn directions_of_the_wrong_length_are_errors() {
    let expr = Expr::parse("x*y").expect("parses");
    let one = [Expr::constant(1.0)];
    let error = expr
        .hessian_vector(&["x", "y"], &one)
        .map(|_| ())
        .map_err(|error| error.to_string());
    assert_eq!(
        error,
        Err("expected 2 components (one per variable), got 1".to_owned())
    );
    let error = Expr::vector_jacobian(&[expr.clone(), expr], &one, &["x"])
        .map(|_| ())
        .map_err(|error| error.to_string());
    assert_eq!(
        error,
        Err("expected 2 components (one per expression), got 1".to_owned())
    );
}
