//! What a widget shows: its page.

use crate::widget::Widget;

/// The body a widget's page has unless its [`Page::BODY`] says otherwise: `#app`, where the
/// widget's [`Page::render`] goes, and `#errors`, where the host lists the events that failed.
pub const PAGE_BODY: &str = "<main id=\"app\"></main>\n<ul id=\"errors\"></ul>";

/// A widget's page in Desk: the HTML it is loaded with, and the widget's state as HTML.
///
/// The browser host writes [`Page::render`] into the page's `#app` element once the widget is
/// mounted and after every event; the simulated Desk shows the same with
/// [`SimulatedDesk::page`](crate::sim::SimulatedDesk::page). Every widget of an
/// [`extension!`](crate::extension!) has a page.
///
/// ```
/// use desk_runtime::prelude::*;
/// use desk_runtime::events::TicketStatusChanged;
/// use desk_runtime::html::escape;
///
/// #[derive(Default)]
/// pub struct Status(Option<String>);
///
/// #[desk_widget(location = "desk.ticket.detail.subtab")]
/// impl Status {
///     #[on("ticket_status.changed")]
///     fn changed(&mut self, change: TicketStatusChanged) { self.0 = Some(change.status); }
/// }
///
/// impl Page for Status {
///     fn render(&self) -> String {
///         // Everything from Desk is escaped before it goes into the page.
///         format!("<p>{}</p>", escape(self.0.as_deref().unwrap_or("-")))
///     }
/// }
///
/// let mut desk = desk_runtime::sim::SimulatedDesk::mount(Status::default());
/// desk.fire("ticket_status.changed", r#"{"ticket.status": "On <b>Hold</b>"}"#).unwrap();
/// assert_eq!(desk.page(), "<p>On &lt;b&gt;Hold&lt;/b&gt;</p>");
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` has no page",
    label = "a widget of an extension has a page",
    note = "implement `desk_runtime::Page` for `{Self}`: `fn render(&self) -> String` returns what the widget shows"
)]
pub trait Page: Widget {
    /// The page's `<body>`; it keeps an element `id="app"` for [`Page::render`] and may keep
    /// one `id="errors"` for the host's list of failed events.
    const BODY: &'static str = PAGE_BODY;

    /// The widget's state as HTML, for the page's `#app` element. Escape everything that comes
    /// from Desk ([`crate::html::escape`]).
    fn render(&self) -> String;
}
