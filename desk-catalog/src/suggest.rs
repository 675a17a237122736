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
    let budget = (input.chars().count() / 6).clamp(1, 3);
    let mut best: Option<(usize, &'static str)> = None;
    let mut tied = false;
    for candidate in candidates {
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
