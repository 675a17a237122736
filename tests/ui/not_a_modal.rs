//! Only a modal is opened as one, closes itself as one, or is listed under `modals`.

use desk_runtime::prelude::*;

#[derive(Default)]
pub struct Bar;

#[desk_widget(location = "desk.extension.telephony")]
impl Bar {
    #[on("call.completed")]
    async fn completed(&mut self, desk: &Desk<Self>) {
        // `History` is a widget, not a modal.
        let _ = desk.open_modal::<History>(()).await;
        // `MODAL_CLOSE` outside a modal.
        let _ = desk.close_modal(()).await;
    }
}

#[derive(Default)]
pub struct History;

#[desk_widget(location = "desk.ticket.detail.subtab")]
impl History {}

impl Page for Bar {
    fn render(&self) -> String {
        String::new()
    }
}

impl Page for History {
    fn render(&self) -> String {
        String::new()
    }
}

desk_runtime::extension! {
    name: "Calls",
    widgets: { "Bar": Bar },
    modals: { "History": History },
}

fn main() {}
