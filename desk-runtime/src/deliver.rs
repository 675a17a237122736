//! How every host hands an event to a widget, and where failures go.

use crate::widget::{DispatchError, Widget};

/// Delivers one event to `widget`, as every host does.
///
/// On targets that unwind (native code, where tests run), a panicking handler becomes
/// [`DispatchError::Panicked`] instead of unwinding into the host, so later events still reach
/// the widget. Its state is then whatever the handler left it in. On `wasm32`, panics abort
/// the module; the browser host installs a panic hook that reports them to the console first.
///
/// ```
/// use desk_runtime::prelude::*;
/// use desk_runtime::{deliver, DispatchError};
///
/// #[derive(Default)]
/// struct Fragile;
///
/// #[desk_widget(location = "desk.bottomband")]
/// impl Fragile {
///     #[on("modal.closed")]
///     fn closed(&mut self) { panic!("boom") }
/// }
///
/// let error = deliver(&mut Fragile, "modal.closed", "{}").unwrap_err();
/// assert!(matches!(error, DispatchError::Panicked { message, .. } if message == "boom"));
/// ```
///
/// # Errors
///
/// What [`Widget::dispatch`] returns, and [`DispatchError::Panicked`].
pub fn deliver<W: Widget>(widget: &mut W, event: &str, payload: &str) -> Result<(), DispatchError> {
    #[cfg(panic = "unwind")]
    {
        let dispatch = std::panic::AssertUnwindSafe(|| widget.dispatch(event, payload));
        std::panic::catch_unwind(dispatch).unwrap_or_else(|panic| {
            let message = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "a panic without a message".to_owned());
            Err(DispatchError::Panicked {
                event: event.to_owned(),
                message,
            })
        })
    }
    #[cfg(not(panic = "unwind"))]
    {
        widget.dispatch(event, payload)
    }
}
