//! Step two: the declaration's fields into the extension's model, checking every value the
//! platform constrains (the toolkit's rules for names, origins, configuration types) at its
//! token.

use super::parse::{Field, Key, Value};
use crate::errors::Errors;
use desk_catalog::origin::{Origin, OriginError};
use proc_macro2::Span;
use syn::{Ident, LitStr, Type};

/// An extension as the expansion needs it; what was wrong is left out (and reported).
#[derive(Default)]
pub(crate) struct Extension {
    pub name: String,
    pub storage: bool,
    pub whitelisted_domains: Vec<LitStr>,
    pub connect_src: Vec<LitStr>,
    pub connectors: Vec<Connector>,
    pub config: Vec<ConfigParam>,
    /// `config: Settings`: a `#[derive(DeskConfig)]` type, whose fields are the parameters.
    pub config_type: Option<Box<Type>>,
    /// `locales` (and `translations`, their folder): the translation files, read and checked.
    pub translations: crate::translations::Translations,
    pub widgets: Vec<WidgetDecl>,
    pub modals: Vec<WidgetDecl>,
}

pub(crate) struct WidgetDecl {
    pub name: LitStr,
    pub ty: Box<Type>,
    /// The page's file name: the name in lower case, `-` for the rest.
    pub page: String,
    /// The module's export that mounts it: `mount_` and the name in snake case.
    pub entry: Ident,
}

pub(crate) struct Connector {
    pub connection_link_name: LitStr,
    pub connection_name: LitStr,
    pub service_name: LitStr,
    pub user_access: Option<bool>,
    pub is_user_defined_service: Option<bool>,
    pub scope: Vec<LitStr>,
}

pub(crate) struct ConfigParam {
    pub name: LitStr,
    pub display_name: Option<LitStr>,
    pub description: Option<LitStr>,
    /// The `ConfigType` variant.
    pub kind: Option<Ident>,
    pub secure: Option<bool>,
    pub mandatory: Option<bool>,
    pub user_defined: Option<bool>,
}

const EXAMPLE: &str = "extension! { name: \"Call Tools\", widgets: { \"Call Panel\": CallPanel } }";

/// The configuration types the toolkit accepts, with their `ConfigType` variants.
const CONFIG_TYPES: [(&str, &str); 7] = [
    ("text", "Text"),
    ("number", "Number"),
    ("radio", "Radio"),
    ("switch", "Switch"),
    ("picklist", "Picklist"),
    ("multiselect", "Multiselect"),
    ("checkbox", "Checkbox"),
];

pub(crate) fn extension(
    fields: &[Field],
    source: Option<&std::path::Path>,
    errors: &mut Errors,
) -> Extension {
    let object = Object::new(
        fields,
        &[
            "name",
            "storage",
            "whitelisted_domains",
            "csp_connect_src",
            "connectors",
            "config",
            "widgets",
            "modals",
            "locales",
            "translations",
        ],
        "the extension",
        errors,
    );
    let mut extension = Extension {
        name: match object.string("name", errors) {
            Some(name) if name.value().trim().is_empty() => {
                errors.push(syn::Error::new(
                    name.span(),
                    "the extension's name is empty",
                ));
                String::new()
            }
            Some(name) => name.value(),
            None => {
                if object.get("name").is_none() {
                    errors.push(missing("name", EXAMPLE));
                }
                String::new()
            }
        },
        storage: object.boolean("storage", errors).unwrap_or(false),
        whitelisted_domains: object.origins("whitelisted_domains", Origin::whitelisted, errors),
        connect_src: object.origins("csp_connect_src", Origin::csp_source, errors),
        ..Extension::default()
    };
    if let Some(list) = object.list("connectors", errors) {
        extension.connectors = list.iter().filter_map(|v| connector(v, errors)).collect();
        unique(
            extension.connectors.iter().map(|c| &c.connection_name),
            "connector",
            errors,
        );
        unique(
            extension.connectors.iter().map(|c| &c.service_name),
            "service",
            errors,
        );
    }
    extension.translations = translations(&object, source, errors);
    if let Some(Value::Type(ty)) = object.get("config") {
        extension.config_type = Some(ty.clone());
    } else if let Some(list) = object.list("config", errors) {
        extension.config = list.iter().filter_map(|v| config(v, errors)).collect();
        unique(
            extension.config.iter().map(|c| &c.name),
            "configuration parameter",
            errors,
        );
    }
    match object.get("widgets") {
        Some(Value::Object(span, fields)) if fields.is_empty() => errors.push(syn::Error::new(
            *span,
            "an extension needs at least one widget: `widgets: { \"Call Panel\": CallPanel }`",
        )),
        Some(Value::Object(_, fields)) => {
            extension.widgets = widgets(fields, "widget", &[], errors);
        }
        Some(other) => errors.push(syn::Error::new(
            other.span(),
            "`widgets` maps each widget's name to its type: `widgets: { \"Call Panel\": CallPanel }`",
        )),
        None => errors.push(missing("widgets", EXAMPLE)),
    }
    match object.get("modals") {
        Some(Value::Object(_, fields)) => {
            extension.modals = widgets(fields, "modal", &extension.widgets, errors);
        }
        Some(other) => errors.push(syn::Error::new(
            other.span(),
            "`modals` maps each modal's name to its type: `modals: { \"Log Call\": LogCall }`",
        )),
        None => {}
    }
    extension
}

/// `locales` and `translations`, their folder: the files read and checked. A folder without
/// locales would read nothing (the locales say which files there are), and is refused.
fn translations(
    object: &Object,
    source: Option<&std::path::Path>,
    errors: &mut Errors,
) -> crate::translations::Translations {
    let locales = object.strings("locales", errors);
    let folder = object.string("translations", errors);
    if let Some(folder) = &folder
        && locales.is_empty()
        && !matches!(object.get("locales"), Some(Value::List(_, items)) if !items.is_empty())
    {
        errors.push(syn::Error::new(
            folder.span(),
            format!(
                "`translations` is the folder of the locales' files, and no locale is declared: \
                 add `locales: [\"en\"]` (read from `{}/en.json`)",
                folder.value()
            ),
        ));
    }
    crate::translations::read(&locales, folder.as_ref(), source, errors)
}

fn missing(key: &str, example: &str) -> syn::Error {
    syn::Error::new(
        Span::call_site(),
        format!("`{key}` is missing: `{example}`"),
    )
}

/// The widgets (or modals, `what`) of `fields`, each with a name, a type and a page no other
/// has, `others` (the widgets, for the modals) included.
fn widgets(
    fields: &[Field],
    what: &str,
    others: &[WidgetDecl],
    errors: &mut Errors,
) -> Vec<WidgetDecl> {
    let mut widgets: Vec<WidgetDecl> = Vec::new();
    for field in fields {
        let Key::Str(name) = &field.key else {
            errors.push(syn::Error::new(
                field.key.span(),
                "a widget's name is a string: `\"Call Panel\": CallPanel`",
            ));
            continue;
        };
        let Value::Type(ty) = &field.value else {
            errors.push(syn::Error::new(
                field.value.span(),
                "a widget is a type with `#[desk_widget]` and `impl Page`: `\"Call Panel\": CallPanel`",
            ));
            continue;
        };
        if !manifest_name(&name.value()) {
            errors.push(syn::Error::new(
                name.span(),
                name_rule("widget", &name.value()),
            ));
            continue;
        }
        let type_name = quote::ToTokens::to_token_stream(&**ty).to_string();
        if widgets
            .iter()
            .chain(others)
            .any(|w| quote::ToTokens::to_token_stream(&*w.ty).to_string() == type_name)
        {
            errors.push(syn::Error::new_spanned(
                ty,
                "this widget type is already in the extension: a widget type has one page",
            ));
            continue;
        }
        if widgets.iter().any(|w| w.name.value() == name.value()) {
            errors.push(syn::Error::new(
                name.span(),
                format!("two {what}s are named `{}`", name.value()),
            ));
            continue;
        }
        if others.iter().any(|w| w.name.value() == name.value()) {
            errors.push(syn::Error::new(
                name.span(),
                format!("a widget is already named `{}`", name.value()),
            ));
            continue;
        }
        let page = slug(&name.value(), '-');
        if page.len() + ".html".len() > PAGE_NAME {
            errors.push(syn::Error::new(
                name.span(),
                format!(
                    "the widget's page, `app/<its name>.html`, would be a file name over \
                     {PAGE_NAME} characters, which the platform's toolkit refuses: a name of at \
                     most {} characters",
                    PAGE_NAME - ".html".len()
                ),
            ));
            continue;
        }
        if let Some(first) = widgets.iter().chain(others).find(|w| w.page == page) {
            errors.push(syn::Error::new(
                name.span(),
                format!(
                    "`{}` and `{}` would share the page `app/{page}.html`: widget names differ \
                     in more than case, spaces, `-` and `_`",
                    first.name.value(),
                    name.value()
                ),
            ));
            continue;
        }
        let entry = Ident::new(&format!("mount_{}", slug(&name.value(), '_')), name.span());
        widgets.push(WidgetDecl {
            name: name.clone(),
            ty: ty.clone(),
            page,
            entry,
        });
    }
    widgets
}

fn connector(value: &Value, errors: &mut Errors) -> Option<Connector> {
    let fields = object_of(value, "a connector", errors)?;
    let object = Object::new(
        fields,
        &[
            "connection_link_name",
            "connection_name",
            "service_name",
            "user_access",
            "is_user_defined_service",
            "scope",
        ],
        "a connector",
        errors,
    );
    let required = |key: &str, errors: &mut Errors| {
        let given = object.string(key, errors);
        if given.is_none() && object.get(key).is_none() {
            errors.push(syn::Error::new(
                value.span(),
                format!("a connector needs `{key}`"),
            ));
        }
        given
    };
    let connection_name = required("connection_name", errors);
    let service_name = required("service_name", errors);
    let connection_link_name = required("connection_link_name", errors);
    if let Some(name) = &connection_name
        && !manifest_name(&name.value())
    {
        errors.push(syn::Error::new(
            name.span(),
            name_rule("connector", &name.value()),
        ));
    }
    if let Some(service) = &service_name
        && service.value() == "zlabs_integration"
    {
        errors.push(syn::Error::new(
            service.span(),
            "`zlabs_integration` is reserved by the platform",
        ));
    }
    let scope = object.strings("scope", errors);
    for scope in &scope {
        if scope.value().trim().is_empty() {
            errors.push(syn::Error::new(scope.span(), "an empty scope"));
        }
    }
    Some(Connector {
        connection_link_name: connection_link_name?,
        connection_name: connection_name?,
        service_name: service_name?,
        user_access: object.boolean("user_access", errors),
        is_user_defined_service: object.boolean("is_user_defined_service", errors),
        scope,
    })
}

fn config(value: &Value, errors: &mut Errors) -> Option<ConfigParam> {
    let fields = object_of(value, "a configuration parameter", errors)?;
    let object = Object::new(
        fields,
        &[
            "name",
            "display_name",
            "description",
            "type",
            "secure",
            "mandatory",
            "user_defined",
        ],
        "a configuration parameter",
        errors,
    );
    let name = object.string("name", errors);
    if name.is_none() && object.get("name").is_none() {
        errors.push(syn::Error::new(
            value.span(),
            "a configuration parameter needs a `name`",
        ));
    }
    if let Some(name) = &name
        && !manifest_name(&name.value())
    {
        errors.push(syn::Error::new(
            name.span(),
            name_rule("configuration parameter", &name.value()),
        ));
    }
    // The toolkit's 255 is JavaScript's `length`: UTF-16 code units (an emoji counts 2).
    let at_most_255 = |key: &str, errors: &mut Errors| {
        let text = object.string(key, errors)?;
        if text.value().encode_utf16().count() > 255 {
            errors.push(syn::Error::new(
                text.span(),
                format!(
                    "`{key}` has at most 255 characters, counted as the toolkit counts them (in \
                     UTF-16 code units: an emoji counts 2)"
                ),
            ));
        }
        Some(text)
    };
    let display_name = at_most_255("display_name", errors);
    let description = at_most_255("description", errors);
    let kind = object.string("type", errors).and_then(|kind| {
        let found = CONFIG_TYPES.iter().find(|(name, _)| *name == kind.value());
        if found.is_none() {
            let names: Vec<&str> = CONFIG_TYPES.iter().map(|(name, _)| *name).collect();
            errors.push(syn::Error::new(
                kind.span(),
                format!(
                    "unknown configuration type `{}`: the platform's are `{}`",
                    kind.value(),
                    names.join("`, `")
                ),
            ));
        }
        found.map(|(_, variant)| Ident::new(variant, kind.span()))
    });
    let param = ConfigParam {
        name: name?,
        display_name,
        description,
        kind,
        secure: object.boolean("secure", errors),
        mandatory: object.boolean("mandatory", errors),
        user_defined: object.boolean("user_defined", errors),
    };
    // The toolkit's rule: a parameter each user sets says its type, whether it is mandatory
    // and whether it is secure.
    if param.user_defined == Some(true) {
        for (key, given) in [
            ("type", param.kind.is_some()),
            ("mandatory", param.mandatory.is_some()),
            ("secure", param.secure.is_some()),
        ] {
            if !given && object.get(key).is_none() {
                errors.push(syn::Error::new(
                    param.name.span(),
                    format!("a `user_defined` configuration parameter needs `{key}`"),
                ));
            }
        }
    }
    Some(param)
}

fn object_of<'a>(value: &'a Value, what: &str, errors: &mut Errors) -> Option<&'a [Field]> {
    match value {
        Value::Object(_, fields) => Some(fields),
        other => {
            errors.push(syn::Error::new(
                other.span(),
                format!("{what} is an object: `{{ name: \"...\", ... }}`"),
            ));
            None
        }
    }
}

/// Reports every name that repeats an earlier one.
fn unique<'a>(names: impl Iterator<Item = &'a LitStr>, what: &str, errors: &mut Errors) {
    let mut seen: Vec<String> = Vec::new();
    for name in names {
        let value = name.value().trim().to_owned();
        if seen.contains(&value) {
            errors.push(syn::Error::new(
                name.span(),
                format!("two {what}s are named `{value}`"),
            ));
        } else {
            seen.push(value);
        }
    }
}

/// The toolkit's rule for the names of widgets, connectors and parameters:
/// `^[a-zA-Z][a-zA-Z0-9-_ ]*$`.
fn manifest_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ' '))
}

fn name_rule(what: &str, name: &str) -> String {
    format!(
        "{what} name `{name}`: a letter, then letters, digits, `-`, `_` and spaces (the \
         platform's rule)"
    )
}

/// The longest file name the platform's toolkit (`zet validate`) packs: a page's included.
const PAGE_NAME: usize = 50;

/// The name in lower case, `separator` for every other character.
fn slug(name: &str, separator: char) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                separator
            }
        })
        .collect()
}

/// An object's fields, each key checked once: unknown and repeated keys are reported when it
/// is made.
struct Object<'a> {
    /// Each field under the key it is read as: its own, or, for a misspelt one, the key meant.
    fields: Vec<(String, &'a Field)>,
}

impl<'a> Object<'a> {
    fn new(fields: &'a [Field], keys: &[&'static str], what: &str, errors: &mut Errors) -> Self {
        let mut read = Vec::with_capacity(fields.len());
        for (index, field) in fields.iter().enumerate() {
            let key = field.key.text();
            read.push((key.clone(), field));
            if let Key::Str(quoted) = &field.key
                && keys.contains(&key.as_str())
            {
                // Read as the name it spells (`get` finds it), so that nothing more is reported.
                errors.push(syn::Error::new(
                    quoted.span(),
                    format!("write the key without quotes: `{key}: ...`, not `\"{key}\": ...`"),
                ));
            } else if !keys.contains(&key.as_str()) {
                let meant = desk_catalog::suggest(&key, keys.iter().copied());
                let hint = match meant {
                    Some(known) => format!("; did you mean `{known}`?"),
                    None => format!("; {what} has `{}`", keys.join("`, `")),
                };
                // Read as the key meant, unless it is there too, so that its value counts
                // (`storrage: true` enables storage) and nothing more is reported.
                if let Some(known) = meant
                    && !fields.iter().any(|field| field.key.text() == known)
                    && let Some(last) = read.last_mut()
                {
                    known.clone_into(&mut last.0);
                }
                errors.push(syn::Error::new(
                    field.key.span(),
                    format!("unknown key `{key}` in {what}{hint}"),
                ));
            } else if fields[..index].iter().any(|f| f.key.text() == key) {
                errors.push(syn::Error::new(
                    field.key.span(),
                    format!("`{key}` is given twice"),
                ));
            }
        }
        Object { fields: read }
    }

    fn get(&self, key: &str) -> Option<&'a Value> {
        self.fields
            .iter()
            .find(|(read_as, _)| read_as == key)
            .map(|(_, field)| &field.value)
    }

    fn string(&self, key: &str, errors: &mut Errors) -> Option<LitStr> {
        match self.get(key)? {
            Value::Str(lit) => Some(lit.clone()),
            other => {
                errors.push(syn::Error::new(
                    other.span(),
                    format!("`{key}` is a string"),
                ));
                None
            }
        }
    }

    fn boolean(&self, key: &str, errors: &mut Errors) -> Option<bool> {
        match self.get(key)? {
            Value::Bool(lit) => Some(lit.value),
            other => {
                errors.push(syn::Error::new(
                    other.span(),
                    format!("`{key}` is `true` or `false`"),
                ));
                None
            }
        }
    }

    fn list(&self, key: &str, errors: &mut Errors) -> Option<&'a [Value]> {
        match self.get(key)? {
            Value::List(_, items) => Some(items),
            other => {
                errors.push(syn::Error::new(
                    other.span(),
                    format!("`{key}` is a list: `[...]`"),
                ));
                None
            }
        }
    }

    fn strings(&self, key: &str, errors: &mut Errors) -> Vec<LitStr> {
        let items = self.list(key, errors).unwrap_or_default();
        items
            .iter()
            .filter_map(|item| match item {
                Value::Str(lit) => Some(lit.clone()),
                other => {
                    errors.push(syn::Error::new(
                        other.span(),
                        format!("`{key}` is a list of strings"),
                    ));
                    None
                }
            })
            .collect()
    }

    /// The origins of the list `key`, each checked by `check` (they reach HTTP headers: the
    /// proxy's whitelist, `cargo desk serve`'s `Content-Security-Policy`).
    fn origins(
        &self,
        key: &str,
        check: fn(&str) -> Result<Origin, OriginError>,
        errors: &mut Errors,
    ) -> Vec<LitStr> {
        let mut origins = self.strings(key, errors);
        origins.retain(|origin| match check(&origin.value()) {
            Ok(_) => true,
            Err(reason) => {
                errors.push(syn::Error::new(
                    origin.span(),
                    format!(
                        "`{}` is not an origin `{key}` can hold: {reason}; e.g. \
                         `https://api.example.com`",
                        origin.value().escape_debug()
                    ),
                ));
                false
            }
        });
        origins
    }
}
