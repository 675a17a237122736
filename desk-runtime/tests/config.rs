//! The extension's configuration on the simulated Desk: read back typed, a missing or mistyped
//! value named in the error, values the extension sets itself written and read again, and a
//! secure value that reaches the service while the widget only ever holds its name.

use desk_runtime::config::{ConfigChoice, ConfigError, DeskConfig, Secret};
use desk_runtime::desk::Request;
use desk_runtime::prelude::*;
use desk_runtime::sim::SimulatedDesk;
use serde_json::json;

#[derive(ConfigChoice, Debug, Clone, Copy, PartialEq)]
enum Region {
    Us,
    Eu,
}

#[derive(DeskConfig, Debug)]
struct Settings {
    /// CRM address
    crm_url: String,
    /// API key
    crm_key: Secret,
    /// Region
    #[config(radio)]
    region: Region,
    /// Log calls
    log_calls: bool,
    /// Calls logged
    ///
    /// Counted by the extension.
    #[config(userdefined = false)]
    calls_logged: Option<u32>,
}

#[derive(Default)]
struct Lookup {
    settings: Option<Settings>,
    error: Option<desk_runtime::Error>,
}

#[desk_widget(location = "desk.extension.telephony")]
impl Lookup {
    #[on("call.ringing")]
    async fn ringing(&mut self, desk: &Desk<Self>) {
        match self.look_up(desk).await {
            Ok(settings) => self.settings = Some(settings),
            Err(error) => self.error = Some(error),
        }
    }
}

impl Lookup {
    async fn look_up(&self, desk: &Desk<Self>) -> Result<Settings, desk_runtime::Error> {
        let settings = desk.config::<Settings>().await?;
        let request = Request::get(settings.crm_url.clone() + "/contacts")
            .header("Authorization", "Bearer " + &settings.crm_key)
            .query("key", settings.crm_key)
            .body_field("token", settings.crm_key);
        desk.request(request).await?;
        let logged = settings.calls_logged.unwrap_or(0) + 1;
        desk.set_config(Settings::set_calls_logged(Some(logged)))
            .await?;
        Ok(settings)
    }
}

impl Page for Lookup {
    fn render(&self) -> String {
        String::new()
    }
}

desk_runtime::extension! {
    name: "Lookup",
    whitelisted_domains: ["https://crm.example.com"],
    config: Settings,
    widgets: { "Lookup": Lookup },
}

fn configured() -> SimulatedDesk<Lookup> {
    let desk = SimulatedDesk::mount(Lookup::default());
    desk.set_config("crm_url", json!("https://crm.example.com"));
    desk.set_config("region", json!("Eu"));
    desk.set_config("log_calls", json!("true"));
    desk.set_secret("crm_key", "k-123");
    desk.answer_request("GET", "https://crm.example.com/contacts", 200, json!([]));
    desk
}

#[test]
fn the_manifest_entries_come_from_the_fields() {
    let entries: Vec<_> = EXTENSION
        .config
        .iter()
        .map(|p| {
            (
                p.name,
                p.kind.map(desk_runtime::extension::ConfigType::name),
                p.secure,
                p.mandatory,
                p.user_defined,
            )
        })
        .collect();
    assert_eq!(
        entries,
        [
            ("crm_url", Some("text"), Some(false), Some(true), Some(true)),
            ("crm_key", Some("text"), Some(true), Some(true), Some(true)),
            ("region", Some("radio"), Some(false), Some(true), Some(true)),
            (
                "log_calls",
                Some("switch"),
                Some(false),
                Some(true),
                Some(true)
            ),
            (
                "calls_logged",
                Some("number"),
                Some(false),
                Some(false),
                Some(false)
            ),
        ]
    );
    let logged = &EXTENSION.config[4];
    assert_eq!(logged.display_name, Some("Calls logged"));
    assert_eq!(logged.description, Some("Counted by the extension."));
}

#[test]
fn values_are_read_back_typed() {
    let mut desk = configured();
    desk.fire_sample("call.ringing").unwrap();
    let widget = desk.widget();
    assert!(widget.error.is_none(), "{:?}", widget.error);
    let settings = widget.settings.as_ref().unwrap();
    assert_eq!(settings.crm_url, "https://crm.example.com");
    assert_eq!(settings.region, Region::Eu);
    assert!(settings.log_calls);
    assert_eq!(settings.calls_logged, None);
    assert_eq!(settings.crm_key.name(), "crm_key");
}

#[test]
fn the_service_receives_the_secret_the_widget_never_holds() {
    let mut desk = configured();
    desk.fire_sample("call.ringing").unwrap();
    let received = desk.received_requests();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0]["headers"]["Authorization"], "Bearer k-123");
    assert_eq!(received[0]["data"]["key"], "k-123");
    assert_eq!(received[0]["postBody"]["token"], "k-123");
    // What the widget sent, and everything it read: placeholders, never the value.
    let calls = format!("{:?}", desk.calls());
    assert!(calls.contains("Bearer {{crm_key}}"), "{calls}");
    assert!(!calls.contains("k-123"), "{calls}");
    let settings = format!("{:?}", desk.widget().settings);
    assert!(!settings.contains("k-123"), "{settings}");
}

#[test]
fn a_secret_without_a_value_on_the_simulated_desk_fails_the_request() {
    let mut desk = SimulatedDesk::mount(Lookup::default());
    desk.set_config("crm_url", json!("https://crm.example.com"));
    desk.set_config("region", json!("Us"));
    desk.set_config("log_calls", json!(false));
    desk.answer_request("GET", "https://crm.example.com/contacts", 200, json!([]));
    desk.fire_sample("call.ringing").unwrap();
    let error = desk.widget().error.as_ref().unwrap().to_string();
    assert!(error.contains("no value for `crm_key`"), "{error}");
    assert!(desk.received_requests().is_empty());
}

#[test]
fn a_value_the_extension_sets_is_read_back() {
    let mut desk = configured();
    desk.fire_sample("call.ringing").unwrap();
    let set = desk
        .calls()
        .into_iter()
        .find(|call| call.function == "set")
        .unwrap();
    assert_eq!(
        set.arguments,
        [
            json!("extension.config"),
            json!({ "name": "calls_logged", "value": 1 })
        ]
    );
    desk.fire_sample("call.ringing").unwrap();
    assert_eq!(
        desk.widget().settings.as_ref().unwrap().calls_logged,
        Some(1)
    );
}

#[test]
fn a_missing_mandatory_value_is_named() {
    let mut desk = configured();
    desk.set_config("crm_url", json!(""));
    desk.fire_sample("call.ringing").unwrap();
    let error = desk.widget().error.clone().unwrap();
    assert_eq!(
        error,
        desk_runtime::Error::Config(ConfigError::Missing { name: "crm_url" })
    );
    assert_eq!(
        error.to_string(),
        "the configuration parameter `crm_url` has no value, and it is mandatory"
    );
}

#[test]
fn a_mistyped_value_is_named_with_its_type() {
    for (name, value, kind) in [
        ("region", json!("Mars"), "picklist"),
        ("log_calls", json!("maybe"), "switch"),
        ("crm_url", json!(42), "text"),
        ("calls_logged", json!("many"), "number"),
    ] {
        let mut desk = configured();
        desk.set_config(name, value.clone());
        desk.fire_sample("call.ringing").unwrap();
        let error = desk.widget().error.as_ref().unwrap().to_string();
        assert_eq!(
            error,
            format!(
                "the configuration parameter `{name}` is of type `{kind}`, but its value is {value}"
            )
        );
    }
}

/// An item of `extension.config` that is not `{name, value}` fails the read, saying which item
/// and which member of it: the path is kept in the message, not only in the decoder's error.
#[test]
fn a_malformed_item_is_named_by_its_place() {
    let error = desk_runtime::json::from_str::<desk_runtime::config::Values>(
        r#"[{"name": "a", "value": 1}, {"name": "b"}, {"name": 5, "value": 1}]"#,
    )
    .unwrap_err();
    assert_eq!(
        (error.to_string().as_str(), error.path()),
        (
            "`name`: invalid type: integer `5`, expected a string",
            "[2]"
        )
    );
    for (item, message) in [
        (
            json!({"name": 5, "value": 1}),
            "`name`: invalid type: integer `5`, expected a string at `[2]`",
        ),
        (json!({"value": 1}), "missing field `name` at `[2]`"),
        (
            json!(["name", "crm_url"]),
            "invalid type: sequence, expected an object at `[2]`",
        ),
    ] {
        let mut desk = configured();
        desk.set_data(
            "extension.config",
            json!([
                {"name": "crm_url", "value": "https://crm.example.com"},
                {"name": "region", "value": "Eu"},
                item,
            ]),
        );
        desk.fire_sample("call.ringing").unwrap();
        let error = desk.widget().error.as_ref().unwrap().to_string();
        assert_eq!(
            error,
            format!("unexpected answer from Desk: `extension.config`: {message}")
        );
    }
}

/// A number the extension sets that is not finite is refused before any call: never sent as
/// the `null` that would erase the parameter's value.
mod not_finite {
    use desk_runtime::config::{ConfigError, DeskConfig};
    use desk_runtime::prelude::*;
    use desk_runtime::sim::SimulatedDesk;
    use serde_json::json;

    #[derive(DeskConfig, Debug)]
    pub struct Ratios {
        /// Ratio
        #[config(userdefined = false)]
        ratio: f64,
    }

    #[derive(Default)]
    pub struct Setter {
        ratio: f64,
        read: Option<Result<f64, ConfigError>>,
        set: Option<Result<(), ConfigError>>,
    }

    #[desk_widget(location = "desk.extension.telephony")]
    impl Setter {
        #[on("call.ringing")]
        async fn ringing(&mut self, desk: &Desk<Self>) {
            self.read = Some(desk.config::<Ratios>().await.map(|ratios| ratios.ratio));
            self.set = Some(desk.set_config(Ratios::set_ratio(self.ratio)).await);
        }
    }

    impl Page for Setter {
        fn render(&self) -> String {
            String::new()
        }
    }

    desk_runtime::extension! {
        name: "Ratios",
        config: Ratios,
        widgets: { "Setter": Setter },
    }

    fn set(ratio: f64) -> SimulatedDesk<Setter> {
        let mut desk = SimulatedDesk::mount(Setter {
            ratio,
            ..Setter::default()
        });
        desk.set_config("ratio", json!(0.5));
        desk.fire_sample("call.ringing").unwrap();
        desk
    }

    #[test]
    fn a_number_that_is_not_finite_is_not_set() {
        for (ratio, written) in [
            (f64::NAN, "NaN"),
            (f64::INFINITY, "inf"),
            (f64::NEG_INFINITY, "-inf"),
        ] {
            let desk = set(ratio);
            let error = desk.widget().set.clone().unwrap().unwrap_err();
            assert_eq!(
                error,
                ConfigError::NotFinite {
                    name: "ratio",
                    value: written
                }
            );
            assert_eq!(
                error.to_string(),
                format!(
                    "the configuration parameter `ratio` cannot be set to {written}: JSON holds \
                     finite numbers only"
                )
            );
            assert!(desk.calls().iter().all(|call| call.function != "set"));
            assert_eq!(Ratios::set_ratio(ratio).value(), Err(&error));
        }
        let mut desk = set(0.25);
        assert_eq!(desk.widget().set, Some(Ok(())));
        desk.fire_sample("call.ringing").unwrap();
        assert_eq!(desk.widget().read, Some(Ok(0.25)));
    }

    #[test]
    fn a_number_that_is_not_finite_is_not_read() {
        for value in [json!("NaN"), json!("inf"), json!("1e999")] {
            let mut desk = SimulatedDesk::mount(Setter::default());
            desk.set_config("ratio", value.clone());
            desk.fire_sample("call.ringing").unwrap();
            assert_eq!(
                desk.widget().read.clone().unwrap().unwrap_err().to_string(),
                format!(
                    "the configuration parameter `ratio` is of type `number`, but its value is \
                     {value}"
                )
            );
        }
    }
}

/// A multiselect with nothing chosen (`[]`) is no value, as an empty text (`""`) is: a
/// mandatory one's is missing, an optional one's `None`.
mod multiselect {
    use super::Region;
    use desk_runtime::config::{ConfigError, DeskConfig};
    use desk_runtime::prelude::*;
    use desk_runtime::sim::SimulatedDesk;
    use serde_json::{Value, json};

    #[derive(DeskConfig, Debug)]
    pub struct Regions {
        /// Regions
        regions: Vec<Region>,
        /// Backup regions
        backups: Option<Vec<Region>>,
    }

    /// `regions` and `backups`, or why they could not be read.
    type Read = Result<(Vec<Region>, Option<Vec<Region>>), ConfigError>;

    #[derive(Default)]
    pub struct Reader {
        read: Option<Read>,
    }

    #[desk_widget(location = "desk.extension.telephony")]
    impl Reader {
        #[on("call.ringing")]
        async fn ringing(&mut self, desk: &Desk<Self>) {
            let read = desk.config::<Regions>().await;
            self.read = Some(read.map(|read| (read.regions, read.backups)));
        }
    }

    impl Page for Reader {
        fn render(&self) -> String {
            String::new()
        }
    }

    desk_runtime::extension! {
        name: "Regions",
        config: Regions,
        widgets: { "Reader": Reader },
    }

    fn read(regions: Value, backups: Value) -> Read {
        let mut desk = SimulatedDesk::mount(Reader::default());
        desk.set_config("regions", regions);
        desk.set_config("backups", backups);
        desk.fire_sample("call.ringing").unwrap();
        desk.widget().read.clone().unwrap()
    }

    #[test]
    fn nothing_chosen_is_no_value() {
        for empty in [json!([]), json!(""), json!(null)] {
            assert_eq!(
                read(empty.clone(), json!(["Eu"])),
                Err(ConfigError::Missing { name: "regions" }),
                "{empty}"
            );
            assert_eq!(
                read(json!(["Us"]), empty.clone()),
                Ok((vec![Region::Us], None)),
                "{empty}"
            );
        }
        // As Desk may write it, spaced.
        let values = desk_runtime::json::from_str::<desk_runtime::config::Values>(
            r#"[{"name": "regions", "value": [ ]}, {"name": "backups", "value": [ "Eu" ]}]"#,
        )
        .unwrap();
        assert!(values.get("regions").is_none());
        assert_eq!(values.get("backups").unwrap().get(), r#"[ "Eu" ]"#);
        assert_eq!(
            read(json!(["Us", "Eu"]), json!("Eu")),
            Ok((vec![Region::Us, Region::Eu], Some(vec![Region::Eu])))
        );
        // A list of nothing but an empty choice is a choice that does not exist.
        assert!(matches!(
            read(json!([""]), json!(null)),
            Err(ConfigError::Mistyped {
                name: "regions",
                ..
            })
        ));
    }
}
