//! Configuration parameters the platform refuses, each reported at its field: a name with
//! upper case or spaces, two fields with one name, a setting `#[config]` does not have, a
//! type that is not a struct of named fields.

use desk_runtime::config::DeskConfig;

#[derive(DeskConfig)]
pub struct Settings {
    /// CRM address
    #[config(name = "CRM url")]
    crm_url: String,
    /// Region
    region: String,
    /// Region again
    #[config(name = "region")]
    area: String,
    /// Colour
    #[config(colour = "red")]
    colour: String,
    #[allow(non_snake_case)]
    ApiVersion: String,
}

#[derive(DeskConfig)]
pub struct Positional(String);

fn main() {}
