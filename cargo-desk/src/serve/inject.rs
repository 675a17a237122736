//! The scripts `serve` adds to the pages it answers with, and only there: never written to a
//! file, so never in a package or a zip. Live reload (`reload.js`) in every page; the recorder
//! (`recorder.js`, `docs/recording.md`) with `--record`. They follow the SDK's script (which
//! defines `ZOHODESK`, wrapped by the recorder) and come before the local configuration's
//! (which therefore wraps the SDK first, so that the recorder sees what the widget sees).

use super::State;
use desk_package::SDK_SCRIPT;
use desk_runtime::Extension;
use serde_json::{Value, json};

/// The server's own endpoints, below this path.
pub const PREFIX: &str = "/__desk/";
/// `GET /__desk/build?since=N`: the number of the last successful build, once it is not `N`
/// (or after [`super::connection::LONG_POLL`]).
pub const BUILD: &str = "/__desk/build";
/// `POST /__desk/record`: lines of the recording ([`super::record`]).
pub const RECORD: &str = "/__desk/record";

const RELOAD: &str = include_str!("reload.js");
const RECORDER: &str = include_str!("recorder.js");

/// A page's widget (or modal) and its location: what each line of a recording names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageName {
    /// The page's URL path: `/app/call-bar.html`.
    pub url: String,
    /// The widget's (or modal's) name in the extension: `Call Bar`.
    pub widget: String,
    /// Its location: `desk.bottomband`.
    pub location: String,
}

impl PageName {
    /// Every page of the extension.
    pub fn of(extension: &Extension) -> Vec<PageName> {
        extension
            .pages()
            .map(|widget| PageName {
                url: format!("/app/{}.html", widget.page),
                widget: widget.name.to_owned(),
                location: widget.location.to_owned(),
            })
            .collect()
    }
}

/// The page at `url` as `serve` answers it: with live reload (`build`, the build it shows),
/// the recorder when `recording`, and the local configuration.
pub fn page(html: &str, state: &State, url: &str, build: u64, recording: bool) -> String {
    let mut scripts = script(RELOAD, &json!({ "build": build, "endpoint": BUILD }));
    if recording {
        let name = state.pages.iter().find(|page| page.url == url);
        let hooks: Vec<&str> = desk_catalog::HOOKS.iter().map(|hook| hook.name).collect();
        scripts += &script(
            RECORDER,
            &json!({
                "widget": name.map_or(url, |page| &page.widget),
                "location": name.map_or("", |page| &page.location),
                "hooks": hooks,
                "endpoint": RECORD,
                "limit": super::record::MAX_BODY,
            }),
        );
    }
    let tag = format!("<script src=\"{SDK_SCRIPT}\"></script>");
    let with_scripts = if let Some(at) = html.find(&tag) {
        let end = at + tag.len();
        format!("{}\n{scripts}{}", &html[..end], &html[end..])
    } else if let Some(at) = html.rfind("</body>") {
        format!("{}{scripts}{}", &html[..at], &html[at..])
    } else {
        html.to_owned()
    };
    match &state.local_config {
        Some(local) => crate::local_config::inject(&with_scripts, local),
        None => with_scripts,
    }
}

/// `<script>` of `code` (a function expression) called with `config`.
fn script(code: &str, config: &Value) -> String {
    // No `<` at all in the JSON (`</script>`, `<!--`): `\u003c` is the same string.
    let config = config.to_string().replace('<', "\\u003c");
    format!(
        "<script>/* cargo desk serve */\n{}({config});\n</script>\n",
        code.trim_end()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state() -> State {
        State {
            pages: vec![PageName {
                url: "/app/w.html".to_owned(),
                widget: "W </script>".to_owned(),
                location: "desk.bottomband".to_owned(),
            }],
            ..State::default()
        }
    }

    #[test]
    fn the_recorder_follows_the_sdk_and_precedes_the_local_configuration() {
        let html = format!(
            "<body><script src=\"{SDK_SCRIPT}\"></script><script type=\"module\"></script></body>"
        );
        let mut state = state();
        state.local_config = Some("<script>local</script>\n".to_owned());
        let served = page(&html, &state, "/app/w.html", 7, true);
        let at = |text: &str| {
            served
                .find(text)
                .unwrap_or_else(|| panic!("{text}: {served}"))
        };
        assert!(at(SDK_SCRIPT) < at("local"), "{served}");
        assert!(at("local") < at("location.reload"), "{served}");
        assert!(at("location.reload") < at(RECORD), "{served}");
        assert!(at(RECORD) < at("type=\"module\""), "{served}");
        assert!(served.contains(r#""build":7"#), "{served}");
        assert!(
            served.contains(r#""widget":"W \u003c/script>""#),
            "{served}"
        );
        assert_eq!(served.matches("</script>").count(), 5, "{served}");
    }

    #[test]
    fn without_recording_the_page_reloads_and_records_nothing() {
        let html = format!("<script src=\"{SDK_SCRIPT}\"></script>");
        let served = page(&html, &state(), "/app/w.html", 1, false);
        assert!(served.contains("location.reload"), "{served}");
        assert!(!served.contains(RECORD), "{served}");
        // A page without the SDK (a build's error) still reloads once the widget builds.
        let error = page(
            "<body><pre>error</pre></body>",
            &state(),
            "/app/w.html",
            1,
            false,
        );
        assert!(
            error.find("location.reload") < error.find("</body>"),
            "{error}"
        );
    }
}
