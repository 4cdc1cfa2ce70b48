//! The README's list of functions is generated from the engine's function
//! table (`symdiff::func`), one line per function with its documentation
//! and kink convention, and this test fails when it is stale;
//! `UPDATE_EXPECT=1 cargo test --test function_lists` rewrites it.

use std::fmt::Write;
use symdiff::func::Func;

const START: &str =
    "<!-- functions: generated from the function table by tests/function_lists.rs -->";
const END: &str = "<!-- end of functions -->";

/// One Markdown line per function: its call with parameter names, its
/// other names, what it is and its convention at a kink.
fn function_list() -> String {
    let mut list = String::new();
    for func in Func::CALLABLE {
        let info = func.info();
        let call = format!("{}({})", info.name, info.params.join(", "));
        let _ = write!(list, "  - `{call}`: {}", info.doc);
        if let Some(method) = info.method {
            let receiver = info.params.first().copied().unwrap_or("x");
            let rest = info.params.get(1..).unwrap_or_default().join(", ");
            let _ = write!(list, "; in Rust `{receiver}.{method}({rest})`");
        }
        if let Some(kink) = info.kink {
            let _ = write!(list, "; {kink}");
        }
        list.push('\n');
    }
    list
}

/// `text` with the lines between the markers replaced by `block`, or
/// `None` without the markers.
fn with_block(text: &str, block: &str) -> Option<String> {
    let start = text.find(START)? + START.len() + 1;
    let end = text[start..].find(END)? + start;
    Some(format!("{}{block}{}", &text[..start], &text[end..]))
}

#[test]
fn readme_lists_every_function_of_the_table() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
    let readme = std::fs::read_to_string(path).expect("README.md is readable");
    let fresh = with_block(&readme, &function_list()).expect("README.md has the markers");
    if fresh == readme {
        return;
    }
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(path, fresh).expect("README.md is writable");
        return;
    }
    panic!(
        "README.md's list of functions is stale; run `UPDATE_EXPECT=1 cargo test --test \
         function_lists` to write it:\n{}",
        function_list()
    );
}
