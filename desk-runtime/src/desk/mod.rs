//! The host's handle, for handlers that talk back to Desk: `desk: &Desk<Self>`.
//!
//! A handler takes it as a parameter, `async` or not, and awaits its calls: reading and writing
//! Desk's data ([`Desk::get`], [`Desk::set`]), actions ([`Desk::invoke`],
//! [`Desk::route_to`]), calls to other services ([`Desk::request`]), the extension's storage
//! ([`Desk::storage`]), notifications and popups. It is the same type on the simulated Desk
//! and in the browser, and every answer is unwrapped and checked here, once, for both: a widget
//! is tested as it ships.
//!
//! Calls the platform ties to some locations are bounded on the widget's location type, so that
//! a call from anywhere else does not compile, with the error at the call, naming the call and
//! the location:
//!
//! ```compile_fail,E0277
//! use desk_runtime::prelude::*;
//! use desk_runtime::desk::property::TicketEmail;
//!
//! #[derive(Default)]
//! struct ContactPanel;
//!
//! #[desk_widget(location = "desk.contact.detail.rightpanel")]
//! impl ContactPanel {
//!     #[on("call.ringing")]
//!     async fn ringing(&mut self, desk: &Desk<Self>) {
//!         // error[E0277]: `TicketEmail` cannot be read at `desk_contact_detail_rightpanel`
//!         let _ = desk.get::<TicketEmail>().await;
//!     }
//! }
//! ```

mod answer;
mod call;
mod config;
pub mod property;
mod request;
mod storage;
mod ui;
mod widgets;

pub use crate::app::{App, Appearance, Meta, UserPreferences};
pub use crate::errors::{HostError, Limit};
pub use crate::link::Desk;
pub use call::Call;
pub use request::{Method, Request, RequestError, Response};
pub use storage::{Entry, Query, Storage};
pub use ui::{Action, Icon, Notification, Popup, Route};

use crate::app::NO_APP;
use crate::bounded;
use crate::errors::{DispatchError, NotAllowed};
use crate::extension::{Member, StorageEnabled};
use crate::json::write::{Object, array, string};
use crate::link::{Json, Link, Outbound};
use crate::location::{RouteTo, TicketData};
use crate::message::Chain;
use crate::widget::Widget;
use property::{Property, Update};
use serde::Serialize;
use std::marker::PhantomData;
use std::rc::Rc;

impl<W: Widget> Desk<W> {
    /// A handle on its host core's `link`; for a widget that never talks back, none: its
    /// module then links none of the calls (see `Widget::TALKS_BACK`), and its handle's `app()`
    /// is empty.
    pub(crate) fn connected(link: &Rc<Link>) -> Self {
        Desk {
            link: W::TALKS_BACK.then(|| Rc::clone(link)),
            widget: PhantomData,
        }
    }

    /// A message's JSON in the envelope that carries its chain: the one of the event being
    /// handled, one deeper.
    pub(crate) fn envelope(&self, message: &str) -> String {
        match &self.link {
            Some(link) => link.envelope(message),
            None => message.to_owned(),
        }
    }

    /// Admits the event of `chain` that the widget is about to handle, or refuses it: past
    /// [`MESSAGE_CHAIN_LIMIT`](crate::MESSAGE_CHAIN_LIMIT) deep, or past
    /// [`MESSAGE_CHAIN_WIDTH`](crate::MESSAGE_CHAIN_WIDTH) messages of its chain handled by this
    /// widget. (A widget without a host sends nothing on, and is checked for depth alone.)
    pub(crate) fn admit(&self, chain: &mut Chain, event: &str) -> Result<(), DispatchError> {
        match &self.link {
            Some(link) => link.admit(chain, event),
            None => chain.check(event),
        }
    }

    /// Notes the chain of messages of the event the widget is about to handle.
    pub(crate) fn enter(&self, chain: Chain) {
        if let Some(link) = &self.link {
            link.enter(chain);
        }
    }

    /// The link to the host core, for a call.
    fn link(&self) -> Result<&Rc<Link>, HostError> {
        self.link.as_ref().ok_or_else(|| {
            HostError::Sdk("this widget's handlers take no `desk`: it has no host".to_owned())
        })
    }

    /// A handle connected to no Desk: its calls fail. For calling [`Widget::dispatch`]
    /// directly, as benchmarks do; widgets get theirs from their host.
    pub fn detached() -> Self {
        Desk {
            link: None,
            widget: PhantomData,
        }
    }

    /// The `App` that `ZOHODESK.extension.onload()` resolved to: the widget's location, the
    /// agent's locale, the extension's translations, the data centre and preferences.
    pub fn app(&self) -> &App {
        self.link.as_ref().map_or(&NO_APP, |link| {
            // Decoded here, on the first call, rather than when the widget loads: a widget that
            // never asks does not link the `App`'s decoder (BENCHMARKS.md section 5.6). Written
            // out rather than as a method of `LoadedApp`, which the call bar's module paid
            // 390 bytes for (not inlined alike).
            let loaded = link.app();
            loaded
                .typed
                .get_or_init(|| App::read(&loaded.json).unwrap_or_default())
        })
    }

    /// `ZOHODESK.<function>(...arguments)`, the arguments a JSON array's text: Desk's answer,
    /// or its refusal.
    async fn call_json(&self, function: &'static str, arguments: Json) -> Result<Json, HostError> {
        let link = self.link()?;
        let call = link.call(Outbound::Sdk {
            function,
            arguments: arguments.clone(),
        });
        let answer = call.await?;
        // Decision: `"success"`, and an answer without a status (the sources show one on every
        // answer, but do not say that UI actions always have one), are success; any other
        // status is Desk's refusal, reported with the whole answer and the call (described
        // only then).
        if answer::refused(&answer) {
            let call = format!("{function}({})", describe(&arguments));
            return Err(HostError::Failed { call, answer });
        }
        Ok(answer)
    }

    /// The time, in milliseconds since the Unix epoch: the browser's clock, or the simulated
    /// Desk's, which only the test moves (`SimulatedDesk::advance_clock`). `0.0` on a detached
    /// handle.
    pub fn now_ms(&self) -> f64 {
        self.link.as_ref().map_or(0.0, |link| link.now_ms())
    }

    /// Reads a property: `desk.get::<TicketEmail>().await`. The SDK answers
    /// `{"ticket.email": ..., "status": "success"}`; this returns the value, typed.
    ///
    /// # Errors
    ///
    /// [`HostError`]: the SDK failed or refused, or the answer has no value of the property's
    /// type under its name.
    pub fn get<P: Property<W::Location>>(&self) -> Call<'_, P::Value> {
        Call::new(async move {
            let answer = self.call_json("get", array(&[&string(P::NAME)])).await?;
            match answer::field::<P::Value>(&answer, P::NAME) {
                Ok(Some(value)) => Ok(value),
                Ok(None) => Err(HostError::Response(bounded::string(format_args!(
                    "no `{}` in {answer}",
                    P::NAME
                )))),
                Err(error) => Err(HostError::Response(format!("`{}`: {error}", P::NAME))),
            }
        })
    }

    /// Writes a value: `desk.set(TicketComment::new("Called back")).await`.
    ///
    /// # Errors
    ///
    /// [`HostError`]: the SDK failed or refused.
    pub fn set<U: Update<W::Location>>(&self, update: U) -> Call<'_, ()> {
        let arguments = array(&[&string(U::NAME), &update.json()]);
        Call::new(async move { self.call_json("set", arguments).await.map(drop) })
    }

    /// Acts on the widget's frame: `SHOW`, `HIDE`, `MINIMIZE`, `MAXIMIZE`, `RESIZE`.
    ///
    /// # Errors
    ///
    /// [`HostError`]: the SDK failed or refused.
    pub async fn invoke(&self, action: Action) -> Result<(), HostError> {
        self.call_json("invoke", action.into_arguments())
            .await
            .map(drop)
    }

    /// `ROUTE_TO`: opens a Desk page. It works at `desk.topband`, `desk.ticket.detail.subtab`,
    /// `desk.ticket.detail.lefttab`, `desk.bottomband` and `desk.extension.telephony` only:
    /// from a widget elsewhere the call does not compile.
    ///
    /// # Errors
    ///
    /// [`HostError`]: the SDK failed or refused.
    pub fn route_to(&self, route: Route) -> Call<'_, ()>
    where
        W::Location: RouteTo,
    {
        let arguments = array(&[&string("ROUTE_TO"), &route.into_json()]);
        Call::new(async move { self.call_json("invoke", arguments).await.map(drop) })
    }

    /// Inserts HTML into the ticket's reply editor, replacing its content (`INSERT` with
    /// target `ticket.replyEditor`, the form of the platform's sample; the toolkit's template
    /// shows another, `Insert` with `{content}`). Where a ticket's data is available only.
    ///
    /// # Errors
    ///
    /// [`HostError`]: the SDK failed or refused.
    pub fn insert_into_reply_editor(&self, html: &str) -> Call<'_, ()>
    where
        W::Location: TicketData,
    {
        let value = Object::new()
            .string("type", "replace")
            .string("value", html)
            .finish();
        let arguments = array(&[&string("INSERT"), &string("ticket.replyEditor"), &value]);
        Call::new(async move { self.call_json("invoke", arguments).await.map(drop) })
    }

    /// Calls another service through the platform's proxy (`ZOHODESK.request`). The URL's
    /// origin must be one of the extension's `whitelisted_domains`, and the URL one that every
    /// URL parser reads the same origin from (checked before any call, see
    /// [`Extension::check_request`](crate::Extension::check_request)).
    ///
    /// # Errors
    ///
    /// [`RequestError`]: refused, the SDK failed, the service answered with an error, or the
    /// answer is not the platform's doubly encoded JSON.
    pub fn request(&self, request: Request) -> Call<'_, Response, RequestError>
    where
        W: Member,
    {
        Call::new(async move {
            if let Some(text) = request.plain_placeholder() {
                return Err(RequestError::NotAllowed(NotAllowed::plain_placeholder(
                    text,
                )));
            }
            W::EXTENSION
                .check_request(request.url())
                .map_err(RequestError::NotAllowed)?;
            let options = request.into_options()?;
            let answer = self.call_json("request", array(&[&options])).await?;
            Response::from_answer(&answer)
        })
    }

    /// The extension's storage (`database`): only for widgets of an extension declared with
    /// `storage: true`.
    pub fn storage(&self) -> Storage<'_, W>
    where
        W: StorageEnabled,
    {
        Storage::new(self)
    }

    /// Shows a notification (`ZOHODESK.notify`).
    ///
    /// # Errors
    ///
    /// [`HostError::Limit`] for a title over 255 characters, before any call; otherwise the
    /// SDK's failure.
    pub async fn notify(&self, notification: Notification) -> Result<(), HostError> {
        let value = notification.json()?;
        self.call_json("notify", array(&[&value])).await.map(drop)
    }

    /// Asks the agent (`ZOHODESK.showpopup` of type `confirmation`): `true` when they confirm.
    ///
    /// # Errors
    ///
    /// [`HostError`]: the SDK failed, or answered neither `{"result": bool}` nor a `bool`.
    pub async fn confirm(&self, popup: Popup) -> Result<bool, HostError> {
        let answer = self.call_json("showpopup", array(&[&popup.json()])).await?;
        match answer::field::<bool>(&answer, "result") {
            Ok(Some(confirmed)) => Ok(confirmed),
            Ok(None) => answer::decode::<bool>(&answer).map_err(|_| {
                HostError::Response(bounded::string(format_args!(
                    "a confirmation answers a bool, not {answer}"
                )))
            }),
            Err(error) => Err(HostError::Response(format!(
                "a confirmation answers a bool: `result`: {error}"
            ))),
        }
    }
}

/// `value` as JSON text: what messages and a modal's values travel as. Its failure is worded
/// here rather than by `serde_json`'s error, whose `Display` is 1 KB of every module that sends:
/// a type that derives `Serialize` fails only as below.
pub(crate) fn encode<T: Serialize + ?Sized>(value: &T) -> Result<Json, HostError> {
    serde_json::to_string(value).map_err(|_| {
        HostError::Response(
            "the value cannot be written as JSON: a map whose keys are not strings, or a \
             `Serialize` that failed"
                .to_owned(),
        )
    })
}

/// The arguments of a call (a JSON array's text), for its error messages: cut at 100 bytes.
fn describe(arguments: &str) -> String {
    let text = arguments
        .strip_prefix('[')
        .and_then(|text| text.strip_suffix(']'))
        .unwrap_or(arguments);
    match text.char_indices().nth(100) {
        // `get`, not indexing: a slicing panic's message links `char`'s `Debug` (3 KB).
        Some((end, _)) => format!("{}...", text.get(..end).unwrap_or_default()),
        None => text.to_owned(),
    }
}

impl From<NotAllowed> for HostError {
    fn from(refused: NotAllowed) -> Self {
        HostError::NotAllowed(refused)
    }
}
