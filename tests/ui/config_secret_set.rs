//! A secure parameter is set by the admin who installs the extension, never by the widget,
//! which never holds its value: `userdefined = false` on a `Secret` does not compile.

use desk_runtime::config::{DeskConfig, Secret};

#[derive(DeskConfig)]
pub struct Settings {
    /// CRM API key
    #[config(userdefined = false)]
    crm_key: Option<Secret>,
}

fn main() {}
