//! `symdiff plot EXPR [--wrt VARS] [--range FROM:TO] [--derivatives N]
//! [--at POINT] [--contour] --out FILE.svg`: reads and checks everything,
//! then draws (`plot/`) and writes the file whole or not at all.

use crate::cli::PlotArgs;
use crate::diagnostics::{Mistake, NameHelp};
use crate::error::CliError;
use crate::input::{Loaded, load};
use crate::plot::{Axes, Range};
use crate::point::Point;
use crate::session::Session;
use std::io::Read;
use std::path::Path;

pub(crate) fn run(
    args: &PlotArgs,
    session: &mut Session,
    stdin: &mut dyn Read,
) -> Result<i32, CliError> {
    let range = Range::parse(&args.range)?;
    if args.derivatives > 2 {
        let count = args.derivatives;
        return Err(Mistake::TooManyDerivatives { count }.into());
    }
    let point = match &args.at {
        Some(text) => Point::parse(text)?,
        None => Point::default(),
    };
    let loaded = load(&args.expr, stdin, session)?;
    point.check_names(&loaded, session)?;
    let n_axes = if args.contour { 2 } else { 1 };
    let plotted = plotted_variables(args.wrt.as_deref(), &loaded, n_axes)?;
    let axes = Axes::new(&loaded.expr, plotted, &point)?;
    let drawing = match args.contour {
        true => crate::plot::contour::draw(&axes, range)?,
        false => crate::plot::curves::draw(&axes, range, args.derivatives)?,
    };
    write_whole(&args.out, &drawing.svg)?;
    session.print(&format!(
        "wrote {}: {}",
        args.out.display(),
        drawing.summary
    ));
    Ok(0)
}

/// The plotted variables: those of `--wrt`, each a variable of the
/// expression, or all of them when there are exactly as many as axes.
fn plotted_variables(
    list: Option<&str>,
    loaded: &Loaded,
    n_axes: usize,
) -> Result<Vec<String>, CliError> {
    let what = match n_axes {
        1 => "one variable",
        _ => "two variables (`--wrt x,y`)",
    };
    let names = match list {
        Some(text) => {
            let names = crate::wrt::parse_list(text)?;
            let variables = loaded.variables();
            for name in &names {
                if let Some(mistake) = loaded.not_a_variable(name, &variables) {
                    let span = text.find(name.as_str()).unwrap_or(0);
                    let help = NameHelp::Variables(variables);
                    let mistake = Mistake::Name { mistake, help };
                    return Err(mistake.in_flag("--wrt", text, span..span + name.len()));
                }
            }
            names
        }
        None => loaded.expr.variables(),
    };
    if names.len() != n_axes {
        let variables = list.is_none().then(|| loaded.variables());
        let count = names.len();
        return Err(Mistake::PlotVariables {
            what,
            count,
            variables,
        }
        .into());
    }
    Ok(names)
}

/// Writes `text` to `path` through a temporary file beside it, so that a
/// failure leaves no partial file.
fn write_whole(path: &Path, text: &str) -> Result<(), CliError> {
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(".partial");
    let temporary = std::path::PathBuf::from(temporary);
    let failed = |error: std::io::Error| {
        let _ = std::fs::remove_file(&temporary);
        CliError::from(Mistake::CannotWrite {
            path: path.display().to_string(),
            error: error.to_string(),
        })
    };
    std::fs::write(&temporary, text).map_err(failed)?;
    std::fs::rename(&temporary, path).map_err(failed)
}
