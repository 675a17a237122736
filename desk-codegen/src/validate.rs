//! Step two: check the parsed widget against the catalog and the handler rules, keeping what is
//! valid. Every check reports at the token it is about; a handler with an error is left out of
//! the model so that it causes no second error in the generated code.

use crate::errors::Errors;
use crate::parse::{Args, Handler, WidgetImpl};
use desk_catalog::{EVENTS, EventError, FORM_FIELD_CHANGED, explain};
use proc_macro2::Span;
use syn::spanned::Spanned;
use syn::{FnArg, Ident, ImplItem, LitStr, ReceiverKind, ReturnType, Signature, Type};

/// A widget as the expansion needs it.
pub(crate) struct Widget {
    /// The declared location (as written, even if unknown, so that the widget still compiles
    /// around the error).
    pub location: String,
    pub subscriptions: Vec<Subscription>,
}

/// A valid handler.
pub(crate) struct Subscription {
    /// Where the method is in the impl block.
    pub index: usize,
    pub method: Ident,
    /// The event's name literal, for the generated code and its spans.
    pub event: LitStr,
    /// Its value, read once: `LitStr::value` parses the literal on every call.
    pub name: String,
    pub payload: Option<PayloadParam>,
    /// Whether it takes the host's handle, `desk: &Desk<Self>`.
    pub desk: Option<DeskParam>,
    /// `async fn`: dispatch awaits it.
    pub is_async: bool,
    /// The span of the handler's return type, when it is not `()`.
    pub output: Option<Span>,
    /// The event that replaces this deprecated one.
    pub replaced_by: Option<&'static str>,
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

/// What an event delivers.
#[derive(Clone, Copy)]
pub(crate) enum Delivered {
    /// A type of `desk_runtime::events`, by name.
    Typed(&'static str),
    /// `desk_runtime::json::Value`, for `unchecked` events.
    Json,
    /// `desk_runtime::App`, for the mount handler.
    App,
}

/// The mount handler's name: `#[on("extension.onload")]`.
pub(crate) const ON_LOAD: &str = "extension.onload";

impl Delivered {
    fn name(self) -> &'static str {
        match self {
            Delivered::Typed(name) => name,
            Delivered::Json => "desk_runtime::json::Value",
            Delivered::App => "App",
        }
    }
}

pub(crate) fn widget(args: &Args, widget: &WidgetImpl, errors: &mut Errors) -> Widget {
    let location =
        args.location
            .as_ref()
            .and_then(|lit| match desk_catalog::location(&lit.value()) {
                Ok(location) => Some(location.name().to_owned()),
                Err(unknown) => {
                    errors.push(syn::Error::new(lit.span(), unknown));
                    None
                }
            });
    let mut subscriptions: Vec<Subscription> = Vec::new();
    for handler in &widget.handlers {
        let Some(ImplItem::Fn(method)) = widget.item.items.get(handler.index) else {
            continue;
        };
        let name = handler.event.value();
        let event = event(handler, &name, location.as_deref(), errors);
        let (Some(delivered), Some(shape)) = (event, shape(&method.sig, errors)) else {
            continue;
        };
        if let Some(first) = subscriptions.iter().find(|s| s.name == name) {
            errors.push(syn::Error::new(
                handler.event.span(),
                format!(
                    "`{name}` is already handled by `{}`: a widget handles each event once",
                    first.method
                ),
            ));
            continue;
        }
        let payload = match shape
            .payload
            .map(|declared| payload_param(&name, declared, delivered))
        {
            Some(Err(error)) => {
                errors.push(error);
                continue;
            }
            Some(Ok(param)) => Some(param),
            None => None,
        };
        subscriptions.push(Subscription {
            index: handler.index,
            method: method.sig.ident.clone(),
            event: handler.event.clone(),
            payload,
            desk: shape.desk,
            is_async: shape.is_async,
            output: shape.output,
            replaced_by: desk_catalog::event(&name)
                .ok()
                .and_then(|e| e.replaced_by()),
            name,
        });
    }
    let location = location
        .or_else(|| args.location.as_ref().map(LitStr::value))
        .unwrap_or_default();
    Widget {
        location,
        subscriptions,
    }
}

/// Checks the event name (and its availability at `location`, when that is known) and says
/// what it delivers.
fn event(
    handler: &Handler,
    name: &str,
    location: Option<&str>,
    errors: &mut Errors,
) -> Option<Delivered> {
    let span = handler.event.span();
    // The mount handler: the SDK's own name for the moment the widget is loaded, at every
    // location, with the `App`.
    if name == ON_LOAD && !handler.unchecked {
        return Some(Delivered::App);
    }
    if handler.unchecked {
        return match unchecked(name) {
            Ok(()) => Some(Delivered::Json),
            Err(message) => {
                errors.push(syn::Error::new(span, message));
                None
            }
        };
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
fn shape<'a>(sig: &'a Signature, errors: &mut Errors) -> Option<Shape<'a>> {
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
        Some(FnArg::Receiver(receiver)) if matches!(receiver.kind, ReceiverKind::Reference(..)) => {
        }
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
            desk = Some(DeskParam {
                first: position == 0,
            });
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
            format!("`{event}` delivers `{expected}` by value: take `{expected}`, not a reference"),
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
