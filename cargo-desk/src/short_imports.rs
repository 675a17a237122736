//! The functions a module imports from its wasm-bindgen glue, renamed short in both.
//!
//! wasm-bindgen names each after the function and a hash (`__wbg_show_ed4027906cbc927c`): 16
//! hexadecimal digits that do not compress, once in the module's import section and again as
//! a key of the glue's import object. A page needs neither: each is renamed `a`, `b`, ... in
//! the order the module imports them (BENCHMARKS.md, "What the measurements changed").

use wasm_bindgen_cli_support::Output;

/// Renames, in `output`'s module, each function imported from its glue (`glue`, the module
/// name wasm-bindgen gives it: `./<stem>_bg.js`) whose name is a word of the glue exactly once
/// (its key in the import object); returns the names, long and short, for [`rename`] to give
/// the glue once written. A name the glue has more than once, or not at all, is left as it is.
pub(crate) fn shorten(output: &mut Output, glue: &str) -> Vec<(String, String)> {
    let js = output.js().to_owned();
    let imports = output.wasm_mut().imports.iter_mut();
    shorten_names(
        imports.map(|import| (import.module.as_str(), &mut import.name)),
        glue,
        &js,
    )
}

/// [`shorten`] of the imports' `(module, name)`s.
fn shorten_names<'a>(
    imports: impl Iterator<Item = (&'a str, &'a mut String)>,
    glue: &str,
    js: &str,
) -> Vec<(String, String)> {
    let mut renamed: Vec<(String, String)> = Vec::new();
    for (module, name) in imports {
        if module != glue || word_at(js, name).len() != 1 {
            continue;
        }
        // A function imported twice under one name keeps one name.
        let known = renamed.iter().find(|(long, _)| long == name);
        let short = if let Some((_, short)) = known {
            short.clone()
        } else {
            let short = short_name(renamed.len());
            renamed.push((name.clone(), short.clone()));
            short
        };
        *name = short;
    }
    renamed
}

/// The glue `js` (as wasm-bindgen wrote it, its lines indented anew) with the names
/// [`shorten`] gave its module; `None` if one of the long names is not a word of it exactly
/// once.
pub(crate) fn rename(js: &str, renamed: &[(String, String)]) -> Option<String> {
    let mut js = js.to_owned();
    for (long, short) in renamed {
        let [at] = word_at(&js, long)[..] else {
            return None;
        };
        js.replace_range(at..at + long.len(), short);
    }
    Some(js)
}

/// Where `word` stands in `text` as a whole identifier, neither preceded nor followed by a
/// character of one.
fn word_at(text: &str, word: &str) -> Vec<usize> {
    let part = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '$';
    text.match_indices(word)
        .map(|(at, _)| at)
        .filter(|&at| {
            let before = text[..at].chars().next_back();
            let after = text[at + word.len()..].chars().next();
            !before.is_some_and(part) && !after.is_some_and(part)
        })
        .collect()
}

/// The `n`th short name: `a` to `z`, `A` to `Z`, then `aa`, `ab`, ...: letters only, so
/// none is a number or reads as one.
fn short_name(mut n: usize) -> String {
    const LETTERS: &[u8; 52] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let mut name = Vec::new();
    loop {
        name.push(LETTERS[n % LETTERS.len()]);
        n /= LETTERS.len();
        if n == 0 {
            break;
        }
        n -= 1;
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::{rename, short_name, shorten_names, word_at};

    #[test]
    fn short_names_are_distinct_letters() {
        let names: Vec<String> = (0..3000).map(short_name).collect();
        assert_eq!(&names[..3], ["a", "b", "c"]);
        assert_eq!(&names[51..54], ["Z", "aa", "ab"]);
        let mut distinct = names.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), names.len());
        assert!(
            names
                .iter()
                .all(|name| name.bytes().all(|b| b.is_ascii_alphabetic()))
        );
    }

    #[test]
    fn a_name_is_found_only_as_a_whole_word() {
        let glue = "const import0 = {\n    __wbg_show_1: function() {},\n    \
                    __wbg_show_12: function() { __wbg_show_1x(); $__wbg_show_1; },\n};\n";
        assert_eq!(word_at(glue, "__wbg_show_1"), [22]);
        assert_eq!(word_at(glue, "__wbg_show_12").len(), 1);
        assert_eq!(word_at(glue, "__wbg_show"), Vec::<usize>::new());
        assert_eq!(word_at("ab(a)ba a", "a"), [3, 8]);
    }

    #[test]
    fn the_imports_from_the_glue_named_once_in_it_are_renamed() {
        // A snippet's function, named once in the glue too, keeps its name: the snippet
        // exports it so.
        let js = "const import0 = {\n    __wbg_x_1: f,\n    __wbg_y_2: f,\n    __wbg_z_3: f,\n};\n\
                  __wbg_z_3();\nshow();\n";
        let mut imports = [
            ("./w_bg.js", "__wbg_x_1"),
            ("./snippets/s/inline0.js", "show"),
            ("./w_bg.js", "__wbg_y_2"),
            ("./w_bg.js", "__wbg_x_1"),
            ("./w_bg.js", "__wbg_z_3"),
            ("./w_bg.js", "__wbg_gone_4"),
        ]
        .map(|(module, name)| (module, name.to_owned()));
        let renamed = shorten_names(
            imports.iter_mut().map(|(module, name)| (*module, name)),
            "./w_bg.js",
            js,
        );
        assert_eq!(
            renamed,
            [
                ("__wbg_x_1".to_owned(), "a".to_owned()),
                ("__wbg_y_2".to_owned(), "b".to_owned())
            ]
        );
        let names = imports.map(|(_, name)| name);
        assert_eq!(names, ["a", "show", "b", "a", "__wbg_z_3", "__wbg_gone_4"]);
        assert_eq!(
            rename(js, &renamed).as_deref(),
            Some(
                "const import0 = {\n    a: f,\n    b: f,\n    __wbg_z_3: f,\n};\n__wbg_z_3();\n\
                 show();\n"
            )
        );
    }

    #[test]
    fn the_glue_takes_the_names_its_module_was_given() {
        let glue =
            "const import0 = {\n    __wbg_show_1: function() {},\n    __wbg_hide_2: f,\n};\n";
        let renamed = [
            ("__wbg_show_1".to_owned(), "a".to_owned()),
            ("__wbg_hide_2".to_owned(), "b".to_owned()),
        ];
        assert_eq!(
            rename(glue, &renamed).as_deref(),
            Some("const import0 = {\n    a: function() {},\n    b: f,\n};\n")
        );
        let twice = format!("{glue}__wbg_hide_2();\n");
        assert_eq!(rename(&twice, &renamed), None);
        assert_eq!(rename("const import0 = {};\n", &renamed), None);
    }
}
