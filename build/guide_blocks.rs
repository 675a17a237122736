// The ```` ```rust ```` blocks of a markdown text, with the line each begins on: the guide's
// examples, read by `build.rs` (for `examples/`) and by `tests/guide.rs`. Included, not a
// crate: both are build-time tools of this package only.

/// The ```` ```rust ```` blocks of `markdown`: the line of each block's fence (from 1), and its
/// code.
pub fn rust_blocks(markdown: &str) -> Vec<(usize, String)> {
    let mut blocks = Vec::new();
    let mut open: Option<(usize, String)> = None;
    for (index, line) in markdown.lines().enumerate() {
        match &mut open {
            None if line.trim() == "```rust" => open = Some((index + 1, String::new())),
            None => {}
            Some((start, code)) if line.trim() == "```" => {
                blocks.push((*start, std::mem::take(code)));
                open = None;
            }
            Some((_, code)) => {
                code.push_str(line);
                code.push('\n');
            }
        }
    }
    blocks
}
