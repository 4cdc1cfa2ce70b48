//! Syntax tree to text, with the fewest parentheses that parse back to the
//! same tree, and canonical spacing: `z = w*x + b; y = sigmoid(z); (y - t)^2`.
//!
//! Printing recurses once per level of the tree, which the parser's
//! [`crate::MAX_DEPTH`] bounds (sums and products are flat).

use crate::ast::DisplayExpr;
use crate::{AddOp, ExprId, ExprKind, MulOp, Program, UnaryOp};
use std::fmt;

/// How tightly an expression binds; a child that binds more loosely than its
/// position allows is printed in parentheses.
fn precedence(kind: &ExprKind<'_>) -> u8 {
    match kind {
        ExprKind::Compare { .. } => 0,
        ExprKind::Sum { .. } => 1,
        ExprKind::Product { .. } => 2,
        ExprKind::Unary { .. } => 3,
        ExprKind::Power { .. } => 4,
        ExprKind::Number(_) | ExprKind::Name(_) | ExprKind::Call { .. } => 5,
    }
}

/// Writes `id`, in parentheses if its precedence is below `min`.
fn write_child(
    f: &mut fmt::Formatter<'_>,
    program: &Program<'_>,
    id: ExprId,
    min: u8,
) -> fmt::Result {
    if precedence(&program.expr(id).kind) < min {
        f.write_str("(")?;
        write_expr(f, program, id)?;
        f.write_str(")")
    } else {
        write_expr(f, program, id)
    }
}

fn write_expr(f: &mut fmt::Formatter<'_>, program: &Program<'_>, id: ExprId) -> fmt::Result {
    match program.expr(id).kind {
        ExprKind::Number(text) | ExprKind::Name(text) => f.write_str(text),
        ExprKind::Unary { op, operand } => {
            f.write_str(match op {
                UnaryOp::Neg => "-",
                UnaryOp::Plus => "+",
            })?;
            write_child(f, program, operand, 3)
        }
        // A sum as the first term needs parentheses too: without them it
        // would join the outer chain and change the tree's shape.
        ExprKind::Sum { first, rest } => {
            write_child(f, program, first, 2)?;
            for &(op, term) in program.terms(rest) {
                f.write_str(match op {
                    AddOp::Add => " + ",
                    AddOp::Sub => " - ",
                })?;
                write_child(f, program, term, 2)?;
            }
            Ok(())
        }
        ExprKind::Product { first, rest } => {
            write_child(f, program, first, 3)?;
            for &(op, factor) in program.factors(rest) {
                f.write_str(match op {
                    MulOp::Mul => "*",
                    MulOp::Div => "/",
                })?;
                write_child(f, program, factor, 3)?;
            }
            Ok(())
        }
        ExprKind::Power { base, exponent } => {
            write_child(f, program, base, 5)?;
            f.write_str("^")?;
            write_child(f, program, exponent, 3)
        }
        ExprKind::Call { name, args, .. } => {
            f.write_str(name)?;
            f.write_str("(")?;
            for (index, &arg) in program.args(args).iter().enumerate() {
                if index > 0 {
                    f.write_str(", ")?;
                }
                write_expr(f, program, arg)?;
            }
            f.write_str(")")
        }
        ExprKind::Compare { op, left, right } => {
            write_child(f, program, left, 1)?;
            write!(f, " {} ", op.symbol())?;
            write_child(f, program, right, 1)
        }
    }
}

impl fmt::Display for DisplayExpr<'_, '_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_expr(f, self.program, self.id)
    }
}

impl fmt::Display for Program<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for definition in self.definitions() {
            f.write_str(definition.name)?;
            f.write_str(" = ")?;
            write_expr(f, self, definition.value)?;
            f.write_str("; ")?;
        }
        write_expr(f, self, self.body())
    }
}

/// A fully parenthesised rendering that shows the tree's shape, for tests
/// and for comparing trees without their spans: `a + b*c` is `(a + (b * c))`.
pub fn tree(program: &Program<'_>) -> String {
    let mut out = String::new();
    for definition in program.definitions() {
        out.push_str(definition.name);
        out.push_str(" = ");
        write_tree(&mut out, program, definition.value);
        out.push_str("; ");
    }
    write_tree(&mut out, program, program.body());
    out
}

fn write_tree(out: &mut String, program: &Program<'_>, id: ExprId) {
    match program.expr(id).kind {
        ExprKind::Number(text) | ExprKind::Name(text) => out.push_str(text),
        ExprKind::Unary { op, operand } => {
            out.push_str(match op {
                UnaryOp::Neg => "(-",
                UnaryOp::Plus => "(+",
            });
            write_tree(out, program, operand);
            out.push(')');
        }
        ExprKind::Sum { first, rest } => {
            out.push('(');
            write_tree(out, program, first);
            for &(op, term) in program.terms(rest) {
                out.push_str(match op {
                    AddOp::Add => " + ",
                    AddOp::Sub => " - ",
                });
                write_tree(out, program, term);
            }
            out.push(')');
        }
        ExprKind::Product { first, rest } => {
            out.push('(');
            write_tree(out, program, first);
            for &(op, factor) in program.factors(rest) {
                out.push_str(match op {
                    MulOp::Mul => " * ",
                    MulOp::Div => " / ",
                });
                write_tree(out, program, factor);
            }
            out.push(')');
        }
        ExprKind::Power { base, exponent } => {
            out.push('(');
            write_tree(out, program, base);
            out.push_str(" ^ ");
            write_tree(out, program, exponent);
            out.push(')');
        }
        ExprKind::Call { name, args, .. } => {
            out.push_str(name);
            out.push('(');
            for (index, &arg) in program.args(args).iter().enumerate() {
                if index > 0 {
                    out.push_str(", ");
                }
                write_tree(out, program, arg);
            }
            out.push(')');
        }
        ExprKind::Compare { op, left, right } => {
            out.push('(');
            write_tree(out, program, left);
            out.push(' ');
            out.push_str(op.symbol());
            out.push(' ');
            write_tree(out, program, right);
            out.push(')');
        }
    }
}
