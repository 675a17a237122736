//! Payloads are untrusted: property-based tests that decoding and dispatch never panic, and
//! that what they return is well-formed, whatever Desk (or an attacker) sends.
//!
//! Every input goes through three doors: `desk_runtime::events::decode`, `Widget::dispatch` of
//! two widgets declared here with the DSL (a ticket right panel subscribing to payloads of
//! every shape, the nested `ticket_assignee.changed`, `modal.closed`, `ticket_isSpam.changed`,
//! an omitted payload, a fallible handler and an `unchecked` event, and a ticket form panel
//! with form-field handlers), and `SimulatedDesk::fire` for both. For each input:
//!
//! - nothing panics (`catch_unwind` around each call; a `DispatchError::Panicked` from the
//!   simulator is a failure too, since these handlers never panic);
//! - an `Ok` decode is of the event named (`Event::name()`);
//! - every error's `Display` is non-empty; an unknown event is exactly what
//!   `desk_catalog::event` refuses; a payload error names the event, and its `path` is empty or
//!   a wire path of the payload: its keys and `[n]` indices lead from the root to a value of
//!   the document (for text that is not JSON, each key of the path occurs in the text);
//! - dispatch agrees with `decode`: a typed handler runs exactly when the payload decodes,
//!   and fails with the very `DecodeError` otherwise; `fire` agrees with dispatch, refuses
//!   what the catalog refuses and delivers nothing else;
//! - the widget keeps working: after every input, firing the reference's sample of an event it
//!   subscribes to succeeds and reaches the handler.
//!
//! The inputs: arbitrary JSON values (objects keyed with random strings and with the real wire
//! keys), the reference's samples with structural mutations at any depth, the samples with
//! edits of same-typed values (which must still decode), character-level edits of the
//! samples' text, random text, and random event names (near-misses of real names among them),
//! for every event of the catalog and form-field events of each form. Deterministic tests
//! cover nesting around the decoder's recursion limit (`desk_runtime::json`, 127 levels as
//! `serde_json`) and 100 000 deep, 16 MB strings, invalid UTF-8 and lone surrogate escapes.
//!
//! Bounded: error messages (at most 300 bytes, whatever the sender wrote) and the time to
//! refuse a megabyte-long unknown event name.
//!
//! Case counts (64 to 192 per property, about 26 000 inputs in all) keep the file around ten
//! seconds in a debug build; a failure prints its input (shrunk), since file persistence of
//! failures needs proptest's default features.

use desk_runtime::catalog::{self, EVENTS};
use desk_runtime::events::{
    CallAnswered, CallRinging, Click2Call, DecodeError, Event, FormFieldChanged, ModalClosed,
    TicketAssigneeChanged, TicketCommentAdd, TicketCustomFieldsChanged, TicketIsSpamChanged,
    TicketOwnerChanged, TicketPriorityChanged, UserPreferenceChanged, decode,
};
use desk_runtime::json::Value;
use desk_runtime::prelude::*;
use desk_runtime::samples::sample;
use desk_runtime::sim::{FireError, SimulatedDesk};
use desk_runtime::{Dispatch, DispatchError, Widget};
use proptest::prelude::*;
use proptest::sample::Index;
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use std::collections::BTreeSet;
use std::fmt;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::LazyLock;

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        // File persistence needs proptest's default features; a failure prints its input.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// A widget's dispatch as a host calls it, for widgets whose handlers are synchronous.
fn dispatch<W: Widget>(widget: &mut W, name: &str, json: &str) -> Result<(), DispatchError> {
    widget
        .dispatch(name, json, &Desk::detached())
        .done()
        .expect("no `async` handler")
        .map(drop)
}

// ---------------------------------------------------------------------------------------------
// The widgets under test
// ---------------------------------------------------------------------------------------------

/// The event outside the catalog that `Panel` takes as JSON (`unchecked`).
const UNCHECKED: &str = "agent_presence.changed";

/// Form-field events, one per form, and a field name with `_` and digits.
const FORM_EVENTS: [&str; 4] = [
    "ticketForm_email.changed",
    "ticketForm_cf_region2.changed",
    "contactForm_phone.changed",
    "accountForm_cf_region.changed",
];

/// A widget counting the events its handlers ran for.
trait Counted {
    /// The handlers that do not decode with `decode`'s type: no payload, or JSON.
    const UNTYPED: &'static [&'static str];

    fn handled(&self) -> usize;
}

/// A ticket right panel subscribing to payloads of every shape.
#[derive(Debug, Default)]
struct Panel {
    handled: usize,
    last: Option<String>,
}

#[desk_widget(location = "desk.ticket.detail.rightpanel")]
impl Panel {
    #[on("call.ringing")]
    fn ringing(&mut self, call: CallRinging) {
        self.handled += 1;
        self.last = Some(call.number);
    }

    #[on("call.answered")]
    fn answered(&mut self, call: CallAnswered) {
        self.handled += 1;
        self.last = call.activity_id;
    }

    #[on("click2Call")]
    fn click(&mut self, _: Click2Call) {
        self.handled += 1;
    }

    #[on("ticket_assignee.changed")]
    fn assignee(&mut self, change: TicketAssigneeChanged) {
        self.handled += 1;
        self.last = change.owner.agent.map(|agent| agent.email);
    }

    #[on("ticket_owner.changed")]
    #[allow(deprecated)]
    fn owner(&mut self, change: TicketOwnerChanged) {
        self.handled += 1;
        self.last = change.owner.team.map(|team| team.department_id);
    }

    #[on("modal.closed")]
    fn closed(&mut self, _: ModalClosed) {
        self.handled += 1;
    }

    #[on("ticket_isSpam.changed")]
    fn spam(&mut self, change: TicketIsSpamChanged) {
        self.handled += 1;
        self.last = Some(change.is_spam.to_string());
    }

    #[on("ticket_customFields.changed")]
    fn custom(&mut self, change: TicketCustomFieldsChanged) {
        self.handled += 1;
        self.last = change.custom_fields.keys().next().cloned();
    }

    #[on("ticket_comment.add")]
    fn comment(&mut self, comment: TicketCommentAdd) {
        self.handled += 1;
        self.last = Some(comment.comment.escaped());
    }

    #[on("user_preference.changed")]
    fn preference(&mut self, change: UserPreferenceChanged) {
        self.handled += 1;
        self.last = change.theme;
    }

    #[on("ticket_status.changed")]
    fn status(&mut self) {
        self.handled += 1;
    }

    #[on("ticket_priority.changed")]
    fn priority(&mut self, change: TicketPriorityChanged) -> Result<(), String> {
        self.handled += 1;
        if change.priority.trim().is_empty() {
            return Err("an empty priority".to_owned());
        }
        self.last = Some(change.priority);
        Ok(())
    }

    #[on("agent_presence.changed", unchecked)]
    fn presence(&mut self, presence: Value) {
        self.handled += 1;
        self.last = Some(presence.to_string());
    }
}

impl Counted for Panel {
    const UNTYPED: &'static [&'static str] = &["ticket_status.changed", UNCHECKED];

    fn handled(&self) -> usize {
        self.handled
    }
}

/// A ticket form's right panel, with form-field handlers.
#[derive(Debug, Default)]
struct Form {
    handled: usize,
    last: Option<String>,
}

#[desk_widget(location = "desk.ticket.form.rightpanel")]
impl Form {
    #[on("ticketForm_email.changed")]
    fn email(&mut self, change: FormFieldChanged) {
        self.handled += 1;
        self.last = Some(change.new_value);
    }

    #[on("ticketForm_cf_region2.changed")]
    fn region(&mut self, change: FormFieldChanged) {
        self.handled += 1;
        self.last = Some(change.old_value);
    }

    #[on("modal.closed")]
    fn closed(&mut self) {
        self.handled += 1;
    }

    #[on("user_preference.changed")]
    fn preference(&mut self, change: UserPreferenceChanged) {
        self.handled += 1;
        self.last = change.font_family;
    }
}

impl Counted for Form {
    const UNTYPED: &'static [&'static str] = &["modal.closed"];

    fn handled(&self) -> usize {
        self.handled
    }
}

// ---------------------------------------------------------------------------------------------
// The checks every input goes through
// ---------------------------------------------------------------------------------------------

/// Every event name payloads are decoded for: the catalog's events, form-field events, and the
/// `unchecked` event `Panel` subscribes to.
static NAMES: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    EVENTS
        .iter()
        .map(|event| event.name)
        .chain(FORM_EVENTS)
        .chain([UNCHECKED])
        .collect()
});

/// The names that have a sample, with it parsed.
static SAMPLES: LazyLock<Vec<(&'static str, Value)>> = LazyLock::new(|| {
    NAMES
        .iter()
        .filter_map(|&name| {
            let json = sample(name)?;
            let value = serde_json::from_str(&json)
                .unwrap_or_else(|error| panic!("`{name}`'s sample: {error}"));
            Some((name, value))
        })
        .collect()
});

/// A short description of an input, for failure messages.
fn describe(name: &str, json: &str) -> String {
    const SHOWN: usize = 160;
    let mut shown: String = json.chars().take(SHOWN).collect();
    if shown.len() < json.len() {
        shown = format!("{shown:?}... ({} bytes)", json.len());
    } else {
        shown = format!("{shown:?}");
    }
    format!("`{name:?}` with {shown}")
}

/// Runs `f`, turning a panic into a test failure naming `what`.
fn guarded<T>(what: &dyn Fn() -> String, f: impl FnOnce() -> T) -> Result<T, TestCaseError> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|panic| {
        let message = panic
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic without a message".to_owned());
        TestCaseError::fail(format!("{} panicked: {message}", what()))
    })
}

/// A JSON document with every entry of its objects, duplicate keys included (which
/// `serde_json::Value` would merge), to follow error paths through.
enum Tree {
    Scalar,
    List(Vec<Tree>),
    Map(Vec<(String, Tree)>),
}

impl<'de> Deserialize<'de> for Tree {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(TreeVisitor)
    }
}

struct TreeVisitor;

impl<'de> Visitor<'de> for TreeVisitor {
    type Value = Tree;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("JSON")
    }

    fn visit_bool<E>(self, _: bool) -> Result<Tree, E> {
        Ok(Tree::Scalar)
    }

    fn visit_i64<E>(self, _: i64) -> Result<Tree, E> {
        Ok(Tree::Scalar)
    }

    fn visit_u64<E>(self, _: u64) -> Result<Tree, E> {
        Ok(Tree::Scalar)
    }

    fn visit_f64<E>(self, _: f64) -> Result<Tree, E> {
        Ok(Tree::Scalar)
    }

    fn visit_str<E>(self, _: &str) -> Result<Tree, E> {
        Ok(Tree::Scalar)
    }

    fn visit_unit<E>(self) -> Result<Tree, E> {
        Ok(Tree::Scalar)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Tree, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Tree::List(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Tree, A::Error> {
        let mut entries = Vec::new();
        while let Some(entry) = map.next_entry()? {
            entries.push(entry);
        }
        Ok(Tree::Map(entries))
    }
}

/// Whether `path` (a wire path, `a.b[2].c`) leads from `tree` to one of its values. Keys may
/// hold dots, so every key that `path` starts with is tried.
fn resolves(tree: &Tree, path: &str, at_root: bool) -> bool {
    if path.is_empty() {
        return true;
    }
    match tree {
        Tree::Map(entries) => entries.iter().any(|(key, child)| {
            // A path does not show an empty key at its start (`wire_path` writes no dot there).
            (at_root && key.is_empty() && resolves(child, path, true))
                || path
                    .strip_prefix(key.as_str())
                    .is_some_and(|rest| resolves_below(child, rest))
        }),
        Tree::List(items) => path
            .strip_prefix('[')
            .and_then(|rest| rest.split_once(']'))
            .and_then(|(digits, rest)| Some((items.get(digits.parse::<usize>().ok()?)?, rest)))
            .is_some_and(|(child, rest)| resolves_below(child, rest)),
        Tree::Scalar => false,
    }
}

/// What follows a segment of a path: nothing, `.key...` or `[n]...`.
fn resolves_below(child: &Tree, rest: &str) -> bool {
    rest.is_empty()
        || rest
            .strip_prefix('.')
            .is_some_and(|rest| resolves(child, rest, false))
        || (rest.starts_with('[') && resolves(child, rest, false))
}

/// Whether a payload error's `path` is one of `json`'s wire paths (see the module's doc).
fn path_is_consistent(json: &str, path: &str) -> bool {
    if path.is_empty() {
        return true;
    }
    if let Ok(tree) = serde_json::from_str::<Tree>(json) {
        return resolves(&tree, path, true);
    }
    // Not a JSON document (a syntax error, or deeper than the decoder reads): each key of the
    // path must occur in the text, unless escapes may spell it otherwise.
    let keys: BTreeSet<&str> = path
        .split('.')
        .map(|segment| segment.split('[').next().unwrap_or_default())
        .collect();
    json.contains('\\') || keys.into_iter().all(|key| json.contains(key))
}

/// Checks an error of `decode(name, json)` (or of a handler's decoding).
fn check_decode_error(name: &str, json: &str, error: &DecodeError) -> Result<(), TestCaseError> {
    let what = || describe(name, json);
    let display = guarded(&what, || error.to_string())?;
    prop_assert!(!display.trim().is_empty(), "{}: empty Display", what());
    match error {
        DecodeError::UnknownEvent(unknown) => {
            let refused = catalog::event(name).err();
            prop_assert_eq!(
                refused.as_ref(),
                Some(unknown),
                "{}: not the catalog's error",
                what()
            );
            if let catalog::EventError::Unknown {
                suggestion: Some(suggestion),
                ..
            } = unknown
            {
                prop_assert!(
                    EVENTS.iter().any(|event| event.name == *suggestion),
                    "{}: suggests `{suggestion}`",
                    what()
                );
            }
        }
        DecodeError::Payload {
            event,
            path,
            message,
            ..
        } => {
            prop_assert_eq!(event, name, "{}: another event's error", what());
            prop_assert!(!message.trim().is_empty(), "{}: empty message", what());
            // The display names the event, the path and the message, cut at 300 bytes, with
            // U+FFFD for a character that reorders the text around it (`bounded.rs`).
            let whole = if path.is_empty() {
                format!("bad `{event}` payload: {message}")
            } else {
                format!("bad `{event}` payload at `{path}`: {message}")
            };
            let whole: String = whole
                .chars()
                .map(|c| if reorders(c) { '\u{fffd}' } else { c })
                .collect();
            prop_assert!(
                display == whole
                    || (display.len() <= 300
                        && display
                            .strip_suffix("...")
                            .is_some_and(|kept| whole.starts_with(kept))),
                "{}: {display}",
                what()
            );
            prop_assert!(
                path_is_consistent(json, path),
                "{}: path `{path}` is not a wire path of the payload ({display})",
                what()
            );
        }
        // A variant added later: its Display was checked.
        _ => {}
    }
    Ok(())
}

/// Decodes and checks the result.
fn check_decode(name: &str, json: &str) -> Result<Result<Event, DecodeError>, TestCaseError> {
    let what = || describe(name, json);
    let result = guarded(&what, || decode(name, json))?;
    match &result {
        Ok(event) => {
            let decoded = guarded(&what, || event.name())?;
            prop_assert_eq!(
                decoded.as_ref(),
                name,
                "{}: decoded as another event",
                what()
            );
        }
        Err(error) => check_decode_error(name, json, error)?,
    }
    prop_assert_eq!(
        matches!(result, Err(DecodeError::UnknownEvent(_))),
        catalog::event(name).is_err(),
        "{}: {:?}",
        what(),
        result
    );
    Ok(result)
}

/// Checks an error of dispatch, direct or through the simulator.
fn check_dispatch_error(
    name: &str,
    json: &str,
    error: &DispatchError,
) -> Result<(), TestCaseError> {
    let what = || describe(name, json);
    let display = guarded(&what, || error.to_string())?;
    prop_assert!(!display.trim().is_empty(), "{}: empty Display", what());
    match error {
        DispatchError::NotSubscribed { event } | DispatchError::Handler { event, .. } => {
            prop_assert_eq!(event, name, "{}: {}", what(), display);
        }
        DispatchError::Decode(error) => check_decode_error(name, json, error)?,
        // The handlers here never panic: this is decoding that panicked, caught by `deliver`
        // (and every event after it, refused).
        DispatchError::Panicked { .. } | DispatchError::Stopped { .. } => {
            prop_assert!(false, "{}: {display}", what());
        }
        _ => {}
    }
    Ok(())
}

/// A widget and a simulated Desk with one mounted, taking the same inputs.
struct Host<W: Widget + Counted> {
    bare: W,
    desk: SimulatedDesk<W>,
    /// The subscribed events with a sample, fired in turn after each input.
    samples: Vec<&'static str>,
    fired: usize,
}

impl<W: Widget + Counted + Default + 'static> Host<W> {
    fn new() -> Self {
        Host {
            bare: W::default(),
            desk: SimulatedDesk::mount(W::default()),
            samples: W::SUBSCRIPTIONS
                .iter()
                .copied()
                .filter(|event| sample(event).is_some())
                .collect(),
            fired: 0,
        }
    }

    /// Dispatches and fires `json` as `name`, checks both against `decoded` (what `decode`
    /// returned), then checks that the widget still handles a sample.
    fn check(
        &mut self,
        name: &str,
        json: &str,
        decoded: &Result<Event, DecodeError>,
    ) -> Result<(), TestCaseError> {
        let what = || describe(name, json);
        let subscribed = W::SUBSCRIPTIONS.contains(&name);
        let typed = subscribed && !W::UNTYPED.contains(&name);

        let dispatched = guarded(&what, || dispatch(&mut self.bare, name, json))?;
        match (&dispatched, decoded) {
            // The same error as `decode`'s, checked already.
            (Err(DispatchError::Decode(error)), Err(decoded)) if error == decoded => {}
            (Err(error), _) => check_dispatch_error(name, json, error)?,
            (Ok(()), _) => {}
        }
        if !subscribed {
            prop_assert_eq!(
                &dispatched,
                &Err(DispatchError::NotSubscribed {
                    event: name.to_owned()
                }),
                "{}",
                what()
            );
        }
        if typed {
            match (decoded, &dispatched) {
                (Ok(_), Ok(()) | Err(DispatchError::Handler { .. })) => {}
                (Err(error), Err(DispatchError::Decode(dispatch))) if dispatch == error => {}
                (decoded, dispatched) => prop_assert!(
                    false,
                    "{}: decode gave {decoded:?}, dispatch {dispatched:?}",
                    what()
                ),
            }
        }

        let fired = guarded(&what, || self.desk.fire(name, json))?;
        if let Err(error) = &fired {
            prop_assert!(!error.to_string().trim().is_empty(), "{}", what());
        }
        let known = catalog::event(name);
        let expected = match &known {
            Err(error) if !subscribed => Err(FireError::UnknownEvent(error.clone())),
            Ok(known) if !catalog::is_available(known, W::LOCATION) => {
                Err(FireError::NotAvailable {
                    event: name.to_owned(),
                    location: W::LOCATION,
                })
            }
            _ if subscribed => dispatched.map_err(FireError::Failed),
            _ => Ok(()),
        };
        prop_assert_eq!(fired, expected, "{}: fire and dispatch disagree", what());

        self.still_works()
    }

    /// Fires the next subscribed event's sample: it must reach its handler.
    fn still_works(&mut self) -> Result<(), TestCaseError> {
        let event = self.samples[self.fired % self.samples.len()];
        self.fired += 1;
        let before = self.desk.widget().handled();
        let result = self.desk.fire_sample(event);
        prop_assert_eq!(
            result,
            Ok(()),
            "the sample of `{}` after a hostile input",
            event
        );
        prop_assert_eq!(self.desk.widget().handled(), before + 1, "`{}`", event);
        Ok(())
    }
}

/// Both widgets.
struct Hosts {
    panel: Host<Panel>,
    form: Host<Form>,
}

impl Hosts {
    fn new() -> Self {
        Hosts {
            panel: Host::new(),
            form: Host::new(),
        }
    }

    /// Every check, for `json` sent as `name`.
    fn check(&mut self, name: &str, json: &str) -> Result<(), TestCaseError> {
        self.checked(name, json).map(drop)
    }

    /// Every check, for `json` sent as `name`; returns what `decode` returned.
    fn checked(
        &mut self,
        name: &str,
        json: &str,
    ) -> Result<Result<Event, DecodeError>, TestCaseError> {
        let decoded = check_decode(name, json)?;
        self.panel.check(name, json, &decoded)?;
        self.form.check(name, json, &decoded)?;
        Ok(decoded)
    }

    /// Every check, for `json` sent as each name of [`NAMES`].
    fn check_every_name(&mut self, json: &str) -> Result<(), TestCaseError> {
        for name in NAMES.iter() {
            self.check(name, json)?;
        }
        Ok(())
    }
}

/// Runs a deterministic check, failing the test with its message.
fn must<T>(result: Result<T, TestCaseError>) -> T {
    result.unwrap_or_else(|error| panic!("{error}"))
}

// ---------------------------------------------------------------------------------------------
// Strategies
// ---------------------------------------------------------------------------------------------

/// Strings that mean something to some payload type, or to a JSON or HTML reader.
const TRICKY_STRINGS: &[&str] = &[
    "",
    " ",
    "true",
    "false",
    "null",
    "0",
    "-1",
    "inbound",
    "ringing",
    "proceedanswer",
    "teamAgent",
    "Unassigned",
    "replyAll",
    "ticket.detail.page",
    "dial.pad",
    "dashboard",
    "\"",
    "\\",
    "\\\"",
    "\\uD800",
    "\u{0}",
    "\u{1f}",
    "\u{7f}",
    "\u{feff}",
    "\u{202e}",
    "\u{fffd}",
    "\u{10ffff}",
    "\u{1F600}",
    "e\u{301}",
    "\n\r\t",
    "<script>alert(1)</script>",
    "${module}Form_${fieldName}.changed",
    "ticketForm.email",
];

/// The keys of every sample's objects, at any depth, and keys close to them.
static WIRE_KEYS: LazyLock<Vec<String>> = LazyLock::new(|| {
    fn collect(value: &Value, keys: &mut BTreeSet<String>) {
        match value {
            Value::Object(map) => {
                for (key, child) in map {
                    keys.insert(key.clone());
                    collect(child, keys);
                }
            }
            Value::Array(items) => items.iter().for_each(|item| collect(item, keys)),
            _ => {}
        }
    }
    let mut keys = BTreeSet::new();
    for (_, value) in SAMPLES.iter() {
        collect(value, &mut keys);
    }
    keys.extend(
        [
            "ticket.owner",
            "ticketForm.email",
            "ticketForm.cf_region2",
            "contactForm.phone",
            "accountForm.cf_region",
            "ticketForm",
            "ticket",
            "owner",
            "event",
            "payload",
            "",
        ]
        .map(str::to_owned),
    );
    keys.into_iter().collect()
});

fn string() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => any::<String>(),
        2 => prop::sample::select(TRICKY_STRINGS).prop_map(str::to_owned),
        1 => "[a-zA-Z0-9 .@]{0,12}",
        1 => prop::sample::select(WIRE_KEYS.clone()),
    ]
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(WIRE_KEYS.clone()),
        1 => any::<String>(),
        1 => "[a-zA-Z_.]{0,10}",
    ]
}

fn number() -> impl Strategy<Value = Value> {
    let float = |f: f64| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number);
    prop_oneof![
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(float),
        prop::sample::select(&[i64::MIN, -1, 0, 1, i64::MAX][..]).prop_map(Value::from),
        Just(Value::from(u64::MAX)),
        prop::sample::select(&[1e308, -1e308, f64::MIN_POSITIVE, 5e-324, -0.0, 0.5][..])
            .prop_map(float),
    ]
}

fn scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        1 => Just(Value::Null),
        1 => any::<bool>().prop_map(Value::Bool),
        2 => number(),
        4 => string().prop_map(Value::String),
    ]
}

/// Any JSON value, `depth` levels deep at most.
fn json(depth: u32) -> impl Strategy<Value = Value> {
    scalar().prop_recursive(depth, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((key(), inner), 0..6)
                .prop_map(|entries| Value::Object(entries.into_iter().collect())),
        ]
    })
}

/// One step from a value to one of its children.
#[derive(Debug, Clone)]
enum Step {
    Key(String),
    At(usize),
}

/// The paths of every value in `value`, the root first.
fn nodes(value: &Value) -> Vec<Vec<Step>> {
    fn walk(value: &Value, path: &mut Vec<Step>, all: &mut Vec<Vec<Step>>) {
        all.push(path.clone());
        match value {
            Value::Object(map) => {
                for (key, child) in map {
                    path.push(Step::Key(key.clone()));
                    walk(child, path, all);
                    path.pop();
                }
            }
            Value::Array(items) => {
                for (index, child) in items.iter().enumerate() {
                    path.push(Step::At(index));
                    walk(child, path, all);
                    path.pop();
                }
            }
            _ => {}
        }
    }
    let mut all = Vec::new();
    walk(value, &mut Vec::new(), &mut all);
    all
}

fn node_mut<'a>(value: &'a mut Value, path: &[Step]) -> Option<&'a mut Value> {
    path.iter().try_fold(value, |value, step| match step {
        Step::Key(key) => value.get_mut(key.as_str()),
        Step::At(index) => value.get_mut(*index),
    })
}

/// The kind of a JSON value, 0 to 5.
fn kind(value: &Value) -> usize {
    match value {
        Value::Null => 0,
        Value::Bool(_) => 1,
        Value::Number(_) => 2,
        Value::String(_) => 3,
        Value::Array(_) => 4,
        Value::Object(_) => 5,
    }
}

/// `candidate` if it is of another kind than `original`, else a value of the next kind.
fn of_another_kind(original: &Value, candidate: Value) -> Value {
    if kind(&candidate) != kind(original) {
        return candidate;
    }
    match kind(original) {
        0 => Value::Bool(false),
        1 => Value::from(0),
        2 => Value::String(String::new()),
        3 => Value::Array(Vec::new()),
        4 => Value::Object(serde_json::Map::new()),
        _ => Value::Null,
    }
}

/// A structural edit of a payload, at a node picked by an index.
#[derive(Debug, Clone)]
enum Mutation {
    /// The node becomes a value of another type.
    Retype(Index, Value),
    /// The node (not the root) is removed from its object or array.
    Delete(Index),
    /// An entry is added to an object node (replacing one of the same key).
    Add(Index, String, Value),
    /// The node is wrapped in an array.
    Wrap(Index),
}

impl Mutation {
    fn apply(&self, value: &mut Value) {
        let all = nodes(value);
        match self {
            Mutation::Retype(at, candidate) => {
                let path: &Vec<Step> = at.get(&all);
                if let Some(node) = node_mut(value, path) {
                    *node = of_another_kind(node, candidate.clone());
                }
            }
            Mutation::Delete(at) => {
                let Some((last, parent)) = at.get(&all).split_last() else {
                    return; // the root
                };
                match (node_mut(value, parent), last) {
                    (Some(Value::Object(map)), Step::Key(key)) => {
                        map.remove(key.as_str());
                    }
                    (Some(Value::Array(items)), Step::At(index)) => {
                        items.remove(*index);
                    }
                    _ => {}
                }
            }
            Mutation::Add(at, key, added) => {
                let objects: Vec<&Vec<Step>> = all
                    .iter()
                    .filter(|path| node_mut(value, path).is_some_and(|node| node.is_object()))
                    .collect();
                if objects.is_empty() {
                    return;
                }
                let path: &&Vec<Step> = at.get(&objects);
                if let Some(Value::Object(map)) = node_mut(value, path) {
                    map.insert(key.clone(), added.clone());
                }
            }
            Mutation::Wrap(at) => {
                let path: &Vec<Step> = at.get(&all);
                if let Some(node) = node_mut(value, path) {
                    *node = Value::Array(vec![node.take()]);
                }
            }
        }
    }
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        3 => (any::<Index>(), json(2)).prop_map(|(at, value)| Mutation::Retype(at, value)),
        2 => any::<Index>().prop_map(Mutation::Delete),
        2 => (any::<Index>(), key(), json(2))
            .prop_map(|(at, key, value)| Mutation::Add(at, key, value)),
        1 => any::<Index>().prop_map(Mutation::Wrap),
    ]
}

/// New values for the scalars of a payload, each of the type it replaces.
#[derive(Debug, Clone)]
struct SameType {
    at: Index,
    text: String,
    flag: bool,
    number: Value,
}

impl SameType {
    fn apply(&self, value: &mut Value) {
        let scalars: Vec<Vec<Step>> = nodes(value)
            .into_iter()
            .filter(|path| {
                node_mut(value, path).is_some_and(|node| !node.is_object() && !node.is_array())
            })
            .collect();
        if scalars.is_empty() {
            return;
        }
        let path = self.at.get(&scalars);
        // `ticket.isSpam` is a boolean spelt as a string: only its two spellings are the type.
        let spam = matches!(path.last(), Some(Step::Key(key)) if key == "ticket.isSpam");
        let Some(node) = node_mut(value, path) else {
            return;
        };
        *node = match node {
            Value::String(_) if spam => Value::String(self.flag.to_string()),
            Value::String(_) => Value::String(self.text.clone()),
            Value::Bool(_) => Value::Bool(self.flag),
            Value::Number(_) => self.number.clone(),
            _ => Value::Null,
        };
    }
}

fn same_type() -> impl Strategy<Value = SameType> {
    (
        any::<Index>(),
        string(),
        any::<bool>(),
        number().prop_filter("a number", Value::is_number),
    )
        .prop_map(|(at, text, flag, number)| SameType {
            at,
            text,
            flag,
            number,
        })
}

/// Pieces of JSON text (and of what is not quite JSON) inserted by text edits.
const FRAGMENTS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    "\"",
    ":",
    ",",
    "\\",
    "\\u",
    "\\uD800",
    "\\uDC00",
    "\\\"",
    "\\n",
    "null",
    "true",
    "false",
    "1e999",
    "-1e-999",
    "-0",
    "1.5e300",
    "99999999999999999999999999",
    "0x1F",
    "NaN",
    "Infinity",
    "\u{0}",
    "\u{feff}",
    " ",
    "\n",
    "/*",
    "//",
    "'",
    "\u{e9}",
    "\u{1F600}",
    "\u{2028}",
    "{}",
    "[]",
    "\"\":",
];

/// A character-level edit of a text, at a character picked by an index.
#[derive(Debug, Clone)]
enum Edit {
    Insert(Index, String),
    Delete(Index),
    Replace(Index, String),
    /// Flips the case of an ASCII letter (for event names).
    FlipCase(Index),
}

impl Edit {
    fn apply(&self, text: &str) -> String {
        let mut chars: Vec<char> = text.chars().collect();
        match self {
            Edit::Insert(at, inserted) => {
                let at = at.index(chars.len() + 1);
                chars.splice(at..at, inserted.chars());
            }
            Edit::Delete(_) | Edit::Replace(..) | Edit::FlipCase(_) if chars.is_empty() => {}
            Edit::Delete(at) => {
                chars.remove(at.index(chars.len()));
            }
            Edit::Replace(at, replacement) => {
                let at = at.index(chars.len());
                chars.splice(at..=at, replacement.chars());
            }
            Edit::FlipCase(at) => {
                let at = at.index(chars.len());
                let c = &mut chars[at];
                *c = if c.is_ascii_lowercase() {
                    c.to_ascii_uppercase()
                } else {
                    c.to_ascii_lowercase()
                };
            }
        }
        chars.into_iter().collect()
    }
}

fn text_edit() -> impl Strategy<Value = Edit> {
    let piece = || {
        prop_oneof![
            any::<char>().prop_map(String::from),
            prop::sample::select(FRAGMENTS).prop_map(str::to_owned),
        ]
    };
    prop_oneof![
        (any::<Index>(), piece()).prop_map(|(at, piece)| Edit::Insert(at, piece)),
        any::<Index>().prop_map(Edit::Delete),
        (any::<Index>(), piece()).prop_map(|(at, piece)| Edit::Replace(at, piece)),
    ]
}

fn name_edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<Index>(), "[a-zA-Z._ ]").prop_map(|(at, piece)| Edit::Insert(at, piece)),
        any::<Index>().prop_map(Edit::Delete),
        (any::<Index>(), "[a-zA-Z._]").prop_map(|(at, piece)| Edit::Replace(at, piece)),
        any::<Index>().prop_map(Edit::FlipCase),
    ]
}

/// Random event names: anything, near-misses of real names, and of the form-field pattern.
fn event_name() -> impl Strategy<Value = String> {
    let real = || prop::sample::select(NAMES.clone());
    prop_oneof![
        1 => any::<String>(),
        1 => "[a-zA-Z_.]{0,24}",
        1 => real().prop_map(str::to_owned),
        4 => (real(), prop::collection::vec(name_edit(), 1..3)).prop_map(|(name, edits)| {
            edits.iter().fold(name.to_owned(), |name, edit| edit.apply(&name))
        }),
        2 => "(ticket|contact|account|tikcet|lead|Ticket|)Form_[a-zA-Z0-9_.$-]{0,10}\\.changed",
    ]
}

/// Random text for a payload: mostly not JSON.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[\\[\\]{}\":,0-9a-zA-Z\\\\ .eE+-]{0,48}",
        prop::collection::vec(prop::sample::select(FRAGMENTS), 0..12).prop_map(|f| f.concat()),
    ]
}

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(config(96))]

    /// Any JSON value, sent as every event.
    #[test]
    fn arbitrary_json_values(value in json(5)) {
        let mut hosts = Hosts::new();
        hosts.check_every_name(&value.to_string())?;
    }

    /// Each sample with structural mutations at any depth, sent as its event (and the
    /// mutated `ticket_assignee.changed` sample as every event).
    #[test]
    fn mutated_samples(mutations in prop::collection::vec(mutation(), 1..4)) {
        let mut hosts = Hosts::new();
        for (name, sample) in SAMPLES.iter() {
            let mut value = sample.clone();
            for mutation in &mutations {
                mutation.apply(&mut value);
            }
            let json = value.to_string();
            hosts.check(name, &json)?;
            if *name == "ticket_assignee.changed" {
                hosts.check_every_name(&json)?;
            }
        }
    }

}

proptest! {
    #![proptest_config(config(192))]

    /// Each sample with its scalars replaced by other values of their type: still decodes.
    #[test]
    fn same_typed_values_still_decode(edits in prop::collection::vec(same_type(), 1..4)) {
        let mut hosts = Hosts::new();
        for (name, sample) in SAMPLES.iter() {
            let mut value = sample.clone();
            for edit in &edits {
                edit.apply(&mut value);
            }
            let json = value.to_string();
            let decoded = hosts.checked(name, &json)?;
            prop_assert!(decoded.is_ok(), "{}: {:?}", describe(name, &json), decoded);
        }
    }

}

proptest! {
    #![proptest_config(config(96))]

    /// Each sample's text with characters inserted, deleted and replaced, sent as its event
    /// (and every edited sample as `ticket_assignee.changed` and a form-field event).
    #[test]
    fn edited_sample_text(edits in prop::collection::vec(text_edit(), 1..6)) {
        let mut hosts = Hosts::new();
        for &name in NAMES.iter() {
            let Some(sample) = sample(name) else { continue };
            let json = edits.iter().fold(sample.into_owned(), |json, edit| edit.apply(&json));
            hosts.check(name, &json)?;
            hosts.check("ticket_assignee.changed", &json)?;
            hosts.check("ticketForm_email.changed", &json)?;
        }
    }

    /// Random text, sent as every event.
    #[test]
    fn random_text(json in text()) {
        let mut hosts = Hosts::new();
        hosts.check_every_name(&json)?;
    }

}

proptest! {
    #![proptest_config(config(64))]

    /// Random event names, near-misses of real ones among them, with a real sample.
    #[test]
    fn random_event_names(
        names in prop::collection::vec(event_name(), 1..8),
        payload in any::<Index>(),
    ) {
        let mut hosts = Hosts::new();
        let json = serde_json::to_string(&payload.get(&SAMPLES).1).expect("JSON");
        for name in &names {
            hosts.check(name, &json)?;
        }
        hosts.check(&names[0], "")?;
    }
}

proptest! {
    #![proptest_config(config(64))]

    /// A named event spelt with other letter cases is refused with the real name suggested.
    #[test]
    fn case_mistakes_suggest_the_real_name(
        at in any::<Index>(),
        flips in prop::collection::vec(any::<Index>(), 1..4),
    ) {
        let real = at.get(EVENTS).name;
        let name = flips
            .iter()
            .fold(real.to_owned(), |name, flip| Edit::FlipCase(*flip).apply(&name));
        let json = sample(real).expect("a sample");
        let decoded = Hosts::new().checked(&name, &json)?;
        if name != real {
            let expected = Err(DecodeError::UnknownEvent(catalog::EventError::Unknown {
                name: name.clone(),
                suggestion: Some(real),
            }));
            prop_assert_eq!(decoded, expected);
        }
    }
}

#[test]
fn long_event_names_are_refused() {
    // 500 characters, against every door (1 MB below).
    let long = "x".repeat(500);
    let names = [
        long.clone(),
        format!("call.ringing{long}"),
        format!("{long}Form_email.changed"),
        format!("ticketForm_{long}.changed"),
        format!("ticketForm_email.changed{long}"),
    ];
    let json = sample("call.ringing").expect("a sample");
    let mut hosts = Hosts::new();
    for name in &names {
        must(hosts.check(name, &json));
    }
    // A 500-character field is a field name like any other.
    assert!(decode(&names[3], "{}").is_err());
    assert!(catalog::event(&names[3]).is_ok());
}

/// "Did you mean" skips the names too far in length to be suggested: a megabyte-long name
/// costs what a short one does.
#[test]
fn a_1_mb_event_name_returns() {
    let name = "x".repeat(1 << 20);
    assert!(decode(&name, "{}").is_err());
    let fired = SimulatedDesk::mount(Panel::default()).fire(&name, "{}");
    assert!(matches!(fired, Err(FireError::UnknownEvent(_))));
}

// ---------------------------------------------------------------------------------------------
// Bounded depth and size
// ---------------------------------------------------------------------------------------------

/// Each sample with each of its values replaced by `replacement`: the root too, unless
/// `below_root`.
fn every_node_replaced(
    replacement: &str,
    below_root: bool,
) -> impl Iterator<Item = (&'static str, String)> + '_ {
    const MARK: &str = "@@replaced@@";
    SAMPLES.iter().flat_map(move |(name, sample)| {
        nodes(sample)
            .into_iter()
            .skip(usize::from(below_root))
            .map(move |path| {
                let mut value = sample.clone();
                if let Some(node) = node_mut(&mut value, &path) {
                    *node = Value::String(MARK.to_owned());
                }
                let json = value
                    .to_string()
                    .replacen(&format!("\"{MARK}\""), replacement, 1);
                (*name, json)
            })
    })
}

#[test]
fn nesting_around_the_recursion_limit_is_handled_on_the_test_thread_stack() {
    // The decoder refuses documents 128 levels deep or more, as serde_json; every payload
    // type, `Value` fields included, must reach that limit without exhausting the stack.
    let mut hosts = Hosts::new();
    let mut runs = 0;
    for depth in [126, 127, 128, 129] {
        for nesting in [
            format!("{}{}", "[".repeat(depth), "]".repeat(depth)),
            format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth)),
        ] {
            for (name, json) in every_node_replaced(&nesting, false) {
                must(hosts.check(name, &json));
                runs += 1;
            }
        }
    }
    assert!(runs > 500, "{runs}");
}

#[test]
fn a_100_000_deep_nesting_returns() {
    const DEPTH: usize = 100_000;
    let arrays = format!("{}{}", "[".repeat(DEPTH), "]".repeat(DEPTH));
    let objects = format!("{}1{}", "{\"a\":".repeat(DEPTH), "}".repeat(DEPTH));
    let unclosed = "[{\"a\":".repeat(DEPTH);
    // A fresh simulator for each payload: its log keeps every payload.
    for deep in [&arrays, &unclosed] {
        must(Hosts::new().check_every_name(deep));
    }
    // At every depth of every sample: a field of a struct, of a `Value`, of a form's map.
    for deep in [&arrays, &objects, &unclosed] {
        // (`objects` at the root is all unknown keys, skipped: below.)
        for (name, json) in every_node_replaced(deep, deep == &objects) {
            must(Hosts::new().check(name, &json));
        }
    }
    // Unknown keys, which payload types skip (in constant stack, in time linear in the size
    // of the payload), and `modal.closed`, which skips all it is sent.
    for deep in [&arrays, &objects, &unclosed] {
        let under_a_key = format!("{{\"ignored\": {deep}}}");
        for name in ["modal.closed", "ticket_status.changed", "call.ringing"] {
            must(Hosts::new().check(name, deep));
            must(Hosts::new().check(name, &under_a_key));
        }
    }
    assert_eq!(
        decode("modal.closed", &format!("{{\"x\": {arrays}}}")),
        Ok(Event::ModalClosed(ModalClosed))
    );
}

#[test]
fn a_16_mb_string_returns() {
    const SIZE: usize = 16 << 20;
    let plain = "a".repeat(SIZE);
    // Escapes make the decoder copy the string while unescaping it.
    let escaped = "\\n\\u00e9\\\"".repeat(SIZE / 16);
    // Through every door (decode, both widgets, both simulators).
    let everywhere = [
        (
            "ticket_status.changed",
            format!("{{\"ticket.status\": \"{plain}\"}}"),
        ),
        ("modal.closed", format!("{{\"x\": \"{escaped}\"}}")),
        (
            "ticketForm_email.changed",
            format!("{{\"ticketForm.email\": {{\"oldValue\": \"{plain}\", \"newValue\": 1}}}}"),
        ),
    ];
    let mut decoded = Vec::new();
    for (name, json) in &everywhere {
        // A fresh simulator each time: its log keeps every payload.
        if must_decode(&mut Hosts::new(), name, json) {
            decoded.push(*name);
        }
    }
    // Through `decode` only (each door decodes 16 MB again: seconds in a debug build).
    let payload = |case| match case {
        0 => ("ticket_status.changed", format!("\"{plain}")),
        1 => (
            "ticket_priority.changed",
            format!("{{\"ticket.priority\": \"{escaped}\"}}"),
        ),
        2 => (
            "ticket_isSpam.changed",
            format!("{{\"ticket.isSpam\": \"{plain}\"}}"),
        ),
        3 => (
            "ticket_customFields.changed",
            format!("{{\"ticket.customFields\": {{\"{plain}\": \"{escaped}\"}}}}"),
        ),
        _ => ("call.ringing", format!("{{\"{plain}\": 1}}")),
    };
    for case in 0..5 {
        let (name, json) = payload(case);
        if must(check_decode(name, &json)).is_ok() {
            decoded.push(name);
        }
    }
    // A long value is a value.
    assert_eq!(
        decoded,
        [
            "ticket_status.changed",
            "modal.closed",
            "ticket_priority.changed",
            "ticket_customFields.changed",
        ]
    );
}

/// Messages may quote what the sender wrote; a `DecodeError`'s is at most 300 bytes.
#[test]
fn error_messages_are_bounded() {
    let long = "a".repeat(1 << 20);
    // A form-field event's name, and its payload's key, are the sender's too.
    let form = format!("ticketForm_{long}.changed");
    for (name, json) in [
        (
            "ticket_isSpam.changed",
            format!("{{\"ticket.isSpam\": \"{long}\"}}"),
        ),
        ("ticket_status.changed", format!("\"{long}\"")),
        (
            "call.ringing",
            format!("{{\"isCallAssociated\": \"{long}\"}}"),
        ),
        (
            form.as_str(),
            format!("{{\"ticketForm.{long}\": {{\"oldValue\": 1, \"newValue\": \"\"}}}}"),
        ),
    ] {
        let error = decode(name, &json).expect_err("not a valid payload");
        let length = error.to_string().len();
        assert!(length <= 300, "a message of {length} bytes");
    }
}

/// Checks one input, and says whether it decoded.
fn must_decode(hosts: &mut Hosts, name: &str, json: &str) -> bool {
    match hosts.checked(name, json) {
        Ok(decoded) => decoded.is_ok(),
        Err(error) => panic!("{error}"),
    }
}

// ---------------------------------------------------------------------------------------------
// Invalid UTF-8 and lone surrogates
// ---------------------------------------------------------------------------------------------

#[test]
fn invalid_utf8_cannot_reach_decode() {
    // Every door takes `&str`: bytes become a payload only through `std::str::from_utf8` (or
    // `String::from_utf8`), which refuses invalid UTF-8 before any decoding. (The browser host
    // gets its payload from `JSON.stringify` as a JavaScript string, converted to UTF-8 by
    // wasm-bindgen.)
    let _: fn(&str, &str) -> Result<Event, DecodeError> = decode;
    let _: for<'a> fn(&'a mut Panel, &'a str, &'a str, &'a Desk<Panel>) -> Dispatch<'a> =
        Panel::dispatch;
    let _: fn(&mut SimulatedDesk<Panel>, &str, &str) -> Result<(), FireError> = SimulatedDesk::fire;
    let invalid: [&[u8]; 6] = [
        b"\xff",
        b"{\"ticket.status\": \"\xc3\x28\"}",
        b"{\"ticket.status\": \"\xed\xa0\x80\"}", // a surrogate, UTF-8 encoded
        b"{\"ticket.status\": \"\xf4\x90\x80\x80\"}", // beyond U+10FFFF
        b"{\"ticket.status\": \"\xc0\xaf\"}",     // overlong
        b"{\"ticket.status\": \"\xe2\x82\"}",     // truncated
    ];
    let mut hosts = Hosts::new();
    for bytes in invalid {
        assert!(std::str::from_utf8(bytes).is_err(), "{bytes:?}");
        assert!(String::from_utf8(bytes.to_vec()).is_err(), "{bytes:?}");
        // What a host can do with them is replace them (U+FFFD): that is valid input.
        let lossy = String::from_utf8_lossy(bytes);
        must(hosts.check("ticket_status.changed", &lossy));
        must(hosts.check_every_name(&lossy));
    }
}

#[test]
fn lone_surrogate_escapes_are_refused_where_a_string_is_read() {
    // As serde_json 1.0 (recorded): a lone surrogate escape is an error wherever a
    // string is read (a typed field, a key, a `Value`); where a value is skipped (an unknown
    // key, `modal.closed`'s payload), its escapes are not checked and the payload decodes.
    let mut hosts = Hosts::new();
    let cases = [
        (
            "ticket_status.changed",
            r#"{"ticket.status": "\uD800"}"#,
            false,
        ),
        (
            "ticket_status.changed",
            r#"{"ticket.status": "a\uDC00b"}"#,
            false,
        ),
        (
            "ticket_status.changed",
            r#"{"ticket.status": "\uD800\u0041"}"#,
            false,
        ),
        (
            "ticket_status.changed",
            r#"{"ticket.status": "\uDBFF\uDFFF"}"#,
            true,
        ),
        (
            "ticket_status.changed",
            r#"{"ticket.status": "Open", "\uD800": 1}"#,
            false,
        ),
        (
            "ticket_status.changed",
            r#"{"ticket.status": "Open", "x": "\uD800"}"#,
            true,
        ),
        (
            "ticket_customFields.changed",
            r#"{"ticket.customFields": {"a": "\uD800"}}"#,
            false,
        ),
        ("modal.closed", r#"{"x": "\uD800"}"#, true),
        (UNCHECKED, r#""\uD800""#, false),
        (
            "ticketForm_email.changed",
            r#"{"ticketForm.email": {"oldValue": "\uDFFF", "newValue": ""}}"#,
            false,
        ),
    ];
    let mut failures = Vec::new();
    for (name, json, decodes) in cases {
        let result = catch_unwind(AssertUnwindSafe(|| hosts.checked(name, json)));
        match result {
            Ok(Ok(decoded)) if name == UNCHECKED => {
                let dispatched = dispatch(&mut Panel::default(), name, json);
                if dispatched.is_ok() != decodes {
                    failures.push(format!("{json}: {decoded:?}, {dispatched:?}"));
                }
            }
            Ok(Ok(decoded)) if decoded.is_ok() != decodes => {
                failures.push(format!("{json}: {decoded:?}"));
            }
            Ok(Ok(_)) => {}
            Ok(Err(error)) => failures.push(error.to_string()),
            Err(_) => failures.push(format!("{json}: panicked")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // A valid pair decodes to its character.
    let Ok(Event::TicketStatusChanged(change)) = decode(
        "ticket_status.changed",
        r#"{"ticket.status": "\uD83D\uDE00"}"#,
    ) else {
        panic!("a surrogate pair did not decode");
    };
    assert_eq!(change.status, "\u{1F600}");
}

/// The characters error messages do not write (`bounded.rs`): bidirectional embeddings,
/// overrides, isolates and marks.
fn reorders(c: char) -> bool {
    matches!(c, '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}
