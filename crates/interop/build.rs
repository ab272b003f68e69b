//! Embeds the bundled demo registry (`data/demo/dpg-registry`) so a fresh instance can load it without the
//! repository at hand: generates a list of `(relative path, include_bytes!)` pairs.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/demo/dpg-registry");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut out = String::from(
        "/// The bundled DPG registry files, relative to its root.\npub const FILES: &[(&str, &[u8])] = &[\n",
    );
    for dir in ["nominees", "digitalpublicgoods"] {
        println!("cargo:rerun-if-changed={}", root.join(dir).display());
        let mut names: Vec<String> = match std::fs::read_dir(root.join(dir)) {
            Ok(items) => items.filter_map(|i| i.ok()).map(|i| i.file_name().to_string_lossy().into_owned()).collect(),
            // A missing demo directory would silently give an instance with no demo content: refuse to build.
            Err(e) => panic!("cannot read the bundled demo registry {}: {e}", root.join(dir).display()),
        };
        names.retain(|n| n.ends_with(".json"));
        assert!(!names.is_empty(), "the bundled demo registry {} holds no .json file", root.join(dir).display());
        names.sort();
        for name in names {
            let path = root.join(dir).join(&name);
            let _ =
                writeln!(out, "    ({:?}, include_bytes!({:?})),", format!("{dir}/{name}"), path.display().to_string());
        }
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap_or_default()).join("demo_files.rs");
    if let Err(e) = std::fs::write(&dest, out) {
        panic!("cannot write {}: {e}", dest.display());
    }
}
