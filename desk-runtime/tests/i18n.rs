//! Translations: the agent's locale's text as Desk hands it over, the first locale's for a
//! locale the extension lacks, placeholders filled in; the files are the package's.

use desk_runtime::App;
use desk_runtime::prelude::*;
use desk_runtime::sim::SimulatedDesk;

#[derive(Default)]
struct Calls {
    text: Translations,
    taken: u32,
}

#[desk_widget(location = "desk.extension.telephony")]
impl Calls {
    #[on("extension.onload")]
    fn loaded(&mut self, app: App) {
        self.text = Translations::of(&app);
    }

    #[on("call.completed")]
    fn completed(&mut self) {
        self.taken += 1;
    }
}

impl Page for Calls {
    fn render(&self) -> String {
        // A translation is text, not HTML: escaped, as its placeholders may hold Desk's data.
        if self.taken == 0 {
            return desk_runtime::html::escape(&self.text.calls_none());
        }

        // The placeholders in the order the first locale says them: `{count}`, then `{agent}`.
        desk_runtime::html::escape(&self.text.calls_taken(self.taken, "Ada"))
    }
}

desk_runtime::extension! {
    name: "Call Tools",
    locales: ["en", "fr"],
    translations: "translations",
    widgets: { "Calls": Calls },
}

fn loaded(locale: &str) -> SimulatedDesk<Calls> {
    let mut desk = SimulatedDesk::new(Calls::default());
    desk.set_locale(locale);
    desk.load().unwrap();
    desk
}

#[test]
fn the_agents_locale_gives_the_text() {
    let mut desk = loaded("fr");
    assert_eq!(desk.page(), "Aucun appel");
    desk.fire_sample("call.completed").unwrap();
    assert_eq!(desk.page(), "Ada a pris 1 appels");
    let mut desk = loaded("en");
    desk.fire_sample("call.completed").unwrap();
    assert_eq!(desk.page(), "1 calls taken by Ada");
}

#[test]
fn a_locale_the_extension_lacks_falls_back_to_the_first() {
    let mut desk = loaded("de");
    desk.fire_sample("call.completed").unwrap();
    assert_eq!(desk.page(), "1 calls taken by Ada");
}

#[test]
fn the_extension_ships_each_locales_file() {
    let codes: Vec<&str> = EXTENSION.locales.iter().map(|l| l.code).collect();
    assert_eq!(codes, ["en", "fr"]);
    assert_eq!(
        EXTENSION.locales[1].json,
        include_str!("translations/fr.json")
    );
}
