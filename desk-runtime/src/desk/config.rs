//! The extension's configuration, typed: [`Desk::config`] and [`Desk::set_config`].

use super::{Call, Desk, HostError, answer};
use crate::config::{ConfigError, ConfigUpdate, Configured, DeskConfig, Values};
use crate::widget::Widget;
use serde_json::json;

/// The property the configuration is read and set through.
const CONFIG: &str = "extension.config";

impl<W: Widget> Desk<W> {
    /// The extension's configuration values (`ZOHODESK.get("extension.config")`), as its
    /// configuration type: `desk.config::<Settings>().await`. Only for widgets of an
    /// extension that declares one (`config: Settings` in `extension!`).
    ///
    /// # Errors
    ///
    /// [`ConfigError`]: the SDK failed, or a parameter is missing (and mandatory) or of another
    /// type, named in the error.
    pub fn config<C>(&self) -> Call<'_, C, ConfigError>
    where
        W: Configured<Config = C>,
        C: DeskConfig,
    {
        Call::new(async move {
            let name = CONFIG;
            let answer = self.call("get", vec![json!(name)]).await?;
            let values = match answer::field::<Values>(&answer, name) {
                Ok(values) => values.unwrap_or_default(),
                Err(error) => {
                    let error = HostError::Response(format!("`{name}`: {error}"));
                    return Err(ConfigError::Host(error));
                }
            };
            C::from_values(&values)
        })
    }

    /// Sets a parameter the extension sets itself (`userdefined = false`):
    /// `desk.set_config(Settings::set_calls_logged(Some(3))).await`, as
    /// `ZOHODESK.set("extension.config", {name, value})`. The derive writes `set_<field>` for
    /// those fields only: the platform refuses the others, which the admin sets.
    ///
    /// # Errors
    ///
    /// [`HostError`]: the SDK failed or refused.
    pub fn set_config(&self, update: ConfigUpdate<W::Config>) -> Call<'_, ()>
    where
        W: Configured<Config: DeskConfig>,
    {
        let value = update.into_value();
        Call::new(async move { self.call("set", vec![json!(CONFIG), value]).await.map(drop) })
    }
}
