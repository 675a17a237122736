//! The calls between the widgets of an extension: messages, and modals opened and closed.

use super::{Call, Desk, answer, encode};
use crate::bounded;
use crate::errors::HostError;
use crate::extension::Member;
use crate::json::Raw;
use crate::json::members::{members, present};
use crate::link::Outbound;
use crate::message::{Message, SendTo};
use crate::modal::{MODAL_RESULT, Modal};
use crate::widget::Widget;

impl<W: Widget> Desk<W> {
    /// Sends `message` to the widget of type `T` of this extension:
    /// `desk.send::<TicketPanel>(CallerFound { .. }).await`. It compiles only if `T` handles the
    /// message (an `#[on_message]` handler taking it). The widget is found with `getWidgets()`
    /// by its location and name, and the message emitted on its instance.
    ///
    /// # Errors
    ///
    /// [`HostError::NoWidget`] when the extension has no such widget open; otherwise the SDK's
    /// failure.
    // By value, as what is sent is given away; encoded at once, so that the call borrows
    // nothing of it.
    #[allow(clippy::needless_pass_by_value)]
    pub fn send<T>(&self, message: impl SendTo<T>) -> Call<'_, ()>
    where
        W: Member,
        T: Widget + Member,
    {
        let (name, data) = (message_name(&message), encode(&message));
        Call::new(async move {
            let link = self.link()?;
            let widgets = link.call(Outbound::Widgets).await?;
            let id = widget_id(&widgets, T::LOCATION, T::NAME).ok_or(HostError::NoWidget {
                name: T::NAME,
                location: T::LOCATION,
            })?;
            // The message in its envelope, which carries its chain (`host::MESSAGE_CHAIN_LIMIT`).
            let data = self.envelope(&data?);
            let to = Some(id);
            link.call(Outbound::Emit { to, name, data }).await.map(drop)
        })
    }

    /// Opens the modal `M` of this extension with its input, and waits until it closes:
    /// `Some(result)` when it closed itself with [`Desk::close_modal`], `None` when the agent
    /// dismissed it. `let confirmed = desk.open_modal::<ConfirmLog>(call).await?;`
    ///
    /// # Errors
    ///
    /// [`HostError`]: the extension does not list `M` under `modals` (a bug the packager also
    /// refuses), the SDK failed, or the result is not `M::Output`.
    // By value, as what is sent is given away; encoded at once, so that the call borrows
    // nothing of it.
    #[allow(clippy::needless_pass_by_value)]
    pub fn open_modal<M>(&self, input: M::Input) -> Call<'_, Option<M::Output>>
    where
        W: Member,
        M: Modal + Member,
    {
        let input = encode(&input);
        Call::new(async move {
            let link = self.link()?;
            let entry = M::EXTENSION.modal(M::NAME).ok_or(HostError::NoWidget {
                name: M::NAME,
                location: crate::modal::MODAL_LOCATION,
            })?;
            let url = format!("/app/{}.html", entry.page);
            // The input in the envelope that carries the opener's chain, as a message's.
            let input = self.envelope(&input?);
            let title = entry.name;
            let result = link.call(Outbound::OpenModal { url, title, input }).await?;
            // A result travels as `{"value": ...}`, so that `()` or `None` is not taken for a
            // dismissal (`null`).
            if result == "null" {
                return Ok(None);
            }
            match answer::field(&result, "value") {
                Ok(Some(value)) => Ok(Some(value)),
                Ok(None) => Err(HostError::Response(bounded::string(format_args!(
                    "the modal's result is not `{{\"value\": ...}}`: {result}"
                )))),
                Err(error) => Err(HostError::Response(format!("the modal's result: {error}"))),
            }
        })
    }

    /// Closes this modal with its result, which its opener's [`Desk::open_modal`] returns
    /// (`MODAL_CLOSE`). Only a modal can: from any other widget the call does not compile.
    ///
    /// # Errors
    ///
    /// [`HostError`]: the SDK failed.
    // By value, as what is sent is given away; encoded at once, so that the call borrows
    // nothing of it.
    #[allow(clippy::needless_pass_by_value)]
    pub fn close_modal(&self, result: W::Output) -> Call<'_, ()>
    where
        W: Modal,
    {
        let result = encode(&result).map(|result| format!("{{\"value\":{result}}}"));
        Call::new(async move {
            let link = self.link()?;
            let (name, data) = (MODAL_RESULT, result?);
            link.call(Outbound::Emit {
                to: None,
                name,
                data,
            })
            .await?;
            self.call_json("invoke", "[\"MODAL_CLOSE\"]".to_owned())
                .await
                .map(drop)
        })
    }
}

fn message_name<M: Message>(_: &M) -> &'static str {
    M::NAME
}

/// The `widgetID` (a string, or a number as its text) of the widget at `location` named `name`
/// in `getWidgets()`'s answer: `None` when it has none, or is not a list of widgets.
fn widget_id(widgets: &str, location: &str, name: &str) -> Option<String> {
    let widgets: Vec<Raw> = answer::decode(widgets).ok()?;
    let text = |member: Option<Raw>| match present(member) {
        Some(text) => text.decode::<String>().ok().map(Some),
        None => Some(None),
    };
    let mut listed = Vec::with_capacity(widgets.len());
    for widget in &widgets {
        let mut found = [None, None, None];
        members(widget.get(), &["widgetID", "location", "name"], &mut found).ok()?;
        let [id, at, named] = found;
        listed.push((present(id), text(at)?, text(named)?));
    }
    let (id, _, _) = listed
        .into_iter()
        .find(|(_, at, named)| at.as_deref() == Some(location) && named.as_deref() == Some(name))?;
    let id = id?;
    match id.get().as_bytes().first()? {
        b'"' => answer::decode(id.get()).ok(),
        b'-' | b'0'..=b'9' => Some(id.get().to_owned()),
        _ => None,
    }
}
