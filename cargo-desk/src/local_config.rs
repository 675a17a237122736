//! `cargo desk serve`'s local configuration: values for the extension's configuration
//! parameters, to try a widget before it is installed, in `desk-config.local.json` next to the
//! crate's `Cargo.toml` (`{"crm_url": "https://crm.example.com", "crm_key": "k-123"}`).
//!
//! The file is never packed: the package is written from the crate's `EXTENSION`, and the
//! server alone reads the file, each time it builds. It adds to each page it serves, after the
//! SDK's script, a script that answers `ZOHODESK.get("extension.config")` with these values
//! (the secure ones left out, as Desk leaves them out) and fills a request's `{{name}}`
//! placeholders in before `ZOHODESK.request` sends it, which Desk's proxy does once the
//! extension is installed. Decision: locally, a secure value passes through the browser of the
//! author who wrote it into the file; no source says how developer mode answers either call.

use desk_package::SDK_SCRIPT;
use desk_runtime::extension::ConfigParam;
use serde_json::{Map, Value};
use std::path::Path;

/// The file's name, in the crate's directory.
pub const FILE: &str = "desk-config.local.json";

/// The local values, checked against the extension's configuration parameters (its manifest's
/// `config`): the script to add to each page (`None` without the file) and what is wrong with
/// them, for the terminal.
pub fn read(crate_dir: &Path, params: &[ConfigParam]) -> (Option<String>, Vec<String>) {
    let path = crate_dir.join(FILE);
    let Ok(text) = std::fs::read_to_string(&path) else {
        return (None, Vec::new());
    };
    let values = match serde_json::from_str::<Value>(&text) {
        Ok(Value::Object(values)) => values,
        Ok(_) => return (None, vec![format!("{FILE} is not one JSON object")]),
        Err(error) => return (None, vec![format!("{FILE} is not JSON: {error}")]),
    };
    let problems = check(&values, params);
    (Some(script(&values, params)), problems)
}

/// Names the extension does not declare (with the one meant, when a name is a misspelling of
/// one, as the compiler's messages do), and mandatory parameters without a value.
fn check(values: &Map<String, Value>, params: &[ConfigParam]) -> Vec<String> {
    let names = || params.iter().map(|param| param.name);
    let mut problems: Vec<String> = values
        .keys()
        .filter(|name| !names().any(|known| known == name.as_str()))
        .map(|name| {
            // Not a name the file gives a value too: that one is not misspelt here.
            let meant = desk_catalog::suggest(name, names())
                .filter(|known| !values.contains_key(*known))
                .map(|known| format!("; did you mean `{known}`?"))
                .unwrap_or_default();
            format!("{FILE}: `{name}` is not a configuration parameter of the extension{meant}")
        })
        .collect();
    for param in params {
        let name = param.name;
        if param.mandatory == Some(true) && values.get(name).is_none_or(Value::is_null) {
            problems.push(format!(
                "{FILE}: the mandatory parameter `{name}` has no value"
            ));
        }
    }
    problems
}

/// The script that answers the configuration and fills the placeholders in, from `values`.
fn script(values: &Map<String, Value>, params: &[ConfigParam]) -> String {
    let secure: Vec<&str> = params
        .iter()
        .filter(|param| param.secure == Some(true))
        .map(|param| param.name)
        .collect();
    let readable: Vec<Value> = values
        .iter()
        .filter(|(name, _)| !secure.contains(&name.as_str()))
        .map(|(name, value)| serde_json::json!({ "name": name, "value": value }))
        .collect();
    // No `<` at all (`</script>`, `<!--`): JSON allows `\u003c` for it, in strings, its only place.
    let json = |value: &Value| value.to_string().replace('<', "\\u003c");
    format!(
        "<script>/* cargo desk serve: {FILE}, never packed */\n\
         (function () {{\n\
         var readable = {readable}, values = {values};\n\
         var get = ZOHODESK.get, request = ZOHODESK.request;\n\
         ZOHODESK.get = function (property) {{\n\
         if (property === \"extension.config\") {{\n\
         return Promise.resolve({{ \"extension.config\": readable, \"status\": \"success\" }});\n\
         }}\n\
         return get.apply(this, arguments);\n\
         }};\n\
         ZOHODESK.request = function (options) {{\n\
         var text = JSON.stringify(options).replace(/\\{{\\{{([^{{}}]+)\\}}\\}}/g, function (all, name) {{\n\
         return Object.prototype.hasOwnProperty.call(values, name) ? JSON.stringify(String(values[name])).slice(1, -1) : all;\n\
         }});\n\
         return request.call(this, JSON.parse(text));\n\
         }};\n\
         }})();\n\
         </script>\n",
        readable = json(&Value::Array(readable)),
        values = json(&Value::Object(values.clone())),
    )
}

/// `page` with `script` right after the SDK's script, which defines `ZOHODESK`; the page as it
/// is when it has none.
pub fn inject(page: &str, script: &str) -> String {
    let tag = format!("<script src=\"{SDK_SCRIPT}\"></script>");
    match page.find(&tag) {
        Some(at) => {
            let end = at + tag.len();
            format!("{}\n{script}{}", &page[..end], &page[end..])
        }
        None => page.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn params() -> Vec<ConfigParam> {
        let param = |name, mandatory, secure| ConfigParam {
            name,
            display_name: None,
            description: None,
            kind: None,
            secure: Some(secure),
            mandatory: Some(mandatory),
            user_defined: None,
        };
        vec![
            param("crm_url", true, false),
            param("crm_key", true, true),
            param("region", false, false),
        ]
    }

    #[test]
    fn unknown_names_and_missing_mandatory_values_are_reported() {
        let values = json!({ "crm_url": "https://crm.example.com", "colour": "red" });
        let problems = check(values.as_object().unwrap(), &params());
        assert_eq!(
            problems,
            [
                "desk-config.local.json: `colour` is not a configuration parameter of the extension",
                "desk-config.local.json: the mandatory parameter `crm_key` has no value",
            ]
        );
    }

    #[test]
    fn a_misspelt_name_gets_the_one_meant() {
        let values = json!({ "crm_ur": "https://crm.example.com", "crm_key": "k" });
        let problems = check(values.as_object().unwrap(), &params());
        assert_eq!(
            problems,
            [
                "desk-config.local.json: `crm_ur` is not a configuration parameter of the \
                 extension; did you mean `crm_url`?",
                "desk-config.local.json: the mandatory parameter `crm_url` has no value",
            ]
        );
        // Both given: the unknown one is not the other's misspelling.
        let values = json!({ "crm_ur": "x", "crm_url": "y", "crm_key": "k" });
        let problems = check(values.as_object().unwrap(), &params());
        assert_eq!(
            problems,
            ["desk-config.local.json: `crm_ur` is not a configuration parameter of the extension"]
        );
    }

    #[test]
    fn secure_values_are_not_answered_but_fill_placeholders_in() {
        let values = json!({ "crm_url": "https://crm.example.com", "crm_key": "k-</script>" });
        let script = script(values.as_object().unwrap(), &params());
        let readable = r#"var readable = [{"name":"crm_url","value":"https://crm.example.com"}]"#;
        assert!(script.contains(readable), "{script}");
        assert!(
            script.contains(r#""crm_key":"k-\u003c/script>""#),
            "{script}"
        );
        assert_eq!(script.matches("</script>").count(), 1, "{script}");
    }

    #[test]
    fn the_script_follows_the_sdks() {
        let page = format!("<body><script src=\"{SDK_SCRIPT}\"></script><script type=\"module\">");
        let served = inject(&page, "<script>local</script>\n");
        let sdk = served.find(SDK_SCRIPT).unwrap();
        let local = served.find("local").unwrap();
        let module = served.find("type=\"module\"").unwrap();
        assert!(sdk < local && local < module, "{served}");
        assert_eq!(inject("<p>no sdk</p>", "x"), "<p>no sdk</p>");
    }

    #[test]
    fn without_the_file_nothing_is_added() {
        let dir = tempfile::TempDir::with_prefix("cargo-desk-no-local-config-").unwrap();
        assert_eq!(read(dir.path(), &[]), (None, Vec::new()));
    }
}
