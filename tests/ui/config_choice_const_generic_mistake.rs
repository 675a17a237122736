//! A const parameter, which rustc lets an enum leave unused, is refused by the derive, once.

use desk_runtime::config::ConfigChoice;

#[derive(ConfigChoice)]
pub enum Region<const N: usize> {
    Europe,
    India,
}

fn main() {}
