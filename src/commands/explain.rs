//! `symdiff explain EXPR [--wrt VARS] [--at POINT]`: the forward pass, the
//! local derivatives and the backward pass, step by step, from the engine's
//! `explain::Explanation`; `explain_render.rs` prints them.

use super::explain_render::{Backward, Explained, Forward, render};
use crate::cli::{ExplainArgs, Format};
use crate::diagnostics::Mistake;
use crate::error::CliError;
use crate::input::load;
use crate::point::Point;
use crate::session::Session;
use crate::wrt::Steps;
use std::io::Read;
use symdiff::explain::{Explanation, Operand, PassValues};
use symdiff::graph::{Graph, NodeId};

/// Adjoints printed as trees larger than this are summarized by their size.
const ADJOINT_LIMIT: f64 = 120.0;

pub(crate) fn run(
    args: &ExplainArgs,
    session: &mut Session,
    stdin: &mut dyn Read,
) -> Result<i32, CliError> {
    if session.format == Format::Rust {
        return Err(Mistake::FormatRefused {
            command: "explain",
            format: "Rust",
        }
        .into());
    }
    let point = args.at.as_deref().map(Point::parse).transpose()?;
    let loaded = load(&args.expr, stdin, session)?;
    if let Some(point) = &point {
        point.check_names(&loaded, session)?;
    }
    let wrt = crate::wrt::variables(args.wrt.as_deref(), &loaded, Steps::Allowed, session)?;
    let wrt_refs: Vec<&str> = wrt.iter().map(String::as_str).collect();
    let max_nodes = session.max_nodes;
    let explanation = session
        .stats
        .time_derive(|| Explanation::new(&loaded.source, Some(&wrt_refs), max_nodes))?;
    if explanation.graph.budget_exceeded() {
        return Err(symdiff::Error::NodeBudget { max_nodes }.into());
    }
    let values = match &point {
        Some(point) => Some(explanation.values(&point.pairs())?),
        None => None,
    };
    let explained = gather(&explanation, values.as_ref(), session.format, &loaded.expr);
    let point_text = point
        .as_ref()
        .map(|point| point.describe(&loaded.expr.variables()));
    session.print(&render(&explained, point_text.as_deref(), session.format));
    Ok(0)
}

/// A formula as the format spells it.
fn spell(graph: &Graph, node: NodeId, format: Format) -> String {
    match format {
        Format::Latex => symdiff::latex::to_latex(graph, node),
        _ => symdiff::print::to_text(graph, node),
    }
}

/// Everything to print, as text in the chosen format.
fn gather(
    explanation: &Explanation,
    values: Option<&PassValues>,
    format: Format,
    expr: &symdiff::Expr,
) -> Explained {
    let graph = &explanation.graph;
    let steps = &explanation.steps;
    let final_name = steps.last().map_or("L", |step| step.name.as_str());
    let forward = steps
        .iter()
        .enumerate()
        .map(|(index, step)| Forward {
            name: step.name.clone(),
            formula: spell(graph, step.formula, format),
            value: values.and_then(|values| values.steps.get(index).copied()),
        })
        .collect();
    let adjoint_text = |node: NodeId| {
        let size = symdiff::size::tree_sizes(graph, &[node])[0];
        (size <= ADJOINT_LIMIT).then(|| spell(graph, node, format))
    };
    let terms = |operand: Operand| -> Vec<(String, String)> {
        explanation
            .users(operand)
            .into_iter()
            .map(|(user, local)| (steps[user].name.clone(), spell(graph, local, format)))
            .collect()
    };
    let mut backward = Vec::new();
    for index in (0..steps.len().saturating_sub(1)).rev() {
        let terms = terms(Operand::Step(index));
        if terms.is_empty() {
            continue;
        }
        backward.push(Backward {
            name: steps[index].name.clone(),
            terms,
            adjoint: adjoint_text(explanation.step_adjoints[index]),
            adjoint_size: symdiff::size::tree_sizes(graph, &[explanation.step_adjoints[index]])[0],
            value: values.and_then(|values| values.step_adjoints.get(index).copied()),
            is_input: false,
        });
    }
    for (position, &var) in explanation.inputs.iter().enumerate() {
        let adjoint = explanation.input_adjoints[position];
        backward.push(Backward {
            name: graph.var_name(var).to_owned(),
            terms: terms(Operand::Input(var)),
            adjoint: adjoint_text(adjoint),
            adjoint_size: symdiff::size::tree_sizes(graph, &[adjoint])[0],
            value: values.and_then(|values| values.input_adjoints.get(position).copied()),
            is_input: true,
        });
    }
    let n_locals = steps.iter().map(|step| step.locals.len()).sum();
    Explained {
        final_name: final_name.to_owned(),
        forward,
        backward,
        named_by_user: explanation.named_by_user,
        n_locals,
        tree_size: expr.tree_size(),
        dag_size: expr.dag_size(),
    }
}
