//! Two `#[config]` attributes on one field: the second is refused, not read over the first.

use desk_runtime::config::DeskConfig;

#[derive(DeskConfig)]
pub struct Settings {
    #[config(name = "crm_url")]
    #[config(display_name = "CRM address")]
    crm: String,
}

fn main() {}
