//! A picklist without choices is refused at the enum's name and braces, not at the derive.

use desk_runtime::config::ConfigChoice;

#[derive(ConfigChoice)]
pub enum Region {}

fn main() {}
