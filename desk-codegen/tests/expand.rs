//! Unit tests of the expansion function on `proc_macro2` tokens: what it generates for valid
//! widgets, the errors it gathers for invalid ones, and its agreement with the catalog on every
//! (location, event) pair. The exact wording and spans of errors are pinned by the trybuild
//! cases in `tests/ui/`.

use desk_catalog::{EVENTS, FormModule, LOCATIONS};
use proc_macro2::TokenStream;
use quote::quote;

fn expand(args: TokenStream, item: TokenStream) -> String {
    let output = desk_codegen::desk_widget(args, item);
    syn::parse2::<syn::File>(output.clone()).expect("the expansion is valid Rust");
    output.to_string()
}

/// The messages of the `compile_error!`s in an expansion.
fn errors(output: &str) -> Vec<String> {
    output
        .split("compile_error ! {")
        .skip(1)
        .map(|rest| rest.split('"').nth(1).unwrap_or_default().to_owned())
        .collect()
}

fn widget_with(location: &str, event: &str) -> String {
    expand(
        quote!(location = #location),
        quote!(impl W { #[on(#event)] fn handle(&mut self) {} }),
    )
}

#[test]
fn a_valid_widget_expands_to_its_widget_impl_without_errors() {
    let output = expand(
        quote!(location = "desk.ticket.detail.rightpanel"),
        quote! {
            impl CallPanel {
                #[on("call.ringing")]
                fn ringing(&mut self, call: CallRinging) {}
                #[on("ticket_status.changed")]
                fn status(&mut self, change: TicketStatusChanged) -> Result<(), String> { Ok(()) }
                #[on("modal.closed")]
                fn closed(&self) {}
                fn helper(&self) {}
            }
        },
    );
    assert!(errors(&output).is_empty(), "{output}");
    assert!(output.contains("impl :: desk_runtime :: Widget for CallPanel"));
    assert!(output.contains(r#"const LOCATION : & 'static str = "desk.ticket.detail.rightpanel""#));
    assert!(output.contains(r#"= & ["call.ringing" , "ticket_status.changed" , "modal.closed"]"#));
    assert!(output.contains("payload :: < CallRinging , __desk :: events :: CallRinging >"));
    // Each arm is one call, through `dispatch`'s one name for the runtime's private module.
    assert!(output.contains("use :: desk_runtime :: __private as __desk ;"));
    assert_eq!(output.matches("__desk :: done_output (event ,").count(), 3);
    // The `#[on]` markers are consumed, the methods kept as written.
    assert!(!output.contains("# [on"));
    assert!(output.contains("fn helper (& self) { }"));
}

#[test]
fn a_widget_without_handlers_ignores_payloads() {
    let output = expand(quote!(location = "desk.bottomband"), quote!(impl Empty {}));
    assert!(errors(&output).is_empty());
    assert!(output.contains("_payload : & '__desk str"), "{output}");
    assert!(output.contains("_desk : & '__desk :: desk_runtime :: Desk < Self >"));
    assert!(output.contains("'static [& 'static str] = & []"));
    assert!(output.contains("const TALKS_BACK : bool = false"));
    assert!(output.contains("const ASYNC : bool = false"));
}

#[test]
fn async_handlers_and_the_desk_parameter_are_dispatched() {
    let output = expand(
        quote!(location = "desk.extension.telephony"),
        quote!(
            impl Bar {
                #[on("call.ringing")]
                async fn ringing(&mut self, call: CallRinging, desk: &Desk<Self>) -> Result<(), String> { Ok(()) }
                #[on("call.answered")]
                fn answered(&self, desk: &Desk<Self>, call: CallAnswered) {}
                #[on("extension.onload")]
                async fn loaded(&mut self, app: App) {}
            }
        ),
    );
    assert!(errors(&output).is_empty(), "{output}");
    assert!(output.contains("const TALKS_BACK : bool = true"));
    assert!(output.contains("const ASYNC : bool = true"));
    // The async handler's future, its payload decoded before it starts.
    assert!(
        output.contains("self . ringing (decoded , desk) . await"),
        "{output}"
    );
    assert_eq!(output.matches("__desk :: pending").count(), 2);
    // The parameters in the order the handler declares them.
    assert!(
        output.contains(
            "self . answered (desk , __desk :: payload :: < CallAnswered , __desk :: events :: \
             CallAnswered > (event , payload) ?)"
        ),
        "{output}"
    );
    // The mount handler gets the `App`, and is listed with the subscriptions.
    assert!(output.contains("__desk :: App >"), "{output}");
    assert!(output.contains(r#""extension.onload""#));
}

#[test]
fn generic_widgets_keep_their_generics() {
    let output = expand(
        quote!(location = "desk.bottomband"),
        quote!(
            impl<T: Clone> Panel<T>
            where
                T: Default,
            {
                #[on("call.ringing")]
                fn ringing(&self) {}
            }
        ),
    );
    assert!(errors(&output).is_empty());
    assert!(output.contains(
        "impl < T : Clone > :: desk_runtime :: Widget for Panel < T > where T : Default"
    ));
}

#[test]
fn deprecated_events_get_a_warning_marker_in_the_handler() {
    let output = widget_with("desk.bottomband", "ticket_owner.changed");
    assert!(errors(&output).is_empty());
    assert!(output.contains("# [deprecated (note ="));
    assert!(output.contains("const ticket_owner_changed : () = ()"));
    let current = widget_with("desk.bottomband", "ticket_assignee.changed");
    assert!(!current.contains("deprecated"));
}

/// A block of methods is printed back from its own tokens, anything else through `syn`: both
/// give the same methods, their handler attributes taken out and their markers added.
#[test]
fn a_block_of_methods_and_a_block_with_other_items_print_the_same_methods() {
    let methods = quote! {
        /// Rings.
        #[on("call.ringing")]
        #[inline]
        pub fn ringing(&mut self, call: CallRinging) -> Result<(), String> { let _ = call; Ok(()) }
        #[on("ticket_owner.changed")]
        #[allow(deprecated)]
        fn owner(&self) { helper(); }
        fn helper(&self) {}
    };
    let split = expand(
        quote!(location = "desk.ticket.detail.rightpanel"),
        quote!(impl Panel { #methods }),
    );
    // A constant, and a macro, are read by `syn`.
    for other in [
        quote!(
            const LIMIT: u8 = 3;
        ),
        quote!(helpers!();),
    ] {
        let read = expand(
            quote!(location = "desk.ticket.detail.rightpanel"),
            quote!(impl Panel { #methods #other }),
        );
        let other = other.to_string();
        assert_eq!(read.replacen(&format!(" {other}"), "", 1), split, "{other}");
    }
    assert!(errors(&split).is_empty(), "{split}");
    assert!(!split.contains("# [on"), "{split}");
    assert!(split.contains(
        "# [doc = r\" Rings.\"] # [inline] # [allow (clippy :: needless_pass_by_value)] pub fn \
         ringing"
    ));
    assert!(split.contains("# [allow (deprecated)] fn owner (& self) { {"));
}

/// A method that handles nothing is not read: a mistake in it is rustc's to report, where it
/// is, and the widget still expands.
#[test]
fn a_method_that_handles_nothing_is_left_to_rustc() {
    let output = desk_codegen::desk_widget(
        quote!(location = "desk.bottomband"),
        quote!(impl W { #[on("call.ringing")] fn ringing(&mut self) {} fn helper(&self) -> @ {} }),
    )
    .to_string();
    assert!(errors(&output).is_empty(), "{output}");
    assert!(output.contains("fn helper (& self) -> @ { }"), "{output}");
    assert!(
        output.contains("impl :: desk_runtime :: Widget for W"),
        "{output}"
    );
}

/// A deprecated event's warning goes first in the handler's body, after its inner attributes
/// and before its first statement's own attributes.
#[test]
fn the_deprecation_warning_goes_after_inner_attributes() {
    for body in [
        quote!(#![allow(unused)] #![allow(unused_variables)] let x = 1;),
        quote!(#[allow(unused)] let x = 1;),
    ] {
        let output = expand(
            quote!(location = "desk.bottomband"),
            quote!(impl W { #[on("ticket_owner.changed")] fn owner(&mut self) { #body } }),
        );
        assert!(errors(&output).is_empty(), "{output}");
        let warning = output.find("# [deprecated").expect("the warning");
        match output.find("# ! [allow") {
            Some(inner) => assert!(inner < warning, "{output}"),
            None => assert!(
                output
                    .find("# [allow (unused)] let")
                    .is_some_and(|outer| warning < outer),
                "{output}"
            ),
        }
    }
}

#[test]
fn every_mistake_is_reported_in_one_expansion() {
    let output = expand(
        quote!(location = "desk.contact.detail.rightpanel", color = "red"),
        quote! {
            impl Panel {
                #[on("call.ringin")] fn typo(&mut self) {}
                #[on("ticket_status.changed")] fn unavailable(&mut self) {}
                #[on("call.answered")] fn by_value(self) {}
                #[on("click2Call")] fn first(&mut self) {}
                #[on("click2Call")] fn second(&mut self) {}
                #[on("call.completed")] fn valid(&mut self) {}
            }
        },
    );
    let errors = errors(&output);
    assert_eq!(errors.len(), 5, "{errors:#?}");
    assert!(errors[0].starts_with("unknown argument"));
    assert!(errors[1].contains("did you mean `call.ringing`?"));
    assert!(errors[2].starts_with("`ticket_status.changed` is not delivered at"));
    assert!(errors[3].contains("`&self` or `&mut self`"));
    assert!(
        errors[4].contains("handled by both `first` and `second`"),
        "{}",
        errors[4]
    );
    // The valid handlers are still dispatched; the invalid ones are left out.
    assert!(
        output.contains(r#"& ["click2Call" , "call.completed"]"#),
        "{output}"
    );
}

/// `tests/ui/one_mistake_one_error.rs` (compile-fail, never run) and
/// `tests/ui/pass/one_mistake_left_out.rs` (run): the widget with a misspelt handler expands to
/// its one error and exactly the widget without that handler's `#[on]`, so what the pass case
/// runs is what the compile-fail case's crate gets.
#[test]
fn a_refused_handler_leaves_the_widget_without_it() {
    let args = quote!(location = "desk.ticket.detail.rightpanel");
    let with_mistake = expand(
        args.clone(),
        quote! {
            impl Panel {
                #[on("call.ringing")]
                fn ringing(&mut self, _call: CallRinging) { self.calls += 1; }
                #[on("ticket_status.chnaged")]
                fn status(&mut self) {}
                fn calls(&self) -> usize { self.calls }
            }
        },
    );
    let left_out = expand(
        args,
        quote! {
            impl Panel {
                #[on("call.ringing")]
                fn ringing(&mut self, _call: CallRinging) { self.calls += 1; }
                fn status(&mut self) {}
                fn calls(&self) -> usize { self.calls }
            }
        },
    );
    assert_eq!(
        errors(&with_mistake),
        ["unknown event `ticket_status.chnaged`; did you mean `ticket_status.changed`?"]
    );
    assert!(errors(&left_out).is_empty());
    let (error, rest) = with_mistake
        .split_once("} ")
        .expect("the error comes first");
    assert!(error.starts_with(":: core :: compile_error !"), "{error}");
    assert_eq!(rest, left_out);
}

#[test]
fn the_macro_agrees_with_the_catalog_on_every_location_and_event() {
    let mut locations: Vec<&str> = LOCATIONS.iter().map(|l| l.name).collect();
    locations.push("desk.cm_projects.detail.subtab");
    let mut events: Vec<String> = EVENTS.iter().map(|e| e.name.to_owned()).collect();
    events.extend(FormModule::ALL.map(|m| format!("{}Form_email.changed", m.name())));
    let mut disagreements = Vec::new();
    for location in &locations {
        for event in &events {
            let available = desk_catalog::is_available(
                &desk_catalog::event(event).expect("a catalog event"),
                location,
            );
            let errors = errors(&widget_with(location, event));
            if errors.is_empty() != available {
                disagreements.push(format!("{event} at {location}: {errors:?}"));
            }
        }
    }
    assert!(disagreements.is_empty(), "{disagreements:#?}");
}

#[test]
fn payload_types_are_checked_where_the_tokens_tell() {
    let output = expand(
        quote!(location = "desk.bottomband"),
        quote! {
            impl Panel {
                #[on("call.ringing")] fn a(&mut self, c: desk_runtime::events::TicketStatusChanged) {}
                #[on("call.answered")] fn b(&mut self, c: &CallAnswered) {}
                #[on("call.completed")] fn c(&mut self, c: MyAlias) {}
                #[on("click2Call")] fn d(&mut self, c: events::Click2Call) {}
            }
        },
    );
    let errors = errors(&output);
    assert_eq!(
        errors,
        [
            "`call.ringing` delivers `CallRinging`, not `TicketStatusChanged`",
            "`call.answered` delivers `CallAnswered` by value: take `CallAnswered`, not a reference \
             (the one reference a handler takes is `desk: &Desk<Self>`, named `Desk`)",
        ]
    );
    // An alias cannot be read from tokens: the compiler checks it through `PayloadOf`.
    assert!(output.contains("payload :: < MyAlias , __desk :: events :: CallCompleted >"));
    assert!(output.contains("payload :: < events :: Click2Call ,"));
}

#[test]
fn anything_but_an_inherent_impl_is_refused_and_kept() {
    for item in [
        quote!(
            struct Panel;
        ),
        quote!(impl Trait for Panel {}),
        quote!(
            fn main() {}
        ),
        quote!(
            enum E {
                A,
            }
        ),
    ] {
        let output = expand(quote!(location = "desk.bottomband"), item.clone());
        assert_eq!(errors(&output).len(), 1, "{output}");
        assert!(
            output.contains(&item.to_string()),
            "the item is kept: {output}"
        );
    }
}

#[test]
fn on_outside_a_widget_is_an_error_that_keeps_the_method() {
    let output = desk_codegen::on(
        quote!("call.ringing"),
        quote!(
            fn ringing(&mut self) {}
        ),
    );
    let output = output.to_string();
    assert_eq!(errors(&output).len(), 1);
    assert!(output.contains("fn ringing (& mut self) { }"));
}

#[test]
fn odd_input_gives_errors_not_panics() {
    let cases = [
        (quote!(), quote!()),
        (quote!(location), quote!(impl X {})),
        (quote!(location = ), quote!(impl X {})),
        (quote!(= "x"), quote!(impl X {})),
        (quote!(location = "desk.bottomband",,), quote!(impl X {})),
        (
            quote!(location = "desk.bottomband"),
            quote!(impl X { #[on("")] fn a(&self) {} }),
        ),
        (
            quote!(location = "desk.bottomband"),
            quote!(impl X { #[on(1)] fn a(&self) {} }),
        ),
        (
            quote!(location = "desk.bottomband"),
            quote!(impl X { #[on = "call.ringing"] fn a(&self) {} }),
        ),
        (
            quote!(location = "desk.bottomband"),
            quote!(impl X { #[on("ticketForm_\u{e9}.changed")] fn a(&self) {} }),
        ),
        (quote!(location = "\u{1F600}"), quote!(impl X {})),
        (quote!(location = ""), quote!(impl X {})),
    ];
    for (args, item) in cases {
        let output = desk_codegen::desk_widget(args.clone(), item);
        assert!(
            !errors(&output.to_string()).is_empty(),
            "`{args}` should be refused: {output}"
        );
    }
}

#[test]
fn a_message_name_is_compared_by_the_compiler_with_every_name_that_can_be_it() {
    let output = expand(
        quote!(location = "desk.bottomband"),
        quote! {
            impl<M: Message> Panel<M> {
                #[on("call.ringing")]
                fn ringing(&mut self) {}
                #[on("crm.synced", unchecked)]
                fn synced(&mut self) {}
                #[on_message]
                fn found(&mut self, found: CallerFound) {}
                #[on_click("log")]
                fn log(&mut self) {}
                #[hook("crm.saving", unchecked, otherwise = allow)]
                fn saving(&self) -> Verdict { Verdict::Allow }
                #[on_message]
                fn relayed(&mut self, message: M) {}
            }
        },
    );
    assert!(errors(&output).is_empty(), "{output}");
    let compared = |a: &str, b: &str| format!("same_name ({a} , {b})");
    let found = "< CallerFound as :: desk_runtime :: Message > :: NAME";
    let relayed = "< M as :: desk_runtime :: Message > :: NAME";
    // Names the macro reads are compared by the macro, and the names `#[derive(Message)]`
    // refuses (the catalog's, a click's) are never a message's: no constant for them.
    for name in [r#""call.ringing""#, r#""click:log""#] {
        assert!(!output.contains(&format!("same_name ({name}")), "{output}");
        assert!(!output.contains(&format!(", {name})")), "{output}");
    }
    // A message's, with every other message's and `unchecked` name: as constant items where
    // its type is concrete, in `dispatch` where it is the widget's generic parameter.
    let items = [
        compared(r#""crm.synced""#, found),
        compared(found, r#""crm.saving""#),
    ];
    let inline = [
        compared(r#""crm.synced""#, relayed),
        compared(found, relayed),
        compared(r#""crm.saving""#, relayed),
    ];
    for check in &items {
        assert_eq!(
            output
                .matches(&format!(
                    "const _ : () = :: core :: assert ! (! :: desk_runtime :: __private :: {check}"
                ))
                .count(),
            1,
            "{check}: {output}"
        );
    }
    for check in &inline {
        assert_eq!(
            output
                .matches(&format!(
                    "const {{ :: core :: assert ! (! :: desk_runtime :: __private :: {check}"
                ))
                .count(),
            1,
            "{check}: {output}"
        );
    }
    assert_eq!(
        output.matches("same_name").count(),
        items.len() + inline.len()
    );
}

#[test]
fn a_message_type_named_like_an_event_is_not_that_event() {
    // The macro compares a message by its type, an event by its name: a type spelt like an
    // unchecked event's name is no collision (the compiler compares their wire names).
    let output = expand(
        quote!(location = "desk.bottomband"),
        quote! {
            impl Panel {
                #[on("Synced", unchecked)]
                fn synced(&mut self) {}
                #[on_message]
                fn message(&mut self, synced: Synced) {}
            }
        },
    );
    assert!(errors(&output).is_empty(), "{output}");
}
