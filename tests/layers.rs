//! Dependencies point down: no module of parley imports from a layer
//! above its own. The order is the one `src/lib.rs` and
//! `docs/architecture.md` give.

use std::path::Path;

/// Layers, lowest first; modules in one layer do not import each other.
const LAYERS: &[&[&str]] = &[
    &["text", "fold", "wrap", "markdown"],
    &["model"],
    &["search"],
    &["cache"],
    &["prepared"],
    &["cite", "analysis"],
    &["review", "bundled", "export"],
    &["command"],
    &["keymap"],
    &["layout", "theme"],
    &["app"],
    &["ui"],
    &["config"],
    &["saved_views"],
    &["clipboard"],
    &["tui"],
    &["cli"],
    &["commands"],
];

fn layer(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src is readable") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level modules a file names as `crate::x`.
fn imports(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or("");
        for (at, _) in code.match_indices("crate::") {
            let rest = &code[at + "crate::".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                out.push(name);
            }
        }
        // `use crate::{a, b}` names several at once.
        if let Some(group) = code.split("crate::{").nth(1) {
            for part in group.split([',', '}']) {
                let name: String = part
                    .trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    out.push(name);
                }
            }
        }
    }
    out
}

#[test]
fn no_module_imports_from_a_layer_above_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut checked = 0;
    let mut wrong = Vec::new();
    for file in files {
        let rel = file.strip_prefix(&src).expect("under src");
        let top = rel
            .components()
            .next()
            .and_then(|c| c.as_os_str().to_str())
            .unwrap_or("")
            .trim_end_matches(".rs")
            .to_string();
        if top == "lib" || top == "main" {
            continue;
        }
        let own = layer(&top).unwrap_or_else(|| panic!("{top} is in no layer"));
        let text = std::fs::read_to_string(&file).expect("readable");
        for name in imports(&text) {
            if name == top {
                continue;
            }
            let theirs = layer(&name).unwrap_or_else(|| panic!("{name} is in no layer"));
            checked += 1;
            if theirs >= own {
                wrong.push(format!("{}: imports crate::{name}", rel.display()));
            }
        }
    }
    assert!(checked > 50, "only {checked} imports seen");
    assert!(
        wrong.is_empty(),
        "imports from a layer above:\n{}",
        wrong.join("\n")
    );
}
