//! A chain through a modal (its input sent by a handler of a message, the modal's `on_open`
//! sending a message on) is a chain of messages too: it stops at `MESSAGE_CHAIN_LIMIT`.
#![allow(missing_docs)]
use desk_runtime::prelude::*;
use desk_runtime::sim::SimulatedExtension;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Message)]
#[message(name = "test.again")]
pub struct Again(pub u32);

static OPENED: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
#[derive(Default)]
pub struct Opener {
    pub opened: u32,
}

#[desk_widget(location = "desk.extension.telephony")]
impl Opener {
    #[on("call.ringing")]
    async fn ringing(&mut self, desk: &Desk<Self>) -> Result<(), desk_runtime::HostError> {
        OPENED.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        desk.open_modal::<Bounce>(0).await.map(drop)
    }

    #[on_message]
    async fn again(
        &mut self,
        again: Again,
        desk: &Desk<Self>,
    ) -> Result<(), desk_runtime::HostError> {
        OPENED.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        desk.open_modal::<Bounce>(again.0 + 1).await.map(drop)
    }
}

#[derive(Default)]
pub struct Bounce;

#[desk_widget(modal, output = ())]
impl Bounce {
    #[on_open]
    async fn open(&mut self, n: u32, desk: &Desk<Self>) -> Result<(), desk_runtime::HostError> {
        desk.send::<Opener>(Again(n)).await?;
        desk.close_modal(()).await
    }
}

impl Page for Opener {
    fn render(&self) -> String {
        String::new()
    }
}
impl Page for Bounce {
    fn render(&self) -> String {
        String::new()
    }
}

desk_runtime::extension! {
    name: "Storm",
    widgets: { "Opener": Opener },
    modals: { "Bounce": Bounce },
}

#[test]
fn a_storm_through_a_modal_stops_at_the_chain_limit() {
    let mut extension = SimulatedExtension::new(&EXTENSION);
    extension.mount(Opener::default());
    extension.add_modal::<Bounce>();
    let errors = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    let sink = errors.clone();
    extension
        .desk_mut::<Opener>()
        .on_error(move |e, err| sink.borrow_mut().push(format!("{e}: {err}")));
    let result = extension.fire_sample("call.ringing");
    let opened = OPENED.load(std::sync::atomic::Ordering::SeqCst);
    assert!(
        opened <= desk_runtime::MESSAGE_CHAIN_LIMIT + 1,
        "storm escaped: {opened} modals opened, fire = {result:?}"
    );
    assert!(
        matches!(
            result,
            Err(desk_runtime::sim::FireError::Failed(
                desk_runtime::DispatchError::MessageLoop { .. }
            ))
        ),
        "{result:?}"
    );
}

/// A loop through `modal.closed`, an event of Desk rather than a message, is no chain: the
/// simulated extension gives up after its rounds and panics the test rather than pass over it.
mod through_modal_closed {
    use desk_runtime::prelude::*;
    use desk_runtime::sim::SimulatedExtension;

    #[derive(Default)]
    pub struct Reopener;

    #[desk_widget(location = "desk.extension.telephony")]
    impl Reopener {
        #[on("call.ringing")]
        async fn ringing(&mut self, desk: &Desk<Self>) -> Result<(), desk_runtime::HostError> {
            desk.open_modal::<Closer>(()).await.map(drop)
        }

        #[on("modal.closed")]
        async fn closed(&mut self, desk: &Desk<Self>) -> Result<(), desk_runtime::HostError> {
            desk.open_modal::<Closer>(()).await.map(drop)
        }
    }

    #[derive(Default)]
    pub struct Closer;

    #[desk_widget(modal, output = ())]
    impl Closer {
        #[on_open]
        async fn open(
            &mut self,
            _input: (),
            desk: &Desk<Self>,
        ) -> Result<(), desk_runtime::HostError> {
            desk.close_modal(()).await
        }
    }

    impl Page for Reopener {
        fn render(&self) -> String {
            String::new()
        }
    }

    impl Page for Closer {
        fn render(&self) -> String {
            String::new()
        }
    }

    desk_runtime::extension! {
        name: "Reopen",
        widgets: { "Reopener": Reopener },
        modals: { "Closer": Closer },
    }

    #[test]
    #[should_panic(expected = "still had messages or modals to run")]
    fn a_loop_through_modal_closed_panics_the_test() {
        let mut extension = SimulatedExtension::new(&EXTENSION);
        extension.mount(Reopener);
        extension.add_modal::<Closer>();
        let _ = extension.fire_sample("call.ringing");
    }
}
