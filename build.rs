//! Writes each Rust example of the guide (`docs/guide/*.md`) into `OUT_DIR` as
//! `<chapter>-<n>.rs`, so that `examples/` runs the guide's own widgets rather than copies.

include!("build/guide_blocks.rs");

fn main() {
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    println!("cargo::rerun-if-changed=docs/guide");
    println!("cargo::rerun-if-changed=build/guide_blocks.rs");
    for entry in std::fs::read_dir("docs/guide").expect("docs/guide is readable") {
        let path = entry.expect("docs/guide is readable").path();
        if path.extension().is_none_or(|extension| extension != "md") {
            continue;
        }
        let chapter = path
            .file_stem()
            .expect("a chapter has a name")
            .to_string_lossy();
        let markdown = std::fs::read_to_string(&path).expect("a chapter is readable");
        for (index, (_, code)) in rust_blocks(&markdown).into_iter().enumerate() {
            let file = out.join(format!("{chapter}-{index}.rs"));
            std::fs::write(file, code).expect("OUT_DIR is writable");
        }
    }
}
