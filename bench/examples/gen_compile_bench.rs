//! Writes the crates that `bench/compile-time.sh` compiles: the same widgets three ways.
//!
//! `cargo run -p desk-bench --example gen_compile_bench -- <dir>` writes a workspace at `<dir>`
//! with three crates, each with one widget per location of `desk_runtime::catalog::LOCATIONS`
//! that receives any event, and one handler per event delivered there (the deprecated
//! `ticket_owner.changed` included, under `#[allow(deprecated)]`; three fields of the form-field
//! pattern at each form's panel), each taking its typed payload; every second handler of a widget
//! returns `Result<(), String>`, so that every path of the generated code is compiled:
//!
//! - `macro-widgets`: written with `#[desk_widget]` and `#[on]`;
//! - `expanded-widgets`: the output of `desk_codegen::desk_widget` (the very function behind
//!   `#[desk_widget]`) on each impl block of `macro-widgets`, formatted with `rustfmt` (the token
//!   text if `rustfmt` cannot be run), so that `macro-widgets` minus `expanded-widgets` is the
//!   proc macro's own time, and the two cannot drift apart;
//! - `hand-widgets`: what one writes without the DSL: `impl Widget` by hand, `serde_json`
//!   decoding each payload (as `desk_bench::hand_widget`); `ModalClosed` and `FormFieldChanged`
//!   are not `serde` types, so those go through `desk_runtime::events::Payload::decode`.

use desk_runtime::catalog::{EVENTS, EventRef, FormModule, LOCATIONS, event, is_available};
use proc_macro2::TokenStream;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Payload types that are not `serde::Deserialize` (their decoders are hand-written in
/// `desk_runtime`): a hand-written widget decodes them with `Payload::decode` too.
const NOT_SERDE: [&str; 2] = ["ModalClosed", "FormFieldChanged"];

/// The form fields each form's panel gets a handler for.
const FORM_FIELDS: [&str; 3] = ["email", "phone", "cf_region"];

struct Handler {
    event: String,
    method: String,
    payload: &'static str,
    /// Returns `Result<(), String>` (the handler-output path of the generated code).
    fallible: bool,
    /// The event is deprecated (the deprecation path: a `deprecated` warning, allowed here).
    deprecated: bool,
}

struct WidgetSpec {
    location: &'static str,
    name: String,
    handlers: Vec<Handler>,
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
                    fallible: false,
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
                        fallible: false,
                        deprecated: false,
                    });
                }
            }
        }
        for (i, handler) in handlers.iter_mut().enumerate() {
            handler.fallible = i % 2 == 1;
        }
        if !handlers.is_empty() {
            widgets.push(WidgetSpec {
                location: location.name,
                name: type_name(location.name),
                handlers,
            });
        }
    }
    widgets
}

/// The widget's state and its handlers' bodies, the same in the three crates.
fn state(out: &mut String, widget: &WidgetSpec) {
    let name = &widget.name;
    writeln!(out, "/// The widget at `{}`.", widget.location).unwrap();
    writeln!(out, "#[derive(Default)]").unwrap();
    writeln!(out, "pub struct {name} {{ pub handled: u64 }}\n").unwrap();
}

/// A handler, the same in the three crates but for `marker` (`#[on(...)]` in `macro-widgets`).
fn handler(out: &mut String, handler: &Handler, marker: &str) {
    if !marker.is_empty() {
        writeln!(out, "    {marker}").unwrap();
    }
    if handler.deprecated {
        writeln!(out, "    #[allow(deprecated)]").unwrap();
    }
    let (output, ok) = if handler.fallible {
        (" -> Result<(), String>", " Ok(())")
    } else {
        ("", "")
    };
    writeln!(
        out,
        "    fn {}(&mut self, payload: {}){output} {{ self.handled += 1; let _ = payload;{ok} }}",
        handler.method, handler.payload
    )
    .unwrap();
}

fn subscriptions(widget: &WidgetSpec) -> String {
    widget
        .handlers
        .iter()
        .map(|h| format!("{:?}", h.event))
        .collect::<Vec<_>>()
        .join(", ")
}

fn header(out: &mut String, what: &str) {
    writeln!(
        out,
        "//! {what} Generated by `bench/examples/gen_compile_bench.rs`."
    )
    .unwrap();
    writeln!(out, "#![allow(missing_docs, clippy::all)]\n").unwrap();
    writeln!(out, "use desk_runtime::events::*;\n").unwrap();
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
        handler(&mut out, h, &format!("#[on({:?})]", h.event));
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

/// The widgets as `desk_bench::hand_widget` writes its one: `serde_json` and a `match`.
fn hand_crate(widgets: &[WidgetSpec]) -> String {
    let mut out = String::new();
    header(&mut out, "Every location's widget, written by hand.");
    out.push_str(
        "use desk_runtime::{Desk, Dispatch, DispatchError, Widget};\n\n\
         #[cold]\n\
         fn decode_error(event: &str, error: &serde_json::Error) -> DispatchError {\n    \
         DispatchError::Decode(desk_runtime::events::DecodeError::payload(event, String::new(), error))\n}\n\n",
    );
    for widget in widgets {
        state(&mut out, widget);
        writeln!(out, "impl {} {{", widget.name).unwrap();
        for h in &widget.handlers {
            handler(&mut out, h, "");
        }
        writeln!(out, "}}\n").unwrap();
        writeln!(out, "impl Widget for {} {{", widget.name).unwrap();
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
        writeln!(
            out,
            "    fn dispatch<'a>(&'a mut self, event: &'a str, payload: &'a str, _desk: &'a Desk<Self>) -> Dispatch<'a> {{\n        \
             Dispatch::Done(self.handle(event, payload).map(|()| None))\n    }}\n}}\n\n\
             impl {} {{\n    \
             fn handle(&mut self, event: &str, payload: &str) -> Result<(), DispatchError> {{",
            widget.name
        )
        .unwrap();
        writeln!(out, "        match event {{").unwrap();
        for h in &widget.handlers {
            let decode = if NOT_SERDE.contains(&h.payload) {
                format!("<{} as Payload>::decode(event, payload)?", h.payload)
            } else {
                "serde_json::from_str(payload).map_err(|e| decode_error(event, &e))?".to_owned()
            };
            let call = format!("self.{}({decode})", h.method);
            if h.fallible {
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
    out
}

fn manifest(name: &str, runtime: &Path, serde_json: bool) -> String {
    let mut manifest = format!(
        "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
         [dependencies]\ndesk-runtime = {{ path = {:?} }}\n",
        runtime.display().to_string()
    );
    if serde_json {
        // As the workspace declares it, so that the build shares desk-runtime's serde_json.
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
    let fallible = handlers.clone().filter(|h| h.fallible).count();
    let deprecated = handlers.clone().filter(|h| h.deprecated).count();
    assert!(
        fallible > 0 && deprecated > 0,
        "every path of the generated code"
    );
    println!(
        "{} widgets, {} handlers ({fallible} returning `Result`, {deprecated} of a deprecated \
         event), in {}",
        widgets.len(),
        handlers.count(),
        out.display()
    );
}
