//! "Did you mean": the one known name a misspelt one most likely stands for.

/// The candidate that `input` most likely misspells, or `None` when no candidate is close
/// enough to be sure.
///
/// A candidate equal to `input` but for letter case always wins (`ticket_shift` ->
/// `ticket_Shift`). Otherwise the candidate with the fewest edits (insertions, deletions,
/// substitutions, swaps of neighbours; letter case ignored) wins if it is within one edit per
/// six characters, at least one, at most three, and no other candidate is as close: a
/// suggestion is never a guess between two.
///
/// ```
/// use desk_catalog::suggest;
///
/// let events = ["call.ringing", "call.answered", "ticket_Shift"];
/// assert_eq!(suggest("ticket_shift", events), Some("ticket_Shift"));
/// assert_eq!(suggest("call.ringin", events), Some("call.ringing"));
/// assert_eq!(suggest("comment_Added", events), None);
/// ```
pub fn suggest<I>(input: &str, candidates: I) -> Option<&'static str>
where
    I: IntoIterator<Item = &'static str>,
{
    let folded = input.to_lowercase();
    let length = folded.chars().count();
    let budget = (input.chars().count() / 6).clamp(1, 3);
    let mut best: Option<(usize, &'static str)> = None;
    let mut tied = false;
    for candidate in candidates {
        // More edits apart than their lengths differ: too far to be suggested, or to tie with
        // one that is. Skipping them keeps a megabyte-long name as cheap as a short one.
        if candidate.chars().count().abs_diff(length) > budget {
            continue;
        }
        let distance = strsim::damerau_levenshtein(&folded, &candidate.to_lowercase());
        if distance == 0 {
            return Some(candidate);
        }
        match best {
            Some((d, _)) if distance > d => {}
            Some((d, _)) if distance == d => tied = true,
            _ => {
                best = Some((distance, candidate));
                tied = false;
            }
        }
    }
    best.filter(|&(distance, _)| distance <= budget && !tied)
        .map(|(_, candidate)| candidate)
}

/// When no name is close enough to [`suggest`], the candidates that share the most words with
/// `input` (words split at `_`, `.` and capitals, compared without case, a word matching
/// another it starts or is started by): `comment_Added` -> `ticket_comment.add`. At most three,
/// and none when too many candidates tie for them to help.
///
/// ```
/// use desk_catalog::{related, EVENTS};
///
/// let events = || EVENTS.iter().map(|e| e.name);
/// assert_eq!(related("comment_Added", events()), ["ticket_comment.add"]);
/// assert_eq!(related("ringing", events()), ["call.ringing"]);
/// assert!(related("ticket", events()).is_empty()); // most events are about tickets
/// ```
pub fn related<I>(input: &str, candidates: I) -> Vec<&'static str>
where
    I: IntoIterator<Item = &'static str>,
{
    let mut wanted = words(input);
    wanted.retain(|w| w.len() >= 3);
    let mut best = 0;
    let mut found = Vec::new();
    for candidate in candidates {
        let have = words(candidate);
        let score = wanted
            .iter()
            .filter(|w| {
                have.iter()
                    .any(|h| h.starts_with(w.as_str()) || w.starts_with(h.as_str()))
            })
            .count();
        if score > best {
            best = score;
            found.clear();
        }
        if score == best && score > 0 {
            found.push(candidate);
        }
    }
    if found.len() > 3 { Vec::new() } else { found }
}

/// The lowercase words of a name: `ticket_replyEditor.opened` -> ticket, reply, editor, opened.
fn words(name: &str) -> Vec<String> {
    let mut split = String::new();
    for c in name.chars() {
        if c.is_uppercase() {
            split.push(' ');
        }
        split.push(if c == '_' || c == '.' { ' ' } else { c });
    }
    split.split_whitespace().map(str::to_lowercase).collect()
}
