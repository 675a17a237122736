//! A widget's page: the SDK first, then the page's module, then the widget's own entry.
//!
//! So that fetching, decoding and compiling the module run beside the SDK's load rather than
//! after it (BENCHMARKS.md section 5): the glue and its snippets are preloaded from `<head>`
//! (the browser would find them only once the SDK has run and the glue is parsed), and the
//! module's wrapper, which starts compiling at once, is an `async` module script placed before
//! the SDK's script. The module script that mounts the widget runs after the SDK, as before.

use crate::module::Module;
use desk_runtime::extension::WidgetEntry;

/// The Desk client SDK script every widget page loads first.
pub const SDK_SCRIPT: &str =
    "https://js.zohostatic.com/support/developer_sdk/v1/js/ZohoDeskClientSDK.min.js";

/// The page `app/<page>.html` of `widget`: it instantiates the page's own module and calls the
/// widget's export, which mounts exactly that widget.
pub(crate) fn html(widget: &WidgetEntry, module: &Module) -> String {
    let title = desk_runtime::html::escape(widget.name);
    let mut preloads = String::new();
    for script in std::iter::once(&module.glue).chain(&module.snippets) {
        preloads += "<link rel=\"modulepreload\" href=\"./module/";
        preloads += &module.dir;
        preloads += "/";
        preloads += script;
        preloads += "\">\n";
    }
    format!(
        "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"UTF-8\">\n<title>{title}</title>\n\
         {preloads}</head>\n<body>\n{body}\n\
         <script type=\"module\" async src=\"./module/{dir}/{wrapper}\"></script>\n\
         <script src=\"{SDK_SCRIPT}\"></script>\n\
         <script type=\"module\">\nimport init, {{ {entry} }} from \"./module/{dir}/{glue}\";\n\
         import wasm from \"./module/{dir}/{wrapper}\";\nawait init({{ module_or_path: wasm }});\n\
         {entry}();\n</script>\n</body>\n</html>\n",
        body = widget.body,
        entry = widget.entry,
        dir = module.dir,
        glue = module.glue,
        wrapper = module.wrapper,
    )
}
