//! The extension's configuration, typed: [`Desk::config`] and [`Desk::set_config`].

use super::{Call, Desk, HostError, answer};
use crate::config::{ConfigError, ConfigUpdate, Configured, DeskConfig, Values};
use crate::json::write::{array, string};
use crate::widget::Widget;

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
            let answer = self.call_json("get", array(&[&string(name)])).await?;
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
    /// [`ConfigError::Host`]: the SDK failed or refused; [`ConfigError::NotFinite`]: the value
    /// is a number that is not finite, refused before any call (JSON cannot hold it).
    pub fn set_config(&self, update: ConfigUpdate<W::Config>) -> Call<'_, (), ConfigError>
    where
        W: Configured<Config: DeskConfig>,
    {
        let update = update.into_json();
        Call::new(async move {
            let arguments = array(&[&string(CONFIG), &update?]);
            self.call_json("set", arguments).await?;
            Ok(())
        })
    }
}
