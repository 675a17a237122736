//! One edit of a name: near-misses of the catalog's names are where the macro's checks decide.
//! Shared by the property tests (`tests/robustness.rs`) and the fuzz target
//! (`fuzz/fuzz_targets/expand.rs`), which include this file.

/// Characters that break naive string handling: NUL, right-to-left text and overrides,
/// combining marks, emoji and joiners, letters whose case mapping changes their length,
/// escapes, the last code point.
pub const ODD_CHARS: &[char] = &[
    '\0',
    '\u{202E}',
    '\u{200F}',
    '\u{05D0}',
    '\u{0627}',
    '\u{0301}',
    '\u{20DD}',
    '\u{1F600}',
    '\u{200D}',
    '\u{FEFF}',
    '\u{FFFD}',
    '\u{10FFFF}',
    'İ',
    'ß',
    'ǅ',
    'ﬃ',
    'é',
    'Ω',
    '\n',
    '\r',
    '\t',
    '"',
    '\\',
    '\'',
    '{',
    '}',
    '#',
    '$',
    '\u{7F}',
];

/// Applies edit `kind` at `at` (taken modulo the length) with the character `c`: 0 inserts,
/// 1 deletes, 2 replaces, 3 swaps with the next one, 4 flips the case, anything else truncates.
pub fn edit(chars: &mut Vec<char>, kind: u8, at: usize, c: char) {
    let len = chars.len();
    if kind == 0 {
        chars.insert(at % (len + 1), c);
        return;
    }
    if len == 0 {
        return;
    }
    let i = at % len;
    match kind {
        1 => {
            chars.remove(i);
        }
        2 => chars[i] = c,
        3 => chars.swap(i, (i + 1) % len),
        4 => {
            let flipped: Vec<char> = if chars[i].is_uppercase() {
                chars[i].to_lowercase().collect()
            } else {
                chars[i].to_uppercase().collect()
            };
            chars.splice(i..=i, flipped);
        }
        _ => chars.truncate(i),
    }
}
