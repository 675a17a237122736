//! `name` twice in one `#[config]` is refused at the second, not silently overwritten.

use desk_runtime::config::DeskConfig;

#[derive(DeskConfig)]
pub struct Settings {
    #[config(name = "crm_url", name = "crm_address")]
    crm: String,
}

fn main() {}
