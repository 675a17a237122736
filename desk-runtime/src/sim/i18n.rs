//! The agent's locale on the simulated Desk.

use super::SimulatedDesk;
use crate::extension::Member;
use crate::json::Raw;
use crate::widget::Widget;

impl<W: Widget + Member + 'static> SimulatedDesk<W> {
    /// Loads the widget as Desk does for an agent of `locale`: the [`App`](crate::App)'s
    /// `locale`, and its `localeResources` the extension's translations for it (none for a
    /// locale the extension does not declare: its texts then fall back to the first locale's).
    /// Call it before [`SimulatedDesk::load`], as [`SimulatedDesk::set_app`].
    pub fn set_locale(&mut self, locale: &str) {
        let mut app = self.app.clone();
        locale.clone_into(&mut app.locale);
        app.locale_resources = W::EXTENSION
            .locales
            .iter()
            .find(|declared| declared.code == locale)
            .and_then(|declared| crate::json::from_str::<Raw>(declared.json).ok());
        self.set_app(app);
    }
}
