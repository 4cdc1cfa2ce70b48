//! The benchmark suite (`../shared/bench/suite.tsv`, copied into the engine
//! as `symdiff/benches/data/suite.tsv`), and each case as the peers that read
//! text need it written.

/// `(name, expression)` for each case, in the suite's order.
pub fn cases() -> Vec<(&'static str, &'static str)> {
    include_str!("../../symdiff/benches/data/suite.tsv")
        .lines()
        .filter_map(|line| line.split_once('\t'))
        .map(|(name, expression)| (name, expression.trim()))
        .collect()
}

/// The case for exmex, or `None` when exmex cannot read it: exmex resolves
/// functions while it parses and has no `sigmoid`, so `sigmoid(u)` is spelled
/// out as `(1/(1+exp(-(u))))`; its constant is `PI`, not `pi`; it has no
/// definitions (`a = …;`).
pub fn for_exmex(source: &str) -> Option<String> {
    if source.contains(';') {
        return None;
    }
    Some(replace_word(&spell_out_sigmoid(source), "pi", "PI"))
}

/// The case for fasteval's evaluation: its built-in `log(x)` is the base-10
/// logarithm, so the natural one is called `ln` (given by the namespace, as
/// are `exp`, `sqrt`, `sigmoid` and `pi`). fasteval parses the original
/// text as well; only its value would differ.
pub fn for_fasteval_eval(source: &str) -> String {
    source.replace("log(", "ln(")
}

/// `sigmoid(u)` written as `(1/(1+exp(-(u))))`, for peers without it.
fn spell_out_sigmoid(source: &str) -> String {
    const CALL: &str = "sigmoid(";
    let mut text = source.to_owned();
    while let Some(start) = text.find(CALL) {
        let open = start + CALL.len();
        let mut depth = 1;
        let mut close = open;
        for (offset, byte) in text[open..].bytes().enumerate() {
            match byte {
                b'(' => depth += 1,
                b')' => depth -= 1,
                _ => {}
            }
            if depth == 0 {
                close = open + offset;
                break;
            }
        }
        let argument = text[open..close].to_owned();
        text.replace_range(start..=close, &format!("(1/(1+exp(-({argument}))))"));
    }
    text
}

/// `source` with every whole word `word` replaced by `by`.
fn replace_word(source: &str, word: &str, by: &str) -> String {
    let is_name = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let mut out = String::with_capacity(source.len());
    let mut rest = source;
    while let Some(at) = rest.find(word) {
        let before = rest[..at].chars().next_back();
        let after = rest[at + word.len()..].chars().next();
        out.push_str(&rest[..at]);
        if before.is_some_and(is_name) || after.is_some_and(is_name) {
            out.push_str(word);
        } else {
            out.push_str(by);
        }
        rest = &rest[at + word.len()..];
    }
    out.push_str(rest);
    out
}

/// The variables of a case, sorted by name, as the suite prescribes.
pub fn sorted_variables(source: &str) -> Vec<String> {
    let expr = symdiff::Expr::parse(source).expect("suite case parses");
    let mut names = expr.variables();
    names.sort();
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exmex_dialect() {
        assert_eq!(
            for_exmex("(sigmoid(w*(x+1)) - t)^2 + pi*pix").as_deref(),
            Some("((1/(1+exp(-(w*(x+1))))) - t)^2 + PI*pix")
        );
        assert_eq!(for_exmex("a = 1; a"), None);
    }
}
