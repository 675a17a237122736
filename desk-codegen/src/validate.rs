//! Step two: check the parsed widget against the catalog and the handler rules, keeping what is
//! valid. Every check reports at the token it is about; a handler with an error is left out of
//! the model so that it causes no second error in the generated code.

use crate::errors::Errors;
use crate::names;
use crate::parse::{Args, Kind, WidgetImpl};
use desk_catalog::{EVENTS, EventError, FORM_FIELD_CHANGED, explain};
use proc_macro2::Span;
use syn::spanned::Spanned;
use syn::{FnArg, Ident, ImplItem, LitStr, ReceiverKind, ReturnType, Signature, Type};

/// A widget as the expansion needs it.
pub(crate) struct Widget {
    /// The declared location (as written, even if unknown, so that the widget still compiles
    /// around the error); `modal` for a modal.
    pub location: String,
    /// A modal's input and output types.
    pub modal: Option<(Type, Type)>,
    pub subscriptions: Vec<Subscription>,
}

/// A valid handler.
pub(crate) struct Subscription {
    /// Where the method is in the impl block.
    pub index: usize,
    pub method: Ident,
    /// What it is delivered under.
    pub wire: Wire,
    /// The name, for messages: the event's, the hook's, `click:<name>`; a message's type.
    pub name: String,
    /// A hook's `otherwise`: `Allow` or `Deny`.
    pub otherwise: Option<Ident>,
    pub payload: Option<PayloadParam>,
    /// Whether it takes the host's handle, `desk: &Desk<Self>`.
    pub desk: Option<DeskParam>,
    /// `async fn`: dispatch awaits it.
    pub is_async: bool,
    /// The span of the handler's return type, when it is not `()`.
    pub output: Option<Span>,
    /// The event that replaces this deprecated one.
    pub replaced_by: Option<&'static str>,
    /// An event or hook outside the catalog (`unchecked`).
    pub unchecked: bool,
}

/// A handler's `desk: &Desk<Self>` parameter.
#[derive(Clone, Copy)]
pub(crate) struct DeskParam {
    /// Before the payload, rather than after it.
    pub first: bool,
}

/// A handler's payload parameter.
pub(crate) struct PayloadParam {
    /// The type the handler declares.
    pub declared: Box<Type>,
    /// What the event delivers.
    pub delivered: Delivered,
}

/// What a handler is delivered under.
pub(crate) enum Wire {
    /// A name known now: an event's or a hook's literal.
    Name(LitStr),
    /// A click on the page's `data-click="name"`: delivered as `click:name`.
    Click(LitStr),
    /// A message: `<T as Message>::NAME`.
    Message(Box<Type>),
    /// A modal's input: `MODAL_INPUT`.
    Open,
}

/// What an event delivers.
#[derive(Clone, Copy)]
pub(crate) enum Delivered {
    /// A type of `desk_runtime::events`, by name.
    Typed(&'static str),
    /// A type of `desk_runtime::hook`, by name.
    Hook(&'static str),
    /// `desk_runtime::json::Value`, for `unchecked` events.
    Json,
    /// `desk_runtime::App`, for the mount handler.
    App,
    /// The handler's own serde type: a message, a modal's input.
    Serde,
}

/// The mount handler's name: `#[on("extension.onload")]`.
pub(crate) const ON_LOAD: &str = "extension.onload";

impl Delivered {
    fn name(self) -> &'static str {
        match self {
            Delivered::Typed(name) | Delivered::Hook(name) => name,
            Delivered::Json => "desk_runtime::json::Value",
            Delivered::App => "App",
            Delivered::Serde => "",
        }
    }
}

pub(crate) fn widget(args: &Args, widget: &WidgetImpl, errors: &mut Errors) -> Widget {
    let location = location(args, errors);
    let modal = args.modal.is_some();
    let mut subscriptions: Vec<Subscription> = Vec::new();
    let mut input = None;
    for handler in &widget.handlers {
        let Some(ImplItem::Fn(method)) = widget.item.items.get(handler.index) else {
            continue;
        };
        if let Some(error) = compiled_out(&method.attrs) {
            errors.push(error);
            continue;
        }
        let Some(shape) = shape(&method.sig, &widget.item.self_ty, errors) else {
            continue;
        };
        let Some((wire, name, delivered, otherwise)) =
            subscription(&handler.kind, location.as_deref(), modal, errors)
        else {
            continue;
        };
        if let Some(error) = kind_shape(&handler.kind, &shape, &method.sig) {
            errors.push(error);
            continue;
        }
        let payload = match shape.payload.map(|declared| match delivered {
            Delivered::Serde => Ok(PayloadParam {
                declared: Box::new(declared.clone()),
                delivered,
            }),
            _ => payload_param(&name, declared, delivered),
        }) {
            Some(Err(error)) => {
                errors.push(error);
                continue;
            }
            Some(Ok(param)) => Some(param),
            None => None,
        };
        // A message is known by its type.
        let (wire, name) = match (wire, &payload) {
            (Wire::Message(_), Some(param)) => {
                let ty = &param.declared;
                (Wire::Message(ty.clone()), quote::quote!(#ty).to_string())
            }
            (wire, _) => (wire, name),
        };
        if let Some(first) = subscriptions.iter().find(|s| same_handled(s, &wire, &name)) {
            errors.push(handled_twice(
                first,
                &method.sig.ident,
                &wire,
                &handler.kind,
                &name,
            ));
            continue;
        }
        if matches!(wire, Wire::Open) {
            input = Some(
                payload
                    .as_ref()
                    .map_or_else(|| syn::parse_quote!(()), |param| (*param.declared).clone()),
            );
        }
        subscriptions.push(Subscription {
            index: handler.index,
            method: method.sig.ident.clone(),
            replaced_by: match &wire {
                Wire::Name(_) if otherwise.is_none() => desk_catalog::event(&name)
                    .ok()
                    .and_then(|e| e.replaced_by()),
                _ => None,
            },
            wire,
            payload,
            desk: shape.desk,
            is_async: shape.is_async,
            output: shape.output,
            otherwise,
            name,
            unchecked: handler.kind.is_unchecked(),
        });
    }
    let location = location
        .or_else(|| args.location.as_ref().map(LitStr::value))
        .unwrap_or_default();
    let modal = modal.then(|| {
        (
            input.unwrap_or_else(|| syn::parse_quote!(())),
            args.output.clone().unwrap_or_else(|| syn::parse_quote!(())),
        )
    });
    Widget {
        location,
        modal,
        subscriptions,
    }
}

/// The widget's location, checked against the catalog; `modal` for a modal.
fn location(args: &Args, errors: &mut Errors) -> Option<String> {
    if args.modal.is_some() {
        return Some(MODAL.to_owned());
    }
    let lit = args.location.as_ref()?;
    match desk_catalog::location(&lit.value()) {
        Ok(location) => Some(location.name().to_owned()),
        Err(unknown) => {
            errors.push(syn::Error::new(lit.span(), unknown));
            None
        }
    }
}

/// A modal's location, [`desk_runtime::modal::MODAL_LOCATION`].
pub(crate) const MODAL: &str = "modal";

type Checked = (Wire, String, Delivered, Option<Ident>);

/// Checks what the handler handles (against the catalog, where it has it) and says what is
/// delivered to it, under which name.
fn subscription(
    kind: &Kind,
    location: Option<&str>,
    modal: bool,
    errors: &mut Errors,
) -> Option<Checked> {
    match kind {
        Kind::Event {
            event: lit,
            unchecked,
        } => {
            let name = lit.value();
            if modal && !(name == ON_LOAD || *unchecked) {
                errors.push(syn::Error::new(
                    lit.span(),
                    "a modal receives no Desk events\n\
                     its input reaches its `#[on_open]` handler, messages its `#[on_message]` \
                     handlers, and `extension.onload` its mount handler",
                ));
                return None;
            }
            let delivered = event(lit, *unchecked, &name, location, errors)?;
            Some((Wire::Name(lit.clone()), name, delivered, None))
        }
        Kind::Hook {
            hook: lit,
            unchecked,
            otherwise,
        } => {
            let name = lit.value();
            if modal {
                errors.push(syn::Error::new(
                    lit.span(),
                    "a modal cannot subscribe to hooks",
                ));
                return None;
            }
            let delivered = hook(lit, *unchecked, &name, location, errors);
            let Some(otherwise) = otherwise else {
                errors.push(syn::Error::new(
                    lit.span(),
                    format!(
                        "say what the host answers Desk if this handler fails or has not \
                         answered in time: `#[hook(\"{name}\", otherwise = deny)]` or \
                         `otherwise = allow`\nDesk goes ahead without an answer after 30 seconds"
                    ),
                ));
                return None;
            };
            let otherwise = Ident::new(
                if otherwise == "deny" { "Deny" } else { "Allow" },
                otherwise.span(),
            );
            Some((Wire::Name(lit.clone()), name, delivered?, Some(otherwise)))
        }
        Kind::Message(_) => Some((
            Wire::Message(Box::new(syn::parse_quote!(()))),
            String::new(),
            Delivered::Serde,
            None,
        )),
        Kind::Open(span) => {
            if !modal {
                errors.push(syn::Error::new(
                    *span,
                    "`#[on_open]` receives a modal's input: declare the widget with \
                     `#[desk_widget(modal)]`",
                ));
                return None;
            }
            Some((
                Wire::Open,
                "the modal's input".to_owned(),
                Delivered::Serde,
                None,
            ))
        }
        Kind::Click(lit) => {
            let name = lit.value();
            let valid = !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            if !valid {
                errors.push(syn::Error::new(
                    lit.span(),
                    "a button's name is letters, digits, `-` and `_`, as in \
                     `<button data-click=\"log-call\">`",
                ));
                return None;
            }
            Some((
                Wire::Click(lit.clone()),
                format!("click:{name}"),
                Delivered::Json,
                None,
            ))
        }
    }
}

/// Whether `subscription` handles what `wire` and `name` say: the same literal name (an event,
/// a hook, a click), the same message type as written, or the modal's input. A message's wire
/// name is out of the macro's sight: `names` has the compiler compare it.
fn same_handled(subscription: &Subscription, wire: &Wire, name: &str) -> bool {
    let comparable = match (&subscription.wire, wire) {
        (Wire::Message(_), Wire::Message(_)) | (Wire::Open, Wire::Open) => true,
        (Wire::Message(_) | Wire::Open, _) | (_, Wire::Message(_) | Wire::Open) => false,
        _ => true,
    };
    comparable && subscription.name == name
}

fn wire_span(wire: &Wire, kind: &Kind) -> Span {
    match (wire, kind) {
        (Wire::Name(lit) | Wire::Click(lit), _) => lit.span(),
        (Wire::Message(ty), _) => ty.span(),
        (_, Kind::Message(span) | Kind::Open(span)) => *span,
        _ => Span::call_site(),
    }
}

/// The rules of each kind of handler on its signature.
fn kind_shape(kind: &Kind, shape: &Shape<'_>, sig: &Signature) -> Option<syn::Error> {
    match kind {
        Kind::Hook { .. } if shape.output.is_none() => Some(syn::Error::new_spanned(
            &sig.ident,
            "a hook's handler answers Desk: return a `Verdict` (`Verdict::Allow` or \
             `Verdict::deny(\"why\")`)",
        )),
        Kind::Message(span) if shape.payload.is_none() => Some(syn::Error::new(
            *span,
            "an `#[on_message]` handler takes the message as its parameter: \
             `fn found(&mut self, caller: CallerFound)`",
        )),
        Kind::Click(lit) if shape.payload.is_some() => Some(syn::Error::new(
            lit.span(),
            "a click delivers nothing: the handler takes `&mut self` and optionally `desk`",
        )),
        _ => None,
    }
}

/// Checks the event name (and its availability at `location`, when that is known) and says
/// what it delivers.
fn event(
    lit: &LitStr,
    unchecked: bool,
    name: &str,
    location: Option<&str>,
    errors: &mut Errors,
) -> Option<Delivered> {
    let span = lit.span();
    // The mount handler: the SDK's own name for the moment the widget is loaded, at every
    // location, with the `App`.
    if name == ON_LOAD && !unchecked {
        return Some(Delivered::App);
    }
    if unchecked {
        return match self::unchecked(name) {
            Ok(()) => Some(Delivered::Json),
            Err(message) => {
                errors.push(syn::Error::new(span, message));
                None
            }
        };
    }
    if desk_catalog::is_hook(name) {
        errors.push(syn::Error::new(
            span,
            format!("`{name}` is a hook: its handler answers Desk, `#[hook(\"{name}\", otherwise = deny)]`"),
        ));
        return None;
    }
    match desk_catalog::event(name) {
        Err(
            error @ EventError::Unknown {
                suggestion: None, ..
            },
        ) => {
            let related = desk_catalog::related(name, EVENTS.iter().map(|e| e.name));
            let message = match related.as_slice() {
                [] => error.to_string(),
                names => format!(
                    "{error}; the catalog's events with the same words: `{}`",
                    names.join("`, `")
                ),
            };
            errors.push(syn::Error::new(span, message));
            None
        }
        Err(error) => {
            errors.push(syn::Error::new(span, error));
            None
        }
        Ok(event) if location.is_some_and(|l| !desk_catalog::is_available(&event, l)) => {
            let location = location.unwrap_or_default();
            errors.push(syn::Error::new(
                span,
                explain::not_available(&event, name, location),
            ));
            None
        }
        Ok(event) => Some(Delivered::Typed(event.payload())),
    }
}

/// Checks a hook's name against the hook catalog (and its availability at `location`), or, with
/// `unchecked`, that the catalog knows nothing of it.
fn hook(
    lit: &LitStr,
    unchecked: bool,
    name: &str,
    location: Option<&str>,
    errors: &mut Errors,
) -> Option<Delivered> {
    let span = lit.span();
    let known = desk_catalog::hook(name);
    if unchecked {
        let refusal = match &known {
            Ok(_) => Some(format!(
                "`{name}` is in the hook catalog: remove `unchecked` so that it is checked and typed"
            )),
            Err(_) if name == ON_LOAD || desk_catalog::event(name).is_ok() => Some(format!(
                "`{name}` is an event, not a hook: `#[on(\"{name}\")]`"
            )),
            Err(_) if names::is_hosts(name) => {
                Some(format!("`{name}` is not a Desk hook: {}", names::HOSTS))
            }
            Err(unknown) => unknown.suggestion.map(|meant| {
                format!(
                    "`{name}` looks like a misspelling of `{meant}`; `unchecked` is only for \
                     hooks the catalog does not have"
                )
            }),
        };
        if name.is_empty() || refusal.is_some() {
            let message = refusal.unwrap_or_else(|| "the hook's name is empty".to_owned());
            errors.push(syn::Error::new(span, message));
            return None;
        }
        return Some(Delivered::Json);
    }
    match known {
        Err(unknown) => {
            let message = if desk_catalog::event(name).is_ok() {
                format!("`{name}` is an event, not a hook: `#[on(\"{name}\")]`")
            } else {
                unknown.to_string()
            };
            errors.push(syn::Error::new(span, message));
            None
        }
        Ok(hook) if location.is_some_and(|l| !hook.is_available(l)) => {
            errors.push(syn::Error::new(
                span,
                format!(
                    "the hook `{name}` cannot be subscribed at `{}`\n\
                     it is subscribed at: {}",
                    location.unwrap_or_default(),
                    hook.available.join(", ")
                ),
            ));
            None
        }
        Ok(hook) if hook.payload == "Value" => Some(Delivered::Json),
        Ok(hook) => Some(Delivered::Hook(hook.payload)),
    }
}

/// The escape hatch takes only names the catalog does not have and that are not near-misses of
/// one it has: a typo never reaches it.
///
/// Decision: `unchecked` takes a name only when the catalog knows nothing of it, i.e. a plain
/// [`EventError::Unknown`] without a suggestion. Everything else the catalog says about a name
/// is refused: a misspelt named event (`call.ringin`), a misspelt form-field event, whether of
/// the pattern with a misspelt form (`tiketForm_email.changed`) or one typo away from the
/// pattern itself (`ticketFrom_email.changed`, `ticketForm_email.chnaged`; the catalog's rule,
/// `form_field::near_miss`), each with the event meant; and a name of the form-field pattern
/// that is malformed (`ticketForm_.changed`, `ticketForm_e-mail.changed`) or names a form the
/// catalog does not have (`leadForm_email.changed`), with the catalog's reason: form-field
/// events are the catalog's, and a new form would be a catalog change, not an escape.
fn unchecked(name: &str) -> Result<(), String> {
    if name.is_empty() {
        return Err("the event's name is empty".to_owned());
    }
    if names::is_hosts(name) {
        return Err(format!("`{name}` is not a Desk event: {}", names::HOSTS));
    }
    if name == ON_LOAD {
        return Err(format!(
            "`{ON_LOAD}` is the mount handler's, which the host knows: remove `unchecked`"
        ));
    }
    if desk_catalog::is_hook(name) {
        return Err(format!(
            "`{name}` is a hook: its handler answers Desk, `#[hook(\"{name}\", otherwise = deny)]`"
        ));
    }
    match desk_catalog::event(name) {
        Ok(_) => Err(format!(
            "`{name}` is in the catalog: remove `unchecked` so that it is checked and typed"
        )),
        Err(EventError::Unknown {
            suggestion: None, ..
        }) => Ok(()),
        Err(error) => match error.suggestion() {
            Some(known) => Err(format!(
                "`{name}` looks like a misspelling of `{known}`; `unchecked` is only for events \
                 the catalog does not have"
            )),
            None => Err(format!(
                "{error}; `unchecked` is only for events the catalog does not have, and \
                 `<module>Form_<fieldName>.changed` is its form-field pattern"
            )),
        },
    }
}

/// A handler's signature as dispatch needs it.
struct Shape<'a> {
    payload: Option<&'a Type>,
    desk: Option<DeskParam>,
    is_async: bool,
    /// The span of the return type, when it is not `()`.
    output: Option<Span>,
}

/// Checks the handler's signature: `[async] fn name(&self | &mut self[, payload][, desk])`,
/// the payload and `desk: &Desk<Self>` in either order.
fn shape<'a>(sig: &'a Signature, widget: &Type, errors: &mut Errors) -> Option<Shape<'a>> {
    let mut ok = true;
    let mut fail = |error: syn::Error| {
        errors.push(error);
        ok = false;
    };
    if let syn::Safety::Unsafe(unsafety) = sig.safety {
        fail(syn::Error::new(
            unsafety.span,
            "a handler cannot be `unsafe`",
        ));
    }
    if !sig.generics.params.is_empty() || sig.generics.where_clause.is_some() {
        fail(syn::Error::new_spanned(
            &sig.generics,
            "a handler cannot be generic: its parameter is the event's payload type",
        ));
    }
    let mut inputs = sig.inputs.iter();
    match inputs.next() {
        Some(FnArg::Receiver(receiver)) if is_reference_to_self(&receiver.kind) => {}
        Some(FnArg::Receiver(receiver)) => fail(syn::Error::new_spanned(
            receiver,
            "a handler takes `&self` or `&mut self`: the widget outlives every event",
        )),
        _ => fail(syn::Error::new_spanned(
            &sig.ident,
            "a handler is a method: its first parameter is `&self` or `&mut self`",
        )),
    }
    let mut payload = None;
    let mut desk = None;
    for (position, input) in inputs.enumerate() {
        let FnArg::Typed(param) = input else { continue };
        if is_desk(&param.ty) && desk.is_none() {
            if let Some(error) = desk_mistake(&param.ty, widget) {
                fail(error);
            }
            desk = Some(DeskParam {
                first: position == 0,
            });
        } else if let Type::ImplTrait(generic) = &*param.ty {
            fail(syn::Error::new_spanned(
                generic,
                "a handler cannot be generic: take the event's payload type",
            ));
        } else if payload.is_none() && !is_desk(&param.ty) {
            payload = Some(&*param.ty);
        } else {
            fail(syn::Error::new_spanned(
                input,
                "a handler takes at most the event's payload and `desk: &Desk<Self>` after `self`",
            ));
        }
    }
    let output = match &sig.output {
        ReturnType::Type(_, ty) if !matches!(&**ty, Type::Tuple(unit) if unit.elems.is_empty()) => {
            Some(ty.span())
        }
        _ => None,
    };
    ok.then_some(Shape {
        payload,
        desk,
        is_async: sig.asyncness.is_some(),
        output,
    })
}

/// The error of a second handler of what `first` handles.
fn handled_twice(
    first: &Subscription,
    method: &Ident,
    wire: &Wire,
    kind: &Kind,
    name: &str,
) -> syn::Error {
    let what = match kind {
        Kind::Message(_) => "message",
        Kind::Click(_) => "click",
        Kind::Open(_) => "input",
        Kind::Hook { .. } | Kind::Event { .. } => "name",
    };
    syn::Error::new(
        wire_span(wire, kind),
        format!(
            "`{name}` is handled by both `{}` and `{method}`: a widget handles each {what} once, \
             in one handler",
            first.method
        ),
    )
}

/// A handler's `#[cfg]`, refused: the handler would be compiled out and its subscription not.
fn compiled_out(attrs: &[syn::Attribute]) -> Option<syn::Error> {
    let cfg = attrs.iter().find(|attr| attr.path().is_ident("cfg"))?;
    Some(syn::Error::new_spanned(
        cfg,
        "a handler cannot be compiled out by `#[cfg]`: its subscription would stay; put the \
         `#[cfg]` on the impl block, or inside the handler",
    ))
}

/// `&self`, `&mut self`, or the same written out: `self: &Self`, `self: &mut Self`.
fn is_reference_to_self(kind: &ReceiverKind) -> bool {
    match kind {
        ReceiverKind::Reference(..) => true,
        ReceiverKind::Typed(_, ty) => matches!(&**ty, Type::Reference(reference)
            if matches!(&*reference.elem, Type::Path(path) if path.qself.is_none() && path.path.is_ident("Self"))),
        _ => false,
    }
}

/// The mistake in a `desk` parameter, if any: it is `&Desk<Self>` (or `&Desk<TheWidget>`),
/// shared, since every pending call of the handler holds it.
fn desk_mistake(ty: &Type, widget: &Type) -> Option<syn::Error> {
    const DESK: &str = "take `desk: &Desk<Self>`";
    let Type::Reference(reference) = ty else {
        return None;
    };
    if let Some(mutability) = reference.mutability {
        return Some(syn::Error::new_spanned(
            mutability,
            format!("the host's handle is shared, not `mut`: {DESK}"),
        ));
    }
    let Type::Path(path) = &*reference.elem else {
        return None;
    };
    let last = path.path.segments.last()?;
    let syn::PathArguments::AngleBracketed(arguments) = &last.arguments else {
        return None;
    };
    let widget_name = match widget {
        Type::Path(widget) => widget.path.segments.last().map(|segment| &segment.ident),
        _ => None,
    };
    match arguments.args.iter().collect::<Vec<_>>().as_slice() {
        [syn::GenericArgument::Type(Type::Path(named))]
            if named.qself.is_none()
                && named.path.segments.last().is_some_and(|segment| {
                    segment.ident == "Self" || Some(&segment.ident) == widget_name
                }) =>
        {
            None
        }
        _ => Some(syn::Error::new_spanned(
            &arguments.args,
            format!("the host's handle is this widget's: {DESK}"),
        )),
    }
}

/// Whether a parameter's type is a reference to `Desk<...>` (the host's handle), by its last
/// path segment, as `desk_runtime::Desk` may be imported under any path.
fn is_desk(ty: &Type) -> bool {
    let Type::Reference(reference) = ty else {
        return false;
    };
    matches!(&*reference.elem, Type::Path(path)
        if path.path.segments.last().is_some_and(|segment| segment.ident == "Desk"))
}

/// Checks a payload parameter's type where it can be read from the tokens: naming another
/// event's payload (the common mistake) or taking it by reference. Other types, aliases
/// included, are checked by the compiler through `PayloadOf` in the generated code.
fn payload_param(event: &str, declared: &Type, delivered: Delivered) -> syn::Result<PayloadParam> {
    let expected = delivered.name();
    if let Type::Reference(reference) = declared {
        return Err(syn::Error::new_spanned(
            reference,
            format!(
                "`{event}` delivers `{expected}` by value: take `{expected}`, not a reference \
                 (the one reference a handler takes is `desk: &Desk<Self>`, named `Desk`)"
            ),
        ));
    }
    if let Type::Path(path) = declared
        && let Some(last) = path.path.segments.last()
        && last.ident != short_name(expected)
        && is_payload_type(&last.ident)
    {
        return Err(syn::Error::new_spanned(
            declared,
            format!("`{event}` delivers `{expected}`, not `{}`", last.ident),
        ));
    }
    Ok(PayloadParam {
        declared: Box::new(declared.clone()),
        delivered,
    })
}

fn short_name(path: &str) -> &str {
    path.rsplit("::").next().unwrap_or(path)
}

/// Whether `ident` names a payload type of the runtime, or the JSON `Value`.
fn is_payload_type(ident: &Ident) -> bool {
    EVENTS
        .iter()
        .map(|e| e.payload)
        .chain([FORM_FIELD_CHANGED.payload, "Value", "App"])
        .any(|name| ident == name)
}
