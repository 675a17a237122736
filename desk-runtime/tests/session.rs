//! A recorded session (`docs/recording.md`) replays faithfully: every line of the page must be
//! the widget's as it is now. A widget that no longer subscribes to a recorded event, or has no
//! `#[hook]` for a recorded hook, fails the replay; so do a line of a kind the recorder does not
//! write, an `answer` of nothing the page asked, and a page recorded at another location. The
//! telephony extension's own recording (`widgets/telephony/tests/replay.rs`) still replays:
//! the events the runtime listens to for the widget (a modal's input, `modal.closed` once it
//! opened a modal) are not the widget's to subscribe to. Each page load's lines replay whole,
//! however they interleave with another load's of the same widget (two tabs).

use desk_runtime::events::CallRinging;
use desk_runtime::hook::{TicketReply, Verdict};
use desk_runtime::modal::MODAL_INPUT;
use desk_runtime::prelude::*;
use desk_runtime::sim::{Session, SessionError, SimulatedDesk};

/// The widget as it was recorded: shows the caller, denies replies once a call rang.
#[derive(Default)]
pub struct Then(Option<String>);

#[desk_widget(location = "desk.extension.telephony")]
impl Then {
    #[on("call.ringing")]
    fn ringing(&mut self, call: CallRinging) {
        self.0 = Some(format!("{:?}", call.number));
    }

    #[hook("ticket.reply", otherwise = allow)]
    fn reply(&self, _reply: TicketReply) -> Verdict {
        match self.0 {
            Some(_) => Verdict::deny("on a call"),
            None => Verdict::Allow,
        }
    }
}

impl Page for Then {
    fn render(&self) -> String {
        self.0.clone().unwrap_or_default()
    }
}

/// The widget later: it lost both its subscription and its hook.
#[derive(Default)]
pub struct Neither;

#[desk_widget(location = "desk.extension.telephony")]
impl Neither {}

impl Page for Neither {
    fn render(&self) -> String {
        String::new()
    }
}

/// The widget later: it still subscribes, but lost its hook.
#[derive(Default)]
pub struct NoHook(u32);

#[desk_widget(location = "desk.extension.telephony")]
impl NoHook {
    #[on("call.ringing")]
    fn ringing(&mut self, _call: CallRinging) {
        self.0 += 1;
    }
}

impl Page for NoHook {
    fn render(&self) -> String {
        String::new()
    }
}

/// A widget with a mount handler: it runs at the `app` line, never as an event.
#[derive(Default)]
pub struct Mounted(u32);

#[desk_widget(location = "desk.extension.telephony")]
impl Mounted {
    #[on("extension.onload")]
    fn loaded(&mut self) {
        self.0 += 1;
    }
}

impl Page for Mounted {
    fn render(&self) -> String {
        String::new()
    }
}

/// A modal without an `#[on_open]` handler: the runtime still listens to its input.
#[derive(Default)]
pub struct Plain;

#[desk_widget(modal)]
impl Plain {}

impl Page for Plain {
    fn render(&self) -> String {
        String::new()
    }
}

/// A modal with an `#[on_open]` handler: its page registers two callbacks of its input, its
/// handler's and the runtime's, and the input comes once.
#[derive(Default)]
pub struct Opened(u32);

#[desk_widget(modal)]
impl Opened {
    #[on_open]
    fn open(&mut self, _input: std::collections::BTreeMap<String, String>) {
        self.0 += 1;
    }
}

impl Page for Opened {
    fn render(&self) -> String {
        String::new()
    }
}

const HEADER: &str = r#"{"recording":"desk-widgets","version":2,"extension":"phone"}"#;
const APP: &str = r#"{"kind":"app","widget":"Bar","location":"desk.extension.telephony","load":"a","t":1,"app":{"uniqueID":"1","extensionID":"2","location":"desk.extension.telephony","locale":"en"}}"#;
const RINGING: &str = r#"{"kind":"event","widget":"Bar","location":"desk.extension.telephony","load":"a","t":2,"id":1,"event":"call.ringing","payload":"{\"callState\":\"ringing\",\"callType\":\"inbound\",\"ctinumber\":\"\",\"entityName\":\"Lee\",\"isCallAssociated\":false,\"number\":\"555\",\"ztiCallId\":\"7\"}"}"#;
/// The ringing's payload field, for an event without data instead.
const PAYLOAD: &str = r#""payload":"{\"callState\":\"ringing\",\"callType\":\"inbound\",\"ctinumber\":\"\",\"entityName\":\"Lee\",\"isCallAssociated\":false,\"number\":\"555\",\"ztiCallId\":\"7\"}""#;
const HOOK: &str = r#"{"kind":"hook","widget":"Bar","location":"desk.extension.telephony","load":"a","t":3,"id":2,"hook":"ticket.reply","payload":"{\"content\":\"hi\"}"}"#;
const ANSWER: &str = r#"{"kind":"answer","widget":"Bar","location":"desk.extension.telephony","load":"a","t":4,"id":2,"rejected":"on a call"}"#;

/// The header, the `app` line and `lines`, one a line.
fn recording(lines: &[&str]) -> String {
    [HEADER, APP]
        .iter()
        .chain(lines)
        .copied()
        .collect::<Vec<_>>()
        .join("\n")
}

/// The ringing and the reply, as `Then` got them.
fn recorded() -> String {
    recording(&[RINGING, HOOK, ANSWER])
}

fn replay<W: Widget + Page + Default + 'static>(text: &str) -> Result<(), SessionError> {
    let session = Session::parse(text)?;
    SimulatedDesk::new(W::default()).replay_session(&session, "Bar")
}

#[test]
fn the_recorded_widget_replays() {
    let session = Session::parse(&recorded()).unwrap();
    let mut desk = SimulatedDesk::new(Then::default());
    desk.replay_session(&session, "Bar").unwrap();
    assert_eq!(desk.widget().0.as_deref(), Some("\"555\""));
}

#[test]
fn a_widget_that_lost_its_subscription_fails_naming_the_event() {
    let error = replay::<Neither>(&recorded()).unwrap_err();
    assert_eq!(
        error,
        SessionError::NotSubscribed {
            line: 3,
            event: "call.ringing".to_owned()
        }
    );
    assert_eq!(
        error.to_string(),
        "the page got `call.ringing` (line 3), which the widget does not subscribe to"
    );
}

#[test]
fn a_widget_that_lost_its_hook_fails_naming_the_hook() {
    let error = replay::<NoHook>(&recorded()).unwrap_err();
    assert_eq!(
        error,
        SessionError::NoHook {
            line: 4,
            hook: "ticket.reply".to_owned()
        }
    );
    assert!(
        error.to_string().contains("`ticket.reply` (line 4)"),
        "{error}"
    );
}

#[test]
fn an_event_renamed_in_the_recording_is_not_subscribed() {
    let renamed = recorded().replace(r#""event":"call.ringing""#, r#""event":"call.ringingX""#);
    let error = replay::<Then>(&renamed).unwrap_err();
    assert!(
        matches!(&error, SessionError::NotSubscribed { line: 3, event } if event == "call.ringingX"),
        "{error:?}"
    );
}

#[test]
fn the_mount_event_is_no_event_of_a_recording() {
    // The mount handler ran once, at the `app` line; an `event` line of its name is not one
    // the page could have had (the host does not subscribe it).
    let onload = RINGING
        .replace("call.ringing", "extension.onload")
        .replace(PAYLOAD, r#""payload":null"#);
    let error = replay::<Mounted>(&recording(&[&onload])).unwrap_err();
    assert!(
        matches!(error, SessionError::NotSubscribed { line: 3, .. }),
        "{error:?}"
    );
    let session = Session::parse(&recording(&[])).unwrap();
    let mut desk = SimulatedDesk::new(Mounted::default());
    desk.replay_session(&session, "Bar").unwrap();
    assert_eq!(desk.widget().0, 1);
}

#[test]
fn the_events_the_runtime_listens_to_are_its_own() {
    // `modal.closed` is the runtime's only once the widget opened a modal.
    let closed = RINGING
        .replace("call.ringing", "modal.closed")
        .replace(PAYLOAD, r#""payload":null"#);
    let error = replay::<Then>(&recording(&[&closed])).unwrap_err();
    assert!(
        matches!(error, SessionError::NotSubscribed { line: 3, .. }),
        "{error:?}"
    );
    // A modal's input: the runtime listens on a modal's page, even without `#[on_open]`...
    let input = |location: &str| {
        let app = APP.replace("desk.extension.telephony", location);
        let line = RINGING
            .replace("desk.extension.telephony", location)
            .replace("call.ringing", MODAL_INPUT);
        format!("{HEADER}\n{app}\n{line}")
    };
    replay::<Plain>(&input("modal")).unwrap();
    // ...and on no other.
    let error = replay::<Then>(&input("desk.extension.telephony")).unwrap_err();
    assert!(
        matches!(error, SessionError::NotSubscribed { line: 3, .. }),
        "{error:?}"
    );
}

#[test]
fn an_answer_of_nothing_the_page_asked_is_an_error() {
    // An id no line has.
    let stray = ANSWER.replace(r#""id":2"#, r#""id":9"#);
    let error = replay::<Then>(&recording(&[RINGING, HOOK, &stray])).unwrap_err();
    assert_eq!(error, SessionError::StrayAnswer { line: 5, id: 9 });
    // An id answered twice.
    let error = replay::<Then>(&recording(&[RINGING, HOOK, ANSWER, ANSWER])).unwrap_err();
    assert_eq!(error, SessionError::StrayAnswer { line: 6, id: 2 });
    // An answer before the hook it answers.
    let error = replay::<Then>(&recording(&[RINGING, ANSWER, HOOK])).unwrap_err();
    assert_eq!(error, SessionError::StrayAnswer { line: 4, id: 2 });
}

#[test]
fn a_kind_the_recorder_does_not_write_is_refused() {
    let typo = recorded().replace(r#""kind":"event""#, r#""kind":"evnt""#);
    let error = Session::parse(&typo).unwrap_err();
    assert!(
        matches!(&error, SessionError::Format { line: 3, message } if message.contains("`evnt`")),
        "{error:?}"
    );
}

#[test]
fn a_line_without_its_kinds_fields_is_refused() {
    for (from, to) in [
        (r#""id":1,"#, ""),
        (r#""event":"call.ringing""#, r#""name":"call.ringing""#),
        (r#""payload":"{"#, r#""data":"{"#),
        (
            r#""location":"desk.extension.telephony","load":"a","t":2"#,
            r#""load":"a","t":2"#,
        ),
        (r#""load":"a","t":2"#, r#""t":2"#),
    ] {
        let edited = recorded().replacen(from, to, 1);
        assert_ne!(edited, recorded(), "{from}");
        let error = Session::parse(&edited).unwrap_err();
        assert!(
            matches!(error, SessionError::Format { line: 3, .. }),
            "{from}: {error:?}"
        );
    }
    let no_id = ANSWER.replace(r#""id":2,"#, "");
    let error = Session::parse(&recording(&[RINGING, HOOK, &no_id])).unwrap_err();
    assert!(
        matches!(error, SessionError::Format { line: 5, .. }),
        "{error:?}"
    );
}

#[test]
fn a_page_recorded_at_another_location_is_an_error() {
    // Each line names where its page was served; the widget is at `desk.extension.telephony`.
    let moved = recorded().replace(
        r#""location":"desk.extension.telephony","load":"a","t":3"#,
        r#""location":"desk.ticket.detail.rightpanel","load":"a","t":3"#,
    );
    let error = replay::<Then>(&moved).unwrap_err();
    assert_eq!(
        error,
        SessionError::Location {
            line: 4,
            recorded: "desk.ticket.detail.rightpanel".to_owned(),
            widget: "desk.extension.telephony",
        }
    );
    // The `App` Desk gave the page is its location's too.
    let app = recorded().replacen(
        r#""location":"desk.extension.telephony","locale""#,
        r#""location":"desk.ticket.detail.rightpanel","locale""#,
        1,
    );
    assert_ne!(app, recorded());
    let error = replay::<Then>(&app).unwrap_err();
    assert_eq!(
        error,
        SessionError::AppLocation {
            line: 2,
            recorded: "desk.ticket.detail.rightpanel".to_owned(),
            widget: "desk.extension.telephony",
        }
    );
    assert_eq!(
        error.to_string(),
        "the `App` of line 2 is at `desk.ticket.detail.rightpanel`, and the widget at \
         `desk.extension.telephony`"
    );
    // An `App` without its location is at none.
    let none = recorded().replacen(
        r#""location":"desk.extension.telephony","locale""#,
        r#""locale""#,
        1,
    );
    let error = replay::<Then>(&none).unwrap_err();
    assert!(
        matches!(&error, SessionError::AppLocation { line: 2, recorded, .. } if recorded.is_empty()),
        "{error:?}"
    );
}

#[test]
fn a_modals_input_runs_its_on_open_handler_once() {
    // One input, as the recorder writes it: one line, however many callbacks the page
    // registered for it (the handler's and the runtime's).
    let app = APP.replace("desk.extension.telephony", "modal");
    let input = |id: u32| {
        format!(
            r#"{{"kind":"event","widget":"Bar","location":"modal","load":"a","t":2,"id":{id},"event":"{MODAL_INPUT}","payload":"{{\"caller\":\"Lee\"}}"}}"#
        )
    };
    let once = format!("{HEADER}\n{app}\n{}", input(1));
    let session = Session::parse(&once).unwrap();
    let mut desk = SimulatedDesk::new(Opened::default());
    desk.replay_session(&session, "Bar").unwrap();
    assert_eq!(desk.widget().0, 1);
    // Its opener sends it once: a second is no recording of a page (an older recorder wrote
    // one line per callback, and the handler ran twice).
    let twice = format!("{once}\n{}", input(2));
    let session = Session::parse(&twice).unwrap();
    let mut desk = SimulatedDesk::new(Opened::default());
    let error = desk.replay_session(&session, "Bar").unwrap_err();
    assert_eq!(error, SessionError::SecondInput { line: 4 });
    assert_eq!(desk.widget().0, 1);
    assert_eq!(
        replay::<Plain>(&twice),
        Err(SessionError::SecondInput { line: 4 })
    );
    // Whatever location Desk's `App` gives a modal's page (no source says which), it replays.
    let app = APP.replacen("desk.extension.telephony", "modal", 1);
    let elsewhere = format!("{HEADER}\n{app}\n{}", input(1));
    let session = Session::parse(&elsewhere).unwrap();
    let mut desk = SimulatedDesk::new(Opened::default());
    desk.replay_session(&session, "Bar").unwrap();
    assert_eq!(desk.widget().0, 1);
}

/// `line` of the page load `load` rather than `a`, at time `t`.
fn of_load(line: &str, load: &str, t: u32) -> String {
    let line = line.replacen(r#""load":"a""#, &format!(r#""load":"{load}""#), 1);
    let at = line.find(r#""t":"#).expect("a time");
    let end = at + line[at..].find(',').expect("a field after the time");
    format!("{}\"t\":{t}{}", &line[..at], &line[end..])
}

#[test]
fn two_interleaved_loads_of_one_widget_replay_each_whole() {
    // Two tabs of the bar (an agent with two tickets open): the second loads before the first
    // got its call, and their lines interleave. Each rang with its own number.
    let other = RINGING.replace(r#"\"number\":\"555\""#, r#"\"number\":\"666\""#);
    let first = |line: &str, t| of_load(line, "first", t);
    let second = |line: &str, t| of_load(line, "second", t);
    let lines = [
        first(APP, 1),
        second(APP, 2),
        second(&other, 3),
        first(RINGING, 4),
        second(HOOK, 5),
        first(HOOK, 6),
        first(ANSWER, 7),
        second(ANSWER, 8),
    ];
    let text = format!("{HEADER}\n{}", lines.join("\n"));
    let session = Session::parse(&text).unwrap();
    assert_eq!(session.loads("Bar"), 2);
    assert_eq!(session.widgets(), ["Bar"]);
    // Each load whole: its ringing, and its hook denied on the call, answered after the other
    // load's lines.
    let mut desk = SimulatedDesk::new(Then::default());
    desk.replay_load(&session, "Bar", 0).unwrap();
    assert_eq!(desk.widget().0.as_deref(), Some("\"555\""));
    let mut desk = SimulatedDesk::new(Then::default());
    desk.replay_load(&session, "Bar", 1).unwrap();
    assert_eq!(desk.widget().0.as_deref(), Some("\"666\""));
    // `replay_session` is the first load.
    let mut desk = SimulatedDesk::new(Then::default());
    desk.replay_session(&session, "Bar").unwrap();
    assert_eq!(desk.widget().0.as_deref(), Some("\"555\""));
    // A load's line that is wrong for the widget fails that load, naming its line, not the
    // other's: the first load's hook is answered `allow` now.
    let allowed = text.replace(
        r#""load":"first","t":7,"id":2,"rejected":"on a call""#,
        r#""load":"first","t":7,"id":2,"resolved":null"#,
    );
    assert_ne!(allowed, text);
    let session = Session::parse(&allowed).unwrap();
    let error = SimulatedDesk::new(Then::default())
        .replay_load(&session, "Bar", 0)
        .unwrap_err();
    assert!(
        matches!(error, SessionError::Verdict { line: 8, .. }),
        "{error:?}"
    );
    SimulatedDesk::new(Then::default())
        .replay_load(&session, "Bar", 1)
        .unwrap();
    // There is no third load; and no page of another widget.
    let error = SimulatedDesk::new(Then::default())
        .replay_load(&session, "Bar", 2)
        .unwrap_err();
    assert_eq!(
        error,
        SessionError::NoLoad {
            widget: "Bar".to_owned(),
            index: 2,
            loads: 2
        }
    );
    assert_eq!(
        error.to_string(),
        "no page load of index 2 (from 0): the recording has 2 of the widget `Bar`"
    );
    assert_eq!(
        SimulatedDesk::new(Then::default()).replay_load(&session, "Baz", 0),
        Err(SessionError::NoWidget("Baz".to_owned()))
    );
}

#[test]
fn a_recording_of_version_1_is_refused_asking_for_another() {
    // Version 1 had no `load`: its pages' loads could not be told apart.
    let old = recorded()
        .replace(r#""version":2"#, r#""version":1"#)
        .replace(r#""load":"a","#, "");
    let error = Session::parse(&old).unwrap_err();
    assert_eq!(error, SessionError::Outdated { version: 1 });
    let message = error.to_string();
    assert!(
        message.contains("version 1") && message.contains("record the session again"),
        "{message}"
    );
    // Another version is no recording's this reader knows.
    let error = Session::parse(&recorded().replace(r#""version":2"#, r#""version":3"#));
    assert!(
        matches!(error, Err(SessionError::Format { line: 1, .. })),
        "{error:?}"
    );
}

#[test]
fn a_page_load_has_one_app_line_and_only_clicks_before_it() {
    let format = |text: &str| match Session::parse(text) {
        Err(SessionError::Format { line, message }) => (line, message),
        other => panic!("{other:?}"),
    };
    // A second `app` line of one load.
    let (line, message) = format(&recording(&[RINGING, &of_load(APP, "a", 3)]));
    assert_eq!(line, 4);
    assert!(message.contains("a second `app` line"), "{message}");
    // A call (here an event) of a load before its `app` line, or of a load with none.
    let (line, message) = format(&recording(&[&of_load(RINGING, "b", 3)]));
    assert_eq!(line, 3);
    assert!(message.contains("before its `app` line"), "{message}");
    // A load id that is no recorder's: empty, or longer than the server takes.
    for load in [String::new(), "b".repeat(65)] {
        let (line, message) = format(&recording(&[&of_load(RINGING, &load, 3)]));
        assert_eq!(line, 3);
        assert!(message.contains("no `load`"), "{message}");
    }
    // A click before the page loaded: the widget was not there to get it.
    let click = r#"{"kind":"click","widget":"Bar","location":"desk.extension.telephony","load":"b","t":0,"target":"x","element":"button","text":"x"}"#;
    let text = format!("{HEADER}\n{click}\n{}", of_load(APP, "b", 1));
    let session = Session::parse(&text).unwrap();
    assert_eq!(session.loads("Bar"), 1);
    replay::<Then>(&text).unwrap();
}
