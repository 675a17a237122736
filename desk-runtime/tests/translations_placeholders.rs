//! Compile time and run time agree on placeholders: every placeholder `extension!` accepts
//! (and makes a parameter of) is filled by `Texts::text`, in every locale; `{ count }`, which
//! the runtime would leave as written, is refused at compile time (`tests/ui/`).

use desk_runtime::App;
use desk_runtime::prelude::*;
use desk_runtime::sim::SimulatedDesk;

#[derive(Default)]
struct Calls {
    text: Translations,
}

#[desk_widget(location = "desk.extension.telephony")]
impl Calls {
    #[on("extension.onload")]
    fn loaded(&mut self, app: App) {
        self.text = Translations::of(&app);
    }
}

impl Page for Calls {
    fn render(&self) -> String {
        [
            self.text.calls_count(3, "Ada"),
            self.text.calls_braced(7),
            self.text.calls_accented("Bo"),
        ]
        .join("|")
    }
}

desk_runtime::extension! {
    name: "Call Tools",
    locales: ["en", "fr"],
    translations: "translations_placeholders",
    widgets: { "Calls": Calls },
}

fn page(locale: &str) -> String {
    let mut desk = SimulatedDesk::new(Calls::default());
    desk.set_locale(locale);
    desk.load().unwrap();
    desk.page()
}

#[test]
fn every_accepted_placeholder_is_filled_in_every_locale() {
    assert_eq!(page("en"), "3 calls, 3 again, by Ada|{7} and {a7|Bo ouvert");
    assert_eq!(page("fr"), "Ada : 3 appels, 3 encore|{7} et {a7|Bo open");
    // The first locale's texts, compiled in, when Desk hands over none.
    let fallback = Translations::default();
    assert_eq!(fallback.calls_braced(7), "{7} and {a7");
    for page in [page("en"), page("fr")] {
        for name in ["{count}", "{agent}", "{café}"] {
            assert!(!page.contains(name), "{page}");
        }
    }
}
