//! The `#[desk_widget]` attribute, its handler attributes, `#[derive(Message)]` and
//! `extension!`. Use them through `desk_runtime::prelude`,
//! whose documentation shows them at work; the logic lives in `desk-codegen`.

use proc_macro::TokenStream;

/// Makes an inherent `impl` block of a widget's state type a Desk widget at a location:
/// `#[desk_widget(location = "desk.ticket.detail.rightpanel")]`, or a modal page of the
/// extension: `#[desk_widget(modal, output = T)]`.
///
/// Each method marked `#[on("event.name")]` handles that event, `#[hook("name", otherwise =
/// deny)]` a hook, `#[on_message]` a message from another widget, `#[on_open]` a modal's input
/// and `#[on_click("name")]` a click on the page's `data-click="name"`. The compiler refuses an
/// event or hook the location never receives, an unknown event, hook or location, and a
/// handler whose shape or payload type does not fit; the block gets an implementation of
/// `desk_runtime::Widget` (and `desk_runtime::Handles` per message, `desk_runtime::Modal` for a
/// modal).
#[proc_macro_attribute]
pub fn desk_widget(args: TokenStream, item: TokenStream) -> TokenStream {
    desk_codegen::desk_widget(args.into(), item.into()).into()
}

/// Marks a method of a `#[desk_widget]` impl block as the handler of an event:
/// `#[on("call.ringing")]`, or `#[on("new.event", unchecked)]` for an event the catalog does
/// not have yet (not checked, delivered as `desk_runtime::json::Value`).
#[proc_macro_attribute]
pub fn on(args: TokenStream, item: TokenStream) -> TokenStream {
    desk_codegen::on(args.into(), item.into()).into()
}

/// Marks a method of a `#[desk_widget]` impl block as a hook's handler, which decides whether
/// an agent's action goes ahead: `#[hook("ticket.reOpen", otherwise = deny)]`, returning a
/// `desk_runtime::hook::Verdict`. `otherwise` is what the host answers when the handler fails
/// or has not answered in time (see `desk_runtime::hook`).
#[proc_macro_attribute]
pub fn hook(args: TokenStream, item: TokenStream) -> TokenStream {
    desk_codegen::stray("hook", args.into(), item.into()).into()
}

/// Marks a method of a `#[desk_widget]` impl block as the handler of a message from another
/// widget of the extension: its parameter's type, a `#[derive(Message)]` type, says which.
#[proc_macro_attribute]
pub fn on_message(args: TokenStream, item: TokenStream) -> TokenStream {
    desk_codegen::stray("on_message", args.into(), item.into()).into()
}

/// Marks the method of a modal (`#[desk_widget(modal)]`) that receives the opener's input; its
/// parameter's type is the modal's input type.
#[proc_macro_attribute]
pub fn on_open(args: TokenStream, item: TokenStream) -> TokenStream {
    desk_codegen::stray("on_open", args.into(), item.into()).into()
}

/// Marks a method of a `#[desk_widget]` impl block as the handler of a click on the page's
/// element with `data-click="name"`: `#[on_click("name")]`.
#[proc_macro_attribute]
pub fn on_click(args: TokenStream, item: TokenStream) -> TokenStream {
    desk_codegen::stray("on_click", args.into(), item.into()).into()
}

/// Derives `desk_runtime::Message` for a serde type: `#[message(name = "caller.found")]` gives
/// the name it travels under between the widgets of an extension.
#[proc_macro_derive(Message, attributes(message))]
pub fn message(input: TokenStream) -> TokenStream {
    desk_codegen::message(input.into()).into()
}

/// Derives `desk_runtime::config::DeskConfig` for a struct: each field is one of the
/// extension's configuration parameters, its manifest entry written from the field's name, doc
/// comment and type. See `desk_runtime::config`.
#[proc_macro_derive(DeskConfig, attributes(config))]
pub fn desk_config(input: TokenStream) -> TokenStream {
    desk_codegen::desk_config(input.into()).into()
}

/// Derives `desk_runtime::config::Choice` and `ParamValue` for a fieldless enum: its variants
/// are a picklist's (or radio buttons') choices.
#[proc_macro_derive(ConfigChoice)]
pub fn config_choice(input: TokenStream) -> TokenStream {
    desk_codegen::config_choice(input.into()).into()
}

/// Declares the crate's extension once: its name, its manifest's settings and its widgets,
/// each widget's name mapped to its type (a `#[desk_widget]` with an `impl Page`).
///
/// `config: Settings` names its configuration type (`#[derive(DeskConfig)]`, see
/// `desk_runtime::config`), `locales: ["en", "fr"]` its locales, whose files
/// `translations/<locale>.json` (or in the folder `translations: "..."` names, relative to the
/// declaring file) are read and checked against each other at compile time and give the
/// generated `Translations` type (see `desk_runtime::i18n`).
///
/// It defines `pub static EXTENSION: desk_runtime::Extension`, which the packager reads, and,
/// in WebAssembly builds with `desk_runtime`'s `browser` feature, one export per widget that
/// mounts it on its page. Names, URLs and configuration types are checked at compile time
/// with the platform's rules. See `desk_runtime::extension` for an example.
#[proc_macro]
pub fn extension(input: TokenStream) -> TokenStream {
    // The declaring file: a `translations` folder is relative to it, as for `include_str!`.
    let source = proc_macro::Span::call_site().local_file();
    desk_codegen::extension_in(input.into(), source.as_deref()).into()
}
