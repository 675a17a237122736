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
        #[cfg(test)]
        tests::COMPARED.set(tests::COMPARED.get() + 1);
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

#[cfg(test)]
mod tests {
    use super::suggest;
    use crate::{EVENTS, LOCATIONS, event, location};
    use std::cell::Cell;

    thread_local! {
        /// How many candidates `suggest` has computed an edit distance to, on this thread.
        pub(super) static COMPARED: Cell<usize> = const { Cell::new(0) };
    }

    /// The edit distances that `f` computes.
    fn compared<T>(f: impl FnOnce() -> T) -> usize {
        COMPARED.set(0);
        f();
        COMPARED.get()
    }

    fn events() -> impl Iterator<Item = &'static str> {
        EVENTS.iter().map(|e| e.name)
    }

    fn locations() -> impl Iterator<Item = &'static str> {
        LOCATIONS.iter().map(|l| l.name)
    }

    /// The README's "an unknown megabyte-long event name is refused as fast as a short one",
    /// as work rather than time: an edit distance costs the product of the two lengths, so a
    /// long name must be compared with nothing.
    #[test]
    fn a_megabyte_long_name_is_compared_with_no_candidate() {
        const MB: usize = 1 << 20;
        let x = "x".repeat(MB);
        for long in [
            x.clone(),
            format!("call.ringing{x}"),
            format!("{x}call.ringing"),
            format!("desk.ticket.detail.rightpanel{x}"),
            format!("{x}Form_email.changed"),
            format!("ticket{x}_email.changed"),
        ] {
            assert!(long.len() >= MB);
            assert_eq!(compared(|| suggest(&long, events())), 0);
            assert_eq!(compared(|| suggest(&long, locations())), 0);
            assert_eq!(compared(|| event(&long).unwrap_err()), 0, "{}", &long[..40]);
            assert_eq!(compared(|| location(&long).unwrap_err()), 0);
        }
        // Long in the field only: the form and the end are short and are compared, the field
        // never is.
        for long in [
            format!("ticketFrom_{x}.changed"),
            format!("ticketForm_{x}.chnaged"),
        ] {
            let error = event(&long).unwrap_err();
            assert!(error.suggestion().is_some());
            assert!(
                compared(|| event(&long)) <= FORMS_AND_END,
                "{}",
                &long[..40]
            );
        }
    }

    /// The three forms and `changed`.
    const FORMS_AND_END: usize = 4;

    /// The other side: the count is not always zero, short names are compared.
    #[test]
    fn a_short_typo_is_compared_with_the_candidates() {
        // Those within one edit of its length (11 characters): `call.ringing`, `click2Call`, ...
        let within = events().filter(|e| e.len().abs_diff(11) <= 1).count();
        assert!(within > 1);
        assert_eq!(compared(|| suggest("call.ringin", events())), within);
        assert!(compared(|| event("call.ringin")) > 0);
        assert!(compared(|| location("desk.ticket.detail.rightpanle")) > 0);
        assert_eq!(
            compared(|| event("ticketFrom_email.changed")),
            compared(|| suggest("ticketFrom_email.changed", events())) + FORMS_AND_END
        );
    }
}
