//! A widget's page: the SDK first, then the extension's module, then the widget's own entry.

use crate::module::Module;
use desk_runtime::extension::WidgetEntry;

/// The Desk client SDK script every widget page loads first.
pub const SDK_SCRIPT: &str =
    "https://js.zohostatic.com/support/developer_sdk/v1/js/ZohoDeskClientSDK.min.js";

/// The page `app/<page>.html` of `widget`: it instantiates the module shared by every page of
/// the extension and calls the widget's own export, which mounts exactly that widget.
pub(crate) fn html(widget: &WidgetEntry, module: &Module) -> String {
    let title = desk_runtime::html::escape(widget.name);
    format!(
        "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"UTF-8\">\n<title>{title}</title>\n\
         </head>\n<body>\n{body}\n<script src=\"{SDK_SCRIPT}\"></script>\n\
         <script type=\"module\">\nimport init, {{ {entry} }} from \"./module/{glue}\";\n\
         import wasm from \"./module/{wrapper}\";\nawait init({{ module_or_path: wasm }});\n\
         {entry}();\n</script>\n</body>\n</html>\n",
        body = widget.body,
        entry = widget.entry,
        glue = module.glue,
        wrapper = module.wrapper,
    )
}
