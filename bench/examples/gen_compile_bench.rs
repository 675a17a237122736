//! Writes the crates that `bench/compile-time.sh` compiles: the same widgets three ways.
//!
//! `cargo run -p desk-bench --example gen_compile_bench -- <dir>` writes a workspace at `<dir>`
//! with three crates, each with one widget per location of `desk_runtime::catalog::LOCATIONS`
//! that receives any event, all declared in one `extension!`, each widget with:
//!
//! - one handler per event delivered there (the deprecated `ticket_owner.changed` included,
//!   under `#[allow(deprecated)]`; three fields of the form-field pattern at each form's panel),
//!   each taking its typed payload; every fourth an `async` handler that talks back (it reads
//!   the agent's name with `Desk::get`, notifies it, and sends it as a message to the next
//!   widget, each awaited), and of the others every second returns `Result<(), String>`;
//! - a handler of that message (`#[on_message]`);
//! - a handler of each hook of the catalog available at its location: `ticket.reply` answers at
//!   once, `ticket.reOpen` is `async` and reads the agent's name first;
//!
//! so that every path of the generated code is compiled:
//!
//! - `macro-widgets`: written with `#[desk_widget]`, `#[on]`, `#[hook]` and `#[on_message]`;
//! - `expanded-widgets`: the output of `desk_codegen::desk_widget` (the very function behind
//!   `#[desk_widget]`) on each impl block of `macro-widgets`, formatted with `rustfmt` (the token
//!   text if `rustfmt` cannot be run), so that `macro-widgets` minus `expanded-widgets` is the
//!   proc macro's own time, and the two cannot drift apart;
//! - `hand-widgets`: what one writes without the DSL: `impl Widget` by hand, `serde_json`
//!   decoding each payload (as `desk_bench::hand_widget`), an `async` handler's future boxed
//!   into `Dispatch::Pending`, a hook's `Verdict` returned, `impl Handles` for the message;
//!   `ModalClosed`, `FormFieldChanged` and the JSON `Value` are not `serde` types, so those go
//!   through `desk_runtime::events::Payload::decode`.
//!
//! The handlers' bodies, the message type, `impl Page` and the `extension!` are the same text
//! in the three crates.

use desk_runtime::catalog::{EVENTS, EventRef, FormModule, HOOKS, LOCATIONS, event, is_available};
use proc_macro2::TokenStream;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Payload types that are not `serde::Deserialize` (their decoders are hand-written in
/// `desk_runtime`): a hand-written widget decodes them with `Payload::decode` too.
const NOT_SERDE: [&str; 3] = ["ModalClosed", "FormFieldChanged", "Value"];

/// The message every widget handles, and sends to the next one.
const NOTE: &str = "Note";

/// The form fields each form's panel gets a handler for.
const FORM_FIELDS: [&str; 3] = ["email", "phone", "cf_region"];

/// What a handler is, and does.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// An event's handler; `fallible`: it returns `Result<(), String>` (the handler-output path
    /// of the generated code).
    Listens { fallible: bool },
    /// An event's `async` handler that reads, notifies and sends a message, each awaited.
    Talks,
    /// A hook's handler, returning its `Verdict`; `async` after reading from Desk if `talks`.
    Hook { talks: bool },
    /// The message's handler.
    Message,
}

struct Handler {
    /// The event's, hook's or message's name (`Note`'s wire name for the message).
    event: String,
    method: String,
    payload: &'static str,
    kind: Kind,
    /// The event is deprecated (the deprecation path: a `deprecated` warning, allowed here).
    deprecated: bool,
}

struct WidgetSpec {
    location: &'static str,
    name: String,
    handlers: Vec<Handler>,
    /// The widget it sends its message to: the next one.
    next: String,
}

/// `desk.ticket.detail.rightpanel` -> `DeskTicketDetailRightpanel`.
fn type_name(location: &str) -> String {
    location
        .split(['.', '_'])
        .map(|part| {
            let mut chars = part.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_ascii_uppercase().to_string() + chars.as_str()
            })
        })
        .collect()
}

/// `ticket_status.changed` -> `on_ticket_status_changed`.
fn method_name(event: &str) -> String {
    let mut method = String::from("on_");
    for c in event.chars() {
        if c.is_ascii_alphanumeric() {
            method.push(c.to_ascii_lowercase());
        } else {
            method.push('_');
        }
    }
    method
}

fn widgets() -> Vec<WidgetSpec> {
    let mut widgets = Vec::new();
    for location in LOCATIONS {
        let mut handlers = Vec::new();
        for named in EVENTS {
            let reference = EventRef::Named(named);
            if is_available(&reference, location.name) {
                handlers.push(Handler {
                    event: named.name.to_owned(),
                    method: method_name(named.name),
                    payload: reference.payload(),
                    kind: Kind::Listens { fallible: false },
                    deprecated: named.replaced_by.is_some(),
                });
            }
        }
        for module in FormModule::ALL {
            for field in FORM_FIELDS {
                let name = format!("{}Form_{field}.changed", module.name());
                let reference = event(&name).expect("a form-field event");
                if is_available(&reference, location.name) {
                    handlers.push(Handler {
                        method: method_name(&name),
                        payload: reference.payload(),
                        event: name,
                        kind: Kind::Listens { fallible: false },
                        deprecated: false,
                    });
                }
            }
        }
        for (i, handler) in handlers.iter_mut().enumerate() {
            handler.kind = if i % 4 == 0 {
                Kind::Talks
            } else {
                Kind::Listens {
                    fallible: i % 2 == 1,
                }
            };
        }
        if handlers.is_empty() {
            continue;
        }
        for hook in HOOKS.iter().filter(|hook| hook.is_available(location.name)) {
            handlers.push(Handler {
                event: hook.name.to_owned(),
                method: method_name(&format!("hook.{}", hook.name)),
                payload: hook.payload,
                kind: Kind::Hook {
                    talks: hook.name == "ticket.reOpen",
                },
                deprecated: false,
            });
        }
        handlers.push(Handler {
            event: "bench.note".to_owned(),
            method: "on_note".to_owned(),
            payload: NOTE,
            kind: Kind::Message,
            deprecated: false,
        });
        widgets.push(WidgetSpec {
            location: location.name,
            name: type_name(location.name),
            handlers,
            next: String::new(),
        });
    }
    // Each sends its message to the next, the last to the first.
    let names: Vec<String> = widgets.iter().map(|widget| widget.name.clone()).collect();
    for (i, widget) in widgets.iter_mut().enumerate() {
        widget.next.clone_from(&names[(i + 1) % names.len()]);
    }
    widgets
}

/// The widget's state and its page, the same in the three crates.
fn state(out: &mut String, widget: &WidgetSpec) {
    let name = &widget.name;
    writeln!(out, "/// The widget at `{}`.", widget.location).unwrap();
    writeln!(out, "#[derive(Default)]").unwrap();
    writeln!(out, "pub struct {name} {{ pub handled: u64 }}\n").unwrap();
    writeln!(
        out,
        "impl Page for {name} {{ fn render(&self) -> String {{ self.handled.to_string() }} }}\n"
    )
    .unwrap();
}

/// A handler, the same in the three crates but for its marker (`#[on(...)]`, `#[hook(...)]`,
/// `#[on_message]` in `macro-widgets`).
fn handler(out: &mut String, widget: &WidgetSpec, handler: &Handler, with_marker: bool) {
    if with_marker {
        let marker = match handler.kind {
            Kind::Listens { .. } | Kind::Talks => format!("#[on({:?})]", handler.event),
            Kind::Hook { .. } => format!("#[hook({:?}, otherwise = allow)]", handler.event),
            Kind::Message => "#[on_message]".to_owned(),
        };
        writeln!(out, "    {marker}").unwrap();
    }
    if handler.deprecated {
        writeln!(out, "    #[allow(deprecated)]").unwrap();
    }
    let (method, payload) = (&handler.method, handler.payload);
    match handler.kind {
        Kind::Listens { fallible } => {
            let (output, ok) = if fallible {
                (" -> Result<(), String>", " Ok(())")
            } else {
                ("", "")
            };
            writeln!(
                out,
                "    fn {method}(&mut self, payload: {payload}){output} {{ self.handled += 1; let _ = payload;{ok} }}",
            )
            .unwrap();
        }
        Kind::Talks => writeln!(
            out,
            "    async fn {method}(&mut self, payload: {payload}, desk: &Desk<Self>) -> Result<(), HostError> {{\n        \
             self.handled += 1;\n        let _ = payload;\n        \
             let agent = desk.get::<UserFullName>().await?;\n        \
             desk.notify(Notification {{ content: agent.clone(), ..Notification::default() }}).await?;\n        \
             desk.send::<{}>({NOTE} {{ text: agent }}).await\n    }}",
            widget.next
        )
        .unwrap(),
        Kind::Hook { talks: false } => writeln!(
            out,
            "    fn {method}(&self, payload: {payload}) -> Verdict {{ let _ = payload; if self.handled > 0 {{ Verdict::deny(\"busy\") }} else {{ Verdict::Allow }} }}",
        )
        .unwrap(),
        Kind::Hook { talks: true } => writeln!(
            out,
            "    async fn {method}(&self, payload: {payload}, desk: &Desk<Self>) -> Result<Verdict, HostError> {{\n        \
             let _ = payload;\n        \
             let agent = desk.get::<UserFullName>().await?;\n        \
             Ok(if agent.is_empty() {{ Verdict::deny(\"no agent\") }} else {{ Verdict::Allow }})\n    }}",
        )
        .unwrap(),
        Kind::Message => writeln!(
            out,
            "    fn {method}(&mut self, note: {payload}) {{ self.handled += 1; let _ = note; }}"
        )
        .unwrap(),
    }
}

fn subscriptions(widget: &WidgetSpec) -> String {
    widget
        .handlers
        .iter()
        .map(|h| match h.kind {
            Kind::Message => format!("<{NOTE} as desk_runtime::Message>::NAME"),
            _ => format!("{:?}", h.event),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The crate's head: its imports and the message, the same in the three crates.
fn header(out: &mut String, what: &str) {
    writeln!(
        out,
        "//! {what} Generated by `bench/examples/gen_compile_bench.rs`."
    )
    .unwrap();
    writeln!(out, "#![allow(missing_docs, clippy::all)]\n").unwrap();
    out.push_str(
        "use desk_runtime::events::*;\n\
         use desk_runtime::desk::Notification;\n\
         use desk_runtime::desk::property::UserFullName;\n\
         use desk_runtime::hook::{TicketReply, Verdict};\n\
         use desk_runtime::json::Value;\n\
         use desk_runtime::{Desk, HostError, Page};\n\
         use serde::{Deserialize, Serialize};\n\n",
    );
    writeln!(
        out,
        "/// What each widget sends the next.\n\
         #[derive(Serialize, Deserialize, desk_runtime::Message)]\n\
         #[message(name = \"bench.note\")]\n\
         pub struct {NOTE} {{ pub text: String }}\n"
    )
    .unwrap();
}

/// The crate's extension, every widget in it, the same in the three crates.
fn extension(out: &mut String, widgets: &[WidgetSpec]) {
    out.push_str("desk_runtime::extension! {\n    name: \"Compile Bench\",\n    widgets: {\n");
    for widget in widgets {
        writeln!(out, "        {:?}: {},", widget.name, widget.name).unwrap();
    }
    out.push_str("    },\n}\n");
}

/// The arguments of the widget's `#[desk_widget(...)]`.
fn widget_args(widget: &WidgetSpec) -> String {
    format!("location = {:?}", widget.location)
}

/// The widget's impl block with its `#[on]` handlers, as `#[desk_widget]` receives it.
fn impl_block(widget: &WidgetSpec) -> String {
    let mut out = String::new();
    writeln!(out, "impl {} {{", widget.name).unwrap();
    for h in &widget.handlers {
        handler(&mut out, widget, h, true);
    }
    writeln!(out, "}}").unwrap();
    out
}

fn macro_crate(widgets: &[WidgetSpec]) -> String {
    let mut out = String::new();
    header(&mut out, "Every location's widget, written with the DSL.");
    writeln!(out, "use desk_runtime::prelude::*;\n").unwrap();
    for widget in widgets {
        state(&mut out, widget);
        writeln!(out, "#[desk_widget({})]", widget_args(widget)).unwrap();
        writeln!(out, "{}", impl_block(widget)).unwrap();
    }
    extension(&mut out, widgets);
    out
}

fn tokens(source: &str) -> TokenStream {
    source
        .parse()
        .unwrap_or_else(|e| panic!("generated code that does not lex: {e}\n{source}"))
}

/// What `#[desk_widget]` expands each impl block of `macro_crate` to: the output of
/// `desk_codegen::desk_widget`, the function the proc macro calls, on the same tokens.
fn expanded_crate(widgets: &[WidgetSpec]) -> String {
    let mut out = String::new();
    header(
        &mut out,
        "Every location's widget, as `#[desk_widget]` expands it (`desk_codegen::desk_widget`).",
    );
    for widget in widgets {
        state(&mut out, widget);
        let expansion =
            desk_codegen::desk_widget(tokens(&widget_args(widget)), tokens(&impl_block(widget)))
                .to_string();
        assert!(
            !expansion.contains("compile_error"),
            "`#[desk_widget]` refuses the widget at {}:\n{expansion}",
            widget.location
        );
        writeln!(out, "{expansion}\n").unwrap();
    }
    extension(&mut out, widgets);
    rustfmt(&out).unwrap_or_else(|why| {
        eprintln!("gen_compile_bench: expanded-widgets left as token text: {why}");
        out
    })
}

/// `source` formatted by `rustfmt` (the toolchain's, through stdin and stdout).
fn rustfmt(source: &str) -> Result<String, String> {
    let mut child = Command::new(std::env::var_os("RUSTFMT").unwrap_or_else(|| "rustfmt".into()))
        .args(["--edition", "2024", "--emit", "stdout"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run rustfmt: {e}"))?;
    let mut stdin = child.stdin.take().expect("a piped stdin");
    // Written from another thread: rustfmt may fill its stdout before reading all of stdin.
    let input = source.to_owned();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child
        .wait_with_output()
        .map_err(|e| format!("rustfmt: {e}"))?;
    writer
        .join()
        .expect("the writer thread")
        .map_err(|e| format!("writing to rustfmt: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "rustfmt failed ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    String::from_utf8(output.stdout).map_err(|e| format!("rustfmt's output: {e}"))
}

/// How a hand-written widget decodes `payload`: `serde_json`, or `Payload::decode` for a type
/// that is not a serde type.
fn hand_decode(payload: &str) -> String {
    if NOT_SERDE.contains(&payload) {
        format!("<{payload} as Payload>::decode(event, payload).map_err(DispatchError::from)")
    } else {
        "serde_json::from_str(payload).map_err(|e| decode_error(event, &e))".to_owned()
    }
}

/// A hand-written `dispatch`'s arm for a handler that is not a plain event's: `async` ones
/// boxed into `Dispatch::Pending`, hooks answering their `Verdict`, the message decoded.
fn hand_arm(out: &mut String, h: &Handler) {
    let (event, method, decode) = (&h.event, &h.method, hand_decode(h.payload));
    let pending = |call: &str| {
        format!(
            "match {decode} {{\n                \
             Ok(payload) => Dispatch::Pending(Box::pin(async move {{ {call} }})),\n                \
             Err(error) => Dispatch::Done(Err(error)),\n            }},"
        )
    };
    let arm = match h.kind {
        Kind::Listens { .. } => return,
        Kind::Talks => format!(
            "{event:?} => {}",
            pending(&format!(
                "self.{method}(payload, desk).await.map_err(|e| handler_error(event, &e))?; Ok(None)"
            ))
        ),
        Kind::Hook { talks: false } => format!(
            "{event:?} => Dispatch::Done({decode}.map(|payload| Some(self.{method}(payload)))),"
        ),
        Kind::Hook { talks: true } => format!(
            "{event:?} => {}",
            pending(&format!(
                "self.{method}(payload, desk).await.map(Some).map_err(|e| handler_error(event, &e))"
            ))
        ),
        Kind::Message => format!(
            "name if name == <{NOTE} as Message>::NAME => Dispatch::Done({decode}.map(|note| {{ self.{method}(note); None }})),"
        ),
    };
    writeln!(out, "            {arm}").unwrap();
}

/// The widgets as `desk_bench::hand_widget` writes its one: `serde_json` and a `match`, the
/// `async` handlers' futures boxed.
fn hand_crate(widgets: &[WidgetSpec]) -> String {
    let mut out = String::new();
    header(&mut out, "Every location's widget, written by hand.");
    out.push_str(
        "use desk_runtime::{Dispatch, DispatchError, Handles, Message, Widget};\n\
         use desk_runtime::hook::{HookPolicy, Otherwise};\n\n\
         #[cold]\n\
         fn decode_error(event: &str, error: &serde_json::Error) -> DispatchError {\n    \
         DispatchError::Decode(desk_runtime::events::DecodeError::payload(event, String::new(), error))\n}\n\n\
         #[cold]\n\
         fn handler_error(event: &str, error: &impl std::fmt::Display) -> DispatchError {\n    \
         DispatchError::Handler { event: event.to_owned(), message: error.to_string() }\n}\n\n",
    );
    for widget in widgets {
        let name = &widget.name;
        state(&mut out, widget);
        writeln!(out, "impl {name} {{").unwrap();
        for h in &widget.handlers {
            handler(&mut out, widget, h, false);
        }
        writeln!(out, "}}\n").unwrap();
        writeln!(out, "impl Widget for {name} {{").unwrap();
        writeln!(
            out,
            "    const LOCATION: &'static str = {:?};",
            widget.location
        )
        .unwrap();
        writeln!(
            out,
            "    type Location = desk_runtime::location::{};",
            widget.location.replace('.', "_")
        )
        .unwrap();
        writeln!(
            out,
            "    const SUBSCRIPTIONS: &'static [&'static str] = &[{}];",
            subscriptions(widget)
        )
        .unwrap();
        let hooks: Vec<String> = widget
            .handlers
            .iter()
            .filter(|h| matches!(h.kind, Kind::Hook { .. }))
            .map(|h| {
                format!(
                    "HookPolicy {{ name: {:?}, otherwise: Otherwise::Allow }}",
                    h.event
                )
            })
            .collect();
        writeln!(
            out,
            "    const TALKS_BACK: bool = true;\n    const ASYNC: bool = true;\n    \
             const HOOKS: &'static [HookPolicy] = &[{}];",
            hooks.join(", ")
        )
        .unwrap();
        writeln!(
            out,
            "    fn dispatch<'a>(&'a mut self, event: &'a str, payload: &'a str, desk: &'a Desk<Self>) -> Dispatch<'a> {{\n        \
             match event {{"
        )
        .unwrap();
        for h in &widget.handlers {
            hand_arm(&mut out, h);
        }
        writeln!(
            out,
            "            _ => Dispatch::Done(self.handle(event, payload).map(|()| None)),\n        }}\n    }}\n}}\n\n\
             impl Handles<{NOTE}> for {name} {{}}\n\n\
             impl {name} {{\n    \
             fn handle(&mut self, event: &str, payload: &str) -> Result<(), DispatchError> {{"
        )
        .unwrap();
        writeln!(out, "        match event {{").unwrap();
        for h in &widget.handlers {
            let Kind::Listens { fallible } = h.kind else {
                continue;
            };
            let call = format!("self.{}({}?)", h.method, hand_decode(h.payload));
            if fallible {
                writeln!(
                    out,
                    "            {:?} => {call}.map_err(|message| DispatchError::Handler {{ event: event.to_owned(), message }})?,",
                    h.event
                )
                .unwrap();
            } else {
                writeln!(out, "            {:?} => {call},", h.event).unwrap();
            }
        }
        writeln!(
            out,
            "            _ => return Err(DispatchError::NotSubscribed {{ event: event.to_owned() }}),"
        )
        .unwrap();
        writeln!(out, "        }}\n        Ok(())\n    }}\n}}\n").unwrap();
    }
    extension(&mut out, widgets);
    out
}

fn manifest(name: &str, runtime: &Path, serde_json: bool) -> String {
    let mut manifest = format!(
        "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
         [dependencies]\ndesk-runtime = {{ path = {:?} }}\n\
         serde = {{ version = \"1.0.229\", default-features = false, features = [\"std\", \"derive\"] }}\n",
        runtime.display().to_string()
    );
    if serde_json {
        // serde and serde_json as the workspace declares them, so that the build shares
        // desk-runtime's.
        manifest.push_str(
            "serde_json = { version = \"1.0.154\", default-features = false, features = [\"std\"] }\n",
        );
    }
    manifest
}

fn write(path: &Path, contents: &str) {
    std::fs::create_dir_all(path.parent().expect("a parent")).expect("create the directory");
    // Unchanged files are left alone, so that a rerun does not invalidate the builds.
    if std::fs::read_to_string(path).ok().as_deref() != Some(contents) {
        std::fs::write(path, contents).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
}

fn main() {
    let out = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "target/compile-bench".into()),
    );
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the workspace");
    let runtime = root.join("desk-runtime");
    let widgets = widgets();

    write(
        &out.join("Cargo.toml"),
        "[workspace]\nmembers = [\"macro-widgets\", \"expanded-widgets\", \"hand-widgets\"]\nresolver = \"3\"\n",
    );
    for (name, source, serde_json) in [
        ("macro-widgets", macro_crate(&widgets), false),
        ("expanded-widgets", expanded_crate(&widgets), false),
        ("hand-widgets", hand_crate(&widgets), true),
    ] {
        write(
            &out.join(name).join("Cargo.toml"),
            &manifest(name, &runtime, serde_json),
        );
        write(&out.join(name).join("src/lib.rs"), &source);
    }
    let handlers = widgets.iter().flat_map(|w| &w.handlers);
    let count = |kind: fn(&Handler) -> bool| handlers.clone().filter(|h| kind(h)).count();
    let fallible = count(|h| h.kind == Kind::Listens { fallible: true });
    let deprecated = count(|h| h.deprecated);
    let talking = count(|h| h.kind == Kind::Talks);
    let hooks = count(|h| matches!(h.kind, Kind::Hook { .. }));
    let messages = count(|h| h.kind == Kind::Message);
    assert!(
        fallible > 0 && deprecated > 0 && talking > 0 && hooks > 0 && messages > 0,
        "every path of the generated code"
    );
    println!(
        "{} widgets, {} handlers ({fallible} returning `Result`, {deprecated} of a deprecated \
         event, {talking} `async` that talk back, {hooks} hooks, {messages} of a message), in {}",
        widgets.len(),
        handlers.count(),
        out.display()
    );
}
