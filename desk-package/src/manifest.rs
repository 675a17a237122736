//! `plugin-manifest.json`, from the extension's declaration.

use desk_runtime::Extension;
use desk_runtime::extension::{ConfigParam, ConfigType, Connector};
use serde_json::{Map, Value, json};

pub(crate) fn manifest(extension: &Extension) -> Value {
    let widgets: Vec<Value> = extension
        .widgets
        .iter()
        .map(|widget| {
            json!({
                "location": widget.location,
                "url": format!("/app/{}.html", widget.page),
                "name": widget.name,
                "logo": "/app/img/logo.png",
                "icon": "/app/img/icon.png",
            })
        })
        .collect();
    // Without declared locales, `en` alone: the toolkit's default, which the package ships.
    let locales: Vec<&str> = if extension.locales.is_empty() {
        vec!["en"]
    } else {
        extension.locales.iter().map(|locale| locale.code).collect()
    };
    json!({
        "locale": locales,
        "service": "DESK",
        "storage": extension.storage,
        "type": "personal",
        "whiteListedDomains": extension.whitelisted_domains,
        "modules": { "widgets": widgets },
        "cspDomains": { "connect-src": extension.connect_src },
        "zohoAuthorisation": {},
        "connectors": extension.connectors.iter().map(connector).collect::<Vec<_>>(),
        "config": extension.config.iter().map(config).collect::<Vec<_>>(),
        "moduleSupport": false,
    })
}

fn connector(connector: &Connector) -> Value {
    let mut object = Map::new();
    object.insert(
        "connectionLinkName".into(),
        connector.connection_link_name.into(),
    );
    object.insert("connectionName".into(), connector.connection_name.into());
    object.insert("serviceName".into(), connector.service_name.into());
    optional(&mut object, "userAccess", connector.user_access);
    optional(
        &mut object,
        "isUserDefinedService",
        connector.is_user_defined_service,
    );
    object.insert("scope".into(), connector.scope.into());
    Value::Object(object)
}

fn config(param: &ConfigParam) -> Value {
    let mut object = Map::new();
    object.insert("name".into(), param.name.into());
    optional(&mut object, "displayName", param.display_name);
    optional(&mut object, "description", param.description);
    optional(&mut object, "type", param.kind.map(ConfigType::name));
    optional(&mut object, "secure", param.secure);
    optional(&mut object, "mandatory", param.mandatory);
    optional(&mut object, "userdefined", param.user_defined);
    Value::Object(object)
}

/// Writes `key` only when the declaration gave it: the platform's defaults stay its own.
fn optional(object: &mut Map<String, Value>, key: &str, value: Option<impl Into<Value>>) {
    if let Some(value) = value {
        object.insert(key.to_owned(), value.into());
    }
}
