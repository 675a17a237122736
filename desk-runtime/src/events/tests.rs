//! The table reader of structs (`json::Decode`, what `Payload::decode` uses) against each
//! type's derived `Deserialize` read by `json::from_str`: on the reference's samples and on
//! every mutation of them (a member missing, `null`, of each other JSON type, named twice,
//! under an escaped name; members reordered; unknown members; other values than an object;
//! the text cut short), and on random sequences of those, the two give the same value, or
//! errors with the same message and the same path.

use crate::json::{self, Decode};
use proptest::prelude::*;
use serde::de::DeserializeOwned;
use std::fmt::Debug;

/// A JSON value as its members' list: an object may name a member twice, and a name is kept
/// as its JSON text (quoted), which may spell it with escapes.
#[derive(Clone)]
enum Tree {
    /// Any value but an object, as its text.
    Leaf(String),
    Object(Vec<(String, Tree)>),
}

impl Tree {
    fn parse(text: &str) -> Tree {
        Tree::of(&serde_json::from_str(text).expect("a sample is JSON"))
    }

    fn of(value: &json::Value) -> Tree {
        match value {
            json::Value::Object(members) => Tree::Object(
                members
                    .iter()
                    .map(|(name, value)| {
                        (
                            json::Value::from(name.as_str()).to_string(),
                            Tree::of(value),
                        )
                    })
                    .collect(),
            ),
            other => Tree::Leaf(other.to_string()),
        }
    }

    fn text(&self) -> String {
        match self {
            Tree::Leaf(text) => text.clone(),
            Tree::Object(members) => {
                let members: Vec<String> = members
                    .iter()
                    .map(|(name, value)| format!("{name}:{}", value.text()))
                    .collect();
                format!("{{{}}}", members.join(","))
            }
        }
    }

    /// Every object of the tree (the root first), as the path of member indices to it.
    fn objects(&self) -> Vec<Vec<usize>> {
        let mut paths = Vec::new();
        if let Tree::Object(members) = self {
            paths.push(Vec::new());
            for (index, (_, value)) in members.iter().enumerate() {
                for mut path in value.objects() {
                    path.insert(0, index);
                    paths.push(path);
                }
            }
        }
        paths
    }

    fn at(&mut self, path: &[usize]) -> Option<&mut Vec<(String, Tree)>> {
        let Tree::Object(members) = self else {
            return None;
        };
        match path.split_first() {
            None => Some(members),
            Some((first, rest)) => members.get_mut(*first)?.1.at(rest),
        }
    }
}

/// Values of every JSON type, each put in place of members and of whole payloads.
const OTHERS: [&str; 14] = [
    "null",
    "0",
    "-1",
    "1.5",
    "1e400",
    "18446744073709551616",
    r#""x""#,
    r#""\u00e9\n""#,
    "true",
    "false",
    "{}",
    "[]",
    r#"[1,{"a":null}]"#,
    r#"{"a":{"b":[]}}"#,
];

/// What is done to one member (`member` picks it, modulo the object's length) of one object.
#[derive(Clone, Copy, Debug)]
enum Edit {
    Remove,
    Replace(usize),
    Duplicate,
    DuplicateAs(usize),
    EscapeName,
    Reverse,
    Unknown(usize),
}

fn edits() -> Vec<Edit> {
    let mut edits = vec![
        Edit::Remove,
        Edit::Duplicate,
        Edit::EscapeName,
        Edit::Reverse,
    ];
    for index in 0..OTHERS.len() {
        edits.extend([
            Edit::Replace(index),
            Edit::DuplicateAs(index),
            Edit::Unknown(index),
        ]);
    }
    edits
}

/// `tree` with `edit` done to its `member`th member of the object at `path`, if there is one.
fn edited(tree: &Tree, path: &[usize], member: usize, edit: Edit) -> Option<Tree> {
    let mut tree = tree.clone();
    let members = tree.at(path)?;
    // Objects as trees (to be edited further), other values as written (`1e400` included).
    let other = |index: usize| match OTHERS[index] {
        object if object.starts_with('{') => Tree::parse(object),
        value => Tree::Leaf(value.to_owned()),
    };
    match edit {
        Edit::Reverse => members.reverse(),
        Edit::Unknown(index) => members.insert(
            member % (members.len() + 1),
            (r#""unknown""#.into(), other(index)),
        ),
        _ => {
            let index = member.checked_rem(members.len())?;
            match edit {
                Edit::Remove => drop(members.remove(index)),
                Edit::Replace(other_index) => members[index].1 = other(other_index),
                Edit::Duplicate => members.push(members[index].clone()),
                Edit::DuplicateAs(other_index) => {
                    members.push((members[index].0.clone(), other(other_index)));
                }
                // The same name with its first letter escaped: the same member.
                Edit::EscapeName => {
                    let name = &mut members[index].0;
                    let first = name.chars().nth(1).filter(|first| *first != '"')?;
                    let rest = &name[1 + first.len_utf8()..];
                    *name = format!("\"\\u{:04x}{rest}", u32::from(first));
                }
                Edit::Reverse | Edit::Unknown(_) => unreachable!(),
            }
        }
    }
    Some(tree)
}

/// The table reader and the derive on `text`: the same value (compared by `Debug`, which
/// every payload derives), or errors with the same message and path.
pub(super) fn same<T: Decode + DeserializeOwned + Debug>(text: &str) -> Result<(), String> {
    let derived = json::from_str::<T>(text);
    let read = json::decode::<T>(text);
    let agree = match (&derived, &read) {
        (Ok(derived), Ok(read)) => format!("{derived:?}") == format!("{read:?}"),
        (Err(derived), Err(read)) => {
            derived.to_string() == read.to_string() && derived.path() == read.path()
        }
        _ => false,
    };
    if agree {
        Ok(())
    } else {
        Err(format!(
            "{text}\n  derived: {derived:?}\n  read:    {read:?}"
        ))
    }
}

pub(super) type Check = fn(&str) -> Result<(), String>;

/// The reference's sample of `event`.
fn sample(event: &str) -> String {
    crate::samples::sample(event)
        .expect("a sample")
        .into_owned()
}

/// Each type with a table, with a payload of it: the reference's sample, or (for the types
/// the reference has none of) one with every member. Nested structs (`TicketOwner`, `Agent`,
/// `Team`, `View`) are checked within their events' payloads.
fn converted() -> Vec<(&'static str, String, Check)> {
    let mut converted: Vec<_> = super::TABLE_PAYLOADS
        .iter()
        .map(|&(payload, check)| {
            let (event, _) = super::PAYLOAD_TYPES
                .iter()
                .find(|(_, named)| *named == payload)
                .expect("the event of each payload");
            (*event, sample(event), check)
        })
        .collect();
    converted.extend([
        (
            "ticket.reply",
            r#"{"toAddress":"a@x.com","fromAddress":"b@x.com","ccAddress":"","ticketId":"1",
                "ticketSubject":"Hi","threadId":"2","content":"%3Cp%3EHi%3C%2Fp%3E"}"#
                .to_owned(),
            same::<crate::hook::TicketReply> as Check,
        ),
        (
            "App",
            r#"{"uniqueID":"1","extensionID":"2","location":"desk.extension.telephony",
                "locale":"fr","localeResources":{"bar.title":"Barre"},
                "meta":{"dcType":"us","threadId":"t","deskDomainUrl":"https://desk.zoho.com",
                "userPreferences":{"appearance":"pureDark","theme":"blue","fontFamily":"Lato"}}}"#
                .to_owned(),
            same::<crate::App>,
        ),
        // The sample has only `theme`: every member, to mutate each.
        (
            "user_preference.changed",
            r#"{"theme":"yellow","fontFamily":"Lato","appearance":"dark"}"#.to_owned(),
            same::<super::UserPreferenceChanged>,
        ),
        // `ticket.isSpam` as a JSON boolean, which it is read from too.
        (
            "ticket_isSpam.changed",
            r#"{"ticket.isSpam":false}"#.to_owned(),
            same::<super::TicketIsSpamChanged>,
        ),
    ]);
    converted
}

/// Every event of the catalog with a payload struct is checked (all but `modal.closed`, whose
/// decoder is hand-written).
#[test]
fn every_payload_struct_is_checked() {
    let checked: Vec<&str> = converted().iter().map(|(name, _, _)| *name).collect();
    for (event, _) in super::PAYLOAD_TYPES {
        assert!(
            *event == "modal.closed" || checked.contains(event),
            "{event} is not checked"
        );
    }
}

/// The mutations write what they say: an escaped name is the same name, JSON-escaped.
#[test]
fn mutations_are_the_texts_meant() {
    let tree = Tree::parse(r#"{"ab":{"c":1}}"#);
    let text = |path: &[usize], edit| edited(&tree, path, 0, edit).map(|tree| tree.text());
    assert_eq!(
        text(&[], Edit::EscapeName).unwrap(),
        r#"{"\u0061b":{"c":1}}"#
    );
    assert_eq!(
        text(&[0], Edit::Duplicate).unwrap(),
        r#"{"ab":{"c":1,"c":1}}"#
    );
    assert_eq!(text(&[0], Edit::Remove).unwrap(), r#"{"ab":{}}"#);
    assert_eq!(
        text(&[], Edit::Unknown(0)).unwrap(),
        r#"{"unknown":null,"ab":{"c":1}}"#
    );
    assert_eq!(
        text(&[0], Edit::Replace(4)).unwrap(),
        r#"{"ab":{"c":1e400}}"#
    );
    assert_eq!(tree.objects(), [vec![], vec![0]]);
}

/// Every single mutation of every sample, and every prefix of it.
#[test]
fn the_table_reader_decodes_as_the_derive() {
    let mut failures = Vec::new();
    for (name, sample, check) in converted() {
        let tree = Tree::parse(&sample);
        let mut texts = vec![sample.clone(), tree.text()];
        texts.extend(OTHERS.iter().map(|other| (*other).to_owned()));
        texts.extend(["", " ", "{", "{}", "{} x", r#"{"a" 1}"#, "{1:2}"].map(str::to_owned));
        for text in [sample.as_str(), &tree.text()] {
            texts.extend(text.char_indices().map(|(end, _)| text[..end].to_owned()));
        }
        for path in tree.objects() {
            let length = tree.clone().at(&path).map_or(0, |members| members.len());
            for member in 0..=length {
                for edit in edits() {
                    texts.extend(edited(&tree, &path, member, edit).map(|tree| tree.text()));
                }
            }
        }
        failures.extend(
            texts
                .iter()
                .filter_map(|text| check(text).err())
                .map(|failure| format!("{name}: {failure}")),
        );
    }
    assert!(
        failures.is_empty(),
        "{} disagreement(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]

    /// Random sequences of mutations, anywhere in the tree, the text then perhaps cut short.
    #[test]
    fn the_table_reader_decodes_mutations_as_the_derive(
        which in 0usize..6,
        steps in proptest::collection::vec((any::<usize>(), any::<usize>(), any::<usize>()), 1..6),
        cut in proptest::option::of(any::<usize>()),
    ) {
        let converted = converted();
        let (name, sample, check) = &converted[which % converted.len()];
        let edits = edits();
        let mut tree = Tree::parse(sample);
        for (object, member, edit) in steps {
            let objects = tree.objects();
            let Some(path) = objects.get(object % objects.len().max(1)) else { break };
            if let Some(next) = edited(&tree, path, member, edits[edit % edits.len()]) {
                tree = next;
            }
        }
        let mut text = tree.text();
        if let Some(cut) = cut {
            text.truncate(text.floor_char_boundary(cut % (text.len() + 1)));
        }
        prop_assert!(check(&text).is_ok(), "{}: {}", name, check(&text).unwrap_err());
    }
}
