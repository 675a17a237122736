//! A widget's page: one file, its module inlined (`module.rs` says why).
//!
//! In order: the SDK's script preloaded from `<head>` (the parser reaches its tag only after
//! the module's bytes); the widget's body; the module's bytes, which start compiling at once;
//! the SDK's script, which the widget's code needs; the module script, which runs after it:
//! wasm-bindgen's glue, its `init` (which awaits the compilation) and the widget's entry.

use crate::module::Module;
use desk_runtime::extension::WidgetEntry;

/// The Desk client SDK script every widget page loads first.
pub const SDK_SCRIPT: &str =
    "https://js.zohostatic.com/support/developer_sdk/v1/js/ZohoDeskClientSDK.min.js";

/// The page `app/<page>.html` of `widget`: it instantiates the page's own module and calls the
/// widget's export, which mounts exactly that widget.
pub(crate) fn html(widget: &WidgetEntry, module: &Module) -> String {
    page(widget.name, widget.body, module, Some(widget.entry))
}

/// A page titled `title` of `body`, which loads `module` and calls its export `entry`, if
/// any, as [`Package::write`](crate::Package::write) writes a widget's page.
pub fn page(title: &str, body: &str, module: &Module, entry: Option<&str>) -> String {
    let title = desk_runtime::html::escape(title);
    let mut preloads = format!("<link rel=\"preload\" href=\"{SDK_SCRIPT}\" as=\"script\">\n");
    for file in &module.files {
        preloads += "<link rel=\"modulepreload\" href=\"./";
        preloads += file;
        preloads += "\">\n";
    }
    format!(
        "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"UTF-8\">\n<title>{title}</title>\n\
         {preloads}</head>\n<body>\n{body}\n{bytes}<script src=\"{SDK_SCRIPT}\"></script>\n\
         {script}</body>\n</html>\n",
        bytes = module.bytes_script(),
        script = module.module_script(entry),
    )
}
