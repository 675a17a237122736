//! A page's module script without what JavaScript ignores: the whole-line `//` comments and the
//! indentation of wasm-bindgen's glue and of the snippets inlined into it (every page 558-806
//! bytes lighter, gzipped; BENCHMARKS.md, "What the measurements changed").
//!
//! Not a minifier: a full one (`oxc_minifier`, measured) takes 150 crates and two minutes of
//! build for 1-2 KB more. This takes out lines and leading blanks only, and only from a script
//! where that cannot change what it means, else it leaves the script whole:
//! - lines end at `\n` alone: no `\r` (but in `\r\n`), U+2028 or U+2029, which also end a
//!   line (and a `//` comment) in JavaScript;
//! - no line ends in `\`, so no string goes on to the next line;
//! - every `` ` `` is on a line that starts with `//`, so the script has no template literal
//!   (the backtick that opens one stands outside any comment or string, on a line of code);
//! - no `/*`, so no `//` line is inside a block comment, where it could hold the `*/`.
//!
//! With no text that spans lines, each line starts outside any string or comment: one that
//! starts with `//` is a comment, and blanks before a token are not part of it (spaces and tabs
//! only: not every Unicode blank is JavaScript's). Newlines stay, so automatic semicolon
//! insertion reads the script as before.

/// `script` without its whole-line `//` comments and its indentation, or `None` when that could
/// change its meaning (see the module's documentation).
pub(crate) fn compact(script: &str) -> Option<String> {
    let blanks: &[char] = &[' ', '\t'];
    let comment = |line: &str| line.trim_start_matches(blanks).starts_with("//");
    let other_line_ends = script
        .replace("\r\n", "\n")
        .contains(['\r', '\u{2028}', '\u{2029}']);
    let safe = !other_line_ends
        && !script.contains("/*")
        && script
            .lines()
            .all(|line| !line.ends_with('\\') && (comment(line) || !line.contains('`')));
    if !safe {
        return None;
    }
    let mut compact = String::with_capacity(script.len());
    for line in script.lines().filter(|line| !comment(line)) {
        let code = line.trim_start_matches(blanks);
        if !code.is_empty() {
            compact += code;
            compact += "\n";
        }
    }
    Some(compact)
}

#[cfg(test)]
mod tests {
    use super::compact;

    #[test]
    fn comments_and_indentation_go_and_the_code_stays() {
        let script = "// the glue\nfunction f(a) {\n    // a note: `x`\n    return a + 1;\n\n}\n\
                      const s = 'a // b';\n";
        assert_eq!(
            compact(script).as_deref(),
            Some("function f(a) {\nreturn a + 1;\n}\nconst s = 'a // b';\n")
        );
    }

    #[test]
    fn a_script_with_text_over_several_lines_is_left_whole() {
        for script in [
            // A template literal: its lines are its text.
            "const t = `\n    // kept\n`;\n",
            // A string continued on the next line.
            "const s = 'a\\\n    // kept';\n",
            // A block comment, which a `//` line could close.
            "/* a\n// b */ f();\n",
            // A backtick on a line of code, outside any comment.
            "f(`x`); // `y`\n",
            // Lines JavaScript ends where `str::lines` does not: the comment ends there.
            "// note\u{2028}init();\n",
            "// note\u{2029}init();\n",
            "// note\rinit();\n",
        ] {
            assert_eq!(compact(script), None, "{script}");
        }
    }

    #[test]
    fn only_javascript_s_blanks_are_taken_off_and_crlf_ends_a_line() {
        // U+0085 is no JavaScript blank: it stays, as the error it is.
        assert_eq!(
            compact("\u{85}f();\r\n\t  g();\r\n").as_deref(),
            Some("\u{85}f();\ng();\n")
        );
    }

    #[test]
    fn automatic_semicolons_see_the_same_lines() {
        // `return` then a newline returns `undefined`: the newline stays.
        assert_eq!(
            compact("function f() {\n  return\n    1;\n}\n").as_deref(),
            Some("function f() {\nreturn\n1;\n}\n")
        );
    }
}
