//! `radio` and `checkbox` on one field: a parameter is shown one way, the second is refused.

use desk_runtime::config::{ConfigChoice, DeskConfig};

#[derive(ConfigChoice)]
pub enum Region {
    Europe,
    India,
}

#[derive(DeskConfig)]
pub struct Settings {
    #[config(radio, checkbox)]
    region: Region,
}

fn main() {}
