//! `userdefined` twice in one `#[config]` is refused at the second, not silently overwritten.

use desk_runtime::config::DeskConfig;

#[derive(DeskConfig)]
pub struct Settings {
    #[config(userdefined = false, userdefined = true)]
    region: String,
}

fn main() {}
