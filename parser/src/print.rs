//! Syntax tree to text, with the fewest parentheses that parse back to the
//! same tree, and canonical spacing: `z = w*x + b; y = sigmoid(z); (y - t)^2`.

use crate::{AddOp, Expr, ExprKind, MulOp, Program, UnaryOp};
use std::fmt;

/// How tightly an expression binds; a child that binds more loosely than its
/// position allows is printed in parentheses.
fn precedence(expr: &Expr<'_>) -> u8 {
    match expr.kind {
        ExprKind::Sum { .. } => 1,
        ExprKind::Product { .. } => 2,
        ExprKind::Unary { .. } => 3,
        ExprKind::Power { .. } => 4,
        ExprKind::Number(_) | ExprKind::Name(_) | ExprKind::Call { .. } => 5,
    }
}

/// Writes `expr`, in parentheses if its precedence is below `min`.
fn write_child(f: &mut fmt::Formatter<'_>, expr: &Expr<'_>, min: u8) -> fmt::Result {
    if precedence(expr) < min {
        write!(f, "({expr})")
    } else {
        write!(f, "{expr}")
    }
}

impl fmt::Display for Expr<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ExprKind::Number(text) | ExprKind::Name(text) => f.write_str(text),
            ExprKind::Unary { op, operand } => {
                f.write_str(match op {
                    UnaryOp::Neg => "-",
                    UnaryOp::Plus => "+",
                })?;
                write_child(f, operand, 3)
            }
            // A sum as the first term needs parentheses too: without them it
            // would join the outer chain and change the tree's shape.
            ExprKind::Sum { first, rest } => {
                write_child(f, first, 2)?;
                for (op, term) in rest {
                    f.write_str(match op {
                        AddOp::Add => " + ",
                        AddOp::Sub => " - ",
                    })?;
                    write_child(f, term, 2)?;
                }
                Ok(())
            }
            ExprKind::Product { first, rest } => {
                write_child(f, first, 3)?;
                for (op, factor) in rest {
                    f.write_str(match op {
                        MulOp::Mul => "*",
                        MulOp::Div => "/",
                    })?;
                    write_child(f, factor, 3)?;
                }
                Ok(())
            }
            ExprKind::Power { base, exponent } => {
                write_child(f, base, 5)?;
                f.write_str("^")?;
                write_child(f, exponent, 3)
            }
            ExprKind::Call { name, args, .. } => {
                write!(f, "{name}(")?;
                for (index, arg) in args.iter().enumerate() {
                    if index > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{arg}")?;
                }
                f.write_str(")")
            }
        }
    }
}

impl fmt::Display for Program<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for definition in &self.definitions {
            write!(f, "{} = {}; ", definition.name, definition.value)?;
        }
        write!(f, "{}", self.body)
    }
}

/// A fully parenthesised rendering that shows the tree's shape, for tests
/// and for comparing trees without their spans: `a + b*c` is `(a + (b * c))`.
pub fn tree(program: &Program<'_>) -> String {
    let mut out = String::new();
    for definition in &program.definitions {
        out.push_str(definition.name);
        out.push_str(" = ");
        write_tree(&mut out, &definition.value);
        out.push_str("; ");
    }
    write_tree(&mut out, &program.body);
    out
}

fn write_tree(out: &mut String, expr: &Expr<'_>) {
    match &expr.kind {
        ExprKind::Number(text) | ExprKind::Name(text) => out.push_str(text),
        ExprKind::Unary { op, operand } => {
            out.push_str(match op {
                UnaryOp::Neg => "(-",
                UnaryOp::Plus => "(+",
            });
            write_tree(out, operand);
            out.push(')');
        }
        ExprKind::Sum { first, rest } => {
            out.push('(');
            write_tree(out, first);
            for (op, term) in rest {
                out.push_str(match op {
                    AddOp::Add => " + ",
                    AddOp::Sub => " - ",
                });
                write_tree(out, term);
            }
            out.push(')');
        }
        ExprKind::Product { first, rest } => {
            out.push('(');
            write_tree(out, first);
            for (op, factor) in rest {
                out.push_str(match op {
                    MulOp::Mul => " * ",
                    MulOp::Div => " / ",
                });
                write_tree(out, factor);
            }
            out.push(')');
        }
        ExprKind::Power { base, exponent } => {
            out.push('(');
            write_tree(out, base);
            out.push_str(" ^ ");
            write_tree(out, exponent);
            out.push(')');
        }
        ExprKind::Call { name, args, .. } => {
            out.push_str(name);
            out.push('(');
            for (index, arg) in args.iter().enumerate() {
                if index > 0 {
                    out.push_str(", ");
                }
                write_tree(out, arg);
            }
            out.push(')');
        }
    }
}
